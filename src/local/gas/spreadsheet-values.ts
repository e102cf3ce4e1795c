// Cell values for the local SpreadsheetApp: A1 notation, date serials in the spreadsheet's time
// zone, number-format rendering (getDisplayValues) and parsing strings the way Sheets parses
// typed input (setValue/setValues/appendRow). Node only; no Apps Script globals at runtime.
//
// Model (as in Sheets): a cell stores a string, a number or a boolean. A date is a number (days
// since 1899-12-30, wall-clock time of the spreadsheet's time zone) whose number format is a
// date/time format; getValues turns such cells into Date objects. So setNumberFormat('0') on a
// date cell makes getValues return the serial number, exactly like Sheets.

import { zoneFormatter } from './utilities';

export type Scalar = string | number | boolean;

/** Apps Script's default format of a cell nobody formatted (what getNumberFormat returns). */
export const GENERAL_FORMAT = '0.###############';

/** Sheets' cell size limit: "Your input contains more than the maximum of 50000 characters in a single cell." */
export const MAX_CELL_CHARS = 50000;

/** The value getValues returns for a formula the local runtime cannot evaluate. */
export const UNEVALUATED_FORMULA_VALUE = '#ERROR!';

// ---------------------------------------------------------------------------
// A1 notation

export function columnToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellA1(row: number, col: number): string {
  return columnToLetters(col) + row;
}

export interface A1Ref {
  sheetName?: string;
  /** 1-based, inclusive. Missing ends are filled by the caller from the sheet size. */
  row1?: number;
  col1?: number;
  row2?: number;
  col2?: number;
}

const A1_PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses "B2", "A1:C3", "B:B", "2:5", "A2:B", "'シート 1'!A1:B2". Returns null when malformed. */
export function parseA1(input: string): A1Ref | null {
  let text = input.trim();
  let sheetName: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    let name = text.slice(0, bang);
    if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) {
      name = name.slice(1, -1).replace(/''/g, "'");
    }
    if (!name) return null;
    sheetName = name;
    text = text.slice(bang + 1);
  }
  const parts = text.split(':');
  if (parts.length > 2 || !parts[0]) return null;
  const a = A1_PART.exec(parts[0]);
  if (!a || (!a[1] && !a[2])) return null;
  const ref: A1Ref = { sheetName };
  if (a[1]) ref.col1 = lettersToColumn(a[1]);
  if (a[2]) ref.row1 = Number(a[2]);
  if (ref.row1 === 0) return null;
  if (parts.length === 1) {
    // A single cell must name both; "B" or "2" alone is not a range.
    if (!a[1] || !a[2]) return null;
    ref.row2 = ref.row1;
    ref.col2 = ref.col1;
    return ref;
  }
  const b = A1_PART.exec(parts[1]);
  if (!b || (!b[1] && !b[2])) return null;
  if (b[1]) ref.col2 = lettersToColumn(b[1]);
  if (b[2]) ref.row2 = Number(b[2]);
  // "B:B" needs columns on both sides, "2:5" rows on both sides.
  if (!a[2] && !b[1]) return null;
  if (!a[1] && !b[2]) return null;
  if (!a[1] && b[1]) return null;
  if (ref.row1 === 0 || ref.row2 === 0) return null;
  return ref;
}

// ---------------------------------------------------------------------------
// Dates. Serial = days since 1899-12-30 00:00 in the wall-clock time of the spreadsheet's zone.

const MS_PER_DAY = 86400000;
const EPOCH_SERIAL = 25569; // serial of 1970-01-01

const offsetCache = new Map<string, number>();

/** Offset (wall clock minus UTC, ms) of `timeZone` at instant `ms`. Cached per 15 minutes. */
export function zoneOffsetMs(timeZone: string, ms: number): number {
  const bucket = Math.floor(ms / 900000);
  const key = timeZone + '|' + bucket;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const t0 = bucket * 900000;
  // Only the fields read here count; the weekday and era parts are not needed (year is the year of the era either way).
  const parts = zoneFormatter(timeZone).formatToParts(new Date(t0));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  const offset = wall - t0;
  if (offsetCache.size > 100000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

export function dateToSerial(date: Date, timeZone: string): number {
  const ms = date.getTime();
  const wall = ms + zoneOffsetMs(timeZone, ms);
  return wall / MS_PER_DAY + EPOCH_SERIAL;
}

export function serialToDate(serial: number, timeZone: string): Date {
  const wall = Math.round((serial - EPOCH_SERIAL) * MS_PER_DAY);
  let ms = wall - zoneOffsetMs(timeZone, wall);
  ms = wall - zoneOffsetMs(timeZone, ms);
  return new Date(ms);
}

/** Wall-clock serial for calendar fields (month 1-12). */
export function wallSerial(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s) / MS_PER_DAY + EPOCH_SERIAL;
}

/** Works across realms (a Date made inside a vm context is not `instanceof Date` here). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

// ---------------------------------------------------------------------------
// Number formats (a documented subset of the Sheets pattern language:
// https://developers.google.com/sheets/api/guides/formats). Supported: General, "@", numeric
// patterns built of 0 # , . % with literal prefix/suffix and an optional negative section
// ("0", "#,##0", "0.0", "0%", "0.0%", "#,##0.00"…), and date/time patterns of y M d H h m s,
// AM/PM and literals ("yyyy/MM/dd", "yyyy-MM-dd", "yyyy\"年\"M\"月\"d\"日\"", "H:mm:ss"…).
// Anything else renders like General.

export type FormatKind = 'general' | 'text' | 'number' | 'date';

interface CompiledFormat {
  kind: FormatKind;
  render(v: number): string;
}

const compiled = new Map<string, CompiledFormat>();

export function isGeneralFormat(pattern: string | undefined): boolean {
  return pattern === undefined || pattern === '' || pattern === GENERAL_FORMAT || /^general$/i.test(pattern);
}

export function formatKind(pattern: string | undefined): FormatKind {
  return compile(pattern).kind;
}

/** Display string of a stored cell value under `pattern`, as getDisplayValues returns it. */
export function displayValue(v: Scalar | undefined, pattern: string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return compile(pattern).render(v);
}

function compile(pattern: string | undefined): CompiledFormat {
  const key = pattern ?? '';
  let c = compiled.get(key);
  if (!c) {
    c = compileUncached(pattern);
    compiled.set(key, c);
  }
  return c;
}

const GENERAL: CompiledFormat = { kind: 'general', render: renderGeneral };

function compileUncached(pattern: string | undefined): CompiledFormat {
  if (isGeneralFormat(pattern)) return GENERAL;
  const p = pattern as string;
  if (p === '@') return { kind: 'text', render: renderGeneral };
  const sections = splitSections(p);
  const first = tokenize(sections[0]);
  if (first.some((t) => t.type === 'date')) {
    const tokens = resolveDateTokens(first);
    return { kind: 'date', render: (v) => renderDate(v, tokens) };
  }
  const pos = compileNumberSection(first);
  if (!pos) return GENERAL;
  const neg = sections.length > 1 ? compileNumberSection(tokenize(sections[1])) : null;
  return {
    kind: 'number',
    render: (v) => {
      if (v < 0 && neg) return renderNumber(-v, neg);
      const s = renderNumber(Math.abs(v), pos);
      return v < 0 && /[1-9]/.test(s) ? '-' + s : s;
    },
  };
}

/** Automatic ("General") rendering: integers as typed, otherwise up to 10 significant digits. */
function renderGeneral(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1e15 || (abs !== 0 && abs < 1e-9)) {
    const [m, e] = v.toExponential(9).split('e');
    const mant = m.replace(/\.?0+$/, '');
    const exp = Number(e);
    return `${mant}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(Number(v.toPrecision(10)));
}

function splitSections(p: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted && i + 1 < p.length) {
      cur += ch + p[++i];
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

type Token =
  | { type: 'lit'; text: string }
  | { type: 'digit'; ch: string }
  | { type: 'date'; ch: string; len: number }
  | { type: 'ampm' };

function tokenize(section: string): Token[] {
  const out: Token[] = [];
  const s = section;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      const text = end < 0 ? s.slice(i + 1) : s.slice(i + 1, end);
      out.push({ type: 'lit', text });
      i = end < 0 ? s.length : end;
      continue;
    }
    if (ch === '\\' && i + 1 < s.length) {
      out.push({ type: 'lit', text: s[++i] });
      continue;
    }
    if (ch === '[') {
      const end = s.indexOf(']', i + 1);
      const inner = end < 0 ? '' : s.slice(i + 1, end);
      // [$¥-411] is a currency literal; [Red] and the like are colours (ignored).
      if (inner.startsWith('$')) out.push({ type: 'lit', text: inner.slice(1).split('-')[0] });
      else if (/^h+$/i.test(inner)) out.push({ type: 'date', ch: 'h', len: inner.length });
      i = end < 0 ? s.length : end;
      continue;
    }
    if (ch === '_' || ch === '*') {
      i++; // padding directives take the next char; no width locally
      continue;
    }
    if (/^(AM\/PM|am\/pm)/.test(s.slice(i, i + 5))) {
      out.push({ type: 'ampm' });
      i += 4;
      continue;
    }
    if ('0#?,.%'.includes(ch)) {
      out.push({ type: 'digit', ch });
      continue;
    }
    const lower = ch.toLowerCase();
    if ('ymdhs'.includes(lower) && /[a-z]/i.test(ch)) {
      let len = 1;
      while (i + 1 < s.length && s[i + 1].toLowerCase() === lower) {
        len++;
        i++;
      }
      out.push({ type: 'date', ch: lower, len });
      continue;
    }
    out.push({ type: 'lit', text: ch });
  }
  return out;
}

// ---- numbers

interface NumberSection {
  prefix: string;
  suffix: string;
  percent: boolean;
  grouping: boolean;
  intZeros: number;
  maxDecimals: number;
  minDecimals: number;
}

function compileNumberSection(tokens: Token[]): NumberSection | null {
  const firstDigit = tokens.findIndex((t) => t.type === 'digit' && '0#?'.includes(t.ch));
  if (firstDigit < 0) return null;
  let lastDigit = firstDigit;
  tokens.forEach((t, i) => {
    if (t.type === 'digit' && t.ch !== '%') lastDigit = i;
  });
  let prefix = '';
  let suffix = '';
  let percent = false;
  let grouping = false;
  let intZeros = 0;
  let maxDecimals = 0;
  let minDecimals = 0;
  let inDecimals = false;
  tokens.forEach((t, i) => {
    if (t.type === 'digit' && t.ch === '%') {
      percent = true;
      if (i < firstDigit) prefix += '%';
      else suffix += '%';
      return;
    }
    if (i < firstDigit || i > lastDigit) {
      const text = t.type === 'lit' ? t.text : t.type === 'digit' ? t.ch : '';
      if (i < firstDigit) prefix += text;
      else suffix += text;
      return;
    }
    if (t.type !== 'digit') return;
    if (t.ch === '.') inDecimals = true;
    else if (t.ch === ',') grouping = !inDecimals || grouping;
    else if (inDecimals) {
      maxDecimals++;
      if (t.ch === '0') minDecimals = maxDecimals;
    } else if (t.ch === '0') intZeros++;
  });
  return { prefix, suffix, percent, grouping, intZeros, maxDecimals, minDecimals };
}

function roundTo(v: number, decimals: number): string {
  // Exponent arithmetic avoids 1.005.toFixed(2) === "1.00".
  const r = Number(Math.round(Number(`${v}e${decimals}`)) + `e-${decimals}`);
  return Number.isFinite(r) ? r.toFixed(decimals) : v.toFixed(decimals);
}

function renderNumber(abs: number, f: NumberSection): string {
  const v = f.percent ? abs * 100 : abs;
  let [intPart, decPart = ''] = roundTo(v, f.maxDecimals).split('.');
  while (decPart.length > f.minDecimals && decPart.endsWith('0')) decPart = decPart.slice(0, -1);
  if (intPart === '0' && f.intZeros === 0) intPart = '';
  intPart = intPart.padStart(f.intZeros, '0');
  if (f.grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = decPart ? `${intPart}.${decPart}` : intPart;
  return f.prefix + body + f.suffix;
}

// ---- dates

type DateToken =
  | { type: 'lit'; text: string }
  | { type: 'y' | 'M' | 'd' | 'h' | 'm' | 's'; len: number }
  | { type: 'ampm' };

function resolveDateTokens(tokens: Token[]): DateToken[] {
  const fields = tokens.filter((t) => t.type === 'date' || t.type === 'ampm');
  const out: DateToken[] = [];
  let fi = -1;
  for (const t of tokens) {
    if (t.type === 'lit') out.push(t);
    else if (t.type === 'digit') out.push({ type: 'lit', text: t.ch });
    else if (t.type === 'ampm') {
      fi++;
      out.push(t);
    } else {
      fi++;
      if (t.ch === 'm') {
        // Sheets: "m" is minutes right after an hour or right before seconds, else month.
        const prev = fields[fi - 1];
        const next = fields[fi + 1];
        const minute =
          (prev && prev.type === 'date' && prev.ch === 'h') || (next && next.type === 'date' && next.ch === 's');
        out.push({ type: minute ? 'm' : 'M', len: t.len });
      } else {
        out.push({ type: t.ch as 'y' | 'd' | 'h' | 's', len: t.len });
      }
    }
  }
  return out;
}

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];

function renderDate(serial: number, tokens: DateToken[]): string {
  const ms = Math.round((serial - EPOCH_SERIAL) * MS_PER_DAY);
  const d = new Date(ms);
  const twelve = tokens.some((t) => t.type === 'ampm');
  const pad = (n: number, len: number) => String(n).padStart(len, '0');
  let out = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'lit':
        out += t.text;
        break;
      case 'y':
        out += t.len <= 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), 4);
        break;
      case 'M':
        out += t.len >= 3 ? `${d.getUTCMonth() + 1}月` : pad(d.getUTCMonth() + 1, t.len);
        break;
      case 'd':
        if (t.len === 3) out += WEEKDAYS_JA[d.getUTCDay()];
        else if (t.len >= 4) out += WEEKDAYS_JA[d.getUTCDay()] + '曜日';
        else out += pad(d.getUTCDate(), t.len);
        break;
      case 'h': {
        const h = d.getUTCHours();
        out += pad(twelve ? h % 12 || 12 : h, Math.min(t.len, 2));
        break;
      }
      case 'm':
        out += pad(d.getUTCMinutes(), Math.min(t.len, 2));
        break;
      case 's':
        out += pad(d.getUTCSeconds(), Math.min(t.len, 2));
        break;
      case 'ampm':
        out += d.getUTCHours() < 12 ? 'AM' : 'PM';
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Parsing typed input (ja_JP spreadsheet locale).

export type Entered =
  | { kind: 'empty' }
  | { kind: 'value'; value: Scalar; format?: string }
  | { kind: 'formula'; formula: string };

export const FORMATS = {
  date: 'yyyy/MM/dd',
  monthDay: 'M/d',
  dateTime: 'yyyy/MM/dd H:mm:ss',
  time: 'H:mm:ss',
  dateJa: 'yyyy"年"M"月"d"日"',
  percent: '0%',
  percentDecimals: '0.00%',
  grouped: '#,##0',
  groupedDecimals: '#,##0.00',
  scientific: '0.00E+00',
} as const;

const NUMBER_RE = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?(%)?$/;
const YMD_RE = /^(\d{1,4})([/-])(\d{1,2})\2(\d{1,2})(?:\s+(.+))?$/;
const MD_RE = /^(\d{1,2})([/-])(\d{1,2})$/;
const JA_DATE_RE = /^(?:(\d{1,4})年)?(\d{1,2})月(\d{1,2})日(?:\s*(.+))?$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

/** Seconds since midnight of "9:30", "9:30:15", "9:30 PM"; null when not a time. */
function parseTime(s: string): number | null {
  const m = TIME_RE.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const sec = m[3] ? Number(m[3]) : 0;
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (/p/i.test(m[4]) ? 12 : 0);
  }
  if (h > 23 || mi > 59 || sec > 59) return null;
  return h * 3600 + mi * 60 + sec;
}

function dateSerial(y: number, mo: number, d: number, seconds = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return wallSerial(y, mo, d, 0, 0, seconds);
}

/**
 * What Sheets stores when `text` is typed into a cell whose number format is `format`.
 * `currentYear` completes month-day input such as "1-2".
 */
export function parseEntered(text: string, format: string | undefined, currentYear: number): Entered {
  if (text === '') return { kind: 'empty' };
  if (text.startsWith("'")) {
    const rest = text.slice(1);
    return rest === '' ? { kind: 'empty' } : { kind: 'value', value: rest };
  }
  if (text.startsWith('=')) return { kind: 'formula', formula: text };
  if (format === '@') return { kind: 'value', value: text };
  const general = isGeneralFormat(format);
  const auto = (f: string): string | undefined => (general ? f : undefined);
  const s = text.trim();

  if (/^(true|false)$/i.test(s)) return { kind: 'value', value: /^true$/i.test(s) };

  const acct = /^\((\d[\d,]*(?:\.\d+)?)\)$/.exec(s);
  const num = NUMBER_RE.exec(acct ? '-' + acct[1] : s);
  if (num && (num[2] !== undefined || num[3] !== undefined)) {
    const [, sign, intPart = '0', dec, exp, pct] = num;
    let value = Number(`${intPart.replace(/,/g, '')}${dec ? '.' + dec : ''}${exp ? 'e' + exp : ''}`);
    if (sign === '-') value = -value;
    if (pct) {
      value = Number((value / 100).toPrecision(15));
      return { kind: 'value', value, format: auto(dec ? FORMATS.percentDecimals : FORMATS.percent) };
    }
    if (exp) return { kind: 'value', value, format: auto(FORMATS.scientific) };
    if (intPart.includes(',')) {
      return { kind: 'value', value, format: auto(dec ? FORMATS.groupedDecimals : FORMATS.grouped) };
    }
    return { kind: 'value', value };
  }

  const ymd = YMD_RE.exec(s);
  if (ymd) {
    const time = ymd[5] === undefined ? 0 : parseTime(ymd[5]);
    const serial = time === null ? null : dateSerial(fullYear(ymd[1]), Number(ymd[3]), Number(ymd[4]), time);
    if (serial !== null) {
      return {
        kind: 'value',
        value: serial,
        format: auto(ymd[5] === undefined ? FORMATS.date : FORMATS.dateTime),
      };
    }
  }
  const md = MD_RE.exec(s);
  if (md) {
    const serial = dateSerial(currentYear, Number(md[1]), Number(md[3]));
    if (serial !== null) return { kind: 'value', value: serial, format: auto(FORMATS.monthDay) };
  }
  const ja = JA_DATE_RE.exec(s);
  if (ja) {
    const time = ja[4] === undefined ? 0 : parseTime(ja[4]);
    const serial = time === null ? null : dateSerial(ja[1] ? fullYear(ja[1]) : currentYear, Number(ja[2]), Number(ja[3]), time);
    if (serial !== null) {
      return { kind: 'value', value: serial, format: auto(ja[4] === undefined ? FORMATS.dateJa : FORMATS.dateTime) };
    }
  }
  const time = parseTime(s);
  if (time !== null) return { kind: 'value', value: time / 86400, format: auto(FORMATS.time) };

  // Sheets reads a leading + or - as the start of a formula ("+81 90-…" shows #ERROR!).
  if (/^[+-]./.test(text)) return { kind: 'formula', formula: '=' + text };
  return { kind: 'value', value: text };
}
