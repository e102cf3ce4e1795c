// Japanese eras, fiscal years (年度, April–March) and period column headers.

import type { CellValue, Period, PeriodKind } from './model';
import { nfkc } from './text';

interface Era {
  name: string;
  abbr: string;
  /** Western year of era year 1 (元年). */
  start: number;
  /** Last era year (inclusive) that is meaningful; later eras take over. */
  last: number;
}

const ERAS: readonly Era[] = [
  { name: '令和', abbr: 'R', start: 2019, last: 99 },
  { name: '平成', abbr: 'H', start: 1989, last: 31 },
  { name: '昭和', abbr: 'S', start: 1926, last: 64 },
];

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function eraByName(nameOrAbbr: string): Era | undefined {
  const k = nameOrAbbr.toUpperCase();
  return ERAS.find((e) => e.name === nameOrAbbr || e.abbr === k);
}

/** 令和7 → 2025, 平成31 → 2019, 令和元 → 2019; null when out of the era's range. */
export function eraToWestern(era: string, n: number): number | null {
  const e = eraByName(era);
  if (!e || !Number.isInteger(n) || n < 1 || n > e.last) return null;
  return e.start + n - 1;
}

/** The fiscal year (April–March) a date falls in, in the script's time zone. */
export function fiscalYearOf(date: Date): number {
  const y = date.getFullYear();
  return date.getMonth() < 3 ? y - 1 : y;
}

function eraOf(fy: number): { era: Era; n: number } | null {
  for (const e of ERAS) if (fy >= e.start) return { era: e, n: fy - e.start + 1 };
  return null;
}

/** 2025 → '令和7年度', 2019 → '令和元年度', 2018 → '平成30年度'. */
export function warekiLabel(fy: number): string {
  const e = eraOf(fy);
  if (!e) return `${fy}年度`;
  return `${e.era.name}${e.n === 1 ? '元' : e.n}年度`;
}

const KIND_SUFFIX: Record<PeriodKind, string> = { year: '', mid: '中間', target: '目標', baseline: '基準' };
const KIND_LONG: Record<PeriodKind, string> = { year: '実績', mid: '中間', target: '目標', baseline: '基準' };

/** { 2025, 'mid' } → 'R7中間'; { 2025, 'year' } → 'R7'. */
export function shortLabel(p: Period): string {
  const e = eraOf(p.fiscalYear);
  const base = e ? `${e.era.abbr}${e.n}` : `FY${p.fiscalYear}`;
  return base + KIND_SUFFIX[p.kind];
}

/** { 2025, 'year' } → '令和7年度実績'; { 2025, 'mid' } → '令和7年度中間' (template headers). */
export function periodLabel(p: Period): string {
  return warekiLabel(p.fiscalYear) + KIND_LONG[p.kind];
}

/** Stable key for maps: '2025:mid'. */
export function periodKey(p: Period): string {
  return `${p.fiscalYear}:${p.kind}`;
}

const KIND_ORDER: Record<PeriodKind, number> = { baseline: 0, mid: 1, year: 2, target: 3 };

/** Chronological order: by fiscal year, mid-year before year-end. Baseline/target sort within their year. */
export function comparePeriods(a: Period, b: Period): number {
  return a.fiscalYear - b.fiscalYear || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

// --- header parsing -------------------------------------------------------------------------

const ERA_FULL_RE = /(令和|平成|昭和)(元|\d{1,2})年(度)?/;
const ERA_ABBR_RE = /(?<![A-Z])([RHS])\.?(元|\d{1,2})(年度|年)?(?!\d)/;
const FY_RE = /(?<![A-Z])FY\.?(\d{4}|\d{2})(?!\d)/;
const WESTERN_RE = /(?<!\d)(\d{4})(年度|年)?(?!\d)/;
const MONTH_RE = /^(\d{1,2})月(末)?/;

// Words that may surround the year in a period header, with the kind they imply.
// Longer words first, so 中間値 is removed before 中間 would leave a stray 値.
const KIND_WORDS: ReadonlyArray<[string, PeriodKind | null]> = [
  ['中間実績値', 'mid'], ['中間実績', 'mid'], ['中間値', 'mid'], ['中間', 'mid'], ['上半期', 'mid'],
  ['上期', 'mid'], ['半期', 'mid'], ['見込み', 'mid'], ['見込', 'mid'],
  // Per-year columns of a 進行管理表: the year's plan and target, and what was done.
  ['最終目標値', 'target'], ['最終目標', 'target'], ['取組内容及び目標', 'target'], ['内容及び目標', 'target'], ['目標及び内容', 'target'], ['計画及び目標', 'target'],
  ['取組目標', 'target'], ['年度目標', 'target'], ['計画値', 'target'], ['計画', 'target'],
  ['実績及び評価', 'year'], ['取組実績', 'year'], ['実施結果', 'year'], ['取組結果', 'year'],
  // A year's progress written in words (取組状況（R6）): that year's figure, read as a status.
  ['取組状況', 'year'], ['進捗状況', 'year'], ['実施状況', 'year'], ['進捗', 'year'],
  ['目標値', 'target'], ['目標', 'target'],
  ['基準値', 'baseline'], ['基準', 'baseline'], ['現状値', 'baseline'], ['現状', 'baseline'], ['策定時', 'baseline'],
  ['実績値', 'year'], ['実績', 'year'], ['評価', 'year'], ['結果', 'year'], ['年度末', 'year'],
  ['時点', null], ['末', null], ['値', null], ['の', null], ['年度', null],
];

/**
 * A period column header → Period, or null when the header is not (only) a period.
 * Recognises 令和7年度, R7, R7中間, 令和6年度実績, 令和5年度（中間）, 平成29年度評価, H29,
 * 2025年度, FY2025, 令和元年度, R7目標, 目標値(令和6年度), 実績値 令和4年度 (merged two-row
 * headers joined), 令和7年9月末 (→ mid of FY2025), 令和8年3月末 (→ year-end of FY2025).
 * Text beyond the year and these words (e.g. 令和7年度の取組) makes it null. Never throws.
 */
export function parsePeriodHeader(header: string): Period | null {
  if (typeof header !== 'string') return null;
  if (header.length > 60) return null;
  let s = nfkc(header).replace(/[\s]+/g, '').toUpperCase();
  if (!s) return null;
  const found = findYear(s);
  if (!found) return null;
  let fiscalYear = found.year;
  let kind: PeriodKind | null = null;
  s = s.slice(0, found.index) + '\u0000' + s.slice(found.index + found.length);
  // A month right after a calendar year: 令和7年9月末.
  if (found.calendar) {
    const after = s.slice(s.indexOf('\u0000') + 1);
    const m = MONTH_RE.exec(after);
    if (m) {
      const month = Number(m[1]);
      if (month < 1 || month > 12) return null;
      if (month <= 3) fiscalYear -= 1;
      kind = month === 3 ? 'year' : 'mid';
      s = s.replace('\u0000' + m[0], '\u0000');
    } else if (after.startsWith('末')) {
      // 令和3年末: a calendar-year figure, read as that year's annual value.
      kind = 'year';
      s = s.replace('\u0000末', '\u0000');
    }
  }
  let rest = s.replace('\u0000', '').replace(/[()[\]{}「」【】〈〉<>・/:;,、。.\-~〜]/g, '');
  const kinds = new Set<PeriodKind>();
  if (kind) kinds.add(kind);
  for (const [word, k] of KIND_WORDS) {
    if (!rest.includes(word)) continue;
    rest = rest.split(word).join('');
    if (k) kinds.add(k);
  }
  // "実績値" above "令和7年度中間" (merged two-row header) is a mid-year actual.
  if (kinds.size > 1) kinds.delete('year');
  if (kinds.size > 1) return null;
  kind = kinds.size ? [...kinds][0] : null;
  if (rest !== '') return null;
  if (fiscalYear < MIN_YEAR || fiscalYear > MAX_YEAR) return null;
  return { fiscalYear, kind: kind ?? 'year' };
}

/**
 * The fiscal year named anywhere in a header (令和6年度の課題 → 2024), or null when it names none
 * or a span of years. For columns that are not period columns but belong to one year.
 */
export function yearInHeader(header: string): number | null {
  if (typeof header !== 'string' || header.length > 80) return null;
  const found = findYear(nfkc(header).replace(/\s+/g, '').toUpperCase());
  if (!found || found.year < MIN_YEAR || found.year > MAX_YEAR) return null;
  return found.year;
}

interface YearMatch {
  year: number;
  index: number;
  length: number;
  /** The header named a calendar year (年 without 度), so a month may follow. */
  calendar: boolean;
}

function findYear(s: string): YearMatch | null {
  const matches: YearMatch[] = [];
  let m = ERA_FULL_RE.exec(s);
  if (m) {
    const y = eraToWestern(m[1], m[2] === '元' ? 1 : Number(m[2]));
    if (y === null) return null;
    matches.push({ year: y, index: m.index, length: m[0].length, calendar: !m[3] });
  }
  if (!matches.length) {
    m = ERA_ABBR_RE.exec(s);
    if (m) {
      const y = eraToWestern(m[1], m[2] === '元' ? 1 : Number(m[2]));
      if (y === null) return null;
      matches.push({ year: y, index: m.index, length: m[0].length, calendar: m[3] === '年' });
    }
  }
  if (!matches.length) {
    m = FY_RE.exec(s);
    if (m) {
      const y = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
      matches.push({ year: y, index: m.index, length: m[0].length, calendar: false });
    }
  }
  if (!matches.length) {
    m = WESTERN_RE.exec(s);
    if (m) matches.push({ year: Number(m[1]), index: m.index, length: m[0].length, calendar: m[2] === '年' });
  }
  if (!matches.length) return null;
  const first = matches[0];
  // A second year in the same header (令和4年度〜令和6年度) is a span, not a period.
  const rest = s.slice(0, first.index) + s.slice(first.index + first.length);
  if (ERA_FULL_RE.test(rest) || /\d{4}/.test(rest) || ERA_ABBR_RE.test(rest)) return null;
  return first;
}

/**
 * A year cell (基準年度, 目標年度, 評価年度): 令和2年度, R2, 2020, H29, 2020年度, a number, or a
 * Date (its fiscal year). Null when it is not a year.
 */
export function parseFiscalYear(value: CellValue | undefined | null): number | null {
  if (value === undefined || value === null || typeof value === 'boolean') return null;
  if (value instanceof Date) return isNaN(value.getTime()) ? null : fiscalYearOf(value);
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR ? value : null;
  }
  const p = parsePeriodHeader(value);
  return p ? p.fiscalYear : null;
}
