// The appendix rule: what 集計 left out is read from the rating, and 入力チェック agrees with it
// (one unit rule, one outlier rule). Only plan data, in words.
import type { CellValue, Grid } from '../../src/core/model';
import { SHEETS, SETTINGS_COLUMNS, SETTING_KEYS } from '../../src/core/schema';
import { readProgress } from '../../src/core/reader';
import { templateSpec } from '../../src/core/template';
import { aggregate, NO_OVERRIDES } from '../../src/core/aggregate';
import { attentions, exclusions } from '../../src/core/exclusions';
import { buildReport } from '../../src/core/report';

const HEADERS = templateSpec([2025])[0].columns.map((c) => c.header);

function rowOf(cells: Record<string, CellValue>): CellValue[] {
  const r: CellValue[] = HEADERS.map(() => '');
  for (const [h, v] of Object.entries(cells)) {
    const c = HEADERS.indexOf(h);
    if (c < 0) throw new Error(h);
    r[c] = v;
  }
  return r;
}

function run(rows: Record<string, CellValue>[], members: CellValue[][] = []) {
  const grids: Record<string, Grid> = {
    [SHEETS.progress]: { name: SHEETS.progress, values: [HEADERS, ...rows.map(rowOf)] },
    [SHEETS.settings]: { name: SHEETS.settings, values: [[...SETTINGS_COLUMNS], [SETTING_KEYS.evaluationYear, 'R7']] },
  };
  if (members.length) grids[SHEETS.members] = { name: SHEETS.members, values: members };
  const read = readProgress(grids, { today: new Date(2026, 5, 1) });
  const result = aggregate(read.data, { overrides: NO_OVERRIDES });
  return { read, result, left: exclusions(read.data, result), attention: attentions(result) };
}

const base = {
  プランID: '2-8', 基本目標: '2', プラン名: '図書のWeb貸出予約等の推進', 主担当課: '中央図書館', 成果指標: 'Webによる貸出予約数',
  単位: '件/年', 基準値: '3,955件/年', 目標値: '5,300件/年', 令和7年度実績: '4,500件/年',
};

describe('exclusions: the rating and 入力チェック agree on what is left out', () => {
  test('a clean row: nothing left out, nothing to check', () => {
    const { left, attention, read } = run([base]);
    expect(read.issues).toEqual([]);
    expect(left).toEqual([]);
    expect(attention).toEqual([]);
  });

  test('target in another unit than the 単位 column (須賀川 2-1): エラー, not rated, listed in words', () => {
    const { read, result, left } = run([{ ...base, 単位: '教室', 基準値: '1校当たり0教室', 目標値: '1校当たり4教室', 令和7年度実績: '1校当たり0教室' }]);
    expect(read.issues.filter((i) => i.severity === 'エラー').map((i) => i.cell)).toEqual(['N2', 'Q2']);
    const ind = result.plans[0].indicators[0].period;
    expect(ind.grade).toBe('−');
    expect(ind.reason?.code).toBe('unit-mismatch');
    expect(left).toEqual([expect.objectContaining({ planId: '2-8', scope: 'indicator', indicator: 'Webによる貸出予約数' })]);
    expect(left[0].why).toBe('目標値の単位（教室/校）が単位の列の単位（教室）と異なるため');
    expect(left[0].what).toBe('令和7年度実績「1校当たり0教室」とこの指標の評価');
  });

  test('actual in another unit: エラー on its cell and not rated', () => {
    const { read, result, left } = run([{ ...base, 令和7年度実績: '45%' }]);
    expect(read.issues.map((i) => [i.severity, i.cell])).toEqual([['エラー', 'Q2']]);
    expect(result.plans[0].indicators[0].period.reason?.code).toBe('unit-mismatch');
    expect(left.map((e) => e.scope)).toEqual(['indicator']);
  });

  test('baseline in another unit: 警告, rated against the target alone, listed as the baseline left out', () => {
    const { read, result, left } = run([{ ...base, 基準値: '30%' }]);
    expect(read.issues.map((i) => [i.severity, i.cell])).toEqual([['警告', 'L2']]);
    const a = result.plans[0].indicators[0].period;
    expect(a.method).toBe('against-target');
    expect(a.ratio).toBeCloseTo(4500 / 5300);
    expect(left).toEqual([expect.objectContaining({ scope: 'baseline', what: '基準値（達成率は実績値÷目標値で計算）' })]);
  });

  test('not entered, 取得不可 and states are 評価不能 with a reason, not inputs left out', () => {
    for (const v of ['', '取得不可', '未整備']) {
      const { result, left } = run([{ ...base, 令和7年度実績: v }]);
      expect(result.plans[0].indicators[0].period.grade).toBe('−');
      expect(left).toEqual([]);
    }
  });

  test('roster errors never reach the report', () => {
    const members = [['氏名', '役職', 'メール', '共有', '権限'], ['山田 一郎', '委員', 'yamada@', '要', 'コメント可']];
    const { read, result, left } = run([base], members);
    expect(read.issues.some((i) => i.sheet === SHEETS.members && i.severity === 'エラー')).toBe(true);
    expect(left).toEqual([]);
    const model = buildReport(read.data, result, { now: new Date('2026-11-21T05:05:00Z') });
    const appendix = JSON.stringify(model.appendices);
    expect(appendix).not.toContain('yamada@');
    expect(appendix).not.toContain(SHEETS.members);
  });

  test('every エラー on an indicator figure means that indicator is left out (and the other way round)', () => {
    const rows = [
      base,
      { ...base, プランID: '2-9', 目標値: '1校当たり4件' },
      { ...base, プランID: '2-10', 令和7年度実績: '約30件?' },
      { ...base, プランID: '2-11', 令和7年度実績: '45%' },
      { ...base, プランID: '2-12', 基準値: '市政経営会議のみ' },
      { ...base, プランID: '2-13', 目標値: '平成25年発行分まで' },
    ];
    const { read, left } = run(rows);
    const errored = new Set(read.issues.filter((i) => i.severity === 'エラー' && i.planId).map((i) => i.planId));
    const excluded = new Set(left.filter((e) => e.scope !== 'baseline').map((e) => e.planId));
    expect([...excluded].sort()).toEqual([...errored].sort());
    expect([...excluded].sort()).toEqual(['2-10', '2-11', '2-13', '2-9']);
    expect(left.find((e) => e.planId === '2-12')?.scope).toBe('baseline');
    for (const e of left) expect(`${e.what} ${e.why}`).not.toMatch(/\b[A-Z]{1,2}\d+\b(?!）)|シート/);
  });
});

describe('attentions (要確認): the outlier rule of 入力チェック, in words', () => {
  test('a tenfold jump from the baseline (須賀川 2-9) is a 警告 and a 要確認, still rated', () => {
    const { read, result, attention } = run([{ ...base, 単位: '件/年', 基準値: '554件/年', 目標値: '700件/年', 令和7年度実績: '21,115件/年' }]);
    expect(read.issues.map((i) => [i.severity, i.cell])).toEqual([['警告', 'Q2']]);
    expect(result.plans[0].indicators[0].period.grade).toBe('A');
    expect(attention.map((a) => a.text)).toEqual(['令和7年度実績「21,115件/年」が、基準値（554件/年）の10倍以上です']);
  });

  test('a share above 100%', () => {
    const { read, attention } = run([{ ...base, 成果指標: '実施割合', 単位: '%', 基準値: '50%', 目標値: '80%', 令和7年度実績: '120%' }]);
    expect(read.issues.map((i) => i.cell)).toEqual(['Q2']);
    expect(attention.map((a) => a.text)).toEqual(['令和7年度実績の実績値「120%」が、割合の指標で100%を超えています']);
  });
});
