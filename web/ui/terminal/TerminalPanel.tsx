// The in-page terminal (issue 4 §1): a log of aliyun commands and their answers (role="log", polite)
// over a labelled command input with history (↑/↓), Tab completion, `clear`, --help and a copy of
// the last output. Commands go through parseCli → useLabApi().call; nothing here calls a service.
import { For, Show, createEffect, createSignal, on, onMount } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabApi } from '../lab-api-context';
import { complete } from './completion';
import { lastOutputText, runLine } from './run-line';
import { TerminalEntry } from './TerminalEntry';
import type { TerminalState } from './terminal-state';
import { stepHistory } from './transcript';

export function TerminalPanel(props: { state: TerminalState; onClose(): void; inputRef?(input: HTMLInputElement): void }) {
  const { t } = useI18n();
  const api = useLabApi();
  const [line, setLine] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  const [copyStatus, setCopyStatus] = createSignal('');
  let historyIndex = props.state.commands().length;
  let draft = '';
  let log!: HTMLDivElement;
  let input!: HTMLInputElement;

  onMount(() => {
    props.inputRef?.(input);
    input.focus();
    log.scrollTop = log.scrollHeight;
  });
  createEffect(on(() => props.state.entries().length, () => { log.scrollTop = log.scrollHeight; }, { defer: true }));

  const submit = async () => {
    const text = line();
    if (isBusy() || !text.trim()) return;
    setLine('');
    setCopyStatus('');
    props.state.addCommand(text);
    historyIndex = props.state.commands().length;
    draft = '';
    setBusy(true);
    try {
      const result = await runLine(api, text);
      if (result.kind === 'clear') props.state.clear();
      else props.state.addEntries(result.entries);
    } finally {
      setBusy(false);
      input.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing) return; // the IME owns the keys while composing Japanese
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const commands = props.state.commands();
      if (historyIndex === commands.length) draft = line();
      const step = stepHistory(commands, historyIndex, event.key === 'ArrowUp' ? -1 : 1, draft);
      historyIndex = step.index;
      setLine(step.text);
      event.preventDefault();
      queueMicrotask(() => input.setSelectionRange(step.text.length, step.text.length));
    } else if (event.key === 'Tab' && !event.shiftKey && line().trim() !== '' && input.selectionStart === line().length) {
      // Tab completes only when there is something to complete; otherwise it moves focus as usual.
      const result = complete(line(), (product, action) => api.helpText(product, action));
      if (result.line === line() && result.candidates.length === 0) return;
      event.preventDefault();
      setLine(result.line);
      if (result.candidates.length) props.state.addEntries([{ kind: 'candidates', names: result.candidates }]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
    }
  };

  const copyLast = async () => {
    const text = lastOutputText(props.state.entries());
    if (text === undefined) return setCopyStatus(t('terminal.copy.nothing'));
    try {
      await navigator.clipboard.writeText(text);
      setCopyStatus(t('terminal.copied'));
    } catch (error) {
      setCopyStatus(t('terminal.copy.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <section class="terminal" id="lab-terminal" aria-labelledby="lab-terminal-title" data-testid="terminal" onKeyDown={(e) => e.key === 'Escape' && !e.defaultPrevented && props.onClose()}>
      <div class="terminal__bar">
        <h2 class="terminal__title" id="lab-terminal-title">{t('terminal.title')}</h2>
        <p class="terminal__hint">{t('terminal.hint')}</p>
        <span class="terminal__status" role="status">{copyStatus()}</span>
        <div class="terminal__actions">
          <button type="button" class="terminal__button" onClick={copyLast} data-testid="terminal-copy">{t('terminal.copy')}</button>
          <button type="button" class="terminal__button" onClick={() => { props.state.clear(); input.focus(); }}>{t('terminal.clear')}</button>
          <button type="button" class="terminal__button" onClick={() => props.onClose()} aria-label={t('terminal.close')} title={t('terminal.close')}>✕</button>
        </div>
      </div>
      <div class="terminal__log" ref={log} role="log" aria-live="polite" aria-busy={isBusy()} aria-label={t('terminal.log')} tabindex="0" data-testid="terminal-log">
        <Show when={props.state.entries().length === 0}>
          <p class="terminal__welcome">{t('terminal.welcome')}</p>
        </Show>
        <For each={props.state.entries()}>
          {(entry, index) => (
            <>
              <TerminalEntry entry={entry} />
              <Show when={index() === props.state.restoredCount() - 1}>
                <p class="terminal__restored">{t('terminal.restored')}</p>
              </Show>
            </>
          )}
        </For>
        <Show when={isBusy()}>
          <p class="terminal__running">{t('terminal.running')}</p>
        </Show>
      </div>
      <form class="terminal__form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label for="lab-terminal-input" class="terminal__prompt">
          <span aria-hidden="true">$</span>
          <span class="visually-hidden">{t('terminal.input')}</span>
        </label>
        <input
          id="lab-terminal-input"
          ref={input}
          class="terminal__input"
          data-testid="terminal-input"
          type="text"
          lang="en"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          placeholder="aliyun kms CreateKey --Description demo"
          value={line()}
          onInput={(e) => setLine(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </form>
    </section>
  );
}
