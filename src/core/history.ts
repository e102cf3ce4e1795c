// History across years: with several years on the progress sheet (and 確定値 snapshots), the
// grade distribution of each year, and each indicator's series of actuals. A confirmed year is
// shown as confirmed (from 確定値 / 確定値（基本目標）); another year is rated again from today's
// inputs with the same rules, and says so.
import { NO_OVERRIDES, aggregate, type AggregateResult, type UnifiedPlanInput } from './aggregate';
import type { Grid, ProgressData } from './model';
import { GOAL_RATINGS, GRADES } from './rating';
import { escapeCell } from './cells';
import { warekiLabel } from './periods';
import { periodConfirmLabel, readSnapshot } from './confirm';

export const SHEET_YEARS = '年度別評価';

export const YEAR_COLUMNS = ['年度', '根拠', ...GRADES, ...GOAL_RATINGS] as const;

export interface YearRow {
  fiscalYear: number;
  /** 確定値 (a confirmed year) or 再計算 (rated from the current inputs). */
  source: '確定値' | '再計算';
  grades: Record<string, number>;
  ratings: Record<string, number>;
}

/** Years with a year-end actual typed for at least one indicator, ascending. */
export function yearsWithFigures(data: ProgressData): number[] {
  const years = new Set<number>();
  for (const p of data.plans) for (const i of p.indicators) for (const a of i.actuals) {
    if (a.period.kind === 'year' && a.value.kind !== 'empty') years.add(a.period.fiscalYear);
  }
  return [...years].sort((a, b) => a - b);
}

function countGrades(result: AggregateResult): Counts {
  const grades: Record<string, number> = Object.fromEntries(GRADES.map((g) => [g, 0]));
  for (const p of result.plans) if (p.counted) grades[p.period.grade]++;
  const ratings: Record<string, number> = Object.fromEntries(GOAL_RATINGS.map((r) => [r, 0]));
  for (const g of result.goals) ratings[g.period.rating]++;
  return { grades, ratings };
}

type Counts = { grades: Record<string, number>; ratings: Record<string, number> };

/** The confirmed distribution of a year-end period from the 確定値 sheets; null when not confirmed. */
function confirmedCounts(plans: Grid | undefined, goals: Grid | undefined, fy: number): Counts | null {
  const label = periodConfirmLabel(fy, 'year');
  const planRows = readSnapshot(plans, label);
  const goalRows = readSnapshot(goals, label);
  if (planRows.length === 0 || goalRows.length === 0) return null;
  const grades: Record<string, number> = Object.fromEntries(GRADES.map((x) => [x, 0]));
  const seen = new Set<string>();
  for (const { values: r } of planRows) {
    const id = r['プランID'] ?? '';
    if (!id || seen.has(id)) continue;
    seen.add(id);
    // Members of a unified plan are counted in it, as 集計 does.
    const merged = r['統合先'] ?? '';
    if (merged && !merged.startsWith('統合前')) continue;
    if ((r['採用評価'] ?? '') in grades) grades[r['採用評価']]++;
  }
  const ratings: Record<string, number> = Object.fromEntries(GOAL_RATINGS.map((x) => [x, 0]));
  for (const { values: r } of goalRows) if ((r['採用評価'] ?? '') in ratings) ratings[r['採用評価']]++;
  return { grades, ratings };
}

/**
 * One row per year with figures: the confirmed distribution when the year was confirmed, else
 * the year rated again (year-end) from the current inputs and unified plans.
 */
export function yearHistory(
  data: ProgressData, unified: UnifiedPlanInput[], confirmedPlans?: Grid, confirmedGoals?: Grid,
): YearRow[] {
  return yearsWithFigures(data).map((fy) => {
    const confirmed = confirmedCounts(confirmedPlans, confirmedGoals, fy);
    if (confirmed) return { fiscalYear: fy, source: '確定値' as const, ...confirmed };
    const settings = { ...data.settings, evaluationYear: fy, evaluationKind: 'year' as const };
    const result = aggregate({ ...data, settings }, { overrides: NO_OVERRIDES, unified });
    return { fiscalYear: fy, source: '再計算' as const, ...countGrades(result) };
  });
}

export function yearRows(rows: YearRow[]): (string | number)[][] {
  return [
    [...YEAR_COLUMNS],
    ...rows.map((y) => [
      escapeCell(warekiLabel(y.fiscalYear)), y.source === '確定値' ? '確定値' : '現在の入力から再計算',
      ...GRADES.map((g) => y.grades[g] ?? 0), ...GOAL_RATINGS.map((r) => y.ratings[r] ?? 0),
    ]),
  ];
}


/** The year before the evaluated one, per plan and goal: the 総括 says what changed since then. */
export interface PreviousYear {
  fiscalYear: number;
  source: '確定値' | '再計算';
  /** Adopted grade per counted plan ID. */
  plans: Map<string, string>;
  /** Adopted rating per goal code. */
  goals: Map<string, string>;
}

/**
 * The previous year's year-end grades when the sheet holds that year's figures: confirmed ones
 * from 確定値 when the year was confirmed, else rated again from today's inputs (as yearHistory).
 * Undefined for a mid-year evaluation (a mid-year outlook is not compared with a year-end) or
 * when the previous year has no figures.
 */
export function previousYear(
  data: ProgressData, fy: number, kind: 'year' | 'mid', unified: UnifiedPlanInput[], confirmedPlans?: Grid, confirmedGoals?: Grid,
): PreviousYear | undefined {
  const prev = fy - 1;
  if (kind !== 'year' || !yearsWithFigures(data).includes(prev)) return undefined;
  const label = periodConfirmLabel(prev, 'year');
  const planRows = readSnapshot(confirmedPlans, label);
  const goalRows = readSnapshot(confirmedGoals, label);
  if (planRows.length && goalRows.length) {
    const plans = new Map<string, string>();
    for (const { values: r } of planRows) {
      const id = r['プランID'] ?? '';
      const merged = r['統合先'] ?? '';
      if (!id || plans.has(id) || (merged && !merged.startsWith('統合前'))) continue;
      plans.set(id, r['採用評価'] ?? '');
    }
    const goals = new Map<string, string>();
    for (const { values: r } of goalRows) if (r['コード']) goals.set(r['コード'], r['採用評価'] ?? '');
    return { fiscalYear: prev, source: '確定値', plans, goals };
  }
  const settings = { ...data.settings, evaluationYear: prev, evaluationKind: 'year' as const };
  const result = aggregate({ ...data, settings }, { overrides: NO_OVERRIDES, unified });
  return {
    fiscalYear: prev,
    source: '再計算',
    plans: new Map(result.plans.filter((p) => p.counted).map((p) => [p.id, p.period.grade])),
    goals: new Map(result.goals.map((g) => [g.code, g.period.rating])),
  };
}
