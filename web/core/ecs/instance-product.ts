// The instance actions of the "Ecs" product (../shared/spec/cloud-api.md §2.3, §2.6, §2.7, §2.10): one
// declarative parameter schema each (validation and `--help`) and the function that runs it.
// Joined with the block-storage actions in ecs-product.ts.
import type { CallContext } from '../api/context';
import type { ParamSchema, ParamSpec, Params } from '../api/params';
import type { EcsCore } from './ecs-core';
import type { Hypervisor } from './hypervisor';
import { deleteInstances, describeInstanceStatus, describeInstances, describeInstanceVncUrl, replaceSystemDisk } from './instance-actions';
import { powerMany, powerOne } from './instance-power';
import { runInstances } from './run-instances';

export type InstanceRun = (core: EcsCore, ctx: CallContext, p: Params, hv: Hypervisor) => Promise<Record<string, unknown>>;

const instanceId: ParamSpec = { type: 'string', isRequired: true, maxLength: 128, description: 'The instance id (i-…).' };
const instanceIds: ParamSpec = { type: 'list', isRequired: true, maxItems: 100, item: { type: 'string', maxLength: 128, description: 'An instance id.' }, description: 'Instances (InstanceId.N, N = 1–100).' };
const forceStop: ParamSpec = { type: 'boolean', description: 'Stop at once, like pulling the plug (the lab flushes every write as it lands, so nothing is lost either way).' };
const batch: ParamSpec = { type: 'string', enum: ['AllTogether', 'SuccessFirst'], description: 'AllTogether (default): any failure → that error, nothing changed. SuccessFirst: each instance on its own, per-instance results.' };
const name: ParamSpec = {
  type: 'string', minLength: 2, maxLength: 128, pattern: /^(?!https?:\/\/)\p{L}[\p{L}\p{N}:_.\- ]*$/u,
  patternText: '2–128 characters starting with a letter (letters, digits, ":", "_", ".", "-"), not http:// or https://', description: 'The instance name (default: its id).',
};
const description: ParamSpec = { type: 'string', minLength: 2, maxLength: 256, pattern: /^(?!https?:\/\/)/, patternText: 'text not starting with http:// or https://', description: '2–256 characters.' };
const level: ParamSpec = { type: 'string', enum: ['PL0', 'PL1', 'PL2', 'PL3'], description: 'ESSD performance level (default PL1).' };
const encrypted: ParamSpec = { type: 'boolean', description: 'true to encrypt (default: as the source; forced on by account-level default encryption).' };
const kmsKeyId: ParamSpec = { type: 'string', maxLength: 256, description: 'The KMS key (id or alias); requires Encrypted=true. Default: see the key rules.' };
const pageNumber: ParamSpec = { type: 'integer', min: 1, max: 1_000_000, description: 'Page number, from 1 (default 1).' };
const pageSize: ParamSpec = { type: 'integer', min: 1, max: 100, description: 'Entries per page, 1–100 (default 10).' };
const tag: ParamSpec = { type: 'object-list', maxItems: 20, description: 'Tags: Tag.N.Key, Tag.N.Value (N = 1–20).', fields: {
  Key: { type: 'string', minLength: 1, maxLength: 128, description: 'Tag key.' }, Value: { type: 'string', maxLength: 128, description: 'Tag value.' },
} };
const status: ParamSpec = { type: 'string', enum: ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'], description: 'Only instances in this status.' };

function action(description: string, params: ParamSchema, run: InstanceRun) {
  return { description, params, run };
}

export const INSTANCE_ACTIONS: Record<string, { description: string; params: ParamSchema; run: InstanceRun }> = {
  RunInstances: action('Creates and starts instances from an image, with an encrypted or unencrypted system disk and data disks.', {
    ZoneId: { type: 'string', isRequired: true, maxLength: 64, description: 'The zone, e.g. cn-hangzhou-h.' },
    ImageId: { type: 'string', isRequired: true, maxLength: 128, description: 'The image (DescribeImages): public, your own, or shared with you.' },
    InstanceType: { type: 'string', isRequired: true, maxLength: 64, description: 'The instance type, e.g. ecs.g7.large (DescribeInstanceTypes).' },
    InstanceName: name, HostName: { type: 'string', minLength: 2, maxLength: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9.-]*$/, patternText: 'letters, digits, "." and "-", starting with a letter or digit', description: 'The guest\'s host name (default: the instance id).' },
    Description: description,
    Amount: { type: 'integer', min: 1, max: 100, description: 'How many instances, 1–100 (default 1).' },
    DryRun: { type: 'boolean', description: 'Only check the request: DryRunOperation when it would succeed, else the error it would get.' },
    'SystemDisk.Category': { type: 'string', maxLength: 64, description: 'cloud_essd (the lab\'s default), cloud_auto, cloud_essd_entry, cloud_ssd, cloud_efficiency, cloud.' },
    'SystemDisk.Size': { type: 'integer', min: 1, max: 1_000_000, description: 'GiB, at least the image size (default max(40, image size)).' },
    'SystemDisk.PerformanceLevel': level,
    'SystemDisk.DiskName': { ...name, description: 'The system disk\'s name.' }, 'SystemDisk.Description': description,
    'SystemDisk.Encrypted': encrypted, 'SystemDisk.KMSKeyId': kmsKeyId,
    DataDisk: { type: 'object-list', maxItems: 16, description: 'Data disks: DataDisk.N.<field>, N = 1–16.', fields: {
      Category: { type: 'string', maxLength: 64, description: 'Disk category (default cloud_essd).' },
      Size: { type: 'integer', min: 1, max: 1_000_000, description: 'GiB (ignored with SnapshotId: the snapshot\'s size).' },
      SnapshotId: { type: 'string', maxLength: 128, description: 'Make the disk from this snapshot.' },
      Encrypted: { type: 'boolean', description: 'true to encrypt.' },
      KMSKeyId: { type: 'string', maxLength: 256, description: 'The KMS key; requires Encrypted=true.' },
      PerformanceLevel: { type: 'string', enum: ['PL0', 'PL1', 'PL2', 'PL3'], description: 'ESSD level.' },
      DeleteWithInstance: { type: 'boolean', description: 'Release with the instance (default true).' },
      DiskName: { type: 'string', minLength: 2, maxLength: 128, pattern: /^(?!https?:\/\/)\p{L}[\p{L}\p{N}:_.\- ]*$/u, patternText: '2–128 characters starting with a letter', description: 'Disk name.' },
      Description: { type: 'string', minLength: 2, maxLength: 256, description: 'Disk description.' },
    } },
    Tag: tag,
  }, (core, ctx, p, hv) => runInstances(core, hv, ctx, p)),
  DescribeInstances: action('Lists instances, with filters and paging (their disks: DescribeDisks InstanceId).', {
    InstanceIds: {
      type: 'json', example: '["i-bp1…"]', description: 'A JSON list of up to 100 instance ids.',
      check: (v) => (Array.isArray(v) && v.length <= 100 && v.every((x) => typeof x === 'string') ? { value: v } : 'expected a JSON list of at most 100 ids like ["i-…"]'),
    },
    InstanceName: { type: 'string', maxLength: 128, description: 'Exact name.' }, Status: status, ZoneId: { type: 'string', maxLength: 64, description: 'Zone.' },
    PageNumber: pageNumber, PageSize: pageSize,
  }, describeInstances),
  DescribeInstanceStatus: action('Lists the status of instances.', {
    InstanceId: { ...instanceIds, isRequired: false }, ZoneId: { type: 'string', maxLength: 64, description: 'Zone.' },
    PageNumber: pageNumber, PageSize: { ...pageSize, max: 50, description: 'Entries per page, 1–50 (default 10).' },
  }, describeInstanceStatus),
  StartInstance: action('Starts a Stopped instance: ECS fetches every encrypted disk\'s data key from KMS first.', { InstanceId: instanceId }, (core, ctx, p, hv) => powerOne(core, hv, ctx, 'start', p)),
  StopInstance: action('Stops a Running instance (works whatever the state of its keys); the data keys are released.', { InstanceId: instanceId, ForceStop: forceStop }, (core, ctx, p, hv) => powerOne(core, hv, ctx, 'stop', p)),
  RebootInstance: action('Restarts a Running instance: its data keys are fetched from KMS again first.', { InstanceId: instanceId, ForceStop: forceStop }, (core, ctx, p, hv) => powerOne(core, hv, ctx, 'reboot', p)),
  StartInstances: action('Starts several instances.', { InstanceId: instanceIds, BatchOptimization: batch }, (core, ctx, p, hv) => powerMany(core, hv, ctx, 'start', p)),
  StopInstances: action('Stops several instances.', { InstanceId: instanceIds, ForceStop: forceStop, BatchOptimization: batch }, (core, ctx, p, hv) => powerMany(core, hv, ctx, 'stop', p)),
  RebootInstances: action('Restarts several instances.', { InstanceId: instanceIds, ForceStop: forceStop, BatchOptimization: batch }, (core, ctx, p, hv) => powerMany(core, hv, ctx, 'reboot', p)),
  DeleteInstance: action('Releases a Stopped instance (Running with Force=true), with its DeleteWithInstance disks.', {
    InstanceId: instanceId, Force: { type: 'boolean', description: 'Release a Running instance too.' },
  }, (core, ctx, p, hv) => deleteInstances(core, hv, ctx, [p.InstanceId as string], p.Force === true)),
  DeleteInstances: action('Releases several instances (all or nothing).', {
    InstanceId: instanceIds, Force: { type: 'boolean', description: 'Release Running instances too.' },
  }, (core, ctx, p, hv) => deleteInstances(core, hv, ctx, p.InstanceId as string[], p.Force === true)),
  ReplaceSystemDisk: action('Replaces a Stopped instance\'s system disk with a new one from an image (the way to encrypt a system disk).', {
    InstanceId: instanceId, ImageId: { type: 'string', maxLength: 128, description: 'The image (default: the current system disk\'s).' },
    'SystemDisk.Size': { type: 'integer', min: 1, max: 1_000_000, description: 'GiB (default max(40, image size)).' },
    Encrypted: encrypted, KMSKeyId: kmsKeyId,
  }, (core, ctx, p, hv) => replaceSystemDisk(core, hv, ctx, p)),
  DescribeInstanceVncUrl: action('The address of the instance\'s VNC console (a page of the lab).', { InstanceId: instanceId }, describeInstanceVncUrl),
};
