// The add-on on a sheet laid out as the city printed it (seed 004): a sheet not named as the
// template, two header rows per goal block, continuation rows, no 施策体系 or 設定 sheets.
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession } from '../../src/local/session';
import { SHEETS } from '../../src/core/schema';
import { SEED004_ROWS } from '../fixtures/seed004';

function seedSession() {
  const rows = SEED004_ROWS.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : v)));
  return openSession(spreadsheetFromGrids('須賀川市 実施計画（別紙）', { 別紙: rows as string[][] }));
}

test('集計 reads the printed layout, takes the goals from the block titles and rates every plan', () => {
  const s = seedSession();
  const typed = s.runtime.spreadsheet.model.grid('別紙');
  s.run('menuAggregate');
  const goals = s.sheetRecords(SHEETS.goals)!.rows;
  expect(goals.map((g) => g['コード'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  expect(goals[0]['名称']).toBe('子育て支援におけるICT利活用の推進');
  const results = s.sheetRecords(SHEETS.results)!.rows;
  expect(new Set(results.map((r) => r['プランID'])).size).toBe(52);
  // No 設定 sheet: the latest year with figures (令和4年度) is evaluated.
  expect(results.find((r) => r['プランID'] === '1-1')).toMatchObject({ '実績値(期間)': '1,049件（R4）', 指標の評価: 'A' });
  // The sheet people typed is untouched; nothing was added to it because 集計 writes only its own sheets.
  expect(s.runtime.spreadsheet.model.grid('別紙')).toEqual(typed);
});

test('入力チェック flags rows of that sheet in the add-on column placed after its last column', () => {
  const s = seedSession();
  s.run('menuCheck');
  const grid = s.runtime.spreadsheet.model.grid('別紙');
  const header = grid[0];
  expect(header.length).toBe(10);
  const statusCol = header.length - 1;
  const row213 = grid.findIndex((r) => r[0] === '9-13');
  expect(grid[row213].slice(0, statusCol)).toEqual(SEED004_ROWS[row213]);
  const issues = s.sheetRecords(SHEETS.checks)!.rows;
  expect(issues.some((i) => i['シート'] === '別紙')).toBe(true);
});
