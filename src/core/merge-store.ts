// 統合候補 computed once, served a page at a time. Pure: the add-on keeps the pieces in the
// document cache (src/addon/merge.ts); this module fingerprints the inputs, lays the result out
// in pieces that fit a cache value, and reads one page back from the pieces it needs.
//
// A result is found under a fingerprint of exactly what it was computed from, so a stale result
// is never served: a change to a plan's text, to the synonyms or to a merge gives another key.
import type { CellValue, Grid, Plan } from './model';
import type { PartialGrid } from './partial-grid';

/**
 * 64-bit hash of a stream of strings (two independent 32-bit lanes, murmur-style mixing).
 * Not cryptographic: it tells apart inputs people type, it does not resist a forger (who would
 * gain nothing but a stale suggestion list in their own spreadsheet).
 */
export class Fingerprint {
  private h1 = 0x811c9dc5;
  private h2 = 0x9747b28c;
  private n = 0;

  add(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // A separator after each part: ["ab", "c"] and ["a", "bc"] differ.
    h1 = Math.imul(h1 ^ 0xffff, 0x01000193);
    h2 = Math.imul(h2 ^ 0xffff, 0x5bd1e995);
    this.h1 = h1;
    this.h2 = h2;
    this.n += text.length + 1;
    return this;
  }

  /** 16 hex digits (plus the length mixed in). */
  digest(): string {
    let a = this.h1 ^ this.n;
    let b = this.h2 ^ Math.imul(this.n, 0x27d4eb2d);
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35) ^ b;
    b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) ^ a;
    const hex = (x: number) => ((x ^ (x >>> 16)) >>> 0).toString(16).padStart(8, '0');
    return hex(a) + hex(b);
  }
}

function cellKey(v: CellValue): string {
  // The type matters: the number 1 and the text "1" read differently.
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `d${v.getTime()}`;
  return `${typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : 's'}${String(v)}`;
}

/**
 * Everything the sheets read said, as typed and as shown: same fingerprint, same sheets, so the
 * same result without parsing them again. `extra` are other inputs (the build, the column mapping).
 * A sheet read in part (`partial`, core/partial-grid.ts) counts by what was read of it: its size,
 * every cell of its head rows and each column read below them; its grid in `grids` is left out
 * (the rest of it is blank by construction).
 */
export function gridsFingerprint(grids: Record<string, Grid>, extra: string[], partial: Record<string, PartialGrid> = {}): string {
  const f = new Fingerprint();
  for (const e of extra) f.add(e);
  for (const name of Object.keys(grids).sort()) {
    f.add(`#${name}`);
    const p = partial[name];
    if (p) {
      addPartial(f, p);
      continue;
    }
    addGrid(f, grids[name]);
  }
  return f.digest();
}

function addGrid(f: Fingerprint, g: { values: CellValue[][]; display?: string[][] }): void {
  for (const row of g.values) {
    f.add(String(row.length));
    for (const v of row) f.add(cellKey(v));
  }
  f.add(`display ${g.display ? g.display.length : -1}`);
  for (const row of g.display ?? []) for (const v of row) f.add(v);
}

function addPartial(f: Fingerprint, p: PartialGrid): void {
  f.add(`partial ${p.rows} ${p.cols}`);
  addGrid(f, p.head);
  for (const c of p.columns) {
    f.add(`column ${c.col} ${c.values ? c.values.length : -1} ${c.shown ? c.shown.length : -1}`);
    for (const v of c.values ?? []) f.add(cellKey(v));
    for (const v of c.shown ?? []) f.add(v);
  }
}

/**
 * What the suggestions are computed from: each plan's ID, text, place in the hierarchy,
 * departments, status and merge (in sheet order, which decides between repeated IDs), the synonyms
 * and the threshold. Actual figures, comments and other sheets do not change the suggestions.
 */
export function planFingerprint(plans: Plan[], synonyms: string[][], extra: string[]): string {
  const f = new Fingerprint();
  for (const e of extra) f.add(e);
  f.add(JSON.stringify(synonyms));
  for (const p of plans) {
    f.add(p.id).add(p.name).add(p.goalCode).add(p.measureCode).add(p.mainDept).add(p.relatedDepts.join('\u0001'))
      .add(p.status).add(String(p.mergedInto ?? '')).add(String(p.indicators.length));
    for (const i of p.indicators) f.add(i.name).add(i.department);
  }
  return f.digest();
}

/** The layout of a stored result: where each group's record and each piece start in the body. */
export interface StoreIndex {
  total: number;
  /** Offset (in characters) of each group's record in the body, and the body's length. */
  starts: number[];
  /** Offset of each piece, and the body's length. */
  cuts: number[];
}

export interface Stored<G, P> {
  index: StoreIndex;
  pieces: string[];
  /** Kept for the run that computed it: its page is read from here, not back from the cache. */
  records: Array<{ g: G; p: P[] }>;
}

/**
 * Characters per piece. A cache value holds 100 KB (102,400 bytes in UTF-8): 32,000 characters
 * are at most 96,000 bytes (3 bytes per character of the Basic Multilingual Plane, 4 per pair of
 * surrogates), with room to spare.
 */
export const PIECE_CHARS = 32000;

/** Lays out the groups (each with the plans the page needs) in pieces of at most PIECE_CHARS. */
export function layOut<G, P>(records: Array<{ g: G; p: P[] }>, pieceChars = PIECE_CHARS): Stored<G, P> {
  const parts = records.map((r) => JSON.stringify(r));
  const starts: number[] = [0];
  for (const p of parts) starts.push(starts[starts.length - 1] + p.length);
  const body = parts.join('');
  const cuts: number[] = [0];
  const pieces: string[] = [];
  let at = 0;
  while (at < body.length) {
    let end = Math.min(body.length, at + pieceChars);
    // Never between the two halves of a surrogate pair.
    const c = body.charCodeAt(end - 1);
    if (end < body.length && c >= 0xd800 && c <= 0xdbff) end--;
    pieces.push(body.slice(at, end));
    cuts.push(end);
    at = end;
  }
  return { index: { total: records.length, starts, cuts }, pieces, records };
}

/** The first group of the page asked for; past the end, the last page (not an empty one). */
export function pageOffset(total: number, offset: number, limit: number): number {
  return offset < total ? offset : Math.max(0, Math.floor((total - 1) / limit) * limit);
}

/** The pieces holding groups [from, to): indices into the piece list. */
export function piecesFor(index: StoreIndex, from: number, to: number): number[] {
  if (to <= from) return [];
  const a = index.starts[from];
  const b = index.starts[to];
  const out: number[] = [];
  for (let i = 0; i + 1 < index.cuts.length; i++) if (index.cuts[i] < b && index.cuts[i + 1] > a) out.push(i);
  return out;
}

/**
 * Groups [from, to) read back from their pieces (`pieces[i]` for each i of piecesFor; a missing
 * one gives null: the result is computed again).
 */
export function readRecords<G, P>(index: StoreIndex, from: number, to: number, pieces: Map<number, string>): Array<{ g: G; p: P[] }> | null {
  const needed = piecesFor(index, from, to);
  if (needed.length === 0) return [];
  let text = '';
  for (const i of needed) {
    const piece = pieces.get(i);
    if (piece === undefined || piece.length !== index.cuts[i + 1] - index.cuts[i]) return null;
    text += piece;
  }
  const base = index.cuts[needed[0]];
  const out: Array<{ g: G; p: P[] }> = [];
  for (let k = from; k < to; k++) out.push(JSON.parse(text.slice(index.starts[k] - base, index.starts[k + 1] - base)) as { g: G; p: P[] });
  return out;
}

/** A StoreIndex read back from the cache, checked (null when it is not one). */
export function parseIndex(text: string | null): StoreIndex | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as StoreIndex;
    const nums = (a: unknown): a is number[] => Array.isArray(a) && a.every((x) => Number.isInteger(x) && x >= 0);
    if (!Number.isInteger(v.total) || !nums(v.starts) || !nums(v.cuts) || v.starts.length !== v.total + 1 || v.cuts.length < 1) return null;
    if (v.starts[v.total] !== v.cuts[v.cuts.length - 1]) return null;
    return v;
  } catch {
    return null;
  }
}

/** UTF-8 length of a string (what a cache value's 100 KB is measured in), without Node APIs. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
