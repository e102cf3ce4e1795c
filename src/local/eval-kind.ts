// Measures the 積み上げ / 水準 rule (src/core/kind.ts) against real indicator names labelled by
// hand (test/fixtures/kind-labels.ts, sources cited there).
// Run: npm run eval:kind  (add --all to list every name with its cue)

import { inferKind } from '../core/kind';
import { KIND_LABELS, SOURCES, type KindLabel, type LabelledIndicator } from '../../test/fixtures/kind-labels';

export interface KindScores {
  total: number;
  correct: number;
  accuracy: number;
  /** Per true class: how many were labelled so, and how many of those the rule got right. */
  byLabel: Record<KindLabel, { total: number; correct: number }>;
  /** Precision / recall of 'flow' (the class the mid-year pace applies to). */
  flowPrecision: number;
  flowRecall: number;
  errors: Array<{ item: LabelledIndicator; predicted: KindLabel; cue: string }>;
}

export function evaluateKinds(items: readonly LabelledIndicator[] = KIND_LABELS): KindScores {
  const byLabel: KindScores['byLabel'] = { flow: { total: 0, correct: 0 }, level: { total: 0, correct: 0 } };
  const errors: KindScores['errors'] = [];
  let predictedFlow = 0;
  let truePositive = 0;
  for (const item of items) {
    const g = inferKind(item.name, item.unit, item.cumulative ?? false);
    const predicted: KindLabel = g.accumulates ? 'flow' : 'level';
    byLabel[item.kind].total++;
    if (predicted === 'flow') predictedFlow++;
    if (predicted === item.kind) {
      byLabel[item.kind].correct++;
      if (predicted === 'flow') truePositive++;
    } else errors.push({ item, predicted, cue: `${g.cue}: ${g.why}` });
  }
  const correct = byLabel.flow.correct + byLabel.level.correct;
  return {
    total: items.length, correct, accuracy: items.length ? correct / items.length : 1, byLabel,
    flowPrecision: predictedFlow ? truePositive / predictedFlow : 1,
    flowRecall: byLabel.flow.total ? truePositive / byLabel.flow.total : 1,
    errors,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function main(): void {
  const s = evaluateKinds();
  const sources = new Set(KIND_LABELS.map((x) => x.source));
  console.log(`積み上げ/水準の推定: ${s.total} 指標（出典 ${sources.size} 件）`);
  console.log(`  正解率 ${pct(s.accuracy)}（${s.correct}/${s.total}）`);
  console.log(`  積み上げ: ${s.byLabel.flow.correct}/${s.byLabel.flow.total} 正解、適合率 ${pct(s.flowPrecision)}・再現率 ${pct(s.flowRecall)}`);
  console.log(`  水準:     ${s.byLabel.level.correct}/${s.byLabel.level.total} 正解`);
  if (s.errors.length) {
    console.log('\n誤り（正解 → 推定: 手がかり）:');
    for (const e of s.errors) {
      console.log(`  ${e.item.name}［${e.item.unit || '単位なし'}］ ${e.item.kind} → ${e.predicted}: ${e.cue}（${e.item.source}）`);
    }
  }
  if (process.argv.includes('--all')) {
    console.log('\nすべて:');
    for (const x of KIND_LABELS) {
      const g = inferKind(x.name, x.unit, x.cumulative ?? false);
      console.log(`  ${g.accumulates ? '積み上げ' : '水準  '} ${x.kind === (g.accumulates ? 'flow' : 'level') ? '✓' : '✗'} ${x.name}［${x.unit}］ ${g.cue}: ${g.why}`);
    }
  }
  console.log('\n出典:');
  for (const k of sources) console.log(`  ${k}: ${SOURCES[k]}`);
}

if (require.main === module) main();
