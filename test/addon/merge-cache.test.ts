// 統合候補 served from the document cache: computed once, pages read back, never stale.
import { SETTING_KEYS, SHEETS } from '../../src/core/schema';
import type { MergeCandidates, MergeRequestInput } from '../../src/addon/api';
import { LocalCacheService } from '../../src/local/gas/cache';
import { CallCounter } from '../../src/local/gas/counter';
import { openSession, type AddonSession } from '../../src/local/session';
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { syntheticGrids } from '../../src/local/synthetic';
import { sampleSession } from './helpers';

type Run = ReturnType<AddonSession['run']>;

function candidates(s: AddonSession, offset = 0, limit = 20): { page: MergeCandidates; run: Run } {
  const run = s.run('getMergeCandidates', { offset, limit });
  return { page: run.result as MergeCandidates, run };
}

/** A computed (not cached) result stores its pieces with one putAll. */
const computed = (run: Run) => (run.calls['Cache.putAll'] ?? 0) === 1;

/** A session whose CacheService has no document cache (a standalone script): always computed. */
function uncachedSession(grids: Record<string, (string | number)[][]>): AddonSession {
  const noCache = new LocalCacheService(new CallCounter(), { containerBound: false });
  return openSession(spreadsheetFromGrids('uncached', grids), { extraGlobals: { CacheService: noCache } });
}

function progressCell(s: AddonSession, planId: string, header: string) {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const values = sheet.getDataRange().getValues();
  const idCol = values[0].indexOf('プランID');
  const col = values[0].findIndex((h) => String(h) === header);
  const row = values.findIndex((r) => String(r[idCol]) === planId);
  if (col < 0 || row < 0) throw new Error(`no ${header} for ${planId}`);
  return sheet.getRange(row + 1, col + 1);
}

function cacheService(s: AddonSession): LocalCacheService {
  return s.runtime.globals.CacheService;
}

describe('統合候補: computed once, then served from the document cache', () => {
  test('the next page and the same page again are read from the cache and equal a fresh computation', () => {
    const s = sampleSession();
    const first = candidates(s, 0, 2);
    expect(computed(first.run)).toBe(true);
    const second = candidates(s, 2, 2);
    expect(computed(second.run)).toBe(false);
    expect(second.run.calls['Cache.getAll']).toBe(1);
    const again = candidates(s, 0, 2);
    expect(computed(again.run)).toBe(false);
    expect(again.page).toEqual(first.page);

    const fresh = sampleSession();
    const noCache = uncachedSession((() => {
      // Same workbook, no cache at all.
      const g = fresh.runtime.spreadsheet.model;
      return Object.fromEntries(g.sheets.map((sh) => [sh.name, g.grid(sh.name) as (string | number)[][]]));
    })());
    for (const [offset, seen] of [[0, first.page], [2, second.page]] as const) {
      const expected = noCache.run('getMergeCandidates', { offset, limit: 2 }).result as MergeCandidates;
      expect(seen).toEqual(expected);
    }
  });

  test('a large result is kept in pieces under 100 KB each, and every page read back equals the computation', () => {
    const grids = syntheticGrids(1000);
    const s = openSession(spreadsheetFromGrids('bench', grids));
    const plain = uncachedSession(syntheticGrids(1000));
    const first = candidates(s, 0, 20);
    expect(computed(first.run)).toBe(true);
    const pieces = cacheService(s).localKeys('document').filter((k) => /^mc1:s:[0-9a-f]+:\d+$/.test(k));
    expect(pieces.length).toBeGreaterThan(2);
    // Without a cache, in pages of 50 (two computations), against the cached pages of 20.
    const total = first.page.total;
    const plainGroups: MergeCandidates['groups'] = [];
    const plainPlans = new Map<string, unknown>();
    for (let offset = 0; offset < total; offset += 50) {
      const p = plain.run('getMergeCandidates', { offset, limit: 50 }).result as MergeCandidates;
      plainGroups.push(...p.groups);
      for (const plan of p.plans) plainPlans.set(plan.id, plan);
    }
    for (let offset = 0; offset < total; offset += 20) {
      const cached = candidates(s, offset, 20);
      expect(computed(cached.run)).toBe(false);
      expect(cached.page.groups).toEqual(plainGroups.slice(offset, offset + 20));
      expect(cached.page.plans).toEqual(cached.page.groups.flatMap((g) => g.planIds).map((id) => plainPlans.get(id)));
    }
  });

  test('past the end: the last page, from the cache too', () => {
    const s = sampleSession();
    const all = candidates(s, 0, 50).page;
    const past = candidates(s, 1000, 2);
    expect(computed(past.run)).toBe(false);
    expect(past.page.offset).toBe(Math.floor((all.total - 1) / 2) * 2);
    expect(past.page.groups.map((g) => g.id)).toEqual(all.groups.slice(past.page.offset, past.page.offset + 2).map((g) => g.id));
  });
});

describe('統合候補: a stale result is never served', () => {
  test('renaming a plan changes the suggestions at once', () => {
    const s = sampleSession();
    const before = candidates(s, 0, 50).page;
    expect(before.plans.find((p) => p.id === '5-4')?.name).toBe('水道事業ホームページの開設');
    progressCell(s, '5-4', 'プラン名').setValue('水道事業ホームページの刷新');
    const after = candidates(s, 0, 50);
    expect(computed(after.run)).toBe(true);
    expect(after.page.plans.find((p) => p.id === '5-4')?.name).toBe('水道事業ホームページの刷新');
    // Renamed so that nothing is shared any more: the pair is no longer suggested.
    progressCell(s, '5-4', 'プラン名').setValue('下水道管路の長寿命化');
    progressCell(s, '5-4', '成果指標').setValue('管路の更新延長');
    const apart = candidates(s, 0, 50).page;
    expect(apart.groups.some((g) => g.planIds.includes('5-4') && g.planIds.includes('9-3'))).toBe(false);
  });

  test('a figure typed meanwhile does not compute again (the plans are the same), and the page is the same', () => {
    const s = sampleSession();
    const before = candidates(s, 0, 20).page;
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const col = header.findIndex((h) => /実績/.test(h)) + 1;
    expect(col).toBeGreaterThan(0);
    sheet.getRange(3, col).setValue('123件');
    const after = candidates(s, 0, 20);
    expect(computed(after.run)).toBe(false);
    expect(after.page).toEqual(before);
    // The sheets as they are now are remembered: the next request does not parse either.
    expect(after.run.calls['Cache.put']).toBe(1);
    expect(computed(candidates(s, 0, 20).run)).toBe(false);
  });

  test('new synonyms in 設定 compute again', () => {
    const s = sampleSession();
    candidates(s, 0, 20);
    const settings = s.runtime.spreadsheet.getSheetByName(SHEETS.settings)!;
    const keys = settings.getDataRange().getValues().map((r) => String(r[0]));
    const row = keys.indexOf(SETTING_KEYS.synonyms) + 1 || settings.getLastRow() + 1;
    settings.getRange(row, 1, 1, 2).setValues([[SETTING_KEYS.synonyms, 'ホームページ、下水道']]);
    const after = candidates(s, 0, 20);
    expect(computed(after.run)).toBe(true);
  });

  test('a merge and its undo compute again: merged plans leave the suggestions and come back', () => {
    const s = sampleSession();
    const before = candidates(s, 0, 50).page;
    const request: MergeRequestInput = {
      memberIds: ['5-4', '9-3'], name: 'ホームページの充実（統合）', goalCode: '9',
      goalReason: '市全体の情報発信として管理する', mainDept: '秘書広報課', relatedDepts: [],
    };
    s.run('applyMerge', request);
    const merged = candidates(s, 0, 50);
    expect(computed(merged.run)).toBe(true);
    expect(merged.page.groups.some((g) => g.planIds.includes('5-4') || g.planIds.includes('9-3'))).toBe(false);
    expect(merged.page.unified.map((u) => u.id)).toEqual(['U-001']);
    s.run('unmerge', 'U-001');
    const undone = candidates(s, 0, 50);
    expect(undone.page.groups).toEqual(before.groups);
    expect(undone.page.unified.map((u) => u.status)).toEqual(['解除済']);
    // Only the latest result is kept: the one before the merge was removed when it was replaced.
    const indexes = cacheService(s).localKeys('document').filter((k) => /^mc1:s:[0-9a-f]+$/.test(k));
    expect(indexes).toHaveLength(1);
  });
});

describe('統合候補: a cache miss or expiry computes again transparently', () => {
  test('a piece dropped by the cache: computed again, same page', () => {
    const s = sampleSession();
    const first = candidates(s, 0, 20).page;
    expect(cacheService(s).localEvict('document', (k) => /^mc1:s:[0-9a-f]+:0$/.test(k))).toBe(1);
    const again = candidates(s, 0, 20);
    expect(computed(again.run)).toBe(true);
    expect(again.page).toEqual(first);
  });

  test('after 6 hours everything has expired: computed again', () => {
    const s = sampleSession();
    const env = s.runtime.spreadsheet.model.env;
    const start = Date.UTC(2026, 11, 1, 0, 0, 0);
    env.now = () => new Date(start);
    candidates(s, 0, 20);
    env.now = () => new Date(start + 21599 * 1000);
    expect(computed(candidates(s, 0, 20).run)).toBe(false);
    env.now = () => new Date(start + 21600 * 1000);
    expect(computed(candidates(s, 0, 20).run)).toBe(true);
  });

  test('a failing cache service does not fail the command', () => {
    const broken = {
      getDocumentCache: () => { throw new Error('Service unavailable: Cache'); },
      getScriptCache: () => { throw new Error('Service unavailable: Cache'); },
      getUserCache: () => { throw new Error('Service unavailable: Cache'); },
    };
    const grids = (() => {
      const g = sampleSession().runtime.spreadsheet.model;
      return Object.fromEntries(g.sheets.map((sh) => [sh.name, g.grid(sh.name) as (string | number)[][]]));
    })();
    const s = openSession(spreadsheetFromGrids('broken', grids), { extraGlobals: { CacheService: broken } });
    const page = s.run('getMergeCandidates', { offset: 0, limit: 20 }).result as MergeCandidates;
    expect(page.groups.length).toBeGreaterThan(0);
  });
});
