// 列の対応 tab: what each column of the progress sheet is read as (項目・年度・種類), with a
// dropdown per column to correct it; saved with the document and used by every command.
import type { ColumnRole, ColumnView, MappingView } from '../src/addon/api';
import { byId, clear, h } from './dom';
import { call } from './rpc';
import { chip, withBusy } from './ui';

let view: MappingView | null = null;

const YEAR_KINDS = ['actual', 'mid', 'target', 'self', 'selfMid'] as const;
type YearKind = (typeof YEAR_KINDS)[number];
const KIND_LABEL: Record<YearKind, string> = { actual: 'の実績', mid: 'の中間実績', target: 'の目標', self: 'の自己評価', selfMid: 'の中間の自己評価' };
const GROUP_LABEL: Record<YearKind, string> = {
  actual: '年度の実績', mid: '年度の中間実績', target: '年度の目標', self: '年度の自己評価（担当課の評価）', selfMid: '年度の中間の自己評価',
};

function wareki(fy: number): string {
  if (fy >= 2019) return `令和${fy === 2019 ? '元' : fy - 2018}年度`;
  if (fy >= 1989) return `平成${fy === 1989 ? '元' : fy - 1988}年度`;
  return `${fy}年度`;
}

function encode(r: ColumnRole): string {
  if (r.kind === 'field') return `field:${r.field}`;
  if (r.kind === 'ignore') return 'ignore';
  return `${r.kind}:${r.year}`;
}

function decode(v: string): ColumnRole {
  const [kind, rest] = v.split(':');
  if (kind === 'field') return { kind: 'field', field: rest as ColumnRole['field'] };
  if ((YEAR_KINDS as readonly string[]).includes(kind)) return { kind: kind as YearKind, year: Number(rest) };
  return { kind: 'ignore' };
}

function roleSelect(v: MappingView, c: ColumnView): HTMLSelectElement {
  const select = h('select', { 'data-col': String(c.col), 'aria-label': `${c.letter}列「${c.header}」の読み方` });
  const fields = h('optgroup', { label: '項目' }, ...v.fields.map((f) => h('option', { value: `field:${f.value}` }, f.label)));
  select.appendChild(fields);
  for (const kind of YEAR_KINDS) {
    const group = h('optgroup', { label: GROUP_LABEL[kind] });
    for (const y of v.years) group.appendChild(h('option', { value: `${kind}:${y}` }, `${wareki(y)}${KIND_LABEL[kind]}`));
    select.appendChild(group);
  }
  select.appendChild(h('option', { value: 'ignore' }, '使わない'));
  // A reading the list does not offer (a year outside it, a column only the add-on assigns) is
  // kept as it is, so saving never changes a column nobody touched.
  const current = encode(c.role);
  if (!Array.from(select.options).some((o) => o.value === current)) select.appendChild(h('option', { value: current }, c.label));
  select.value = current;
  return select;
}

function render(v: MappingView): void {
  view = v;
  const box = byId('mapping-body');
  clear(box);
  byId<HTMLDetailsElement>('mapping-help').open = false;
  if (v.error) {
    box.append(h('div', { class: 'warning' }, v.error));
  }
  if (!v.columns.length) return;
  const rows = v.headerRows;
  box.append(h('p', { class: 'summary' },
    `「${v.sheet}」シート: 見出しは${rows.length === 2 ? `${rows[0]}〜${rows[1]}行目` : `${rows[0]}行目`}、データは${v.firstDataRow}行目からです。` +
    (v.saved ? '（保存した対応を使っています）' : '（自動で判断しています）')));
  for (const w of v.warnings) box.append(h('div', { class: 'warning' }, w));

  const headerRow = h('select', { id: 'mapping-header-row', 'aria-label': '見出しの行' },
    ...Array.from({ length: 10 }, (_, i) => h('option', { value: String(i + 1) }, `${i + 1}行目から`)));
  headerRow.value = String(rows[0] ?? 1);
  const headerCount = h('select', { id: 'mapping-header-rows', 'aria-label': '見出しの行数' },
    h('option', { value: '1' }, '1行'), h('option', { value: '2' }, '2行'));
  headerCount.value = String(rows.length || 1);
  box.append(h('div', { class: 'field' }, h('span', {}, '見出し（変えたら保存すると列を読み直します）'), h('div', { class: 'row' }, headerRow, headerCount)));

  const list = h('ul', { class: 'plain', id: 'mapping-columns' });
  for (const c of v.columns) {
    const meta = [c.sample.length ? `例: ${c.sample.join('／')}` : '（空欄）'];
    if (c.chosen) meta.push(`自動では「${c.autoLabel}」`);
    list.appendChild(h('li', {},
      h('div', {}, chip(`${c.letter}列`, c.chosen ? 'fair' : 'none'), c.header || '（見出しなし）'),
      h('div', { class: 'where' }, meta.join('　')),
      roleSelect(v, c)));
  }
  box.append(list);
  for (const n of v.notes) box.append(h('p', { class: 'note' }, n));
  byId('mapping-actions').hidden = false;
}

async function load(): Promise<void> {
  const v = await withBusy('列の対応を読み込んでいます…', () => call('getColumnMapping'));
  if (v) render(v);
}

export function hasMapping(): boolean {
  return view !== null;
}

export function loadMapping(): Promise<void> {
  return load();
}

export function initMappingPanel(): void {
  byId('btn-mapping-save').addEventListener('click', async () => {
    if (!view) return;
    // Only what differs from detection is a choice (the server keeps those alone as well).
    const autoOf = new Map(view.columns.map((c) => [c.col, encode(c.auto)]));
    const columns = Array.from(document.querySelectorAll<HTMLSelectElement>('#mapping-columns select'))
      .filter((s) => s.value !== autoOf.get(Number(s.dataset.col)))
      .map((s) => ({ col: Number(s.dataset.col), role: decode(s.value) }));
    const headerRow = Number(byId<HTMLSelectElement>('mapping-header-row').value);
    const headerRows = Number(byId<HTMLSelectElement>('mapping-header-rows').value);
    // A changed header row reads the columns anew: the column choices start from detection.
    const same = headerRow === view.headerRows[0] && headerRows === view.headerRows.length;
    const v = await withBusy('列の対応を保存しています…', () =>
      call('saveColumnMapping', { headerRow, headerRows, columns: same ? columns : [] }));
    if (v) render(v);
  });
  byId('btn-mapping-reset').addEventListener('click', async () => {
    const v = await withBusy('自動の判断に戻しています…', () => call('resetColumnMapping'));
    if (v) render(v);
  });
  byId('btn-mapping-reload').addEventListener('click', () => void load());
}
