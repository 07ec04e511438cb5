// The lineage graph (issue 5 item 13), pure: key → data key (wrapped) → disk → snapshot → image → disk,
// across copies, regions and shared images, and the instances disks are attached to, built from
// Describe* responses, and laid out in columns.
// The API does not name a resource's data key, so it is inferred the way the core makes them
// (encryption.ts): a new KMS key always means a new data key; the same key along a copy keeps it.

export type NodeKind = 'key' | 'datakey' | 'disk' | 'snapshot' | 'image' | 'instance';
export type EdgeKind = 'wraps' | 'encrypts' | 'snapshot' | 'disk' | 'copy' | 'image' | 'attached';

export interface LineageDisk {
  DiskId: string; RegionId: string; DiskName?: string; Encrypted: boolean; KMSKeyId: string; SourceSnapshotId: string; CreationTime: string; Status?: string;
  /** The instance it is attached to ('' when none). */
  InstanceId?: string;
}
export interface LineageInstance { InstanceId: string; RegionId: string; InstanceName?: string; Status?: string; CreationTime: string }
export interface LineageSnapshot { SnapshotId: string; RegionId: string; SnapshotName?: string; Encrypted: boolean; KMSKeyId: string; SourceDiskId: string; SourceSnapshotId: string; CreationTime: string; Status?: string }
export interface LineageImage {
  ImageId: string; RegionId: string; ImageName?: string; Encrypted: boolean; KMSKeyId: string; SourceImageId: string; CreationTime: string;
  ImageOwnerAlias: string; ImageOwnerId?: string; Status?: string; DiskDeviceMappings?: { DiskDeviceMapping: { SnapshotId: string }[] };
}
export interface LineageKey { KeyId: string; label: string; KeyState?: string }

export interface LineageInput {
  disks: LineageDisk[];
  snapshots: LineageSnapshot[];
  images: LineageImage[];
  /** Instances: each hangs off the disks attached to it (older inputs may have none). */
  instances?: LineageInstance[];
  /** Keys the page knows (labels and states); others show by id. */
  keys: LineageKey[];
}

export interface LineageNode {
  id: string;
  kind: NodeKind;
  /** The resource or key id (for a data key: the resource it was generated for). */
  resourceId: string;
  label: string;
  regionId?: string;
  /** The KMS key of an encrypted resource or data key. */
  keyId?: string;
  /** Another account's (a shared image). */
  isForeign?: boolean;
  status?: string;
  created: string;
}

export interface LineageEdge { from: string; to: string; kind: EdgeKind }
export interface LineageGraph { nodes: LineageNode[]; edges: LineageEdge[] }

const keyNode = (keyId: string) => `key:${keyId}`;

/** Builds the graph; resources whose source is not in the input simply start a line of their own. */
export function buildLineage(input: LineageInput): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  const edges: LineageEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind) => {
    const k = `${from}>${to}`;
    if (from === to || edgeKeys.has(k)) return;
    edgeKeys.add(k);
    edges.push({ from, to, kind });
  };
  const labels = new Map(input.keys.map((k) => [k.KeyId, k]));
  const snapshots = new Map(input.snapshots.map((s) => [s.SnapshotId, s]));
  const disks = new Map(input.disks.map((d) => [d.DiskId, d]));
  const images = input.images.filter((i) => i.ImageOwnerAlias !== 'system');
  const imageById = new Map(images.map((i) => [i.ImageId, i]));
  // An image's own snapshot (a copy made for it, or a shared image's) is drawn as the image itself.
  const snapshotOfImage = (i: LineageImage) => i.DiskDeviceMappings?.DiskDeviceMapping[0]?.SnapshotId ?? '';
  const mergedInto = new Map<string, string>();
  for (const i of images) {
    const sid = snapshotOfImage(i);
    if (sid && (i.SourceImageId || i.ImageOwnerAlias === 'others')) mergedInto.set(sid, i.ImageId);
  }
  const nodeOf = (resourceId: string) => mergedInto.get(resourceId) ?? resourceId;

  const dataKeyOf = new Map<string, string | undefined>();
  const ensureKey = (keyId: string) => {
    if (!nodes.has(keyNode(keyId))) {
      nodes.set(keyNode(keyId), { id: keyNode(keyId), kind: 'key', resourceId: keyId, label: labels.get(keyId)?.label ?? keyId, keyId, status: labels.get(keyId)?.KeyState, created: '' });
    }
  };
  /** A new data key generated for `owner` under `keyId`. */
  const newDataKey = (owner: string, keyId: string, regionId: string, created: string) => {
    ensureKey(keyId);
    const id = `dk:${owner}`;
    nodes.set(id, { id, kind: 'datakey', resourceId: owner, label: owner, keyId, regionId, created });
    addEdge(keyNode(keyId), id, 'wraps');
    addEdge(id, owner, 'encrypts');
    return id;
  };
  // A resource's data key: inherited along the same KMS key, new otherwise (memoised, sources first).
  const resolve = (resourceId: string, seen = new Set<string>()): string | undefined => {
    if (dataKeyOf.has(resourceId)) return dataKeyOf.get(resourceId);
    if (seen.has(resourceId)) return undefined;
    seen.add(resourceId);
    let dk: string | undefined;
    const inherit = (parentId: string, keyId: string, created: string, regionId: string) => {
      const parentKey = disks.get(parentId)?.KMSKeyId ?? snapshots.get(parentId)?.KMSKeyId ?? imageById.get(parentId)?.KMSKeyId;
      const parentDk = parentKey !== undefined && parentKey === keyId ? resolve(parentId, seen) : undefined;
      return parentDk ?? newDataKey(resourceId, keyId, regionId, created);
    };
    const disk = disks.get(resourceId);
    const snapshot = snapshots.get(resourceId);
    const image = imageById.get(resourceId);
    if (disk?.Encrypted) dk = disk.SourceSnapshotId ? inherit(nodeOf(disk.SourceSnapshotId), disk.KMSKeyId, disk.CreationTime, disk.RegionId) : newDataKey(resourceId, disk.KMSKeyId, disk.RegionId, disk.CreationTime);
    else if (snapshot?.Encrypted) {
      const parent = snapshot.SourceSnapshotId ? nodeOf(snapshot.SourceSnapshotId) : snapshot.SourceDiskId;
      dk = inherit(parent, snapshot.KMSKeyId, snapshot.CreationTime, snapshot.RegionId);
    } else if (image?.Encrypted) {
      const parent = image.SourceImageId || snapshotOfImage(image);
      dk = image.ImageOwnerAlias === 'others' ? newDataKey(resourceId, image.KMSKeyId, image.RegionId, image.CreationTime) : inherit(parent, image.KMSKeyId, image.CreationTime, image.RegionId);
    }
    dataKeyOf.set(resourceId, dk);
    return dk;
  };

  for (const d of input.disks) nodes.set(d.DiskId, { id: d.DiskId, kind: 'disk', resourceId: d.DiskId, label: d.DiskName || d.DiskId, regionId: d.RegionId, keyId: d.KMSKeyId || undefined, status: d.Status, created: d.CreationTime });
  for (const s of input.snapshots) {
    if (mergedInto.has(s.SnapshotId)) continue;
    nodes.set(s.SnapshotId, { id: s.SnapshotId, kind: 'snapshot', resourceId: s.SnapshotId, label: s.SnapshotName || s.SnapshotId, regionId: s.RegionId, keyId: s.KMSKeyId || undefined, status: s.Status, created: s.CreationTime });
  }
  for (const i of images) {
    nodes.set(i.ImageId, {
      id: i.ImageId, kind: 'image', resourceId: i.ImageId, label: i.ImageName || i.ImageId, regionId: i.RegionId, keyId: i.KMSKeyId || undefined,
      isForeign: i.ImageOwnerAlias === 'others', status: i.Status, created: i.CreationTime,
    });
  }
  for (const i of input.instances ?? []) {
    nodes.set(i.InstanceId, { id: i.InstanceId, kind: 'instance', resourceId: i.InstanceId, label: i.InstanceName || i.InstanceId, regionId: i.RegionId, status: i.Status, created: i.CreationTime });
  }
  const present = (id: string) => nodes.has(id);
  for (const d of input.disks) if (d.InstanceId && present(d.InstanceId)) addEdge(d.DiskId, d.InstanceId, 'attached');
  for (const d of input.disks) if (d.SourceSnapshotId && present(nodeOf(d.SourceSnapshotId))) addEdge(nodeOf(d.SourceSnapshotId), d.DiskId, 'disk');
  for (const s of input.snapshots) {
    if (mergedInto.has(s.SnapshotId)) continue;
    if (s.SourceSnapshotId && present(nodeOf(s.SourceSnapshotId))) addEdge(nodeOf(s.SourceSnapshotId), s.SnapshotId, 'copy');
    else if (!s.SourceSnapshotId && s.SourceDiskId && present(s.SourceDiskId)) addEdge(s.SourceDiskId, s.SnapshotId, 'snapshot');
  }
  for (const i of images) {
    if (i.SourceImageId && present(i.SourceImageId)) addEdge(i.SourceImageId, i.ImageId, 'copy');
    else if (!i.SourceImageId && present(snapshotOfImage(i))) addEdge(snapshotOfImage(i), i.ImageId, 'image');
  }
  for (const id of [...nodes.keys()]) if (!['key', 'datakey', 'instance'].includes(nodes.get(id)!.kind)) resolve(id);
  return { nodes: [...nodes.values()], edges };
}

/** The part of the graph that hangs off `keyId`: everything below its key node, and the direct sources of those. */
export function keySubgraph(graph: LineageGraph, keyId: string): LineageGraph {
  const keep = new Set<string>([keyNode(keyId)]);
  const queue = [keyNode(keyId)];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of graph.edges) if (e.from === id && !keep.has(e.to)) { keep.add(e.to); queue.push(e.to); }
  }
  for (const e of graph.edges) if (keep.has(e.to) && e.kind !== 'wraps' && e.kind !== 'encrypts') keep.add(e.from);
  return { nodes: graph.nodes.filter((n) => keep.has(n.id)), edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

export interface PlacedNode extends LineageNode { x: number; y: number; column: number }
export interface Layout { nodes: PlacedNode[]; edges: LineageEdge[]; width: number; height: number }

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 52;
const COLUMN_GAP = 56;
const ROW_GAP = 18;
const MARGIN = 12;

/** Columns: resources one column further than their deepest source, each data key just before the
 *  resource it was made for, each key just before its first data key; rows in order of creation within
 *  a column (keys by their first data key). Pure and deterministic. */
export function layoutLineage(graph: LineageGraph): Layout {
  const column = new Map<string, number>();
  const parents = new Map<string, string[]>();
  for (const e of graph.edges) parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const depth = (id: string, seen = new Set<string>()): number => {
    if (column.has(id)) return column.get(id)!;
    const kind = kindOf.get(id);
    if (kind === 'key') return 0;
    if (kind === 'datakey') return 1;
    if (seen.has(id)) return 2;
    seen.add(id);
    const value = Math.max(2, ...(parents.get(id) ?? []).map((p) => depth(p, seen) + 1));
    column.set(id, value);
    return value;
  };
  // A data key sits just left of the resource it was made for, and a key just left of its first data key,
  // so that their arrows stay short instead of crossing the graph.
  const ownerOf = new Map(graph.edges.filter((e) => e.kind === 'encrypts').map((e) => [e.from, e.to]));
  const place = (n: LineageNode): number => {
    if (n.kind === 'datakey') return Math.max(1, (ownerOf.has(n.id) ? depth(ownerOf.get(n.id)!) : 2) - 1);
    if (n.kind === 'key') {
      const dataKeys = graph.edges.filter((e) => e.from === n.id).map((e) => graph.nodes.find((m) => m.id === e.to)).filter((m): m is LineageNode => !!m);
      return dataKeys.length ? Math.max(0, Math.min(...dataKeys.map(place)) - 1) : 0;
    }
    return depth(n.id);
  };
  const byCreated = [...graph.nodes].sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
  const order = new Map(byCreated.map((n, i) => [n.id, i]));
  // A key sorts with its earliest data key; a data key with the resource it was made for.
  const rank = (n: LineageNode): number => {
    if (n.kind === 'datakey') return order.get(n.resourceId) ?? order.get(n.id)!;
    if (n.kind === 'key') return Math.min(...graph.edges.filter((e) => e.from === n.id).map((e) => rank(graph.nodes.find((m) => m.id === e.to)!)), order.get(n.id)!);
    return order.get(n.id)!;
  };
  const columns = new Map<number, LineageNode[]>();
  for (const n of graph.nodes) {
    const c = place(n);
    columns.set(c, [...(columns.get(c) ?? []), n]);
  }
  const placed: PlacedNode[] = [];
  let rows = 0;
  const used = [...columns.keys()].sort((a, b) => a - b);
  used.forEach((c, index) => {
    const list = columns.get(c)!.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
    list.forEach((n, row) => placed.push({ ...n, column: index, x: MARGIN + index * (NODE_WIDTH + COLUMN_GAP), y: MARGIN + row * (NODE_HEIGHT + ROW_GAP) }));
    rows = Math.max(rows, list.length);
  });
  return {
    nodes: placed, edges: graph.edges,
    width: MARGIN * 2 + Math.max(1, used.length) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP,
    height: MARGIN * 2 + Math.max(1, rows) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP,
  };
}

/** The SVG path of an edge: a horizontal S-curve from the right of `from` to the left of `to`. */
export function edgePath(from: { x: number; y: number }, to: { x: number; y: number }): string {
  const x1 = from.x + NODE_WIDTH;
  const y1 = from.y + NODE_HEIGHT / 2;
  const x2 = to.x;
  const y2 = to.y + NODE_HEIGHT / 2;
  const bend = Math.max(24, Math.abs(x2 - x1) / 2);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}
