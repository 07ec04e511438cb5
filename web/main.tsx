// Composition root: wires the crypto engine into the UI. No logic lives here.
import { render } from 'solid-js/web';
import { createCryptoEngine } from './adapters/engine/engine';
import { I18nProvider } from './i18n/I18nProvider';
import { App } from './ui/App';
import { DiagnosticsProvider } from './ui/diagnostics-context';
import './ui/styles.css';

const engine = createCryptoEngine();

render(
  () => (
    <I18nProvider>
      <DiagnosticsProvider diagnostics={engine.diagnostics}>
        <App />
      </DiagnosticsProvider>
    </I18nProvider>
  ),
  document.getElementById('app')!,
);
