// Grades, mid-year share, plan and goal rules. The rules are stated in docs/ratings.md; keep
// the two in step. Pure and deterministic.

import type { Issue, Settings } from './model';
import { SHEETS, SETTING_KEYS } from './schema';
import type { ProgressStatus } from './narrative';

/** Indicator and plan grade; '−' (U+2212) = cannot be assessed. */
export type Grade = 'A' | 'B' | 'C' | 'D' | '−';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', '−'];

/** Goal rating in words, plus 評価不能 when no plan of the goal can be assessed. */
export type GoalRating = '良好' | '概ね良好' | '良好ではない' | '評価不能';
export const GOAL_RATINGS: readonly GoalRating[] = ['良好', '概ね良好', '良好ではない', '評価不能'];

/** Mid-year projection of the year end. */
export type Outlook = '達成見込み' | '概ね達成見込み' | '達成困難';

export type PlanRule = 'mean' | 'worst';

/**
 * 途中年度の評価. final: an intermediate year is judged against the final target (default).
 * paced: against the share of the way expected by then, linear from the baseline year.
 */
export type InterimRule = 'final' | 'paced';

export interface Thresholds { a: number; b: number; c: number }
export interface GoalRule { goodShare: number; fairShare: number }

/** Defaults, in percent (docs/ratings.md states the same numbers). */
export const DEFAULT_THRESHOLDS: Thresholds = { a: 100, b: 80, c: 50 };
export const DEFAULT_GOAL_RULE: GoalRule = { goodShare: 80, fairShare: 50 };
export const DEFAULT_PLAN_RULE: PlanRule = 'mean';
export const DEFAULT_INTERIM_RULE: InterimRule = 'final';
/** 状況の評価: the grade of each progress status, for plans rated from words (docs/ratings.md §4a). */
export type StatusGrades = Record<ProgressStatus, Grade>;
export const DEFAULT_STATUS_GRADES: StatusGrades = { 実施済: 'A', 実施中: 'B', 検討中: 'C', 未着手: 'D', 中止: '−' };

/**
 * The achievement ratio a grade stands for when it does not come from figures (status,
 * 自己評価): the lower bound of the grade (A 100%, B the B threshold, C the C threshold, D 0),
 * so that a plan mean over such grades gives the same grade back.
 */
export function nominalRatio(g: Grade, t: Thresholds): number {
  if (g === 'A') return 1;
  if (g === 'B') return t.b / 100;
  if (g === 'C') return t.c / 100;
  return 0;
}

/** Default as-of month/day of mid-year figures (share 6/12 = 50%). */
export const DEFAULT_MID_MONTH_DAY = '09-30';

/** Everything the computation needs from Settings, validated and with defaults filled in. */
export interface RatingConfig {
  evaluationYear: number;
  evaluationKind: 'year' | 'mid';
  /** yyyy-mm-dd actually used. */
  midAsOf: string;
  /** Expected share (0..1] of an annual flow at midAsOf; 1 for a year-end evaluation. */
  midShare: number;
  thresholds: Thresholds;
  goalRule: GoalRule;
  planRule: PlanRule;
  /** 途中年度の評価 (docs/ratings.md §3a). */
  interimRule: InterimRule;
  /** 状況の評価 (docs/ratings.md §4a). */
  statusGrades: StatusGrades;
}

// Ratios are rounded before comparing with thresholds, so that 0.8 computed as
// 0.7999999999 still reaches B.
function roundRatio(r: number): number {
  return Math.round(r * 1e6) / 1e6;
}

/** Grade of an achievement ratio (1 = 100%). A regression (後退) is always D. */
export function gradeOf(ratio: number, t: Thresholds, regressed = false): Grade {
  if (regressed) return 'D';
  const p = roundRatio(ratio) * 100;
  if (p >= t.a - 1e-9) return 'A';
  if (p >= t.b - 1e-9) return 'B';
  if (p >= t.c - 1e-9) return 'C';
  return 'D';
}

/** Year-end outlook from a projected achievement ratio: ≥ A → 達成見込み, ≥ B → 概ね達成見込み. */
export function outlookOf(projectedRatio: number, t: Thresholds, regressed = false): Outlook {
  if (regressed) return '達成困難';
  const g = gradeOf(projectedRatio, t);
  return g === 'A' ? '達成見込み' : g === 'B' ? '概ね達成見込み' : '達成困難';
}

const GRADE_ORDER: Record<Grade, number> = { A: 4, B: 3, C: 2, D: 1, '−': 0 };

/** Worse of two assessable grades. */
export function worseGrade(x: Grade, y: Grade): Grade {
  return GRADE_ORDER[x] <= GRADE_ORDER[y] ? x : y;
}

/** One assessable indicator as the plan rule sees it. */
export interface GradedRatio { ratio: number; regressed: boolean; grade: Grade }

/**
 * Plan grade from its assessable indicators.
 * mean: mean of the achievement ratios capped to 0..100% (後退 counts 0), graded by thresholds.
 * worst: the worst indicator grade.
 */
export function planGradeOf(items: GradedRatio[], rule: PlanRule, t: Thresholds): { grade: Grade; score: number | null } {
  if (items.length === 0) return { grade: '−', score: null };
  const capped = items.map((i) => (i.regressed ? 0 : Math.max(0, Math.min(1, i.ratio))));
  const score = roundRatio(capped.reduce((s, x) => s + x, 0) / capped.length);
  if (rule === 'worst') {
    let g: Grade = 'A';
    for (const i of items) g = worseGrade(g, i.grade);
    return { grade: g, score };
  }
  return { grade: gradeOf(score, t), score };
}

export interface GoalCounts { A: number; B: number; C: number; D: number; '−': number }

export function emptyCounts(): GoalCounts {
  return { A: 0, B: 0, C: 0, D: 0, '−': 0 };
}

/**
 * Goal rating from plan grade counts: share of assessable plans (A–D) graded A or B;
 * ≥ goodShare → 良好, ≥ fairShare → 概ね良好, else 良好ではない; none assessable → 評価不能.
 */
export function goalRatingOf(c: GoalCounts, rule: GoalRule): { rating: GoalRating; share: number | null } {
  const assessable = c.A + c.B + c.C + c.D;
  if (assessable === 0) return { rating: '評価不能', share: null };
  const ab = c.A + c.B;
  // Compare ab/assessable ≥ x% as ab·100 ≥ x·assessable: exact for whole percentages.
  const share = (ab * 100) / assessable;
  if (ab * 100 >= rule.goodShare * assessable - 1e-9) return { rating: '良好', share };
  if (ab * 100 >= rule.fairShare * assessable - 1e-9) return { rating: '概ね良好', share };
  return { rating: '良好ではない', share };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1];
}

/** Parse yyyy-mm-dd (also yyyy/mm/dd, yyyy.m.d); null when not a real date. */
export function parseIsoDate(s: string): { y: number; m: number; d: number } | null {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(s.normalize('NFKC'));
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return { y, m: mo, d };
}

/**
 * Expected share of an annual flow reached at `asOf` in fiscal year `fy` (April–March),
 * linear by month: whole months since April 1 plus the elapsed part of the current month,
 * over 12. 9/30 → 6/12 = 0.5; 12/31 → 0.75; 10/15 → (6 + 15/31)/12. null when outside `fy`.
 */
export function expectedShare(asOf: string, fy: number): number | null {
  const d = parseIsoDate(asOf);
  if (!d) return null;
  const months = (d.y - fy) * 12 + (d.m - 4);
  if (months < 0 || months > 11) return null;
  return (months + d.d / daysIn(d.y, d.m)) / 12;
}

/**
 * Expected share of the way from baseline to target reached at the end of fiscal year `fy`,
 * linear by year: (fy − baselineYear) / (targetYear − baselineYear). null when there is no pacing:
 * a year unknown, the target year reached or past (share ≥ 1), or fy at or before the baseline
 * year (share ≤ 0: nothing is expected yet, so there is nothing to divide by).
 */
export function interimShare(fy: number, baselineYear: number | undefined, targetYear: number | undefined): number | null {
  if (baselineYear === undefined || targetYear === undefined) return null;
  if (!isFinite(fy) || !isFinite(baselineYear) || !isFinite(targetYear) || targetYear <= baselineYear) return null;
  const share = (fy - baselineYear) / (targetYear - baselineYear);
  return share > 0 && share < 1 ? share : null;
}

/**
 * Expected share of a multi-year total (3年間合計) reached at the end of fiscal year `fy`:
 * years elapsed in the period over the years in it. The period is the `years` years ending in
 * the target year when the text says so (3年間, 5か年), else the years after the baseline year up
 * to the target year (the years that are summed). null when it cannot be derived or is reached.
 */
export function cumulativeShare(fy: number, years: number | null, baselineYear: number | undefined, targetYear: number | undefined): number | null {
  if (targetYear === undefined || !isFinite(fy)) return null;
  let n = years;
  if (n === null) {
    if (baselineYear === undefined || targetYear <= baselineYear) return null;
    n = targetYear - baselineYear;
  }
  if (!(n >= 1)) return null;
  const share = (fy - (targetYear - n)) / n;
  return share > 0 && share < 1 ? share : null;
}

/** Length of a multi-year period as written: 「3年間合計」「5か年累計」 → 3, 5; null when not stated. */
export function periodYearsOf(...texts: string[]): number | null {
  for (const t of texts) {
    const m = /(\d{1,2})\s*(?:年間|[かカヵヶケ]年|年度間)/.exec(t.normalize('NFKC'));
    if (m && Number(m[1]) >= 1) return Number(m[1]);
  }
  return null;
}

function settingIssue(key: string, message: string, severity: Issue['severity'] = '警告'): Issue {
  return { severity, sheet: SHEETS.settings, cell: '', row: 0, col: 0, message: `「${SHEETS.settings}」シートの「${key}」: ${message}` };
}

// A percent-formatted cell reads back as a fraction (80% → 0.8); thresholds of 1% or less
// are not meaningful here, so values in (0, 1] are read as fractions.
function percent(v: unknown): number | null {
  if (typeof v !== 'number' || !isFinite(v) || v < 0) return null;
  return v > 0 && v <= 1 ? Math.round(v * 1e6) / 1e4 : v;
}

/**
 * Validate Settings for rating and fill defaults. Invalid values fall back to the defaults
 * with an Issue on 設定; `fallbackYear` is used when 評価年度 is missing (e.g. latest actual).
 */
export function resolveRatingConfig(
  s: Partial<Settings> | undefined,
  fallbackYear: number,
  planRuleOverride?: PlanRule,
): { config: RatingConfig; issues: Issue[] } {
  const issues: Issue[] = [];
  const settings = s ?? {};

  let year = settings.evaluationYear;
  if (typeof year !== 'number' || !isFinite(year) || year < 1989 || year > 2200) {
    issues.push(settingIssue(SETTING_KEYS.evaluationYear, `評価年度が読み取れないため、実績のある最新の年度（${fallbackYear}年度）で集計しました。「令和7年度」「2025」のように入力してください。`, 'エラー'));
    year = fallbackYear;
  }
  const kind = settings.evaluationKind === 'mid' ? 'mid' : 'year';

  let midAsOf = `${year}-${DEFAULT_MID_MONTH_DAY}`;
  let midShare = 1;
  if (kind === 'mid') {
    const given = (settings.midAsOf ?? '').trim();
    const share = given ? expectedShare(given, year) : null;
    if (given && share === null) {
      issues.push(settingIssue(SETTING_KEYS.midAsOf, `「${given}」は${year}年度（${year}年4月1日〜${year + 1}年3月31日）の日付ではないため、${year}年9月30日として集計しました。${year}-09-30 のように入力してください。`));
    }
    if (share !== null) midAsOf = parseIsoDateText(given);
    midShare = share ?? (expectedShare(midAsOf, year) as number);
  }

  let thresholds = DEFAULT_THRESHOLDS;
  const t = settings.thresholds;
  if (t) {
    const a = percent(t.a);
    const b = percent(t.b);
    const c = percent(t.c);
    if (a !== null && b !== null && c !== null && a >= b && b >= c) thresholds = { a, b, c };
    else
      issues.push(settingIssue(`${SETTING_KEYS.thresholdA}・${SETTING_KEYS.thresholdB}・${SETTING_KEYS.thresholdC}`,
        `A ≥ B ≥ C ≥ 0 の数値（%）になっていないため、既定値（A 100%・B 80%・C 50%）で集計しました。`));
  }

  let goalRule = DEFAULT_GOAL_RULE;
  const g = settings.goalRule;
  if (g) {
    const good = percent(g.goodShare);
    const fair = percent(g.fairShare);
    if (good !== null && fair !== null && good <= 100 && good >= fair) goalRule = { goodShare: good, fairShare: fair };
    else
      issues.push(settingIssue(`${SETTING_KEYS.goodShare}・${SETTING_KEYS.fairShare}`,
        `0〜100 の数値（%）で、良好 ≥ 概ね良好 になっていないため、既定値（良好 80%・概ね良好 50%）で集計しました。`));
  }

  const planRule: PlanRule = planRuleOverride ?? (settings.planRule === 'worst' ? 'worst' : DEFAULT_PLAN_RULE);
  const interimRule: InterimRule = settings.interimRule === 'paced' ? 'paced' : DEFAULT_INTERIM_RULE;
  const statusGrades: StatusGrades = { ...DEFAULT_STATUS_GRADES, ...(settings.statusGrades ?? {}) };
  return { config: { evaluationYear: year, evaluationKind: kind, midAsOf, midShare, thresholds, goalRule, planRule, interimRule, statusGrades }, issues };
}

function parseIsoDateText(s: string): string {
  const d = parseIsoDate(s) as { y: number; m: number; d: number };
  return `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

/** Normalise what a person typed as a grade: full-width, lower case, dashes → '−'. */
export function normalizeGrade(s: string): Grade | null {
  const t = s.normalize('NFKC').trim().toUpperCase();
  if (t === 'A' || t === 'B' || t === 'C' || t === 'D') return t;
  if (/^[-\u2010-\u2015\u2212\u30fc\uff0d]$/.test(t)) return '−';
  return null;
}

/** Normalise what a person typed as a goal rating. */
export function normalizeGoalRating(s: string): GoalRating | null {
  const t = s.normalize('NFKC').replace(/\s/g, '');
  if (t === '良好') return '良好';
  if (t === '概ね良好' || t === 'おおむね良好' || t === '概ね良好である') return '概ね良好';
  if (t === '良好ではない' || t === '良好でない') return '良好ではない';
  if (t === '評価不能') return '評価不能';
  return null;
}

// --- 自己評価: the department's own grade, in whatever scale the city uses -----------------------

/** How a 自己評価 column is written: letters A–D (or A–E), S–C (S best), or words and marks. */
export type SelfScale = 'AD' | 'SC' | 'AE';

/** The scale of a 自己評価 column from all its values: any S → S–C; any E → A–E; else A–D. */
export function selfScaleOf(texts: readonly string[]): SelfScale {
  const letters = texts.map((t) => letterOf(t)).filter((x): x is string => x !== null);
  if (letters.includes('S')) return 'SC';
  if (letters.includes('E')) return 'AE';
  return 'AD';
}

function letterOf(text: string): string | null {
  const t = text.normalize('NFKC').trim().toUpperCase();
  // 「A」, 「Ｂ評価」, 「達成A」「前進B」 (a word and a letter), 「S（目標を上回る）」.
  const m = /^(?:[^A-Z]{0,4})?([SABCDE])(?:評価|ランク)?(?:\s*[(（].*[)）])?$/.exec(t);
  return m ? m[1] : null;
}

const SELF_WORDS: ReadonlyArray<[RegExp, Grade]> = [
  [/^(◎|大きく上回|目標を上回|順調|計画以上|達成|達成した|目標達成|完了)/, 'A'],
  [/^(○|〇|◯|概ね達成|おおむね達成|ほぼ達成|概ね順調|おおむね順調|計画どおり|計画通り|予定どおり|予定通り|前進)/, 'B'],
  [/^(△|一部達成|一部実施|やや遅れ|遅れ気味|横ばい|やや下回)/, 'C'],
  [/^(×|✕|未達成|未達|遅れ|大きく下回|下回|後退|未実施|未着手)/, 'D'],
];

/** A 自己評価 as a grade (A–D) in the column's scale; null when it cannot be read (then not used). */
export function gradeOfSelfAssessment(text: string, scale: SelfScale): Grade | null {
  const t = text.normalize('NFKC').replace(/\s/g, '');
  if (!t) return null;
  const letter = letterOf(t);
  if (letter) {
    if (scale === 'SC') return ({ S: 'A', A: 'B', B: 'C', C: 'D', D: 'D', E: 'D' } as Record<string, Grade>)[letter];
    if (letter === 'S') return 'A';
    if (letter === 'E') return 'D';
    return letter as Grade;
  }
  // 未達成 before 達成: the longer word first.
  if (/^(未達成|未達)/.test(t)) return 'D';
  for (const [re, g] of SELF_WORDS) if (re.test(t)) return g;
  return null;
}

/** 状況の評価 as typed on 設定: 「実施済=A、実施中=B、検討中=C、未着手=D」; null when unreadable. */
export function parseStatusGrades(text: string): Partial<StatusGrades> | null {
  const t = text.normalize('NFKC');
  const out: Partial<StatusGrades> = {};
  const re = /(実施済|完了|実施中|検討中|未着手|未実施|中止)\s*[=:→>-]+\s*([A-D]|-|−|ー)/gi;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(t))) {
    const key = (m[1] === '完了' ? '実施済' : m[1] === '未実施' ? '未着手' : m[1]) as ProgressStatus;
    const g = m[2].toUpperCase();
    out[key] = (/^[A-D]$/.test(g) ? g : '−') as Grade;
    n++;
  }
  return n ? out : null;
}
