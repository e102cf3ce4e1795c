// 確定: after the committee meets, the 事務局 confirms the period. The figures, grades and ratings
// of 集計結果 / 目標別評価 at that moment are copied to two add-on-owned, protected sheets (確定値,
// 確定値（基本目標）) with who and when. Afterwards every change to a confirmed figure is flagged
// (入力チェック, 集計, 変更履歴 with 確定後), and the report for the period is built from the
// snapshot: the confirmed actual of each indicator is put back in place of what the cell holds now.
// Pure: the add-on reads and writes the sheets.
import type { AggregateResult, IndicatorResult } from './aggregate';
import type { CellValue, Grid, Indicator, Issue } from './model';
import { GOAL_COLUMNS, RESULT_COLUMNS } from './results-table';
import { escapeCell, gridCellText } from './cells';
import { parseA1 } from './a1';
import { warekiLabel } from './periods';

export const SHEET_CONFIRMED = '確定値';
export const SHEET_CONFIRMED_GOALS = '確定値（基本目標）';

const PREFIX = ['確定期間', '確定日時', '確定者'] as const;
/** 指標キー and the confirmed actual as typed and where: what the report puts back. */
const INDICATOR_PREFIX = [...PREFIX, '指標キー', '実績値(入力)', '実績値のセル'] as const;
export const CONFIRMED_COLUMNS = [...INDICATOR_PREFIX, ...RESULT_COLUMNS] as const;
export const CONFIRMED_GOAL_COLUMNS = [...PREFIX, ...GOAL_COLUMNS] as const;

/** Fields compared after 確定, by their 集計結果 header: the figures people type … */
export const CONFIRMED_FIGURES = ['実績値(期間)', '基準値', '目標値'] as const;
/** … and what 集計 makes of them (overrides included). */
export const CONFIRMED_FIELDS = [...CONFIRMED_FIGURES, '指標の評価', 'プランの評価(計算)', '採用評価'] as const;

/** The state kept in the document properties, per period. */
export interface ConfirmState {
  period: string;
  label: string;
  at: string;
  who: string;
  /** Reopened after 確定 (with the reason); confirming again clears it. */
  reopened: { at: string; who: string; reason: string } | null;
}

/** The name a confirmed period goes by on 確定値: 令和7年度（年度末）, 令和7年度（中間）. */
export function periodConfirmLabel(fiscalYear: number, kind: 'year' | 'mid'): string {
  return `${warekiLabel(fiscalYear)}${kind === 'mid' ? '（中間）' : '（年度末）'}`;
}

export function confirmLabel(result: AggregateResult): string {
  return periodConfirmLabel(result.config.evaluationYear, result.config.evaluationKind);
}

function periodActual(ind: Indicator, result: AggregateResult) {
  const { evaluationYear: fy, evaluationKind: kind } = result.config;
  return ind.actuals.find((a) => a.period.fiscalYear === fy && a.period.kind === kind);
}

/**
 * The snapshot rows (no header), aligned with the 集計結果 table built from the same result:
 * row i of the table (after its header) is row i here, with the prefix columns in front.
 */
export function snapshotRows(result: AggregateResult, resultsTable: CellValue[][], label: string, at: string, who: string): CellValue[][] {
  const keys: { key: string; raw: string; cell: string }[] = [];
  for (const p of result.plans) {
    const items: (IndicatorResult | null)[] = p.indicators.length ? p.indicators : [null];
    for (const item of items) {
      if (!item) {
        keys.push({ key: `${p.id}#0`, raw: '', cell: '' });
        continue;
      }
      const actual = periodActual(item.indicator, result);
      keys.push({ key: item.indicator.key, raw: actual?.value.text ?? '', cell: actual ? `${actual.sheet}!${actual.cell}` : '' });
    }
  }
  const body = resultsTable.slice(1, 1 + keys.length);
  return body.map((r, i) => [escapeCell(label), escapeCell(at), escapeCell(who), escapeCell(keys[i].key), escapeCell(keys[i].raw), escapeCell(keys[i].cell), ...r]);
}

export function goalSnapshotRows(goalsTable: CellValue[][], label: string, at: string, who: string): CellValue[][] {
  return goalsTable.slice(1).map((r) => [escapeCell(label), escapeCell(at), escapeCell(who), ...r]);
}

export interface ConfirmedRow {
  key: string;
  raw: string;
  cell: string;
  at: string;
  values: Record<string, string>;
}

/**
 * The latest snapshot of `label` on a 確定値 sheet (確定値 or 確定値（基本目標）; rows of an earlier
 * 確定 of the same period are history). Rows by header; key, raw and cell are '' where absent.
 */
export function readSnapshot(grid: Grid | undefined, label: string): ConfirmedRow[] {
  if (!grid || grid.values.length < 2) return [];
  const header = grid.values[0].map((h) => String(h).trim());
  const ix = (name: string) => header.indexOf(name);
  const [cp, ca, ck, cr, cc] = [ix('確定期間'), ix('確定日時'), ix('指標キー'), ix('実績値(入力)'), ix('実績値のセル')];
  if (cp < 0 || ca < 0) return [];
  const rows: ConfirmedRow[] = [];
  for (let r = 1; r < grid.values.length; r++) {
    if (gridCellText(grid, r, cp) !== label) continue;
    const values: Record<string, string> = {};
    header.forEach((h, c) => { values[h] = gridCellText(grid, r, c); });
    rows.push({ key: ck >= 0 ? gridCellText(grid, r, ck) : '', raw: cr >= 0 ? gridCellText(grid, r, cr) : '', cell: cc >= 0 ? gridCellText(grid, r, cc) : '', at: gridCellText(grid, r, ca), values });
  }
  const latest = rows.reduce((m, r) => (r.at > m ? r.at : m), '');
  return rows.filter((r) => r.at === latest);
}

export interface ConfirmedChange {
  /** Where the indicator is now (its actual of the period, else its row): for messages and selection. */
  sheet: string;
  row: number;
  cell: string;
  planId: string;
  indicator: string;
  field: string;
  before: string;
  after: string;
}

/**
 * What differs from the snapshot now: every watched field of every indicator (by key), an
 * indicator that disappeared. `currentTable` is the 集計結果 table about to be written.
 */
export function changesSinceConfirm(
  snapshot: ConfirmedRow[], result: AggregateResult, currentTable: CellValue[][], fields: readonly string[] = CONFIRMED_FIELDS,
): ConfirmedChange[] {
  if (snapshot.length === 0) return [];
  const header = currentTable[0].map((h) => String(h));
  const now = new Map<string, Record<string, string>>();
  const where = new Map<string, { sheet: string; row: number; cell: string }>();
  let i = 1;
  for (const p of result.plans) {
    const items: (IndicatorResult | null)[] = p.indicators.length ? p.indicators : [null];
    for (const item of items) {
      const row = currentTable[i++] ?? [];
      const rec: Record<string, string> = {};
      header.forEach((h, c) => { rec[h] = unescape(row[c]); });
      const key = item ? item.indicator.key : `${p.id}#0`;
      now.set(key, rec);
      const actual = item ? periodActual(item.indicator, result) : undefined;
      where.set(key, actual ? { sheet: actual.sheet, row: item!.indicator.row, cell: actual.cell } : { sheet: p.sheet, row: p.row, cell: '' });
    }
  }
  const out: ConfirmedChange[] = [];
  for (const s of snapshot) {
    const cur = now.get(s.key);
    const planId = s.values['プランID'] ?? '';
    const indicator = s.values['成果指標'] ?? '';
    if (!cur) {
      out.push({ sheet: '', row: 0, cell: '', planId, indicator, field: '成果指標', before: indicator, after: '（削除または移動）' });
      continue;
    }
    const at = where.get(s.key) as { sheet: string; row: number; cell: string };
    for (const f of fields) {
      const before = s.values[f] ?? '';
      const after = cur[f] ?? '';
      if (before !== after) out.push({ ...at, planId, indicator, field: f, before, after });
    }
  }
  return out;
}

function unescape(v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v);
  return (s.startsWith("'") ? s.slice(1) : s).trim();
}

/** Warnings for 入力チェック / 集計: one per changed field, naming the confirmed value. */
export function confirmIssues(changes: ConfirmedChange[], state: ConfirmState): Issue[] {
  return changes.map((c) => ({
    severity: '警告' as const,
    sheet: c.sheet,
    cell: c.cell,
    row: c.row,
    col: c.cell ? parseA1(c.cell)?.col ?? 0 : 0,
    planId: c.planId,
    message: `${state.label}は確定済み（${state.at}、${state.who}）ですが、プラン ${c.planId} の「${c.indicator}」の${c.field}が確定値「${c.before || '（空欄）'}」から「${c.after || '（空欄）'}」に変わっています。確定値のままにする場合は元に戻してください。変更する場合は「確定を解除」して理由を記録してください。`,
  }));
}

/**
 * The grids with each confirmed actual put back in its cell (by indicator key: rows may have
 * moved since), so that computing on them gives the confirmed figures. Returns the grids and
 * the keys that could not be put back.
 */
export function overlaySnapshot(grids: Record<string, Grid>, snapshot: ConfirmedRow[], indicators: Indicator[], result: AggregateResult): { grids: Record<string, Grid>; missing: string[] } {
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const copies = new Map<string, Grid>();
  const missing: string[] = [];
  for (const s of snapshot) {
    if (s.key.endsWith('#0')) continue;
    const ind = byKey.get(s.key);
    const actual = ind ? periodActual(ind, result) : undefined;
    const at = actual ? parseA1(actual.cell) : null;
    if (!ind || !actual || !at) {
      if (s.raw) missing.push(s.key);
      continue;
    }
    if (actual.value.text === s.raw) continue;
    let g = copies.get(actual.sheet);
    if (!g) {
      const src = grids[actual.sheet];
      if (!src) { missing.push(s.key); continue; }
      g = { name: src.name, values: src.values.map((r) => [...r]), display: src.display?.map((r) => [...r]) };
      copies.set(actual.sheet, g);
    }
    g.values[at.row - 1][at.col - 1] = s.raw;
    if (g.display) g.display[at.row - 1][at.col - 1] = s.raw;
  }
  return { grids: { ...grids, ...Object.fromEntries(copies) }, missing };
}
