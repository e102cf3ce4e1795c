// Local Utilities, Blob and Logger, following
// https://developers.google.com/apps-script/reference/utilities/utilities,
// https://developers.google.com/apps-script/reference/base/blob and
// https://developers.google.com/apps-script/reference/base/logger.
// Where the reference is silent the stricter behaviour is chosen (see the contract tests).

import { randomUUID } from 'node:crypto';
import type { CallCounter } from './counter';

type Byte = GoogleAppsScript.Byte;
type Charset = GoogleAppsScript.Utilities.Charset;

/** Apps Script enums are objects whose values print as their names; strings model that. */
export const LocalCharset = {
  US_ASCII: 'US_ASCII',
  UTF_8: 'UTF_8',
} as unknown as typeof GoogleAppsScript.Utilities.Charset;

/** The error Apps Script raises when an argument has the wrong type. */
export function signatureError(method: string, args: readonly unknown[]): Error {
  const types = args.map(gasTypeName).join(',');
  return new Error(`The parameters (${types}) don't match the method signature for ${method}.`);
}

function gasTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'number[]';
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  return 'Object';
}

// ---------------------------------------------------------------------------
// Bytes: Apps Script byte[] values are Java bytes, i.e. signed (-128..127).

export function toSignedBytes(buf: Uint8Array): Byte[] {
  const out: Byte[] = new Array(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = buf[i] > 127 ? buf[i] - 256 : buf[i];
  return out;
}

export function fromBytes(method: string, data: readonly unknown[]): Buffer {
  const buf = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    // Stricter than a silent truncation: a value outside the byte range is a caller bug.
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) {
      throw new Error(`${method}: byte[${i}] is ${String(b)}, not a byte (-128..127).`);
    }
    buf[i] = b & 0xff;
  }
  return buf;
}

function charsetEncoding(charset: unknown): 'utf8' | 'ascii' {
  const name = String(charset);
  if (name === 'UTF_8' || /^utf-?8$/i.test(name)) return 'utf8';
  if (name === 'US_ASCII' || /^us-ascii$/i.test(name)) return 'ascii';
  throw new Error(`Unsupported charset: ${name}`);
}

function encodeString(s: string, charset?: unknown): Buffer {
  if (charset === undefined || charsetEncoding(charset) === 'utf8') return Buffer.from(s, 'utf8');
  // US-ASCII in Java replaces unmappable characters with '?'.
  return Buffer.from(s.replace(/[^\x00-\x7f]/g, '?'), 'latin1');
}

// ---------------------------------------------------------------------------
// Blob

const EXTENSION_TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  js: 'application/javascript',
  css: 'text/css',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
};

/** https://developers.google.com/apps-script/reference/base/blob */
export class LocalBlob implements GoogleAppsScript.Base.Blob {
  private bytes: Buffer;

  constructor(
    private readonly counter: CallCounter,
    data: Buffer,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    this.bytes = Buffer.from(data);
  }

  copyBlob(): LocalBlob {
    this.counter.count('Blob.copyBlob');
    return new LocalBlob(this.counter, this.bytes, this.contentType, this.name);
  }

  getAs(contentType: string): LocalBlob {
    this.counter.count('Blob.getAs');
    // Real conversions (PDF, images) need Google's servers; only the identity conversion is local.
    if (contentType !== this.contentType) {
      throw new Error(
        `Blob.getAs: the local runtime cannot convert ${String(this.contentType)} to ${contentType}.`,
      );
    }
    return new LocalBlob(this.counter, this.bytes, this.contentType, this.name);
  }

  getBlob(): LocalBlob {
    this.counter.count('Blob.getBlob');
    return this;
  }

  getBytes(): Byte[] {
    this.counter.count('Blob.getBytes');
    return toSignedBytes(this.bytes);
  }

  getContentType(): string | null {
    this.counter.count('Blob.getContentType');
    return this.contentType;
  }

  getDataAsString(charset?: string): string {
    this.counter.count('Blob.getDataAsString');
    return charset === undefined || charsetEncoding(charset) === 'utf8'
      ? this.bytes.toString('utf8')
      : this.bytes.toString('ascii');
  }

  getName(): string | null {
    this.counter.count('Blob.getName');
    return this.name;
  }

  isGoogleType(): boolean {
    this.counter.count('Blob.isGoogleType');
    return false;
  }

  setBytes(data: Byte[]): LocalBlob {
    this.counter.count('Blob.setBytes');
    if (!Array.isArray(data)) throw signatureError('Blob.setBytes', [data]);
    this.bytes = fromBytes('Blob.setBytes', data);
    return this;
  }

  setContentType(contentType: string | null): LocalBlob {
    this.counter.count('Blob.setContentType');
    this.contentType = contentType;
    return this;
  }

  setContentTypeFromExtension(): LocalBlob {
    this.counter.count('Blob.setContentTypeFromExtension');
    const ext = /\.([^.]+)$/.exec(this.name ?? '')?.[1]?.toLowerCase();
    const type = ext === undefined ? undefined : EXTENSION_TYPES[ext];
    // The reference: throws if the extension is missing or unknown.
    if (type === undefined) {
      throw new Error(`Could not determine the content type of "${String(this.name)}" from its extension.`);
    }
    this.contentType = type;
    return this;
  }

  setDataFromString(string: string, charset?: string): LocalBlob {
    this.counter.count('Blob.setDataFromString');
    if (typeof string !== 'string') throw signatureError('Blob.setDataFromString', [string]);
    this.bytes = encodeString(string, charset);
    return this;
  }

  setName(name: string): LocalBlob {
    this.counter.count('Blob.setName');
    if (typeof name !== 'string') throw signatureError('Blob.setName', [name]);
    this.name = name;
    return this;
  }

  /** Deprecated in Apps Script; a plain blob holds only itself. */
  getAllBlobs(): LocalBlob[] {
    this.counter.count('Blob.getAllBlobs');
    return [this];
  }
}

// ---------------------------------------------------------------------------
// Dates: Java SimpleDateFormat subset evaluated in an IANA zone through Intl.

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

interface ZonedParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number; // 0..23
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function fixedOffsetMinutes(timeZone: string): number | undefined {
  if (timeZone === 'GMT' || timeZone === 'UTC' || timeZone === 'Z') return 0;
  // Java accepts custom IDs such as GMT+9, GMT+09:00, GMT+0900.
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(timeZone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * The wall-clock fields of `timeZone` (24-hour, with weekday and era), one Intl formatter per zone.
 * Shared by formatDate and the spreadsheet's date serials (spreadsheet-values.ts zoneOffsetMs).
 * Throws Intl's RangeError for a zone Intl does not know.
 */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  try {
    return zoneFormatter(timeZone);
  } catch {
    // Java silently falls back to GMT for an unknown ID; the stricter choice is to refuse it.
    throw new Error(`Invalid time zone: ${timeZone}`);
  }
}

/** Throws for a zone that neither Intl nor the Java custom-ID syntax accepts. */
export function assertTimeZone(timeZone: string): void {
  if (fixedOffsetMinutes(timeZone) === undefined) formatterFor(timeZone);
}

function zonedParts(date: Date, timeZone: string): ZonedParts {
  const ms = date.getTime();
  const fixed = fixedOffsetMinutes(timeZone);
  if (fixed !== undefined) {
    const shifted = new Date(ms + fixed * 60000);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
      weekday: shifted.getUTCDay(),
      offsetMinutes: fixed,
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(date)) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC') year = 1 - year;
  const p: ZonedParts = {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: WEEKDAY_INDEX[parts.weekday],
    offsetMinutes: 0,
  };
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  p.offsetMinutes = Math.round((asUtc - ms) / 60000);
  return p;
}

const pad = (n: number, width: number): string => {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
};

function formatOffset(offsetMinutes: number, colon: boolean, hoursOnly = false): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = pad(Math.floor(abs / 60), 2);
  if (hoursOnly) return sign + hh;
  return sign + hh + (colon ? ':' : '') + pad(abs % 60, 2);
}

// Letters SimpleDateFormat knows but this runtime does not implement.
const JAVA_PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';

function formatPattern(p: ZonedParts, pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      // '' is a literal quote; 'text' is literal text (with '' inside meaning a quote).
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let lit = '';
      for (;;) {
        if (j >= pattern.length) throw new Error(`Unterminated quote in date pattern "${pattern}"`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            lit += "'";
            j += 2;
            continue;
          }
          break;
        }
        lit += pattern[j++];
      }
      out += lit;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'y':
        out += n === 2 ? pad(((p.year % 100) + 100) % 100, 2) : pad(p.year, n);
        break;
      case 'M':
        if (n >= 4) out += MONTHS[p.month - 1];
        else if (n === 3) out += MONTHS[p.month - 1].slice(0, 3);
        else out += pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'E':
        out += n >= 4 ? WEEKDAYS[p.weekday] : WEEKDAYS[p.weekday].slice(0, 3);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, n);
        break;
      case 'Z':
        out += formatOffset(p.offsetMinutes, false);
        break;
      case 'X':
        if (n > 3) throw new Error('Illegal pattern character: X{4,}');
        out += p.offsetMinutes === 0 ? 'Z' : formatOffset(p.offsetMinutes, n === 3, n === 1);
        break;
      default:
        if (JAVA_PATTERN_LETTERS.includes(c)) {
          throw new Error(`Utilities.formatDate: pattern letter '${c}' is not supported by the local runtime.`);
        }
        // SimpleDateFormat's own message for a letter it does not know.
        throw new Error(`Illegal pattern character '${c}'`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Utilities

const MAX_SLEEP_MS = 300000;

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function decodeBase64(method: string, encoded: string, webSafe: boolean): Buffer {
  const s = encoded.replace(/\s+/g, '');
  const alphabet = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  // Node decodes garbage silently; Apps Script refuses it.
  if (!alphabet.test(s) || s.replace(/=+$/, '').length % 4 === 1 || (s.includes('=') && s.length % 4 !== 0)) {
    throw new Error(`Could not decode string. (${method})`);
  }
  return Buffer.from(s, webSafe ? 'base64url' : 'base64');
}

type UtilitiesSubset = Pick<
  GoogleAppsScript.Utilities.Utilities,
  | 'Charset'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'formatDate'
  | 'formatString'
  | 'getUuid'
  | 'newBlob'
  | 'sleep'
>;

/** https://developers.google.com/apps-script/reference/utilities/utilities */
export class LocalUtilities implements UtilitiesSubset {
  readonly Charset = LocalCharset;
  /** Every Utilities.sleep request, in order (the local runtime does not block). */
  readonly sleeps: number[] = [];

  constructor(private readonly counter: CallCounter) {}

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.counter.count('Utilities.formatDate');
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError('Utilities.formatDate', [date, timeZone, format]);
    }
    const d = date as unknown as Date;
    if (Number.isNaN(d.getTime())) throw new Error('Utilities.formatDate: the date is invalid (NaN).');
    return formatPattern(zonedParts(d, timeZone), format);
  }

  formatString(template: string, ...args: unknown[]): string {
    this.counter.count('Utilities.formatString');
    return sprintf('Utilities.formatString', template, args);
  }

  getUuid(): string {
    this.counter.count('Utilities.getUuid');
    return randomUUID();
  }

  sleep(milliseconds: number): void {
    this.counter.count('Utilities.sleep');
    if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0) {
      throw signatureError('Utilities.sleep', [milliseconds]);
    }
    // The reference: "The maximum allowed value is 300000 (or 5 minutes)."
    if (milliseconds > MAX_SLEEP_MS) {
      throw new Error(`Utilities.sleep: ${milliseconds} ms exceeds the maximum of ${MAX_SLEEP_MS} ms.`);
    }
    this.sleeps.push(milliseconds);
  }

  base64Encode(data: string | Byte[], charset?: Charset): string {
    this.counter.count('Utilities.base64Encode');
    return this.toBuffer('Utilities.base64Encode', data, charset).toString('base64');
  }

  base64EncodeWebSafe(data: string | Byte[], charset?: Charset): string {
    this.counter.count('Utilities.base64EncodeWebSafe');
    // Java's URL-safe encoder keeps the '=' padding, unlike Node's base64url.
    return this.toBuffer('Utilities.base64EncodeWebSafe', data, charset)
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }

  base64Decode(encoded: string, charset?: Charset): Byte[] {
    this.counter.count('Utilities.base64Decode');
    if (typeof encoded !== 'string') throw signatureError('Utilities.base64Decode', [encoded]);
    if (charset !== undefined) charsetEncoding(charset);
    return toSignedBytes(decodeBase64('Utilities.base64Decode', encoded, false));
  }

  base64DecodeWebSafe(encoded: string, charset?: Charset): Byte[] {
    this.counter.count('Utilities.base64DecodeWebSafe');
    if (typeof encoded !== 'string') throw signatureError('Utilities.base64DecodeWebSafe', [encoded]);
    if (charset !== undefined) charsetEncoding(charset);
    return toSignedBytes(decodeBase64('Utilities.base64DecodeWebSafe', encoded, true));
  }

  newBlob(data: string | Byte[], contentType?: string, name?: string): LocalBlob {
    this.counter.count('Utilities.newBlob');
    if (
      (typeof data !== 'string' && !Array.isArray(data)) ||
      (contentType !== undefined && typeof contentType !== 'string') ||
      (name !== undefined && typeof name !== 'string')
    ) {
      throw signatureError('Utilities.newBlob', [data, contentType, name].filter((v) => v !== undefined));
    }
    const bytes = typeof data === 'string' ? encodeString(data) : fromBytes('Utilities.newBlob', data);
    return new LocalBlob(this.counter, bytes, contentType ?? null, name ?? null);
  }

  private toBuffer(method: string, data: unknown, charset?: Charset): Buffer {
    if (typeof data === 'string') return encodeString(data, charset);
    if (Array.isArray(data) && charset === undefined) return fromBytes(method, data);
    throw signatureError(method, charset === undefined ? [data] : [data, charset]);
  }
}

// ---------------------------------------------------------------------------
// Logger

/** Java-style rendering that Logger uses for objects, e.g. {key=value}. */
function logString(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return '[' + v.map(logString).join(', ') + ']';
  if (isDate(v)) return (v as Date).toString();
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    const plain = proto === null || Object.getPrototypeOf(proto) === null;
    if (plain) {
      return '{' + Object.keys(v).map((k) => `${k}=${logString((v as Record<string, unknown>)[k])}`).join(', ') + '}';
    }
  }
  return String(v);
}

function sprintf(method: string, format: string, values: readonly unknown[]): string {
  let next = 0;
  const out = format.replace(/%(%|s|d|f|b)/g, (whole, spec: string) => {
    if (spec === '%') return '%';
    // Java's String.format throws MissingFormatArgumentException; so does the local runtime.
    if (next >= values.length) throw new Error(`${method}: format "${format}" has more placeholders than values.`);
    const v = values[next++];
    if (spec === 'd') return String(Math.trunc(Number(v)));
    if (spec === 'f') return Number(v).toFixed(6);
    if (spec === 'b') return String(v !== null && v !== undefined && v !== false);
    return logString(v);
  });
  return out;
}

/** https://developers.google.com/apps-script/reference/base/logger */
export class LocalLogger implements GoogleAppsScript.Base.Logger {
  private readonly lines: string[] = [];

  constructor(private readonly counter: CallCounter) {}

  log(data: unknown, ...values: unknown[]): LocalLogger {
    this.counter.count('Logger.log');
    if (values.length > 0) {
      if (typeof data !== 'string') throw signatureError('Logger.log', [data, ...values]);
      this.lines.push(sprintf('Logger.log', data, values));
    } else if (
      data !== null &&
      typeof data === 'object' &&
      !Array.isArray(data) &&
      typeof (data as { message?: unknown }).message === 'string'
    ) {
      // The reference: an object with a message property logs that message.
      this.lines.push((data as { message: string }).message);
    } else {
      this.lines.push(logString(data));
    }
    return this;
  }

  getLog(): string {
    this.counter.count('Logger.getLog');
    return this.lines.join('\n');
  }

  clear(): void {
    this.counter.count('Logger.clear');
    this.lines.length = 0;
  }

  /** Test hook (not Apps Script): the logged lines, without counting a call. */
  localLines(): readonly string[] {
    return [...this.lines];
  }
}
