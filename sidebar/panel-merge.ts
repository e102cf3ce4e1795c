// 統合 tab: review of the suggested groups (drop or add members, name, 基本目標 as an explicit
// choice, 主担当課) and the list of unified plans with 統合解除.
import type { MergeCandidates, MergeGroupView, PlanOption, UnifiedView } from '../src/addon/api';
import { byId, clear, h } from './dom';
import { call } from './rpc';
import { chip, setStatus, withBusy } from './ui';

let data: MergeCandidates | null = null;

function planLabel(p: PlanOption): string {
  return `${p.id} ${p.name}`;
}

function option(value: string, label: string, selected = false): HTMLOptionElement {
  const o = h('option', { value }, label);
  o.selected = selected;
  return o;
}

function groupCard(group: MergeGroupView, index: number, all: MergeCandidates): HTMLElement {
  const plansById = new Map(all.plans.map((p) => [p.id, p]));
  const goalName = new Map(all.goals.map((g) => [g.code, g.name]));
  const members = new Set(group.planIds);

  const card = h('section', { class: 'card merge-group', 'data-group': group.id });
  const list = h('ul', { class: 'members' });
  const addSelect = h('select', { 'aria-label': '追加するプラン' });
  const name = h('input', { type: 'text', placeholder: '例: キャッシュレス決済の推進', 'aria-label': '統合プラン名' });
  const goal = h('select', { 'aria-label': '統合後の基本目標' });
  const goalWarning = h('div', { class: 'warning', role: 'note' });
  const reason = h('textarea', { placeholder: 'この基本目標を選んだ理由（委員会で確認します）', 'aria-label': '基本目標を選んだ理由' });
  const reasonField = h('label', { class: 'field' }, h('span', {}, '基本目標を選んだ理由（必須）'), reason);
  const mainDept = h('select', { 'aria-label': '主担当課' });
  const related = h('p', { class: 'note' });
  const apply = h('button', { type: 'button', class: 'primary' }, '統合する');
  const drop = h('button', { type: 'button', class: 'secondary' }, 'この候補を除外');

  const selected = () => [...members].filter((id) => plansById.has(id));

  function refresh(): void {
    clear(list);
    for (const id of selected()) {
      const p = plansById.get(id)!;
      const box = h('input', { type: 'checkbox', 'aria-label': `${p.id} を統合に含める` });
      box.checked = true;
      box.addEventListener('change', () => { members.delete(id); refresh(); });
      list.appendChild(h('li', {}, box, h('span', {}, planLabel(p),
        h('span', { class: 'meta' }, `基本目標 ${p.goalCode}・${p.departments.join('、') || '担当課なし'}`))));
    }
    clear(addSelect);
    addSelect.appendChild(option('', 'プランを追加…'));
    for (const p of all.plans) if (p.eligible && !members.has(p.id)) addSelect.appendChild(option(p.id, planLabel(p)));

    const goals = [...new Set(selected().map((id) => plansById.get(id)!.goalCode))];
    const previous = goal.value;
    clear(goal);
    goal.appendChild(option('', '基本目標を選んでください'));
    for (const g of all.goals) goal.appendChild(option(g.code, `${g.code} ${g.name}`, g.code === previous));
    const differs = goals.length > 1;
    // One shared goal is the obvious choice; several are a decision for the 事務局, never a default.
    if (!previous && goals.length === 1) goal.value = goals[0];
    goalWarning.hidden = !differs;
    reasonField.hidden = !differs;
    goalWarning.textContent = differs
      ? `統合するプランの基本目標が異なります（${goals.map((c) => `${c} ${goalName.get(c) ?? ''}`.trim()).join('／')}）。統合後の基本目標を選び、理由を入力してください。委員会で確認します。`
      : '';

    const depts = [...new Set(selected().flatMap((id) => plansById.get(id)!.departments))];
    const prevDept = mainDept.value;
    clear(mainDept);
    mainDept.appendChild(option('', '主担当課を選んでください'));
    for (const d of depts) mainDept.appendChild(option(d, d, d === prevDept));
    const others = depts.filter((d) => d !== mainDept.value);
    related.textContent = mainDept.value
      ? `関係課: ${others.join('、') || 'なし'}（各課の指標はそれぞれの課の担当のまま残ります）`
      : '主担当課以外の課は関係課になります。各課の指標はそれぞれの課の担当のまま残ります。';
  }

  addSelect.addEventListener('change', () => {
    if (addSelect.value) members.add(addSelect.value);
    refresh();
  });
  mainDept.addEventListener('change', refresh);
  drop.addEventListener('click', () => card.remove());
  apply.addEventListener('click', async () => {
    const ids = selected();
    const goalsDiffer = new Set(ids.map((id) => plansById.get(id)!.goalCode)).size > 1;
    if (goalsDiffer && !reason.value.trim()) {
      setStatus('基本目標が異なるプランの統合です。選んだ基本目標の理由を入力してください。', 'error');
      reason.focus();
      return;
    }
    const outcome = await withBusy('統合しています…', () => call('applyMerge', {
      memberIds: ids, name: name.value.trim(), goalCode: goal.value, goalReason: reason.value.trim(),
      mainDept: mainDept.value, relatedDepts: [],
    }));
    if (outcome) {
      await loadCandidates();
      setStatus([outcome.message, ...outcome.warnings].join(' '));
    }
  });

  card.append(
    h('h2', {}, `候補 ${index + 1} `, h('span', { class: 'score' }, `類似度 ${group.score.toFixed(2)}`)),
    h('ul', { class: 'reasons' }, ...group.reasons.map((r) => h('li', {}, r))),
    list,
    h('div', { class: 'row' }, addSelect),
    h('label', { class: 'field' }, h('span', {}, '統合プラン名'), name),
    h('label', { class: 'field' }, h('span', {}, '統合後の基本目標'), goal),
    goalWarning,
    reasonField,
    h('label', { class: 'field' }, h('span', {}, '主担当課'), mainDept),
    related,
    h('div', { class: 'actions' }, apply, drop),
  );
  refresh();
  return card;
}

function unifiedItem(u: UnifiedView): HTMLElement {
  const li = h('li', {},
    h('div', {}, chip(u.status, u.status === '有効' ? 'good' : 'none'), `${u.id} ${u.name}`),
    h('div', { class: 'where' }, `統合前: ${u.memberIds.join('、')} → 基本目標 ${u.goalCode}・主担当 ${u.mainDept}`),
    h('div', { class: 'where' }, `${u.when} ${u.who}`));
  if (u.status === '有効') {
    const btn = h('button', { type: 'button', class: 'secondary danger' }, '統合解除');
    let armed = false;
    btn.addEventListener('click', async () => {
      // Two steps instead of confirm(): dialogs are unreliable inside the sidebar's iframe.
      if (!armed) {
        armed = true;
        btn.textContent = 'もう一度押すと解除します';
        return;
      }
      const outcome = await withBusy('統合を解除しています…', () => call('unmerge', u.id));
      if (outcome) {
        await loadCandidates();
        setStatus([outcome.message, ...outcome.warnings].join(' '));
      }
    });
    li.appendChild(h('div', { class: 'actions' }, btn));
  }
  return li;
}

function render(d: MergeCandidates): void {
  const box = byId('merge-groups');
  clear(box);
  if (d.groups.length === 0) {
    box.appendChild(h('section', { class: 'card' }, h('p', { class: 'summary' }, '統合候補はありません（統合済み・完了・中止のプランは候補に含めません）。')));
  }
  d.groups.forEach((g, i) => box.appendChild(groupCard(g, i, d)));
  const list = byId('unified-list');
  clear(list);
  d.unified.forEach((u) => list.appendChild(unifiedItem(u)));
  byId('unified-card').hidden = d.unified.length === 0;
}

export async function loadCandidates(): Promise<void> {
  const d = await withBusy('統合候補を探しています…', () => call('getMergeCandidates'));
  if (d) {
    data = d;
    render(d);
  }
}

export function initMergePanel(): void {
  byId('btn-suggest').addEventListener('click', () => void loadCandidates());
}

export function hasCandidates(): boolean {
  return data !== null;
}
