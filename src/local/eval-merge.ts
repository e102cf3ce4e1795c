// Measures merge suggestions against the labelled set (test/fixtures/merge-labels.ts).
// Run: npx tsx src/local/eval-merge.ts [minScore]
// Prints pairwise precision/recall/F1 (and B-cubed), the false positives and negatives by name,
// a threshold sweep, and the time for 1,000 plans.

import type { Plan } from '../core/model';
import { DEFAULT_MIN_SCORE, DEFAULT_SYNONYMS, isMergeCandidate, suggestMerges, type MergeGroup } from '../core/similarity';
import { GOLD_GROUPS, LABELLED_PLANS } from '../../test/fixtures/merge-labels';

export interface Scores {
  minScore: number;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  bcubed: { precision: number; recall: number; f1: number };
  falsePositives: Array<[string, string]>;
  falseNegatives: Array<[string, string]>;
  groups: MergeGroup[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function pairsOf(groups: string[][]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.add(pairKey(g[i], g[j]));
  return out;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Pairwise and B-cubed scores of suggestions against the gold groups, over plans eligible for merging. */
export function evaluate(plans: Plan[], gold: string[][], minScore: number, synonyms = DEFAULT_SYNONYMS): Scores {
  const eligible = new Set(plans.filter(isMergeCandidate).map((p) => p.id));
  const goldGroups = gold.map((g) => g.filter((id) => eligible.has(id))).filter((g) => g.length >= 2);
  const groups = suggestMerges(plans, { synonyms, minScore });
  const predicted = groups.map((g) => g.planIds);
  const goldPairs = pairsOf(goldGroups);
  const predPairs = pairsOf(predicted);
  let tp = 0;
  for (const p of predPairs) if (goldPairs.has(p)) tp++;
  const fp = predPairs.size - tp;
  const fn = goldPairs.size - tp;
  const precision = predPairs.size === 0 ? 1 : tp / predPairs.size;
  const recall = goldPairs.size === 0 ? 1 : tp / goldPairs.size;

  // B-cubed over eligible plans: every plan is its own cluster unless grouped.
  const clusterOf = (groupsList: string[][]) => {
    const m = new Map<string, Set<string>>();
    for (const id of eligible) m.set(id, new Set([id]));
    for (const g of groupsList) { const s = new Set(g); for (const id of g) m.set(id, s); }
    return m;
  };
  const goldC = clusterOf(goldGroups);
  const predC = clusterOf(predicted);
  let bp = 0, br = 0;
  for (const id of eligible) {
    const P = predC.get(id) as Set<string>;
    const G = goldC.get(id) as Set<string>;
    let inter = 0;
    for (const x of P) if (G.has(x)) inter++;
    bp += inter / P.size;
    br += inter / G.size;
  }
  bp /= eligible.size;
  br /= eligible.size;

  const split = (k: string) => k.split('|') as [string, string];
  return {
    minScore, precision, recall, f1: f1(precision, recall), tp, fp, fn,
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    falsePositives: [...predPairs].filter((p) => !goldPairs.has(p)).sort().map(split),
    falseNegatives: [...goldPairs].filter((p) => !predPairs.has(p)).sort().map(split),
    groups,
  };
}

/** The labelled set's evaluation at a threshold (default: the shipped default). */
export function evaluateLabelled(minScore = DEFAULT_MIN_SCORE): Scores {
  return evaluate(LABELLED_PLANS, GOLD_GROUPS.map((g) => g.members), minScore);
}

/**
 * n synthetic plans for timing: names recombined from the words of the labelled plans (seeded,
 * deterministic), with their indicators, departments and goals, so the vocabulary is realistic
 * without n copies of the same names.
 */
export function syntheticPlans(n: number, seed = 1): Plan[] {
  let x = seed >>> 0;
  const rnd = (k: number) => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x % k; };
  const chunks = [...new Set(LABELLED_PLANS.flatMap((p) => p.name.split(/[のを、・（）()「」【】〜\s]+/)).filter((c) => c.length >= 2))].sort();
  const tails = ['の推進', 'の充実', 'の導入', 'の拡充', '事業', 'の活用', ''];
  const out: Plan[] = [];
  for (let i = 0; i < n; i++) {
    const base = LABELLED_PLANS[rnd(LABELLED_PLANS.length)];
    const other = LABELLED_PLANS[rnd(LABELLED_PLANS.length)];
    const name = `${chunks[rnd(chunks.length)]}${rnd(2) ? 'の' : ''}${chunks[rnd(chunks.length)]}${tails[rnd(tails.length)]}`;
    const id = `S-${String(i + 1).padStart(4, '0')}`;
    out.push({
      ...base,
      id,
      name,
      mainDept: other.mainDept,
      indicators: [...base.indicators.slice(0, 1), ...other.indicators.slice(0, 1)].map((ind, k) => ({ ...ind, planId: id, key: `${id}#${k + 1}` })),
    });
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function main(): void {
  const arg = process.argv[2];
  const minScore = arg !== undefined ? Number(arg) : DEFAULT_MIN_SCORE;
  const byId = new Map(LABELLED_PLANS.map((p) => [p.id, p]));
  const nameOf = (id: string) => `${id} ${byId.get(id)?.name ?? '?'}`;
  const goldOf = new Map<string, string>();
  for (const g of GOLD_GROUPS) for (const id of g.members) goldOf.set(id, g.label);

  const s = evaluateLabelled(minScore);
  const eligible = LABELLED_PLANS.filter(isMergeCandidate).length;
  console.log(`Labelled set: ${LABELLED_PLANS.length} plans (${eligible} eligible), ${GOLD_GROUPS.length} gold groups`);
  console.log(`Threshold (minScore): ${minScore}   synonyms: DEFAULT_SYNONYMS (${DEFAULT_SYNONYMS.length} groups)`);
  console.log(`Pairwise  precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}   (TP ${s.tp}, FP ${s.fp}, FN ${s.fn})`);
  console.log(`B-cubed   precision ${pct(s.bcubed.precision)}  recall ${pct(s.bcubed.recall)}  F1 ${pct(s.bcubed.f1)}`);

  // The same measure on the groups a secretariat would hardly dispute (confidence 'clear'):
  // plans of 'judgement' groups are left out of both sides.
  const judged = new Set(GOLD_GROUPS.filter((g) => g.confidence === 'judgement').flatMap((g) => g.members));
  const clear = evaluate(LABELLED_PLANS.filter((p) => !judged.has(p.id)), GOLD_GROUPS.filter((g) => g.confidence === 'clear').map((g) => g.members), minScore);
  console.log(`Clear-only (${GOLD_GROUPS.filter((g) => g.confidence === 'clear').length} clear groups, judgement-group plans left out): `
    + `precision ${pct(clear.precision)}  recall ${pct(clear.recall)}  F1 ${pct(clear.f1)}   (TP ${clear.tp}, FP ${clear.fp}, FN ${clear.fn})`);

  console.log('\nPer gold group (pairs found / pairs):');
  for (const g of GOLD_GROUPS) {
    const members = g.members.filter((id) => isMergeCandidate(byId.get(id) as Plan));
    const total = pairsOf([members]).size;
    const missed = s.falseNegatives.filter(([a, b]) => members.includes(a) && members.includes(b)).length;
    console.log(`  ${String(total - missed).padStart(2)}/${String(total).padEnd(2)} ${g.confidence.padEnd(9)} ${g.label}`);
  }

  console.log(`\nSuggested groups (${s.groups.length}):`);
  for (const g of s.groups) {
    console.log(`  ${g.id} score ${g.score}${g.goalChoiceNeeded ? '  [基本目標の選択が必要]' : ''}`);
    for (const id of g.planIds) console.log(`      ${nameOf(id)}   {gold: ${goldOf.get(id) ?? '-'}}`);
    for (const r of g.reasons) console.log(`      · ${r}`);
  }

  console.log(`\nFalse positives (${s.falsePositives.length}):`);
  for (const [a, b] of s.falsePositives) console.log(`  ${nameOf(a)}  ×  ${nameOf(b)}`);
  console.log(`\nFalse negatives (${s.falseNegatives.length}), by gold group:`);
  for (const g of GOLD_GROUPS) {
    const miss = s.falseNegatives.filter(([a]) => g.members.includes(a));
    if (miss.length === 0) continue;
    const total = pairsOf([g.members.filter((id) => isMergeCandidate(byId.get(id) as Plan))]).size;
    console.log(`  [${g.label}] ${miss.length}/${total} pairs missed`);
    for (const [a, b] of miss) console.log(`      ${nameOf(a)}  ×  ${nameOf(b)}`);
  }

  console.log('\nThreshold sweep:');
  console.log('  minScore  P       R       F1      B3-F1   groups');
  for (let t = 0.15; t <= 0.601; t += 0.05) {
    const x = evaluateLabelled(Math.round(t * 100) / 100);
    console.log(`  ${x.minScore.toFixed(2)}      ${pct(x.precision).padEnd(7)} ${pct(x.recall).padEnd(7)} ${pct(x.f1).padEnd(7)} ${pct(x.bcubed.f1).padEnd(7)} ${x.groups.length}`);
  }

  for (const n of [1000, 3000]) {
    const plans = syntheticPlans(n);
    const t0 = Date.now();
    const groups = suggestMerges(plans, { synonyms: DEFAULT_SYNONYMS, minScore });
    console.log(`\nTiming: ${n} plans → ${groups.length} groups in ${Date.now() - t0} ms (Node ${process.version})`);
  }
}

if (require.main === module) main();
