// Sidebar client: three tabs; renders what the server returns, user text always via textContent.
import { byId } from './dom';
import { initMainPanel, refreshOverview } from './panel-main';
import { hasCandidates, initMergePanel, loadCandidates } from './panel-merge';
import { initReportPanel } from './panel-report';
import { hasMapping, initMappingPanel, loadMapping } from './panel-mapping';

type Tab = 'main' | 'merge' | 'report' | 'mapping';

function selectTab(tab: Tab): void {
  for (const t of ['main', 'merge', 'report', 'mapping'] as Tab[]) {
    byId(`tab-${t}`).setAttribute('aria-selected', String(t === tab));
    byId(`panel-${t}`).hidden = t !== tab;
  }
  if (tab === 'merge' && !hasCandidates()) void loadCandidates();
  if (tab === 'mapping' && !hasMapping()) void loadMapping();
}

function init(): void {
  document.querySelectorAll<HTMLButtonElement>('.tabs button').forEach((b) => {
    b.addEventListener('click', () => selectTab(b.dataset.tab as Tab));
  });
  initMainPanel();
  initMergePanel();
  initReportPanel();
  initMappingPanel();
  void refreshOverview().then((o) => {
    if (o && o.initialTab !== 'main') selectTab(o.initialTab);
  });
}

init();
