import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CallCounter } from '../../../src/local/gas/counter';
import { LocalCacheService, MAX_VALUE_BYTES } from '../../../src/local/gas/cache';
import { createGasRuntime } from '../../../src/local/gas/runtime';
import type { Manifest } from '../../../src/local/gas/scopes';

const CACHE = 'https://developers.google.com/apps-script/reference/cache/cache';
const SERVICE = 'https://developers.google.com/apps-script/reference/cache/cache-service';
const LIMITS = 'https://justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits';

function setup(start = Date.UTC(2026, 11, 1, 0, 0, 0)) {
  const clock = { t: start };
  const counter = new CallCounter();
  const who = { user: 'a@example.jp' };
  const service = new LocalCacheService(counter, { now: () => clock.t, user: () => who.user });
  return { counter, service, clock, who, advance: (s: number) => { clock.t += s * 1000; } };
}

describe(`CacheService (${SERVICE})`, () => {
  it('document, script and user caches are separate, and each outlives the Cache objects', () => {
    const { service } = setup();
    service.getDocumentCache()!.put('k', 'doc');
    service.getScriptCache().put('k', 'script');
    service.getUserCache().put('k', 'user');
    expect(service.getDocumentCache()!.get('k')).toBe('doc');
    expect(service.getScriptCache().get('k')).toBe('script');
    expect(service.getUserCache().get('k')).toBe('user');
  });

  it('getUserCache is scoped to the current user: another person does not see it', () => {
    const { service, who } = setup();
    service.getUserCache().put('draft', 'mine');
    who.user = 'b@example.jp';
    expect(service.getUserCache().get('draft')).toBeNull();
    who.user = 'A@example.jp';
    expect(service.getUserCache().get('draft')).toBe('mine');
  });

  it('getDocumentCache returns null outside a containing document (#getDocumentCache())', () => {
    const counter = new CallCounter();
    const standalone = new LocalCacheService(counter, { containerBound: false });
    expect(standalone.getDocumentCache()).toBeNull();
    expect(standalone.getScriptCache()).not.toBeNull();
  });

  it('counts calls by Class.method', () => {
    const { counter, service } = setup();
    const c = service.getScriptCache();
    c.put('a', '1');
    c.getAll(['a']);
    c.get('a');
    expect(counter.snapshot()).toEqual({
      'CacheService.getScriptCache': 1, 'Cache.put': 1, 'Cache.getAll': 1, 'Cache.get': 1,
    });
  });

  it('needs no OAuth scope: it works under the add-on manifest (the reference pages list no authorization)', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../appsscript.json'), 'utf8')) as Manifest;
    const rt = createGasRuntime({ manifest });
    const cache = rt.globals.CacheService.getDocumentCache()!;
    cache.put('x', 'y');
    expect(cache.get('x')).toBe('y');
    // And it counts into the runtime's counter.
    expect(rt.counter.snapshot()['Cache.put']).toBe(1);
  });
});

describe(`Cache get / put (${CACHE}#get(String), ${CACHE}#put(String,String))`, () => {
  it('get returns null when nothing is cached under the key', () => {
    const { service } = setup();
    expect(service.getScriptCache().get('missing')).toBeNull();
  });

  it('put stores the value; a second put replaces it', () => {
    const { service } = setup();
    const c = service.getScriptCache();
    c.put('foo', 'bar');
    expect(c.get('foo')).toBe('bar');
    c.put('foo', 'baz');
    expect(c.get('foo')).toBe('baz');
  });

  it('without an expiration, the value expires after 600 seconds (10 minutes)', () => {
    const { service, advance } = setup();
    const c = service.getScriptCache();
    c.put('foo', 'bar');
    advance(599);
    expect(c.get('foo')).toBe('bar');
    advance(1);
    expect(c.get('foo')).toBeNull();
  });

  it('the key is at most 250 characters', () => {
    const { service } = setup();
    const c = service.getScriptCache();
    c.put('k'.repeat(250), 'ok');
    expect(c.get('k'.repeat(250))).toBe('ok');
    expect(() => c.put('k'.repeat(251), 'no')).toThrow('Argument too large: key');
  });

  it(`the value is at most 100 KB (${MAX_VALUE_BYTES} bytes, UTF-8; ${LIMITS})`, () => {
    const { service } = setup();
    const c = service.getScriptCache();
    c.put('ascii', 'a'.repeat(MAX_VALUE_BYTES));
    expect(c.get('ascii')!.length).toBe(MAX_VALUE_BYTES);
    expect(() => c.put('big', 'a'.repeat(MAX_VALUE_BYTES + 1))).toThrow('Argument too large: value');
    // Japanese text is 3 bytes a character: 34,134 characters are 102,402 bytes.
    expect(() => c.put('ja', 'あ'.repeat(34134))).toThrow('Argument too large: value');
    c.put('ja', 'あ'.repeat(34133));
    expect(c.get('ja')!.length).toBe(34133);
  });

  it('the value is a String (reference type; other types are refused as the stricter choice)', () => {
    const { service } = setup();
    const c = service.getScriptCache();
    expect(() => c.put('n', 5 as unknown as string)).toThrow(/don't match the method signature for Cache.put/);
    expect(() => c.put('o', { a: 1 } as unknown as string)).toThrow(/method signature/);
  });

  it('an empty key is refused (the reference is silent; the stricter choice)', () => {
    const { service } = setup();
    expect(() => service.getScriptCache().put('', 'x')).toThrow(/key is empty/);
  });
});

describe(`Cache put with expiration (${CACHE}#put(String,String,Integer))`, () => {
  it('the value is gone once its expiration has passed', () => {
    const { service, advance } = setup();
    const c = service.getDocumentCache()!;
    c.put('foo', 'bar', 20);
    advance(19);
    expect(c.get('foo')).toBe('bar');
    advance(1);
    expect(c.get('foo')).toBeNull();
  });

  it('the expiration is 1 to 21600 seconds (6 hours)', () => {
    const { service, advance } = setup();
    const c = service.getDocumentCache()!;
    c.put('long', 'v', 21600);
    advance(21599);
    expect(c.get('long')).toBe('v');
    advance(1);
    expect(c.get('long')).toBeNull();
    expect(() => c.put('x', 'v', 21601)).toThrow(/between 1 and 21600/);
    expect(() => c.put('x', 'v', 0)).toThrow(/between 1 and 21600/);
    expect(() => c.put('x', 'v', -5)).toThrow(/between 1 and 21600/);
    expect(() => c.put('x', 'v', 1.5)).toThrow(/method signature/);
  });
});

describe(`Cache getAll (${CACHE}#getAll(String))`, () => {
  it('returns only the keys found: a missing or expired key is absent', () => {
    const { service, advance } = setup();
    const c = service.getScriptCache();
    c.put('foo', 'somevalue');
    c.put('x', 'othervalue');
    c.put('short', 'gone soon', 5);
    advance(5);
    expect(c.getAll(['foo', 'x', 'missing', 'short'])).toEqual({ foo: 'somevalue', x: 'othervalue' });
  });
});

describe(`Cache putAll (${CACHE}#putAll(Object), ${CACHE}#putAll(Object,Integer))`, () => {
  it('stores every pair, with the default 600 s or the given expiration', () => {
    const { service, advance } = setup();
    const c = service.getUserCache();
    c.putAll({ foo: 'bar', x: 'y' });
    c.putAll({ key: 'value' }, 1200);
    advance(600);
    expect(c.getAll(['foo', 'x', 'key'])).toEqual({ key: 'value' });
  });

  it('applies the same limits: a too large value or key, or a bad expiration, stores none of the batch', () => {
    const { service } = setup();
    const c = service.getUserCache();
    expect(() => c.putAll({ ok: 'fine', big: 'a'.repeat(MAX_VALUE_BYTES + 1) })).toThrow('Argument too large: value');
    expect(() => c.putAll({ ok: 'fine', ['k'.repeat(251)]: 'v' })).toThrow('Argument too large: key');
    expect(() => c.putAll({ ok: 'fine' }, 30000)).toThrow(/between 1 and 21600/);
    expect(c.get('ok')).toBeNull();
  });
});

describe(`Cache remove / removeAll (${CACHE}#remove(String), ${CACHE}#removeAll(String))`, () => {
  it('remove drops one entry; removeAll drops several; a missing key is no error', () => {
    const { service } = setup();
    const c = service.getScriptCache();
    c.putAll({ foo: '1', x: '2', keep: '3' });
    c.remove('foo');
    c.remove('never-there');
    expect(c.get('foo')).toBeNull();
    c.removeAll(['x', 'missing']);
    expect(c.getAll(['foo', 'x', 'keep'])).toEqual({ keep: '3' });
  });
});

describe(`Cache capacity (${CACHE}#put(String,String): "The cap for cached items is 1,000")`, () => {
  it('past 1,000 items the cache keeps the 900 farthest from expiration', () => {
    const { service } = setup();
    const c = service.getScriptCache();
    // 1,001 items; item i expires after 100 + i seconds, so the 101 nearest expiration go first.
    for (let i = 0; i <= 1000; i++) c.put(`k${i}`, 'v', 100 + i);
    expect(service.localKeys('script')).toHaveLength(900);
    expect(c.get('k100')).toBeNull();
    expect(c.get('k101')).toBe('v');
    expect(c.get('k1000')).toBe('v');
  });
});

describe(`Data is not guaranteed to persist (${SERVICE}: "You must be prepared to get back null from all reads")`, () => {
  it('localEvict (test hook) drops items as Google may, and reads return null', () => {
    const { service } = setup();
    const c = service.getDocumentCache()!;
    c.putAll({ 'a:1': 'x', 'a:2': 'y', b: 'z' });
    expect(service.localEvict('document', (k) => k.startsWith('a:'))).toBe(2);
    expect(c.getAll(['a:1', 'a:2', 'b'])).toEqual({ b: 'z' });
  });
});
