// ターミナル、ヘッダーのラボバー（時計・アカウント・リセット）、エラー説明の枠の日本語メッセージ。
// キーは terminal.en.ts と同一（型で検査）。
import type { terminalEn } from './terminal.en';

export const terminalJa: Record<keyof typeof terminalEn, string> = {
  'terminal.title': 'ターミナル',
  'terminal.toggle': 'ターミナル',
  'terminal.toggle.title': 'aliyun ターミナルを開く／閉じる（キー: `）',
  'terminal.hint': '↑/↓ 履歴 · Tab 補完 · --help 説明 · clear 消去 · Esc 閉じる',
  'terminal.log': 'ターミナルの出力',
  'terminal.input': 'aliyun コマンド',
  'terminal.welcome':
    'aliyun CLI のコマンドを入力してください。例: aliyun kms CreateKey --Description demo。aliyun --help で製品の一覧、aliyun kms --help でそのアクションの一覧を表示します。',
  'terminal.restored': 'ここまでは以前の訪問の記録です。平文（Plaintext）の値は保存されません。',
  'terminal.running': '実行中…',
  'terminal.syntax': '送信していません: コマンドを解釈できませんでした。',
  'terminal.candidates': '補完の候補:',
  'terminal.copy': '直前の出力をコピー',
  'terminal.copied': '直前の出力をコピーしました。',
  'terminal.copy.nothing': 'コピーできる出力はまだありません。',
  'terminal.copy.failed': 'コピーできませんでした: {message}',
  'terminal.clear': '消去',
  'terminal.close': 'ターミナルを閉じる',

  'errors.explanation.label': 'このエラーの意味と対処',

  'lab.bar': 'ラボの操作',
  'lab.clock.label': 'ラボ時刻',
  'lab.clock.offset.days': '実時間より {days}日{hours}時間 進んでいます',
  'lab.clock.offset.hours': '実時間より {hours}時間{minutes}分 進んでいます',
  'lab.advance': '時間を進める',
  'lab.advance.plusHours': '+{hours}時間',
  'lab.advance.plusDays': '+{days}日',
  'lab.advance.days': '日数',
  'lab.advance.hours': '時間',
  'lab.advance.apply': '進める',
  'lab.advance.busy': '進めています…',
  'lab.advance.nothing': '1 日または 1 時間以上を入力してください。',
  'lab.advance.done': 'ラボ時刻は {now} になりました。',
  'lab.advance.note':
    'ラボ時刻は進むだけで、戻りません。期日を迎えた処理はすぐに実行されます: キーの自動ローテーション、DeleteDate を過ぎたキーの削除（鍵素材は完全に破棄され、そのキーで暗号化したものはすべて読めなくなります）、インポートした鍵素材とインポートトークンの失効。時計を実時間に戻せるのは「ラボをリセット」だけです。',
  'lab.account': 'アカウント',
  'lab.reset': 'ラボをリセット',
  'lab.reset.confirm': 'すべてのキー・エイリアス・監査記録を削除し、時計とアカウントを初回訪問の状態に戻しますか？',
  'lab.reset.yes': 'リセット',
  'lab.reset.busy': 'リセット中…',
  'lab.reset.done': 'ラボをリセットしました。',
  'errors.auditFailure': '読み取りの呼び出しは応答しましたが、その監査レコードを書き込めませんでした。応答は有効ですが、監査証跡に次のレコードがありません:',
  'errors.auditFailure.dismiss': '閉じる',
};
