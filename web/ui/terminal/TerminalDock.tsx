// The terminal's place in the page: a toggle for the header and the panel docked at the bottom of
// every page (a portal, so it outlives route changes). The ` key opens it unless the reader is typing
// in a field; Esc closes it and gives focus back to where it was.
import { Show, onCleanup, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';
import { useI18n } from '../../i18n/I18nProvider';
import { isTerminalShortcut, SHORTCUT_KEY } from './shortcut';
import { createTerminalState } from './terminal-state';
import { TerminalPanel } from './TerminalPanel';
import './terminal.css';

export function TerminalDock() {
  const { t } = useI18n();
  const state = createTerminalState();
  let toggle!: HTMLButtonElement;
  let input: HTMLInputElement | undefined;
  let returnFocus: HTMLElement | null = null;

  const open = () => {
    const active = document.activeElement;
    returnFocus = active instanceof HTMLElement && active !== document.body ? active : toggle;
    if (state.isOpen()) input?.focus();
    else state.setOpen(true); // the panel focuses its input when it mounts
  };
  const close = () => {
    state.setOpen(false);
    const target = returnFocus?.isConnected ? returnFocus : toggle;
    returnFocus = null;
    target.focus();
  };

  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isTerminalShortcut(event)) return;
      event.preventDefault();
      const isInside = document.getElementById('lab-terminal')?.contains(document.activeElement);
      if (state.isOpen() && isInside) close();
      else open();
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  return (
    <>
      <button
        type="button"
        ref={toggle}
        class="lab-bar__button terminal-toggle"
        data-testid="terminal-toggle"
        aria-expanded={state.isOpen()}
        aria-controls={state.isOpen() ? 'lab-terminal' : undefined}
        aria-keyshortcuts={SHORTCUT_KEY}
        title={t('terminal.toggle.title')}
        onClick={() => (state.isOpen() ? close() : open())}
      >
        <span aria-hidden="true" class="terminal-toggle__icon">&gt;_</span> {t('terminal.toggle')}
        <kbd class="terminal-toggle__key" aria-hidden="true">{SHORTCUT_KEY}</kbd>
      </button>
      <Show when={state.isOpen()}>
        <Portal>
          <TerminalPanel state={state} onClose={close} inputRef={(el) => (input = el)} />
        </Portal>
      </Show>
    </>
  );
}
