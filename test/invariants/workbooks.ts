// Random workbooks for the invariant suite: the sample (seed 004 in the template layout) or the
// template filled with the sample's rows, then random edits a person makes (values, renamed
// headers, inserted and duplicated rows, merged-looking blocks, formulas, notes, fills, dropdowns,
// their own columns and their own sheets under the names the add-on uses) interleaved with the
// add-on's commands.
import fc from 'fast-check';
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession, type AddonSession } from '../../src/local/session';
import { sukagawaGrids } from '../../src/local/sample/sukagawa';
import { SHEETS } from '../../src/core/schema';

export const INPUT_SHEET_NAMES = [SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members, SHEETS.settings] as const;

export const RESERVED_NAMES = [
  SHEETS.checks, SHEETS.results, SHEETS.goals, SHEETS.runLog, SHEETS.unified, SHEETS.reports, SHEETS.changes,
] as const;

/** What people really type, and what attacks the sheet (formula starts, markup). */
const VALUES: readonly (string | number)[] = [
  '', '=1+1', '=SUM(A1:A3)', '+81-3-1234', '-5件', '@user', "'=x", '約千件', '1,020件', '30%', '１２３人', '—', '○', '×',
  'TRUE', '令和99年度', 'R7', 'H29', '2025年度', '1e308', '  先頭空白', '\t理由', '<img src=x onerror=alert(1)>', '未整備',
  '0% (0件/5,433件)', 'A', 'B', '良好', 123, 0.5, -1, 0,
];

const HEADERS = ['目標値', '目標', '最終目標', '基準値', 'メモ', 'プラン番号', 'No.', '入力チェック', '統合先', '実績', '担当者確認', ''];

export type Edit =
  | { k: 'value'; sheet: number; row: number; col: number; v: string | number }
  | { k: 'header'; col: number; v: string }
  | { k: 'insertRow'; at: number; copyOf: number | null }
  | { k: 'merged'; row: number; col: number; span: number }
  | { k: 'note'; row: number; col: number }
  | { k: 'format'; row: number; col: number }
  | { k: 'dropdown'; sheet: number; row: number; col: number }
  | { k: 'humanColumn'; onResults: boolean; header: string }
  | { k: 'humanSheet'; name: string }
  | { k: 'override'; row: number; grade: string; reason: string }
  /** 評価年度 set to the sheet's last year, with a figure for it (so 年度更新 adds columns). */
  | { k: 'lastYear' };

export type Command =
  | { k: 'cmd'; name: 'menuCheck' | 'menuAggregate' | 'menuTemplate' | 'menuReport' }
  | { k: 'cmd'; name: 'applyMerge' | 'unmerge' }
  | { k: 'cmd'; name: 'runRollover' | 'undoRollover' }
  | { k: 'cmd'; name: 'onEdit'; row: number; col: number };

export type Step = Edit | Command;

export interface Scenario {
  base: 'sample' | 'template';
  steps: Step[];
}

const frac = fc.integer({ min: 0, max: 999 });

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('value' as const), sheet: fc.nat(4), row: frac, col: frac, v: fc.constantFrom(...VALUES) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('header' as const), col: frac, v: fc.constantFrom(...HEADERS) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('insertRow' as const), at: frac, copyOf: fc.option(frac, { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('merged' as const), row: frac, col: fc.nat(4), span: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('note' as const), row: frac, col: frac }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('format' as const), row: frac, col: frac }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('dropdown' as const), sheet: fc.nat(4), row: frac, col: frac }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('humanColumn' as const), onResults: fc.boolean(), header: fc.constantFrom(...HEADERS.filter(Boolean)) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('humanSheet' as const), name: fc.constantFrom(...RESERVED_NAMES) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('override' as const), row: frac, grade: fc.constantFrom('A', 'B', 'X', ''), reason: fc.constantFrom('', '理由あり', '=1+1') }) },
  { weight: 1, arbitrary: fc.constant({ k: 'lastYear' as const }) },
);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('menuCheck' as const, 'menuAggregate' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('menuTemplate' as const, 'menuReport' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('applyMerge' as const, 'unmerge' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('runRollover' as const, 'undoRollover' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constant('onEdit' as const), row: frac, col: frac }) },
);

export const scenario: fc.Arbitrary<Scenario> = fc.record({
  base: fc.constantFrom('sample' as const, 'template' as const),
  steps: fc.array(fc.oneof({ weight: 3, arbitrary: edit }, { weight: 2, arbitrary: command }), { minLength: 1, maxLength: 8 }),
});

/** The template made by the add-on itself, with the sample's rows pasted under its headers. */
function templateSession(): AddonSession {
  const s = openSession(spreadsheetFromGrids('進捗管理', { シート1: [['']] }));
  s.run('menuTemplate');
  const sample = sukagawaGrids();
  for (const name of [SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members]) {
    const sheet = s.runtime.spreadsheet.getSheetByName(name)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const [sampleHeader, ...rows] = sample[name];
    const cols = header.map((h) => sampleHeader.indexOf(h));
    const take = name === SHEETS.progress ? rows.slice(0, 30) : rows;
    if (!take.length) continue;
    const block = take.map((r) => cols.map((c) => (c >= 0 ? r[c] ?? '' : '')));
    sheet.getRange(2, 1, block.length, header.length).setValues(block.map((r) => r.map((v) => (typeof v === 'string' && v ? `'${v}` : v))));
  }
  return s;
}

export function baseSession(base: Scenario['base']): AddonSession {
  return base === 'sample' ? openSession(spreadsheetFromGrids('須賀川市 進捗管理', sukagawaGrids())) : templateSession();
}

function pick(n: number, size: number): number {
  return size <= 0 ? 0 : (n % size);
}

/** Applies a person's edit through the spreadsheet service (as typing would). */
export function applyEdit(s: AddonSession, e: Edit, human: HumanCells): void {
  const ss = s.runtime.spreadsheet;
  const app = s.runtime.globals.SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const progress = ss.getSheetByName(SHEETS.progress);
  const rows = progress?.getLastRow() ?? 0;
  const cols = progress?.getLastColumn() ?? 0;
  try {
    switch (e.k) {
      case 'value': {
        const sheet = ss.getSheetByName(INPUT_SHEET_NAMES[e.sheet % INPUT_SHEET_NAMES.length]);
        if (!sheet || sheet.getLastRow() < 2) return;
        sheet.getRange(2 + pick(e.row, sheet.getLastRow() - 1), 1 + pick(e.col, sheet.getLastColumn())).setValue(e.v);
        return;
      }
      case 'header':
        if (progress && cols) progress.getRange(1, 1 + pick(e.col, cols)).setValue(e.v);
        return;
      case 'insertRow': {
        if (!progress || rows < 2) return;
        const at = 2 + pick(e.at, rows - 1);
        progress.insertRowBefore(at);
        if (e.copyOf !== null) {
          const from = 2 + pick(e.copyOf, rows - 1);
          const src = from >= at ? from + 1 : from;
          progress.getRange(at, 1, 1, cols).setValues(progress.getRange(src, 1, 1, cols).getValues());
        }
        human.shiftRows(SHEETS.progress, at);
        return;
      }
      case 'merged': {
        // How a vertically merged block reads through the API: the value in its top cell only.
        if (!progress || rows < 3) return;
        const top = 2 + pick(e.row, rows - 2);
        const n = Math.min(e.span, rows - top);
        if (n > 0) progress.getRange(top + 1, 1 + e.col, n, 1).setValue('');
        return;
      }
      case 'note':
      case 'format': {
        if (!progress || rows < 1) return;
        const cell = progress.getRange(1 + pick(e.row, rows), 1 + pick(e.col, cols));
        // People format what they typed: only cells holding something.
        if (cell.isBlank()) return;
        if (e.k === 'note') cell.setNote('課内メモ');
        else cell.setBackground('#fff2cc').setFontWeight('bold');
        return;
      }
      case 'dropdown': {
        const name = INPUT_SHEET_NAMES[e.sheet % INPUT_SHEET_NAMES.length];
        const sheet = ss.getSheetByName(name);
        if (!sheet) return;
        // Anywhere in the used block and the two columns to its right (where the add-on's go).
        const cell = sheet.getRange(1 + pick(e.row, Math.max(sheet.getLastRow(), 1)), 1 + pick(e.col, sheet.getLastColumn() + 2));
        cell.setDataValidation(app.newDataValidation().requireValueInList(['済', '未'], true).setAllowInvalid(false).build());
        return;
      }
      case 'humanColumn': {
        const sheet = ss.getSheetByName(e.onResults ? SHEETS.results : SHEETS.progress);
        if (!sheet || sheet.getLastRow() < 2) return;
        const col = sheet.getLastColumn() + 1;
        if (col > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
        sheet.getRange(1, col, 3, 1).setValues([[e.header], ['確認済'], ['要確認']]);
        if (e.onResults) for (let r = 1; r <= 3; r++) human.add(SHEETS.results, r, col);
        return;
      }
      case 'humanSheet': {
        if (ss.getSheetByName(e.name)) return;
        const sheet = ss.insertSheet(e.name);
        sheet.getRange(1, 1, 2, 2).setValues([['日付', 'メモ'], ['4/1', '会議の準備']]);
        return;
      }
      case 'override': {
        // People type overrides on 集計結果; the add-on carries them (they may move with their plan).
        const sheet = ss.getSheetByName(SHEETS.results);
        if (!sheet || sheet.getLastRow() < 2) return;
        const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
        const c = header.indexOf('上書き評価');
        if (c < 0) return;
        sheet.getRange(2 + pick(e.row, sheet.getLastRow() - 1), c + 1, 1, 2).setValues([[e.grade, e.reason]]);
        return;
      }
      case 'lastYear': {
        const settings = ss.getSheetByName(SHEETS.settings);
        if (!progress || !settings || rows < 2) return;
        const header = progress.getRange(1, 1, 1, cols).getValues()[0].map(String);
        const last = header.map((h, i) => [h, i] as const).filter(([h]) => /年度実績$/.test(h)).pop();
        if (!last) return;
        const keys = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => String(r[0]));
        const row = keys.indexOf('評価年度');
        if (row < 0) return;
        settings.getRange(row + 1, 2).setValue(last[0].replace(/実績$/, ''));
        progress.getRange(2, last[1] + 1).setValue('10件');
        return;
      }
    }
  } catch {
    // What a person could not type either (a dropdown rejected it): no edit.
  }
}

/** Cells people typed on the add-on's own sheets (their columns there), tracked by position. */
export class HumanCells {
  private readonly cells = new Map<string, Set<string>>();

  add(sheet: string, row: number, col: number): void {
    const set = this.cells.get(sheet) ?? new Set<string>();
    set.add(`${row},${col}`);
    this.cells.set(sheet, set);
  }

  has(sheet: string, row: number, col: number): boolean {
    return this.cells.get(sheet)?.has(`${row},${col}`) ?? false;
  }

  shiftRows(sheet: string, at: number): void {
    const set = this.cells.get(sheet);
    if (!set) return;
    const moved = [...set].map((k) => k.split(',').map(Number)).map(([r, c]) => `${r >= at ? r + 1 : r},${c}`);
    this.cells.set(sheet, new Set(moved));
  }
}
