// Figures that are readable but implausible (要確認): a rate above 100 %, or a figure ten times
// (or a tenth of) the one before it. One rule for 入力チェック (警告 with the cell) and for the
// report (要確認 list and footnotes, in words). Pure.
import type { Indicator, Parsed, Period } from './model';
import { comparePeriods, periodLabel, warekiLabel } from './periods';
import { normalizeUnit, unitsCompatible } from './values';

const RATE_NAME = /率|割合/;
const GROWTH_NAME = /増加率|伸び率|前年比|対前年|成長率|倍率/;

type NumberCell = Parsed & { kind: 'number' };

export interface Outlier {
  kind: 'over100' | 'jump';
  field: 'target' | 'baseline' | 'actual';
  /** A1 of the figure on the progress sheet ('' when unknown). */
  cell: string;
  /** The figure's period for an actual. */
  period?: Period;
  /** 基準値 / 目標値 / 令和4年度実績 … */
  label: string;
  figure: NumberCell;
  /** For 'jump': the figure before it. */
  prev?: { label: string; figure: NumberCell };
  /** For 'jump': ten times up (true) or a tenth (false). */
  up?: boolean;
}

/** True when the indicator is a share (率・割合), not a growth rate. */
export function isRateIndicator(ind: Indicator): boolean {
  return RATE_NAME.test(ind.name) && !GROWTH_NAME.test(ind.name);
}

/** Outliers of one indicator, in sheet order (target, baseline, actuals, then jumps). */
export function figureOutliers(ind: Indicator, cells: { target: string; baseline: string }): Outlier[] {
  const out: Outlier[] = [];
  const rate = isRateIndicator(ind);
  const over100 = (p: Parsed, field: Outlier['field'], cell: string, label: string, period?: Period) => {
    if (!rate || p.kind !== 'number') return;
    if (normalizeUnit(p.unit || ind.unit) === '%' && p.value > 100) out.push({ kind: 'over100', field, cell, label, figure: p, period });
  };
  over100(ind.target.value, 'target', cells.target, '目標値');
  over100(ind.baseline.value, 'baseline', cells.baseline, '基準値');
  for (const a of ind.actuals) {
    const v = a.value;
    if (v.kind !== 'number' || ind.direction === 'milestone' || ind.target.value.kind === 'milestone') continue;
    over100(v, 'actual', a.cell, `${periodLabel(a.period)}の実績値`, a.period);
  }

  // Tenfold jumps between consecutive figures (baseline, then year-end figures).
  const seq: { label: string; p: NumberCell; cell: string; field: Outlier['field']; period?: Period }[] = [];
  const b = ind.baseline.value;
  if (b.kind === 'number') {
    seq.push({ label: ind.baseline.fiscalYear ? `${warekiLabel(ind.baseline.fiscalYear)}の基準値` : '基準値', p: b, cell: cells.baseline, field: 'baseline' });
  }
  const ordered = ind.actuals
    .filter((a) => a.value.kind === 'number' && (a.period.kind === 'year' || !ind.accumulates))
    .sort((x, y) => comparePeriods(x.period, y.period));
  for (const a of ordered) seq.push({ label: periodLabel(a.period), p: a.value as NumberCell, cell: a.cell, field: 'actual', period: a.period });
  for (let i = 1; i < seq.length; i++) {
    const prev = seq[i - 1];
    const cur = seq[i];
    if (!unitsCompatible(prev.p.unit || ind.unit, cur.p.unit || ind.unit)) continue;
    const x = Math.abs(prev.p.value);
    const y = Math.abs(cur.p.value);
    if (x > 0 && y > 0 && (y >= x * 10 || x >= y * 10)) {
      out.push({ kind: 'jump', field: cur.field, cell: cur.cell, period: cur.period, label: cur.label, figure: cur.p,
        prev: { label: prev.label, figure: prev.p }, up: y > x });
    }
  }
  return out;
}
