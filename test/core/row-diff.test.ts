import { diffKeys, type Hunk } from '../../src/core/row-diff';

/** Applies the hunks to prev (rows replaced by next's): must give next. */
function apply(prev: string[], next: string[], hs: Hunk[]): string[] {
  const out: string[] = [];
  let p = 0;
  for (const h of hs) {
    out.push(...prev.slice(p, h.p0));
    out.push(...next.slice(h.n0, h.n0 + h.ins));
    p = h.p0 + h.del;
  }
  return [...out, ...prev.slice(p)];
}

describe('diffKeys', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);

  test('the same keys: no hunk', () => {
    expect(diffKeys(rows(100), rows(100), 10)).toEqual([]);
  });

  test('a row inserted at the top: one hunk of one row', () => {
    const prev = rows(1000);
    const next = ['new', ...prev];
    expect(diffKeys(prev, next, 10)).toEqual([{ p0: 0, del: 0, n0: 0, ins: 1 }]);
  });

  test('rows deleted, inserted and replaced in several places; applying the hunks gives the new keys', () => {
    const prev = rows(500);
    const next = [...prev.slice(0, 10), 'a', 'b', ...prev.slice(10, 200), ...prev.slice(203, 300), 'c', ...prev.slice(301), 'z'];
    const hs = diffKeys(prev, next, 50)!;
    expect(apply(prev, next, hs)).toEqual(next);
    expect(hs.reduce((s, h) => s + h.del + h.ins, 0)).toBe(2 + 3 + 2 + 1);
  });

  test('random edits: the hunks always rebuild the new keys, with no more edits than made', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let t = 0; t < 50; t++) {
      const prev = rows(200 + Math.floor(rnd() * 100));
      const next = prev.slice();
      let made = 0;
      for (let e = 0; e < 8; e++) {
        const at = Math.floor(rnd() * next.length);
        if (rnd() < 0.5) next.splice(at, 1);
        else next.splice(at, 0, `n${t}-${e}`);
        made++;
      }
      const hs = diffKeys(prev, next, 40)!;
      expect(apply(prev, next, hs)).toEqual(next);
      expect(hs.reduce((s, h) => s + h.del + h.ins, 0)).toBeLessThanOrEqual(made);
    }
  });

  test('more edits than allowed: null (the caller rewrites instead)', () => {
    const prev = rows(100);
    const next = prev.map((k) => `${k}x`);
    expect(diffKeys(prev, next, 20)).toBeNull();
  });
});
