// What 集計 left out, and what needs a second look — one rule, read from the rating itself, for
// the toast, 集計結果 (評価不能の理由) and the report's appendix. Only plan data: never the
// roster, never cell references (the report is for the committee). Pure.
import type { ProgressData } from './model';
import type { AggregateResult, IndicatorResult, PlanResult } from './aggregate';
import type { UnassessableCode } from './achievement';
import { unusedBaseline } from './achievement';
import { figureOutliers, type Outlier } from './outliers';
import { squash } from './text';
import { periodLabel } from './periods';

/**
 * Reasons that mean "something typed could not be used" (入力チェック reports them as エラー).
 * Others — not entered yet, 取得不可, a state such as 未整備, no indicator — are 評価不能 with
 * their reason, not an input left out.
 */
export const EXCLUDING_CODES: ReadonlySet<UnassessableCode> = new Set<UnassessableCode>([
  'invalid-actual', 'no-target', 'unit-mismatch', 'direction-mismatch', 'no-direction', 'no-range',
]);

export interface Exclusion {
  planId: string;
  planName: string;
  /** Indicator name ('' for a whole plan). */
  indicator: string;
  /** plan: the whole row left out; indicator: the indicator not rated; baseline: rated without its baseline. */
  scope: 'plan' | 'indicator' | 'baseline';
  /** What was left out, in words. */
  what: string;
  /** Why, in words. */
  why: string;
}

export interface Attention {
  planId: string;
  planName: string;
  indicator: string;
  /** Key of the indicator (Indicator.key), for footnotes in the plan tables. */
  key: string;
  outlier: Outlier;
  /** In words: 「21,115件/年」（令和4年度実績）は令和2年度の基準値（554件/年）の10倍以上 */
  text: string;
}

/** A no-target reason is an input left out only when a target was typed but cannot be used. */
function excludes(ir: IndicatorResult): boolean {
  const r = ir.period.reason;
  if (!r || !EXCLUDING_CODES.has(r.code)) return false;
  if (r.code === 'no-target') return ir.indicator.target.value.kind === 'invalid' || ir.indicator.target.value.kind === 'milestone';
  return true;
}

/** Why, in a sentence for the committee (the parser's advice to the department left out). */
function whyOf(ir: IndicatorResult): string {
  const r = ir.period.reason;
  if (!r) return '';
  const ind = ir.indicator;
  if (r.code === 'no-target') return `目標値「${squash(ind.target.value.text)}」を数値として読み取れないため`;
  if (r.code === 'invalid-actual') {
    const a = ind.actuals.find((x) => x.value.kind === 'invalid' || x.value.kind === 'milestone');
    if (a) return `実績値「${squash(a.value.text)}」を数値として読み取れないため`;
  }
  // First sentence, its polite ending turned into a reason: 異なります → 異なるため.
  const first = squash(r.message).split(/[。．]/)[0];
  const plain = first
    .replace(/できません$/, 'できない').replace(/合いません$/, '合わない').replace(/ありません$/, 'ない')
    .replace(/されていません$/, 'されていない').replace(/異なります$/, '異なる').replace(/です$/, '');
  return `${plain}ため`;
}

function whatOf(ir: IndicatorResult, result: AggregateResult): string {
  const fy = ir.period.periods[0] ?? { fiscalYear: result.config.evaluationYear, kind: result.config.evaluationKind };
  const a = ir.indicator.actuals.find((x) => x.period.fiscalYear === fy.fiscalYear && x.period.kind === fy.kind && x.value.kind !== 'empty');
  return a ? `${periodLabel(a.period)}「${squash(a.value.text)}」とこの指標の評価` : 'この指標の評価';
}

/** Progress-sheet plans (members of unified plans included), each indicator once. */
function sourcePlans(result: AggregateResult): PlanResult[] {
  return result.plans.filter((p) => p.kind === 'plan');
}

/** Everything 集計 left out of the ratings, plan by plan in sheet order. */
export function exclusions(data: ProgressData, result: AggregateResult): Exclusion[] {
  const out: Exclusion[] = [];
  const rated = new Set(result.plans.map((p) => `${p.sheet}\u0000${p.row}`));
  const firstRow = new Map<string, number>();
  for (const p of result.plans) if (p.kind === 'plan' && !firstRow.has(p.id)) firstRow.set(p.id, p.row);
  for (const p of data.plans) {
    if (!rated.has(`${p.sheet}\u0000${p.row}`)) {
      // 集計 keeps the first plan of an ID (aggregate.ts): the later ones are left out whole.
      out.push({ planId: p.id, planName: p.name, indicator: '', scope: 'plan',
        what: `同じプランID「${p.id}」の2件目以降のプラン「${p.name}」（成果指標${p.indicators.length}件）`,
        why: 'プランIDが重複しているため、最初のプランだけを集計しました' });
    }
  }
  for (const p of sourcePlans(result)) {
    for (const ir of p.indicators) {
      const name = ir.indicator.name;
      if (excludes(ir)) {
        out.push({ planId: p.id, planName: p.name, indicator: name, scope: 'indicator', what: whatOf(ir, result), why: whyOf(ir) });
        continue;
      }
      if (!ir.period.assessable) continue;
      const baseline = unusedBaseline(ir.indicator);
      if (baseline) {
        out.push({ planId: p.id, planName: p.name, indicator: name, scope: 'baseline',
          what: '基準値（達成率は実績値÷目標値で計算）', why: `${baseline}ため` });
      }
    }
  }
  return out;
}

/** Figures that were rated but look implausible (要確認), in words. */
export function attentions(result: AggregateResult): Attention[] {
  const out: Attention[] = [];
  for (const p of sourcePlans(result)) {
    for (const ir of p.indicators) {
      if (excludes(ir)) continue;
      for (const o of figureOutliers(ir.indicator, { target: '', baseline: '' })) {
        const fig = `「${squash(o.figure.text)}」`;
        const text = o.kind === 'over100'
          ? `${o.label}${fig}が、割合の指標で100%を超えています`
          : `${o.label}${fig}が、${o.prev?.label}（${squash(o.prev?.figure.text ?? '')}）の${o.up ? '10倍以上' : '10分の1以下'}です`;
        out.push({ planId: p.id, planName: p.name, indicator: ir.indicator.name, key: ir.indicator.key, outlier: o, text });
      }
    }
  }
  return out;
}

/** Indicators left out of the ratings because of an input (for the toast). */
export function excludedIndicatorCount(data: ProgressData, result: AggregateResult): number {
  return exclusions(data, result).filter((e) => e.scope !== 'baseline').length;
}
