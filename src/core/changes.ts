// Changes of indicators and targets during the plan. The committee wants their history, so
// each 集計 compares the indicators with those of the previous 集計結果 and appends what changed
// (指標, 単位, 目標値) to the add-on-owned 変更履歴 sheet; the 事務局 types the reason there.
import type { CellValue, Grid } from './model';
import type { IndicatorChange } from './report';
import { escapeCell, unescapeCell } from './cells';

export const CHANGE_COLUMNS = ['記録日時', 'プランID', '成果指標', '項目', '変更前', '変更後', '理由（事務局記入）'] as const;

/** Fields compared between runs, by their 集計結果 header. */
const TRACKED = [['成果指標', '指標'], ['単位', '単位'], ['目標値', '目標値']] as const;

type Row = Record<string, string>;

/**
 * Rows of a table by header. `escaped`: the table is about to be written (strings escaped for
 * setValues), so compare what Sheets will store; a sheet read back holds that text already and
 * is taken as is (unescaping it again made every value typed with a leading "'" a change).
 */
function rowsOf(grid: Grid | null | undefined, escaped = false): Row[] {
  if (!grid || grid.values.length < 2) return [];
  const header = grid.values[0].map((h) => String(h));
  return grid.values.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, cellString(r[i], escaped)])));
}

function cellString(v: CellValue | undefined, escaped: boolean): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v);
  return (escaped ? unescapeCell(s) : s).trim();
}

/** Indicator rows keyed by plan ID and position within the plan (1-1#1, 1-1#2 …). */
function keyed(rows: Row[]): Map<string, Row> {
  const out = new Map<string, Row>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const id = r['プランID'];
    if (!id) continue;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    out.set(`${id}#${n}`, r);
  }
  return out;
}

/**
 * What changed between the previous and the new 集計結果 (as 2-D tables, header first).
 * Plans that appear or disappear are not changes of an indicator and are not listed.
 */
export function detectChanges(previous: Grid | null | undefined, next: CellValue[][], when: string): IndicatorChange[] {
  const before = keyed(rowsOf(previous));
  if (before.size === 0) return [];
  const after = keyed(rowsOf({ name: '', values: next }, true));
  const changes: IndicatorChange[] = [];
  for (const [key, now] of after) {
    const old = before.get(key);
    if (!old) continue;
    for (const [column, item] of TRACKED) {
      if ((old[column] ?? '') !== (now[column] ?? '')) {
        changes.push({
          planId: now['プランID'], indicator: old['成果指標'] || now['成果指標'], item,
          before: old[column] ?? '', after: now[column] ?? '', when, reason: '',
        });
      }
    }
  }
  return changes;
}

export function changeRows(changes: readonly IndicatorChange[]): string[][] {
  return changes.map((c) => [c.when, c.planId, c.indicator, c.item, c.before, c.after, c.reason].map(escapeCell));
}

/** The 変更履歴 sheet as recorded, for the report's appendix. */
export function readChanges(grid: Grid | null | undefined): IndicatorChange[] {
  return rowsOf(grid).filter((r) => r['プランID']).map((r) => ({
    planId: r['プランID'], indicator: r['成果指標'] ?? '', item: r['項目'] ?? '', before: r['変更前'] ?? '',
    after: r['変更後'] ?? '', when: r['記録日時'] ?? '', reason: r['理由（事務局記入）'] ?? '',
  }));
}
