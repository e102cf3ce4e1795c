import {
  Fingerprint, gridsFingerprint, layOut, pageOffset, parseIndex, piecesFor, planFingerprint, readRecords, utf8Bytes,
} from '../../src/core/merge-store';
import type { Plan } from '../../src/core/model';

const plan = (id: string, name: string, extra: Partial<Plan> = {}): Plan => ({
  id, name, policyCode: '1', goalCode: '1', measureCode: '1-1-1', measureClass: '', mainDept: '情報政策課', relatedDepts: [],
  status: '実施中', mergedInto: '', comment: '', indicators: [], row: 2, sheet: 'プラン・指標', ...extra,
});

describe('Fingerprint', () => {
  test('tells apart the parts, not only the concatenation', () => {
    expect(new Fingerprint().add('ab').add('c').digest()).not.toBe(new Fingerprint().add('a').add('bc').digest());
    expect(new Fingerprint().add('ab').add('c').digest()).toBe(new Fingerprint().add('ab').add('c').digest());
    expect(new Fingerprint().add('x').digest()).toMatch(/^[0-9a-f]{16}$/);
  });

  test('the sheets: a value, its type, a display string or a sheet name changes it', () => {
    const base = { a: { name: 'a', values: [['ID', 'x'], ['1', 1]], display: [['ID', 'x'], ['1', '1']] } };
    const fp = (g: typeof base, extra = ['build']) => gridsFingerprint(g as never, extra);
    const same = fp(base);
    expect(fp(JSON.parse(JSON.stringify(base)))).toBe(same);
    expect(fp({ a: { ...base.a, values: [['ID', 'x'], ['1', '1']] } })).not.toBe(same);
    expect(fp({ a: { ...base.a, display: [['ID', 'x'], ['1', '1.0']] } })).not.toBe(same);
    expect(fp(base, ['other build'])).not.toBe(same);
  });

  test('the plans: text, departments, status, merges and synonyms change it; figures do not', () => {
    const plans = [plan('1', 'キャッシュレス決済'), plan('2', '電子決済')];
    const fp = (p: Plan[], syn: string[][] = []) => planFingerprint(p, syn, ['build']);
    const same = fp(plans);
    expect(fp([plan('1', 'キャッシュレス決済'), plan('2', '電子決済')])).toBe(same);
    expect(fp([plans[0], { ...plans[1], name: '電子決裁' }])).not.toBe(same);
    expect(fp([plans[0], { ...plans[1], mergedInto: 'U-001' }])).not.toBe(same);
    expect(fp([plans[0], { ...plans[1], status: '完了' }])).not.toBe(same);
    expect(fp([plans[0], { ...plans[1], relatedDepts: ['商工課'] }])).not.toBe(same);
    expect(fp(plans, [['キャッシュレス', '電子決済']])).not.toBe(same);
    // A comment (or a figure) is not what suggestions are computed from.
    expect(fp([plans[0], { ...plans[1], comment: '順調' }])).toBe(same);
  });
});

describe('layOut / readRecords', () => {
  const records = Array.from({ length: 30 }, (_, i) => ({ g: { id: `G-${i + 1}`, text: '類似'.repeat(i * 7) + '𠮷'.repeat(i) }, p: [{ id: `p${i}` }] }));

  test('pieces hold at most the given characters, never split a surrogate pair, and read back every page exactly', () => {
    const stored = layOut(records, 101);
    expect(stored.pieces.length).toBeGreaterThan(5);
    for (const p of stored.pieces) {
      expect(p.length).toBeLessThanOrEqual(101);
      const last = p.charCodeAt(p.length - 1);
      if (p !== stored.pieces[stored.pieces.length - 1]) expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
    const all = new Map(stored.pieces.map((p, i) => [i, p]));
    for (const [from, to] of [[0, 7], [7, 14], [28, 30], [0, 30], [13, 14]]) {
      expect(readRecords(stored.index, from, to, all)).toEqual(records.slice(from, to));
      // Only the pieces that hold the page are needed.
      const needed = new Map(piecesFor(stored.index, from, to).map((i) => [i, stored.pieces[i]]));
      expect(readRecords(stored.index, from, to, needed)).toEqual(records.slice(from, to));
    }
  });

  test('a missing or cut piece gives null (computed again)', () => {
    const stored = layOut(records, 101);
    const some = new Map(stored.pieces.map((p, i) => [i, p]));
    const need = piecesFor(stored.index, 3, 9);
    some.delete(need[0]);
    expect(readRecords(stored.index, 3, 9, some)).toBeNull();
    some.set(need[0], stored.pieces[need[0]].slice(1));
    expect(readRecords(stored.index, 3, 9, some)).toBeNull();
  });

  test('no groups: no pieces, an empty page', () => {
    const stored = layOut([], 101);
    expect(stored.pieces).toEqual([]);
    expect(readRecords(stored.index, 0, 0, new Map())).toEqual([]);
    expect(parseIndex(JSON.stringify(stored.index))).toEqual(stored.index);
  });

  test('the default piece size stays under a cache value (100 KB) even in the worst case', () => {
    const worst = [{ g: { t: 'あ'.repeat(100000) }, p: [] }];
    for (const p of layOut(worst).pieces) expect(utf8Bytes(p)).toBeLessThanOrEqual(100 * 1024);
  });
});

describe('pageOffset / parseIndex / utf8Bytes', () => {
  test('past the end: the last page', () => {
    expect(pageOffset(45, 20, 20)).toBe(20);
    expect(pageOffset(45, 60, 20)).toBe(40);
    expect(pageOffset(40, 40, 20)).toBe(20);
    expect(pageOffset(0, 20, 20)).toBe(0);
  });

  test('an index read back is checked', () => {
    expect(parseIndex(null)).toBeNull();
    expect(parseIndex('not json')).toBeNull();
    expect(parseIndex(JSON.stringify({ total: 2, starts: [0, 5], cuts: [0, 5] }))).toBeNull();
    expect(parseIndex(JSON.stringify({ total: 1, starts: [0, 5], cuts: [0, 4] }))).toBeNull();
    expect(parseIndex(JSON.stringify({ total: 1, starts: [0, 5], cuts: [0, 5] }))).toEqual({ total: 1, starts: [0, 5], cuts: [0, 5] });
  });

  test('UTF-8 length as Apps Script measures a value', () => {
    for (const s of ['abc', 'é', 'あいう', '𠮷', 'a𠮷b', '\ud800x']) expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});
