// Random workbooks for the invariant suite: the sample (seed 004 in the template layout) or the
// template filled with the sample's rows, then random edits a person makes (values, renamed
// headers, inserted and duplicated rows, merged-looking blocks, formulas, notes, fills, dropdowns,
// their own columns and their own sheets under the names the add-on uses, their own protections,
// the departments' mail addresses) interleaved with the add-on's commands (menus, merges, 年度更新,
// 入力依頼 and 督促 mails, 担当課ごとに保護 and its removal, 列の対応 saved and reset).
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
  | { k: 'lastYear' }
  /** A person protects a block of the progress sheet (or a whole sheet) for their own reasons. */
  | { k: 'protect'; row: number; col: number; wholeSheet: boolean }
  /** Mail addresses typed on 担当課 (the sample has none), some of them not addresses. */
  | { k: 'emails'; bad: boolean };

/** What a column is set to in 列の対応 (some make the sheet unreadable: the save is refused). */
export const MAPPING_ROLES = [
  { kind: 'ignore' }, { kind: 'field', field: 'comment' }, { kind: 'field', field: 'selfAssessment' }, { kind: 'self', year: 2024 },
  { kind: 'selfMid', year: 2025 }, { kind: 'actual', year: 2025 }, { kind: 'target', year: 2024 }, { kind: 'field', field: 'id' },
  { kind: 'field', field: 'name' }, { kind: 'field', field: 'issues' }, { kind: 'field', field: 'mainDept' },
] as const;

export type Command =
  | { k: 'cmd'; name: 'menuCheck' | 'menuAggregate' | 'menuTemplate' | 'menuReport' }
  | { k: 'cmd'; name: 'applyMerge' | 'unmerge' }
  | { k: 'cmd'; name: 'runRollover' | 'undoRollover' }
  | { k: 'cmd'; name: 'onEdit'; row: number; col: number }
  | { k: 'cmd'; name: 'protectDepartments' | 'unprotectDepartments' | 'resetColumnMapping' }
  | { k: 'cmd'; name: 'sendRequests'; period: string; kind: 'request' | 'remind' }
  /** 列の対応 saved: one column set to MAPPING_ROLES[role], the header rows as shown or moved by one. */
  | { k: 'cmd'; name: 'saveColumnMapping'; col: number; role: number; headerShift: -1 | 0 | 1; rows: 0 | 1 | 2 };

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
  { weight: 1, arbitrary: fc.record({ k: fc.constant('protect' as const), row: frac, col: frac, wholeSheet: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('emails' as const), bad: fc.boolean() }) },
);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('menuCheck' as const, 'menuAggregate' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('menuTemplate' as const, 'menuReport' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('applyMerge' as const, 'unmerge' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('runRollover' as const, 'undoRollover' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constant('onEdit' as const), row: frac, col: frac }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constantFrom('protectDepartments' as const, 'unprotectDepartments' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('cmd' as const), name: fc.constant('sendRequests' as const),
      period: fc.constantFrom('2024:year', '2024:mid', '2023:year', '2025:year'), kind: fc.constantFrom('request' as const, 'remind' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      { weight: 3, arbitrary: fc.record({
        k: fc.constant('cmd' as const), name: fc.constant('saveColumnMapping' as const), col: frac, role: fc.nat(MAPPING_ROLES.length - 1),
        headerShift: fc.constantFrom(0 as const, 0 as const, -1 as const, 1 as const), rows: fc.constantFrom(0 as const, 1 as const, 2 as const),
      }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('cmd' as const), name: fc.constant('resetColumnMapping' as const) }) },
    ),
  },
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
      case 'protect': {
        const sheet = e.wholeSheet ? ss.getSheetByName(INPUT_SHEET_NAMES[e.row % INPUT_SHEET_NAMES.length]) : progress;
        if (!sheet) return;
        if (e.wholeSheet) {
          sheet.protect().setDescription('課内で管理（変更しないこと）');
          return;
        }
        if (rows < 2) return;
        const top = 2 + pick(e.row, rows - 1);
        sheet.getRange(top, 1 + pick(e.col, cols), Math.min(3, rows - top + 1), 1).protect().setDescription('コメント欄（課長のみ）');
        return;
      }
      case 'emails': {
        const depts = ss.getSheetByName(SHEETS.departments);
        if (!depts || depts.getLastRow() < 2) return;
        const header = depts.getRange(1, 1, 1, depts.getLastColumn()).getValues()[0].map(String);
        const c = header.indexOf('メール');
        if (c < 0) return;
        const n = depts.getLastRow() - 1;
        // Every third department without one; with bad set, some cells that are not addresses.
        const cells = Array.from({ length: n }, (_, i) => [
          i % 3 === 2 ? '' : e.bad && i % 4 === 1 ? (i % 8 === 1 ? 'bousai@' : '担当者に確認中') : `dept${i + 1}@city.example.lg.jp`,
        ]);
        depts.getRange(2, c + 1, n, 1).setValues(cells);
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
