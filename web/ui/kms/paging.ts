// Pure paging arithmetic for the console's lists (ListKeys PageNumber/PageSize, the audit trail):
// how many pages, which page is valid, and which entries a page shows. Unit-tested in Node.

export const PAGE_SIZES = [10, 20, 50] as const;

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / pageSize));
}

/** `page` kept within 1…pageCount (a page emptied by a deletion falls back to the last one). */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, Math.floor(page) || 1), pageCount(total, pageSize));
}

/** 1-based positions of the first and last entry on `page` ({ first: 0, last: 0 } when empty). */
export function pageRange(page: number, pageSize: number, total: number): { first: number; last: number } {
  if (total <= 0) return { first: 0, last: 0 };
  const first = (clampPage(page, total, pageSize) - 1) * pageSize + 1;
  return { first, last: Math.min(total, first + pageSize - 1) };
}

/** The entries of `page` from a whole list held in memory. */
export function pageSlice<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const { first, last } = pageRange(page, pageSize, items.length);
  return first === 0 ? [] : items.slice(first - 1, last);
}
