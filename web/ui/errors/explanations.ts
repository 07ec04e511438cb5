// What each error code of the lab's catalogue (core/errors.ts: common, KMS, disk, ECS and RAM codes)
// means and what to do about it, in Japanese and English, shown beside the cloud's own English Code
// and Message (issue 4 §1). Codes not in the table get a fallback chosen by their shape and HTTP status.
import type { Locale } from '../../i18n/messages';
import { ECS_EXPLANATIONS } from './explanations-ecs';

export interface Explanation {
  ja: string;
  en: string;
}

export const EXPLANATIONS: Record<string, Explanation> = {
  // Common to every product (core/errors.ts, core/api/codes.ts)
  InternalFailure: {
    en: 'Something failed inside the lab (not your request). Try again; if it keeps happening, reload the page.',
    ja: 'ラボ内部で処理が失敗しました（リクエストの誤りではありません）。もう一度試し、繰り返す場合はページを再読み込みしてください。',
  },
  MissingParameter: {
    en: 'A required parameter was not given. The message names it; add it as --Name value (see --help for the action).',
    ja: '必須パラメーターが指定されていません。メッセージに名前が出ています。--名前 値 の形で追加してください（アクションの --help で確認できます）。',
  },
  InvalidParameter: {
    en: 'A parameter has a value the action does not accept (wrong type, range, format, or a reserved name). The message says which one and why; fix it and send again.',
    ja: 'パラメーターの値が受け付けられません（型・範囲・形式の誤り、または予約された名前）。どのパラメーターがなぜ不正かはメッセージにあります。直して再送してください。',
  },
  'InvalidAction.NotFound': {
    en: 'No such product or action. Action names are case-sensitive (CreateKey, not createkey); list them with aliyun <product> --help.',
    ja: 'その製品またはアクションは存在しません。アクション名は大文字と小文字を区別します（createkey ではなく CreateKey）。aliyun <製品> --help で一覧できます。',
  },
  // KMS (core/kms/codes.ts)
  'Forbidden.KeyNotFound': {
    en: 'No key (or key version) with this id exists in this account and region. Check the id with ListKeys, and the account and region you are in; a key deleted after its waiting period is gone for good.',
    ja: 'このアカウントとリージョンに、その ID のキー（またはキーバージョン）はありません。ListKeys で ID を、また現在のアカウントとリージョンを確認してください。待機期間を過ぎて削除されたキーは二度と戻りません。',
  },
  'Forbidden.AliasNotFound': {
    en: 'No alias with this name exists here. Aliases are per account and region; list them with ListAliases, or create one with CreateAlias.',
    ja: 'この名前のエイリアスはありません。エイリアスはアカウントとリージョンごとです。ListAliases で一覧するか、CreateAlias で作成してください。',
  },
  'Forbidden.NoPermission': {
    en: 'The caller is not allowed to do this — for example, a service key (alias/acs/ecs) is managed by the cloud and takes no rotation or deletion-protection settings.',
    ja: 'この操作は許可されていません。たとえばサービスキー（alias/acs/ecs）はクラウドが管理するため、ローテーションや削除保護の設定はできません。',
  },
  'Forbidden.KmsServiceNotEnabled': {
    en: 'KMS keys of this kind are not available in this region (some regions offer only the service key). Use another region.',
    ja: 'このリージョンではこの種類の KMS キーを使えません（サービスキーのみのリージョンがあります）。別のリージョンを使ってください。',
  },
  'Rejected.LimitExceeded': {
    en: 'A quota is reached (keys per region, tags per key…). Delete what you no longer need, then try again.',
    ja: 'クォータ（リージョンあたりのキー数、キーあたりのタグ数など）の上限に達しました。不要なものを削除してから再試行してください。',
  },
  AliasAlreadyExists: {
    en: 'This alias already points to a key. Choose another name, or move it with UpdateAlias.',
    ja: 'このエイリアスは既に別のキーを指しています。別の名前にするか、UpdateAlias で付け替えてください。',
  },
  InvalidKeyMaterial: {
    en: 'The imported key material is not usable: it did not unwrap with this import token (wrong public key or OAEP hash), is not 256 bits, or differs from the material imported before. Wrap it again with the current GetParametersForImport answer.',
    ja: 'インポートした鍵素材を使えません。このインポートトークンで復号できない（公開鍵や OAEP ハッシュの誤り）、256 ビットでない、または以前にインポートした素材と異なる、のいずれかです。最新の GetParametersForImport の結果で包み直してください。',
  },
  InvalidImportToken: {
    en: 'The ImportToken does not belong to this key or is damaged. Call GetParametersForImport for this key and use the token it returns.',
    ja: 'ImportToken がこのキーのものではないか、壊れています。このキーで GetParametersForImport を呼び、返されたトークンを使ってください。',
  },
  ExpiredImportToken: {
    en: 'The ImportToken is older than 24 hours of lab time. Call GetParametersForImport again and wrap the material with the new public key.',
    ja: 'ImportToken がラボ時間で 24 時間を過ぎて失効しました。GetParametersForImport をもう一度呼び、新しい公開鍵で鍵素材を包み直してください。',
  },
  'Unsupported.Origin': {
    en: 'This does not work for a key of this Origin — e.g. key material can be imported only into EXTERNAL keys, and EXTERNAL keys cannot rotate.',
    ja: 'このキーの Origin ではこの操作はできません。たとえば鍵素材のインポートは EXTERNAL のキーだけ、EXTERNAL のキーはローテーションできません。',
  },
  'Unsupported.Alias': {
    en: 'This action needs the key id itself, not an alias. Find the id with DescribeKey --KeyId alias/… and pass it.',
    ja: 'このアクションにはエイリアスではなくキー ID そのものが必要です。DescribeKey --KeyId alias/… で ID を調べて指定してください。',
  },
  'Rejected.StateModifiedFailed': {
    en: 'The key cannot move to that state from where it is: a service key cannot be disabled or deleted, a key with deletion protection cannot be scheduled for deletion, and some changes need an Enabled key. Check KeyState with DescribeKey.',
    ja: 'キーを現在の状態からその状態へは変えられません。サービスキーは無効化も削除もできず、削除保護中のキーは削除予約できず、有効（Enabled）でないとできない変更もあります。DescribeKey で KeyState を確認してください。',
  },
  'Rejected.Enabled': {
    en: 'The key is Enabled, and this action needs another state (for example, importing material needs PendingImport).',
    ja: 'キーは有効（Enabled）ですが、この操作には別の状態が必要です（たとえば鍵素材のインポートには PendingImport）。',
  },
  'Rejected.Disabled': {
    en: 'The key is disabled, so it can neither encrypt nor decrypt: everything encrypted under it — disks, snapshots, images — is unreadable until it is enabled. Enable it with EnableKey (check what depends on it first).',
    ja: 'キーが無効化されているため、暗号化も復号もできません。このキーで暗号化されたディスク・スナップショット・イメージは、キーを有効にするまで読めません。EnableKey で有効にしてください（先に依存リソースを確認しましょう）。',
  },
  'Rejected.PendingDeletion': {
    en: 'The key is scheduled for deletion and can no longer be used. Until its DeleteDate you can still save it with CancelKeyDeletion; after that its material is destroyed for good.',
    ja: 'キーは削除予約中のため使えません。DeleteDate までは CancelKeyDeletion で取り消せますが、過ぎると鍵素材は完全に破棄されます。',
  },
  'Rejected.PendingImport': {
    en: 'The key has no key material yet (or it expired or was deleted). Import it with GetParametersForImport then ImportKeyMaterial; re-importing the same material restores access to old ciphertext.',
    ja: 'キーに鍵素材がありません（未インポート、期限切れ、または削除済み）。GetParametersForImport と ImportKeyMaterial でインポートしてください。同じ素材を再インポートすれば以前の暗号文も復号できます。',
  },
  Throttling: {
    en: 'Too many requests in a short time. Wait a moment and try again.',
    ja: '短時間にリクエストが多すぎます。少し待ってから再試行してください。',
  },
  // Disks (core/disks/errors.ts); the lab's own codes say so
  'InvalidParameter.Sector': {
    en: 'The sector number is outside the disk. Use a whole number from 0 to the last sector.',
    ja: 'セクター番号がディスクの範囲外です。0 から最終セクターまでの整数を指定してください。',
  },
  'InvalidParameter.Length': {
    en: 'The length must be a whole number of 512-byte sectors, within the per-call limit, ending inside the disk.',
    ja: '長さは 512 バイトのセクター単位で、1 回の上限以内、かつディスク内に収まる必要があります。',
  },
  'InvalidParameter.Size': {
    en: 'The disk size must be a whole number of 512-byte sectors within the lab’s limit.',
    ja: 'ディスクサイズは 512 バイトのセクター単位で、ラボの上限以内にしてください。',
  },
  'InvalidParameter.ChunkSize': {
    en: 'The storage chunk size must be a whole number of sectors from 4 KiB up to the limit.',
    ja: '保存チャンクのサイズは 4 KiB 以上上限以内の、セクター単位の値にしてください。',
  },
  'InvalidParameter.Data': {
    en: 'The data to write must be bytes (a Uint8Array). This is a programming mistake in the caller.',
    ja: '書き込むデータはバイト列（Uint8Array）である必要があります。呼び出し側のプログラムの誤りです。',
  },
  'InvalidParameter.Name': {
    en: 'The name must be 1 to 128 characters.',
    ja: '名前は 1〜128 文字にしてください。',
  },
  'InvalidParameter.Encryption': {
    en: 'The encryption settings do not fit together (for example a data key of the wrong size). The message says what is wrong.',
    ja: '暗号化の設定が整合していません（データキーの長さが違うなど）。何が誤りかはメッセージにあります。',
  },
  'InvalidDiskId.NotFound': {
    en: 'No disk with this id exists (it may have been deleted, perhaps in another tab). List the disks again.',
    ja: 'この ID のディスクはありません（別のタブなどで削除された可能性があります）。ディスクを一覧し直してください。',
  },
  'InvalidSnapshotId.NotFound': {
    en: 'No snapshot with this id exists (it may have been deleted). List the snapshots again.',
    ja: 'この ID のスナップショットはありません（削除された可能性があります）。スナップショットを一覧し直してください。',
  },
  DiskLost: {
    en: 'Lab-only: part of the disk’s stored data is missing (the browser may have evicted site data). It cannot be read back; delete the disk.',
    ja: 'ラボ独自: ディスクの保存データの一部が失われています（ブラウザーがサイトデータを削除した可能性があります）。読み戻せないため、ディスクを削除してください。',
  },
  DiskBusy: {
    en: 'Lab-only: another writer (perhaps another tab) changed or holds the disk. Retry, or close the other tab.',
    ja: 'ラボ独自: 別の書き込み（別のタブなど）がディスクを変更中または使用中です。再試行するか、別のタブを閉じてください。',
  },
  QuotaExceeded: {
    en: 'Lab-only: the browser’s storage quota for this site is full. Delete disks or snapshots to free space.',
    ja: 'ラボ独自: このサイトのブラウザー保存容量が上限に達しました。ディスクやスナップショットを削除して空けてください。',
  },
  StorageUnavailable: {
    en: 'Lab-only: the browser’s storage (IndexedDB) cannot be used here — private mode, blocked site data, or an upgrade in another tab. Check the storage status, or reload.',
    ja: 'ラボ独自: ブラウザーの保存領域（IndexedDB）を使えません（プライベートモード、サイトデータのブロック、別タブでの更新など）。保存状態を確認するか再読み込みしてください。',
  },
  IOError: {
    en: 'Lab-only: a storage transaction failed and nothing of it was kept. Try again.',
    ja: 'ラボ独自: 保存処理が失敗し、その変更は何も残っていません。もう一度試してください。',
  },
  KeyRequired: {
    en: 'Lab-only: the disk is encrypted and its data key is not loaded, so its sectors cannot be read or written. Start its instance (or load the key) first.',
    ja: 'ラボ独自: ディスクは暗号化されており、データキーが読み込まれていないため、セクターを読み書きできません。先にインスタンスを起動（またはキーを読み込み）してください。',
  },
  OperationAborted: {
    en: 'Lab-only: the operation was cancelled and nothing it wrote was kept.',
    ja: 'ラボ独自: 操作は取り消され、書き込んだ内容は何も残っていません。',
  },
  // The terminal's own (core/api/cli.ts): the line never reached the cloud
  CliSyntaxError: {
    en: 'The command line could not be read (an unclosed quote, a parameter without a value…). Write it as aliyun <product> <Action> --Name value; quote values with spaces.',
    ja: 'コマンドを解釈できませんでした（引用符の閉じ忘れ、値のないパラメーターなど）。aliyun <製品> <アクション> --名前 値 の形で書き、空白を含む値は引用符で囲んでください。',
  },
  ...ECS_EXPLANATIONS,
};

const FALLBACKS: { test(code: string, status?: number): boolean; text: Explanation }[] = [
  {
    test: (code) => /(^|\.)NotFound$|\.NotFound\./.test(code),
    text: { en: 'The resource named in the request does not exist here. Check its id, the account and the region.', ja: 'リクエストで指定したリソースが見つかりません。ID、アカウント、リージョンを確認してください。' },
  },
  {
    test: (code) => code.startsWith('InvalidParameter') || code.startsWith('MissingParameter') || code.startsWith('Invalid'),
    text: { en: 'A parameter is missing or not valid. The message names it; fix it and send again.', ja: 'パラメーターが不足しているか不正です。メッセージに名前が出ています。直して再送してください。' },
  },
  {
    test: (code, status) => code.startsWith('Forbidden') || status === 403,
    text: { en: 'The caller is not allowed to do this, or the resource is in a state that forbids it. Check permissions and the resource’s state.', ja: 'この操作は許可されていないか、リソースの状態が許しません。権限とリソースの状態を確認してください。' },
  },
  {
    test: (_, status) => status !== undefined && status >= 500,
    text: { en: 'The lab failed to carry out the request (not your mistake). Try again; reload the page if it keeps happening.', ja: 'ラボがリクエストを処理できませんでした（入力の誤りではありません）。もう一度試し、繰り返す場合は再読み込みしてください。' },
  },
];

const GENERIC: Explanation = {
  en: 'The request was refused. The cloud’s message beside this says why; --help lists the action’s parameters.',
  ja: 'リクエストは拒否されました。理由は横に表示されたクラウドのメッセージ（英語）にあります。--help でアクションのパラメーターを確認できます。',
};

/** The explanation of `code`, exact when the table has it, else by its shape and HTTP status. */
export function explanationOf(code: string, httpStatus?: number): Explanation & { isExact: boolean } {
  const exact = Object.prototype.hasOwnProperty.call(EXPLANATIONS, code) ? EXPLANATIONS[code] : undefined;
  if (exact) return { ...exact, isExact: true };
  const fallback = FALLBACKS.find((f) => f.test(code, httpStatus))?.text ?? GENERIC;
  return { ...fallback, isExact: false };
}

export function explain(code: string, locale: Locale, httpStatus?: number): string {
  return explanationOf(code, httpStatus)[locale];
}
