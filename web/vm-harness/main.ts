// Test page for the v86 adapter (Playwright drives window.vm): boots LabOS from an in-memory disk
// built from the public image, so the adapter and the guest are checked without the rest of the lab.
import { buildGuestImage, GUEST_LAYOUT, metadataSector } from '../../guest/image';
import { startMachine, type GuestDisk, type Machine } from '../adapters/vm/v86-machine';

function memoryDisk(sizeBytes: number): GuestDisk & { bytes: Uint8Array; reads: number; isFrozen: boolean } {
  const bytes = new Uint8Array(sizeBytes);
  const disk = {
    sizeBytes, bytes, reads: 0, isFrozen: false,
    async read(sector: number, count: number) {
      disk.reads++;
      if (disk.isFrozen) return new Promise<Uint8Array>(() => { /* a refused key: never answered */ });
      return bytes.slice(sector * 512, (sector + count) * 512);
    },
    async write(sector: number, data: Uint8Array) { bytes.set(data, sector * 512); },
  };
  return disk;
}

const hda = memoryDisk(8 << 20);
for (const w of buildGuestImage()) hda.bytes.set(w.data, w.sector * 512);
const hdb = memoryDisk(4 << 20);
const mailbox: string[] = [];
const ioErrors: string[] = [];
let machine: Machine | undefined;

const api = {
  hda, hdb, mailbox, ioErrors,
  async start(hostname = 'i-test0001') {
    machine = await startMachine({
      screen: document.getElementById('screen')!,
      hda, hdb,
      metadataSector: GUEST_LAYOUT.metadataSector,
      metadata: metadataSector({ hostname, 'instance-id': hostname }),
      mailboxSector: GUEST_LAYOUT.mailboxSector,
      onMailbox: (c) => mailbox.push(c),
      onIoError: (e) => ioErrors.push(String(e)),
    });
  },
  text: () => machine?.textRows().join('\n') ?? '',
  type: (t: string) => machine?.sendText(t),
  async stop() { await machine?.destroy(); machine = undefined; },
};
(globalThis as unknown as { vm: typeof api }).vm = api;
document.getElementById('status')!.textContent = 'ready';
