// チェック・集計 tab: overview, 入力チェック with clickable issues, 集計 with goal ratings.
import type { AggregateSummary, CheckSummary, Overview } from '../src/addon/api';
import { byId, clear, h } from './dom';
import { call, errorMessage } from './rpc';
import { chip, code, ratingClass, revealResult, setStatus, withBusy, withCodes } from './ui';

function showResult(...nodes: Node[]): void {
  const box = byId('result');
  clear(box);
  nodes.forEach((n) => box.appendChild(n));
  revealResult(byId('result-card'), document.querySelector<HTMLDetailsElement>('#panel-main details.help'));
}

export function renderOverview(o: Overview): void {
  // Two lines, each whole: the plan's name (cut with … and a tooltip when very long), then the period.
  const name = byId('plan-name');
  name.textContent = o.planName || '計画名（「設定」シート）が未入力です';
  name.title = o.planName;
  byId('eval-label').textContent = o.evaluationLabel;
  const stats = byId('overview');
  clear(stats);
  const items: [string, number][] = [
    ['プラン', o.plans], ['成果指標', o.indicators], ['基本目標', o.goals], ['担当課', o.departments],
  ];
  for (const [label, n] of items) stats.appendChild(h('div', {}, h('dt', {}, label), h('dd', {}, String(n))));
  const notes: string[] = [];
  if (o.evaluationNote) notes.push(o.evaluationNote);
  if (o.missingSheets.length) notes.push(`見つからないシート: ${o.missingSheets.join('、')}（メニューの「テンプレートを作成」で追加できます）`);
  notes.push(o.lastRun ? `前回の集計: ${o.lastRun}` : 'まだ集計していません。');
  byId('overview-note').textContent = notes.join(' ');
}

function renderCheck(s: CheckSummary): void {
  const summary = s.errors + s.warnings === 0
    ? h('p', { class: 'summary' }, '問題は見つかりませんでした。')
    : h('p', { class: 'summary' }, `エラー ${s.errors} 件、警告 ${s.warnings} 件。項目を押すとそのセルに移動します。`);
  const depts = s.departments.length
    ? h('div', { class: 'depts' }, h('div', { class: 'where' }, '担当課ごと（連絡先の目安）'),
      ...[...s.departments].sort((a, b) => b.errors - a.errors || b.warnings - a.warnings).map((d) => h('div', { class: 'dept' }, h('span', {}, d.department),
        h('span', {}, ...(d.errors ? [chip(`エラー ${d.errors}`, 'error')] : []), ...(d.warnings ? [chip(`警告 ${d.warnings}`, 'warn')] : [])))))
    : null;
  const list = h('ul', { class: 'issues' });
  // エラー before 警告 (what blocks 集計 first); the server's order is kept within each.
  const issues = [...s.issues].sort((a, b) => Number(a.severity !== 'エラー') - Number(b.severity !== 'エラー'));
  for (const issue of issues) {
    const btn = h('button', { type: 'button', title: 'このセルに移動' },
      chip(issue.severity, issue.severity === 'エラー' ? 'error' : 'warn'),
      h('span', { class: 'where' }, code(`${issue.sheet}!${issue.cell}`)),
      h('div', { class: 'message' }, withCodes(issue.message)));
    btn.addEventListener('click', () => {
      call('selectCell', issue.sheet, issue.cell).catch((e) => setStatus(errorMessage(e), 'error'));
    });
    list.appendChild(h('li', {}, btn));
  }
  const more = s.truncated > 0 ? h('p', { class: 'more' }, `ほか ${s.truncated} 件は「検証結果」シートをご覧ください。`) : null;
  showResult(summary, ...(depts ? [depts] : []), list, ...(more ? [more] : []));
}

function renderAggregate(s: AggregateSummary): void {
  const message = h('p', { class: 'summary' }, s.message);
  const dist = h('div', { class: 'grades' }, h('span', { class: 'where' }, 'プランの評価 '),
    ...s.grades.map((g) => chip(`${g.label} ${g.count}`, ratingClass(g.label))));
  // One goal per item, its name on a whole line and both ratings under it: a three-column
  // table squeezed the names into a few characters per line at 300 px.
  const list = h('ul', { class: 'plain goals', 'aria-label': '基本目標の評価' });
  for (const g of s.goals) {
    list.appendChild(h('li', {},
      h('div', { class: 'goal-name' }, code(g.code), ' ', g.name),
      h('div', { class: 'goal-ratings' },
        h('span', { class: 'where' }, '今期'), chip(g.rating),
        h('span', { class: 'where' }, '通算'), chip(g.overall))));
  }
  showResult(message, dist, list);
}

export async function refreshOverview(): Promise<Overview | undefined> {
  const o = await withBusy('読み込み中…', () => call('getOverview'));
  if (o) renderOverview(o);
  return o;
}

export function initMainPanel(): void {
  byId('btn-check').addEventListener('click', async () => {
    const s = await withBusy('入力をチェックしています…', () => call('runCheck'));
    if (s) renderCheck(s);
  });
  byId('btn-aggregate').addEventListener('click', async () => {
    const s = await withBusy('集計しています…', () => call('runAggregate'));
    if (s) {
      renderAggregate(s);
      void refreshOverview();
    }
  });
}
