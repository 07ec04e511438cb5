// The crypto worker's API in Node, over each available XtsKernel: key unwrap/generate/release,
// refusal of bad blobs, and sector bytes identical to node:crypto aes-256-xts / aes-128-xts (OpenSSL).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCryptoApi, IV_BYTES } from '../../workers/crypto-api';
import { createNobleXts } from '../../web/adapters/engine/noble-xts';
import type { XtsKernel } from '../../web/adapters/engine/xts-types';
import { kernelsUnderTest } from './kernels-under-test';
import { concat, newKek, oracleXts as oracle, segmentsOf, unwrapKey as unwrap, wrapKey as wrap } from './xts-oracle';

const aad = new TextEncoder().encode('account=1;region=cn-hangzhou;lineage=d-test');

describe.each(kernelsUnderTest())('crypto api over $name', ({ create }) => {
  it('loadWrapped then encrypt/decrypt matches node:crypto aes-256-xts across segments and sectors ≥ 2^32', async () => {
    const api = createCryptoApi(await create());
    const kek = await newKek();
    const key = new Uint8Array(randomBytes(64));
    await api.loadWrapped('h1', kek, await wrap(kek, key, aad), aad);
    for (const [sectorSize, first] of [[512, 2n ** 32n - 2n], [4096, 7n], [512, 2n ** 63n + 5n]] as const) {
      const { buffers, plain } = segmentsOf([sectorSize * 3, sectorSize, sectorSize * 2]);
      const encrypted = await api.encrypt('h1', first, sectorSize, buffers);
      expect(concat(encrypted)).toEqual(oracle(true, key, first, sectorSize, plain));
      const decrypted = await api.decrypt('h1', first, sectorSize, encrypted);
      expect(concat(decrypted)).toEqual(plain);
    }
  });

  it('a 32-byte key runs AES-128-XTS like node:crypto aes-128-xts', async () => {
    const api = createCryptoApi(await create());
    const kek = await newKek();
    const key = new Uint8Array(randomBytes(32));
    await api.loadWrapped('h128', kek, await wrap(kek, key, aad), aad);
    const { buffers, plain } = segmentsOf([1024]);
    expect(concat(await api.encrypt('h128', 99n, 512, buffers))).toEqual(oracle(true, key, 99n, 512, plain));
  });

  it('generateWrapped returns only a blob that unwraps to 64 bytes with distinct halves, and the key is loaded', async () => {
    const api = createCryptoApi(await create());
    const kek = await newKek();
    const blob = await api.generateWrapped('g', kek, aad);
    expect(blob.length).toBe(IV_BYTES + 64 + 16);
    const key = await unwrap(kek, blob, aad);
    expect(key.subarray(0, 32)).not.toEqual(key.subarray(32));
    const { buffers, plain } = segmentsOf([4096 * 2]);
    expect(concat(await api.encrypt('g', 12345n, 4096, buffers))).toEqual(oracle(true, key, 12345n, 4096, plain));
    expect(await api.listHandles()).toEqual(['g']);
  });

  it('release zeroes and forgets the key: later use rejects with UnknownKeyHandle', async () => {
    const api = createCryptoApi(await create());
    const kek = await newKek();
    await api.generateWrapped('r', kek, aad);
    expect(await api.release('r')).toBe(true);
    expect(await api.release('r')).toBe(false);
    await expect(api.encrypt('r', 0n, 512, [new ArrayBuffer(512)])).rejects.toMatchObject({ code: 'UnknownKeyHandle' });
    expect(await api.listHandles()).toEqual([]);
  });
});

describe('crypto api key handling', () => {
  it('wrong AAD or any tampered byte rejects with InvalidCiphertext and loads nothing', async () => {
    const api = createCryptoApi(createNobleXts());
    const kek = await newKek();
    const blob = await wrap(kek, new Uint8Array(randomBytes(64)), aad);
    const otherAad = new TextEncoder().encode('account=1;region=cn-hangzhou;lineage=d-other');
    await expect(api.loadWrapped('x', kek, blob, otherAad)).rejects.toMatchObject({ code: 'InvalidCiphertext' });
    for (const at of [0, IV_BYTES, IV_BYTES + 40, blob.length - 1]) {
      const tampered = blob.slice();
      tampered[at] ^= 0x01;
      await expect(api.loadWrapped('x', kek, tampered, aad)).rejects.toMatchObject({ code: 'InvalidCiphertext' });
    }
    await expect(api.loadWrapped('x', await newKek(), blob, aad)).rejects.toMatchObject({ code: 'InvalidCiphertext' });
    await expect(api.loadWrapped('x', kek, blob.subarray(0, 70), aad)).rejects.toThrow(/"blob" expected 60 or 92 bytes/);
    expect(await api.listHandles()).toEqual([]);
  });

  it('the unwrapped plaintext handed to the kernel is zeroed right after loading', async () => {
    const inner = createNobleXts();
    const seen: Uint8Array[] = [];
    const spy: XtsKernel = { ...inner, loadKey: (key) => { seen.push(key); return inner.loadKey(key); } };
    const api = createCryptoApi(spy);
    const kek = await newKek();
    await api.loadWrapped('z', kek, await wrap(kek, new Uint8Array(randomBytes(64)), aad), aad);
    await api.generateWrapped('z2', kek, aad);
    expect(seen).toHaveLength(2);
    for (const key of seen) expect(key.every((b) => b === 0)).toBe(true);
  });

  it('generateWrapped redraws a key whose halves are equal', async () => {
    let draws = 0;
    const fillRandom = (bytes: Uint8Array<ArrayBuffer>): void => {
      if (bytes.length === 64 && draws++ === 0) { bytes.fill(0x5a); return; }
      crypto.getRandomValues(bytes);
    };
    const api = createCryptoApi(createNobleXts(), { fillRandom });
    const kek = await newKek();
    const key = await unwrap(kek, await api.generateWrapped('e', kek, aad), aad);
    expect(draws).toBe(2);
    expect(key.every((b) => b === 0x5a)).toBe(false);
  });

  it('a handle released while its key is still unwrapping is not loaded', async () => {
    const api = createCryptoApi(createNobleXts());
    const kek = await newKek();
    const blob = await wrap(kek, new Uint8Array(randomBytes(64)), aad);
    const loading = api.loadWrapped('late', kek, blob, aad);
    await api.release('late');
    await expect(loading).rejects.toMatchObject({ code: 'UnknownKeyHandle' });
    expect(await api.listHandles()).toEqual([]);
  });

  it('bad arguments are refused by name before any byte changes', async () => {
    const api = createCryptoApi(createNobleXts());
    const kek = await newKek();
    await api.generateWrapped('v', kek, aad);
    const first = new Uint8Array([1, 2, 3]);
    const a = new ArrayBuffer(512);
    new Uint8Array(a).set(first);
    await expect(api.encrypt('v', 0n, 1024, [a])).rejects.toThrow(/"sectorSize" expected 512 or 4096/);
    await expect(api.encrypt('v', 0n, 512, [a, new ArrayBuffer(100)])).rejects.toThrow(/"buffers\[1\]"/);
    await expect(api.encrypt('v', -1n, 512, [a])).rejects.toThrow(/"firstSector"/);
    await expect(api.encrypt('v', 0 as unknown as bigint, 512, [a])).rejects.toThrow(/"firstSector"/);
    await expect(api.encrypt('v', 0n, 512, [])).rejects.toThrow(/"buffers"/);
    await expect(api.loadWrapped('', kek, new Uint8Array(92), aad)).rejects.toThrow(/"handle"/);
    expect(new Uint8Array(a).subarray(0, 3)).toEqual(first);
  });

  it('a wasm trap rejects with KernelTrap, and every later call refuses too', async () => {
    const kernel: XtsKernel = { ...createNobleXts(), decryptSectors: () => { throw new WebAssembly.RuntimeError('unreachable'); } };
    const api = createCryptoApi(kernel);
    const kek = await newKek();
    await api.generateWrapped('t', kek, aad);
    await expect(api.decrypt('t', 0n, 512, [new ArrayBuffer(512)])).rejects.toMatchObject({ code: 'KernelTrap' });
    await expect(api.encrypt('t', 0n, 512, [new ArrayBuffer(512)])).rejects.toMatchObject({ code: 'KernelTrap' });
  });

  it('a kernel that failed to start rejects each call with KernelUnavailable', async () => {
    const api = createCryptoApi(Promise.reject(new Error('wasm missing')));
    await expect(api.generateWrapped('k', await newKek(), aad)).rejects.toMatchObject({ code: 'KernelUnavailable' });
  });
});
