// The KMS keys of a region as the ECS pages need them: id, state, aliases, service key or CMK —
// for the key chooser, key labels and the "unreadable / unrecoverable" marks. Read through the API.
import { createSignal, type Accessor } from 'solid-js';
import type { EcsClient, KeyInfo } from './ecs-client';
import { keyHealth, type KeyHealth } from './key-rules';

export interface RegionKeys {
  keys: Accessor<KeyInfo[]>;
  load(regionId?: string): Promise<void>;
}

export function createRegionKeys(client: EcsClient): RegionKeys {
  const [keys, setKeys] = createSignal<KeyInfo[]>([]);
  return {
    keys,
    async load(regionId) {
      setKeys(await client.keys(regionId));
    },
  };
}

/** A key's name for people: its alias (alias/acs/ecs first), else its id. */
export function keyName(keyId: string, keys: readonly KeyInfo[]): string {
  const key = keys.find((k) => k.KeyId === keyId);
  return key?.aliases[0] ?? keyId;
}

/** The health of data under `keyId`: a key missing from its own account's list is destroyed. */
export function healthOf(keyId: string, keys: readonly KeyInfo[], isForeign = false): KeyHealth {
  if (!keyId) return 'readable';
  if (isForeign) return 'unknown';
  return keyHealth(keys.find((k) => k.KeyId === keyId)?.KeyState ?? 'NotFound');
}
