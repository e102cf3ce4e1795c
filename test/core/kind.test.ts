// 積み上げ / 水準 inferred from an indicator's name and unit (src/core/kind.ts), measured on real
// names (test/fixtures/kind-labels.ts), shown in 集計結果, and used by the mid-year rule.

import { inferKind } from '../../src/core/kind';
import { readProgress } from '../../src/core/reader';
import { aggregate, NO_OVERRIDES } from '../../src/core/aggregate';
import { buildResultsTable, RESULT_COLUMNS } from '../../src/core/results-table';
import { SETTINGS_COLUMNS, SETTING_KEYS, SHEETS } from '../../src/core/schema';
import { evaluateKinds } from '../../src/local/eval-kind';
import { KIND_LABELS, SOURCES } from '../fixtures/kind-labels';

const kind = (name: string, unit = '', cumulative = false) => (inferKind(name, unit, cumulative).accumulates ? 'flow' : 'level');

describe('the rule, one step at a time (docs/ratings.md §3)', () => {
  test('rates, shares, satisfaction and per-unit figures are levels whatever else the name says', () => {
    expect(kind('電子申請の利用率', '%')).toBe('level');
    expect(kind('インターネット利用時に守るべきルールを身に付けている児童の割合', '%')).toBe('level');
    expect(kind('窓口サービスの満足度', 'ポイント')).toBe('level');
    expect(kind('1校当たりの無線LAN教室数', '教室')).toBe('level');
    expect(kind('オンライン申請件数', '%')).toBe('level'); // the unit % wins over 申請
  });

  test('per-year units and new / yearly / 延べ wording accumulate', () => {
    expect(kind('緊急通報システム貸与件数', '件/年')).toBe('flow');
    expect(kind('研修', '人/年度')).toBe('flow');
    expect(kind('新規登録者数', '人')).toBe('flow'); // new registrations this year, not members to date
    expect(kind('年間開館日数', '日')).toBe('flow');
    expect(kind('延べ利用者数', '人')).toBe('flow');
  });

  test('registrations to date, installed and published totals are levels', () => {
    expect(kind('友だち登録者数', '人')).toBe('level');
    expect(kind('メールマガジン会員数', '人')).toBe('level');
    expect(kind('公衆無線LANの設置箇所数', '箇所')).toBe('level');
    expect(kind('RPAを導入した業務数', '件')).toBe('level');
    expect(kind('オープンデータを公開した件数', '件')).toBe('level');
    expect(kind('サテライトオフィス設置', '箇所', true)).toBe('level'); // 4箇所（累計）: installed to date
  });

  test('multi-year totals and counts of events, uses, accesses, participants, hours accumulate', () => {
    expect(kind('目標支援金額達成者数（3年間合計）', '件', true)).toBe('flow');
    expect(kind('ホームページのアクセス件数', '件')).toBe('flow');
    expect(kind('スマホ教室の受講者数', '人')).toBe('flow');
    expect(kind('出前講座の開催件数', '件')).toBe('flow');
    expect(kind('会議の回数', '')).toBe('flow');
    expect(kind('会議室の利用時間', '時間')).toBe('flow');
    expect(kind('情報漏えい事故の発生件数', '件')).toBe('flow');
    expect(kind('動画の配信', '回')).toBe('flow'); // the unit 回 alone
  });

  test('without any cue a count is a level, and the cue says so', () => {
    const g = inferKind('地図情報の件数', '件');
    expect(g.accumulates).toBe(false);
    expect(g.cue).toBe('該当する語なし');
  });

  test('the cue names the words that decided', () => {
    expect(inferKind('オンライン申請件数', '件').cue).toBe('「申請」');
    expect(inferKind('申込件数', '件/年').cue).toBe('単位「件/年」');
    expect(inferKind('電子決裁率', '%').cue).toBe('単位「%」');
  });
});

describe('measured on real indicator names (npm run eval:kind)', () => {
  const s = evaluateKinds();

  test('at least 150 labelled names from at least 10 cited sources, both kinds well represented', () => {
    expect(KIND_LABELS.length).toBeGreaterThanOrEqual(150);
    const sources = new Set(KIND_LABELS.map((x) => x.source));
    expect(sources.size).toBeGreaterThanOrEqual(10);
    for (const k of sources) expect(SOURCES[k]).toMatch(/^(https?:\/\/|第5次|恵那市)/);
    expect(s.byLabel.flow.total).toBeGreaterThanOrEqual(60);
    expect(s.byLabel.level.total).toBeGreaterThanOrEqual(60);
    expect(new Set(KIND_LABELS.map((x) => `${x.name}|${x.unit}`)).size).toBe(KIND_LABELS.length);
  });

  test('floor: accuracy ≥ 93%, each kind ≥ 90% right (measured 146/151 when written)', () => {
    expect(s.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(s.byLabel.flow.correct / s.byLabel.flow.total).toBeGreaterThanOrEqual(0.9);
    expect(s.byLabel.level.correct / s.byLabel.level.total).toBeGreaterThanOrEqual(0.9);
    expect(s.errors.length).toBe(s.total - s.correct);
  });
});

describe('shown in 集計結果 and used by the mid-year rule', () => {
  const progress = {
    name: SHEETS.progress,
    values: [
      ['プランID', '基本目標', 'プラン名', '主担当課', '成果指標', '単位', '中間の見方', '基準値', '目標値', 'R7中間'],
      ['1-1', '1', 'スマホ教室', '情報政策課', 'スマホ教室の受講者数', '人', '', '0人', '400人', '210人'],
      ['1-2', '1', 'LINE', '広報課', '友だち登録者数', '人', '', '0人', '10,000人', '6,000人'],
      ['1-3', '1', '会議', '総務課', '会議の開催回数', '回', '水準', '0回', '10回', '5回'],
    ],
  };
  const settings = { name: SHEETS.settings, values: [[...SETTINGS_COLUMNS], [SETTING_KEYS.evaluationYear, '令和7年度'], [SETTING_KEYS.evaluationKind, '中間']] };
  const read = readProgress({ [SHEETS.progress]: progress, [SHEETS.settings]: settings }, { today: new Date(2025, 10, 1) });
  const result = aggregate(read.data, { overrides: NO_OVERRIDES });
  const table = buildResultsTable(result);
  const col = (name: (typeof RESULT_COLUMNS)[number]) => RESULT_COLUMNS.indexOf(name);
  const rowOf = (id: string) => table.values.find((r) => String(r[0]).replace(/^'/, '') === id) as string[];

  test('inferred kinds say （推定） with the words that decided; a typed kind is shown as typed', () => {
    expect(rowOf('1-1')[col('中間の見方')]).toBe('積み上げ（推定: 「教室」）');
    expect(rowOf('1-2')[col('中間の見方')]).toBe('水準（推定: 「友だち」）');
    expect(rowOf('1-3')[col('中間の見方')]).toBe('水準');
  });

  test('an accumulating count is judged against the pace at the base date (9/30: 50%), a level against the target', () => {
    const p11 = result.plans.find((p) => p.id === '1-1')!;
    // 210 of 400 at 9/30: on pace for 420 at year end → A, not 52.5% of the target.
    expect(p11.indicators[0].period.mid?.accumulates).toBe(true);
    expect(p11.indicators[0].period.grade).toBe('A');
    expect(rowOf('1-1')[col('達成率')]).toBe("'52.5%（目安50.0%）");
    const p12 = result.plans.find((p) => p.id === '1-2')!;
    expect(p12.indicators[0].period.mid?.accumulates).toBe(false);
    expect(p12.indicators[0].period.grade).toBe('C'); // 60% of the target, not paced: a level
    // Typed 水準 overrides the rule: 5 of 10 meetings compared with 10 → C.
    expect(result.plans.find((p) => p.id === '1-3')!.indicators[0].period.grade).toBe('C');
  });
});
