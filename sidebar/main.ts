// Sidebar client: four tabs; renders what the server returns, user text always via textContent.
import { byId } from './dom';
import { initMainPanel, refreshOverview } from './panel-main';
import { hasCandidates, initMergePanel, loadCandidates } from './panel-merge';
import { initReportPanel } from './panel-report';
import { initDeptsPanel, loadDepts } from './panel-depts';
import { hasMapping, initMappingPanel, loadMapping } from './panel-mapping';

type Tab = 'main' | 'merge' | 'report' | 'depts' | 'mapping';

function selectTab(tab: Tab): void {
  for (const t of ['main', 'merge', 'report', 'depts', 'mapping'] as Tab[]) {
    byId(`tab-${t}`).setAttribute('aria-selected', String(t === tab));
    byId(`panel-${t}`).hidden = t !== tab;
  }
  if (tab === 'merge' && !hasCandidates()) void loadCandidates();
  if (tab === 'depts') loadDepts();
  if (tab === 'mapping' && !hasMapping()) void loadMapping();
}

function init(): void {
  document.querySelectorAll<HTMLButtonElement>('.tabs button').forEach((b) => {
    b.addEventListener('click', () => selectTab(b.dataset.tab as Tab));
  });
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
