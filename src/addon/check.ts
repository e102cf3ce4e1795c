// 入力チェック: every finding to the add-on-owned 検証結果 sheet in one write, and a per-row
// summary in the add-on's own 入力チェック column of the progress sheet. Values and formatting
// that people typed are never touched.
import type { CheckSummary, DepartmentIssues, IssueView } from './api';
import type { Issue, Plan } from '../core/model';
import type { Layout } from '../core/layout';
import { escapeCell } from '../core/cells';
import { OWNED_COLUMNS, SHEETS } from '../core/schema';
import { COLORS } from '../core/results-table';
import { INPUT_SHEETS, readInputs, type Inputs } from './inputs';
import { readProgress, type ReadResult } from '../core/reader';
import { withDocumentLock } from './lock';
import { writeOutputSheet } from './sheets';
import { currentUser, logRun } from './run-log';
import { confirmedFigureIssues } from './confirm';

/** Issues returned to the sidebar; the rest are on 検証結果. */
const SIDEBAR_LIMIT = 100;

export const CHECK_COLUMNS = ['重要度', 'シート', 'セル', 'プランID', '担当課', '内容'] as const;

/** The department to ask about each issue: the lead department of its plan. */
export function departmentOf(plans: readonly Plan[]): (issue: Issue) => string {
  const byId = new Map(plans.map((p) => [p.id, p.mainDept]));
  return (issue) => (issue.planId ? byId.get(issue.planId) ?? '' : '');
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

/** 1-based column of the add-on's 入力チェック column: the mapped one, or the next free one. */
export function checkColumn(layout: Layout): number {
  const mapped = layout.columns.check;
  if (mapped !== undefined) return mapped + 1;
  return layout.headers.length + 1;
}

/**
 * Writes the 入力チェック column for `rows` (1-based sheet rows, contiguous from `firstRow`):
 * one setValues and one setBackgrounds, plus the header when the column is new.
 */
export function writeStatusColumn(
  sheet: GoogleAppsScript.Spreadsheet.Sheet, layout: Layout, firstRow: number, count: number, issues: readonly Issue[],
): void {
  if (count <= 0) return;
  const col = checkColumn(layout);
  if (layout.columns.check === undefined) {
    const header = sheet.getRange(layout.headerRow + 1, col);
    header.setValue(OWNED_COLUMNS.check);
    header.setFontWeight('bold').setNote('進捗管理アドオンが書き込む列です（入力チェックの結果）。編集しないでください。');
  }
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
  const range = sheet.getRange(firstRow, col, count, 1);
  range.setValues(values);
  range.setBackgrounds(colors as string[][]);
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

/** Writes 検証結果 and the status column from inputs already read and parsed. */
export function writeChecks(inputs: Inputs, read: ReadResult): void {
  const { ss, sheets, grids } = inputs;
  const values = checksTable(read.issues, departmentOf(read.data.plans));
  writeOutputSheet(ss, SHEETS.checks, {
    values,
    // The severity cell carries the colour, as in the 入力チェック column.
    backgrounds: values.map((row, r) => row.map((_, c) => (r > 0 && c === 0 ? statusColor([read.issues[r - 1]]) : null))),
    widths: [60, 110, 60, 70, 110, 520],
  }, sheets.get(SHEETS.checks));
  const layout = read.layout;
  const sheet = sheets.get(layout.sheet);
  const grid = grids[layout.sheet];
  if (!sheet || !grid || layout.error) return;
  const firstRow = layout.firstDataRow + 1;
  writeStatusColumn(sheet, layout, firstRow, grid.values.length - layout.firstDataRow, read.issues);
}

export function runCheck(): CheckSummary {
  return withDocumentLock('入力チェック', () => {
    const started = Date.now();
    const inputs = readInputs(INPUT_SHEETS, [SHEETS.checks, SHEETS.runLog]);
    const parsed = readProgress(inputs.grids, { today: new Date() });
    // Figures typed over a confirmed period are flagged with the other findings.
    const read = { ...parsed, issues: [...parsed.issues, ...confirmedFigureIssues(inputs)] };
    writeChecks(inputs, read);
    const { plans } = read.data;
    logRun(inputs, {
      what: '入力チェック', who: currentUser(), at: new Date(), started, plans: plans.length,
      indicators: plans.reduce((n, p) => n + p.indicators.length, 0), issues: read.issues,
    });
    const summary = summarize(read.issues, departmentOf(read.data.plans));
    inputs.ss.toast(
      summary.errors + summary.warnings === 0 ? '問題は見つかりませんでした。' : `エラー ${summary.errors} 件、警告 ${summary.warnings} 件を「${SHEETS.checks}」シートに書き出しました。`,
      '入力チェック',
    );
    return summary;
  });
}
