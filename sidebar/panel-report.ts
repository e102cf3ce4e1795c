// 報告書 tab: the latest report (from 報告書履歴) with 「報告書を開く」 and its folder; 報告書を作成
// makes a new one and shows it the same way, with the sharing outcome per member, failures first.
import type { LastReportView, ReportSummary, ShareOutcomeView } from '../src/addon/api';
import { byId, clear, h } from './dom';
import { call } from './rpc';
import { chip, revealResult, withBusy, withCodes } from './ui';

const STATUS_LABEL = { shared: '共有済', skipped: '対象外', failed: '失敗' } as const;
// Failures first: they are what the 事務局 has to act on.
const STATUS_ORDER = { failed: 0, shared: 1, skipped: 2 } as const;

let shown = false;

function external(href: string, cls: string, label: string): HTMLAnchorElement {
  return h('a', { class: cls, href, target: '_blank', rel: 'noopener' }, label);
}

/** The document once: its name, when and where, and the buttons to open it and its folder. */
function docBlock(name: string, url: string, meta: string, folder: { name: string; url: string }, available = true): HTMLElement[] {
  const nodes: HTMLElement[] = [h('p', { class: 'doc-name' }, withCodes(name))];
  if (meta) nodes.push(h('p', { class: 'where' }, withCodes(meta)));
  if (available) {
    const buttons = h('div', { class: 'actions' }, external(url, 'open-button', '報告書を開く'));
    if (folder.url) buttons.appendChild(external(folder.url, 'open-button secondary', 'フォルダを開く'));
    nodes.push(buttons);
  } else {
    nodes.push(h('div', { class: 'warning' }, 'この報告書はゴミ箱にあるか、アドオンから開けなくなっています。「報告書を作成」で作り直せます。'));
  }
  if (folder.name) nodes.push(h('p', { class: 'where' }, `保存先: ${folder.name}`));
  return nodes;
}

function outcomeList(outcomes: ShareOutcomeView[]): HTMLElement {
  const sorted = [...outcomes].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return h('ul', { class: 'plain outcomes' }, ...sorted.map((o) => h('li', {},
    h('div', {}, chip(STATUS_LABEL[o.status], o.status), o.name),
    h('div', { class: 'where' }, o.reason))));
}

function show(heading: string, nodes: HTMLElement[]): void {
  const box = byId('report-result');
  clear(box);
  box.append(...nodes);
  byId('report-result-h').textContent = heading;
  shown = true;
}

function renderCreated(r: ReportSummary): void {
  const failed = r.outcomes.filter((o) => o.status === 'failed').length;
  const line = r.outcomes.length
    ? `委員 ${r.shared} 名に共有しました。` + (failed ? `${failed} 名は共有できませんでした（理由は下の一覧）。` : '')
    : '委員には共有していません。';
  show('作成した報告書', [
    ...docBlock(r.name, r.url, '', r.folder),
    ...r.warnings.map((w) => h('div', { class: 'warning' }, w)),
    h('p', { class: failed ? 'summary problem' : 'summary' }, line),
    outcomeList(r.outcomes),
  ]);
  revealResult(byId('report-card'), document.querySelector<HTMLDetailsElement>('#report-help'));
}

function renderLast(r: LastReportView): void {
  // The Doc's name already ends with its date and time; the period and the author are what it adds.
  const when = r.when && !r.name.includes(r.when) ? `${r.when} 作成` : '';
  const meta = [r.period, when].filter(Boolean).join('・') + (r.who ? `（作成: ${r.who}）` : '');
  const nodes = docBlock(r.name, r.url, meta, r.folder, r.available);
  if (r.failed) nodes.push(h('div', { class: 'warning' }, `共有できなかった委員: ${r.failed}（「委員名簿」の共有結果を確認してください）`));
  nodes.push(h('p', { class: 'where' }, `共有した委員: ${r.shared || '0名'}`));
  if (r.notes) nodes.push(h('p', { class: 'where' }, `備考: ${r.notes}`));
  show('前回の報告書', nodes);
  byId('report-card').hidden = false;
  byId<HTMLDetailsElement>('report-help').open = false;
}

/** Shows the latest report the first time the tab opens (before one is made in this sidebar). */
export async function loadLastReport(): Promise<void> {
  if (shown) return;
  const r = await withBusy('前回の報告書を確認しています…', () => call('getLastReport'));
  if (r && !shown) renderLast(r);
}

export function initReportPanel(): void {
  byId('btn-report').addEventListener('click', async () => {
    const r = await withBusy('集計して報告書を作成しています（1分ほどかかることがあります）…', () => call('createReport'));
    if (r) renderCreated(r);
  });
}
