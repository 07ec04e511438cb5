// Which keys typed on the console's focused screen go to the guest by character (pure): v86 maps keys by
// position on a US keyboard (KeyboardEvent.code), so on a Japanese (JIS) keyboard Shift+2 would type '@'
// instead of '"', and ':' would type "'". Printable ASCII is therefore sent as the character the key
// shows; Enter, Backspace, arrows and Ctrl/Alt combinations still go to v86 as keys.

export type ScreenKey = 'leave' | 'character' | 'key';

export function screenKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'isComposing'>): ScreenKey {
  if (event.key === 'Tab') return 'leave'; // no keyboard trap: Tab moves the focus on
  if (event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return 'key';
  return /^[\x20-\x7e]$/.test(event.key) ? 'character' : 'key';
}
