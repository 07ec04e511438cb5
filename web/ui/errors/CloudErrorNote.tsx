// A failed lab API call, shown as the cloud answered it — HTTP status, Code, Message, RequestId in
// the cloud's English — with the explanation in the page's language beside it.
import { Show } from 'solid-js';
import type { ErrorBody } from './error-body';
import { ErrorExplanation } from './ErrorExplanation';

export function CloudErrorNote(props: { error: ErrorBody; testId?: string }) {
  return (
    <div class="cloud-error" role="alert" data-testid={props.testId} data-code={props.error.Code}>
      <div class="cloud-error__body" lang="en">
        <p>
          <span class="cloud-error__status">HTTP {props.error.HttpStatus}</span> <code>{props.error.Code}</code>
        </p>
        <p class="cloud-error__message">{props.error.Message}</p>
        <Show when={props.error.RequestId}>
          <p class="cloud-error__request">RequestId: <code>{props.error.RequestId}</code></p>
        </Show>
      </div>
      <ErrorExplanation code={props.error.Code} httpStatus={props.error.HttpStatus} />
    </div>
  );
}
