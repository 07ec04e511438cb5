// The background work of ECS (cloud-api.md §2.4–2.5 timing): copies and images return at once and
// finish here, reporting Progress; a failure marks its resource failed. Tests await `idle()`, and
// `pause()` holds new jobs so "not ready yet" can be observed; the UI listens with `onSettled`.

export interface JobFailure {
  resourceId: string;
  kind: string;
  error: unknown;
}

interface Job {
  kind: string;
  percent: number;
  promise: Promise<void>;
}

export class JobRunner {
  private readonly running = new Map<string, Job>();
  private gate: Promise<void> = Promise.resolve();
  private openGate: (() => void) | undefined;
  /** Every job that failed (its resource was marked failed by `onFailure`). */
  readonly failures: JobFailure[] = [];
  /** Called after each job ends, success or failure (the UI refreshes). */
  onSettled: ((resourceId: string, kind: string) => void) | undefined;

  /** Starts `work` in the background under `resourceId`. `onFailure` marks the resource failed;
   *  if that throws too, both errors are kept in `failures`. Never rejects. */
  start(resourceId: string, kind: string, work: (report: (percent: number) => void) => Promise<void>, onFailure: (error: unknown) => Promise<void>): void {
    if (this.running.has(resourceId)) throw new Error(`"resourceId" ${resourceId} already has a running job`);
    const job: Job = { kind, percent: 0, promise: Promise.resolve() };
    const report = (percent: number) => { job.percent = Math.max(job.percent, Math.min(100, Math.floor(percent))); };
    const gate = this.gate;
    job.promise = (async () => {
      await gate;
      // Never inside the caller's turn: the action has returned before any work starts.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      await work(report);
    })().catch(async (error: unknown) => {
      this.failures.push({ resourceId, kind, error });
      try {
        await onFailure(error);
      } catch (markError) {
        this.failures.push({ resourceId, kind: `${kind}:mark-failed`, error: markError });
      }
    }).finally(() => {
      this.running.delete(resourceId);
      this.onSettled?.(resourceId, kind);
    });
    this.running.set(resourceId, job);
  }

  /** A change made outside any call or job (the guest powered itself off): listeners hear of it as of a settled job. */
  announce(resourceId: string, kind: string): void {
    this.onSettled?.(resourceId, kind);
  }

  /** Live progress (0–100) of a running job, or undefined when none runs for the resource. */
  progress(resourceId: string): number | undefined {
    return this.running.get(resourceId)?.percent;
  }

  /** Resolves when the job running for `resourceId` (if any) has settled, success or failure. */
  async whenDone(resourceId: string): Promise<void> {
    await this.running.get(resourceId)?.promise;
  }

  isRunning(resourceId: string): boolean {
    return this.running.has(resourceId);
  }

  /** Jobs started from now on wait until `resume()` (tests: see a resource while it is not ready). */
  pause(): void {
    if (this.openGate) return;
    this.gate = new Promise<void>((resolve) => { this.openGate = resolve; });
  }

  resume(): void {
    this.openGate?.();
    this.openGate = undefined;
    this.gate = Promise.resolve();
  }

  /** Resolves when no job is running, including jobs started meanwhile. Hangs while paused with jobs waiting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((j) => j.promise));
  }
}
