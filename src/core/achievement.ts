// Achievement of one indicator against its target, for the evaluation period or for the plan
// so far. Pure: no Apps Script, no Node. The rules are in docs/ratings.md.

import type { Actual, Indicator, Parsed, Period } from './model';
import { fyLabel, formatNumber } from './cells';
import { shortLabel } from './periods';
import { referenceUnit, unitDiffers } from './values';
import {
  cumulativeShare, DEFAULT_STATUS_GRADES, gradeOf, interimShare, nominalRatio, outlookOf, periodYearsOf,
  type Grade, type InterimRule, type Outlook, type StatusGrades, type Thresholds,
} from './rating';
import { progressOf } from './values';
import { DIRECTION_LABELS } from './schema';
import type { ProgressStatus } from './narrative';

/**
 * period: the evaluation period only (year-end figure of the evaluation year, or its 中間
 * figure in a mid-year evaluation). sofar: the plan so far — the latest figure up to the
 * evaluation year (its 中間 figure first in a mid-year evaluation).
 */
export type Scope = 'period' | 'sofar';

/** Why an indicator cannot be assessed. It is then left out of every computation. */
export type UnassessableCode =
  | 'no-indicator'
  | 'no-actual'
  | 'unavailable'
  | 'state'
  | 'invalid-actual'
  | 'no-target'
  | 'unit-mismatch'
  | 'direction-mismatch'
  | 'no-direction'
  | 'no-range';

export interface Unassessable {
  code: UnassessableCode;
  /** Japanese, shown in 評価不能の理由. */
  message: string;
}

/**
 * progress: (actual − baseline) / (target − baseline).
 * against-target: actual against target (no usable baseline): up a/t, down t/a.
 * maintain: baseline = target, kept at or better than the target (else 後退).
 * cumulative: sum of the yearly figures against a multi-year total.
 */
export type Method = 'progress' | 'against-target' | 'maintain' | 'range' | 'milestone' | 'cumulative' | 'status';

/** A grade from a progress status (実施済 / 実施中 / 検討中 / 未着手) by the 状況の評価 table (rating.ts). */
export interface StatusGrade {
  status: ProgressStatus;
  /** Cue words when the status was read from a sentence; [] when the cell held the status word. */
  cues: string[];
}

export interface MidJudgement {
  /** Expected share of the annual target at the as-of date (1 for level indicators). */
  expectedShare: number;
  accumulates: boolean;
  /** Projected year-end figure (accumulating indicators), else the figure itself. */
  projectedValue: number | null;
  outlook: Outlook;
}

/** 途中年度の評価「目標年度までの按分」: the figure was graded against the expected share of the way. */
export interface InterimPace {
  /** Expected share (0 < s < 1) of the way from baseline to target (or of a multi-year total). */
  expectedShare: number;
  /** Fiscal year the share is for: the year of the figure. */
  fiscalYear: number;
}

export interface Achievement {
  key: string;
  planId: string;
  scope: Scope;
  assessable: boolean;
  /** Set exactly when not assessable. */
  reason: Unassessable | null;
  method: Method | null;
  /** The figure used, as shown in 実績値(期間), with its period: "1,049件（R4）". '' when none. */
  actualText: string;
  /** Set when the year was judged against its own target (Indicator.yearTargets), not the final one. */
  yearTarget?: { text: string; fiscalYear: number };
  actualValue: number | null;
  /** Periods the figure comes from (several for a cumulative target). */
  periods: Period[];
  /** 'mid' when the figure is a 中間 figure judged by the mid-year rule. */
  basis: 'year' | 'mid' | null;
  /**
   * Ratio shown in 達成率 (1 = 100%). Negative when the figure fell behind the baseline.
   * For a 中間 figure of an accumulating indicator: the figure over the annual target.
   */
  ratio: number | null;
  /**
   * Ratio that is graded: the projected year-end ratio for a 中間 figure, else `ratio`; with
   * 目標年度までの按分, divided by the expected share (`interim`).
   */
  gradeRatio: number | null;
  /** Wrong side of the baseline (後退); graded D. For a 中間 figure: projected 後退. */
  regressed: boolean;
  grade: Grade;
  mid: MidJudgement | null;
  /** Set when graded against the expected share of the way (途中年度の評価「目標年度までの按分」). */
  interim: InterimPace | null;
  /** Set when graded from a progress status (method 'status'). */
  status: StatusGrade | null;
  /**
   * Japanese notes on how the figure was read or judged, shown in 集計結果 (注記): a figure read
   * from a sentence, a target written in the same cell, a milestone read despite a 方向 of 増加.
   */
  notes: string[];
}

export interface AssessContext {
  year: number;
  kind: 'year' | 'mid';
  /** Expected share at the mid-year as-of date (rating.expectedShare). */
  midShare: number;
  thresholds: Thresholds;
  scope: Scope;
  /** 途中年度の評価; absent = 'final' (against the final target). */
  interimRule?: InterimRule;
  /** 状況の評価: grade of each progress status; absent = DEFAULT_STATUS_GRADES. */
  statusGrades?: StatusGrades;
}

const NO_INDICATOR_NAME = /指標の設定(は)?(あり)?ません|^指標なし$|^なし$/;

function unitOf(p: Parsed, fallback: string): string {
  return p.kind === 'number' && p.unit ? p.unit : fallback;
}

/** Where the reference unit comes from, as 入力チェック words it. */
function refName(ind: Indicator, target: Parsed): string {
  return ind.unit.trim() && !(target.kind === 'number' && target.unit === ind.unit.trim()) ? '単位の列' : '目標値';
}

/**
 * Why the baseline is not used (null when it is): not a number, or a number in another unit
 * than the reference (referenceUnit). The actual is then measured against the target alone.
 * 入力チェック warns about the same cases; the report lists them.
 */
export function unusedBaseline(ind: Indicator): string | null {
  const bp = ind.baseline.value;
  if (bp.kind === 'invalid' || (bp.kind === 'state' && bp.state !== '指標なし')) return `基準値「${bp.text}」が数値ではない`;
  const ref = referenceUnit(ind.unit, ind.target.value);
  if (unitDiffers(bp, ref)) return `基準値の単位（${(bp as { unit: string }).unit}）が${refName(ind, ind.target.value)}の単位（${ref}）と異なる`;
  return null;
}

function unassessable(code: UnassessableCode, message: string): Unassessable {
  return { code, message };
}

/** Reason for a figure that is not a number (null when it is one). */
function valueProblem(p: Parsed, what: '実績値' | '目標値', where: string): Unassessable | null {
  switch (p.kind) {
    case 'number':
      return null;
    case 'empty':
      return what === '目標値'
        ? unassessable('no-target', '目標値が未設定です')
        : unassessable('no-actual', `${where}の実績値が未入力です`);
    case 'state':
      if (p.state === '指標なし') return unassessable('no-indicator', '指標の設定がありません');
      if (p.state === '取得不可') return unassessable('unavailable', `${where}の実績値を取得できません（${p.text}）`);
      return what === '目標値'
        ? unassessable('no-target', `目標値が数値ではありません（${p.text}）`)
        : unassessable('state', p.read
          ? `${where}の実績が文章で、数値がありません（状況「${progressOf(p.state) ?? p.state}」と読みました。手がかり: ${p.read.cues.join('・')}）`
          : `${where}の実績が「${p.text}」で、数値がありません`);
    case 'milestone':
      return unassessable(what === '目標値' ? 'no-target' : 'invalid-actual',
        `${what}が「${p.text}」（○×）ですが、方向が数値の指標です。数値を入力するか、方向を「達成・未達」にしてください`);
    case 'invalid':
      return what === '目標値'
        ? unassessable('no-target', `目標値が読み取れません（${p.text}: ${p.reason}）`)
        : unassessable('invalid-actual', `${where}の実績値が読み取れません（${p.text}: ${p.reason}）`);
  }
}

interface Measured { ratio: number; regressed: boolean; method: Method }

/** Achievement of a numeric figure `a` (year-end basis). */
function measure(ind: Indicator, b: number | null, t: number, a: number): Measured | Unassessable {
  if (ind.direction === 'range') {
    const r = ind.range;
    if (!r) return unassessable('no-range', '方向が「範囲内を維持」ですが、範囲（下限〜上限）が設定されていません');
    let ratio = 1;
    if (a < r.min) ratio = r.min > 0 ? a / r.min : 0;
    else if (a > r.max) ratio = a > 0 ? r.max / a : 0;
    return { ratio, regressed: false, method: 'range' };
  }
  const up = ind.direction !== 'down';
  const sign = up ? 1 : -1;
  if (b !== null && b !== t) {
    if ((t - b) * sign < 0) {
      return unassessable('direction-mismatch',
        `目標値（${formatNumber(t)}）が基準値（${formatNumber(b)}）より${up ? '低く' : '高く'}、方向「${up ? '高いほど良い' : '低いほど良い'}」と合いません`);
    }
    return { ratio: (a - b) / (t - b), regressed: (a - b) * sign < 0, method: 'progress' };
  }
  // No usable baseline, or baseline = target (keep the level): actual against target.
  const maintain = b !== null;
  // Baseline = target: only the direction says which side of the target is good. At the
  // target is met either way (9-1: 0件 → 0件); elsewhere an inferred direction is a guess.
  if (maintain && ind.directionInferred && a !== t) {
    return unassessable('no-direction', '基準値と目標値が同じで、方向が入力されていないため、良くなったか判断できません。「方向」を選んでください');
  }
  let ratio: number;
  if (up) ratio = t > 0 ? a / t : a >= t ? 1 : 0;
  else ratio = a > 0 ? t / a : a <= t ? 1 : 0; // lower is better; 0 against a target ≥ 0 is met
  if (ratio < 0) ratio = 0;
  const regressed = maintain && (a - (b as number)) * sign < 0;
  return { ratio, regressed, method: maintain ? 'maintain' : 'against-target' };
}

function isUnassessable(x: Measured | Unassessable): x is Unassessable {
  return (x as Unassessable).code !== undefined;
}

function findActual(ind: Indicator, kind: 'year' | 'mid', fy: number): Actual | undefined {
  let empty: Actual | undefined;
  for (const a of ind.actuals) {
    if (a.period.kind !== kind || a.period.fiscalYear !== fy) continue;
    if (a.value.kind !== 'empty') return a;
    empty = empty ?? a;
  }
  return empty;
}

function latestYearEnd(ind: Indicator, upTo: number): Actual | undefined {
  let best: Actual | undefined;
  for (const a of ind.actuals) {
    if (a.period.kind !== 'year' || a.period.fiscalYear > upTo || a.value.kind === 'empty') continue;
    if (!best || a.period.fiscalYear > best.period.fiscalYear) best = a;
  }
  return best;
}


function figureText(p: Parsed, unit: string): string {
  if (p.kind === 'number' && p.read) return `${formatNumber(p.value)}${p.unit || unit}（文章から）`;
  if (p.kind === 'state' && p.read) return `${progressOf(p.state) ?? p.state}（文章から）`;
  if (p.text && p.text.trim()) return p.text.trim();
  if (p.kind === 'number') return formatNumber(p.value) + (p.unit || unit);
  return '';
}

function base(ind: Indicator, scope: Scope): Achievement {
  return {
    key: ind.key, planId: ind.planId, scope, assessable: false, reason: null, method: null,
    actualText: '', actualValue: null, periods: [], basis: null,
    ratio: null, gradeRatio: null, regressed: false, grade: '−', mid: null, interim: null, status: null, notes: [],
  };
}

function fail(acc: Achievement, reason: Unassessable): Achievement {
  acc.assessable = false;
  acc.reason = reason;
  acc.ratio = null;
  acc.gradeRatio = null;
  acc.regressed = false;
  acc.grade = '−';
  acc.mid = null;
  acc.interim = null;
  acc.status = null;
  return acc;
}

/** True when the indicator is the "no indicator" placeholder (指標の設定はありません). */
export function isNoIndicator(ind: Indicator): boolean {
  if (/指標|なし/.test(ind.name) && NO_INDICATOR_NAME.test(ind.name.normalize('NFKC').trim())) return true;
  const noInd = (p: Parsed) => p.kind === 'state' && p.state === '指標なし';
  return noInd(ind.target.value) || (noInd(ind.baseline.value) && ind.target.value.kind === 'empty');
}

/**
 * The indicator as judged for the evaluation year: against that year's own target when one was
 * typed (Indicator.yearTargets), else unchanged. The plan-period (通算) view keeps the final target.
 */
export function withYearTarget(ind: Indicator, scope: Scope, year: number): Indicator {
  if (scope !== 'period' || !ind.yearTargets?.length || ind.target.cumulative) return ind;
  // A year target without a figure (text only) leaves the year judged against the final one.
  const own = ind.yearTargets.find((t) => t.fiscalYear === year && (t.value.kind === 'number' || t.value.kind === 'milestone'));
  if (!own || own.cell === ind.target.cell) return ind;
  const target: Indicator['target'] = { value: own.value, fiscalYear: year, cumulative: false };
  if (own.cell) target.cell = own.cell;
  return { ...ind, target };
}

/** Assess one indicator for one scope. Never throws; not assessable comes with its reason. */
export function assessIndicator(indicator: Indicator, ctx: AssessContext): Achievement {
  const ind = withYearTarget(indicator, ctx.scope, ctx.year);
  const acc = base(ind, ctx.scope);
  if (ind !== indicator) {
    // A target read out of a sentence is shown as the figure read, not the whole sentence.
    const v = ind.target.value;
    acc.yearTarget = { text: v.kind === 'number' && v.read ? `${formatNumber(v.value)}${v.unit}` : v.text, fiscalYear: ctx.year };
  }
  if (isNoIndicator(ind)) return fail(acc, unassessable('no-indicator', '指標の設定がありません'));
  if (ind.direction === 'milestone') return assessMilestone(ind, ctx, acc);
  // A ○ / 実施 / 導入済 / 予算化 target is a milestone whatever a blanket 方向 column says (増加).
  if (ind.target.value.kind === 'milestone') {
    acc.notes.push(`方向は「${DIRECTION_LABELS[ind.direction]}」ですが、目標が「${ind.target.value.text.trim()}」のため、達成・未達で評価しました`);
    return assessMilestone(ind, ctx, acc);
  }

  const tp = ind.target.value;
  if (tp.kind !== 'number') {
    // No numeric target: a target written in the figure's own cell, or the plan's progress in words.
    const qualitative = assessWithoutTarget(ind, ctx, acc);
    if (qualitative) return qualitative;
  }
  const tProblem = valueProblem(tp, '目標値', '');
  if (tProblem) return fail(acc, tProblem);
  const t = (tp as Extract<Parsed, { kind: 'number' }>).value;
  const ref = referenceUnit(ind.unit, tp);
  if (unitDiffers(tp, ref)) {
    return fail(acc, unassessable('unit-mismatch', `目標値の単位（${unitOf(tp, ind.unit)}）が単位の列の単位（${ref}）と異なります`));
  }
  if (ind.target.cumulative) return assessCumulative(ind, ctx, acc, t, ref);

  // A baseline that is not a number in the reference unit is left out (see unusedBaseline).
  const b = unusedBaseline(ind) === null && ind.baseline.value.kind === 'number' ? ind.baseline.value.value : null;

  const picked = pickSingle(ind, ctx);
  if ('code' in picked) return fail(acc, picked);
  const { actual } = picked;
  acc.periods = [actual.period];
  acc.actualText = `${figureText(actual.value, ind.unit)}（${shortLabel(actual.period)}）`;
  const where = `${shortLabel(actual.period)}`;
  const aProblem = valueProblem(actual.value, '実績値', where);
  if (aProblem) return fail(acc, aProblem);
  const av = actual.value as Extract<Parsed, { kind: 'number' }>;
  if (unitDiffers(av, ref)) {
    return fail(acc, unassessable('unit-mismatch', `実績値の単位（${av.unit}）が${refName(ind, tp)}の単位（${ref}）と異なります`));
  }
  acc.actualValue = av.value;
  noteRead(acc, av, actual);

  if (actual.period.kind === 'mid') return judgeMid(ind, ctx, acc, b, t, av.value, 0, actual.period.fiscalYear);

  const m = measure(ind, b, t, av.value);
  if (isUnassessable(m)) return fail(acc, m);
  const paced = pace(ind, ctx, m.method, actual.period.fiscalYear, b, t, av.value, m.ratio);
  finish(acc, ctx, m.method, m.ratio, paced.gradeRatio, m.regressed, 'year');
  acc.interim = paced.interim;
  return acc;
}

/**
 * 途中年度の評価「目標年度までの按分」: expected share of the way at the end of `fy`, or null
 * when the figure is judged against the final target. Only progress from a numeric baseline and
 * multi-year totals have a path to pace; the evaluation year must be before the target year.
 */
function paceShare(ind: Indicator, ctx: AssessContext, method: Method, fy: number): number | null {
  if (ctx.interimRule !== 'paced') return null;
  const ty = ind.target.fiscalYear;
  if (ty === undefined || ctx.year >= ty) return null;
  if (method === 'progress') return interimShare(fy, ind.baseline.fiscalYear, ty);
  if (method === 'cumulative' && ind.direction !== 'range') {
    return cumulativeShare(fy, periodYearsOf(ind.name, ind.target.value.text), ind.baseline.fiscalYear, ty);
  }
  return null;
}

function finish(acc: Achievement, ctx: AssessContext, method: Method, ratio: number | null, gradeRatio: number, regressed: boolean, basis: 'year' | 'mid'): Achievement {
  acc.assessable = true;
  acc.reason = null;
  acc.method = method;
  acc.ratio = ratio;
  acc.gradeRatio = gradeRatio;
  acc.regressed = regressed;
  acc.basis = basis;
  acc.grade = gradeOf(gradeRatio, ctx.thresholds, regressed);
  return acc;
}

/** The single figure of the scope, or why there is none. */
function pickSingle(ind: Indicator, ctx: AssessContext): { actual: Actual } | Unassessable {
  const y = ctx.year;
  const mid = ctx.kind === 'mid';
  let actual: Actual | undefined;
  if (ctx.scope === 'period') {
    actual = findActual(ind, mid ? 'mid' : 'year', y);
  } else {
    const m = mid ? findActual(ind, 'mid', y) : undefined;
    actual = m && m.value.kind !== 'empty' ? m : latestYearEnd(ind, y);
  }
  if (!actual || actual.value.kind === 'empty') {
    return ctx.scope === 'period'
      ? unassessable('no-actual', `${fyLabel(y)}${mid ? '中間' : '年度'}の実績値が未入力です`)
      : unassessable('no-actual', `${fyLabel(y)}年度までの実績値がありません`);
  }
  return { actual };
}

/**
 * Mid-year rule. Level indicators are compared directly. Accumulating ones: the figure is
 * shown against the annual target (raw), and graded on the projected year end
 * (figure / expected share), measured like a year-end figure (baseline, 後退 …).
 * `before` is the sum of earlier years for a cumulative target. With 目標年度までの按分, the
 * year-end figure so obtained is then paced like a year-end figure of `fy`.
 */
function judgeMid(ind: Indicator, ctx: AssessContext, acc: Achievement, b: number | null, t: number, figure: number, before: number, fy: number): Achievement {
  const accumulates = ind.accumulates || ind.target.cumulative;
  const cumulative = ind.target.cumulative;
  if (!accumulates || ind.direction === 'range') {
    const m = measure(ind, b, t, before + figure);
    if (isUnassessable(m)) return fail(acc, m);
    const method = cumulative ? 'cumulative' : m.method;
    const paced = pace(ind, ctx, method, fy, b, t, before + figure, m.ratio);
    finish(acc, ctx, method, m.ratio, paced.gradeRatio, m.regressed, 'mid');
    acc.interim = paced.interim;
    acc.mid = { expectedShare: 1, accumulates: false, projectedValue: before + figure, outlook: outlookOf(paced.gradeRatio, ctx.thresholds, m.regressed) };
    return acc;
  }
  const s = ctx.midShare > 0 ? ctx.midShare : 0.5;
  const projected = before + figure / s;
  const m = measure(ind, b, t, projected);
  if (isUnassessable(m)) return fail(acc, m);
  const raw = t > 0 ? (before + figure) / t : null;
  const method = cumulative ? 'cumulative' : m.method;
  const paced = pace(ind, ctx, method, fy, b, t, projected, m.ratio);
  finish(acc, ctx, method, raw, paced.gradeRatio, m.regressed, 'mid');
  acc.interim = paced.interim;
  acc.mid = { expectedShare: s, accumulates: true, projectedValue: projected, outlook: outlookOf(paced.gradeRatio, ctx.thresholds, m.regressed) };
  return acc;
}

/**
 * Graded ratio of a year-end (or projected year-end) figure `a` with 目標年度までの按分:
 * progress ÷ share; a multi-year total against the share of the total (t × share), which also
 * holds for lower-is-better totals. Without pacing, the ratio as measured.
 */
function pace(ind: Indicator, ctx: AssessContext, method: Method, fy: number, b: number | null, t: number, a: number, ratio: number): { gradeRatio: number; interim: InterimPace | null } {
  const share = paceShare(ind, ctx, method, fy);
  if (share === null) return { gradeRatio: ratio, interim: null };
  const interim = { expectedShare: share, fiscalYear: fy };
  if (method !== 'cumulative') return { gradeRatio: ratio / share, interim };
  const m = measure(ind, b, t * share, a);
  return isUnassessable(m) ? { gradeRatio: ratio, interim: null } : { gradeRatio: m.ratio, interim };
}

/** Target is a multi-year total (3年間合計): sum the yearly figures of the plan period. */
function assessCumulative(ind: Indicator, ctx: AssessContext, acc: Achievement, t: number, ref: string): Achievement {
  const y = ctx.year;
  const mid = ctx.kind === 'mid';
  const from = ind.baseline.fiscalYear !== undefined ? ind.baseline.fiscalYear + 1 : -Infinity;
  const to = ind.target.fiscalYear !== undefined ? Math.min(y, ind.target.fiscalYear) : y;

  const years: Actual[] = [];
  const seen = new Set<number>();
  for (const a of ind.actuals) {
    const fy = a.period.fiscalYear;
    if (a.period.kind !== 'year' || fy < from || fy > to || seen.has(fy) || a.value.kind === 'empty') continue;
    if (mid && fy >= y) continue;
    seen.add(fy);
    years.push(a);
  }
  years.sort((p, q) => p.period.fiscalYear - q.period.fiscalYear);
  const midActual = mid ? findActual(ind, 'mid', y) : undefined;
  const midUsed = midActual && midActual.value.kind !== 'empty' ? midActual : undefined;

  if (ctx.scope === 'period') {
    const current = mid ? midUsed : years.find((a) => a.period.fiscalYear === y);
    if (!current) return fail(acc, unassessable('no-actual', `${fyLabel(y)}${mid ? '中間' : '年度'}の実績値が未入力です`));
  }
  const used = midUsed ? [...years, midUsed] : years;
  if (used.length === 0) return fail(acc, unassessable('no-actual', `${fyLabel(y)}年度までの実績値がありません`));

  let before = 0;
  for (const a of used) {
    const problem = valueProblem(a.value, '実績値', shortLabel(a.period));
    if (problem) {
      acc.actualText = `${figureText(a.value, ind.unit)}（${shortLabel(a.period)}）`;
      acc.periods = [a.period];
      return fail(acc, problem);
    }
    const av = a.value as Extract<Parsed, { kind: 'number' }>;
    if (unitDiffers(av, ref)) {
      return fail(acc, unassessable('unit-mismatch', `${shortLabel(a.period)}の実績値の単位（${av.unit}）が${refName(ind, ind.target.value)}の単位（${ref}）と異なります`));
    }
    if (a !== midUsed) before += av.value;
  }
  const midValue = midUsed ? (midUsed.value as Extract<Parsed, { kind: 'number' }>).value : 0;
  const sum = before + midValue;
  acc.periods = used.map((a) => a.period);
  acc.actualValue = sum;
  const unit = unitOf(ind.target.value, ind.unit);
  const first = used[0].period;
  const last = used[used.length - 1].period;
  const span = used.length === 1 ? shortLabel(first) : `${shortLabel(first)}〜${shortLabel(last)}`;
  acc.actualText = `${formatNumber(sum)}${unit}（合計: ${span}）`;

  if (midUsed) return judgeMid(ind, ctx, acc, null, t, midValue, before, midUsed.period.fiscalYear);
  // The baseline of a multi-year total is not on the same scale as the sum: actual against target.
  const m = measure(ind, null, t, sum);
  if (isUnassessable(m)) return fail(acc, m);
  const paced = pace(ind, ctx, 'cumulative', last.fiscalYear, null, t, sum, m.ratio);
  finish(acc, ctx, 'cumulative', m.ratio, paced.gradeRatio, false, 'year');
  acc.interim = paced.interim;
  return acc;
}

function assessMilestone(ind: Indicator, ctx: AssessContext, acc: Achievement): Achievement {
  const picked = pickSingle(ind, ctx);
  if ('code' in picked) return fail(acc, picked);
  const { actual } = picked;
  acc.periods = [actual.period];
  acc.actualText = `${figureText(actual.value, ind.unit)}（${shortLabel(actual.period)}）`;
  const v = actual.value;
  const where = shortLabel(actual.period);
  if (v.kind === 'state') {
    const st = progressOf(v.state);
    if (st === '実施済' || st === '未着手') {
      const done = st === '実施済';
      acc.notes.push(`「${v.read ? v.read.decisive : v.text}」を${done ? '達成（○）' : '未達（×）'}と読みました`);
      finish(acc, ctx, 'milestone', done ? 1 : 0, done ? 1 : 0, false, actual.period.kind === 'mid' ? 'mid' : 'year');
      if (actual.period.kind === 'mid') {
        acc.mid = { expectedShare: 1, accumulates: false, projectedValue: null, outlook: outlookOf(done ? 1 : 0, ctx.thresholds) };
      }
      return acc;
    }
    if (st) return gradeStatus(acc, ctx, v, st, actual);
  }
  if (v.kind !== 'milestone') {
    if (v.kind === 'number') {
      return fail(acc, unassessable('invalid-actual', `${where}の実績値が数値です。方向「達成・未達」の指標には ○ か × を入力してください`));
    }
    return fail(acc, valueProblem(v, '実績値', where) as Unassessable);
  }
  const ratio = v.done ? 1 : 0;
  finish(acc, ctx, 'milestone', ratio, ratio, false, actual.period.kind === 'mid' ? 'mid' : 'year');
  if (actual.period.kind === 'mid') {
    acc.mid = { expectedShare: 1, accumulates: false, projectedValue: null, outlook: outlookOf(ratio, ctx.thresholds) };
  }
  return acc;
}

/** A figure read from a sentence is never used silently: say so next to the result. */
function noteRead(acc: Achievement, p: Extract<Parsed, { kind: 'number' }>, a: Actual): void {
  if (!p.read) return;
  acc.notes.push(`${a.cell}（${shortLabel(a.period)}）の『${clipQuote(p.read.quote)}』から ${formatNumber(p.value)}${p.unit} を実績値として読みました`);
}

function clipQuote(q: string): string {
  return q.length > 40 ? `${q.slice(0, 39)}…` : q;
}

/**
 * Without a numeric target: a figure whose cell also gives the target (「結果／目標 3／4箇所」,
 * 「9,813人（目標 10,000人）」) is judged against that target; a progress status (実施済 … 未着手, typed
 * or read from words) is graded by the 状況の評価 table. null when neither applies (then the
 * usual reason, no target, is given).
 */
function assessWithoutTarget(ind: Indicator, ctx: AssessContext, acc: Achievement): Achievement | null {
  if (ind.direction === 'range') return null;
  const picked = pickSingle(ind, ctx);
  if ('code' in picked) return null;
  const { actual } = picked;
  const v = actual.value;
  if (v.kind === 'number' && v.read?.target && ind.target.value.kind !== 'state') {
    const t = v.read.target.value;
    acc.periods = [actual.period];
    acc.actualText = `${figureText(v, ind.unit)}（${shortLabel(actual.period)}）`;
    acc.actualValue = v.value;
    noteRead(acc, v, actual);
    acc.notes.push(`同じセルの『${clipQuote(v.read.target.quote)}』を目標値（${formatNumber(t)}${v.read.target.unit}）として比べました`);
    if (actual.period.kind === 'mid') return judgeMid(ind, ctx, acc, null, t, v.value, 0, actual.period.fiscalYear);
    const m = measure(ind, null, t, v.value);
    if (isUnassessable(m)) return fail(acc, m);
    return finish(acc, ctx, m.method, m.ratio, m.ratio, m.regressed, 'year');
  }
  if (v.kind === 'state') {
    const st = progressOf(v.state);
    if (st) return gradeStatus(acc, ctx, v, st, actual);
  }
  return null;
}

/** Grade from a progress status by the 状況の評価 table; 中止 (or a status mapped to −) is not graded. */
function gradeStatus(acc: Achievement, ctx: AssessContext, v: Extract<Parsed, { kind: 'state' }>, st: ProgressStatus, actual: Actual): Achievement {
  acc.periods = [actual.period];
  acc.actualText = `${figureText(v, '')}（${shortLabel(actual.period)}）`;
  const grade = (ctx.statusGrades ?? DEFAULT_STATUS_GRADES)[st];
  const cues = v.read ? v.read.cues : [];
  if (grade === '−') {
    return fail(acc, unassessable('state', `${shortLabel(actual.period)}の状況が「${st}」のため評価しません`));
  }
  const ratio = nominalRatio(grade, ctx.thresholds);
  finish(acc, ctx, 'status', null, ratio, false, actual.period.kind === 'mid' ? 'mid' : 'year');
  acc.grade = grade;
  acc.status = { status: st, cues };
  acc.notes.push(v.read
    ? `${actual.cell}（${shortLabel(actual.period)}）の文章から状況「${st}」と読み（手がかり: ${cues.join('・')}）、状況の評価で${grade}としました`
    : `状況「${st}」を状況の評価で${grade}としました`);
  return acc;
}
