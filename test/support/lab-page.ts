// Helpers for browser tests that drive the built app through window.aliyunLab (the JS API main.tsx
// exposes) and read its IndexedDB database directly: calls that return the cloud's error body as a
// value, polling a resource until it settles, and a raw read of one store.
import { expect, type Page } from '@playwright/test';

export interface CallError {
  Code: string;
  HttpStatus: number;
  Message: string;
  RequestId: string;
}

export type CallResult = Record<string, unknown> & { RequestId: string };

declare global {
  interface Window {
    aliyunLab: { call(product: string, action: string, params?: Record<string, unknown>): Promise<CallResult> };
  }
}

export async function openApp(page: Page): Promise<void> {
  await page.goto('./');
  await page.waitForFunction(() => 'aliyunLab' in window);
}

/** window.aliyunLab.call; rejects (in Node) with the cloud's error body. */
export async function call(page: Page, product: string, action: string, params: Record<string, unknown> = {}): Promise<CallResult> {
  const out = await page.evaluate(async ([p, a, x]) => {
    try {
      return { ok: await window.aliyunLab.call(p, a, x), error: undefined };
    } catch (error) {
      const e = error as CallError;
      return { ok: undefined, error: { Code: e.Code, HttpStatus: e.HttpStatus, Message: e.Message, RequestId: e.RequestId } };
    }
  }, [product, action, params] as const);
  if (out.error) throw Object.assign(new Error(`${product}.${action}: ${out.error.Code} ${out.error.Message}`), out.error);
  return out.ok as CallResult;
}

/** The error body of a call that must fail. */
export async function callError(page: Page, product: string, action: string, params: Record<string, unknown> = {}): Promise<CallError> {
  try {
    await call(page, product, action, params);
  } catch (error) {
    return error as CallError;
  }
  throw new Error(`${product}.${action} was expected to fail`);
}

/** Polls DescribeSnapshots until the snapshot leaves 'progressing'; returns it. */
export async function settledSnapshot(page: Page, snapshotId: string, regionId = 'cn-hangzhou'): Promise<Record<string, unknown>> {
  let snapshot: Record<string, unknown> = {};
  await expect.poll(async () => {
    const r = await call(page, 'Ecs', 'DescribeSnapshots', { RegionId: regionId, SnapshotIds: [snapshotId] });
    snapshot = (r.Snapshots as { Snapshot: Record<string, unknown>[] }).Snapshot[0];
    return snapshot?.Status;
  }, { timeout: 30_000 }).not.toBe('progressing');
  return snapshot;
}

/** Polls DescribeDisks until the disk leaves 'Creating'; returns it. */
export async function settledDisk(page: Page, diskId: string): Promise<Record<string, unknown>> {
  let disk: Record<string, unknown> = {};
  await expect.poll(async () => {
    const r = await call(page, 'Ecs', 'DescribeDisks', { DiskIds: [diskId] });
    disk = (r.Disks as { Disk: Record<string, unknown>[] }).Disk[0];
    return disk?.Status;
  }, { timeout: 30_000 }).not.toBe('Creating');
  return disk;
}

/** Every record of one store of the app's database (values must be structured-clone-able to JSON). */
export async function readStore(page: Page, store: string): Promise<unknown[]> {
  return page.evaluate((name) => new Promise<unknown[]>((resolve, reject) => {
    const open = indexedDB.open('disk-encryption-lab');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction(name, 'readonly').objectStore(name).getAll();
      request.onsuccess = () => { db.close(); resolve(request.result); };
      request.onerror = () => { db.close(); reject(request.error); };
    };
  }), store);
}

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
