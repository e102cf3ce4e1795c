// 年度更新 and its undo. The new year's columns copy the number formats, input rules, header
// look and width of the latest year's columns; nothing in the existing columns is written.
// Undo removes exactly the columns it added, and only while nobody has typed in them.
import type { RolloverSummary } from './api';
import type { Grid } from '../core/model';
import { readProgress } from '../core/reader';
import { planRollover, type RolloverPlan } from '../core/rollover';
import { escapeCell, gridCellText } from '../core/cells';
import { a1 } from '../core/a1';
import { warekiLabel } from '../core/periods';
import { SHEETS } from '../core/schema';
import { UserError } from './errors';
import { readInputs } from './inputs';
import { withDocumentLock } from './lock';
import { currentUser, prepareRunLog } from './run-log';
import { WriteBatch } from './sheets';

const UNDO_KEY = 'rollover:last';

interface UndoRecord {
  sheet: string;
  toYear: number;
  /** 1-based first added column and how many. */
  firstCol: number;
  count: number;
  /** 0-based header row and rows, and each added column's header texts. */
  headerRow: number;
  headerRows: number;
  headers: string[][];
  setting: RolloverPlan['setting'];
  at: string;
  who: string;
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function copyLook(sheet: Sheet, from: number, to: number, headerRow: number, headerRows: number, dataRows: number): void {
  // Header cells: the same fill and weight; data cells: the same number format and input rule.
  const head = sheet.getRange(headerRow + 1, from, headerRows, 1);
  const newHead = sheet.getRange(headerRow + 1, to, headerRows, 1);
  newHead.setBackgrounds(head.getBackgrounds());
  newHead.setFontWeights(head.getFontWeights());
  if (dataRows > 0) {
    const data = sheet.getRange(headerRow + headerRows + 1, from, dataRows, 1);
    const newData = sheet.getRange(headerRow + headerRows + 1, to, dataRows, 1);
    newData.setNumberFormats(data.getNumberFormats());
    newData.setDataValidations(data.getDataValidations());
  }
  sheet.setColumnWidth(to, sheet.getColumnWidth(from));
}

export function runRollover(): RolloverSummary {
  return withDocumentLock('年度更新', () => {
    const started = Date.now();
    const inputs = readInputs([SHEETS.progress, SHEETS.settings], [SHEETS.runLog]);
    const read = readProgress(inputs.grids, { today: new Date() });
    const layout = read.layout;
    if (layout.error) throw new UserError(layout.error);
    const grid = inputs.grids[layout.sheet] as Grid;
    const sheet = inputs.sheets.get(layout.sheet) ?? inputs.ss.getSheetByName(layout.sheet);
    if (!sheet) throw new UserError(`「${layout.sheet}」シートが見つかりません。`);
    let plan: RolloverPlan;
    try {
      plan = planRollover(layout, grid, inputs.grids[SHEETS.settings]);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    const settingsSheet = plan.setting ? inputs.sheets.get(SHEETS.settings) ?? null : null;
    const who = currentUser();
    // The run log is checked (its sheet is the add-on's) before the first change.
    const log = new WriteBatch(inputs.ss);
    prepareRunLog(log, inputs, { what: `年度更新（${warekiLabel(plan.toYear)}）`, who, at: new Date(), started, plans: read.data.plans.length, indicators: 0, issues: [] });

    const count = plan.columns.length;
    const firstCol = plan.after + 2;
    const headerRows = layout.headerRows;
    const headers = plan.columns.map((c) => c.headers);
    // Checked before the first change, so the command never stops half-way: the columns the new
    // ones go between (protections), and 評価年度 (protections and a person's input rule).
    if (count > 0) {
      log.guard(log.plan(layout.sheet, sheet), { row: 1, col: plan.after + 1, rows: Infinity, cols: 2 });
    }
    if (plan.setting && settingsSheet) {
      log.write(log.plan(SHEETS.settings, settingsSheet), {
        row: plan.setting.row + 1, col: plan.setting.col + 1, values: [[escapeCell(plan.setting.after)]],
      });
    }

    // Everything is decided and checked; now write: columns, their headers and look, then (with
    // the run log) 評価年度.
    if (count > 0) {
      sheet.insertColumnsAfter(plan.after + 1, count);
      const block: string[][] = [];
      for (let r = 0; r < headerRows; r++) block.push(headers.map((h) => escapeCell(h[r] ?? '')));
      const head = sheet.getRange(layout.headerRow + 1, firstCol, headerRows, count);
      // Sheets may give inserted columns the rules of their neighbour: a header is not data.
      head.clearDataValidations();
      head.setValues(block);
      const dataRows = Math.max(0, sheet.getMaxRows() - layout.headerRow - headerRows);
      plan.columns.forEach((c, i) => copyLook(sheet, c.from + 1, firstCol + i, layout.headerRow, headerRows, dataRows));
    }
    log.commit();
    const at = Utilities.formatDate(new Date(), 'Asia/Tokyo', 'yyyy-MM-dd HH:mm');
    const record: UndoRecord = { sheet: layout.sheet, toYear: plan.toYear, firstCol, count, headerRow: layout.headerRow, headerRows, headers, setting: plan.setting, at, who };
    PropertiesService.getDocumentProperties().setProperty(UNDO_KEY, JSON.stringify(record));
    const added = headers.map((h) => h.filter(Boolean).join(' ')).join('、');
    const message = (count > 0
      ? `「${layout.sheet}」に ${added} の列を追加しました（${a1(layout.headerRow + 1, firstCol)} から）。`
      : `「${layout.sheet}」には${warekiLabel(plan.toYear)}の列がすでにあるため、列は追加していません。`) +
      (plan.setting ? ` 「${SHEETS.settings}」の評価年度を「${plan.setting.before || '（空欄）'}」から「${plan.setting.after}」にしました。` : '') +
      ' 元に戻すには「年度更新を元に戻す」を実行してください。';
    inputs.ss.toast(message, '年度更新');
    return { message, year: warekiLabel(plan.toYear), columns: headers.map((h) => h.filter(Boolean).join(' ')), undone: false };
  });
}

/** Where the added columns are now (a column inserted before them moves them): by their headers. */
function locate(grid: Grid, rec: UndoRecord): number | null {
  const matches = (first: number): boolean => rec.headers.every((h, i) =>
    h.every((text, r) => gridCellText(grid, rec.headerRow + r, first - 1 + i) === text));
  if (matches(rec.firstCol)) return rec.firstCol;
  const width = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
  for (let c = 1; c <= width; c++) if (matches(c)) return c;
  return null;
}

export function undoRollover(): RolloverSummary {
  return withDocumentLock('年度更新を元に戻す', () => {
    const started = Date.now();
    const props = PropertiesService.getDocumentProperties();
    const raw = props.getProperty(UNDO_KEY);
    if (!raw) throw new UserError('元に戻せる年度更新がありません。');
    const rec = JSON.parse(raw) as UndoRecord;
    const inputs = readInputs([rec.sheet, SHEETS.settings], [SHEETS.runLog]);
    const grid = inputs.grids[rec.sheet];
    const sheet = inputs.sheets.get(rec.sheet);
    if (!grid || !sheet) throw new UserError(`「${rec.sheet}」シートが見つからないため、元に戻せません。`);
    const first = rec.count === 0 ? 0 : locate(grid, rec);
    if (first === null) throw new UserError(`年度更新で追加した列（${rec.headers.map((h) => h.filter(Boolean).join(' ')).join('、')}）が見つからないため、元に戻せません。列見出しを変えた場合は戻してから実行してください。`);
    // Nothing typed is ever deleted: refuse while any added column holds a value.
    for (let i = 0; i < rec.count; i++) {
      for (let r = rec.headerRow + rec.headerRows; r < grid.values.length; r++) {
        if (gridCellText(grid, r, first - 1 + i)) {
          throw new UserError(`追加した列のセル ${a1(r + 1, first + i)} に入力があるため、元に戻しませんでした（消えてしまうため）。その列の入力を別の場所に移してから実行してください。`);
        }
      }
    }
    const log = new WriteBatch(inputs.ss);
    prepareRunLog(log, inputs, { what: `年度更新を元に戻す（${warekiLabel(rec.toYear)}）`, who: currentUser(), at: new Date(), started, plans: 0, indicators: 0, issues: [] });
    // As for 年度更新: every change checked before the first one.
    if (rec.count > 0) {
      log.guard(log.plan(rec.sheet, sheet), { row: 1, col: first, rows: Infinity, cols: rec.count });
    }
    let settingNote = '';
    if (rec.setting) {
      const settings = inputs.grids[SHEETS.settings];
      const settingsSheet = inputs.sheets.get(SHEETS.settings);
      const now = settings ? gridCellText(settings, rec.setting.row, rec.setting.col) : '';
      if (now === rec.setting.after && settingsSheet) {
        log.write(log.plan(SHEETS.settings, settingsSheet), {
          row: rec.setting.row + 1, col: rec.setting.col + 1, values: [[escapeCell(rec.setting.before)]],
        });
        settingNote = ` 評価年度を「${rec.setting.before || '（空欄）'}」に戻しました。`;
      } else {
        settingNote = ` 評価年度は年度更新の後に「${now || '（空欄）'}」へ変更されているため、そのままにしました。`;
      }
    }
    if (rec.count > 0) sheet.deleteColumns(first, rec.count);
    log.commit();
    props.deleteProperty(UNDO_KEY);
    const message = `年度更新（${warekiLabel(rec.toYear)}）を元に戻しました${rec.count ? '（追加した列を削除）' : ''}。${settingNote}`;
    inputs.ss.toast(message, '年度更新');
    return { message, year: warekiLabel(rec.toYear), columns: [], undone: true };
  });
}
