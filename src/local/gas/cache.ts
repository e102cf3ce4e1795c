// Local CacheService, following
// https://developers.google.com/apps-script/reference/cache/cache-service and
// https://developers.google.com/apps-script/reference/cache/cache:
// - a key is at most 250 characters, a value at most 100 KB (the runtime measures UTF-8 bytes:
//   102,400, as measured in "Exploring Apps Script CacheService Limits",
//   https://justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits);
// - put/putAll without an expiration keep the value 600 s (10 minutes); an expiration is 1 to
//   21,600 s (6 hours);
// - at most 1,000 items: past that, the cache keeps the 900 farthest from expiration;
// - "The data you write to the cache is not guaranteed to persist until its expiration time.
//   You must be prepared to get back null from all reads": localEvict() drops items on demand so
//   tests can play that out.
// The reference pages list no authorization: no OAuth scope is needed (src/local/gas/scopes.ts).

import type { CallCounter } from './counter';
import { signatureError } from './utilities';

export const MAX_KEY_CHARS = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const DEFAULT_EXPIRATION_S = 600;
export const MAX_EXPIRATION_S = 21600;
export const MAX_ITEMS = 1000;
export const KEPT_ITEMS = 900;

export type CacheKind = 'document' | 'script' | 'user';

interface Item {
  value: string;
  /** Epoch ms after which the item is gone. */
  expires: number;
  /** Write order, to break ties between items expiring at the same moment. */
  seq: number;
}

/** One cache's items; outlives the Cache objects handed out for it. */
class Store {
  readonly items = new Map<string, Item>();
  seq = 0;
}

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

function checkKey(method: string, key: unknown, args: unknown[]): string {
  if (typeof key !== 'string') throw signatureError(method, args);
  // The reference is silent on an empty key; refusing it is the stricter choice.
  if (key === '') throw new Error(`${method}: the key is empty.`);
  if (key.length > MAX_KEY_CHARS) throw new Error('Argument too large: key');
  return key;
}

function checkValue(method: string, value: unknown, args: unknown[]): string {
  // The reference types values as String; Apps Script coerces other types, the stricter choice
  // here refuses them so a caller's "[object Object]" is found at once.
  if (typeof value !== 'string') throw signatureError(method, args);
  if (utf8Length(value) > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
  return value;
}

function checkExpiration(method: string, seconds: unknown, args: unknown[]): number {
  if (seconds === undefined) return DEFAULT_EXPIRATION_S;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds)) throw signatureError(method, args);
  // "The minimum is 1 second and the maximum is 21600 seconds": Apps Script has been seen to
  // accept values outside the range silently; refusing them is the stricter choice.
  if (seconds < 1 || seconds > MAX_EXPIRATION_S) {
    throw new Error(`${method}: expirationInSeconds must be between 1 and ${MAX_EXPIRATION_S} (got ${seconds}).`);
  }
  return seconds;
}

/** https://developers.google.com/apps-script/reference/cache/cache */
export class LocalCache implements GoogleAppsScript.Cache.Cache {
  constructor(
    private readonly counter: CallCounter,
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private live(key: string): Item | undefined {
    const item = this.store.items.get(key);
    if (!item) return undefined;
    if (item.expires <= this.now()) {
      this.store.items.delete(key);
      return undefined;
    }
    return item;
  }

  private write(entries: Array<[string, string]>, seconds: number): void {
    const expires = this.now() + seconds * 1000;
    for (const [k, v] of entries) this.store.items.set(k, { value: v, expires, seq: ++this.store.seq });
    this.cap();
  }

  /** Past MAX_ITEMS live items, keep the KEPT_ITEMS farthest from expiration. */
  private cap(): void {
    const now = this.now();
    for (const [k, item] of this.store.items) if (item.expires <= now) this.store.items.delete(k);
    if (this.store.items.size <= MAX_ITEMS) return;
    const kept = [...this.store.items.entries()]
      .sort(([, a], [, b]) => b.expires - a.expires || b.seq - a.seq)
      .slice(0, KEPT_ITEMS);
    this.store.items.clear();
    for (const [k, item] of kept) this.store.items.set(k, item);
  }

  get(key: string): string | null {
    this.counter.count('Cache.get');
    const k = checkKey('Cache.get', key, [key]);
    return this.live(k)?.value ?? null;
  }

  /** Only the keys found: a missing or expired key is absent from the result. */
  getAll(keys: string[]): { [key: string]: string } {
    this.counter.count('Cache.getAll');
    if (!Array.isArray(keys)) throw signatureError('Cache.getAll', [keys]);
    const out: { [key: string]: string } = {};
    for (const key of keys) {
      const k = checkKey('Cache.getAll', key, [keys]);
      const item = this.live(k);
      if (item) out[k] = item.value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.counter.count('Cache.put');
    const args = expirationInSeconds === undefined ? [key, value] : [key, value, expirationInSeconds];
    const k = checkKey('Cache.put', key, args);
    const v = checkValue('Cache.put', value, args);
    this.write([[k, v]], checkExpiration('Cache.put', expirationInSeconds, args));
  }

  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    this.counter.count('Cache.putAll');
    const args = expirationInSeconds === undefined ? [values] : [values, expirationInSeconds];
    if (values === null || typeof values !== 'object' || Array.isArray(values)) throw signatureError('Cache.putAll', args);
    const seconds = checkExpiration('Cache.putAll', expirationInSeconds, args);
    // Every entry is checked before any is stored: the reference is silent on a partly bad
    // batch, and storing none is the stricter choice.
    const entries = Object.keys(values).map((key): [string, string] => [
      checkKey('Cache.putAll', key, args), checkValue('Cache.putAll', values[key], args),
    ]);
    this.write(entries, seconds);
  }

  remove(key: string): void {
    this.counter.count('Cache.remove');
    this.store.items.delete(checkKey('Cache.remove', key, [key]));
  }

  removeAll(keys: string[]): void {
    this.counter.count('Cache.removeAll');
    if (!Array.isArray(keys)) throw signatureError('Cache.removeAll', [keys]);
    for (const key of keys) this.store.items.delete(checkKey('Cache.removeAll', key, [keys]));
  }
}

export interface LocalCacheServiceOptions {
  /** Epoch ms now (expirations follow it). Default: the real clock. */
  now?: () => number;
  /** The person running the script: each has their own user cache. */
  user?: () => string;
  /** False models a standalone script or web app: getDocumentCache() returns null. Default true. */
  containerBound?: boolean;
}

/** https://developers.google.com/apps-script/reference/cache/cache-service */
export class LocalCacheService implements GoogleAppsScript.Cache.CacheService {
  private readonly document = new Store();
  private readonly script = new Store();
  private readonly users = new Map<string, Store>();
  private readonly now: () => number;
  private readonly user: () => string;
  private readonly containerBound: boolean;

  constructor(
    private readonly counter: CallCounter,
    opts: LocalCacheServiceOptions = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
    this.user = opts.user ?? (() => 'user@example.com');
    this.containerBound = opts.containerBound ?? true;
  }

  /** The cache of the document the script is bound to; null outside a containing document. */
  getDocumentCache(): LocalCache | null {
    this.counter.count('CacheService.getDocumentCache');
    return this.containerBound ? new LocalCache(this.counter, this.document, this.now) : null;
  }

  /** Common to every user of the script. */
  getScriptCache(): LocalCache {
    this.counter.count('CacheService.getScriptCache');
    return new LocalCache(this.counter, this.script, this.now);
  }

  /** The current user's own cache. */
  getUserCache(): LocalCache {
    this.counter.count('CacheService.getUserCache');
    const who = this.user().toLowerCase();
    let store = this.users.get(who);
    if (!store) this.users.set(who, (store = new Store()));
    return new LocalCache(this.counter, store, this.now);
  }

  /**
   * Test hook (not Apps Script): drops items as Google may at any time (all of a kind, or the
   * keys matching `which`), without counting a call.
   */
  localEvict(kind: CacheKind, which?: (key: string) => boolean): number {
    const stores = kind === 'user' ? [...this.users.values()] : [kind === 'document' ? this.document : this.script];
    let n = 0;
    for (const store of stores) {
      for (const key of [...store.items.keys()]) {
        if (!which || which(key)) {
          store.items.delete(key);
          n++;
        }
      }
    }
    return n;
  }

  /** Test hook (not Apps Script): the keys a cache holds now (expired ones left out), uncounted. */
  localKeys(kind: CacheKind): string[] {
    const now = this.now();
    const stores = kind === 'user' ? [...this.users.values()] : [kind === 'document' ? this.document : this.script];
    return stores.flatMap((s) => [...s.items.entries()].filter(([, i]) => i.expires > now).map(([k]) => k));
  }
}
