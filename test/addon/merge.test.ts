// 類似プランの統合 through the built bundle: suggestions, validation, apply, lineage, undo.
import { OWNED_COLUMNS, SHEETS } from '../../src/core/schema';
import type { MergeCandidates, MergeRequestInput, PlanOption } from '../../src/addon/api';
import { records, sampleSession, snapshot } from './helpers';

const REQUEST: MergeRequestInput = {
  memberIds: ['5-4', '9-3'], name: 'ホームページの充実（統合）', goalCode: '9',
  goalReason: '市全体の情報発信として電子行政の目標で管理する', mainDept: '秘書広報課', relatedDepts: [],
};

function column(s: ReturnType<typeof sampleSession>, sheet: string, header: string): unknown[] {
  const values = snapshot(s, sheet).values;
  const c = values[0].indexOf(header);
  return c < 0 ? [] : values.map((r) => r[c]);
}

describe('統合候補', () => {
  test('suggests the Sukagawa plans with the same indicator wording, with reasons and the goal warning', () => {
    const s = sampleSession();
    const c = s.run('getMergeCandidates', { offset: 0, limit: 20 }).result as MergeCandidates;
    const hp = c.groups.find((g) => g.planIds.join() === '5-4,9-3');
    expect(hp).toBeDefined();
    expect(hp!.goalChoiceNeeded).toBe(true);
    expect(hp!.reasons.join()).toMatch(/ホームページへのアクセス数/);
    expect(c.goals).toHaveLength(10);
  });
});

describe('統合候補: pages and plan search', () => {
  test('a page carries its groups and only their plans; the next page continues; a bad page is refused', () => {
    const s = sampleSession();
    const first = s.run('getMergeCandidates', { offset: 0, limit: 2 }).result as MergeCandidates;
    expect(first.total).toBeGreaterThan(2);
    expect(first.groups).toHaveLength(2);
    expect(first.offset).toBe(0);
    expect(new Set(first.plans.map((p) => p.id))).toEqual(new Set(first.groups.flatMap((g) => g.planIds)));
    const second = s.run('getMergeCandidates', { offset: 2, limit: 2 }).result as MergeCandidates;
    expect(second.offset).toBe(2);
    expect(second.groups[0].id).not.toBe(first.groups[0].id);
    const all = s.run('getMergeCandidates', { offset: 0, limit: 50 }).result as MergeCandidates;
    expect(all.groups.slice(2, 4).map((g) => g.id)).toEqual(second.groups.map((g) => g.id));
    // Past the end: the last page, not an empty one.
    const past = s.run('getMergeCandidates', { offset: 1000, limit: 2 }).result as MergeCandidates;
    expect(past.groups.length).toBeGreaterThan(0);
    expect(past.offset).toBe(Math.floor((all.total - 1) / 2) * 2);
    for (const bad of [undefined, { offset: -1, limit: 2 }, { offset: 0, limit: 51 }, { offset: 0.5, limit: 2 }]) {
      expect(() => s.run('getMergeCandidates', bad)).toThrow(/形式が正しくありません/);
    }
  });

  test('findPlans finds eligible plans by ID or name, at most 20, and refuses a non-string', () => {
    const s = sampleSession();
    const byName = s.run('findPlans', 'ホームページ').result as PlanOption[];
    expect(byName.map((p) => p.id)).toEqual(expect.arrayContaining(['5-4', '9-3']));
    expect(byName.every((p) => p.eligible && /ホームページ/.test(p.name))).toBe(true);
    expect((s.run('findPlans', '１－１').result as PlanOption[]).map((p) => p.id)).toContain('1-1');
    expect((s.run('findPlans', '-').result as PlanOption[]).length).toBeLessThanOrEqual(20);
    expect(s.run('findPlans', '  ').result).toEqual([]);
    expect(() => s.run('findPlans', 42)).toThrow(/形式が正しくありません/);
  });
});

describe('applyMerge', () => {
  test.each([
    ['a group of one', { ...REQUEST, memberIds: ['5-4'] }, /2件以上/],
    ['an unknown ID', { ...REQUEST, memberIds: ['5-4', 'X-9'] }, /「X-9」は「プラン・指標」シートにありません/],
    ['no goal', { ...REQUEST, goalCode: '' }, /基本目標を選んでください/],
    ['a cross-goal choice without reason', { ...REQUEST, goalReason: '' }, /理由を入力してください/],
    ['a lead department not among the members', { ...REQUEST, mainDept: '財政課' }, /主担当課「財政課」は統合するプランの担当課ではありません/],
  ])('refuses %s in Japanese and writes nothing', (_label, req, message) => {
    const s = sampleSession();
    const before = snapshot(s, SHEETS.progress);
    expect(() => s.run('applyMerge', req)).toThrow(message);
    expect(snapshot(s, SHEETS.progress)).toEqual(before);
    expect(s.runtime.spreadsheet.getSheetByName(SHEETS.unified)).toBeNull();
  });

  test('refuses a malformed request before reading anything', () => {
    const s = sampleSession();
    expect(() => s.run('applyMerge', { memberIds: 'all' })).toThrow(/形式が正しくありません/);
    expect(() => s.run('unmerge', '=HYPERLINK("x")')).toThrow(/形式が正しくありません/);
  });

  test('records the unified plan, marks the members, rates it from their indicators, and undoes exactly', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const beforeResults = snapshot(s, SHEETS.results);
    const beforeGoals = snapshot(s, SHEETS.goals);
    const beforeProgress = snapshot(s, SHEETS.progress);

    const outcome = s.run('applyMerge', REQUEST).result as { unifiedId: string };
    expect(outcome.unifiedId).toBe('U-001');
    const unified = records(s, SHEETS.unified);
    expect(unified).toHaveLength(1);
    expect(unified[0]).toMatchObject({
      統合プランID: 'U-001', 基本目標: '9', 主担当課: '秘書広報課', 関係課: '経営課', 統合元プランID: '5-4、9-3', 状態: '有効',
      統合者: 'jimukyoku@example.jp',
    });
    // Only the add-on's 統合先 column changed on the progress sheet, and only for the members.
    const after = snapshot(s, SHEETS.progress);
    const width = beforeProgress.values[0].length;
    expect(after.values.map((r) => r.slice(0, width))).toEqual(beforeProgress.values);
    const ids = column(s, SHEETS.progress, 'プランID');
    const into = column(s, SHEETS.progress, OWNED_COLUMNS.mergedInto);
    ids.forEach((id, i) => {
      if (i === 0) return;
      expect(into[i]).toBe(id === '5-4' || id === '9-3' ? 'U-001' : '');
    });

    s.run('menuAggregate');
    const results = records(s, SHEETS.results);
    expect(results.filter((r) => r['プランID'] === '5-4' || r['プランID'] === '9-3').every((r) => r['統合先'] === 'U-001')).toBe(true);
    const unifiedRow = results.find((r) => r['プランID'] === 'U-001');
    expect(unifiedRow).toBeDefined();
    // Each member's indicator stays attributed to its own department.
    const goals5 = records(s, SHEETS.goals).find((g) => g['コード'] === '5');
    expect(Number(goals5!['プラン数'])).toBe(3);

    // Undo: the record stays as 解除済, the members are as before, and 集計 gives the same output.
    s.run('unmerge', 'U-001');
    expect(records(s, SHEETS.unified)[0]).toMatchObject({ 状態: '解除済', 解除者: 'jimukyoku@example.jp' });
    expect(column(s, SHEETS.progress, OWNED_COLUMNS.mergedInto).slice(1).every((v) => v === '')).toBe(true);
    s.run('menuAggregate');
    expect(snapshot(s, SHEETS.results)).toEqual(beforeResults);
    expect(snapshot(s, SHEETS.goals)).toEqual(beforeGoals);
    expect(() => s.run('unmerge', 'U-001')).toThrow(/既に統合が解除されています/);
    // Every change is on the run log, with who did it.
    const log = records(s, SHEETS.runLog).map((r) => `${r['処理']} ${r['実行者']}`);
    expect(log).toEqual([
      '集計 jimukyoku@example.jp', '統合 U-001（5-4、9-3） jimukyoku@example.jp', '集計 jimukyoku@example.jp',
      '統合解除 U-001 jimukyoku@example.jp', '集計 jimukyoku@example.jp',
    ]);
  });

  test('a plan already merged is not proposed again and cannot be merged twice', () => {
    const s = sampleSession();
    s.run('applyMerge', REQUEST);
    const c = s.run('getMergeCandidates', { offset: 0, limit: 20 }).result as MergeCandidates;
    expect(c.groups.some((g) => g.planIds.includes('5-4'))).toBe(false);
    // Nor offered to add to another group.
    expect(c.plans.some((p) => p.id === '9-3')).toBe(false);
    expect((s.run('findPlans', '9-3').result as PlanOption[]).some((p) => p.id === '9-3')).toBe(false);
    expect(() => s.run('applyMerge', { ...REQUEST, memberIds: ['9-3', '9-12'], goalReason: '' }))
      .toThrow(/既に U-001 に統合されています/);
  });
});
