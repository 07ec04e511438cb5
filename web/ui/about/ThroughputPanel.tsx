// "Throughput": a short measurement on demand, with progress, then MiB/s of the kernel in the
// worker pool beside WebCrypto AES-CTR (native code) and their ratio.
import { For, Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useDiagnostics } from '../diagnostics-context';
import { throughputRows, type ThroughputRow } from './throughput-rows';

type MeasureState =
  | { status: 'idle' }
  | { status: 'measuring'; done: number; total: number }
  | { status: 'done'; rows: ThroughputRow[] }
  | { status: 'failed'; error: string };

export function ThroughputPanel() {
  const { t, locale } = useI18n();
  const diagnostics = useDiagnostics();
  const [state, setState] = createSignal<MeasureState>({ status: 'idle' });
  const isMeasuring = () => state().status === 'measuring';

  async function measure() {
    setState({ status: 'measuring', done: 0, total: 1 });
    try {
      const results = await diagnostics.measureThroughput((done, total) => setState({ status: 'measuring', done, total }));
      setState({ status: 'done', rows: throughputRows(results) });
    } catch (error) {
      console.error('throughput:', error);
      setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  const number = (value: number | null, digits: number) =>
    value === null ? t('common.none') : value.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const progress = () => {
    const s = state();
    return s.status === 'measuring' ? s : null;
  };
  const rows = () => {
    const s = state();
    return s.status === 'done' ? s.rows : null;
  };
  const error = () => {
    const s = state();
    return s.status === 'failed' ? s.error : null;
  };

  return (
    <section class="panel" aria-labelledby="throughput-title" aria-busy={isMeasuring()}>
      <div class="panel__head">
        <h3 id="throughput-title">{t('throughput.title')}</h3>
        <button type="button" class="button" onClick={measure} disabled={isMeasuring()}>
          {isMeasuring() ? t('throughput.measuring') : t('throughput.measure')}
        </button>
      </div>
      <p class="panel__description">{t('throughput.description')}</p>
      <Show when={state().status === 'idle'}>
        <p class="muted">{t('throughput.idle')}</p>
      </Show>
      <Show when={progress()}>
        {(p) => (
          <progress class="progress" aria-label={t('throughput.progress')} max={p().total} value={p().done} />
        )}
      </Show>
      <Show when={error()}>
        {(message) => <p class="summary summary--failed" role="alert">{t('throughput.error', { message: message() })}</p>}
      </Show>
      <Show when={rows()}>
        {(list) => (
          <div class="table-wrap">
            <table class="table table--numbers" data-testid="throughput-table">
              <caption>{t('throughput.caption', { workers: diagnostics.workerCount })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('throughput.col.op')}</th>
                  <th scope="col">{t('throughput.col.kernel')}</th>
                  <th scope="col">{t('throughput.col.native')}</th>
                  <th scope="col">{t('throughput.col.ratio')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(row) => (
                    <tr>
                      <th scope="row">{t(row.op === 'encrypt' ? 'op.encrypt' : 'op.decrypt')}</th>
                      <td data-cell="kernel">{number(row.kernelMibps, 0)}</td>
                      <td data-cell="native">{number(row.nativeMibps, 0)}</td>
                      <td data-cell="ratio">{row.ratio === null ? t('common.none') : `${number(row.ratio, 2)}×`}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </section>
  );
}
