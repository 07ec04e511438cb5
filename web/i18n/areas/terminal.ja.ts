// terminal ページの日本語メッセージ。キーは terminal.en.ts と同一（型で検査）。
import type { terminalEn } from './terminal.en';

export const terminalJa: Record<keyof typeof terminalEn, string> = {
};
