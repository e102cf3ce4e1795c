/** Opens the sidebar (dist/sidebar.html). Google's add-on sidebars are 300 px wide. */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('進捗管理').setWidth(300);
  SpreadsheetApp.getUi().showSidebar(html);
}
