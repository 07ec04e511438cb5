// Explanations of the ECS and RAM codes (core/ecs/codes.ts, core/ram/ram-codes.ts) in Japanese and
// English, merged into EXPLANATIONS by explanations.ts; kept apart so each table stays readable.
import type { Explanation } from './explanations';

export const ECS_EXPLANATIONS: Record<string, Explanation> = {
  'InvalidParameter.EncryptedIllegal': {
    en: 'A KMSKeyId was given without Encrypted=true. Add --Encrypted true to encrypt with that key, or drop the key.',
    ja: 'Encrypted=true なしで KMSKeyId が指定されました。そのキーで暗号化するなら --Encrypted true を加え、しないならキーを外してください。',
  },
  'InvalidParameter.Encrypted': {
    en: 'The source is encrypted, and encryption can never be removed: what you make from it must be encrypted too (any key you choose).',
    ja: '元のリソースが暗号化されており、暗号化は解除できません。そこから作るものも暗号化が必要です（キーは選べます）。',
  },
  'InvalidEncrypted.NotMatchSnapshot': {
    en: 'The snapshot is encrypted, so a disk made from it must be encrypted: add Encrypted=true (its key is the default).',
    ja: 'スナップショットが暗号化されているため、そこから作るディスクも暗号化が必要です。Encrypted=true を指定してください（既定はスナップショットのキー）。',
  },
  'InvalidEncrypted.NotMatchDiskDefaultEncryption': {
    en: 'Account-level default encryption is on in this region, so unencrypted disks and copies cannot be made. Encrypt them, or turn default encryption off.',
    ja: 'このリージョンではアカウントレベルのデフォルト暗号化が有効なため、暗号化されていないディスクやコピーは作れません。暗号化するか、デフォルト暗号化を無効にしてください。',
  },
  'InvalidParam.EncryptedMismatch': {
    en: 'The resource is shared by another account and encrypted under its key. Set Encrypted=true and use a key of your own (your service key by default).',
    ja: '別アカウントから共有され、そのアカウントのキーで暗号化されたリソースです。Encrypted=true を指定し、自分のキー（既定は自分のサービスキー）を使ってください。',
  },
  'NotSupportSnapshotEncrypted.RegionId': {
    en: 'This region does not support encrypted disks (China (Nanjing) and South Korea (Seoul) do not). Use another region.',
    ja: 'このリージョンは暗号化ディスクに対応していません（中国（南京）と韓国（ソウル））。別のリージョンを使ってください。',
  },
  'NotSupportSnapshotEncrypted.DiskCategory': {
    en: 'Encrypted system disks, and encrypted disks made from snapshots or images, must be in the ESSD series. Choose cloud_essd, cloud_essd_entry, cloud_auto or cloud_regional_disk_auto.',
    ja: '暗号化したシステムディスク、およびスナップショットやイメージから作る暗号化ディスクは ESSD シリーズに限られます。cloud_essd、cloud_essd_entry、cloud_auto、cloud_regional_disk_auto を選んでください。',
  },
  'InvalidParameter.EncryptedNotSupported': {
    en: 'Encryption is not supported here (this region, category or resource). Create it unencrypted or use another region or category.',
    ja: 'ここでは暗号化に対応していません（リージョン、カテゴリー、またはリソースの種類）。暗号化なしで作るか、別のリージョンやカテゴリーを使ってください。',
  },
  'InvalidParameter.KMSKeyId.CMKNotEnabled': {
    en: 'The KMS key is not Enabled (Disabled, PendingDeletion or PendingImport), so ECS cannot get a data key from it. Enable the key (EnableKey) or choose another.',
    ja: 'KMS キーが有効（Enabled）ではない（無効、削除予約中、インポート待ち）ため、ECS はデータキーを得られません。EnableKey でキーを有効にするか、別のキーを選んでください。',
  },
  'InvalidParameter.KMSKeyId.CMKUnauthorized': {
    en: 'ECS could not mark the key as used for disk encryption (its tag). Check the key and that ECS’s service role may use it.',
    ja: 'ECS がキーにディスク暗号化用のタグを付けられませんでした。キーと、ECS のサービスロールがそれを使えるかを確認してください。',
  },
  'InvalidParameter.KMSKeyId.KMSUnauthorized': {
    en: 'ECS has not been allowed to use your KMS keys. Authorize the role AliyunECSDiskEncryptDefaultRole first (needed the first time a CMK is used).',
    ja: 'ECS に KMS キーの使用が許可されていません。先にロール AliyunECSDiskEncryptDefaultRole を承認してください（CMK を初めて使うときに必要です）。',
  },
  'InvalidParameter.KMSKeyId.NotFound': {
    en: 'No KMS key with this id exists in this region (keys do not cross regions or accounts). Check it with aliyun kms ListKeys.',
    ja: 'このリージョンにその ID の KMS キーはありません（キーはリージョンやアカウントをまたげません）。aliyun kms ListKeys で確認してください。',
  },
  'InvalidParameter.DataEncryptedKeyCreateFailed': {
    en: 'KMS could not create the disk’s data key. The message gives the KMS reason; fix the key, then try again.',
    ja: 'KMS がディスクのデータキーを作成できませんでした。理由はメッセージにあります。キーを直してから再試行してください。',
  },
  'InvalidRegion.NotSupport': {
    en: 'This region offers only the service key, not customer master keys (China (Fuzhou), Thailand (Bangkok)). Use the service key or another region.',
    ja: 'このリージョンではサービスキーのみで、CMK は使えません（中国（福州）、タイ（バンコク））。サービスキーか別のリージョンを使ってください。',
  },
  'InvalidDiskCategory.ValueNotSupported': {
    en: 'The lab does not know this disk category. Use one of the listed categories (e.g. cloud_essd).',
    ja: 'このディスクカテゴリーはラボにありません。一覧にあるカテゴリー（cloud_essd など）を使ってください。',
  },
  'InvalidDiskSize.NotSupported': {
    en: 'The size is outside the range of this disk category. The message gives the range in GiB.',
    ja: 'サイズがこのディスクカテゴリーの範囲外です。範囲（GiB）はメッセージにあります。',
  },
  'InvalidDiskSize.TooSmall': {
    en: 'The size is below this category’s minimum (or smaller than the snapshot or image it comes from). The message gives the range.',
    ja: 'サイズがこのカテゴリーの最小値（または元のスナップショットやイメージ）より小さいです。範囲はメッセージにあります。',
  },
  'InvalidRegionId.NotFound': {
    en: 'The lab has no region with this id. Use a region id such as cn-hangzhou.',
    ja: 'その ID のリージョンはラボにありません。cn-hangzhou などのリージョン ID を使ってください。',
  },
  'InvalidZoneId.NotFound': {
    en: 'This zone is not in the region. Use a zone of that region (for example cn-hangzhou-h).',
    ja: 'このゾーンはそのリージョンにありません。そのリージョンのゾーン（cn-hangzhou-h など）を使ってください。',
  },
  'Abs.InvalidAction.RegionNotSupport': {
    en: 'Account-level default encryption is not available in this region. Use another region.',
    ja: 'このリージョンではアカウントレベルのデフォルト暗号化を使えません。別のリージョンを使ってください。',
  },
  'InvalidOperation.KMSKeyIdNotFound': {
    en: 'The key for default encryption was not found. Check the key id in this region, or reset the default to the service key.',
    ja: 'デフォルト暗号化のキーが見つかりません。このリージョンのキー ID を確認するか、既定をサービスキーに戻してください。',
  },
  'InvalidInstanceType.NotSupportDiskCategory': {
    en: 'This instance type cannot take this disk: encrypted system disks and encrypted disks from snapshots cannot attach to ecs.ebmg5, ecs.ebmgn5t, ecs.ebmi3, ecs.sccg5, ecs.scch5, ecs.ebmc4 or ecs.ebmhfg5.',
    ja: 'このインスタンスタイプにはこのディスクを使えません。暗号化したシステムディスクとスナップショットから作った暗号化ディスクは ecs.ebmg5、ecs.ebmgn5t、ecs.ebmi3、ecs.sccg5、ecs.scch5、ecs.ebmc4、ecs.ebmhfg5 に接続できません。',
  },
  'InvalidSnapshotId.NotReady': {
    en: 'The snapshot is still being made. Wait until its status is accomplished, then try again.',
    ja: 'スナップショットはまだ作成中です。完了してから再試行してください。',
  },
  IncorrectDiskStatus: {
    en: 'The disk’s current status does not allow this (it is still being created, or attached when it must be detached). Check its status and wait or detach it.',
    ja: 'ディスクの現在の状態ではこの操作はできません（作成中、またはデタッチが必要なのに接続中など）。状態を確認し、待つかデタッチしてください。',
  },
  IncorrectImageStatus: {
    en: 'The image is not ready yet. Wait until it is Available, then try again.',
    ja: 'イメージはまだ使える状態ではありません。Available になってから再試行してください。',
  },
  'InvalidImageId.NotFound': {
    en: 'No image with this id is visible to this account here (another account’s unshared image is invisible). Check the id, region and sharing.',
    ja: 'このアカウントから見えるその ID のイメージはありません（共有されていない他アカウントのイメージは見えません）。ID、リージョン、共有設定を確認してください。',
  },
  SnapshotCreatedImage: {
    en: 'A custom image was made from this snapshot, so it cannot be deleted. Delete the image(s) named in the message first.',
    ja: 'このスナップショットからカスタムイメージが作られているため削除できません。先にメッセージにあるイメージを削除してください。',
  },
  'InvalidAccount.NotExist': {
    en: 'There is no such account to share with (the lab has two accounts, and you cannot share with yourself). Use the other lab account’s id.',
    ja: '共有先のアカウントがありません（ラボのアカウントは 2 つで、自分自身とは共有できません）。もう一方のラボアカウントの ID を使ってください。',
  },
  'InvalidInstanceId.NotFound': {
    en: 'No instance with this id exists in this region. Check the id and region.',
    ja: 'このリージョンにその ID のインスタンスはありません。ID とリージョンを確認してください。',
  },
  IncorrectInstanceStatus: {
    en: 'The instance’s current status does not allow this (for example it must be Stopped, or Running). Check its status first.',
    ja: 'インスタンスの現在の状態ではこの操作はできません（停止中や実行中である必要があるなど）。先に状態を確認してください。',
  },
  DryRunOperation: {
    en: 'Not a failure: the request was sent with DryRun=true and would have succeeded. Nothing was created; send it again without DryRun to do it.',
    ja: '失敗ではありません。DryRun=true で送ったリクエストは成功する内容でした。何も作成していません。実行するには DryRun なしで送り直してください。',
  },
  'NotSupportSnapshotEncrypted.ZoneId': {
    en: 'This zone (China (Hong Kong) Zone D, Singapore Zone A) cannot encrypt a system disk when the instance is created. Choose another zone, or create it unencrypted and encrypt it later with ReplaceSystemDisk and an encrypted image.',
    ja: 'このゾーン（中国 (香港) ゾーン D、シンガポール ゾーン A）では、インスタンス作成時にシステムディスクを暗号化できません。別のゾーンを選ぶか、暗号化なしで作成してから暗号化イメージで ReplaceSystemDisk してください。',
  },
  'InvalidInstanceType.ValueNotSupported': {
    en: 'The lab does not offer this instance type. List the types with DescribeInstanceTypes and choose one of them.',
    ja: 'このインスタンスタイプはラボにありません。DescribeInstanceTypes で一覧し、その中から選んでください。',
  },
  'InvalidSystemDiskCategory.ValueNotSupported': {
    en: 'This disk category cannot be a system disk (Regional ESSD and elastic ephemeral disks are data disks only). Choose ESSD, ESSD AutoPL, or another category a system disk can have.',
    ja: 'このカテゴリはシステムディスクにできません（リージョナル ESSD とエラスティックエフェメラルディスクはデータディスク専用）。ESSD、ESSD AutoPL など、システムディスクにできるカテゴリを選んでください。',
  },
  'InvalidDiskId.ZoneMismatch': {
    en: 'The disk and the instance are in different zones. A disk attaches only to an instance in its own zone.',
    ja: 'ディスクとインスタンスのゾーンが異なります。ディスクは同じゾーンのインスタンスにしか接続できません。',
  },
  // RAM (core/ram/ram-codes.ts)
  NoPermission: {
    en: 'The caller is not authorized for this action by RAM policies. Use an identity with the right policy, or attach one.',
    ja: 'RAM ポリシーにより、この操作は許可されていません。適切なポリシーを持つ ID を使うか、ポリシーをアタッチしてください。',
  },
  'EntityNotExist.Role': {
    en: 'No RAM role with this name exists in the account. Create it (or authorize the ECS service role) first.',
    ja: 'この名前の RAM ロールはアカウントにありません。先に作成（または ECS のサービスロールを承認）してください。',
  },
  'EntityAlreadyExists.Role': {
    en: 'A role with this name already exists (names ignore case). Use it, or choose another name.',
    ja: 'この名前のロールは既にあります（大文字と小文字は区別されません）。それを使うか、別の名前にしてください。',
  },
  'EntityNotExist.Policy': {
    en: 'The lab does not know this policy. Check its name and type (System or Custom).',
    ja: 'このポリシーはラボにありません。名前と種類（System または Custom）を確認してください。',
  },
  'EntityAlreadyExists.Role.Policy': {
    en: 'This policy is already attached to the role; nothing to do.',
    ja: 'このポリシーは既にロールにアタッチされています。何もする必要はありません。',
  },
  'EntityNotExist.Role.Policy': {
    en: 'This policy is not attached to the role, so it cannot be detached.',
    ja: 'このポリシーはロールにアタッチされていないため、デタッチできません。',
  },
  'DeleteConflict.Role.Policy': {
    en: 'The role still has policies attached. Detach them, then delete the role.',
    ja: 'ロールにまだポリシーがアタッチされています。デタッチしてからロールを削除してください。',
  },
};
