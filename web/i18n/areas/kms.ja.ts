// kms ページの日本語メッセージ。キーは kms.en.ts と同一（型で検査）。
import type { kmsEn } from './kms.en';

export const kmsJa: Record<keyof typeof kmsEn, string> = {
};
