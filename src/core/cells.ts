// Small helpers for the cells the add-on writes: escaping, number and year
// formatting. Pure and deterministic (no Intl, no locale): the same input gives the same text.

import type { Grid } from './model';
import { cellText, groupDigits } from './text';
import { shortLabel } from './periods';

export { a1 } from './a1';

// Sheets turns a string that looks like a formula, number, date, time or boolean into that
// type when it is written with setValues. A leading "'" keeps it as text (and is not shown).
// Anything starting with a digit or a sign is escaped, not only what parses today: the
// apostrophe is invisible, a wrong guess would silently turn "1-2" into 2 January.
const RISKY_START = /^[\s=+\-@'#.,(（$¥￥€£\d０-９＋－＝＠＃．\u2212]/;
const BOOLEAN_LIKE = /^\s*(true|false|ｔｒｕｅ|ｆａｌｓｅ)\s*$/i;

/** The text Sheets stores for a string written with setValues after escapeCell. */
export function unescapeCell(s: string): string {
  return s.startsWith("'") ? s.slice(1) : s;
}

/** Escape a string for setValues so Sheets keeps it as the same text. */
export function escapeCell(s: string): string {
  if (s === '') return s;
  if (RISKY_START.test(s) || BOOLEAN_LIKE.test(s)) return "'" + s;
  return s;
}

/** Fiscal year (Western start year) to the short label used in the sheets: 2022 → R4, 2017 → H29. */
export function fyLabel(fy: number): string {
  return shortLabel({ fiscalYear: fy, kind: 'year' });
}

/** Integer-grouped number without locale: 1049 → "1,049", 0.5 → "0.5", 1234.5678 → "1,234.57". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n * 100)) return '−';
  // Output text uses the typographic minus (U+2212), as the report does.
  return (n < 0 ? '−' : '') + groupDigits(Math.round(Math.abs(n) * 100) / 100);
}

/** Ratio to percent text with one decimal; negatives use "−" (U+2212): 2.1454 → "214.5%". */
export function formatPercent(ratio: number): string {
  // A ratio that is not a number is never shown as "Infinity%" or "NaN%".
  if (!Number.isFinite(ratio * 1000)) return '−';
  const p = Math.round(ratio * 1000) / 10;
  // Thousands grouped like every other figure: 14,082.9%.
  const [int, frac] = Math.abs(p).toFixed(1).split('.');
  return (p < 0 ? '−' : '') + groupDigits(Number(int)) + '.' + frac + '%';
}

/** Text of one cell of a grid read back: the display string when present, else the value. */
export function gridCellText(grid: Grid, r: number, c: number): string {
  return cellText(grid.values[r]?.[c], grid.display?.[r]?.[c]).trim();
}
