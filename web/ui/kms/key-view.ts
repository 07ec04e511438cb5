// Pure helpers for showing a KMS key (../shared/spec/cloud-api.md §1.1, §1.4): the state badge,
// whether a key is the cloud-managed service key, the rotation summary and the lab-time format.
// No Solid, no DOM: unit-tested in Node.
import type { MessageKey } from '../../i18n/messages';

/** DescribeKey's KeyMetadata as the console reads it (the cloud's field names). */
export interface KeyMetadata {
  KeyId: string;
  Arn: string;
  KeyState: string;
  Description: string;
  CreationDate: string;
  Creator: string;
  Origin: string;
  KeySpec: string;
  KeyUsage: string;
  ProtectionLevel: string;
  AutomaticRotation: string;
  RotationInterval?: string;
  LastRotationDate?: string;
  NextRotationDate?: string;
  DeleteDate?: string;
  DeletionProtection: string;
  DeletionProtectionDescription: string;
  PrimaryKeyVersion: string;
  MaterialExpireTime: string;
}

export type BadgeTone = 'ok' | 'bad' | 'warn' | 'neutral';

export const KEY_STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport'] as const;
export type KnownKeyState = (typeof KEY_STATES)[number];

const TONES: Record<KnownKeyState, BadgeTone> = { Enabled: 'ok', Disabled: 'neutral', PendingDeletion: 'bad', PendingImport: 'warn' };

/** The badge of a key state: its tone and message; an unknown state shows as itself, neutral. */
export function stateBadge(state: string): { tone: BadgeTone; labelKey?: MessageKey } {
  if (!(KEY_STATES as readonly string[]).includes(state)) return { tone: 'neutral' };
  return { tone: TONES[state as KnownKeyState], labelKey: `kms.state.${state}` as MessageKey };
}

/** Service keys carry an alias/acs/… alias and a service code (not an account UID) as Creator (§1.6, §1.10). */
export function isServiceKey(metadata: Pick<KeyMetadata, 'Creator'>, aliases: readonly string[]): boolean {
  return aliases.some((a) => a.startsWith('alias/acs/')) || !/^\d+$/.test(metadata.Creator);
}

/** "604800s" → 7 (days, rounded down); undefined for anything else. */
export function intervalDays(rotationInterval: string | undefined): number | undefined {
  const match = /^(\d+)s$/.exec(rotationInterval ?? '');
  return match ? Math.floor(Number(match[1]) / 86_400) : undefined;
}

export interface RotationSummary {
  /** AutomaticRotation: Enabled, Disabled or Suspended (enabled, but the key is not Enabled). */
  status: string;
  days?: number;
}

export function rotationSummary(metadata: Pick<KeyMetadata, 'AutomaticRotation' | 'RotationInterval'>): RotationSummary {
  return { status: metadata.AutomaticRotation, days: metadata.AutomaticRotation === 'Disabled' ? undefined : intervalDays(metadata.RotationInterval) };
}

/** The cloud's ISO 8601 UTC ("2026-12-04T15:30:00Z") as "2026-12-04 15:30 UTC"; other text unchanged. */
export function formatLabTime(iso: string | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** The name a person knows a key by: its first alias (service aliases first), else its id. */
export function keyLabel(keyId: string, aliases: readonly string[]): string {
  return [...aliases].sort()[0] ?? keyId;
}
