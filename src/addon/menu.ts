// The custom menu. A bound script gets a top-level 「進捗管理」 menu; an editor add-on must use
// createAddonMenu() (Extensions › 進捗管理), which the add-on build switches to.

export const MENU_TITLE = '進捗管理';

/** Menu items: caption → global function name (both checked by the bundle test). */
export const MENU_ITEMS: ReadonlyArray<readonly [string, string] | null> = [
  ['サイドバーを開く', 'menuOpenSidebar'],
  null,
  ['入力チェック', 'menuCheck'],
  ['集計', 'menuAggregate'],
  ['統合候補', 'menuMergeCandidates'],
  ['報告書作成', 'menuReport'],
  null,
  ['入力依頼・提出状況', 'menuRequests'],
  ['担当課ごとに保護', 'menuProtect'],
  ['保護を解除', 'menuUnprotect'],
  null,
  ['委員評価フォームを作成', 'menuMemberForm'],
  ['委員評価フォームを送る', 'menuSendMemberForm'],
  ['委員評価を取り込む', 'menuImportMemberRatings'],
  ['確定', 'menuConfirm'],
  ['確定を解除', 'menuReopen'],
  null,
  ['年度更新', 'menuRollover'],
  ['年度更新を元に戻す', 'menuUndoRollover'],
  null,
  ['テンプレートを作成', 'menuTemplate'],
];

export function buildMenu(ui: GoogleAppsScript.Base.Ui, addonMode: boolean): void {
  const menu = addonMode ? ui.createAddonMenu() : ui.createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}
