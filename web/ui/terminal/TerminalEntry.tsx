// One transcript entry as printed: the command echo, a pretty JSON response, help text, or the
// cloud's error body (Code, HttpStatus, Message, RequestId) with its explanation beside it.
import { Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { ErrorExplanation } from '../errors/ErrorExplanation';
import { entryText } from './run-line';
import type { Entry } from './transcript';

export function TerminalEntry(props: { entry: Entry }) {
  const { t } = useI18n();
  const entry = () => props.entry;
  return (
    <Switch>
      <Match when={entry().kind === 'command'}>
        <pre class="terminal__line terminal__line--command" data-testid="terminal-command" lang="en">
          <span class="terminal__prompt" aria-hidden="true">$ </span>
          {(entry() as { text: string }).text}
        </pre>
      </Match>
      <Match when={entry().kind === 'error' ? (entry() as Extract<Entry, { kind: 'error' }>) : undefined}>
        {(error) => (
          <div class="terminal__error" data-testid="terminal-error" data-code={error().body.Code} data-status={error().body.HttpStatus}>
            <div class="terminal__error-body">
              <p class="terminal__error-head">
                <span class="terminal__badge">HTTP {error().body.HttpStatus}</span> <code>{error().body.Code}</code>
              </p>
              <pre class="terminal__line terminal__line--error" lang="en">{entryText(error())}</pre>
            </div>
            <ErrorExplanation class="terminal__explanation" code={error().body.Code} httpStatus={error().body.HttpStatus} />
          </div>
        )}
      </Match>
      <Match when={entry().kind === 'syntax'}>
        <div class="terminal__error" data-testid="terminal-error" data-code="CliSyntaxError">
          <div class="terminal__error-body">
            <p class="terminal__error-head">{t('terminal.syntax')}</p>
            <pre class="terminal__line terminal__line--error" lang="en">{entryText(entry())}</pre>
          </div>
          <ErrorExplanation class="terminal__explanation" code="CliSyntaxError" />
        </div>
      </Match>
      <Match when={entry().kind === 'candidates'}>
        <p class="terminal__candidates" data-testid="terminal-candidates">
          <span class="visually-hidden">{t('terminal.candidates')} </span>
          <span lang="en">{entryText(entry())}</span>
        </p>
      </Match>
      <Match when={true}>
        <pre class="terminal__line" data-testid="terminal-output" data-kind={entry().kind} lang="en">{entryText(entry())}</pre>
      </Match>
    </Switch>
  );
}
