// Keeps an ECS view current: loads on mount, after any call that may have changed state
// (LabApi.onChange), when the region changes, and every second while background work (Creating,
// progressing) is under way — the cloud's jobs finish without a call, so the page polls until they do.
import { createEffect, on, onCleanup, onMount } from 'solid-js';
import { useLabApi } from '../lab-api-context';
import { changesEcsView } from './ecs-action';
import { useRegion } from './region-context';

const POLL_MS = 1000;

export function useRefresh(load: () => Promise<void>, isWorking: () => boolean): void {
  const api = useLabApi();
  const region = useRegion();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isAlive = true;
  const schedule = () => {
    if (timer !== undefined || !isAlive) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (isWorking()) void load().then(() => isWorking() && schedule());
    }, POLL_MS);
  };
  onMount(() => void load().then(() => isWorking() && schedule()));
  createEffect(on(region.regionId, () => void load(), { defer: true }));
  createEffect(() => {
    if (isWorking()) schedule();
  });
  onCleanup(api.onChange((product, action) => {
    if (changesEcsView(product, action)) void load();
  }));
  onCleanup(() => {
    isAlive = false;
    if (timer !== undefined) clearTimeout(timer);
  });
}
