// 入力チェック: every finding to the add-on-owned 検証結果 sheet in one write, and a per-row
// summary in the add-on's own 入力チェック column of the progress sheet. Values and formatting
// that people typed are never touched.
import type { CheckSummary, DepartmentIssues, IssueView } from './api';
import type { Grid, Issue, Plan } from '../core/model';
import type { Layout } from '../core/layout';
import { escapeCell } from '../core/cells';
import { OWNED_COLUMNS, SHEETS } from '../core/schema';
import { COLORS } from '../core/results-table';
import { INPUT_SHEETS, readInputs, type Inputs } from './inputs';
import { type ReadResult } from '../core/reader';
import { compute, outputFindings } from '../core/pipeline';
import { withDocumentLock } from './lock';
import { prepareOutputSheet, prepareOwnedColumn, withFreshReads, WriteBatch } from './sheets';
import { currentUser, prepareRunLog } from './run-log';
import { confirmedFigureIssues } from './confirm';

/** Issues returned to the sidebar; the rest are on 検証結果. */
const SIDEBAR_LIMIT = 100;

/** Output sheets people type into (上書き評価・理由・所見) and 統合プラン, checked with the inputs. */
const CHECKED_OUTPUTS = [SHEETS.results, SHEETS.goals, SHEETS.unified];

export const CHECK_COLUMNS = ['重要度', 'シート', 'セル', 'プランID', '担当課', '内容'] as const;

/**
 * The department to ask about each issue: the department of the indicator on the issue's row
 * (one row per department: the row's own department types it), else the lead of its plan.
 */
export function departmentOf(plans: readonly Plan[]): (issue: Issue) => string {
  const byId = new Map(plans.map((p) => [p.id, p.mainDept]));
  const byRow = new Map<string, string>();
  for (const p of plans) for (const ind of p.indicators) if (ind.department) byRow.set(`${ind.sheet}\u0000${ind.row}`, ind.department);
  return (issue) => byRow.get(`${issue.sheet}\u0000${issue.row}`) ?? (issue.planId ? byId.get(issue.planId) ?? '' : '');
}

export function checksTable(issues: readonly Issue[], dept: (issue: Issue) => string): (string | number)[][] {
  return [
    [...CHECK_COLUMNS],
    ...issues.map((i) => [i.severity, escapeCell(i.sheet), i.cell, escapeCell(i.planId ?? ''), escapeCell(dept(i)), escapeCell(i.message)]),
  ];
}

/** Issues per department, most errors first: whom the 事務局 should contact. */
export function byDepartment(issues: readonly Issue[], dept: (issue: Issue) => string): DepartmentIssues[] {
  const counts = new Map<string, DepartmentIssues>();
  for (const i of issues) {
    const name = dept(i);
    if (!name) continue;
    const c = counts.get(name) ?? { department: name, errors: 0, warnings: 0 };
    if (i.severity === 'エラー') c.errors++;
    else c.warnings++;
    counts.set(name, c);
  }
  return [...counts.values()].sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || (a.department < b.department ? -1 : 1));
}

/** The text of the 入力チェック cell of one row: empty when the row is fine. */
export function rowStatus(issues: readonly Issue[]): string {
  if (issues.length === 0) return '';
  const errors = issues.filter((i) => i.severity === 'エラー').length;
  const warnings = issues.length - errors;
  const head = [errors ? `エラー${errors}` : '', warnings ? `警告${warnings}` : ''].filter(Boolean).join('・');
  return `${head}: ${issues.map((i) => `${i.cell} ${i.message}`).join(' / ')}`;
}

function statusColor(issues: readonly Issue[]): string | null {
  if (issues.some((i) => i.severity === 'エラー')) return COLORS.bad;
  return issues.length ? COLORS.fair : null;
}

/**
 * 1-based column of the add-on's 入力チェック column: the mapped one, or the one right of
 * everything on the sheet (`width`: columns read, so a person's unnamed column is never taken).
 */
export function checkColumn(layout: Layout, width = 0): number {
  const mapped = layout.columns.check;
  if (mapped !== undefined) return mapped + 1;
  return Math.max(layout.headers.length, width) + 1;
}

export const CHECK_COLUMN_NOTE = '進捗管理アドオンが書き込む列です（入力チェックの結果）。編集しないでください。';

/**
 * Prepares the 入力チェック column for `count` rows from `firstRow` (1-based sheet rows): one
 * setValues and one setBackgrounds, plus the header when the column is new. `grid` is what was
 * read of the sheet (its width places a new column; its values tell a person's column apart).
 * `adopt` false (onEdit, which reads only a few rows) leaves an unmarked column alone.
 */
export function prepareStatusColumn(
  batch: WriteBatch, sheet: GoogleAppsScript.Spreadsheet.Sheet, grid: Grid, layout: Layout,
  firstRow: number, count: number, issues: readonly Issue[], adopt = true,
): void {
  if (count <= 0) return;
  const width = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
  const col = checkColumn(layout, width);
  const byRow = new Map<number, Issue[]>();
  for (const i of issues) {
    if (i.sheet !== layout.sheet) continue;
    const list = byRow.get(i.row) ?? [];
    list.push(i);
    byRow.set(i.row, list);
  }
  const values: string[][] = [];
  const colors: (string | null)[][] = [];
  for (let r = firstRow; r < firstRow + count; r++) {
    const list = byRow.get(r) ?? [];
    values.push([escapeCell(rowStatus(list))]);
    colors.push([statusColor(list)]);
  }
  prepareOwnedColumn(batch, {
    sheet, name: layout.sheet, grid, headerRow: layout.headerRow + 1, col, mapped: layout.columns.check !== undefined,
    header: OWNED_COLUMNS.check, note: CHECK_COLUMN_NOTE, firstRow, values, backgrounds: colors, adopt,
    legacy: /^(エラー|警告)\d/,
    // The grid's data rows are the sheet's rows from firstRow (onEdit reads only the plan's block).
    current: grid.values.slice(layout.firstDataRow, layout.firstDataRow + count).map((r) => r[col - 1]),
  });
}

/** 0-based columns the add-on writes on the progress sheet: a rerun ignores changes there. */
export function ownedColumns(layout: Layout): number[] {
  return [layout.columns.check, layout.columns.mergedInto].filter((c): c is number => c !== undefined);
}

export function toIssueViews(issues: readonly Issue[]): IssueView[] {
  return issues.map((i) => ({ severity: i.severity, sheet: i.sheet, cell: i.cell, message: i.message }));
}

export function summarize(issues: readonly Issue[], dept: (issue: Issue) => string): CheckSummary {
  const errors = issues.filter((i) => i.severity === 'エラー').length;
  // Errors first, so the sidebar's short list shows what blocks 集計.
  const ordered = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'エラー' ? -1 : 1));
  return {
    errors,
    warnings: issues.length - errors,
    issues: toIssueViews(ordered.slice(0, SIDEBAR_LIMIT)),
    truncated: Math.max(0, issues.length - SIDEBAR_LIMIT),
    departments: byDepartment(issues, dept),
  };
}

/**
 * Prepares 検証結果 and the status column from inputs already read and parsed. The progress sheet's
 * key and 入力チェック columns are read again just before writing: if rows moved meanwhile (or
 * onEdit wrote a fresher status), the command starts over rather than write a stale status to a
 * moved row.
 */
export function prepareChecks(batch: WriteBatch, inputs: Inputs, read: ReadResult): void {
  const { sheets, grids } = inputs;
  const values = checksTable(read.issues, departmentOf(read.data.plans));
  prepareOutputSheet(batch, SHEETS.checks, {
    values,
    // The severity cell carries the colour, as in the 入力チェック column.
    backgrounds: values.map((row, r) => row.map((_, c) => (r > 0 && c === 0 ? statusColor([read.issues[r - 1]]) : null))),
    widths: [60, 110, 60, 70, 110, 520],
  }, sheets.get(SHEETS.checks));
  const layout = read.layout;
  const sheet = sheets.get(layout.sheet);
  const grid = grids[layout.sheet];
  if (!sheet || !grid || layout.error) return;
  // Read again just before writing: the key column (a row inserted, deleted or moved changes it)
  // and the 入力チェック column itself (an onEdit status written meanwhile, or a person typing into
  // the column a new one would take). Figures typed meanwhile are left to onEdit, which re-checks
  // their rows; the command writes only this column, so no typing elsewhere can be overwritten.
  const key = layout.columns.id ?? layout.columns.name;
  const width = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
  if (key === undefined) batch.recheck(sheet, layout.sheet, grid, ownedColumns(layout));
  else batch.recheck(sheet, layout.sheet, grid, [], [key, checkColumn(layout, width) - 1]);
  const firstRow = layout.firstDataRow + 1;
  prepareStatusColumn(batch, sheet, grid, layout, firstRow, grid.values.length - layout.firstDataRow, read.issues);
}

export function runCheck(): CheckSummary {
  return withDocumentLock('入力チェック', () => withFreshReads('入力チェック', () => {
    const started = Date.now();
    // The output sheets too: what people typed there (overrides) is checked like the inputs.
    const inputs = readInputs([...INPUT_SHEETS, ...CHECKED_OUTPUTS], [SHEETS.checks, SHEETS.runLog]);
    const computation = compute(inputs.grids, new Date(), inputs.mapping);
    const parsed = computation.read;
    // Figures typed over a confirmed period, and override problems, are flagged with the other findings.
    const read = { ...parsed, issues: [...parsed.issues, ...outputFindings(computation), ...confirmedFigureIssues(inputs)] };
    const batch = new WriteBatch(inputs.ss);
    prepareChecks(batch, inputs, read);
    const { plans } = read.data;
    prepareRunLog(batch, inputs, {
      what: '入力チェック', who: currentUser(), at: new Date(), started, plans: plans.length,
      indicators: plans.reduce((n, p) => n + p.indicators.length, 0), issues: read.issues,
    });
    batch.commit();
    const summary = summarize(read.issues, departmentOf(read.data.plans));
    inputs.ss.toast(
      summary.errors + summary.warnings === 0 ? '問題は見つかりませんでした。' : `エラー ${summary.errors} 件、警告 ${summary.warnings} 件を「${SHEETS.checks}」シートに書き出しました。`,
      '入力チェック',
    );
    return summary;
  }));
}
