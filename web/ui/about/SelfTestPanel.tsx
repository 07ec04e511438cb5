// "Crypto engine self-test": runs the IEEE 1619 known answers in the worker pool as soon as
// the page opens, lists every case, and sums up in one line (data-status for tests).
import { For, Match, Show, Switch, createSignal, onMount } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useDiagnostics } from '../diagnostics-context';
import type { SelfTestResult } from '../../core/ports';
import { failSelfTest, groupByCase, settleSelfTest, type SelfTestCase, type SelfTestState } from './self-test-state';
import { Verdict } from './Verdict';

const checksOf = (row: SelfTestCase) =>
  [row.encrypt, row.decrypt].filter((r): r is SelfTestResult => r !== undefined);

export function SelfTestPanel() {
  const { t, tn } = useI18n();
  const diagnostics = useDiagnostics();
  const [state, setState] = createSignal<SelfTestState>({ status: 'running' });

  async function run() {
    setState({ status: 'running' });
    const started = performance.now();
    try {
      const results = await diagnostics.runSelfTest();
      setState(settleSelfTest(results, performance.now() - started));
    } catch (error) {
      console.error('self-test:', error);
      setState(failSelfTest(error));
    }
  }
  onMount(run);

  const results = () => {
    const s = state();
    return 'results' in s ? s.results : [];
  };
  const failedCount = () => results().filter((r) => !r.isPassed).length;

  const summary = () => {
    const s = state();
    if (s.status === 'running') return t('selftest.running');
    if ('error' in s) return t('selftest.error', { message: s.error });
    if (s.status === 'passed') {
      const workers = diagnostics.workerCount;
      return tn('selftest.passed', workers, { checks: s.results.length, workers, ms: s.elapsedMs });
    }
    return t('selftest.failed', { failed: failedCount(), checks: s.results.length });
  };

  return (
    <section class="panel" aria-labelledby="selftest-title">
      <div class="panel__head">
        <h3 id="selftest-title">{t('selftest.title')}</h3>
        <button type="button" class="button button--quiet" onClick={run} disabled={state().status === 'running'}>
          {t('selftest.rerun')}
        </button>
      </div>
      <p class="panel__description">{t('selftest.description')}</p>
      <p
        class="summary"
        classList={{ [`summary--${state().status}`]: true }}
        data-testid="selftest-summary"
        data-status={state().status}
        role="status"
      >
        <span class="summary__icon" aria-hidden="true">
          <Switch>
            <Match when={state().status === 'running'}><span class="spinner" /></Match>
            <Match when={state().status === 'passed'}>✓</Match>
            <Match when={state().status === 'failed'}>!</Match>
          </Switch>
        </span>
        <span>{summary()}</span>
      </p>
      <Show when={results().length > 0}>
        <div class="table-wrap">
          <table class="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('selftest.col.case')}</th>
                <th scope="col">{t('op.encrypt')}</th>
                <th scope="col">{t('op.decrypt')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={groupByCase(results())}>
                {(row) => (
                  <tr classList={{ 'row--failed': checksOf(row).some((r) => !r.isPassed) }}>
                    <th scope="row">
                      {row.name}
                      <For each={checksOf(row).filter((r) => !r.isPassed && r.detail)}>
                        {(r) => <div class="detail">{t(r.op === 'encrypt' ? 'op.encrypt' : 'op.decrypt')}: {r.detail}</div>}
                      </For>
                    </th>
                    <td><Verdict result={row.encrypt} /></td>
                    <td><Verdict result={row.decrypt} /></td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
