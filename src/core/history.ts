// History across years: with several years on the progress sheet (and 確定値 snapshots), the
// grade distribution of each year, and each indicator's series of actuals. A confirmed year is
// shown as confirmed (from 確定値 / 確定値（基本目標）); another year is rated again from today's
// inputs with the same rules, and says so.
import { NO_OVERRIDES, aggregate, type AggregateResult, type UnifiedPlanInput } from './aggregate';
import type { Grid, Indicator, ProgressData } from './model';
import { GOAL_RATINGS, GRADES } from './rating';
import { escapeCell, gridCellText } from './cells';
import { shortLabel, warekiLabel } from './periods';

export const SHEET_YEARS = '年度別評価';

/** The name a confirmed period goes by on 確定値: 令和7年度（年度末）, 令和7年度（中間）. */
export function periodConfirmLabel(fiscalYear: number, kind: 'year' | 'mid'): string {
  return `${warekiLabel(fiscalYear)}${kind === 'mid' ? '（中間）' : '（年度末）'}`;
}
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

/** The confirmed distribution of a year-end period from the 確定値 sheets; null when not confirmed. */
type Counts = { grades: Record<string, number>; ratings: Record<string, number> };

function confirmedCounts(plans: Grid | undefined, goals: Grid | undefined, fy: number): Counts | null {
  const label = periodConfirmLabel(fy, 'year');
  const rows = (grid: Grid | undefined) => {
    if (!grid || grid.values.length < 2) return null;
    const header = grid.values[0].map((h) => String(h).trim());
    const ix = (n: string) => header.indexOf(n);
    const [cp, ca] = [ix('確定期間'), ix('確定日時')];
    if (cp < 0 || ca < 0) return null;
    const mine = grid.values.map((_, r) => r).filter((r) => r > 0 && gridCellText(grid, r, cp) === label);
    if (mine.length === 0) return null;
    // The latest 確定 of the period counts (an earlier one was reopened).
    const latest = mine.reduce((m, r) => (gridCellText(grid, r, ca) > m ? gridCellText(grid, r, ca) : m), '');
    return { grid, ix, rows: mine.filter((r) => gridCellText(grid, r, ca) === latest) };
  };
  const p = rows(plans);
  const g = rows(goals);
  if (!p || !g) return null;
  const grades: Record<string, number> = Object.fromEntries(GRADES.map((x) => [x, 0]));
  const [cid, cgrade, cmerged] = [p.ix('プランID'), p.ix('採用評価'), p.ix('統合先')];
  const seen = new Set<string>();
  for (const r of p.rows) {
    const id = gridCellText(p.grid, r, cid);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    // Members of a unified plan are counted in it, as 集計 does.
    const merged = cmerged >= 0 ? gridCellText(p.grid, r, cmerged) : '';
    if (merged && !merged.startsWith('統合前')) continue;
    const grade = gridCellText(p.grid, r, cgrade);
    if (grade in grades) grades[grade]++;
  }
  const ratings: Record<string, number> = Object.fromEntries(GOAL_RATINGS.map((x) => [x, 0]));
  const crating = g.ix('採用評価');
  for (const r of g.rows) {
    const rating = gridCellText(g.grid, r, crating);
    if (rating in ratings) ratings[rating]++;
  }
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

/** "R4 1,049件 → R5中間 1,100件 → R5 1,200件": every period with a figure, in order. */
export function seriesText(ind: Indicator): string {
  return ind.actuals
    .filter((a) => a.value.kind !== 'empty' && a.value.text.trim())
    .map((a) => `${shortLabel(a.period)} ${a.value.text.trim()}`)
    .join(' → ');
}
