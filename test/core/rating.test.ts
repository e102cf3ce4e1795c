import {
  DEFAULT_GOAL_RULE, DEFAULT_THRESHOLDS, expectedShare, goalRatingOf, gradeOf, normalizeGoalRating, normalizeGrade,
  outlookOf, planGradeOf, resolveRatingConfig, type GoalCounts,
} from '../../src/core/rating';
import { settings } from './fixtures';

describe('grades from thresholds (defaults A ≥100%, B ≥80%, C ≥50%)', () => {
  test.each([
    [1.5, 'A'], [1, 'A'], [0.9999, 'B'], [0.8, 'B'], [0.7999, 'C'], [0.5, 'C'], [0.4999, 'D'], [0, 'D'], [-0.2, 'D'],
  ] as const)('%d → %s', (ratio, grade) => {
    expect(gradeOf(ratio, DEFAULT_THRESHOLDS)).toBe(grade);
  });

  test('floating point noise at a boundary does not drop a grade: (0.7−0.1)/(0.85−0.1) = 0.8', () => {
    const r = (0.7 - 0.1) / (0.85 - 0.1);
    expect(r).not.toBe(0.8); // 0.7999999999999999 in IEEE doubles
    expect(gradeOf(r, DEFAULT_THRESHOLDS)).toBe('B');
  });

  test('後退 is always D, whatever the ratio', () => {
    expect(gradeOf(0.9, DEFAULT_THRESHOLDS, true)).toBe('D');
  });

  test('custom thresholds', () => {
    expect(gradeOf(0.9, { a: 90, b: 70, c: 40 })).toBe('A');
    expect(gradeOf(0.39, { a: 90, b: 70, c: 40 })).toBe('D');
  });

  test('outlook: ≥A → 達成見込み, ≥B → 概ね達成見込み, else 達成困難', () => {
    expect(outlookOf(1.01, DEFAULT_THRESHOLDS)).toBe('達成見込み');
    expect(outlookOf(0.8, DEFAULT_THRESHOLDS)).toBe('概ね達成見込み');
    expect(outlookOf(0.79, DEFAULT_THRESHOLDS)).toBe('達成困難');
    expect(outlookOf(1.2, DEFAULT_THRESHOLDS, true)).toBe('達成困難');
  });
});

describe('expected share at the mid-year as-of date (linear by month from April 1)', () => {
  test.each([
    ['2025-09-30', 0.5],
    ['2025-12-31', 0.75],
    ['2026-03-31', 1],
    ['2025-04-30', 1 / 12],
    ['2025-10-15', (6 + 15 / 31) / 12],
    ['2025/9/30', 0.5],
  ])('%s → %d', (asOf, share) => {
    expect(expectedShare(asOf, 2025)).toBeCloseTo(share, 12);
  });
  test('outside the fiscal year or not a date → null', () => {
    expect(expectedShare('2025-03-31', 2025)).toBeNull();
    expect(expectedShare('2026-04-01', 2025)).toBeNull();
    expect(expectedShare('2025-02-30', 2024)).toBeNull();
    expect(expectedShare('9月末', 2025)).toBeNull();
  });
});

describe('plan grade from its indicators', () => {
  const t = DEFAULT_THRESHOLDS;
  const ind = (ratio: number, regressed = false) => ({ ratio, regressed, grade: gradeOf(ratio, t, regressed) });

  test('mean of capped achievement: 7-1 15% and 783.6% (capped 100%) → 57.5% → C', () => {
    const r = planGradeOf([ind(3 / 20), ind(1538993 / 196402)], 'mean', t);
    expect(r.score).toBeCloseTo(0.575, 6);
    expect(r.grade).toBe('C');
  });
  test('worst-of: the same plan → D', () => {
    expect(planGradeOf([ind(3 / 20), ind(1538993 / 196402)], 'worst', t).grade).toBe('D');
  });
  test('後退 counts 0 in the mean, not its negative ratio', () => {
    const r = planGradeOf([ind(1), ind(-0.5, true)], 'mean', t);
    expect(r.score).toBe(0.5);
    expect(r.grade).toBe('C');
  });
  test('10-1: 66.7% and 144% (capped) → 83.3% → B', () => {
    expect(planGradeOf([ind(20 / 30), ind(72 / 50)], 'mean', t).grade).toBe('B');
  });
  test('no assessable indicator → −', () => {
    expect(planGradeOf([], 'mean', t)).toEqual({ grade: '−', score: null });
  });
});

describe('goal rating (default: A・B share ≥80% 良好, ≥50% 概ね良好)', () => {
  const c = (A: number, B: number, C: number, D: number, none = 0): GoalCounts => ({ A, B, C, D, '−': none });
  test.each([
    [c(4, 0, 1, 0), '良好'], // 80% exactly
    [c(3, 1, 0, 0, 5), '良好'], // − are left out: 4/4
    [c(3, 0, 1, 1), '概ね良好'], // 60%
    [c(1, 1, 1, 1), '概ね良好'], // 50% exactly
    [c(3, 1, 4, 0, 1), '概ね良好'], // 50%: seed 004 goal 2
    [c(1, 0, 2, 0), '良好ではない'], // 33%
    [c(4, 0, 2, 7, 2), '良好ではない'], // 30.8%: seed 004 goal 9
    [c(0, 0, 0, 0, 3), '評価不能'],
    [c(0, 0, 0, 0, 0), '評価不能'],
  ] as const)('%j → %s', (counts, rating) => {
    expect(goalRatingOf(counts, DEFAULT_GOAL_RULE).rating).toBe(rating);
  });
  test('79/100 is not 良好 (no rounding up)', () => {
    expect(goalRatingOf(c(79, 0, 21, 0), DEFAULT_GOAL_RULE).rating).toBe('概ね良好');
    expect(goalRatingOf(c(49, 0, 51, 0), DEFAULT_GOAL_RULE).rating).toBe('良好ではない');
  });
  test('configurable rule', () => {
    expect(goalRatingOf(c(2, 0, 1, 0), { goodShare: 60, fairShare: 30 }).rating).toBe('良好');
  });
});

describe('settings resolution', () => {
  test('defaults pass through; year-end has share 1', () => {
    const { config, issues } = resolveRatingConfig(settings(), 2022);
    expect(issues).toEqual([]);
    expect(config.thresholds).toEqual({ a: 100, b: 80, c: 50 });
    expect(config.goalRule).toEqual({ goodShare: 80, fairShare: 50 });
    expect(config.planRule).toBe('mean');
    expect(config.midShare).toBe(1);
  });
  test('mid-year with empty as-of date → 9/30 → 50%', () => {
    const { config } = resolveRatingConfig(settings({ evaluationYear: 2025, evaluationKind: 'mid', midAsOf: '' }), 2022);
    expect(config.midAsOf).toBe('2025-09-30');
    expect(config.midShare).toBe(0.5);
  });
  test('mid-year as-of date outside the year → 9/30 with a warning on 設定', () => {
    const { config, issues } = resolveRatingConfig(settings({ evaluationYear: 2025, evaluationKind: 'mid', midAsOf: '2024-09-30' }), 2022);
    expect(config.midShare).toBe(0.5);
    expect(issues).toHaveLength(1);
    expect(issues[0].sheet).toBe('設定');
    expect(issues[0].message).toContain('中間の基準日');
  });
  test('percent cells read back as fractions (0.8) are understood as 80%', () => {
    const { config, issues } = resolveRatingConfig(settings({ thresholds: { a: 1, b: 0.8, c: 0.5 }, goalRule: { goodShare: 0.8, fairShare: 0.5 } }), 2022);
    expect(issues).toEqual([]);
    expect(config.thresholds).toEqual({ a: 100, b: 80, c: 50 });
    expect(config.goalRule).toEqual({ goodShare: 80, fairShare: 50 });
  });
  test('inconsistent thresholds fall back to defaults with an issue', () => {
    const { config, issues } = resolveRatingConfig(settings({ thresholds: { a: 50, b: 80, c: 10 } }), 2022);
    expect(config.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(issues[0].message).toContain('評価A');
  });
  test('missing evaluation year → latest year with actuals, with an error', () => {
    const { config, issues } = resolveRatingConfig(settings({ evaluationYear: NaN }), 2022);
    expect(config.evaluationYear).toBe(2022);
    expect(issues[0].severity).toBe('エラー');
  });
  test('interimRule: final unless paced is set', () => {
    expect(resolveRatingConfig(settings(), 2022).config.interimRule).toBe('final');
    expect(resolveRatingConfig(settings({ interimRule: 'paced' }), 2022).config.interimRule).toBe('paced');
    expect(resolveRatingConfig(settings({ interimRule: 'final' }), 2022).config.interimRule).toBe('final');
  });
  test('planRule from settings, overridable by option', () => {
    expect(resolveRatingConfig(settings({ planRule: 'worst' }), 2022).config.planRule).toBe('worst');
    expect(resolveRatingConfig(settings({ planRule: 'worst' }), 2022, 'mean').config.planRule).toBe('mean');
  });
});

describe('normalising typed overrides', () => {
  test.each([['A', 'A'], ['ａ', 'A'], [' b ', 'B'], ['-', '−'], ['ー', '−'], ['−', '−'], ['E', null], ['良好', null]])('%s → %s', (s, g) => {
    expect(normalizeGrade(s)).toBe(g);
  });
  test.each([['良好', '良好'], ['おおむね良好', '概ね良好'], ['良好 ではない', '良好ではない'], ['A', null]])('%s → %s', (s, g) => {
    expect(normalizeGoalRating(s)).toBe(g);
  });
});
