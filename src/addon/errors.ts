// Errors meant for the user: their message is Japanese and shown as is (alert or sidebar).
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * The Japanese message for any error: a UserError as it is; anything else (a bug, a Google
 * service failing) in words a 事務局 member can act on, with the detail for the developers.
 * Unexpected errors are also written to the execution log.
 */
export function userMessage(e: unknown): string {
  if (e instanceof UserError) return e.message;
  const message = (e as { message?: unknown } | null)?.message;
  const detail = typeof message === 'string' ? message : String(e);
  console.error(e);
  return `予期しないエラーが発生したため、処理を中止しました。時間をおいてもう一度実行してください。続く場合は、この表示（詳細: ${detail}）を情報政策の担当者に伝えてください。`;
}

/** Runs a menu action; any error becomes a Japanese alert. */
export function runFromMenu(title: string, action: () => void): void {
  try {
    action();
  } catch (e) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, userMessage(e), ui.ButtonSet.OK);
  }
}
