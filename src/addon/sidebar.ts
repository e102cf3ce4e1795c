// The sidebar, opened on the tab of the menu item that asked for it.
export type SidebarTab = 'main' | 'merge' | 'report' | 'depts';
const TAB_KEY = 'sidebarTab';

/** Opens the sidebar (dist/sidebar.html). Google's add-on sidebars are 300 px wide. */
export function showSidebar(tab: SidebarTab = 'main'): void {
  // Read once by getOverview when the sidebar loads; per user, so two people do not collide.
  if (tab !== 'main') PropertiesService.getUserProperties().setProperty(TAB_KEY, tab);
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('進捗管理').setWidth(300);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The tab the sidebar should open on, forgotten once read. */
export function takeSidebarTab(): SidebarTab {
  const props = PropertiesService.getUserProperties();
  const tab = props.getProperty(TAB_KEY);
  if (tab === null) return 'main';
  props.deleteProperty(TAB_KEY);
  return tab === 'merge' || tab === 'report' || tab === 'depts' ? tab : 'main';
}
