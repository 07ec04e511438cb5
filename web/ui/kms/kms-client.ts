// The console's typed view of the KMS actions it uses, over the LabApi (the same router as
// window.aliyunLab): the cloud's response shapes in, plain lists out. Lists that the console shows
// whole (aliases, versions) are read page by page with PageSize 100, the cloud's maximum.
import type { LabApi, LabResponse } from '../lab-api-context';
import type { KeyMetadata } from './key-view';

export interface AliasEntry {
  AliasName: string;
  KeyId: string;
}

export interface VersionEntry {
  KeyId: string;
  KeyVersionId: string;
  CreationDate: string;
}

export interface TagEntry {
  TagKey: string;
  TagValue: string;
}

export interface KeyPage {
  keyIds: string[];
  totalCount: number;
  pageNumber: number;
  pageSize: number;
}

const MAX_PAGE_SIZE = 100;
/** A guard against a list that never ends (a broken TotalCount): 100 pages of 100. */
const MAX_PAGES = 100;

type ListPage<T> = { items: T[]; totalCount: number };

async function readAll<T>(readPage: (pageNumber: number) => Promise<ListPage<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items, totalCount } = await readPage(page);
    all.push(...items);
    if (items.length === 0 || all.length >= totalCount) break;
  }
  return all;
}

function list<T>(response: LabResponse, outer: string, inner: string): T[] {
  const container = response[outer] as Record<string, unknown> | undefined;
  const items = container?.[inner];
  return Array.isArray(items) ? (items as T[]) : [];
}

export interface KmsClient {
  call(action: string, params?: Record<string, unknown>): Promise<LabResponse>;
  listKeys(pageNumber: number, pageSize: number): Promise<KeyPage>;
  describeKey(keyId: string): Promise<KeyMetadata>;
  listAllAliases(): Promise<AliasEntry[]>;
  listKeyAliases(keyId: string): Promise<AliasEntry[]>;
  listVersions(keyId: string): Promise<VersionEntry[]>;
  listTags(keyId: string): Promise<TagEntry[]>;
}

export function kmsClient(api: LabApi): KmsClient {
  const call = (action: string, params: Record<string, unknown> = {}) => api.call('Kms', action, params);
  return {
    call,
    async listKeys(pageNumber, pageSize) {
      const r = await call('ListKeys', { PageNumber: pageNumber, PageSize: pageSize });
      return {
        keyIds: list<{ KeyId: string }>(r, 'Keys', 'Key').map((k) => k.KeyId),
        totalCount: Number(r.TotalCount ?? 0),
        pageNumber: Number(r.PageNumber ?? pageNumber),
        pageSize: Number(r.PageSize ?? pageSize),
      };
    },
    async describeKey(keyId) {
      return (await call('DescribeKey', { KeyId: keyId })).KeyMetadata as KeyMetadata;
    },
    listAllAliases: () => readAll(async (page) => {
      const r = await call('ListAliases', { PageNumber: page, PageSize: MAX_PAGE_SIZE });
      return { items: list<AliasEntry>(r, 'Aliases', 'Alias'), totalCount: Number(r.TotalCount ?? 0) };
    }),
    listKeyAliases: (keyId) => readAll(async (page) => {
      const r = await call('ListAliasesByKeyId', { KeyId: keyId, PageNumber: page, PageSize: MAX_PAGE_SIZE });
      return { items: list<AliasEntry>(r, 'Aliases', 'Alias'), totalCount: Number(r.TotalCount ?? 0) };
    }),
    listVersions: (keyId) => readAll(async (page) => {
      const r = await call('ListKeyVersions', { KeyId: keyId, PageNumber: page, PageSize: MAX_PAGE_SIZE });
      return { items: list<VersionEntry>(r, 'KeyVersions', 'KeyVersion'), totalCount: Number(r.TotalCount ?? 0) };
    }),
    async listTags(keyId) {
      return list<TagEntry>(await call('ListResourceTags', { KeyId: keyId }), 'Tags', 'Tag');
    },
  };
}
