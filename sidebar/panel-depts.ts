// 担当課 tab: 提出状況 per department, 入力依頼 / 督促 with a preview of every mail and the day's
// mail quota, the automatic 督促, and per-department edit rights. User text only via textContent.
import type { RequestInput, RequestPreview, RequestsOverview } from '../src/addon/api';
import { byId, clear, h } from './dom';
import { call } from './rpc';
import { chip, setStatus, withBusy } from './ui';

let overview: RequestsOverview | null = null;
let pending: RequestInput | null = null;

const STATUS_CLASS: Record<string, string> = { 完了: 'good', 入力中: 'fair', エラーあり: 'poor', 未着手: 'poor', 対象なし: 'none' };
const STATUS_ORDER: Record<string, number> = { エラーあり: 0, 未着手: 1, 入力中: 2, 完了: 4, 対象なし: 5 };

function isoInDays(n: number): string {
  const d = new Date(Date.now() + n * 86400000);
  const two = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

function renderOverview(o: RequestsOverview): void {
  overview = o;
  const select = byId<HTMLSelectElement>('depts-period');
  clear(select);
  for (const p of o.periods) {
    const opt = h('option', { value: p.key }, p.label);
    if (p.key === o.period) opt.selected = true;
    select.appendChild(opt);
  }
  byId('depts-quota').textContent = `今日送信できるメールの残り: 宛先 ${o.quota} 件`;
  const list = byId('depts-list');
  clear(list);
  const done = o.departments.filter((d) => d.complete).length;
  const target = o.departments.filter((d) => d.expected > 0).length;
  byId('depts-summary').textContent = `${o.periodLabel}: ${target} 課中 ${done} 課が完了`;
  // What needs chasing first: errors, not started, in progress; complete ones last, folded
  // under one line (with dozens of departments they would push 入力依頼 far down).
  const rank = (d: RequestsOverview['departments'][number]) => (STATUS_ORDER[d.status] ?? 3);
  const item = (d: RequestsOverview['departments'][number]) => h('li', {},
    h('div', {}, chip(d.status, STATUS_CLASS[d.status]), d.department),
    h('div', { class: 'where' }, `入力済み ${d.filled}/${d.expected}` + (d.errors ? `・エラーのある行 ${d.errors}` : '') +
      (d.emails.length ? '' : '・宛先なし')),
    d.lastChange ? h('div', { class: 'where' }, `最終変更: ${d.lastChange}`) : null,
    d.lastRequest ? h('div', { class: 'where' }, `最終依頼: ${d.lastRequest}`) : null);
  const sorted = [...o.departments].sort((a, b) => rank(a) - rank(b));
  const settled = sorted.filter((d) => rank(d) >= STATUS_ORDER.完了);
  const pending = sorted.filter((d) => rank(d) < STATUS_ORDER.完了);
  for (const d of pending) list.appendChild(item(d));
  if (settled.length) {
    const fold = h('details', { class: 'settled' }, h('summary', {}, `完了・対象なしの課（${settled.length}）`),
      h('ul', { class: 'plain' }, ...settled.map(item)));
    // Nothing left to chase: show them all.
    fold.open = pending.length === 0;
    list.appendChild(h('li', { class: 'settled-group' }, fold));
  }
  byId('depts-status-card').hidden = false;
  const auto = byId('depts-auto-state');
  auto.textContent = o.auto
    ? `設定中: ${o.auto.periodLabel}、期限 ${o.auto.deadlineLabel} の ${o.auto.daysBefore} 日前から（設定した人: ${o.auto.owner}）`
    : '自動督促は設定されていません。';
  byId<HTMLButtonElement>('btn-auto-clear').disabled = !o.auto;
}

async function refresh(): Promise<void> {
  const period = overview ? byId<HTMLSelectElement>('depts-period').value : '';
  const o = await withBusy('提出状況を確認しています…', () => call('getDepartmentStatus', period));
  if (o) renderOverview(o);
}

function readInput(kind: 'request' | 'remind'): RequestInput | null {
  const deadline = byId<HTMLInputElement>('depts-deadline').value;
  if (!deadline) {
    setStatus('入力期限を選んでください。', 'error');
    return null;
  }
  return { kind, period: byId<HTMLSelectElement>('depts-period').value, deadline, message: byId<HTMLTextAreaElement>('depts-message').value };
}

function renderPreview(p: RequestPreview, input: RequestInput): void {
  pending = input;
  const box = byId('depts-preview');
  clear(box);
  const label = input.kind === 'request' ? '入力依頼' : '督促';
  const parts: (Node | null)[] = [
    h('p', { class: 'summary' }, `${p.periodLabel}・期限 ${p.deadlineLabel}: ${p.mails.length} 課に${label}を送ります（宛先 ${p.recipients} 件／今日の残り ${p.quota} 件）。`),
    !p.enough ? h('div', { class: 'warning' }, `今日送信できる残り（${p.quota} 件）を超えています。明日以降に送るか、課を絞ってください。`) : null,
    p.complete.length ? h('p', { class: 'where' }, `入力が完了している課（送りません）: ${p.complete.join('、')}`) : null,
    ...p.skipped.map((s) => h('div', { class: 'warning' }, `${s.department}: ${s.reason}`)),
  ];
  for (const n of parts) if (n) box.appendChild(n);
  const mails = h('ul', { class: 'plain' });
  for (const m of p.mails) {
    const body = h('pre', { class: 'mail' }, m.body);
    const details = h('details', {}, h('summary', {}, `${m.department}（${m.rows} 件）`),
      h('div', { class: 'where' }, `宛先: ${m.to.join(', ')}`), h('div', { class: 'where' }, `件名: ${m.subject}`), body);
    mails.appendChild(h('li', {}, details));
  }
  box.appendChild(mails);
  const send = h('button', { class: 'primary', type: 'button', id: 'btn-send' }, `${p.mails.length} 課に送信`);
  send.disabled = !p.enough || p.mails.length === 0;
  send.addEventListener('click', () => void doSend());
  box.appendChild(h('div', { class: 'actions' }, send));
  byId('depts-preview-card').hidden = false;
}

async function preview(kind: 'request' | 'remind'): Promise<void> {
  const input = readInput(kind);
  if (!input) return;
  const p = await withBusy('送信するメールを作っています…', () => call('previewRequests', input));
  if (p) renderPreview(p, input);
}

async function doSend(): Promise<void> {
  if (!pending) return;
  const input = pending;
  const r = await withBusy('メールを送信しています…', () => call('sendRequests', input));
  if (!r) return;
  pending = null;
  const box = byId('depts-preview');
  clear(box);
  box.append(h('p', { class: 'summary' }, r.message),
    ...r.failed.map((f) => h('div', { class: 'warning' }, `${f.department}: ${f.reason}`)),
    h('p', { class: 'where' }, `今日送信できる残り: 宛先 ${r.quota} 件`));
  await refresh();
}

export function initDeptsPanel(): void {
  initProtect();
  byId<HTMLInputElement>('depts-deadline').value = isoInDays(14);
  byId('btn-depts-refresh').addEventListener('click', () => void refresh());
  byId('depts-period').addEventListener('change', () => void refresh());
  byId('btn-preview-request').addEventListener('click', () => void preview('request'));
  byId('btn-preview-remind').addEventListener('click', () => void preview('remind'));
  byId('btn-auto-set').addEventListener('click', async () => {
    const input = readInput('remind');
    if (!input) return;
    const days = Number(byId<HTMLInputElement>('depts-days').value);
    const v = await withBusy('自動督促を設定しています…', () => call('setAutoRemind', { period: input.period, deadline: input.deadline, message: input.message, daysBefore: days }));
    if (v) await refresh();
  });
  byId('btn-auto-clear').addEventListener('click', async () => {
    const m = await withBusy('自動督促を解除しています…', () => call('clearAutoRemind'));
    if (m) {
      await refresh();
      setStatus(m);
    }
  });
}

function initProtect(): void {
  const box = () => byId('protect-result');
  byId('btn-protect').addEventListener('click', async () => {
    const r = await withBusy('保護を設定しています…', () => call('protectDepartments'));
    if (!r) return;
    clear(box());
    box().append(h('p', { class: 'summary' }, r.message), ...r.warnings.map((w) => h('div', { class: 'warning' }, w)),
      h('ul', { class: 'plain' }, ...r.departments.map((d) => h('li', {},
        h('div', {}, chip(d.warningOnly ? '警告のみ' : '保護', d.warningOnly ? 'fair' : 'good'), d.department),
        h('div', { class: 'where' }, `${d.rows} 行・${d.editors.length ? d.editors.join(', ') : '宛先なし'}`)))));
  });
  byId('btn-unprotect').addEventListener('click', async () => {
    const m = await withBusy('保護を解除しています…', () => call('unprotectDepartments'));
    if (m) {
      clear(box());
      box().append(h('p', { class: 'summary' }, m));
    }
  });
}

/** Loads the 提出状況 the first time the tab is shown. */
export function loadDepts(): void {
  if (!overview) void refresh();
}
