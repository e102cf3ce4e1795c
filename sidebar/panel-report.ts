// 報告書 tab: create the Google Doc, then show the link and the sharing outcome per member.
import type { ReportSummary } from '../src/addon/api';
import { byId, clear, h } from './dom';
import { call } from './rpc';
import { chip, withBusy } from './ui';

const STATUS_LABEL = { shared: '共有済', skipped: '対象外', failed: '失敗' } as const;

function render(r: ReportSummary): void {
  const box = byId('report-result');
  clear(box);
  const link = h('a', { class: 'link', href: r.url, target: '_blank', rel: 'noopener' }, r.name);
  // Failures first: they are what the 事務局 has to act on.
  const order = { failed: 0, shared: 1, skipped: 2 } as const;
  const outcomes = [...r.outcomes].sort((a, b) => order[a.status] - order[b.status]);
  box.append(
    h('a', { class: 'open-button', href: r.url, target: '_blank', rel: 'noopener' }, '報告書を開く'),
    h('p', { class: 'summary' }, r.message),
    link,
    h('p', { class: 'where' }, '保存先: ', h('a', { class: 'link', href: r.folder.url, target: '_blank', rel: 'noopener' }, r.folder.name)),
    ...r.warnings.map((w) => h('div', { class: 'warning' }, w)),
    h('ul', { class: 'plain' }, ...outcomes.map((o) => h('li', {},
      h('div', {}, chip(STATUS_LABEL[o.status], o.status), o.name),
      h('div', { class: 'where' }, o.reason)))),
  );
  byId('report-card').hidden = false;
}

export function initReportPanel(): void {
  byId('btn-report').addEventListener('click', async () => {
    const r = await withBusy('集計して報告書を作成しています（1分ほどかかることがあります）…', () => call('createReport'));
    if (r) render(r);
  });
}
