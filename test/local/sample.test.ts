import * as path from 'path';
import ExcelJS from 'exceljs';
import {
  DEPARTMENT_COLUMNS, HIERARCHY_COLUMNS, MEMBER_COLUMNS, PROGRESS_COLUMNS, RECOMMENDATION_COLUMNS,
  SETTING_KEYS, SETTINGS_COLUMNS, SHEETS,
} from '../../src/core/schema';
import { sukagawaGrids, SUKAGAWA_PROGRESS_HEADER } from '../../src/local/sample/sukagawa';

const XLSX = path.join(__dirname, '..', '..', 'samples', 'sukagawa.xlsx');

// Counted by hand from seed 004 (第5次須賀川市地域情報化計画 実施計画):
// plans per goal 1:1, 2:9, 3:3, 4:4, 5:4, 6:4, 7:7, 8:2, 9:15, 10:3 = 52 plans;
// 6 plans have a second indicator (3-1, 4-4, 6-3, 7-1, 7-2, 10-1) → 58 indicator rows;
// 4 plans have none (4-1, 4-3, 7-7, 9-11) → 54 real indicators.
const PLAN_COUNTS: Record<string, number> = { 1: 1, 2: 9, 3: 3, 4: 4, 5: 4, 6: 4, 7: 7, 8: 2, 9: 15, 10: 3 };
const SEED_PLAN_IDS = Object.entries(PLAN_COUNTS).flatMap(([g, n]) => Array.from({ length: n }, (_, i) => `${g}-${i + 1}`));
const TWO_INDICATORS = ['3-1', '4-4', '6-3', '7-1', '7-2', '10-1'];
const NO_INDICATOR = ['4-1', '4-3', '7-7', '9-11'];

const grids = sukagawaGrids();
const progress = grids[SHEETS.progress];
const header = progress[0].map(String);
const col = (name: string) => {
  const c = header.indexOf(name);
  if (c < 0) throw new Error(`no column ${name}`);
  return c;
};
const body = progress.slice(1);

/** The row of a plan's n-th indicator (0-based): continuation rows follow the plan row. */
function indicatorRow(planId: string, n = 0): (string | number)[] {
  const start = body.findIndex((r) => r[col('プランID')] === planId);
  if (start < 0) throw new Error(`no plan ${planId}`);
  return body[start + n];
}

describe('sukagawa sample grids', () => {
  test('has every input sheet with the template headers', () => {
    expect(Object.keys(grids)).toEqual([
      SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members, SHEETS.settings, SHEETS.recommendations,
    ]);
    expect(header.slice(0, PROGRESS_COLUMNS.length)).toEqual([...PROGRESS_COLUMNS]);
    expect(header.slice(PROGRESS_COLUMNS.length)).toEqual([
      '令和4年度実績', '令和5年度中間', '令和5年度実績', '令和6年度中間', '令和6年度実績', '状態', 'コメント',
    ]);
    expect(grids[SHEETS.hierarchy][0]).toEqual([...HIERARCHY_COLUMNS]);
    expect(grids[SHEETS.departments][0]).toEqual([...DEPARTMENT_COLUMNS]);
    expect(grids[SHEETS.members][0]).toEqual([...MEMBER_COLUMNS]);
    expect(grids[SHEETS.settings][0]).toEqual([...SETTINGS_COLUMNS]);
    expect(grids[SHEETS.recommendations]).toEqual([[...RECOMMENDATION_COLUMNS]]);
    for (const rows of Object.values(grids)) for (const r of rows) expect(r).toHaveLength(rows[0].length);
  });

  test('has the 52 plans and 58 indicator rows of the seed, in its order', () => {
    const ids = body.map((r) => r[col('プランID')]).filter((v) => v !== '');
    expect(ids).toEqual(SEED_PLAN_IDS);
    expect(ids).toHaveLength(52);
    expect(body).toHaveLength(58);
    expect(body.filter((r) => r[col('成果指標')] !== '指標の設定はありません')).toHaveLength(54);
  });

  test('continuation rows leave the plan columns blank', () => {
    const planCols = PROGRESS_COLUMNS.slice(0, PROGRESS_COLUMNS.indexOf('関係課') + 1);
    const continuation = body.filter((r) => r[col('プランID')] === '');
    expect(continuation).toHaveLength(6);
    for (const id of TWO_INDICATORS) {
      const second = indicatorRow(id, 1);
      for (const c of planCols) expect(second[col(c)]).toBe('');
      expect(second[col('成果指標')]).not.toBe('');
    }
    expect(indicatorRow('3-1', 1)[col('成果指標')]).toBe('GPS位置情報機器貸与件数');
    expect(indicatorRow('10-1', 1)[col('基準値')]).toBe('0人/年');
  });

  test('keeps the printed values as strings, oddities included', () => {
    const cell = (id: string, c: string, n = 0) => indicatorRow(id, n)[col(c)];
    expect(cell('1-1', '令和4年度実績')).toBe('1,049件');
    expect(cell('2-1', '目標値')).toBe('1校当たり4教室');
    expect(cell('2-2', '令和4年度実績')).toBe('5人/年');
    expect(cell('2-4', '令和4年度実績')).toBe('平成23年発行分まで');
    expect(cell('5-3', '基準値')).toBe('0% (0件/5,433件)');
    expect(cell('6-2', '基準値')).toBe('112件/年 (令和3年末)');
    expect(cell('6-3', '令和4年度実績')).toBe('未整備');
    expect(cell('6-3', '令和4年度実績', 1)).toBe('—');
    expect(cell('9-9', '基準値')).toBe('市政経営会議のみ');
    expect(cell('9-13', '令和4年度実績')).toBe('リプレイス未実施 (実績値取得不可)');
    expect(cell('9-15', '令和4年度実績')).toBe('86.50%');
    expect(cell('7-3', '成果指標')).toBe('目標支援金額達成者数（3年間合計）');
    for (const r of body) for (const v of r) expect(typeof v).toBe('string');
  });

  test('plans without an indicator say so and carry dashes, never a number', () => {
    for (const id of NO_INDICATOR) {
      const r = indicatorRow(id);
      expect(r[col('成果指標')]).toBe('指標の設定はありません');
      for (const c of ['基準値', '令和4年度実績', '目標値']) expect(r[col(c)]).toBe('—');
    }
  });

  test('no figure is invented for 令和5年度・令和6年度 or mid-year', () => {
    for (const c of ['令和5年度中間', '令和5年度実績', '令和6年度中間', '令和6年度実績']) {
      for (const v of body.map((r) => r[col(c)])) expect(['', '—']).toContain(v);
    }
  });

  test('departments: first listed is 主担当課, the rest 関係課; odd cells kept', () => {
    const dept = (id: string) => [indicatorRow(id)[col('主担当課')], indicatorRow(id)[col('関係課')]];
    expect(dept('2-5')).toEqual(['文化振興課', '博物館']);
    expect(dept('5-2')).toEqual(['道路河川課', '都市計画課、下水道施設課']);
    expect(dept('2-6')).toEqual(['情報政策課', '生涯学習スポーツ課、各コミュニティセンター']);
    expect(dept('9-8')).toEqual(['人事課', '情報政策課']);
    expect(dept('9-14')).toEqual(['情報政策課ほか', '']);
    const names = grids[SHEETS.departments].slice(1).map((r) => r[0]);
    expect(names).toHaveLength(28);
    expect(new Set(names).size).toBe(28);
    // Every department named in a plan is listed, except the two odd cells.
    const used = new Set(body.flatMap((r) => [r[col('主担当課')], ...String(r[col('関係課')]).split('、')]).filter((v) => v !== ''));
    expect([...used].filter((d) => !names.includes(d)).sort()).toEqual(['基幹系システム利用課', '情報政策課ほか'].sort());
  });

  test('direction is typed only for the lower-is-better indicators', () => {
    const down = body.filter((r) => r[col('方向')] !== '').map((r) => [r[col('プランID')], r[col('方向')]]);
    expect(down).toEqual([['6-2', '低いほど良い'], ['9-1', '低いほど良い'], ['9-13', '低いほど良い']]);
  });

  test('hierarchy: 10 goals under 3 policies, each plan under a known goal and policy', () => {
    const h = grids[SHEETS.hierarchy].slice(1);
    const goals = h.filter((r) => r[0] === '基本目標');
    const policies = h.filter((r) => r[0] === '基本方針');
    expect(goals.map((r) => r[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(goals[0][2]).toBe('子育て支援におけるICT利活用の推進');
    expect(goals[8][2]).toBe('電子行政の推進');
    expect(policies).toHaveLength(3);
    for (const r of body.filter((x) => x[col('プランID')] !== '')) {
      const goal = goals.find((g) => g[1] === r[col('基本目標')]);
      expect(goal).toBeDefined();
      expect(goal![4]).toBe(r[col('基本方針')]);
      expect(String(r[col('プランID')]).split('-')[0]).toBe(r[col('基本目標')]);
    }
  });

  test('members: fictional, example.jp, one invalid address, one 不要, one 閲覧者', () => {
    const m = grids[SHEETS.members].slice(1);
    expect(m.length).toBeGreaterThanOrEqual(8);
    expect(m.length).toBeLessThanOrEqual(10);
    const emails = m.map((r) => String(r[2]));
    expect(emails.filter((e) => !/^[^@\s]+@example\.jp$/.test(e))).toEqual(['yamada@']);
    expect(m.filter((r) => r[3] === '不要')).toHaveLength(1);
    expect(m.filter((r) => r[4] === '閲覧者')).toHaveLength(1);
    expect(m.filter((r) => String(r[1]).startsWith('委員長'))).toHaveLength(1);
    expect(m.filter((r) => String(r[1]).startsWith('副委員長'))).toHaveLength(1);
  });

  test('settings: every key once, with a value except the report folder, the committee and the 事務局メンバー (not in the source)', () => {
    const s = grids[SHEETS.settings].slice(1);
    expect(s.map((r) => r[0])).toEqual(Object.values(SETTING_KEYS));
    const blank: string[] = [SETTING_KEYS.reportFolderId, SETTING_KEYS.committee, SETTING_KEYS.secretariat];
    for (const r of s) {
      if (!blank.includes(String(r[0]))) expect(r[1]).not.toBe('');
      expect(r[2]).not.toBe('');
    }
    const value = (k: string) => s.find((r) => r[0] === k)![1];
    expect(value(SETTING_KEYS.office)).toBe('行政管理課');
    expect(value(SETTING_KEYS.evaluationYear)).toBe('令和4年度');
    expect(value(SETTING_KEYS.thresholdA)).toBe(100);
  });
});

describe('samples/sukagawa.xlsx', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(XLSX);
  });

  test('has the sheets of the grids, in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.keys(grids));
  });

  test('holds exactly the grid values (regenerate with npx tsx scripts/make-sample.ts)', () => {
    for (const [name, rows] of Object.entries(grids)) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.rowCount).toBe(rows.length);
      const width = rows[0].length;
      const read: (string | number)[][] = [];
      for (let r = 1; r <= ws.rowCount; r++) {
        const row: (string | number)[] = [];
        for (let c = 1; c <= width; c++) {
          const v = ws.getRow(r).getCell(c).value;
          row.push(v === null || v === undefined ? '' : (v as string | number));
        }
        read.push(row);
      }
      expect(read).toEqual(rows);
    }
  });

  test('header is bold and frozen; ID and code columns are text', () => {
    for (const ws of wb.worksheets) {
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    const ws = wb.getWorksheet(SHEETS.progress)!;
    expect(ws.getRow(1).values).toEqual([undefined, ...SUKAGAWA_PROGRESS_HEADER]);
    for (const c of ['プランID', '基本方針', '基本目標']) {
      const cell = ws.getRow(2).getCell(SUKAGAWA_PROGRESS_HEADER.indexOf(c) + 1);
      expect(cell.numFmt).toBe('@');
      expect(typeof cell.value).toBe('string');
    }
  });
});
