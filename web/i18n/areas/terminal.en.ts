// English messages of the terminal pages. Keys are prefixed 'terminal.'; terminal.ja.ts has exactly the same keys.
export const terminalEn = {
} as const;
