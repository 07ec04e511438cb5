// Looking at a disk's bytes through the API (issue 5 item 11): Lab.WriteDiskSectors and
// Lab.ReadDiskSectors. The guest view gets the data key from the KMS as the hypervisor does (so a
// disabled key refuses it with the KMS's error, mapped as ECS reports it); the physical view reads the
// stored bytes without any key. A disk attached to a running instance is refused (in use).
import { invalidParameter } from '../api/codes';
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import type { ActionDefinition } from '../api/router';
import type { BlockDevice } from '../disks/api';
import { fromBase64, toBase64 } from '../kms/blob';
import { ecsError } from './codes';
import type { EcsCore } from './ecs-core';
import { withDataKey } from './encryption';
import type { DiskResource } from './ports';

/** Opens the disk's storage for `fn`: with its data key in the pool for the guest view (released after). */
export async function withDiskDevice<T>(core: EcsCore, ctx: CallContext, disk: DiskResource, view: 'Guest' | 'Physical', fn: (device: BlockDevice) => Promise<T>): Promise<T> {
  if (disk.Status !== 'Available' && disk.Status !== 'In_use') throw ecsError('IncorrectDiskStatus', { diskId: disk.DiskId, status: disk.Status });
  if (disk.InstanceId) {
    const instance = await core.instances.getInstance(disk.InstanceId);
    if (instance && instance.Status !== 'Stopped') throw ecsError('IncorrectDiskStatus', { diskId: disk.DiskId, status: `${disk.Status}, attached to running instance ${disk.InstanceId}` });
  }
  if (view === 'Physical' || !disk.key) return fn(await core.disks.open(disk.storageDiskId));
  return withDataKey(core, ctx, disk.key, async (handle) => fn(await core.disks.open(disk.storageDiskId, handle)));
}

const MAX_SECTORS = 2048; // 1 MiB per call

export function labDiskActions(core: EcsCore): Record<string, ActionDefinition> {
  const diskId = { type: 'string', isRequired: true, maxLength: 128, description: 'The disk id (d-…).' } as const;
  const sector = { type: 'integer', isRequired: true, min: 0, max: 2 ** 32, description: 'The first 512-byte sector.' } as const;
  return {
    WriteDiskSectors: {
      description: 'Writes whole 512-byte sectors into a disk as its guest would (encrypted under the disk\'s data key).',
      params: { DiskId: diskId, Sector: sector, DataBase64: { type: 'string', isRequired: true, maxLength: 4 * MAX_SECTORS * 512, description: 'The bytes, Base64, a whole number of sectors.' } },
      run: (ctx: CallContext, p: Params) => core.exclusive(async () => {
        const data = fromBase64(p.DataBase64 as string);
        if (!data || data.length === 0 || data.length % 512 !== 0) throw invalidParameter('DataBase64', 'expected Base64 of a whole, non-zero number of 512-byte sectors');
        const disk = await core.ownDisk(ctx, p.DiskId as string);
        await withDiskDevice(core, ctx, disk, 'Guest', async (device) => {
          await device.write(p.Sector as number, data);
          await device.flush();
        });
        return {};
      }),
    },
    ReadDiskSectors: {
      description: 'Reads sectors of a disk: the Guest view (decrypted) or the Physical view (as stored).',
      params: {
        DiskId: diskId, Sector: sector, Count: { type: 'integer', isRequired: true, min: 1, max: MAX_SECTORS, description: 'Sectors to read (1–2048).' },
        View: { type: 'string', isRequired: true, enum: ['Guest', 'Physical'], description: 'Guest (plaintext) or Physical (stored bytes).' },
      },
      run: (ctx: CallContext, p: Params) => core.exclusive(async () => {
        const disk = await core.ownDisk(ctx, p.DiskId as string);
        const view = p.View as 'Guest' | 'Physical';
        const bytes = await withDiskDevice(core, ctx, disk, view, (device) => (view === 'Guest' ? device.read(p.Sector as number, p.Count as number) : device.readPhysical(p.Sector as number, p.Count as number)));
        return { DataBase64: toBase64(bytes) };
      }),
    },
  };
}
