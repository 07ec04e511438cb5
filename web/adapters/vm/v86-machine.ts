// The one file that knows v86 (npm v86 0.5.462, pinned exactly): builds an emulator whose hda/hdb
// are the lab's block devices through v86's undocumented custom-disk contract (read from the
// 0.5.462 build; ../shared/design/guest-boot.md), answers the hypervisor sectors the guest uses
// (metadata, mailbox), and exposes the text screen, the keyboard, pause and resume. v86 and the BIOS
// load lazily (a dynamic import), so the app's main bundle never carries the emulator.

/** What the hypervisor hands a machine as a disk: whole 512-byte sectors. */
export interface GuestDisk {
  readonly sizeBytes: number;
  read(sector: number, count: number): Promise<Uint8Array>;
  write(sector: number, data: Uint8Array): Promise<void>;
}

export interface MachineOptions {
  /** Where v86 draws the screen (text mode is DOM text, graphics a canvas). */
  screen: HTMLElement;
  hda: GuestDisk;
  hdb?: GuestDisk;
  /** Sector the guest reads its facts from (instance id, hostname), answered here, never stored. */
  metadataSector: number;
  metadata: Uint8Array; // one 512-byte sector
  /** Sector the guest writes "REBOOT" / "POWEROFF" to; such a write is never answered. */
  mailboxSector: number;
  onMailbox(command: string): void;
  /** A disk read or write failed (e.g. its key was refused): the guest is left waiting — a hang. */
  onIoError(error: unknown): void;
  memoryBytes?: number;
  /** Start paused (the CPU waits for resume()); default: running as soon as the MBR is read. */
  isPaused?: boolean;
}

export interface Machine {
  /** The text screen, one string per row. */
  textRows(): string[];
  /** Types like a person: a few keys at a time, since the BIOS keyboard buffer holds only 15. */
  sendText(text: string): Promise<void>;
  /** Types one printable ASCII character at once (Shift as the US layout needs it): the console's keys,
   *  by character rather than by key position, so any keyboard layout types what its keys show. */
  typeCharacter(character: string): void;
  sendCtrlAltDel(): void;
  /** Real keys (the page's keydown/keyup, which v86 hears on window) reach the guest only while enabled:
   *  the console enables them while its screen has focus, so typing elsewhere in the app stays there. */
  setKeyboardEnabled(isEnabled: boolean): void;
  /** Stops the CPU; memory (and the screen) are kept, in this page only. */
  pause(): Promise<void>;
  resume(): void;
  isRunning(): boolean;
  /** Stops and drops the emulator; a disk request still open is never answered afterwards. */
  destroy(): Promise<void>;
}

type Done<T> = (value: T) => void;
const SECTOR = 512;
const KEYS_PER_BURST = 8;
const BURST_GAP_MS = 40;
/** Break codes of left Shift, right Shift, Ctrl and Alt. */
const MODIFIER_RELEASES = [0xaa, 0xb6, 0x9d, 0xb8];

/** v86's custom-disk object over a GuestDisk, with the hypervisor sectors answered here. */
function customDisk(disk: GuestDisk, options: MachineOptions, isSystemDisk: boolean, isDestroyed: () => boolean) {
  let mbr: Uint8Array | undefined;
  const read = async (start: number, length: number): Promise<Uint8Array> => {
    if (start % SECTOR || length % SECTOR) throw new RangeError(`unaligned disk read ${start}+${length}`);
    const first = start / SECTOR, count = length / SECTOR;
    const data = await disk.read(first, count);
    const meta = options.metadataSector;
    if (isSystemDisk && meta >= first && meta < first + count) data.set(options.metadata, (meta - first) * SECTOR);
    return data;
  };
  const answer = <T>(work: Promise<T>, done: Done<T>) => {
    // Never answered: the guest hangs. A destroyed machine is never answered either — an MBR pre-read
    // answered after destroy() would start the dropped emulator after all.
    work.then((value) => { if (!isDestroyed()) done(value); }, (error: unknown) => { if (!isDestroyed()) options.onIoError(error); });
  };
  return {
    byteLength: disk.sizeBytes,
    onload: undefined as undefined | ((e: object) => void),
    onprogress: undefined as undefined | ((e: object) => void),
    load(this: { onload?: (e: object) => void }) { this.onload?.({}); },
    get(start: number, length: number, done: Done<Uint8Array>) { answer(read(start, length), done); },
    set(start: number, bytes: Uint8Array, done: Done<void>) {
      const first = start / SECTOR;
      if (isDestroyed()) return;
      if (isSystemDisk && first === options.mailboxSector && bytes.length === SECTOR) {
        const text = new TextDecoder().decode(bytes).replace(/\0[\s\S]*$/, '');
        options.onMailbox(text);
        return; // the hypervisor acts; the guest's write never completes
      }
      if (isSystemDisk && first <= options.metadataSector && first + bytes.length / SECTOR > options.metadataSector) {
        options.onIoError(new Error('the guest wrote over the read-only metadata sector'));
        return;
      }
      answer(disk.write(first, bytes.slice()), done);
    },
    // v86 awaits this MBR pre-read before it starts: unanswered, the machine never starts (black screen).
    get_and_cache(start: number, length: number, done: Done<Uint8Array>) {
      answer(read(start, length).then((d) => { if (start === 0 && length === SECTOR) mbr = d.slice(); return d; }), done);
    },
    get_from_cache(start: number, length: number) { return start === 0 && length === SECTOR ? mbr : undefined; },
    get_state() { return []; },
    set_state() { /* a custom disk keeps no state in v86: the lab's block device is the state */ },
  };
}

export async function startMachine(options: MachineOptions): Promise<Machine> {
  const [{ V86 }, { default: wasmUrl }] = await Promise.all([import('v86'), import('v86/build/v86.wasm?url')]);
  const base = document.baseURI;
  let isDestroyed = false;
  let isLoaded = false;
  let wantsRunning = !options.isPaused;
  const emulator = new V86({
    wasm_path: new URL(wasmUrl, base).href,
    bios: { url: new URL('bios/bios.bin', base).href },
    vga_bios: { url: new URL('bios/vgabios-stdvga.bin', base).href },
    screen_container: options.screen,
    memory_size: options.memoryBytes ?? 32 << 20,
    vga_memory_size: 2 << 20,
    hda: customDisk(options.hda, options, true, () => isDestroyed) as never,
    hdb: options.hdb ? (customDisk(options.hdb, options, false, () => isDestroyed) as never) : undefined,
    disable_mouse: true,
    autostart: true,
    fastboot: true,
  } as never);
  // v86's keyboard adapter listens on window for every key of the page (and calls preventDefault): it must
  // be deaf until the console's screen has focus. v86 makes it only after the wasm loads (continue_init),
  // so keyboard_set_enabled now would find none: catch the assignment instead. It is also the sign that
  // v86's own objects exist, so destroy() can take them down.
  let isKeyboardEnabled = false;
  let keyboardAdapter: { emu_enabled: boolean } | undefined;
  let markInitialised!: () => void;
  const initialised = new Promise<void>((resolve) => (markInitialised = resolve));
  Object.defineProperty(emulator, 'keyboard_adapter', {
    configurable: true,
    get: () => keyboardAdapter,
    set: (adapter: { emu_enabled: boolean } | undefined) => {
      keyboardAdapter = adapter;
      if (adapter) adapter.emu_enabled = isKeyboardEnabled;
      markInitialised();
    },
  });
  // autostart runs the CPU once the MBR pre-read is answered; a pause asked for before that holds.
  let markLoaded!: () => void;
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  emulator.add_listener('emulator-loaded', () => {
    isLoaded = true;
    markLoaded();
    if (!wantsRunning || isDestroyed) void emulator.stop();
  });
  const screen = () => (emulator as unknown as { screen_adapter?: { get_text_screen(): string[] } }).screen_adapter;
  let typing = Promise.resolve();
  return {
    textRows: () => screen()?.get_text_screen() ?? [],
    sendText(text) {
      // One typist at a time; a failed burst was reported to its caller and does not stop the next one.
      const next = typing.catch(() => undefined).then(async () => {
        await loaded; // before that there is no keyboard to type on
        for (let i = 0; i < text.length && !isDestroyed; i += KEYS_PER_BURST) {
          // keyboard_send_text goes through the adapter's enabled check; with no delay it types synchronously.
          emulator.keyboard_set_enabled(true);
          try {
            emulator.keyboard_send_text(text.slice(i, i + KEYS_PER_BURST));
          } finally {
            emulator.keyboard_set_enabled(isKeyboardEnabled);
          }
          await new Promise((r) => setTimeout(r, BURST_GAP_MS));
        }
      });
      typing = next;
      return next;
    },
    typeCharacter(character) {
      if (!isLoaded || isDestroyed || !/^[\x20-\x7e]$/.test(character)) return;
      emulator.keyboard_set_enabled(true);
      try {
        emulator.keyboard_send_text(character);
      } finally {
        emulator.keyboard_set_enabled(isKeyboardEnabled);
      }
    },
    sendCtrlAltDel: () => emulator.keyboard_send_scancodes([0x1d, 0x38, 0x53, 0xd3, 0xb8, 0x9d]),
    setKeyboardEnabled(isEnabled) {
      if (isKeyboardEnabled && !isEnabled && isLoaded && !isDestroyed) {
        // Focus left with a modifier down (Shift+Tab): its key-up went elsewhere, so release them here.
        void emulator.keyboard_send_scancodes(MODIFIER_RELEASES);
      }
      isKeyboardEnabled = isEnabled;
      emulator.keyboard_set_enabled(isEnabled);
    },
    async pause() {
      wantsRunning = false;
      if (isLoaded) await emulator.stop();
    },
    resume() {
      wantsRunning = true;
      if (isLoaded && !isDestroyed) void emulator.run();
    },
    isRunning: () => wantsRunning && !isDestroyed,
    async destroy() {
      isDestroyed = true;
      markLoaded(); // a typist still waiting gives up
      if (keyboardAdapter) {
        await emulator.destroy();
        return;
      }
      // The wasm is still loading: v86's objects (and its window listeners) come later; take them down then.
      void initialised.then(() => emulator.destroy()).catch((error: unknown) => console.error('v86 destroy after load:', error));
    },
  };
}
