// English messages of the kms pages. Keys are prefixed 'kms.'; kms.ja.ts has exactly the same keys.
export const kmsEn = {
} as const;
