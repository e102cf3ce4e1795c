// 統合 tab: review of the suggested groups (drop or add members, name, 基本目標 as an explicit
// choice, 主担当課) and the list of unified plans with 統合解除. Groups come a page at a time and
// plans to add are searched on the server, so a sheet of thousands of plans stays light here.
import type { MergeCandidates, MergeGroupView, PlanOption, UnifiedView } from '../src/addon/api';
import { byId, clear, h } from './dom';
import { call } from './rpc';
import { chip, code, setStatus, similarityWords, withBusy, withCodes } from './ui';

let data: MergeCandidates | null = null;
/** Groups per page (the server allows up to MERGE_PAGE_MAX). */
const PAGE_SIZE = 20;

function planLabel(p: PlanOption): string {
  return `${p.id} ${p.name}`;
}

function option(value: string, label: string, selected = false): HTMLOptionElement {
  const o = h('option', { value }, label);
  o.selected = selected;
  return o;
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field inline' }, h('span', {}, label), control);
}

/**
 * One suggested group, compact so a typical group (2–3 plans) fits the sidebar with its buttons
 * in view: the reasons and the plans to review, then 「統合する…」 opens the decisions (name,
 * 基本目標, 主担当課, plans to add) with 「統合を確定」 next to them.
 */
function groupCard(group: MergeGroupView, index: number, all: MergeCandidates): HTMLElement {
  // The page's plans; plans added through the search join this map.
  const plansById = new Map(all.plans.map((p) => [p.id, p]));
  const goalName = new Map(all.goals.map((g) => [g.code, g.name]));
  const members = new Set(group.planIds);

  const card = h('section', { class: 'card merge-group', 'data-group': group.id, 'aria-label': `統合候補 ${all.offset + index + 1}` });
  const list = h('ul', { class: 'members' });
  const search = h('input', { type: 'search', placeholder: 'プランID・名前の一部', 'aria-label': '追加するプランを検索' });
  const searchBtn = h('button', { type: 'button', class: 'secondary' }, '検索');
  const addSelect = h('select', { 'aria-label': '追加するプラン' });
  addSelect.hidden = true;
  const name = h('input', { type: 'text', placeholder: '例: キャッシュレス決済の推進', 'aria-label': '統合プラン名' });
  const goal = h('select', { 'aria-label': '統合後の基本目標' });
  const goalWarning = h('div', { class: 'warning', role: 'note' });
  const reason = h('textarea', { rows: '2', placeholder: 'この基本目標を選んだ理由（委員会で確認します）', 'aria-label': '基本目標を選んだ理由' });
  const reasonField = h('label', { class: 'field' }, h('span', {}, '基本目標を選んだ理由（必須）'), reason);
  const mainDept = h('select', { 'aria-label': '主担当課' });
  const related = h('p', { class: 'note related' });
  const open = h('button', { type: 'button', class: 'primary', 'aria-expanded': 'false' }, '統合する…');
  const drop = h('button', { type: 'button', class: 'secondary' }, 'この候補を除外');
  const apply = h('button', { type: 'button', class: 'primary' }, '統合を確定');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'やめる');
  const goalsChip = chip('基本目標が異なる', 'fair');

  const selected = () => [...members].filter((id) => plansById.has(id));

  function refresh(): void {
    clear(list);
    for (const id of selected()) {
      const p = plansById.get(id)!;
      const box = h('input', { type: 'checkbox', 'aria-label': `${p.id} を統合に含める` });
      box.checked = true;
      box.addEventListener('change', () => { members.delete(id); refresh(); });
      list.appendChild(h('li', {}, box, h('span', { class: 'member' }, code(p.id), ' ', p.name,
        h('span', { class: 'meta' }, '基本目標 ', code(p.goalCode), `・${p.departments.join('、') || '担当課なし'}`))));
    }

    const goals = [...new Set(selected().map((id) => plansById.get(id)!.goalCode))];
    const previous = goal.value;
    clear(goal);
    goal.appendChild(option('', '選んでください'));
    for (const g of all.goals) goal.appendChild(option(g.code, `${g.code} ${g.name}`, g.code === previous));
    const differs = goals.length > 1;
    // One shared goal is the obvious choice; several are a decision for the 事務局, never a default.
    if (!previous && goals.length === 1) goal.value = goals[0];
    goalsChip.hidden = !differs;
    goalWarning.hidden = !differs;
    reasonField.hidden = !differs;
    clear(goalWarning);
    if (differs) {
      goalWarning.append('基本目標が異なります（');
      goals.forEach((c, i) => {
        const el = code(c);
        el.title = goalName.get(c) ?? '';
        goalWarning.append(...(i ? ['／'] : []), el);
      });
      goalWarning.append('）。統合後の基本目標と、選んだ理由を入力してください。');
    }

    const depts = [...new Set(selected().flatMap((id) => plansById.get(id)!.departments))];
    const prevDept = mainDept.value;
    clear(mainDept);
    mainDept.appendChild(option('', '選んでください'));
    for (const d of depts) mainDept.appendChild(option(d, d, d === prevDept));
    const others = depts.filter((d) => d !== mainDept.value);
    related.textContent = mainDept.value
      ? `関係課: ${others.join('、') || 'なし'}（各課の指標はそれぞれの課の担当のまま残ります）`
      : '主担当課以外の課は関係課になり、各課の指標はそれぞれの課の担当のまま残ります。';
    apply.disabled = selected().length < 2;
  }

  async function findToAdd(): Promise<void> {
    const q = search.value.trim();
    if (!q) return;
    const found = await withBusy('プランを検索しています…', () => call('findPlans', q));
    if (!found) return;
    clear(addSelect);
    const candidates = found.filter((p) => p.eligible && !members.has(p.id));
    addSelect.appendChild(option('', candidates.length ? `プランを追加…（${candidates.length}件）` : '該当するプランはありません'));
    for (const p of candidates) {
      plansById.set(p.id, p);
      addSelect.appendChild(option(p.id, planLabel(p)));
    }
    addSelect.hidden = false;
  }
  searchBtn.addEventListener('click', () => void findToAdd());
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); void findToAdd(); } });
  addSelect.addEventListener('change', () => {
    if (addSelect.value) {
      members.add(addSelect.value);
      addSelect.remove(addSelect.selectedIndex);
      addSelect.value = '';
    }
    refresh();
  });
  mainDept.addEventListener('change', refresh);

  const form = h('div', { class: 'merge-form' },
    field('統合プラン名', name),
    field('基本目標', goal),
    goalWarning,
    reasonField,
    field('主担当課', mainDept),
    related,
    h('details', { class: 'add-plan' }, h('summary', {}, 'プランを追加'),
      h('div', { class: 'row' }, search, searchBtn), addSelect),
    h('p', { class: 'note' }, '統合前のプランと指標はそのまま残り、いつでも統合を解除できます。'),
    h('div', { class: 'actions' }, apply, cancel),
  );
  form.hidden = true;
  const review = h('div', { class: 'actions' }, open, drop);

  function showForm(show: boolean): void {
    form.hidden = !show;
    review.hidden = show;
    open.setAttribute('aria-expanded', String(show));
    if (show) {
      name.focus({ preventScroll: true });
      // The decisions and 「統合を確定」 in view together.
      form.scrollIntoView({ block: 'nearest' });
    } else {
      open.focus();
    }
  }
  open.addEventListener('click', () => showForm(true));
  cancel.addEventListener('click', () => showForm(false));
  drop.addEventListener('click', () => {
    const next = card.nextElementSibling?.querySelector<HTMLButtonElement>('button.primary');
    card.remove();
    next?.focus();
  });
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
      await loadCandidates(all.offset);
      setStatus([outcome.message, ...outcome.warnings].join(' '));
    }
  });

  const similar = similarityWords(group.score);
  const simChip = chip(similar.label, similar.cls);
  simChip.title = `類似度 ${group.score.toFixed(2)}（0〜1。1 に近いほど似ています）`;
  card.append(
    h('h2', {}, h('span', { class: 'candidate' }, `候補 ${all.offset + index + 1}`), simChip, goalsChip),
    h('ul', { class: 'reasons' }, ...group.reasons.map((r) => h('li', {}, withCodes(r)))),
    list,
    review,
    form,
  );
  refresh();
  return card;
}

function unifiedItem(u: UnifiedView): HTMLElement {
  const li = h('li', {},
    h('div', {}, chip(u.status, u.status === '有効' ? 'good' : 'none'), code(u.id), ' ', u.name),
    h('div', { class: 'where' }, '統合前: ', ...u.memberIds.flatMap((id, i) => [...(i ? ['、'] : []), code(id)]),
      ' → 基本目標 ', code(u.goalCode), `・主担当 ${u.mainDept}`),
    h('div', { class: 'where' }, `${u.when} ${u.who}`));
  if (u.status === '有効') {
    const btn = h('button', { type: 'button', class: 'secondary danger' }, '統合解除');
    let armed = false;
    btn.addEventListener('click', async () => {
      // Two steps instead of confirm(): dialogs are unreliable inside the sidebar's iframe.
      if (!armed) {
        armed = true;
        btn.textContent = 'もう一度押すと解除します';
        // Disarmed again after a while, so a later stray click does not undo the merge.
        setTimeout(() => { if (btn.isConnected) { armed = false; btn.textContent = '統合解除'; } }, 8000);
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

function pager(d: MergeCandidates): HTMLElement {
  const last = Math.min(d.offset + d.groups.length, d.total);
  const prev = h('button', { type: 'button', class: 'secondary', 'aria-label': '前の候補' }, '前へ');
  const next = h('button', { type: 'button', class: 'secondary', 'aria-label': '次の候補' }, '次へ');
  prev.disabled = d.offset === 0;
  next.disabled = last >= d.total;
  prev.addEventListener('click', () => void loadCandidates(Math.max(0, d.offset - d.limit)));
  next.addEventListener('click', () => void loadCandidates(d.offset + d.limit));
  return h('div', { class: 'pager actions' }, h('span', { class: 'summary' }, `候補 ${d.offset + 1}〜${last} 件目（全 ${d.total} 組）`), prev, next);
}

function render(d: MergeCandidates): void {
  const box = byId('merge-groups');
  clear(box);
  // The intro shrinks to a count and a 「探し直す」 button, so the first group is in view.
  const summary = byId('merge-summary');
  summary.hidden = false;
  const active = d.unified.filter((u) => u.status === '有効').length;
  summary.textContent = (d.total === 0
    ? '統合候補はありません（統合済み・完了・中止のプランは候補に含めません）。'
    : `似ているプランの組が ${d.total} 組あります。`) + (active ? ` 統合プラン ${active} 件は一番下にあります。` : '');
  const suggest = byId('btn-suggest');
  suggest.textContent = '候補を探し直す';
  suggest.className = 'secondary';
  byId<HTMLDetailsElement>('merge-help').open = false;
  if (d.total > d.groups.length) box.appendChild(pager(d));
  d.groups.forEach((g, i) => box.appendChild(groupCard(g, i, d)));
  if (d.total > d.groups.length) box.appendChild(pager(d));
  const list = byId('unified-list');
  clear(list);
  d.unified.forEach((u) => list.appendChild(unifiedItem(u)));
  byId('unified-card').hidden = d.unified.length === 0;
}

/** Loads a page of suggestions (the first by default; after a merge, the page shown). */
export async function loadCandidates(offset = 0): Promise<void> {
  const d = await withBusy('統合候補を探しています…', () => call('getMergeCandidates', { offset, limit: PAGE_SIZE }));
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
