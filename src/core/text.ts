// Text normalisation shared by the parsers. Parsing works on normalised text; the original
// text is always kept by the caller for display.

import type { CellValue } from './model';

// Characters NFKC would turn into plain digits and so change the meaning of a cell:
// ① → 1 (so "①7種" would read as 17), ² → 2, ㎡ → m2. They are kept as typed and handled
// explicitly by the parsers.
const NFKC_PROTECTED = /[\u2460-\u24ff\u2776-\u2793\u00b2\u00b3\u00b9\u2070-\u209f\u3251-\u325f\u32b1-\u32bf\u33a1]/;
const NFKC_SAFE = /[^\u2460-\u24ff\u2776-\u2793\u00b2\u00b3\u00b9\u2070-\u209f\u3251-\u325f\u32b1-\u32bf\u33a1]+/g;

/** NFKC, except for circled/superscript digits (see NFKC_PROTECTED). */
export function nfkc(s: string): string {
  if (!NFKC_PROTECTED.test(s)) return s.normalize('NFKC');
  return s.replace(NFKC_SAFE, (part) => part.normalize('NFKC')).replace(/\u33a1/g, 'm²');
}

/** Dashes and long-vowel marks people type for "nothing" or for a hyphen. */
export const DASHES = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d\u2500\u2501\uff70';
const DASH_RE = new RegExp(`[${DASHES}]`, 'g');
const LONE_DASH_RE = new RegExp(`^[${DASHES}]+$`);

/** True for a cell that holds only dashes ("-", "—", "―", "ー", "－"): means "nothing". */
export function isLoneDash(s: string): boolean {
  return LONE_DASH_RE.test(s.trim());
}

/** Collapse runs of whitespace (incl. ideographic space and newlines) into one space; trim. */
export function squash(s: string): string {
  return s.replace(/[\s\u3000]+/g, ' ').trim();
}

/** Normalised text for parsing: NFKC + whitespace squashed. */
export function norm(s: string): string {
  return squash(nfkc(s));
}

/** Key used to compare headers: NFKC, no whitespace, no brackets, upper-case ASCII. */
export function headerKey(s: string): string {
  return nfkc(s)
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()[\]{}<>「」『』【】〈〉《》]/g, '')
    .replace(/[※*＊:：.。・]/g, '')
    .toUpperCase();
}

/**
 * A code (プランID, 基本目標 1-2, 個別施策 1-2-3, 1-①-ア, (3)): full-width ASCII to half-width,
 * every dash to "-", spaces removed. Circled digits are kept (they are part of the code).
 */
export function normalizeCode(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(DASH_RE, '-')
    .replace(/[\s\u3000]+/g, '')
    .trim();
}

/** Text of a cell for reading names and codes: display string when given, else the value. */
export function cellText(value: CellValue | undefined | null, display?: string): string {
  if (display !== undefined && display !== null && display !== '') return String(display);
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return formatDate(value);
  return String(value);
}

/** yyyy/mm/dd in the script's time zone (local getters: Apps Script returns local dates). */
export function formatDate(d: Date): string {
  if (isNaN(d.getTime())) return '';
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}/${mm}/${dd}`;
}

/** ISO yyyy-mm-dd (local date). */
export function isoDate(d: Date): string {
  return formatDate(d).replace(/\//g, '-');
}

/**
 * Department cells often hold several names: "道路河川課 都市計画課 下水道施設課",
 * "文化振興課、博物館", "情報政策課及び 基幹系システム利用課", "情報政策課ほか".
 * Returns the names in order; the first is the lead department.
 */
export function splitDepartments(s: string): string[] {
  const t = nfkc(s).replace(/(ほか|他|等)$/, '');
  return t
    .split(/[、,，/／\n\r\t;；]|\s+|及び|および/)
    .map((x) => x.trim().replace(/(ほか|他)$/, ''))
    .filter((x) => x !== '' && x !== 'ほか');
}

/** Levenshtein distance, small strings only (department names, headers). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within a small distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c.includes(word) || word.includes(c)) {
      const d = Math.abs(c.length - word.length);
      if (d < bestD) {
        best = c;
        bestD = d;
      }
      continue;
    }
    const d = editDistance(word, c);
    if (d < bestD && d <= Math.max(1, Math.floor(Math.min(word.length, c.length) / 3))) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Shorten long text for messages. */
export function clip(s: string, max = 40): string {
  const t = squash(s);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** 1049 → "1,049", 0.5 → "0.5" (no Intl: the same text everywhere). */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = /e/i.test(int) ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 ? '-' : '') + grouped + (frac ? `.${frac}` : '');
}

/** Text for an HTML text or attribute position: the five characters that could open markup. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
