// 統合候補 kept in the document cache (CacheService), so paging through the suggestions does not
// compute them again (about 5 s at 10,000 plans). Layout and fingerprints: src/core/merge-store.ts.
//
// Keys (all expire after 6 hours, the longest Apps Script allows):
//   mc1:r:<sheets>        the sheets as read → the plans' fingerprint, the goals and unified plans
//   mc1:s:<plans>         the result's layout (groups, pieces)
//   mc1:s:<plans>:<i>     piece i of the result (at most 100 KB each)
//   mc1:last              the result stored last, removed when another replaces it
// <sheets> fingerprints every cell read (and the build and the column mapping; the progress sheet
// is read only in the columns the suggestions use, core/partial-grid.ts): when it matches,
// nothing is parsed. <plans> fingerprints what the suggestions are computed from
// (plans' text, departments, status, merges, synonyms): figures typed meanwhile do not make the
// add-on compute again. A missing piece (the cache may drop anything at any time), an expired key
// or a cache failure only means computing again.
import type { Plan } from '../core/model';
import type { Inputs } from './inputs';
import type { MergeCandidates, MergeGroupView, PlanOption, UnifiedView } from './api';
import { DEFAULT_MIN_SCORE } from '../core/similarity';
import {
  gridsFingerprint, layOut, pageOffset, parseIndex, piecesFor, planFingerprint, readRecords, utf8Bytes, type StoreIndex,
} from '../core/merge-store';

type Cache = GoogleAppsScript.Cache.Cache;

export interface PageFrame {
  goals: MergeCandidates['goals'];
  unified: UnifiedView[];
}

export type GroupRecord = { g: MergeGroupView; p: PlanOption[] };

export interface CachedPage {
  records: GroupRecord[];
  total: number;
  offset: number;
}

const PREFIX = 'mc1:';
/** The longest expiration the cache allows (21,600 s): the fingerprints keep results right. */
export const CANDIDATE_CACHE_SECONDS = 21600;
/** At most this many pieces (about 12 M characters); a larger result is not kept. */
const MAX_PIECES = 400;
/** A cache value holds at most 100 KB. */
const MAX_VALUE_BYTES = 100 * 1024;

const headKey = (raw: string) => `${PREFIX}r:${raw}`;
const indexKey = (sem: string) => `${PREFIX}s:${sem}`;
const pieceKey = (sem: string, i: number) => `${PREFIX}s:${sem}:${i}`;
const LAST_KEY = `${PREFIX}last`;

/** The build: a result computed by another version of the add-on is not served. */
function buildId(): string {
  return typeof BUILD_ID === 'string' ? BUILD_ID : 'dev';
}

/** A cache call that may fail (service unavailable …): the command goes on without the cache. */
function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    console.warn(`統合候補のキャッシュを使えませんでした: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

export class CandidateCache {
  private sem = '';

  constructor(private readonly cache: Cache, private readonly raw: string) {}

  /** The page, when the sheets read are exactly those of a stored result. */
  byInputs(offset: number, limit: number): (CachedPage & { frame: PageFrame }) | null {
    const head = attempt(() => {
      const text = this.cache.get(headKey(this.raw));
      return text === null ? null : JSON.parse(text) as { sem: string; frame: PageFrame };
    });
    if (!head || typeof head.sem !== 'string' || !head.frame) return null;
    const found = this.readPage(head.sem, offset, limit);
    return found ? { ...found, frame: head.frame } : null;
  }

  /** The page, when the plans (as far as the suggestions go) are those of a stored result. */
  byPlans(plans: Plan[], synonyms: string[][], frame: PageFrame, offset: number, limit: number): CachedPage | null {
    this.sem = planFingerprint(plans, synonyms, [buildId(), String(DEFAULT_MIN_SCORE)]);
    const found = this.readPage(this.sem, offset, limit);
    // Next time these sheets are recognised without parsing.
    if (found) this.putHead(frame);
    return found;
  }

  /** Keeps a computed result (after byPlans, which fingerprinted its plans). */
  store(records: GroupRecord[], frame: PageFrame): void {
    if (this.sem === '') return;
    const stored = layOut(records);
    if (stored.pieces.length > MAX_PIECES) return;
    const values: Record<string, string> = { [indexKey(this.sem)]: JSON.stringify(stored.index) };
    stored.pieces.forEach((p, i) => { values[pieceKey(this.sem, i)] = p; });
    const head = this.headValue(frame);
    if (head !== null) values[headKey(this.raw)] = head;
    const previous = attempt(() => JSON.parse(this.cache.get(LAST_KEY) ?? 'null') as { sem: string; pieces: number } | null);
    if (previous && typeof previous.sem === 'string' && previous.sem !== this.sem && Number.isInteger(previous.pieces)) {
      const stale = [indexKey(previous.sem), ...Array.from({ length: Math.min(previous.pieces, MAX_PIECES) }, (_, i) => pieceKey(previous.sem, i))];
      attempt(() => this.cache.removeAll(stale));
    }
    values[LAST_KEY] = JSON.stringify({ sem: this.sem, pieces: stored.pieces.length });
    attempt(() => this.cache.putAll(values, CANDIDATE_CACHE_SECONDS));
  }

  private headValue(frame: PageFrame): string | null {
    const text = JSON.stringify({ sem: this.sem, frame });
    return utf8Bytes(text) <= MAX_VALUE_BYTES ? text : null;
  }

  private putHead(frame: PageFrame): void {
    const head = this.headValue(frame);
    if (head !== null) attempt(() => this.cache.put(headKey(this.raw), head, CANDIDATE_CACHE_SECONDS));
  }

  private readPage(sem: string, offset: number, limit: number): CachedPage | null {
    return attempt(() => {
      const index: StoreIndex | null = parseIndex(this.cache.get(indexKey(sem)));
      if (!index) return null;
      const from = pageOffset(index.total, offset, limit);
      const to = Math.min(index.total, from + limit);
      const needed = piecesFor(index, from, to);
      const got = needed.length > 0 ? this.cache.getAll(needed.map((i) => pieceKey(sem, i))) : {};
      const pieces = new Map<number, string>();
      for (const i of needed) {
        const v = got[pieceKey(sem, i)];
        if (typeof v === 'string') pieces.set(i, v);
      }
      const records = readRecords<MergeGroupView, PlanOption>(index, from, to, pieces);
      return records ? { records, total: index.total, offset: from } : null;
    });
  }
}

/** The document's cache of suggestions; null where there is none (outside a document, or failing). */
export function openCandidateCache(inputs: Inputs): CandidateCache | null {
  const cache = attempt(() => CacheService.getDocumentCache());
  if (!cache) return null;
  const raw = gridsFingerprint(inputs.grids, [buildId(), JSON.stringify(inputs.mapping)], inputs.partial);
  return new CandidateCache(cache, raw);
}
