// Sidebar client: four tabs; renders what the server returns, user text always via textContent.
import { byId } from './dom';
import { initMainPanel, refreshOverview } from './panel-main';
import { hasCandidates, initMergePanel, loadCandidates } from './panel-merge';
import { initReportPanel, loadLastReport } from './panel-report';
import { initDeptsPanel, loadDepts } from './panel-depts';
import { hasMapping, initMappingPanel, loadMapping } from './panel-mapping';

type Tab = 'main' | 'merge' | 'report' | 'depts' | 'mapping';

const TABS: Tab[] = ['main', 'merge', 'report', 'depts', 'mapping'];

function selectTab(tab: Tab): void {
  for (const t of TABS) {
    const button = byId(`tab-${t}`);
    button.setAttribute('aria-selected', String(t === tab));
    // Roving tabindex (WAI-ARIA tabs): Tab reaches the selected tab only, arrows move between them.
    button.tabIndex = t === tab ? 0 : -1;
    byId(`panel-${t}`).hidden = t !== tab;
  }
  if (tab === 'merge' && !hasCandidates()) void loadCandidates();
  if (tab === 'report') void loadLastReport();
  if (tab === 'depts') loadDepts();
  if (tab === 'mapping' && !hasMapping()) void loadMapping();
}

function init(): void {
  document.querySelectorAll<HTMLButtonElement>('.tabs button').forEach((b) => {
    b.addEventListener('click', () => selectTab(b.dataset.tab as Tab));
    b.addEventListener('keydown', (e) => {
      const at = TABS.indexOf(b.dataset.tab as Tab);
      const to = e.key === 'ArrowRight' ? (at + 1) % TABS.length : e.key === 'ArrowLeft' ? (at + TABS.length - 1) % TABS.length
        : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
      if (to < 0) return;
      e.preventDefault();
      selectTab(TABS[to]);
      byId(`tab-${TABS[to]}`).focus();
    });
  });
  selectTab('main');
  initMainPanel();
  initMergePanel();
  initReportPanel();
  initDeptsPanel();
  initMappingPanel();
  void refreshOverview().then((o) => {
    if (o && o.initialTab !== 'main') selectTab(o.initialTab);
  });
}

init();
