// 途中年度の評価 (docs/ratings.md §3a): an evaluation year before the target year, judged against
// the final target (default) or against the linear path to it (目標年度までの按分).
// Seed 004: 基準値 R2 (2020), 実績 R4 (2022), 目標 R6 (2024) → expected share 2/4 = 50% at R4.

import { assessIndicator, type AssessContext } from '../../src/core/achievement';
import { aggregate, NO_OVERRIDES, type AggregateResult } from '../../src/core/aggregate';
import { buildTables, RESULT_COLUMNS } from '../../src/core/results-table';
import { cumulativeShare, DEFAULT_THRESHOLDS, interimShare, periodYearsOf } from '../../src/core/rating';
import type { Indicator } from '../../src/core/model';
import { findIndicator, indicator, mark, num, plan, progressData, seed004, seed004Plans } from './fixtures';

const FINAL: AssessContext = { year: 2022, kind: 'year', midShare: 1, thresholds: DEFAULT_THRESHOLDS, scope: 'period' };
const PACED: AssessContext = { ...FINAL, interimRule: 'paced' };

const plans004 = seed004Plans();
const at = (planId: string, n = 1, ctx = PACED) => assessIndicator(findIndicator(plans004, planId, n), ctx);

/** Higher-is-better 0 (R2) → `r4` in R4, target 100 (R6), unless overridden. */
const simple = (actuals: Record<string, ReturnType<typeof num>>, extra: Partial<Parameters<typeof indicator>[2]> = {}): Indicator =>
  indicator('X', 1, {
    name: '件数', unit: '件', baseline: num(0, '件'), baselineYear: 2020, target: num(100, '件'), targetYear: 2024, actuals, ...extra,
  });

describe('expected share (rating helpers)', () => {
  test('linear by year from the baseline year to the target year; none at or outside the ends', () => {
    expect(interimShare(2022, 2020, 2024)).toBe(0.5); // R4 of R2 → R6
    expect(interimShare(2021, 2020, 2024)).toBe(0.25);
    expect(interimShare(2023, 2020, 2024)).toBe(0.75);
    expect(interimShare(2022, 2021, 2024)).toBeCloseTo(1 / 3, 12); // 6-2: baseline 令和3年末
    expect(interimShare(2020, 2020, 2024)).toBeNull(); // the baseline year itself: nothing expected yet
    expect(interimShare(2019, 2020, 2024)).toBeNull();
    expect(interimShare(2024, 2020, 2024)).toBeNull(); // target year reached: the final target
    expect(interimShare(2025, 2020, 2024)).toBeNull();
    expect(interimShare(2022, undefined, 2024)).toBeNull();
    expect(interimShare(2022, 2020, undefined)).toBeNull();
    expect(interimShare(2022, 2024, 2020)).toBeNull(); // years the wrong way round
  });

  test('multi-year totals: years elapsed in the period over its years', () => {
    expect(cumulativeShare(2022, 3, 2020, 2024)).toBeCloseTo(1 / 3, 12); // 3年間合計 R4〜R6, R4 = year 1
    expect(cumulativeShare(2023, 3, 2020, 2024)).toBeCloseTo(2 / 3, 12);
    expect(cumulativeShare(2024, 3, 2020, 2024)).toBeNull();
    expect(cumulativeShare(2021, 3, 2020, 2024)).toBeNull(); // before the period
    expect(cumulativeShare(2022, null, 2020, 2024)).toBe(0.5); // no length written: R3〜R6 (the summed years)
    expect(cumulativeShare(2022, null, undefined, 2024)).toBeNull(); // cannot be derived
    expect(cumulativeShare(2022, 3, undefined, undefined)).toBeNull();
    expect(cumulativeShare(2022, 3, undefined, 2024)).toBeCloseTo(1 / 3, 12); // the length alone is enough
  });

  test('period length as written', () => {
    expect(periodYearsOf('目標支援金額達成者数（3年間合計）')).toBe(3);
    expect(periodYearsOf('延べ利用者数', '５か年累計 100人')).toBe(5);
    expect(periodYearsOf('相談件数（4ヶ年合計）')).toBe(4);
    expect(periodYearsOf('累計登録者数', '100人')).toBeNull();
  });
});

describe('目標年度までの按分: seed 004 at the end of R4 (hand-computed)', () => {
  test('9-8 テレワーク 0人 → 11人, target 50人: progress 22%, expected 50% → 44% → D', () => {
    const a = at('9-8');
    expect(a.ratio).toBeCloseTo(0.22, 12); // still the ratio against the final target
    expect(a.interim).toEqual({ expectedShare: 0.5, fiscalYear: 2022 });
    expect(a.gradeRatio).toBeCloseTo(0.44, 12);
    expect(a.grade).toBe('D');
    expect(at('9-8', 1, FINAL).grade).toBe('D');
  });

  test('9-12 友だち登録者数 2,528人 → 6,473人, target 10,000人: 52.8% ÷ 50% = 105.6% → A (C against the final target)', () => {
    const a = at('9-12');
    expect(a.ratio).toBeCloseTo(3945 / 7472, 12);
    expect(a.gradeRatio).toBeCloseTo(3945 / 3736, 12);
    expect(a.gradeRatio).toBeCloseTo(1.0559, 4);
    expect(a.grade).toBe('A');
    const f = at('9-12', 1, FINAL);
    expect(f.grade).toBe('C');
    expect(f.interim).toBeNull();
    expect(f.gradeRatio).toBe(f.ratio);
  });

  test.each([
    // plan, n, graded ratio (hand), grade with pacing, grade against the final target
    ['4-4', 2, 1, 'A', 'C'], // IP無線機 10 → 15台, target 20: 50% ÷ 50% = exactly 100% → A
    ['9-14', 1, 28 / 26, 'A', 'C'], // 4 → 18件, target 30: 53.8% ÷ 50% = 107.7%
    ['10-1', 1, 40 / 30, 'A', 'C'], // 50% → 70%, target 80%: 66.7% ÷ 50% = 133.3%
    ['7-1', 1, 0.3, 'D', 'D'], // 100 → 103件, target 120: 15% ÷ 50% = 30%
    ['2-2', 1, 10 / 6, 'A', 'B'], // 0 → 5人/年, target 6: 83.3% ÷ 50%
    ['2-5', 1, 0, 'D', 'D'], // no change stays 0
  ] as const)('%s#%d → %d → %s (final: %s)', (planId, n, ratio, grade, finalGrade) => {
    const a = at(planId, n);
    expect(a.gradeRatio).toBeCloseTo(ratio, 10);
    expect(a.grade).toBe(grade);
    expect(at(planId, n, FINAL).grade).toBe(finalGrade);
  });

  test('後退 stays 後退 (D): 2-7 −14.8% and 6-2 (baseline 令和3年末: expected 1/3)', () => {
    const a = at('2-7');
    expect(a.regressed).toBe(true);
    expect(a.ratio).toBeCloseTo(-32 / 216, 12);
    expect(a.interim?.expectedShare).toBe(0.5);
    expect(a.grade).toBe('D');
    const b = at('6-2');
    expect(b.regressed).toBe(true);
    expect(b.interim?.expectedShare).toBeCloseTo(1 / 3, 12);
    expect(b.grade).toBe('D');
  });

  test('no path to pace → judged against the final target: no numeric baseline (9-9), kept level (7-2, 9-1)', () => {
    for (const [id, n] of [['9-9', 1], ['7-2', 1], ['9-1', 1]] as const) {
      const a = at(id, n);
      const f = at(id, n, FINAL);
      expect(a.interim).toBeNull();
      expect(a.gradeRatio).toBe(f.gradeRatio);
      expect(a.grade).toBe(f.grade);
    }
    expect(at('9-9').grade).toBe('A'); // 86 ÷ 80
  });

  test('7-3 クラウドファンディング（3年間合計）1件 of 12件 in R4, the first of R4〜R6: 1 ÷ (12 × 1/3) = 25% → D', () => {
    const a = at('7-3');
    expect(a.method).toBe('cumulative');
    expect(a.ratio).toBeCloseTo(1 / 12, 12);
    expect(a.interim?.expectedShare).toBeCloseTo(1 / 3, 12);
    expect(a.gradeRatio).toBeCloseTo(0.25, 12);
    expect(a.grade).toBe('D');
  });
});

describe('目標年度までの按分: rules', () => {
  test('boundaries at 50% expected: 40 → 80% (B), 25 → 50% (C), 24 → 48% (D), 50 → 100% (A)', () => {
    const g = (v: number) => assessIndicator(simple({ R4: num(v, '件') }), PACED);
    expect(g(40).gradeRatio).toBeCloseTo(0.8, 12);
    expect(g(40).grade).toBe('B');
    expect(g(25).grade).toBe('C');
    expect(g(24).grade).toBe('D');
    expect(g(50).grade).toBe('A');
  });

  test('R3 and R5: expected 25% and 75%', () => {
    const ind = simple({ R3: num(20, '件'), R5: num(60, '件') });
    expect(assessIndicator(ind, { ...PACED, year: 2021 }).gradeRatio).toBeCloseTo(0.8, 12); // 20% ÷ 25%
    expect(assessIndicator(ind, { ...PACED, year: 2023 }).gradeRatio).toBeCloseTo(0.8, 12); // 60% ÷ 75%
  });

  test('target year reached or past → the final target, no pacing', () => {
    const ind = simple({ R4: num(40, '件'), R6: num(60, '件'), R7: num(70, '件') });
    const r6 = assessIndicator(ind, { ...PACED, year: 2024 });
    expect(r6.interim).toBeNull();
    expect(r6.gradeRatio).toBeCloseTo(0.6, 12);
    expect(r6.grade).toBe('C');
    const r7 = assessIndicator(ind, { ...PACED, year: 2025 });
    expect(r7.interim).toBeNull();
    expect(r7.gradeRatio).toBeCloseTo(0.7, 12);
  });

  test('evaluation year equal to the baseline year → no pacing (nothing expected yet)', () => {
    const ind = simple({ R4: num(10, '件') }, { baselineYear: 2022 });
    const a = assessIndicator(ind, PACED);
    expect(a.interim).toBeNull();
    expect(a.gradeRatio).toBeCloseTo(0.1, 12);
  });

  test('no baseline year or no target year → no pacing', () => {
    const noBaseYear = indicator('9-8', 1, {
      name: 'テレワークを利用する職員数', unit: '人', baseline: num(0, '人'), target: num(50, '人'), targetYear: 2024, actuals: { R4: num(11, '人') },
    });
    const noTargetYear = indicator('9-8', 1, {
      name: 'テレワークを利用する職員数', unit: '人', baseline: num(0, '人'), baselineYear: 2020, target: num(50, '人'), actuals: { R4: num(11, '人') },
    });
    for (const ind of [noBaseYear, noTargetYear]) {
      const a = assessIndicator(ind, PACED);
      expect(a.interim).toBeNull();
      expect(a.gradeRatio).toBeCloseTo(0.22, 12);
      expect(a.grade).toBe('D');
    }
  });

  test('no baseline value (actual ÷ target) → no pacing, even with both years', () => {
    const ind = indicator('K-4', 2, {
      name: 'オンライン予約割合', unit: '%', baselineYear: 2020, target: num(60, '%'), targetYear: 2024, actuals: { R4: num(24.41, '%') },
    });
    const a = assessIndicator(ind, PACED);
    expect(a.method).toBe('against-target');
    expect(a.interim).toBeNull();
    expect(a.grade).toBe('D');
  });

  test('range and milestone → no pacing', () => {
    const range = indicator('X', 1, {
      name: '稼働率', unit: '%', direction: 'range', baseline: num(90, '%'), baselineYear: 2020, target: num(95, '%'), targetYear: 2024,
      range: { min: 95, max: 99 }, actuals: { R4: num(76, '%') },
    });
    expect(assessIndicator(range, PACED).interim).toBeNull();
    expect(assessIndicator(range, PACED).grade).toBe('B');
    const ms = indicator('X', 1, { name: '標準化完了', direction: 'milestone', baselineYear: 2020, target: mark(true), targetYear: 2024, actuals: { R4: mark(false) } });
    expect(assessIndicator(ms, PACED).interim).toBeNull();
    expect(assessIndicator(ms, PACED).grade).toBe('D');
  });

  test('lower is better: progress ÷ expected share, 後退 stays D', () => {
    const ind = (v: number) => indicator('9-13', 1, {
      name: '入力作業の時間数', unit: '時間', direction: 'down', baseline: num(875, '時間'), baselineYear: 2020,
      target: num(400, '時間'), targetYear: 2024, actuals: { R4: num(v, '時間') },
    });
    const a = assessIndicator(ind(700), PACED); // (700 − 875) ÷ (400 − 875) = 36.8% ÷ 50% = 73.7% → C
    expect(a.gradeRatio).toBeCloseTo(350 / 475, 12);
    expect(a.grade).toBe('C');
    const w = assessIndicator(ind(900), PACED);
    expect(w.regressed).toBe(true);
    expect(w.grade).toBe('D');
  });

  test('plan so far with an older figure: expected share of the figure\'s year (R4 figure in an R5 evaluation → 50%)', () => {
    const ind = simple({ R4: num(40, '件') });
    const so = assessIndicator(ind, { ...PACED, year: 2023, scope: 'sofar' });
    expect(so.interim).toEqual({ expectedShare: 0.5, fiscalYear: 2022 });
    expect(so.grade).toBe('B');
    // Evaluated after the target year, a stale figure is judged against the final target.
    const late = assessIndicator(ind, { ...PACED, year: 2025, scope: 'sofar' });
    expect(late.interim).toBeNull();
    expect(late.grade).toBe('D');
  });

  test('multi-year total: R4 + R5 = 11 of 30 (3年間合計) at R5: 11 ÷ (30 × 2/3) = 55% → C; at R6 the final total', () => {
    const ind = indicator('7-5', 1, {
      name: '市SNSを活用した開発商品掲載数（3年間合計）', unit: '件', baseline: num(0, '件'), baselineYear: 2020,
      target: num(30, '件'), targetYear: 2024, cumulative: true, actuals: { R4: num(3, '件'), R5: num(8, '件'), R6: num(12, '件') },
    });
    const r5 = assessIndicator(ind, { ...PACED, year: 2023 });
    expect(r5.ratio).toBeCloseTo(11 / 30, 12);
    expect(r5.interim?.expectedShare).toBeCloseTo(2 / 3, 12);
    expect(r5.gradeRatio).toBeCloseTo(0.55, 12);
    expect(r5.grade).toBe('C');
    expect(assessIndicator(ind, { ...FINAL, year: 2023 }).grade).toBe('D'); // 36.7%
    const r6 = assessIndicator(ind, { ...PACED, year: 2024 });
    expect(r6.interim).toBeNull();
    expect(r6.gradeRatio).toBeCloseTo(23 / 30, 12);
  });

  test('multi-year total without a written length: the years after the baseline year; without it either, no pacing', () => {
    const mk = (baselineYear?: number) => indicator('7-5', 1, {
      name: '開発商品掲載数（合計）', unit: '件', baseline: num(0, '件'), baselineYear,
      target: num(30, '件'), targetYear: 2024, cumulative: true, actuals: { R4: num(3, '件') },
    });
    const a = assessIndicator(mk(2020), PACED); // R3〜R6, R4 = 2 of 4 → 3 ÷ 15 = 20%
    expect(a.interim?.expectedShare).toBe(0.5);
    expect(a.gradeRatio).toBeCloseTo(0.2, 12);
    const b = assessIndicator(mk(undefined), PACED);
    expect(b.interim).toBeNull();
    expect(b.gradeRatio).toBeCloseTo(0.1, 12);
  });

  test('lower-is-better multi-year total is compared with target × share: 3 accidents in year 1 of 6 over 3 years → 2 ÷ 3 = 66.7% → C', () => {
    const ind = (v: number) => indicator('X', 1, {
      name: '重大事故の件数（3年間合計）', unit: '件', direction: 'down', baselineYear: 2020,
      target: num(6, '件'), targetYear: 2024, cumulative: true, actuals: { R4: num(v, '件') },
    });
    const a = assessIndicator(ind(3), PACED);
    expect(a.gradeRatio).toBeCloseTo(2 / 3, 12);
    expect(a.grade).toBe('C');
    expect(assessIndicator(ind(3), FINAL).grade).toBe('A'); // 6 ÷ 3 = 200% against the whole total
    expect(assessIndicator(ind(1), PACED).grade).toBe('A');
  });
});

describe('目標年度までの按分 with a mid-year (中間) evaluation', () => {
  const MID: AssessContext = { year: 2022, kind: 'mid', midShare: 0.5, thresholds: DEFAULT_THRESHOLDS, scope: 'period', interimRule: 'paced' };

  test('accumulating: 345 by 9/30 → year end 690 → (690 − 554) ÷ 146 = 93.2% ÷ 50% = 186.3% → 達成見込み, A', () => {
    const ind = indicator('2-9', 1, {
      name: '年間のオンライン申請件数', unit: '件/年', accumulates: true, baseline: num(554, '件/年'), baselineYear: 2020,
      target: num(700, '件/年'), targetYear: 2024, actuals: { R4中間: num(345, '件') },
    });
    const a = assessIndicator(ind, MID);
    expect(a.ratio).toBeCloseTo(345 / 700, 12); // raw, against the annual target
    expect(a.mid?.projectedValue).toBe(690);
    expect(a.interim?.expectedShare).toBe(0.5);
    expect(a.gradeRatio).toBeCloseTo(136 / 73, 12);
    expect(a.mid?.outlook).toBe('達成見込み');
    expect(a.grade).toBe('A');
    const f = assessIndicator(ind, { ...MID, interimRule: 'final' });
    expect(f.mid?.outlook).toBe('概ね達成見込み');
    expect(f.grade).toBe('B');
  });

  test('level: 9-6 電子決裁率 30% at mid vs 0% → 80%: 37.5% ÷ 50% = 75% → C (final: D)', () => {
    const ind = indicator('9-6', 1, {
      name: '電子決裁率', unit: '%', baseline: num(0, '%'), baselineYear: 2020, target: num(80, '%'), targetYear: 2024,
      actuals: { R4中間: num(30, '%') },
    });
    const a = assessIndicator(ind, MID);
    expect(a.ratio).toBeCloseTo(0.375, 12);
    expect(a.gradeRatio).toBeCloseTo(0.75, 12);
    expect(a.mid?.outlook).toBe('達成困難');
    expect(a.grade).toBe('C');
    expect(assessIndicator(ind, { ...MID, interimRule: 'final' }).grade).toBe('D');
  });

  test('projected 後退 stays D', () => {
    const ind = indicator('2-9', 1, {
      name: '年間のオンライン申請件数', unit: '件/年', accumulates: true, baseline: num(554, '件/年'), baselineYear: 2020,
      target: num(700, '件/年'), targetYear: 2024, actuals: { R4中間: num(250, '件') },
    });
    const a = assessIndicator(ind, MID);
    expect(a.regressed).toBe(true);
    expect(a.grade).toBe('D');
    expect(a.mid?.outlook).toBe('達成困難');
  });

  test('multi-year total at mid-year: R4 4件 + R5中間 2件 → year end 8 of 12 (3年間合計), expected 2/3 → 100% → 達成見込み', () => {
    const ind = indicator('7-3', 1, {
      name: '目標支援金額達成者数（3年間合計）', unit: '件', accumulates: true, cumulative: true,
      baseline: num(0, '件'), baselineYear: 2020, target: num(12, '件'), targetYear: 2024,
      actuals: { R4: num(4, '件'), R5中間: num(2, '件') },
    });
    const a = assessIndicator(ind, { ...MID, year: 2023 });
    expect(a.ratio).toBeCloseTo(0.5, 12);
    expect(a.mid?.projectedValue).toBe(8);
    expect(a.interim?.expectedShare).toBeCloseTo(2 / 3, 12);
    expect(a.gradeRatio).toBeCloseTo(1, 12);
    expect(a.grade).toBe('A');
    expect(a.mid?.outlook).toBe('達成見込み');
    expect(assessIndicator(ind, { ...MID, year: 2023, interimRule: 'final' }).grade).toBe('C'); // 8 ÷ 12
  });
});

describe('目標年度までの按分 through 集計 and the 集計結果 sheet', () => {
  const col = (name: (typeof RESULT_COLUMNS)[number]) => RESULT_COLUMNS.indexOf(name);
  const rowsOf = (r: AggregateResult) => {
    const t = buildTables(r).results;
    return (id: string, n = 1) => {
      const rows = t.values.filter((row) => String(row[0]).replace(/^'/, '') === id);
      const row = rows[n - 1];
      return { ratio: String(row[col('達成率')]).replace(/^'/, ''), grade: row[col('指標の評価')] };
    };
  };

  test('default (設定 without the row): every indicator against the final target, nothing paced', () => {
    const r = aggregate(seed004(), { overrides: NO_OVERRIDES });
    expect(r.config.interimRule).toBe('final');
    expect(r.plans.flatMap((p) => p.indicators).every((i) => i.period.interim === null && i.sofar.interim === null)).toBe(true);
    const row = rowsOf(r);
    expect(row('9-8')).toEqual({ ratio: '22.0%', grade: 'D' });
    expect(row('9-12')).toEqual({ ratio: '52.8%', grade: 'C' });
  });

  test('paced: 達成率 shows the ratio against the final target and the expected share; grades from the paced ratio', () => {
    const r = aggregate(seed004({ interimRule: 'paced' }), { overrides: NO_OVERRIDES });
    expect(r.issues).toEqual([]);
    expect(r.config.interimRule).toBe('paced');
    const row = rowsOf(r);
    expect(row('9-8')).toEqual({ ratio: '22.0%（目安50.0%）', grade: 'D' });
    expect(row('9-12')).toEqual({ ratio: '52.8%（目安50.0%）', grade: 'A' });
    expect(row('2-7')).toEqual({ ratio: '−14.8%（目安50.0%・後退）', grade: 'D' });
    expect(row('6-2')).toEqual({ ratio: '−50.0%（目安33.3%・後退）', grade: 'D' });
    expect(row('7-3')).toEqual({ ratio: '8.3%（目安33.3%）', grade: 'D' });
    expect(row('9-9')).toEqual({ ratio: '107.5%', grade: 'A' }); // not paced: no numeric baseline
    expect(row('7-2', 1)).toEqual({ ratio: '130.0%', grade: 'A' }); // not paced: kept level
  });

  test('paced plan and goal ratings (seed 004, R4)', () => {
    const r = aggregate(seed004({ interimRule: 'paced' }), { overrides: NO_OVERRIDES });
    const p = (id: string) => r.plans.find((x) => x.id === id)!;
    expect(p('4-4').period.score).toBeCloseTo(0.5, 12); // mean(0%, 100%)
    expect(p('4-4').period.grade).toBe('C');
    expect(p('10-1').period.grade).toBe('A'); // mean(133.3% → 100%, 288% → 100%)
    expect(p('9-8').period.score).toBeCloseTo(0.44, 12);
    const g = (code: string) => r.goals.find((x) => x.code === code)!;
    expect(g('10').period.rating).toBe('良好'); // A 3 of 3 (final: 概ね良好)
    expect(g('9').period.counts).toEqual({ A: 6, B: 0, C: 0, D: 7, '−': 2 });
    expect(g('9').period.rating).toBe('良好ではない'); // 6 ÷ 13 = 46.2%
  });

  test('mid-year accumulating row shows the within-year share and the paced share', () => {
    const data = progressData([plan({ id: '2-9', name: '公共施設予約システムの充実', goal: '2', indicators: [{
      name: '年間のオンライン申請件数', unit: '件', accumulates: true, baseline: num(554, '件'), baselineYear: 2020,
      target: num(700, '件'), targetYear: 2024, actuals: { R4中間: num(345, '件') },
    }] })], { settings: { evaluationYear: 2022, evaluationKind: 'mid', midAsOf: '2022-09-30', interimRule: 'paced' } });
    const row = rowsOf(aggregate(data, { overrides: NO_OVERRIDES }))('2-9');
    expect(row).toEqual({ ratio: '49.3%（目安50.0%・按分目安50.0%）', grade: 'A' });
  });
});
