// 統合候補 reads the progress sheet only in the columns the suggestions use (core/partial-grid.ts):
// the suggestions equal those computed from the whole sheet, far fewer cells are read, and the
// cached result is never stale: every cell read (and nothing else) tells the result apart.
import type { CellValue, Grid } from '../../src/core/model';
import type { MergeCandidates } from '../../src/addon/api';
import { readProgress } from '../../src/core/reader';
import { effectiveSynonyms, suggestMerges } from '../../src/core/similarity';
import { MAPPING_PROPERTY, type ColumnMapping } from '../../src/core/mapping';
import { SHEETS } from '../../src/core/schema';
import { openSession, type AddonSession } from '../../src/local/session';
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { syntheticGrids } from '../../src/local/synthetic';

type Run = ReturnType<AddonSession['run']>;
type Rows = (string | number)[][];

const PLANS = 800;

function session(mutate?: (grids: Record<string, Rows>) => void): AddonSession {
  const grids = syntheticGrids(PLANS);
  mutate?.(grids);
  return openSession(spreadsheetFromGrids('partial', grids));
}

function candidates(s: AddonSession, offset = 0, limit = 50): { page: MergeCandidates; run: Run } {
  const run = s.run('getMergeCandidates', { offset, limit });
  return { page: run.result as MergeCandidates, run };
}

/** Every page, in order. */
function allGroups(s: AddonSession): MergeCandidates['groups'] {
  const out: MergeCandidates['groups'] = [];
  let total = Infinity;
  for (let offset = 0; offset < total; offset += 50) {
    const { page } = candidates(s, offset, 50);
    total = page.total;
    out.push(...page.groups);
  }
  return out;
}

/** The suggestions computed by the core from every cell of every sheet (uncounted). */
function fromWholeSheets(s: AddonSession, mapping: ColumnMapping | null = null): Array<{ planIds: string[]; score: number; reasons: string[] }> {
  const model = s.runtime.spreadsheet.model;
  const grids: Record<string, Grid> = {};
  for (const sh of model.sheets) grids[sh.name] = { name: sh.name, values: model.grid(sh.name) as CellValue[][], display: model.displayGrid(sh.name) };
  const read = readProgress(grids, { today: new Date(), mapping });
  return suggestMerges(read.data.plans, { synonyms: effectiveSynonyms(read.data.settings.synonyms) })
    .map((g) => ({ planIds: g.planIds, score: g.score, reasons: g.reasons }));
}

const shape = (groups: MergeCandidates['groups']) => groups.map((g) => ({ planIds: g.planIds, score: g.score, reasons: g.reasons }));

/** A computed (not cached) result stores its pieces with one putAll; a result found by its plans stores the sheets' key with one put. */
const computed = (run: Run) => (run.calls['Cache.putAll'] ?? 0) === 1;
const parsed = (run: Run) => computed(run) || (run.calls['Cache.put'] ?? 0) === 1;

function progressSheet(s: AddonSession, name: string = SHEETS.progress): GoogleAppsScript.Spreadsheet.Sheet {
  return s.runtime.spreadsheet.getSheetByName(name)!;
}

/** A cell of the progress sheet well below the rows read whole (the layout's head). */
function cellBelow(s: AddonSession, header: string, sheetName: string = SHEETS.progress): GoogleAppsScript.Spreadsheet.Range {
  const sheet = progressSheet(s, sheetName);
  const head = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const col = head.indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  // A plan's first row (it has an ID) in the lower half of the sheet.
  const ids = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => String(r[0]));
  const row = ids.findIndex((id, i) => i > ids.length / 2 && id !== '') + 1;
  return sheet.getRange(row, col + 1);
}

function cells(run: Run): number {
  return Object.values(run.cells).reduce((a, b) => a + b, 0);
}

describe('統合候補 reads the progress sheet only in the columns it uses', () => {
  test('same suggestions as from the whole sheets, reading well under the sheet’s cells', () => {
    const s = session();
    const first = candidates(s, 0, 50);
    expect(computed(first.run)).toBe(true);
    expect(shape(allGroups(s))).toEqual(fromWholeSheets(s));
    // The whole progress sheet is rows × columns cells (and more with the display strings); the
    // head rows, read whole, weigh more on this small sheet than at 10,000 plans (npm run bench).
    const sheet = progressSheet(s);
    const whole = sheet.getLastRow() * sheet.getLastColumn();
    expect(cells(first.run)).toBeLessThan(whole * 0.6);
  });

  test('same suggestions on a sheet with continuation rows holding figures only, ended plans and a 2-row gap', () => {
    const s = session((g) => {
      const rows = g[SHEETS.progress];
      const header = rows[0].map(String);
      const at = (name: string) => header.indexOf(name);
      const mid = Math.floor(rows.length * 0.7);
      // Figures with no name, no indicator: the reader counts an indicator without a name.
      const figures = rows[0].map(() => '' as string | number);
      figures[at('令和4年度実績')] = '12件';
      rows.splice(mid, 0, figures);
      // Plans ended or merged below the head leave the suggestions.
      for (let r = Math.floor(rows.length * 0.5); r < rows.length; r += 37) if (String(rows[r][0])) rows[r][at('状態')] = '完了';
      rows.splice(Math.floor(rows.length * 0.8), 0, rows[0].map(() => ''), rows[0].map(() => ''));
    });
    expect(shape(allGroups(s))).toEqual(fromWholeSheets(s));
  });

  test('with a column mapping (a progress sheet under another name): the same as the whole sheet read with it', () => {
    const s = session();
    progressSheet(s).setName('進捗状況');
    const mapping: ColumnMapping = { sheet: '進捗状況', headerRow: 0, headerRows: 1, columns: [] };
    s.runtime.globals.PropertiesService.getDocumentProperties().setProperty(MAPPING_PROPERTY, JSON.stringify(mapping));
    const groups = allGroups(s);
    expect(groups.length).toBeGreaterThan(0);
    expect(shape(groups)).toEqual(fromWholeSheets(s, mapping));
  });
});

describe('統合候補 in part: the cached result changes exactly when a cell it read changes', () => {
  test('a figure typed below the head is not read: the page comes from the cache without parsing', () => {
    const s = session();
    const before = candidates(s, 0, 20).page;
    cellBelow(s, '令和4年度実績').setValue('1,234件');
    cellBelow(s, 'コメント').setValue('順調');
    const after = candidates(s, 0, 20);
    expect(parsed(after.run)).toBe(false);
    expect(after.page).toEqual(before);
  });

  test.each([
    ['プランID', (v: string) => `${v}-改`],
    ['プラン名', () => '下水道管路の長寿命化'],
    ['基本目標', (v: string) => (v === '9' ? '8' : '9')],
    ['個別施策', () => '9-9'],
    ['主担当課', () => '上下水道課'],
    ['関係課', (v: string) => (v ? `${v} 危機管理課` : '危機管理課')],
    ['成果指標', () => '管路の更新延長'],
    ['状態', () => '完了'],
  ])('%s changed below the head: computed again, and the result is that of the whole sheets', (header, next) => {
    const s = session();
    candidates(s, 0, 20);
    const cell = cellBelow(s, header);
    cell.setValue(next(String(cell.getValue())));
    const after = candidates(s, 0, 20);
    expect(computed(after.run)).toBe(true);
    expect(shape(allGroups(s))).toEqual(fromWholeSheets(s));
  });

  test('a figure typed in the head rows (read whole) is read: parsed, the plans are the same, not computed again', () => {
    const s = session();
    const before = candidates(s, 0, 20).page;
    const sheet = progressSheet(s);
    const head = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    sheet.getRange(3, head.indexOf('令和4年度実績') + 1).setValue('77件');
    const after = candidates(s, 0, 20);
    expect(parsed(after.run)).toBe(true);
    expect(computed(after.run)).toBe(false);
    expect(after.page).toEqual(before);
  });

  test('a row deleted below the head moves the rows read: computed again', () => {
    const s = session();
    candidates(s, 0, 20);
    const sheet = progressSheet(s);
    sheet.deleteRow(cellBelow(s, 'プランID').getRow());
    const after = candidates(s, 0, 20);
    expect(computed(after.run)).toBe(true);
    expect(shape(allGroups(s))).toEqual(fromWholeSheets(s));
  });

  test('a new 列の対応 is another input: computed again', () => {
    const s = session();
    candidates(s, 0, 20);
    const mapping: ColumnMapping = { sheet: SHEETS.progress, headerRow: 0, headerRows: 1, columns: [] };
    s.runtime.globals.PropertiesService.getDocumentProperties().setProperty(MAPPING_PROPERTY, JSON.stringify(mapping));
    expect(parsed(candidates(s, 0, 20).run)).toBe(true);
  });
});
