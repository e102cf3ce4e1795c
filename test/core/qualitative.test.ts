// Milestones whatever a blanket 方向 says, targets written in the figure's own cell, plans rated
// from progress statuses (状況の評価) and from the department's own grade (自己評価).
// docs/ratings.md §1.4, §4, §4a.

import { assessIndicator, type AssessContext } from '../../src/core/achievement';
import { aggregate, NO_OVERRIDES } from '../../src/core/aggregate';
import { buildResultsTable, RESULT_COLUMNS } from '../../src/core/results-table';
import {
  DEFAULT_STATUS_GRADES, DEFAULT_THRESHOLDS, gradeOfSelfAssessment, parseStatusGrades, selfScaleOf,
} from '../../src/core/rating';
import { readSettings } from '../../src/core/settings';
import { parseCell } from '../../src/core/values';
import { SETTINGS_COLUMNS, SETTING_KEYS, SHEETS } from '../../src/core/schema';
import type { Plan } from '../../src/core/model';
import { EMPTY, indicator, mark, num, plan, progressData } from './fixtures';

const YEAR: AssessContext = { year: 2023, kind: 'year', midShare: 1, thresholds: DEFAULT_THRESHOLDS, scope: 'period' };
const p = (t: string) => parseCell(t);

describe('milestones read as such whatever a blanket 方向 column says', () => {
  test('目標 ○ with 方向 増加 (typed for the whole sheet): ○ → A, × → D, with a note instead of a refusal', () => {
    const done = assessIndicator(indicator('1', 1, { name: '電子申請の導入', direction: 'up', target: mark(true), actuals: { R5: p('導入済') } }), YEAR);
    expect(done).toEqual(expect.objectContaining({ assessable: true, method: 'milestone', grade: 'A' }));
    expect(done.notes).toEqual(['方向は「高いほど良い」ですが、目標が「○」のため、達成・未達で評価しました']);
    const notDone = assessIndicator(indicator('1', 1, { name: '電子申請の導入', direction: 'up', target: p('実施'), actuals: { R5: p('×') } }), YEAR);
    expect(notDone.grade).toBe('D');
    expect(notDone.notes[0]).toContain('目標が「実施」');
  });

  test('可/否, 予算化, 未実施 as the actual of a milestone', () => {
    const ind = (t: string, a: string) => assessIndicator(indicator('1', 1, { name: 'x', direction: 'up', target: p(t), actuals: { R5: p(a) } }), YEAR);
    expect(ind('可', '可').grade).toBe('A');
    expect(ind('可', '否').grade).toBe('D');
    expect(ind('予算化', '予算化済み').grade).toBe('A');
    const un = ind('導入', '未実施');
    expect(un.grade).toBe('D');
    expect(un.notes).toContain('「未実施」を未達（×）と読みました');
    // In progress at year end: not done, but not nothing either — graded by the status table.
    expect(ind('導入', 'システムを構築中である。').grade).toBe('B');
  });
});

describe('a target written in the figure\'s own cell', () => {
  test('「結果／目標 3／4箇所」 with no target column: 3 of 4 → 75% → C, with both readings noted', () => {
    const a = assessIndicator(indicator('1', 1, { name: '公衆無線LAN', actuals: { R5: p('結果／目標 3／4箇所') } }), YEAR);
    expect(a).toEqual(expect.objectContaining({ assessable: true, ratio: 0.75, grade: 'C' }));
    expect(a.notes).toEqual([
      expect.stringMatching(/『結果\/目標 3\/4箇所』から 3箇所 を実績値として読みました$/),
      '同じセルの『結果/目標 3/4箇所』を目標値（4箇所）として比べました',
    ]);
    expect(a.actualText).toBe('3箇所（文章から）（R5）');
  });

  test('「登録者数 9,813人（目標 10,000人）」 → 98.1% → B', () => {
    const a = assessIndicator(indicator('1', 1, { name: 'LINE', actuals: { R5: p('登録者数 9,813人（目標 10,000人）') } }), YEAR);
    expect(a.grade).toBe('B');
    expect(a.ratio).toBeCloseTo(0.9813, 6);
  });

  test('a numeric target column wins; the figure read from the sentence is used against it', () => {
    const a = assessIndicator(indicator('1', 1, { name: '教室', unit: '回', target: num(10, '回'), actuals: { R5: p('市内各地区で教室を実施した。【実績】12回') } }), YEAR);
    expect(a.grade).toBe('A');
    expect(a.ratio).toBeCloseTo(1.2, 9);
    expect(a.notes[0]).toMatch(/『…【実績】12回』から 12回 を実績値として読みました/);
  });
});

describe('plans rated from a progress status (状況の評価)', () => {
  const qual = (id: string, r5: string) => plan({ id, name: `取組${id}`, goal: '1', indicators: [{ name: '', actuals: { R5: p(r5) } }] });

  test('default table 実施済 A, 実施中 B, 検討中 C, 未着手 D; 中止 is not rated', () => {
    expect(DEFAULT_STATUS_GRADES).toEqual({ 実施済: 'A', 実施中: 'B', 検討中: 'C', 未着手: 'D', 中止: '−' });
    const r = aggregate(progressData([
      qual('1', 'AIチャットボットを構築した。'), qual('2', '引き続き運用している。'), qual('3', '導入に向けて検討中'),
      qual('4', '未実施'), qual('5', '国の方針を踏まえ事業を中止した。'),
    ], { settings: { evaluationYear: 2023 } }), { overrides: NO_OVERRIDES });
    const g = (id: string) => r.plans.find((x) => x.id === id)!.period;
    expect(['1', '2', '3', '4', '5'].map((id) => [g(id).grade, g(id).source])).toEqual([
      ['A', '状況'], ['B', '状況'], ['C', '状況'], ['D', '状況'], ['−', null],
    ]);
    const ind1 = r.plans[0].indicators[0].period;
    expect(ind1.status).toEqual({ status: '実施済', cues: ['構築した'] });
    expect(ind1.notes[0]).toMatch(/文章から状況「実施済」と読み（手がかり: 構築した）、状況の評価でAとしました/);
    expect(r.goals[0].period.counts).toEqual({ A: 1, B: 1, C: 1, D: 1, '−': 1 });
  });

  test('the table on 設定 changes the grades', () => {
    const r = aggregate(progressData([qual('1', '導入に向けて検討中')], {
      settings: { evaluationYear: 2023, statusGrades: { 検討中: 'D' } },
    }), { overrides: NO_OVERRIDES });
    expect(r.plans[0].period.grade).toBe('D');
  });

  test('figures come first: a plan with an assessable figure is rated from it, not from a status', () => {
    const pl = plan({ id: '1', name: 'x', goal: '1', indicators: [
      { name: '受講者数', unit: '人', target: num(100, '人'), actuals: { R5: num(100, '人') } },
      { name: '', actuals: { R5: p('未実施') } },
    ] });
    const r = aggregate(progressData([pl], { settings: { evaluationYear: 2023 } }), { overrides: NO_OVERRIDES });
    expect(r.plans[0].period).toEqual(expect.objectContaining({ grade: 'A', source: '実績' }));
  });

  test('a numeric indicator whose figure is missing stays not assessable (a status does not replace a figure)', () => {
    const pl = plan({ id: '1', name: 'x', goal: '1', indicators: [{ name: '申込件数', unit: '件', target: num(30, '件'), actuals: { R5: p('未整備') } }] });
    const r = aggregate(progressData([pl], { settings: { evaluationYear: 2023 } }), { overrides: NO_OVERRIDES });
    expect(r.plans[0].period.grade).toBe('−');
  });

  test('状況の評価 on 設定: read, and a bad value falls back with a 警告 naming the cell', () => {
    expect(parseStatusGrades('実施済=A、実施中=B、検討中=D、未着手=D')).toEqual({ 実施済: 'A', 実施中: 'B', 検討中: 'D', 未着手: 'D' });
    expect(parseStatusGrades('完了→A, 未実施→−')).toEqual({ 実施済: 'A', 未着手: '−' });
    const grid = (v: string) => ({ name: SHEETS.settings, values: [[...SETTINGS_COLUMNS], [SETTING_KEYS.statusGrades, v]] });
    expect(readSettings(grid('検討中=B'), new Date(2025, 5, 1)).settings.statusGrades).toEqual({ 検討中: 'B' });
    const bad = readSettings(grid('よしなに'), new Date(2025, 5, 1));
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0].cell).toBe('B2');
    expect(bad.issues[0].message).toContain('実施済=A');
  });
});

describe('自己評価: the department\'s own grade, in the city\'s scale', () => {
  test('scales: A–D, S–C (S best), A–E, ◎○△×, words', () => {
    expect(['A', 'B', 'C', 'D'].map((t) => gradeOfSelfAssessment(t, 'AD'))).toEqual(['A', 'B', 'C', 'D']);
    expect(selfScaleOf(['S', 'A', 'B'])).toBe('SC');
    expect(['S', 'A', 'B', 'C'].map((t) => gradeOfSelfAssessment(t, 'SC'))).toEqual(['A', 'B', 'C', 'D']);
    expect(selfScaleOf(['A', 'E'])).toBe('AE');
    expect(gradeOfSelfAssessment('E', 'AE')).toBe('D');
    expect(['◎', '○', '△', '×'].map((t) => gradeOfSelfAssessment(t, 'AD'))).toEqual(['A', 'B', 'C', 'D']);
    expect(['達成', '概ね達成', '一部達成', '未達成'].map((t) => gradeOfSelfAssessment(t, 'AD'))).toEqual(['A', 'B', 'C', 'D']);
    expect(['順調', '概ね順調', 'やや遅れ', '遅れ'].map((t) => gradeOfSelfAssessment(t, 'AD'))).toEqual(['A', 'B', 'C', 'D']);
    expect(['達成A', '前進B', '横ばいC', '後退D'].map((t) => gradeOfSelfAssessment(t, 'AD'))).toEqual(['A', 'B', 'C', 'D']);
    expect(gradeOfSelfAssessment('Ｂ', 'AD')).toBe('B');
    expect(gradeOfSelfAssessment('よくわからない', 'AD')).toBeNull();
    expect(gradeOfSelfAssessment('', 'AD')).toBeNull();
  });

  const withSelf = (pl: Plan, marks: Record<string, string>): Plan => ({
    ...pl,
    selfAssessments: Object.entries(marks).map(([fy, text], i) => ({ period: { fiscalYear: Number(fy), kind: 'year' as const }, text, cell: `Z${i + 5}` })),
  });

  test('used as the plan grade when no figure can be assessed, before a status; marked 自己評価 in 集計結果', () => {
    const pl = withSelf(plan({ id: '1', name: 'x', goal: '1', indicators: [{ name: '', actuals: { R5: p('導入に向けて検討中') } }] }), { 2022: '◎', 2023: '○' });
    const r = aggregate(progressData([pl], { settings: { evaluationYear: 2023 } }), { overrides: NO_OVERRIDES });
    expect(r.plans[0].period).toEqual(expect.objectContaining({
      grade: 'B', source: '自己評価', selfAssessment: { text: '○', cell: 'Z6', fiscalYear: 2023 },
    }));
    const t = buildResultsTable(r);
    expect(t.values[1][RESULT_COLUMNS.indexOf('評価の根拠')]).toBe('自己評価（R5: ○）');
    expect(t.values[1][RESULT_COLUMNS.indexOf('プランの評価(計算)')]).toBe('B');
  });

  test('the 自己評価 of another year is not used for the period; the plan so far takes the latest', () => {
    const pl = withSelf(plan({ id: '1', name: 'x', goal: '1', indicators: [{ name: '', actuals: { R4: EMPTY } }] }), { 2022: 'A' });
    const r = aggregate(progressData([pl], { settings: { evaluationYear: 2023 } }), { overrides: NO_OVERRIDES });
    expect(r.plans[0].period.grade).toBe('−');
    expect(r.plans[0].sofar).toEqual(expect.objectContaining({ grade: 'A', source: '自己評価' }));
  });

  test('figures come before the 自己評価', () => {
    const pl = withSelf(plan({ id: '1', name: 'x', goal: '1', indicators: [
      { name: '受講者数', unit: '人', target: num(100, '人'), actuals: { R5: num(40, '人') } },
    ] }), { 2023: 'A' });
    const r = aggregate(progressData([pl], { settings: { evaluationYear: 2023 } }), { overrides: NO_OVERRIDES });
    expect(r.plans[0].period).toEqual(expect.objectContaining({ grade: 'D', source: '実績' }));
  });
});

describe('a multi-year 進行管理表 written in sentences, read end to end', () => {
  // Shape of the tables the issue describes: per-year results written as text, a per-year
  // 自己評価 column, no 目標値 column for most plans. No 設定 sheet.
  const { readProgress } = require('../../src/core/reader') as typeof import('../../src/core/reader');
  const progress = {
    name: '進行管理表',
    values: [
      ['No.', '取組', '担当課', '成果指標', '令和5年度 取組実績', '令和5年度 自己評価', '令和6年度 取組実績', '令和6年度 自己評価'],
      ['1', 'スマホ教室', '情報政策課', '開催回数', '教室を実施した。【実績】10回（目標 12回）', 'B', '各地区で実施した。【実績】12回（目標 12回）', ''],
      ['2', '公衆無線LAN', '情報政策課', '', '結果／目標 2／4箇所', '', '結果／目標 3／4箇所', ''],
      ['3', '電子申請の拡充', '行政管理課', '', '導入に向けて検討中', 'C', 'システムを構築した。', 'A'],
      ['4', 'AI議事録', '総務課', '', '情報収集を行った。', '', '導入に向けて検討中', ''],
      ['5', 'オープンデータ', '情報政策課', '', '未実施', '', '国の方針により事業を中止した。', ''],
    ],
  };
  const read = readProgress({ 進行管理表: progress }, { today: new Date(2025, 5, 1) });
  const result = aggregate(read.data, { overrides: NO_OVERRIDES });
  const plan = (id: string) => result.plans.find((x) => x.id === id)!;

  test('the latest year is evaluated; nothing is an error; each reading is a 警告 that quotes what was read', () => {
    expect(result.config.evaluationYear).toBe(2024);
    expect(read.layout.selfPeriods?.map((p) => p.period.fiscalYear)).toEqual([2023, 2024]);
    const errors = read.issues.filter((i) => i.severity === 'エラー');
    expect(errors.map((e) => e.message)).toEqual([]);
    const warnings = read.issues.filter((i) => i.severity === '警告').map((i) => i.message);
    expect(warnings).toContainEqual(expect.stringMatching(/^「進行管理表」シートのG2: 『…【実績】12回』から 12回 を令和6年度実績として読みました（同じセルの『…目標 12回』は目標値として参考にします）。/));
    expect(warnings.some((w) => w.includes('成果指標が空欄'))).toBe(false); // plans reported in words need no indicator name
    expect(warnings).toContainEqual(expect.stringMatching(/G4: 『システムを構築した。』から令和6年度実績の状況を「実施済」と読みました（手がかりの語: 構築した）/));
  });

  test('every plan rated, each grade with its source: figures, 自己評価, status', () => {
    expect(['1', '2', '3', '4', '5'].map((id) => [plan(id).period.grade, plan(id).period.source])).toEqual([
      ['A', '実績'], // 12 of 12 (target in the cell)
      ['C', '実績'], // 3 of 4
      ['A', '自己評価'], // 自己評価 A for R6 comes before the status
      ['C', '状況'], // 検討中
      ['−', null], // 中止
    ]);
    const t = buildResultsTable(result);
    const src = t.values.slice(1).map((r) => r[RESULT_COLUMNS.indexOf('評価の根拠')]);
    expect(src).toEqual(['実績', '実績', '自己評価（R6: A）', '状況', '']);
  });
});

describe('the report says which grades came from figures, 自己評価 or status', () => {
  const { buildReport } = require('../../src/core/report') as typeof import('../../src/core/report');
  const words = plan({ id: '1', name: '電子申請の拡充', goal: '1', indicators: [{ name: '', actuals: { R5: p('導入に向けて検討中') } }] });
  const self: Plan = {
    ...plan({ id: '2', name: 'AI議事録', goal: '1', indicators: [{ name: '', actuals: { R5: p('情報収集を行った。') } }] }),
    selfAssessments: [{ period: { fiscalYear: 2023, kind: 'year' }, text: '○', cell: 'H3' }],
  };
  const figures = plan({ id: '3', name: '教室', goal: '1', indicators: [{ name: '受講者数', unit: '人', target: num(100, '人'), actuals: { R5: num(100, '人') } }] });
  const data = progressData([words, self, figures], { settings: { evaluationYear: 2023 }, hierarchy: [{ level: '基本目標', code: '1', name: '行政', text: '', parentCode: '' }] });
  const result = aggregate(data, { overrides: NO_OVERRIDES });
  const model = buildReport(data, result, { now: new Date(2024, 5, 1) });
  const g = model.policies.flatMap((x) => x.goals).find((x) => x.code === '1')!;
  const row = (id: string) => g.plans.find((x) => x.planId === id)!.rows[0];

  test('grade cells: （状況）（自己評価） beside the grade; the status in the 達成率 cell; figures unmarked', () => {
    expect(row('1')[7]).toBe('C\n（状況）');
    expect(row('1')[6]).toBe('状況「検討中」');
    expect(row('2')[7]).toBe('B\n（自己評価）');
    expect(row('3')[7]).toBe('A');
  });

  test('a note under the table for each grade not computed from figures', () => {
    expect(g.notes).toContain('1「電子申請の拡充」は数値で評価できる指標がないため、取組の状況（検討中）により「C」としました。');
    expect(g.notes).toContain('2「AI議事録」は数値で評価できる指標がないため、担当課の自己評価「○」（令和5年度）により「B」としました。');
  });
});
