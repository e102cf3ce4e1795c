// テンプレートを作成: adds the sheets that are missing, fully formatted. Idempotent: a sheet that
// exists is never rewritten; only 設定 gets the setting rows it lacks, appended at the bottom.
import { templateSpec, type SheetSpec, type ValidationSpec } from '../core/template';
import { fiscalYearOf } from '../core/periods';
import { SHEETS } from '../core/schema';
import { missingSettingRows } from '../core/settings';
import { escapeCell } from '../core/cells';
import { withDocumentLock } from './lock';
import { HEADER_BACKGROUND, readGrid, WriteBatch } from './sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface TemplateOutcome {
  created: string[];
  kept: string[];
  settingsAdded: number;
}

function buildValidation(v: ValidationSpec, ss: Spreadsheet): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(v.allowInvalid);
  if (v.kind === 'list') return builder.requireValueInList(v.values, true).build();
  const source = ss.getSheetByName(v.sheet);
  return source ? builder.requireValueInRange(source.getRange(v.range), true).build() : null;
}

/** Creates one sheet from its spec: a handful of batch calls, whatever the number of rows. */
function createSheet(ss: Spreadsheet, spec: SheetSpec): Sheet {
  const sheet = ss.insertSheet(spec.name, ss.getNumSheets());
  const cols = spec.columns.length;
  // A new sheet has fewer columns (26) than プラン・指標 with three years: a range past the last
  // column would throw.
  const width = sheet.getMaxColumns();
  if (cols > width) sheet.insertColumnsAfter(width, cols - width);
  const header = sheet.getRange(1, 1, 1, cols);
  header.setValues([spec.columns.map((c) => escapeCell(c.header))]);
  header.setNotes([spec.columns.map((c) => c.note)]);
  header.setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(true);
  const rows = Math.max(spec.dataRows, spec.rows.length);
  if (rows > 0) {
    const body = sheet.getRange(2, 1, rows, cols);
    body.setNumberFormats(Array.from({ length: rows }, () => spec.columns.map((c) => c.numberFormat)));
    const validations = spec.columns.map((c) => (c.validation ? buildValidation(c.validation, ss) : null));
    if (validations.some((v) => v)) {
      body.setDataValidations(Array.from({ length: rows }, () => validations) as GoogleAppsScript.Spreadsheet.DataValidation[][]);
    }
    if (spec.rows.length) {
      sheet.getRange(2, 1, spec.rows.length, cols).setValues(spec.rows.map((r) => spec.columns.map((_, i) => escapeCell(r[i] ?? ''))));
    }
  }
  spec.columns.forEach((c, i) => sheet.setColumnWidth(i + 1, c.width));
  sheet.setFrozenRows(spec.frozenRows);
  if (spec.frozenColumns) sheet.setFrozenColumns(spec.frozenColumns);
  return sheet;
}

/**
 * Prepares appending the 設定 rows whose 項目 is missing; never edits a row a person filled in.
 * Prepared before any sheet is created: the sheet grows when full, and an input rule that would
 * reject a value stops the command before anything is written.
 */
function completeSettings(batch: WriteBatch, sheet: Sheet, spec: SheetSpec): number {
  const grid = readGrid(sheet, spec.name, false);
  const missing = missingSettingRows(grid.values, spec.rows);
  if (missing.length) {
    batch.write(batch.plan(spec.name, sheet), {
      row: grid.values.length + 1, col: 1, values: missing.map((r) => spec.columns.map((_, i) => escapeCell(r[i] ?? ''))),
    });
  }
  return missing.length;
}

export function createTemplate(today = new Date()): TemplateOutcome {
  return withDocumentLock('テンプレートを作成', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const existing = new Map(ss.getSheets().map((s) => [s.getName(), s] as const));
    const fy = fiscalYearOf(today);
    // 担当課 first: the 担当課 dropdowns of the progress sheet point at it.
    const specs = templateSpec([fy - 1, fy, fy + 1]).sort((a, b) => Number(b.name === SHEETS.departments) - Number(a.name === SHEETS.departments));
    const outcome: TemplateOutcome = { created: [], kept: [], settingsAdded: 0 };
    const batch = new WriteBatch(ss);
    for (const spec of specs) {
      const sheet = existing.get(spec.name);
      if (sheet && spec.name === SHEETS.settings) outcome.settingsAdded = completeSettings(batch, sheet, spec);
    }
    for (const spec of specs) {
      if (!existing.get(spec.name)) {
        createSheet(ss, spec);
        outcome.created.push(spec.name);
      } else {
        outcome.kept.push(spec.name);
      }
    }
    batch.commit();
    const parts = [
      outcome.created.length ? `作成: ${outcome.created.join('、')}` : '新しく作成したシートはありません',
      outcome.kept.length ? `既存のため変更なし: ${outcome.kept.join('、')}` : '',
      outcome.settingsAdded ? `「${SHEETS.settings}」に不足していた項目を ${outcome.settingsAdded} 件追加` : '',
    ].filter(Boolean);
    ss.toast(parts.join('。') + '。', 'テンプレートを作成');
    return outcome;
  });
}
