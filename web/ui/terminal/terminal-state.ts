// The terminal's state for one page: the transcript, the command history and the open flag, kept
// while the panel is closed and saved (redacted: transcript.ts) to localStorage after each change.
import { createSignal } from 'solid-js';
import { fromStored, pushCommand, toStored, type Entry } from './transcript';

export const STORAGE_KEY = 'disk-encryption-lab.terminal';
/** Entries kept on screen in one visit (the stored copy keeps fewer). */
const MAX_SESSION_ENTRIES = 400;

export interface TerminalState {
  isOpen(): boolean;
  setOpen(isOpen: boolean): void;
  entries(): Entry[];
  commands(): string[];
  /** How many entries came from an earlier visit (shown as such). */
  restoredCount(): number;
  addCommand(line: string): void;
  addEntries(entries: Entry[]): void;
  clear(): void;
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch (error) {
    console.warn('terminal history not read (storage blocked):', error);
    return null;
  }
}

function writeStorage(json: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, json);
  } catch (error) {
    console.warn('terminal history not saved (storage blocked or full):', error);
  }
}

export function createTerminalState(): TerminalState {
  const stored = fromStored(readStorage());
  const [isOpen, setOpen] = createSignal(false);
  const [entries, setEntries] = createSignal<Entry[]>(stored.entries);
  const [commands, setCommands] = createSignal<string[]>(stored.commands);
  const [restoredCount, setRestoredCount] = createSignal(stored.entries.length);
  const save = () => writeStorage(JSON.stringify(toStored(commands(), entries())));
  const append = (added: Entry[]) => {
    const next = [...entries(), ...added];
    const dropped = Math.max(0, next.length - MAX_SESSION_ENTRIES);
    setEntries(next.slice(dropped));
    setRestoredCount((n) => Math.max(0, n - dropped));
    save();
  };
  return {
    isOpen,
    setOpen,
    entries,
    commands,
    restoredCount,
    addCommand(line) {
      setCommands((list) => pushCommand(list, line));
      append([{ kind: 'command', text: line.trim() }]);
    },
    addEntries: append,
    clear() {
      setEntries([]);
      setRestoredCount(0);
      save();
    },
  };
}
