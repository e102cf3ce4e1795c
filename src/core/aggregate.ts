// 集計: indicators → plans → 基本目標, for the evaluation period and for the plan so far,
// with unified plans and overrides typed by people. Pure and deterministic; linear in the
// number of indicators. Rules: docs/ratings.md.

import type { Indicator, Issue, Plan, PlanStatus, ProgressData } from './model';
import { SHEETS } from './schema';
import { assessIndicator, type Achievement, type AssessContext, type Scope, type UnassessableCode } from './achievement';
import { draftFinding, type FindingPlan, type PlanGap } from './findings';
import {
  emptyCounts, goalRatingOf, gradeOfSelfAssessment, nominalRatio, normalizeGoalRating, normalizeGrade, planGradeOf, resolveRatingConfig,
  selfScaleOf, type Grade, type GoalCounts, type GoalRating, type PlanRule, type RatingConfig, type SelfScale,
} from './rating';

/** A unified plan (類似プランの統合): rated from its members' indicators. */
export interface UnifiedPlanInput {
  id: string;
  name: string;
  goalCode: string;
  mainDept: string;
  relatedDepts: string[];
  memberIds: string[];
}

/** Where an override was typed, for messages. Absent for overrides built in code. */
export interface CellRef {
  sheet: string;
  /** A1 of the rating cell. */
  cell: string;
  row: number;
  col: number;
  /** A1 of the reason cell. */
  reasonCell?: string;
  /** 集計結果: the 成果指標 of that row, so the override is written back on the row it was typed on. */
  indicator?: string;
}

/** A plan rating set by hand. `grade` is the raw text typed (validated by aggregate). */
export interface PlanOverride { planId: string; grade: string; reason: string; at?: CellRef }
/** A goal rating set by hand (the rating of the evaluation period). */
export interface GoalOverride { goalCode: string; rating: string; reason: string; at?: CellRef }
/** 所見 typed by the 事務局; replaces the auto draft. */
export interface FindingOverride { goalCode: string; text: string; at?: CellRef }

export interface Overrides {
  plans: PlanOverride[];
  goals: GoalOverride[];
  findings: FindingOverride[];
}

export const NO_OVERRIDES: Overrides = { plans: [], goals: [], findings: [] };

export interface AggregateOptions {
  overrides: Overrides;
  unified?: UnifiedPlanInput[];
  /** Overrides Settings.planRule. */
  planRule?: PlanRule;
}

export interface IndicatorResult {
  indicator: Indicator;
  /** Plan the indicator belongs to on the progress sheet (a member, for a unified plan). */
  sourcePlanId: string;
  period: Achievement;
  sofar: Achievement;
}

/** Where a plan grade came from: figures (実績), the department's own grade (自己評価), or a progress status (状況). */
export type GradeSource = '実績' | '自己評価' | '状況';

export interface PlanRating {
  grade: Grade;
  /** null when the grade is '−'. */
  source: GradeSource | null;
  /** The 自己評価 used, as typed, with its cell: when source is 自己評価. */
  selfAssessment?: { text: string; cell: string; fiscalYear: number };
  /** Mean capped achievement (0..1) of the assessable indicators; null when none. */
  score: number | null;
  assessableCount: number;
  /** Japanese reason when grade is '−', else ''. */
  reason: string;
  gap?: PlanGap;
  /** Keys of indicators that fell behind their baseline (後退). */
  regressedKeys: string[];
}

export interface OverrideResult<T> {
  /** As typed. */
  raw: string;
  reason: string;
  /** Normalised value; null when invalid. */
  value: T | null;
  /** Applied only with a valid value and a reason. */
  applied: boolean;
  at?: CellRef;
}

export interface PlanResult {
  id: string;
  name: string;
  goalCode: string;
  mainDept: string;
  relatedDepts: string[];
  kind: 'plan' | 'unified';
  status: PlanStatus;
  /** Unified plan: its members (統合前). */
  memberIds: string[];
  /** Member plan: the unified plan it went into (統合後); '' otherwise. */
  mergedInto: string;
  /** Counted in its goal (false for members of a unified plan). */
  counted: boolean;
  indicators: IndicatorResult[];
  period: PlanRating;
  sofar: PlanRating;
  override: OverrideResult<Grade> | null;
  /** Override when applied, else the computed grade of the period. */
  adopted: Grade;
  sheet: string;
  row: number;
}

export interface GoalComputed {
  rating: GoalRating;
  /** Share (percent) of assessable plans graded A or B; null when none. */
  share: number | null;
  counts: GoalCounts;
  /** Japanese reason when 評価不能, else ''. */
  reason: string;
}

export interface GoalResult {
  code: string;
  name: string;
  /** Plans counted in this goal (unified plans included, their members not). */
  planIds: string[];
  /** Evaluation period, from the adopted plan grades. */
  period: GoalComputed;
  /** Plan so far, from the computed plan grades of the plan-so-far scope. */
  sofar: GoalComputed;
  override: OverrideResult<GoalRating> | null;
  adopted: GoalRating;
  findingAuto: string;
  findingManual: string;
  /** 所見(事務局記入) when given, else the auto draft. */
  finding: string;
}

export interface AggregateResult {
  config: RatingConfig;
  plans: PlanResult[];
  goals: GoalResult[];
  /** Overrides whose plan/goal no longer exists: kept so that nothing typed is lost. */
  orphans: Overrides;
  issues: Issue[];
}

const GAP_REASON: Record<PlanGap, string> = {
  'no-indicator': '指標の設定がありません',
  'no-actual': '実績値が未入力です',
  unavailable: '実績値を取得できません',
  state: '実績が数値ではありません',
  'invalid-actual': '実績値が読み取れません',
  'no-target': '目標値が数値で設定されていません',
  'unit-mismatch': '単位が目標値と異なります',
  'direction-mismatch': '目標値と方向が合いません',
  'no-direction': '方向が入力されていません',
  'no-range': '範囲が設定されていません',
  stopped: '中止のプランです',
  mixed: '評価できる指標がありません',
};

function latestActualYear(plans: Plan[]): number {
  let y = -Infinity;
  for (const p of plans) for (const i of p.indicators) for (const a of i.actuals) {
    if (a.value.kind !== 'empty' && a.period.fiscalYear > y) y = a.period.fiscalYear;
  }
  return isFinite(y) ? y : 2025;
}

/**
 * Plan grade: from the indicators' figures when any can be assessed (実績); else from the
 * department's 自己評価 for the period (自己評価); else from the progress statuses of its
 * indicators, graded by the 状況の評価 table (状況). docs/ratings.md §4.
 */
function ratePlan(items: IndicatorResult[], scope: Scope, config: RatingConfig, status: PlanStatus, self?: SelfGrade | null): PlanRating {
  const achievements = items.map((i) => i[scope]);
  const all = achievements.filter((a) => a.assessable);
  const figures = all.filter((a) => a.method !== 'status');
  const assessable = figures.length ? figures : all;
  const regressedKeys = assessable.filter((a) => a.regressed).map((a) => a.key);
  if (status === '中止') {
    return { grade: '−', source: null, score: null, assessableCount: 0, reason: GAP_REASON.stopped, gap: 'stopped', regressedKeys: [] };
  }
  if (figures.length === 0 && self) {
    return {
      grade: self.grade, source: '自己評価', score: nominalRatio(self.grade, config.thresholds), assessableCount: 0, reason: '', regressedKeys: [],
      selfAssessment: { text: self.text, cell: self.cell, fiscalYear: self.fiscalYear },
    };
  }
  if (assessable.length === 0) {
    let gap: PlanGap = 'no-indicator';
    if (achievements.length > 0) {
      const codes = new Set<UnassessableCode>(achievements.map((a) => (a.reason ? a.reason.code : 'no-actual')));
      gap = codes.size === 1 ? [...codes][0] : 'mixed';
    }
    const reason = achievements.length === 0
      ? GAP_REASON['no-indicator']
      : unique(achievements.map((a) => a.reason?.message ?? '')).filter(Boolean).join('／');
    return { grade: '−', source: null, score: null, assessableCount: 0, reason, gap, regressedKeys };
  }
  const { grade, score } = planGradeOf(
    assessable.map((a) => ({ ratio: a.gradeRatio as number, regressed: a.regressed, grade: a.grade })),
    config.planRule, config.thresholds);
  return { grade, source: figures.length ? '実績' : '状況', score, assessableCount: assessable.length, reason: '', regressedKeys };
}

/** A 自己評価 read as a grade, for one scope. */
export interface SelfGrade { grade: Grade; text: string; cell: string; fiscalYear: number }

/**
 * The plan's 自己評価 for the scope: the evaluation period's (its 中間 one in a mid-year
 * evaluation, else the year's), or for the plan so far the latest up to the evaluation year.
 */
function selfGradeOf(p: Plan, scope: Scope, config: RatingConfig, scale: SelfScale): SelfGrade | null {
  const list = p.selfAssessments ?? [];
  const y = config.evaluationYear;
  const usable = list
    .map((s) => ({ s: s.current ? { ...s, period: { fiscalYear: y, kind: config.evaluationKind } } : s, grade: gradeOfSelfAssessment(s.text, scale) }))
    .filter((x) => x.grade !== null && x.s.period.fiscalYear <= y);
  const pick = (pred: (x: (typeof usable)[number]) => boolean) => usable.filter(pred).sort((a, b) => b.s.period.fiscalYear - a.s.period.fiscalYear)[0];
  let hit: (typeof usable)[number] | undefined;
  if (scope === 'period') {
    hit = pick((x) => x.s.period.fiscalYear === y && x.s.period.kind === config.evaluationKind);
  } else {
    hit = (config.evaluationKind === 'mid' ? pick((x) => x.s.period.fiscalYear === y && x.s.period.kind === 'mid') : undefined)
      ?? pick((x) => x.s.period.kind === 'year');
  }
  return hit ? { grade: hit.grade as Grade, text: hit.s.text, cell: hit.s.cell, fiscalYear: hit.s.period.fiscalYear } : null;
}

function unique<T>(xs: T[]): T[] {
  const seen = new Set<T>();
  const out: T[] = [];
  for (const x of xs) if (!seen.has(x)) { seen.add(x); out.push(x); }
  return out;
}

function issueAt(severity: Issue['severity'], at: CellRef | undefined, sheet: string, message: string, planId?: string): Issue {
  const issue: Issue = { severity, sheet: at?.sheet ?? sheet, cell: at?.cell ?? '', row: at?.row ?? 0, col: at?.col ?? 0, message };
  if (planId !== undefined) issue.planId = planId;
  return issue;
}

function where(at: CellRef | undefined, sheet: string): string {
  return at ? `「${at.sheet}」シートの ${at.cell}` : `「${sheet}」シート`;
}

/** Validate one override: a valid value and a reason are both required. */
function checkOverride<T>(
  raw: string, reason: string, at: CellRef | undefined, sheet: string, subject: string,
  normalize: (s: string) => T | null, allowed: string, issues: Issue[], planId?: string,
): OverrideResult<T> | null {
  const r = raw.trim();
  // The reason is kept as typed (people indent it); only its emptiness is judged trimmed.
  const why = reason.trim();
  if (!r && !why) return null;
  const result: OverrideResult<T> = { raw: r, reason: why ? reason : '', value: null, applied: false, at };
  if (!r) return result; // a reason alone is kept (carried over), nothing to apply
  const value = normalize(r);
  result.value = value;
  if (value === null) {
    issues.push(issueAt('エラー', at, sheet,
      `${where(at, sheet)}: ${subject}の上書き評価「${r}」は使えないため、反映していません。${allowed}のいずれかを入力してください。`, planId));
    return result;
  }
  if (!why) {
    const reasonCell = at?.reasonCell ? `（${at.reasonCell}）` : '';
    issues.push(issueAt('エラー', at, sheet,
      `${where(at, sheet)}: ${subject}の上書き評価「${r}」に理由がないため、反映していません。同じ行の「上書きの理由」${reasonCell}に理由を入力してください。`, planId));
    return result;
  }
  result.applied = true;
  return result;
}

/** Compute every rating. Never throws on bad data: problems come back as issues. */
export function aggregate(data: ProgressData, opts: AggregateOptions = { overrides: NO_OVERRIDES }): AggregateResult {
  const issues: Issue[] = [];
  const { config, issues: settingIssues } = resolveRatingConfig(data.settings, latestActualYear(data.plans), opts.planRule);
  issues.push(...settingIssues);
  const overrides = opts.overrides ?? NO_OVERRIDES;

  const ctx = (scope: Scope): AssessContext => ({
    year: config.evaluationYear, kind: config.evaluationKind, midShare: config.midShare, thresholds: config.thresholds, scope,
    interimRule: config.interimRule, statusGrades: config.statusGrades,
  });
  const periodCtx = ctx('period');
  const selfScale = selfScaleOf(data.plans.flatMap((p) => (p.selfAssessments ?? []).map((x) => x.text)));
  const sofarCtx = ctx('sofar');

  // Plans of the progress sheet.
  const plans: PlanResult[] = [];
  const byId = new Map<string, PlanResult>();
  for (const p of data.plans) {
    if (byId.has(p.id)) {
      issues.push({ severity: 'エラー', sheet: p.sheet || SHEETS.progress, cell: `A${p.row}`, row: p.row, col: 1, planId: p.id,
        message: `「${p.sheet || SHEETS.progress}」シートの A${p.row}: プランID「${p.id}」が重複しています。2件目以降は集計に含めていません。別のIDを入力してください。` });
      continue;
    }
    const indicators: IndicatorResult[] = p.indicators.map((ind) => ({
      indicator: ind, sourcePlanId: p.id, period: assessIndicator(ind, periodCtx), sofar: assessIndicator(ind, sofarCtx),
    }));
    const r: PlanResult = {
      id: p.id, name: p.name, goalCode: p.goalCode, mainDept: p.mainDept, relatedDepts: p.relatedDepts,
      kind: 'plan', status: p.status, memberIds: [], mergedInto: '', counted: true, indicators,
      period: ratePlan(indicators, 'period', config, p.status, selfGradeOf(p, 'period', config, selfScale)),
      sofar: ratePlan(indicators, 'sofar', config, p.status, selfGradeOf(p, 'sofar', config, selfScale)),
      override: null, adopted: '−', sheet: p.sheet, row: p.row,
    };
    plans.push(r);
    byId.set(p.id, r);
  }

  // Unified plans: members' indicators pooled; members leave the goal counts.
  if (opts.unified) {
    const memberOf = new Map<string, string>();
    for (const u of opts.unified) {
      if (byId.has(u.id)) {
        issues.push({ severity: 'エラー', sheet: SHEETS.unified, cell: '', row: 0, col: 0, planId: u.id,
          message: `「${SHEETS.unified}」シート: 統合プランID「${u.id}」が既存のプランIDと重複しているため、集計に含めていません。別のIDにしてください。` });
        continue;
      }
      const members: PlanResult[] = [];
      for (const mid of u.memberIds) {
        const m = byId.get(mid);
        if (!m || m.kind !== 'plan') {
          issues.push({ severity: '警告', sheet: SHEETS.unified, cell: '', row: 0, col: 0, planId: u.id,
            message: `「${SHEETS.unified}」シート: 統合プラン「${u.id}」の統合前プラン「${mid}」が「${SHEETS.progress}」シートにありません。統合前プランIDを確認してください。` });
          continue;
        }
        if (memberOf.has(mid)) {
          issues.push({ severity: '警告', sheet: SHEETS.unified, cell: '', row: 0, col: 0, planId: u.id,
            message: `「${SHEETS.unified}」シート: プラン「${mid}」は統合プラン「${memberOf.get(mid)}」と「${u.id}」の両方に含まれています。「${memberOf.get(mid)}」側で集計しました。どちらか一方にしてください。` });
          continue;
        }
        memberOf.set(mid, u.id);
        members.push(m);
      }
      if (!u.goalCode.trim()) {
        issues.push({ severity: '警告', sheet: SHEETS.unified, cell: '', row: 0, col: 0, planId: u.id,
          message: `「${SHEETS.unified}」シート: 統合プラン「${u.id}」の基本目標が未設定です。統合後の基本目標を選んで入力してください。` });
      }
      for (const m of members) { m.counted = false; m.mergedInto = u.id; }
      const indicators = members.flatMap((m) => m.indicators);
      const r: PlanResult = {
        id: u.id, name: u.name, goalCode: u.goalCode.trim(), mainDept: u.mainDept, relatedDepts: u.relatedDepts,
        kind: 'unified', status: '実施中', memberIds: members.map((m) => m.id), mergedInto: '', counted: true, indicators,
        period: ratePlan(indicators, 'period', config, '実施中'), sofar: ratePlan(indicators, 'sofar', config, '実施中'),
        override: null, adopted: '−', sheet: SHEETS.unified, row: 0,
      };
      plans.push(r);
      byId.set(u.id, r);
    }
    for (const p of plans) {
      if (p.kind === 'plan' && p.status === '統合済' && p.counted) {
        issues.push({ severity: '警告', sheet: p.sheet || SHEETS.progress, cell: `A${p.row}`, row: p.row, col: 1, planId: p.id,
          message: `「${p.sheet || SHEETS.progress}」シートの ${p.row}行目: プラン「${p.id}」は状態が「統合済」ですが、どの統合プランにも含まれていないため、単独で集計しました。` });
      }
    }
  }

  // Plan overrides.
  const orphans: Overrides = { plans: [], goals: [], findings: [] };
  const seenPlanOverride = new Set<string>();
  for (const o of overrides.plans) {
    const target = byId.get(o.planId);
    if (!target) {
      if (o.grade.trim() || o.reason.trim()) {
        orphans.plans.push(o);
        issues.push(issueAt('警告', o.at, SHEETS.results, o.planId === ''
          ? `${where(o.at, SHEETS.results)}: プランIDのない行に上書き評価または理由があります。反映せず、「${SHEETS.results}」シートの末尾に残しています。プランIDの行に入力し直してください。`
          : `${where(o.at, SHEETS.results)}: プランID「${o.planId}」は現在のプランにありません。入力された上書き評価と理由は「${SHEETS.results}」シートの末尾に残しています。不要なら消してください。`, o.planId));
      }
      continue;
    }
    if (seenPlanOverride.has(o.planId)) {
      issues.push(issueAt('警告', o.at, SHEETS.results, `${where(o.at, SHEETS.results)}: プラン「${o.planId}」の上書き評価が2か所にあります。最初のものを使いました。`, o.planId));
      continue;
    }
    seenPlanOverride.add(o.planId);
    target.override = checkOverride<Grade>(o.grade, o.reason, o.at, SHEETS.results, `プラン「${o.planId}」`,
      normalizeGrade, 'A・B・C・D・−', issues, o.planId);
  }
  for (const p of plans) p.adopted = p.override?.applied ? (p.override.value as Grade) : p.period.grade;

  // Goals: hierarchy order first, then codes only seen on plans, in plan order.
  const goalNames = new Map<string, string>();
  for (const h of data.hierarchy) if (h.level === '基本目標' && !goalNames.has(h.code)) goalNames.set(h.code, h.name);
  const goalCodes = unique([...goalNames.keys(), ...plans.map((p) => p.goalCode)]);
  const counted = new Map<string, PlanResult[]>();
  for (const c of goalCodes) counted.set(c, []);
  for (const p of plans) if (p.counted) (counted.get(p.goalCode) as PlanResult[]).push(p);

  const goalOverrides = new Map<string, GoalOverride>();
  for (const o of overrides.goals) {
    if (!counted.has(o.goalCode)) {
      if (o.rating.trim() || o.reason.trim()) {
        orphans.goals.push(o);
        issues.push(issueAt('警告', o.at, SHEETS.goals, `${where(o.at, SHEETS.goals)}: 基本目標「${o.goalCode}」は現在の施策体系にありません。入力された上書き評価と理由は「${SHEETS.goals}」シートの末尾に残しています。`));
      }
      continue;
    }
    if (goalOverrides.has(o.goalCode)) {
      issues.push(issueAt('警告', o.at, SHEETS.goals, `${where(o.at, SHEETS.goals)}: 基本目標「${o.goalCode}」の上書き評価が2か所にあります。最初のものを使いました。`));
      continue;
    }
    goalOverrides.set(o.goalCode, o);
  }
  const findingOverrides = new Map<string, FindingOverride>();
  for (const f of overrides.findings) {
    if (!counted.has(f.goalCode)) {
      if (f.text.trim()) orphans.findings.push(f);
      continue;
    }
    if (!findingOverrides.has(f.goalCode) && f.text.trim()) findingOverrides.set(f.goalCode, f);
  }

  const goals: GoalResult[] = goalCodes.map((code) => {
    const members = counted.get(code) as PlanResult[];
    const periodCounts = emptyCounts();
    const sofarCounts = emptyCounts();
    for (const p of members) { periodCounts[p.adopted]++; sofarCounts[p.sofar.grade]++; }
    const period = goalComputed(periodCounts, members.length, config);
    const sofar = goalComputed(sofarCounts, members.length, config);
    const o = goalOverrides.get(code);
    const override = o
      ? checkOverride<GoalRating>(o.rating, o.reason, o.at, SHEETS.goals, `基本目標「${code}」`, normalizeGoalRating,
        '良好・概ね良好・良好ではない・評価不能', issues)
      : null;
    const findingAuto = draftFinding({ kind: config.evaluationKind, plans: members.map(findingPlan) });
    const typed = findingOverrides.get(code)?.text ?? '';
    const manual = typed.trim() ? typed : '';
    return {
      code, name: goalNames.get(code) ?? (code ? '' : '（基本目標未設定）'), planIds: members.map((p) => p.id),
      period, sofar, override: override,
      adopted: override?.applied ? (override.value as GoalRating) : period.rating,
      findingAuto, findingManual: manual, finding: manual.trim() || findingAuto,
    };
  });

  return { config, plans, goals, orphans, issues };
}

function goalComputed(counts: GoalCounts, planCount: number, config: RatingConfig): GoalComputed {
  const { rating, share } = goalRatingOf(counts, config.goalRule);
  let reason = '';
  if (rating === '評価不能') {
    reason = planCount === 0 ? '対象プランがありません' : `評価できるプランがありません（対象${planCount}件すべてが評価不能）`;
  }
  return { rating, share, counts, reason };
}

function findingPlan(p: PlanResult): FindingPlan {
  const regressed = p.indicators
    .filter((i) => p.period.regressedKeys.includes(i.indicator.key))
    .map((i) => i.indicator.direction);
  const fp: FindingPlan = { id: p.id, name: p.name, grade: p.adopted, regressed };
  if (p.adopted === '−') fp.gap = p.period.gap ?? 'mixed';
  return fp;
}
