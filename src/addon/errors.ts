// Errors meant for the user: their message is Japanese and shown as is (alert or sidebar).
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Runs a menu action; a UserError becomes an alert, anything else is rethrown for the log. */
export function runFromMenu(title: string, action: () => void): void {
  try {
    action();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, e.message, ui.ButtonSet.OK);
  }
}
