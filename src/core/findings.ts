// Auto-drafted 所見 per 基本目標, from the figures only. One or two Japanese sentences the
// 事務局 can keep or replace. Deterministic: same input, same text.

import type { Direction } from './model';
import type { UnassessableCode } from './achievement';
import type { Grade } from './rating';

/** Why a plan has no grade, for the wording. */
export type PlanGap = UnassessableCode | 'stopped' | 'mixed';

export interface FindingPlan {
  id: string;
  name: string;
  /** Adopted grade of the evaluation period. */
  grade: Grade;
  /** Set when grade is '−'. */
  gap?: PlanGap;
  /** Directions of the plan's indicators that fell behind their baseline (後退). */
  regressed: Direction[];
}

export interface FindingInput {
  kind: 'year' | 'mid';
  plans: FindingPlan[];
}

const MAX_NAMES = 3;

function names(plans: FindingPlan[]): string {
  const shown = plans.slice(0, MAX_NAMES).map((p) => `${p.id} ${p.name}`.trim());
  const rest = plans.length - shown.length;
  return shown.join('、') + (rest > 0 ? ` ほか${rest}件` : '');
}

interface Clause { cont: string; final: string }

// Continuative (…し、) and final (…した。) forms, so clauses chain into one sentence.
const GAP_WORDS: Record<PlanGap, { year: Clause; mid: Clause }> = {
  unavailable: {
    year: { cont: '実績値を取得できず', final: '実績値を取得できませんでした' },
    mid: { cont: '実績値を取得できず', final: '実績値を取得できませんでした' },
  },
  'no-actual': {
    year: { cont: '実績値が未入力で', final: '実績値が未入力です' },
    mid: { cont: '中間の実績値が未入力で', final: '中間の実績値が未入力です' },
  },
  'no-indicator': {
    year: { cont: '成果指標が設定されておらず', final: '成果指標が設定されていません' },
    mid: { cont: '成果指標が設定されておらず', final: '成果指標が設定されていません' },
  },
  state: {
    year: { cont: '実績が数値で示されておらず', final: '実績が数値で示されていません' },
    mid: { cont: '実績が数値で示されておらず', final: '実績が数値で示されていません' },
  },
  stopped: {
    year: { cont: '中止のため評価の対象外で', final: '中止のため評価の対象外です' },
    mid: { cont: '中止のため評価の対象外で', final: '中止のため評価の対象外です' },
  },
  'invalid-actual': {
    year: { cont: '実績値が読み取れず', final: '実績値が読み取れませんでした' },
    mid: { cont: '実績値が読み取れず', final: '実績値が読み取れませんでした' },
  },
  'no-target': {
    year: { cont: '目標値が数値で設定されておらず', final: '目標値が数値で設定されていません' },
    mid: { cont: '目標値が数値で設定されておらず', final: '目標値が数値で設定されていません' },
  },
  'unit-mismatch': {
    year: { cont: '実績値と目標値の単位が異なり', final: '実績値と目標値の単位が異なるため評価できませんでした' },
    mid: { cont: '実績値と目標値の単位が異なり', final: '実績値と目標値の単位が異なるため評価できませんでした' },
  },
  'direction-mismatch': {
    year: { cont: '目標値と方向の設定が合わず', final: '目標値と方向の設定が合わないため評価できませんでした' },
    mid: { cont: '目標値と方向の設定が合わず', final: '目標値と方向の設定が合わないため評価できませんでした' },
  },
  'no-direction': {
    year: { cont: '方向が入力されておらず', final: '方向が入力されていないため評価できませんでした' },
    mid: { cont: '方向が入力されておらず', final: '方向が入力されていないため評価できませんでした' },
  },
  'no-range': {
    year: { cont: '範囲が設定されておらず', final: '範囲が設定されていないため評価できませんでした' },
    mid: { cont: '範囲が設定されておらず', final: '範囲が設定されていないため評価できませんでした' },
  },
  mixed: {
    year: { cont: '評価できず', final: '評価できませんでした' },
    mid: { cont: '評価できず', final: '評価できませんでした' },
  },
};

const GAP_ORDER: PlanGap[] = [
  'unavailable', 'no-actual', 'state', 'invalid-actual', 'no-target', 'unit-mismatch',
  'direction-mismatch', 'no-direction', 'no-range', 'no-indicator', 'stopped', 'mixed',
];

function chain(clauses: Clause[]): string {
  return clauses.map((c, i) => (i === clauses.length - 1 ? c.final : c.cont)).join('、');
}

/** Draft 所見 for one goal. */
export function draftFinding(input: FindingInput): string {
  const { plans } = input;
  const mid = input.kind === 'mid';
  if (plans.length === 0) return '対象プランがないため、評価できません。';

  const count = (g: Grade) => plans.filter((p) => p.grade === g).length;
  const a = count('A');
  const b = count('B');
  const cd = count('C') + count('D');
  const clauses: Clause[] = [];
  if (a > 0) clauses.push(mid
    ? { cont: `${a}件が年度末に目標を達成する見込みで`, final: `${a}件が年度末に目標を達成する見込みです` }
    : { cont: `${a}件が目標を達成し`, final: `${a}件が目標を達成しました` });
  if (b > 0) clauses.push(mid
    ? { cont: `${b}件が概ね達成する見込みで`, final: `${b}件が概ね達成する見込みです` }
    : { cont: `${b}件が概ね達成し`, final: `${b}件が概ね達成しました` });
  if (cd > 0) clauses.push(mid
    ? { cont: `${cd}件は達成が困難な見込みで`, final: `${cd}件は達成が困難な見込みです` }
    : { cont: `${cd}件は目標に届かず`, final: `${cd}件は目標に届きませんでした` });

  const gaps = plans.filter((p) => p.grade === '−');
  for (const gap of GAP_ORDER) {
    const group = gaps.filter((p) => (p.gap ?? 'mixed') === gap);
    if (group.length === 0) continue;
    const w = GAP_WORDS[gap][mid ? 'mid' : 'year'];
    const head = `${group.length}件（${names(group)}）は`;
    clauses.push({ cont: head + w.cont, final: head + w.final });
  }

  let text = `対象プラン${plans.length}件のうち` + chain(clauses) + '。';

  const regressedUp = plans.filter((p) => p.regressed.length > 0 && p.regressed[0] !== 'down');
  const regressedDown = plans.filter((p) => p.regressed.length > 0 && p.regressed[0] === 'down');
  const back: Clause[] = [];
  if (regressedUp.length > 0) {
    back.push(mid
      ? { cont: `${names(regressedUp)}は基準値を下回る見込みで`, final: `${names(regressedUp)}は基準値を下回る見込みです` }
      : { cont: `${names(regressedUp)}は基準値を下回り`, final: `${names(regressedUp)}は基準値を下回っています` });
  }
  if (regressedDown.length > 0) {
    back.push(mid
      ? { cont: `${names(regressedDown)}は基準値より悪化する見込みで`, final: `${names(regressedDown)}は基準値より悪化する見込みです` }
      : { cont: `${names(regressedDown)}は基準値より悪化し`, final: `${names(regressedDown)}は基準値より悪化しています` });
  }
  if (back.length > 0) text += chain(back) + (back.length > 1 ? '（いずれも後退）。' : '（後退）。');
  return text;
}
