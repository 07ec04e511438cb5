// The audit trail as a signal: read through the AuditReader port, read again shortly after any
// lab API call (every call appends a record; reading the trail is not a call, so this never loops).
import { createSignal, onCleanup, onMount, type Accessor } from 'solid-js';
import type { AuditRecord } from '../../core/audit/types';
import { useLabApi } from '../lab-api-context';
import type { AuditReader } from './audit-reader-context';
import { describeCloudError, type CloudErrorText } from './cloud-error';

const SETTLE_MS = 150;

export function useAuditRecords(reader: AuditReader): { records: Accessor<AuditRecord[] | undefined>; error: Accessor<CloudErrorText | undefined>; reload(): void } {
  const api = useLabApi();
  const [records, setRecords] = createSignal<AuditRecord[]>();
  const [error, setError] = createSignal<CloudErrorText>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const reload = () => {
    const mine = ++generation;
    reader.list().then(
      (list) => {
        if (mine !== generation) return;
        setRecords(list);
        setError(undefined);
      },
      (failure: unknown) => mine === generation && setError(describeCloudError(failure)),
    );
  };
  onMount(reload);
  onCleanup(api.onChange(() => {
    clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
  }));
  onCleanup(() => clearTimeout(timer));
  return { records, error, reload };
}
