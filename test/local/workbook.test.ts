// Workbook files ⇄ the local spreadsheet, through a temp .xlsx file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createGasRuntime } from '../../src/local/gas/runtime';
import { loadWorkbook, saveWorkbook, spreadsheetFromGrids } from '../../src/local/workbook';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'workbook-test-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const APRIL_1_TOKYO = new Date('2025-03-31T15:00:00Z');

function build() {
  const ss = spreadsheetFromGrids('進捗', {
    'プラン・指標': [
      ['プランID', '基本目標', '実績', '達成', '開始日', '合計'],
      ['P-001', '1-2', 1020, true, APRIL_1_TOKYO, { formula: '=C2*2', value: 2040 }],
      ['P-002', '1-3', 0.3, false, null, { formula: '=C3*2' }],
    ],
    担当課: [['担当課'], ['防災課'], ['商工課']],
    設定: [['項目', '値']],
  });
  const rt = createGasRuntime({ spreadsheet: ss });
  const app = rt.globals.SpreadsheetApp;
  const book = app.getActiveSpreadsheet();
  const plans = book.getSheetByName('プラン・指標')!;
  plans.setFrozenRows(1);
  plans.setColumnWidth(5, 180);
  plans.getRange('C3').setNumberFormat('0%');
  plans.getRange('A1:F1').setFontWeight('bold').setBackground('#d9ead3');
  plans.getRange('B2').setNote('基本目標のコード').setFontColor('#cc0000');
  plans.getRange('A2').setWrap(true).setHorizontalAlignment('center');
  plans
    .getRange('D2:D3')
    .setDataValidation(app.newDataValidation().requireValueInList(['TRUE', 'FALSE'], true).setAllowInvalid(false).setHelpText('達成/未達').build());
  plans.getRange('G2:G3').setDataValidation(app.newDataValidation().requireValueInRange(book.getSheetByName('担当課')!.getRange('A2:A3')).build());
  const settings = book.getSheetByName('設定')!;
  settings.hideSheet();
  settings.setTabColor('#0000ff');
  return { ss, rt };
}

describe('saveWorkbook → loadWorkbook round trip', () => {
  test('values keep their types, formulas keep formula and cached result', async () => {
    const { ss } = build();
    const path = join(dir, 'roundtrip.xlsx');
    await saveWorkbook(ss, path);
    const back = await loadWorkbook(path);
    expect(back.model.name).toBe('roundtrip');
    expect(back.model.sheets.map((s) => s.name)).toEqual(['プラン・指標', '担当課', '設定']);
    const grid = back.model.grid('プラン・指標');
    expect(grid[0]).toEqual(['プランID', '基本目標', '実績', '達成', '開始日', '合計']);
    expect(grid[1].slice(0, 4)).toEqual(['P-001', '1-2', 1020, true]);
    expect((grid[1][4] as Date).toISOString()).toBe(APRIL_1_TOKYO.toISOString());
    expect(grid[1][5]).toBe(2040);
    // No cached result: the local runtime does not evaluate formulas.
    expect(grid[2][5]).toBe('#ERROR!');
    const plans = back.model.requireSheet('プラン・指標');
    expect(plans.formulas.get(1, 5)).toBe('=C2*2');
    expect(plans.formulas.get(2, 5)).toBe('=C3*2');
  });

  test('formats, notes, fonts, fills, validations and sheet settings survive', async () => {
    const { ss } = build();
    const path = join(dir, 'formats.xlsx');
    await saveWorkbook(ss, path);
    const back = await loadWorkbook(path);
    const rt = createGasRuntime({ spreadsheet: back });
    const book = rt.globals.SpreadsheetApp.getActiveSpreadsheet();
    const plans = book.getSheetByName('プラン・指標')!;
    expect(plans.getFrozenRows()).toBe(1);
    expect(plans.getColumnWidth(5)).toBe(180);
    expect(plans.getRange('C3').getDisplayValue()).toBe('30%');
    expect(plans.getRange('E2').getDisplayValue()).toBe('2025/04/01');
    expect(plans.getRange('A1:B1').getFontWeights()).toEqual([['bold', 'bold']]);
    expect(plans.getRange('A1').getBackground()).toBe('#d9ead3');
    expect(plans.getRange('A2').getBackground()).toBe('#ffffff');
    expect(plans.getRange('B2').getNote()).toBe('基本目標のコード');
    expect(plans.getRange('B2').getFontColor()).toBe('#cc0000');
    expect(plans.getRange('A2').getWrap()).toBe(true);
    expect(plans.getRange('A2').getHorizontalAlignment()).toBe('center');
    const list = plans.getRange('D3').getDataValidation()!;
    expect(String(list.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(list.getCriteriaValues()).toEqual([['TRUE', 'FALSE'], true]);
    expect(list.getAllowInvalid()).toBe(false);
    expect(list.getHelpText()).toBe('達成/未達');
    const fromRange = plans.getRange('G2').getDataValidation()!;
    expect(String(fromRange.getCriteriaType())).toBe('VALUE_IN_RANGE');
    const source = fromRange.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range;
    expect(source.getSheet().getName()).toBe('担当課');
    expect(source.getA1Notation()).toBe('A2:A3');
    expect(fromRange.getAllowInvalid()).toBe(true);
    expect(plans.getRange('D4').getDataValidation()).toBeNull();
    const settings = book.getSheetByName('設定')!;
    expect(settings.isSheetHidden()).toBe(true);
    expect(settings.getTabColor()).toBe('#0000ff');
  });

  test('loading counts no service calls', async () => {
    const { ss } = build();
    const path = join(dir, 'count.xlsx');
    await saveWorkbook(ss, path);
    const back = await loadWorkbook(path);
    const rt = createGasRuntime({ spreadsheet: back });
    expect(rt.counter.total()).toBe(0);
  });
});

describe('loadWorkbook reads what other tools wrote', () => {
  test('rich text, errors, shared strings and an Excel date', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.getCell('A1').value = { richText: [{ text: '太字' }, { text: 'と普通' }] };
    ws.getCell('B1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('C1').value = new Date(Date.UTC(2025, 3, 1));
    ws.getCell('C1').numFmt = 'yyyy-mm-dd';
    ws.getCell('D1').value = 'x';
    ws.getCell('D1').dataValidation = { type: 'list', formulae: ['"a,b"'], showErrorMessage: true };
    const path = join(dir, 'other.xlsx');
    await wb.xlsx.writeFile(path);
    const back = await loadWorkbook(path, { timeZone: 'Asia/Tokyo' });
    const grid = back.model.grid('Data');
    expect(grid[0][0]).toBe('太字と普通');
    expect(grid[0][1]).toBe('#N/A');
    expect((grid[0][2] as Date).toISOString()).toBe(APRIL_1_TOKYO.toISOString());
    expect(back.model.displayGrid('Data')[0][2]).toBe('2025-04-01');
    expect(back.model.requireSheet('Data').validations.get(0, 3)).toMatchObject({
      criteria: 'VALUE_IN_LIST',
      args: [['a', 'b'], true],
      allowInvalid: false,
    });
  });

  test('spreadsheetFromGrids is re-exported for tests', () => {
    const ss = spreadsheetFromGrids('x', { A: [[1]] });
    expect(ss.model.grid('A')).toEqual([[1]]);
  });
});
