// The terminal's keyboard shortcut: the backquote key (`) opens and closes it, but never while the
// reader is typing into a field (it must not steal keys or focus from inputs) and never with a
// modifier other than Shift (Japanese layouts type ` with Shift+@). Pure: unit-tested in Node.

export const SHORTCUT_KEY = '`';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: unknown;
}

/** Form fields, editable content and anything inside them. */
export function isEditable(target: unknown): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable === true) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = typeof el.type === 'string' ? el.type.toLowerCase() : 'text';
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(type);
}

export function isTerminalShortcut(event: KeyLike): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  if (event.key !== SHORTCUT_KEY || event.ctrlKey || event.altKey || event.metaKey) return false;
  return !isEditable(event.target);
}
