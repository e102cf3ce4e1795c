// Cells moved per run: display strings only where figures are, the typed columns of the previous
// output re-read before writing, only graded columns painted, and onEdit reading a window.
import { SHEETS, OWNED_COLUMNS } from '../../src/core/schema';
import { openSession } from '../../src/local/session';
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { sukagawaGrids } from '../../src/local/sample/sukagawa';
import { syntheticGrids } from '../../src/local/synthetic';
import { records, rejectingDropdown, snapshot, workbookState } from './helpers';

type Grids = Record<string, (string | number | { value: number; numberFormat: string })[][]>;

test('display strings are read only over the columns holding numbers, and a formatted figure still reads as shown', () => {
  const grids = sukagawaGrids() as Grids;
  const [header, ...rows] = grids[SHEETS.progress];
  const col = header.indexOf('令和4年度実績');
  const row = rows.findIndex((r) => r[0] === '1-1');
  // 1,049 typed as a number with a thousands format: the display is what the person sees.
  rows[row][col] = { value: 1049, numberFormat: '#,##0' };
  const s = openSession(spreadsheetFromGrids('b', grids as never));
  const { cells } = s.run('menuAggregate');
  const height = grids[SHEETS.progress].length;
  expect(cells['Range.getDisplayValues']).toBeGreaterThanOrEqual(height);
  expect(cells['Range.getDisplayValues']).toBeLessThan(height * header.length);
  const result = records(s, SHEETS.results).find((r) => r['プランID'] === '1-1');
  expect(String(result?.['実績値(期間)'])).toContain('1,049');
});

test('集計 paints only the graded columns and the header; other columns keep their fill', () => {
  const s = openSession(spreadsheetFromGrids('b', sukagawaGrids()));
  s.run('menuAggregate');
  const results = s.runtime.spreadsheet.getSheetByName(SHEETS.results)!;
  const header = snapshot(s, SHEETS.results).values[0].map(String);
  const name = header.indexOf('プラン名') + 1;
  // A person highlights a plan name and a reason cell between graded columns, then clears the
  // body: the next 集計 rewrites every row and leaves the highlights.
  results.getRange(2, name).setBackground('#ffff00');
  const reason = header.indexOf('評価不能の理由') + 1;
  results.getRange(3, reason).setBackground('#ffff00');
  results.getRange(2, 1, results.getLastRow() - 1, header.length).clearContent();
  const { cells } = s.run('menuAggregate');
  expect(results.getRange(2, name).getBackground()).toBe('#ffff00');
  expect(results.getRange(3, reason).getBackground()).toBe('#ffff00');
  const graded = results.getRange(2, header.indexOf('採用評価') + 1).getBackground();
  expect(graded).not.toBe('#ffffff');
  expect(cells['Range.setBackgrounds']).toBeLessThan(cells['Range.setValues'] / 2);
});

test('onEdit reads a window of the ID column, widened when a plan runs past it', () => {
  const s = openSession(spreadsheetFromGrids('b', syntheticGrids(3000)));
  s.run('menuCheck');
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const actual = header.indexOf('令和4年度実績') + 1;
  const r = Math.floor(sheet.getLastRow() / 2);
  const range = sheet.getRange(r, actual);
  range.setValue('約千件');
  const { cells } = s.run('onEdit', { range, source: s.runtime.spreadsheet, value: '約千件' });
  const total = Object.values(cells).reduce((a, b) => a + b, 0);
  expect(total).toBeLessThan(20 * header.length + 200);

  // A plan with 150 indicator rows: an edit on its last row still finds the plan's first row.
  const long = sukagawaGrids();
  const [h, ...rows] = long[SHEETS.progress];
  const at = rows.findIndex((x) => x[0] === '1-1');
  const extra = Array.from({ length: 150 }, () => { const c = rows[at].slice(); c[0] = ''; return c; });
  long[SHEETS.progress] = [h, ...rows.slice(0, at + 1), ...extra, ...rows.slice(at + 1)];
  const t = openSession(spreadsheetFromGrids('c', long));
  t.run('menuCheck');
  const p = t.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const last = at + 2 + 150;
  const cell = p.getRange(last, h.indexOf('令和4年度実績') + 1);
  cell.setValue('約千件');
  t.run('onEdit', { range: cell, source: t.runtime.spreadsheet, value: '約千件' });
  const now = p.getRange(1, 1, 1, p.getLastColumn()).getValues()[0].map(String);
  const status = String(p.getRange(last, now.indexOf(OWNED_COLUMNS.check) + 1).getValue());
  expect(status).toMatch(/約千件/);
  expect(status).not.toMatch(/プランID/);
});

describe('only the cells that change are written (and checked against input rules)', () => {
  function editProgress(s: ReturnType<typeof openSession>, id: string, header: string, value: string): void {
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const values = sheet.getDataRange().getValues();
    sheet.getRange(values.findIndex((r) => r[0] === id) + 1, values[0].indexOf(header) + 1).setValue(value);
  }

  test('a rerun over unchanged data rewrites nothing on 集計結果 and reads no input rules there', () => {
    const s = openSession(spreadsheetFromGrids('b', sukagawaGrids()));
    s.run('menuAggregate');
    const before = snapshot(s, SHEETS.results);
    const { cells } = s.run('menuAggregate');
    // Only the 実行ログ row is written (one row of the log's width).
    expect(cells['Range.setValues']).toBeLessThanOrEqual(10);
    expect(cells['Range.getDataValidations'] ?? 0).toBeLessThanOrEqual(10);
    expect(cells['Range.setBackgrounds'] ?? 0).toBe(0);
    expect(snapshot(s, SHEETS.results)).toEqual(before);
  });

  test('a changed actual rewrites the rows it changes, not the table', () => {
    const s = openSession(spreadsheetFromGrids('b', sukagawaGrids()));
    s.run('menuAggregate');
    const table = snapshot(s, SHEETS.results).values;
    editProgress(s, '1-1', '令和4年度実績', '1,200件');
    const { cells } = s.run('menuAggregate');
    const row = records(s, SHEETS.results).find((r) => r['プランID'] === '1-1');
    expect(String(row?.['実績値(期間)'])).toContain('1,200');
    expect(cells['Range.setValues']).toBeLessThan(table.length * table[0].length / 4);
    expect(cells['Range.getDataValidations']).toBe(cells['Range.setValues']);
  });

  test('a value a person typed into a computed cell of 集計結果 is put back by the next 集計', () => {
    const s = openSession(spreadsheetFromGrids('b', sukagawaGrids()));
    s.run('menuAggregate');
    const results = s.runtime.spreadsheet.getSheetByName(SHEETS.results)!;
    const header = snapshot(s, SHEETS.results).values[0].map(String);
    const col = header.indexOf('採用評価') + 1;
    const computed = results.getRange(5, col).getValue();
    results.getRange(5, col).setValue(computed === 'A' ? 'D' : 'A');
    results.getRange(7, header.indexOf('プラン名') + 1).setValue('');
    s.run('menuAggregate');
    expect(results.getRange(5, col).getValue()).toBe(computed);
    expect(results.getRange(7, header.indexOf('プラン名') + 1).getValue()).not.toBe('');
  });

  test('入力チェック rewrites only the 入力チェック cells whose status changed', () => {
    const s = openSession(spreadsheetFromGrids('b', sukagawaGrids()));
    s.run('menuCheck');
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const values = snapshot(s, SHEETS.progress).values;
    const col = values[0].indexOf(OWNED_COLUMNS.check) + 1;
    // A person's rejecting dropdown on a status cell (not blank) whose status stays.
    const kept = values.findIndex((r, i) => i > 0 && r[0] !== '1-1' && String(r[col - 1]) !== '') + 1;
    expect(kept).toBeGreaterThan(1);
    const app = s.runtime.globals.SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    sheet.getRange(kept, col).setDataValidation(app.newDataValidation().requireValueInList(['済'], true).setAllowInvalid(false).build());
    editProgress(s, '1-1', '目標値', '');
    s.run('menuCheck');
    expect(s.runtime.ui.alerts).toHaveLength(0);
    const status = records(s, SHEETS.progress).find((r) => r['プランID'] === '1-1')?.[OWNED_COLUMNS.check];
    expect(String(status)).toMatch(/目標値/);
  });
});

test('actuals typed far apart: each changed row is written on its own and painted by colour; the sheet ends as a fresh 集計 writes it', () => {
  const grids = syntheticGrids(1500);
  const s = openSession(spreadsheetFromGrids('b', grids));
  s.run('menuAggregate');
  const results = s.runtime.spreadsheet.getSheetByName(SHEETS.results)!;
  const header = snapshot(s, SHEETS.results).values[0].map(String);
  // A person's fill on a column the add-on does not colour, inside the painted span.
  results.getRange(3, header.indexOf('評価不能の理由') + 1).setBackground('#ffff00');
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const progressHeader = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const col = progressHeader.indexOf('令和4年度実績') + 1;
  const last = sheet.getLastRow();
  const edited = Array.from({ length: 8 }, (_, i) => 2 + Math.floor((i * (last - 2)) / 8));
  for (const r of edited) sheet.getRange(r, col).setValue(3 + r);
  const { cells, calls } = s.run('menuAggregate');
  const width = header.length;
  // Far fewer cells than the rows between the first and the last edit.
  expect(cells['Range.setValues']).toBeLessThan(40 * width);
  // Checked against input rules: the cells written (the 実行ログ row past the sheet's edge has none).
  expect(cells['Range.getDataValidations']).toBeLessThanOrEqual(cells['Range.setValues']);
  expect(cells['Range.getDataValidations']).toBeGreaterThan(cells['Range.setValues'] - width);
  expect(calls['RangeList.setBackground']).toBeGreaterThan(0);
  expect(cells['RangeList.setBackground']).toBeLessThan(40 * 5);
  expect(results.getRange(3, header.indexOf('評価不能の理由') + 1).getBackground()).toBe('#ffff00');

  // The same inputs aggregated on a fresh workbook: the same values and the same colours.
  const fresh = openSession(spreadsheetFromGrids('c', grids));
  const freshProgress = fresh.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  for (const r of edited) freshProgress.getRange(r, col).setValue(3 + r);
  fresh.run('menuAggregate');
  const mine = snapshot(s, SHEETS.results).values;
  const theirs = snapshot(fresh, SHEETS.results).values;
  expect(mine).toEqual(theirs);
  const a = results.getRange(1, 1, mine.length, width).getBackgrounds();
  const b = fresh.runtime.spreadsheet.getSheetByName(SHEETS.results)!.getRange(1, 1, theirs.length, width).getBackgrounds();
  a[2][header.indexOf('評価不能の理由')] = b[2][header.indexOf('評価不能の理由')];
  expect(a).toEqual(b);
});

describe('rows of 集計結果 move with their plans (insertRowsBefore / deleteRows) instead of every row below being rewritten', () => {
  function setup() {
    const grids = syntheticGrids(600);
    const s = openSession(spreadsheetFromGrids('b', grids));
    s.run('menuAggregate');
    return { grids, s };
  }
  const resultsOf = (x: ReturnType<typeof openSession>) => x.runtime.spreadsheet.getSheetByName(SHEETS.results)!;

  /** A new plan on the first data row and a plan deleted further down, on a session's progress sheet. */
  function editPlans(x: ReturnType<typeof openSession>, removedId: string): void {
    const sheet = x.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const width = sheet.getLastColumn();
    const ids = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => String(r[0]));
    // The removed plan's block: its ID row and the blank-ID rows under it.
    const at = ids.indexOf(removedId) + 1;
    let end = at;
    while (end + 1 <= ids.length && ids[end] === '') end++;
    sheet.deleteRows(at, end - at + 1);
    const first = sheet.getRange(2, 1, 1, width).getValues()[0];
    sheet.insertRowBefore(2);
    sheet.getRange(2, 1, 1, width).setValues([first.map((v, i) => (i === 0 ? `${String(v)}-新` : v))]);
  }

  test('a plan added at the top and one removed: few cells, the overrides stay with their plans, and the sheet ends as a fresh 集計 writes it', () => {
    const { grids, s } = setup();
    const results = resultsOf(s);
    const header = results.getRange(1, 1, 1, results.getLastColumn()).getValues()[0].map(String);
    const ids = results.getRange(1, 1, results.getLastRow(), 1).getValues().map((r) => String(r[0]));
    // 上書き評価 and its reason typed on a plan far down.
    const kept = ids.findIndex((id, i) => i > ids.length / 2 && id !== ids[i - 1]) + 1;
    const keptId = ids[kept - 1];
    results.getRange(kept, header.indexOf('上書き評価') + 1, 1, 2).setValues([['A', '現地確認で達成を確認']]);
    s.run('menuAggregate');
    const removedId = ids[Math.floor((ids.length * 3) / 4)];
    editPlans(s, removedId);
    const { cells, calls } = s.run('menuAggregate');
    expect(calls['Sheet.insertRowsBefore']).toBe(1);
    expect(calls['Sheet.deleteRows']).toBe(1);
    expect(cells['Range.setValues']).toBeLessThan(20 * header.length);
    expect(cells['Range.getDataValidations']).toBeLessThan(20 * header.length);

    const after = snapshot(s, SHEETS.results).values;
    const row = after.findIndex((r) => r[0] === keptId);
    expect(after[row][header.indexOf('上書き評価')]).toBe('A');
    expect(after[row][header.indexOf('上書きの理由')]).toBe('現地確認で達成を確認');
    expect(after.some((r) => r[0] === removedId)).toBe(false);

    // The same steps on a copy whose 集計結果 keeps only the row with the override: the last 集計
    // there writes the whole table (no rows to move).
    const other = openSession(spreadsheetFromGrids('c', grids));
    other.run('menuAggregate');
    const or = resultsOf(other);
    or.getRange(kept, header.indexOf('上書き評価') + 1, 1, 2).setValues([['A', '現地確認で達成を確認']]);
    other.run('menuAggregate');
    editPlans(other, removedId);
    const last = or.getLastRow();
    if (last > kept) or.deleteRows(kept + 1, last - kept);
    or.deleteRows(2, kept - 2);
    const full = other.run('menuAggregate');
    expect(full.calls['Sheet.insertRowsBefore'] ?? 0).toBe(0);
    expect(snapshot(other, SHEETS.results).values).toEqual(after);
    const bg = (x: GoogleAppsScript.Spreadsheet.Sheet) => x.getRange(1, 1, after.length, header.length).getBackgrounds();
    expect(bg(results)).toEqual(bg(or));
  });

  test('a person\'s rejecting rule where a row would be inserted (Sheets may extend it to the new row): refused, nothing moved or written', () => {
    const { s } = setup();
    const results = resultsOf(s);
    const header = results.getRange(1, 1, 1, results.getLastColumn()).getValues()[0].map(String);
    rejectingDropdown(s, SHEETS.results, 2, header.indexOf('採用評価') + 1, 3, 1);
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const width = sheet.getLastColumn();
    const first = sheet.getRange(2, 1, 1, width).getValues()[0];
    sheet.insertRowBefore(2);
    sheet.getRange(2, 1, 1, width).setValues([first.map((v, i) => (i === 0 ? `${String(v)}-新` : v))]);
    const before = workbookState(s);
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts.map((a) => String(a.prompt ?? a))).toEqual([expect.stringMatching(/入力規則/)]);
    expect(workbookState(s)).toBe(before);
  });

  test('an override typed on a plan that is then removed is kept (at the end of 集計結果, as before)', () => {
    const { s } = setup();
    const results = resultsOf(s);
    const header = results.getRange(1, 1, 1, results.getLastColumn()).getValues()[0].map(String);
    const ids = results.getRange(1, 1, results.getLastRow(), 1).getValues().map((r) => String(r[0]));
    const at = ids.findIndex((id, i) => i > (ids.length * 2) / 3 && id !== ids[i - 1]) + 1;
    const removedId = ids[at - 1];
    results.getRange(at, header.indexOf('上書き評価') + 1, 1, 2).setValues([['D', '事業を中止したため']]);
    s.run('menuAggregate');
    editPlans(s, removedId);
    const { calls } = s.run('menuAggregate');
    expect(calls['Sheet.insertRowsBefore']).toBe(1);
    const after = snapshot(s, SHEETS.results).values;
    const rows = after.filter((r) => r[0] === removedId);
    expect(rows).toHaveLength(1);
    expect(rows[0][header.indexOf('上書き評価')]).toBe('D');
    expect(rows[0][header.indexOf('上書きの理由')]).toBe('事業を中止したため');
    expect(after.indexOf(rows[0])).toBeGreaterThan(after.length - 5);
  });
});
