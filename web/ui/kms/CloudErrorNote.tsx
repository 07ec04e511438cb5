// A failed cloud call on a KMS page: the lab's one error block (web/ui/errors/CloudErrorNote) with
// the test id the console's tests look for.
import { CloudErrorNote as ErrorNote } from '../errors/CloudErrorNote';
import type { CloudErrorText } from './cloud-error';

export function CloudErrorNote(props: { error: CloudErrorText; testId?: string }) {
  return <ErrorNote error={props.error} testId={props.testId ?? 'cloud-error'} />;
}
