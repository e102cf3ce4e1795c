import type { HierarchyItem, Indicator, Plan } from '../../src/core/model';
import {
  attributeIndicators,
  buildUnifiedPlan,
  goalChoiceWarning,
  mergeWrites,
  MergeRequestSchema,
  nextUnifiedId,
  planUnmerge,
  unifiedPlanFromRow,
  unifiedPlanToRow,
  validateMergeRequest,
  type MergeRequest,
  type UnifiedPlan,
} from '../../src/core/merge';
import { UNIFIED_COLUMNS } from '../../src/core/schema';
import { LABELLED_HIERARCHY, LABELLED_PLANS } from '../fixtures/merge-labels';

function indicator(planId: string, n: number, name: string, department: string, row: number): Indicator {
  return {
    key: `${planId}#${n}`, planId, name, unit: '件', direction: 'up', accumulates: false, department,
    baseline: { value: { kind: 'empty', text: '' } }, target: { value: { kind: 'empty', text: '' }, cumulative: false },
    actuals: [], row, sheet: 'プラン・指標',
  };
}

function plan(id: string, extra: Partial<Plan>): Plan {
  return {
    id, name: id, policyCode: '1', goalCode: '1-3', measureCode: '', measureClass: '', mainDept: '', relatedDepts: [],
    status: '実施中', mergedInto: '', comment: '', indicators: [], row: 2, sheet: 'プラン・指標', ...extra,
  };
}

// Paperless meetings + electronic approval + council tablets (from seed 004), and a plan of another goal.
const PLANS: Plan[] = [
  plan('P-1', {
    name: 'ペーパーレス会議、web会議の推進', goalCode: '1-3', mainDept: '行政管理課', relatedDepts: ['情報政策課'], row: 10,
    indicators: [indicator('P-1', 1, 'ペーパーレス会議の実施割合', '行政管理課', 10)],
  }),
  plan('P-2', {
    name: '内部情報系システムの適切な運用', goalCode: '1-3', mainDept: '行政管理課', row: 11,
    indicators: [indicator('P-2', 1, '電子決裁率', '行政管理課', 11), indicator('P-2', 2, '文書管理の電子化率', '', 12)],
  }),
  plan('P-3', {
    name: '市議会タブレット端末導入による業務効率化の推進', goalCode: '1-3', mainDept: '議会事務局', relatedDepts: ['情報政策課', '行政管理課'], row: 13,
    indicators: [indicator('P-3', 1, 'タブレット端末の活用業務件数', '議会事務局', 13)],
  }),
  plan('P-4', { name: 'ペーパーレス化の推進', policyCode: '2', goalCode: '2-1', mainDept: '総務課', row: 14 }),
  plan('P-5', { name: '電子入札の拡充', goalCode: '1-3', mainDept: '財政課', mergedInto: 'U-001', status: '統合済', row: 15 }),
  plan('P-6', { name: '行政評価システムのリプレイス', goalCode: '1-3', mainDept: '企画政策課', status: '完了', row: 16 }),
  plan('P-7', { name: 'テレワークの推進', goalCode: '1-3', mainDept: '人事課', status: '中止', row: 17 }),
  plan('P-8', { name: 'RPAの推進', goalCode: '1-3', mainDept: '情報政策課', row: 18 }),
];

const HIERARCHY: HierarchyItem[] = [
  { level: '基本方針', code: '1', name: '行政運営', text: '', parentCode: '' },
  { level: '基本目標', code: '1-3', name: '効果的・効率的なICTの導入と運用', text: '', parentCode: '1' },
  { level: '基本方針', code: '2', name: 'まちづくり', text: '', parentCode: '' },
  { level: '基本目標', code: '2-1', name: '市民協働', text: '', parentCode: '2' },
];

const EXISTING: UnifiedPlan[] = [{
  id: 'U-001', name: '電子入札と電子契約', policyCode: '1', goalCode: '1-3', goalCandidates: ['1-3'], goalReason: '',
  mainDept: '財政課', relatedDepts: [], memberIds: ['P-5', 'P-9'], members: [], indicators: [], status: '有効',
  who: 'a@example.jp', when: '2025-04-01T09:00:00+09:00', note: '',
}];

const request = (extra: Partial<MergeRequest> = {}) => ({
  memberIds: ['P-1', 'P-2', 'P-3'], name: 'ペーパーレスの推進', goalCode: '1-3', mainDept: '行政管理課', relatedDepts: [], ...extra,
});

function errorsOf(req: unknown, plans = PLANS, existing = EXISTING, hierarchy = HIERARCHY): string[] {
  const v = validateMergeRequest(req, plans, existing, hierarchy);
  return v.ok ? [] : v.errors;
}

describe('validateMergeRequest: Japanese errors naming the plans', () => {
  test('a valid request passes, trimmed and deduplicated', () => {
    const v = validateMergeRequest({ ...request(), name: ' ペーパーレスの推進 ', relatedDepts: ['情報政策課', ' 情報政策課', ''] }, PLANS, EXISTING, HIERARCHY);
    expect(v).toEqual({ ok: true, request: { ...request(), relatedDepts: ['情報政策課'] }, warnings: [] });
  });

  test('unknown plan ID', () => {
    expect(errorsOf(request({ memberIds: ['P-1', 'P-99'] }))).toContain('プランID「P-99」は「プラン・指標」シートにありません。IDを確かめてください。');
  });

  test('a group of one', () => {
    expect(errorsOf(request({ memberIds: ['P-1'] }))).toContain('統合するプランを2件以上選んでください（選ばれているのは1件：P-1）。');
    expect(errorsOf(request({ memberIds: [] }))[0]).toMatch(/2件以上選んでください（選ばれているのは0件）/);
  });

  test('the same plan twice', () => {
    const errors = errorsOf(request({ memberIds: ['P-1', 'P-1'] }));
    expect(errors).toContain('プランID「P-1」が重複して選ばれています。1回だけ選んでください。');
    expect(errors.join()).toMatch(/2件以上/);
  });

  test('a plan already merged (its 統合先 cell), with sheet and row', () => {
    expect(errorsOf(request({ memberIds: ['P-1', 'P-5'] }))).toContain(
      'プラン「P-5」（プラン・指標シート 15行目）は既に U-001 に統合されています。統合済みのプランは選べません（先に U-001 の統合を解除してください）。');
  });

  test('a plan listed in an active unified plan even if its 統合先 cell was cleared by hand', () => {
    const plans = [...PLANS, plan('P-9', { name: '電子契約', mainDept: '財政課', row: 19 })];
    expect(errorsOf(request({ memberIds: ['P-1', 'P-9'] }), plans)[0]).toMatch(/プラン「P-9」.*は既に U-001 に統合されています/);
    // Once U-001 is released, P-9 may be merged again.
    const released = [{ ...EXISTING[0], status: '解除済' as const }];
    expect(errorsOf(request({ memberIds: ['P-1', 'P-9'] }), plans, released)).toEqual([]);
  });

  test('a plan with status 統合済 but no 統合先', () => {
    const plans = PLANS.map((p) => (p.id === 'P-2' ? { ...p, status: '統合済' as const } : p));
    expect(errorsOf(request(), plans)).toContain('プラン「P-2」（プラン・指標シート 11行目）は状態が「統合済」です。統合済みのプランは選べません。');
  });

  test.each([['P-6', '完了', 16], ['P-7', '中止', 17]])('an ended plan (%s, %s)', (id, status, row) => {
    expect(errorsOf(request({ memberIds: ['P-1', id as string] }))).toContain(
      `プラン「${id}」（プラン・指標シート ${row}行目）は状態が「${status}」のため統合できません。実施中・未着手のプランを選んでください。`);
  });

  test('a unified plan as a member', () => {
    expect(errorsOf(request({ memberIds: ['P-1', 'U-001'] }))).toContain(
      '「U-001」は統合プランです。統合プランをさらに統合することはできません。元のプランIDを選んでください。');
  });

  test('name missing', () => {
    expect(errorsOf(request({ name: '  ' }))).toEqual(['統合プランの名前を入力してください。']);
  });

  test('goal missing: required even when all members share one goal (never defaulted)', () => {
    expect(errorsOf(request({ goalCode: '' }))).toEqual(['統合プランの基本目標を選んでください（自動では決めません）。統合するプランの基本目標：1-3']);
    const { goalCode: _omit, ...noGoal } = request();
    expect(errorsOf(noGoal)[0]).toMatch(/^統合プランの基本目標を選んでください（自動では決めません）/);
  });

  test('goal not in the hierarchy', () => {
    expect(errorsOf(request({ goalCode: '9-9' }))).toEqual(['基本目標「9-9」は「施策体系」シートにありません。施策体系の基本目標のコード（例：1-3、2-1）を選んでください。']);
  });

  test('without a hierarchy, the goals the plans use are the known ones', () => {
    expect(errorsOf(request({ goalCode: '2-1' }), PLANS, EXISTING, [])).toEqual([]);
    expect(errorsOf(request({ goalCode: '7-7' }), PLANS, EXISTING, [])[0]).toMatch(/基本目標「7-7」は「施策体系」シートにありません/);
  });

  test('main department must be one of the members\' departments', () => {
    expect(errorsOf(request({ mainDept: '財政課' }))).toEqual([
      '主担当課「財政課」は統合するプランの担当課ではありません。次から選んでください：行政管理課、情報政策課、議会事務局',
    ]);
    expect(errorsOf(request({ mainDept: '' }))).toEqual(['主担当課を1つ選んでください。候補：行政管理課、情報政策課、議会事務局']);
    // A related department of a member may lead.
    expect(errorsOf(request({ mainDept: '情報政策課' }))).toEqual([]);
  });

  test('a malformed request (from the sidebar) is rejected in Japanese, never thrown', () => {
    expect(errorsOf(null)).toEqual(['統合の指定が空です。統合するプランを選んでください。']);
    expect(errorsOf({ ...request(), memberIds: 'P-1,P-2' })).toEqual(['統合するプランIDを一覧で指定してください。']);
    expect(errorsOf({ ...request(), name: 3 })).toEqual(['統合プラン名は文字で指定してください。']);
    expect(MergeRequestSchema.safeParse({ memberIds: ['P-1', 'P-2'], name: 'x' }).success).toBe(true);
  });

  test('all problems are reported at once', () => {
    const errors = errorsOf({ memberIds: ['P-1', 'P-99', 'P-6'], name: '', goalCode: '', mainDept: '' });
    expect(errors.length).toBe(5);
    expect(errors.join('\n')).toMatch(/P-99[\s\S]*P-6[\s\S]*名前[\s\S]*基本目標[\s\S]*主担当課/);
  });

  test('a name already used by an active unified plan is a warning', () => {
    const v = validateMergeRequest(request({ name: '電子入札と電子契約' }), PLANS, EXISTING, HIERARCHY);
    expect(v.ok).toBe(true);
    expect(v.warnings).toEqual(['同じ名前の統合プラン U-001「電子入札と電子契約」があります。区別できる名前にすることをお勧めします。']);
  });
});

describe('goal choice: a deliberate, reviewed choice', () => {
  test('goalChoiceWarning lists every goal and its plans', () => {
    const w = goalChoiceWarning([PLANS[0], PLANS[3], PLANS[1]]);
    expect(w).not.toBeNull();
    expect(w?.goals).toEqual([{ goalCode: '1-3', planIds: ['P-1', 'P-2'] }, { goalCode: '2-1', planIds: ['P-4'] }]);
    expect(w?.message).toBe('統合するプランの基本目標が異なります：1-3（P-1、P-2）、2-1（P-4）。統合プランの基本目標は自動では決めません。'
      + 'どの基本目標に置くかを選び、その理由を記録して、委員の確認を受けてください。');
  });

  test('no warning when all members share the goal', () => {
    expect(goalChoiceWarning([PLANS[0], PLANS[1]])).toBeNull();
  });

  test('a plan without a goal counts as a different goal', () => {
    expect(goalChoiceWarning([PLANS[0], { ...PLANS[1], goalCode: '' }])?.goals.map((g) => g.goalCode)).toEqual(['1-3', '（未設定）']);
  });

  test('the request carries the warning, and is refused until the reason is given', () => {
    const noReason = validateMergeRequest(request({ memberIds: ['P-1', 'P-4'], mainDept: '総務課', goalCode: '2-1' }), PLANS, EXISTING, HIERARCHY);
    expect(noReason.ok).toBe(false);
    expect(noReason.warnings[0]).toMatch(/^統合するプランの基本目標が異なります：1-3（P-1）、2-1（P-4）/);
    expect(!noReason.ok && noReason.errors).toContain('統合するプランの基本目標が異なるため、選んだ基本目標の理由を入力してください（委員会で確認します）。');
    const withReason = validateMergeRequest(
      request({ memberIds: ['P-1', 'P-4'], mainDept: '総務課', goalCode: '2-1', goalReason: '市民向けの効果を重視' }), PLANS, EXISTING, HIERARCHY);
    expect(withReason.warnings).toHaveLength(1);
    expect(withReason.ok && withReason.request.goalReason).toBe('市民向けの効果を重視');
  });

  test('a goal none of the members has is flagged', () => {
    const v = validateMergeRequest(request({ goalCode: '2-1' }), PLANS, EXISTING, HIERARCHY);
    expect(v.warnings).toEqual(['選んだ基本目標「2-1」は、統合するどのプランの基本目標（1-3）とも異なります。意図した選択か確かめてください。']);
  });
});

describe('buildUnifiedPlan', () => {
  const req = request({ relatedDepts: ['デジタル推進室'], goalReason: '', note: '委員会で承認' }) as MergeRequest;
  const u = buildUnifiedPlan(req, PLANS, 'kanri@example.jp', '2025-10-01T09:00:00+09:00', 'U-002', HIERARCHY);

  test('the record: ID, name, goal, departments, members, who and when', () => {
    expect(u).toMatchObject({
      id: 'U-002', name: 'ペーパーレスの推進', policyCode: '1', goalCode: '1-3', goalCandidates: ['1-3'],
      mainDept: '行政管理課', memberIds: ['P-1', 'P-2', 'P-3'], status: '有効',
      who: 'kanri@example.jp', when: '2025-10-01T09:00:00+09:00', note: '委員会で承認',
    });
  });

  test('関係課 = every other member department (related ones included), deduplicated, plus the extra ones', () => {
    expect(u.relatedDepts).toEqual(['情報政策課', '議会事務局', 'デジタル推進室']);
    expect(u.relatedDepts).not.toContain(u.mainDept);
  });

  test('every member keeps its own indicators, attributed to its own department', () => {
    expect(u.indicators).toEqual([
      { key: 'P-1#1', planId: 'P-1', name: 'ペーパーレス会議の実施割合', unit: '件', department: '行政管理課' },
      { key: 'P-2#1', planId: 'P-2', name: '電子決裁率', unit: '件', department: '行政管理課' },
      { key: 'P-2#2', planId: 'P-2', name: '文書管理の電子化率', unit: '件', department: '行政管理課' },
      { key: 'P-3#1', planId: 'P-3', name: 'タブレット端末の活用業務件数', unit: '件', department: '議会事務局' },
    ]);
    expect(attributeIndicators([PLANS[2]])[0].department).toBe('議会事務局');
  });

  test('the members are kept as they were (lineage), with their rows', () => {
    expect(u.members.map((m) => [m.planId, m.goalCode, m.mainDept, m.status, m.rows])).toEqual([
      ['P-1', '1-3', '行政管理課', '実施中', [10]],
      ['P-2', '1-3', '行政管理課', '実施中', [11, 12]],
      ['P-3', '1-3', '議会事務局', '実施中', [13]],
    ]);
  });

  test('when goals differ, the chosen goal and the candidates are both recorded', () => {
    const v = buildUnifiedPlan(request({ memberIds: ['P-1', 'P-4'], goalCode: '2-1', mainDept: '総務課', goalReason: '市民向け' }) as MergeRequest,
      PLANS, 'a', 't', 'U-003', HIERARCHY);
    expect([v.goalCode, v.policyCode, v.goalCandidates, v.goalReason]).toEqual(['2-1', '2', ['1-3', '2-1'], '市民向け']);
    expect(v.relatedDepts).toEqual(['行政管理課', '情報政策課']);
  });

  test('an unknown member is refused in Japanese', () => {
    expect(() => buildUnifiedPlan(request({ memberIds: ['P-1', 'P-99'] }) as MergeRequest, PLANS, 'a', 't', 'U-004'))
      .toThrow('プランID「P-99」が見つかりません。統合の指定を確かめてください。');
  });

  test('inputs are not modified', () => {
    const before = JSON.stringify(PLANS);
    buildUnifiedPlan(req, PLANS, 'a', 't', 'U-005', HIERARCHY);
    expect(JSON.stringify(PLANS)).toBe(before);
  });

  test('mergeWrites: only the 統合先 cells of the members, from empty to the unified ID', () => {
    expect(mergeWrites(u, PLANS)).toEqual([
      { planId: 'P-1', sheet: 'プラン・指標', rows: [10], from: '', to: 'U-002' },
      { planId: 'P-2', sheet: 'プラン・指標', rows: [11, 12], from: '', to: 'U-002' },
      { planId: 'P-3', sheet: 'プラン・指標', rows: [13], from: '', to: 'U-002' },
    ]);
  });
});

describe('nextUnifiedId', () => {
  test.each([
    [[], 'U-001'],
    [['U-001'], 'U-002'],
    [['U-009', 'U-010', 'X-100', 'U-7a'], 'U-011'],
    [['U-999'], 'U-1000'],
  ])('%j → %s', (ids, next) => {
    expect(nextUnifiedId(ids as string[])).toBe(next);
  });
  test('released plans keep their IDs (never reused)', () => {
    expect(nextUnifiedId([{ ...EXISTING[0], status: '解除済' }])).toBe('U-002');
  });
});

describe('planUnmerge: exactly what to restore', () => {
  const u = buildUnifiedPlan(request() as MergeRequest, PLANS, 'a@example.jp', '2025-10-01T09:00:00+09:00', 'U-002', HIERARCHY);
  const merged = PLANS.map((p) => (u.memberIds.includes(p.id) ? { ...p, mergedInto: 'U-002' } : p));

  test('clears the 統合先 cells that hold this unified ID, keeps the record as 解除済', () => {
    const un = planUnmerge(u, merged, 'b@example.jp', '2026-01-10T10:00:00+09:00');
    expect(un.ok).toBe(true);
    expect(un.errors).toEqual([]);
    expect(un.warnings).toEqual([]);
    expect(un.clearMergedInto).toEqual([
      { planId: 'P-1', sheet: 'プラン・指標', rows: [10], from: 'U-002', to: '' },
      { planId: 'P-2', sheet: 'プラン・指標', rows: [11, 12], from: 'U-002', to: '' },
      { planId: 'P-3', sheet: 'プラン・指標', rows: [13], from: 'U-002', to: '' },
    ]);
    expect(un.unifiedUpdate).toEqual({ id: 'U-002', status: '解除済', releasedBy: 'b@example.jp', releasedAt: '2026-01-10T10:00:00+09:00' });
    expect(un.restoredMembers).toEqual(u.members);
  });

  test('merge then unmerge gives back the 統合先 values the plans had', () => {
    const writes = mergeWrites(u, PLANS);
    const un = planUnmerge(u, merged, 'b', 'now');
    expect(un.clearMergedInto.map((c) => [c.planId, c.to])).toEqual(writes.map((w) => [w.planId, w.from]));
  });

  test('uses the rows where the plans are now (people insert rows)', () => {
    const moved = merged.map((p) => (p.id === 'P-1' ? { ...p, row: 30, indicators: p.indicators.map((i) => ({ ...i, row: 30 })) } : p));
    expect(planUnmerge(u, moved, 'b', 'now').clearMergedInto[0].rows).toEqual([30]);
  });

  test('never overwrites a 統合先 that says something else; reports missing plans', () => {
    const changed = merged
      .filter((p) => p.id !== 'P-3')
      .map((p) => (p.id === 'P-1' ? { ...p, mergedInto: 'U-009' } : p.id === 'P-2' ? { ...p, mergedInto: '' } : p));
    const un = planUnmerge(u, changed, 'b', 'now');
    expect(un.clearMergedInto).toEqual([]);
    expect(un.warnings).toEqual([
      'プラン「P-1」（プラン・指標シート 10行目）の統合先は U-009 になっています。U-002 ではないため書き換えません。',
      'プラン「P-2」（プラン・指標シート 11行目）の統合先は既に空です。書き換えません。',
      'プラン「P-3」が「プラン・指標」シートに見つかりません（行が削除された可能性があります）。このプランの統合先は戻せません。',
    ]);
  });

  test('a released unified plan cannot be released again', () => {
    const un = planUnmerge({ ...u, status: '解除済', releasedAt: '2026-01-10' }, merged, 'b', 'now');
    expect(un.ok).toBe(false);
    expect(un.errors).toEqual(['統合プラン U-002「ペーパーレスの推進」は既に統合が解除されています（2026-01-10）。']);
    expect(un.clearMergedInto).toEqual([]);
    expect(un.unifiedUpdate).toBeNull();
  });
});

describe('the 統合プラン sheet row', () => {
  const u = buildUnifiedPlan(request({ relatedDepts: ['デジタル推進室'], goalReason: '議会も含めて一体で進める' }) as MergeRequest,
    PLANS, 'kanri@example.jp', '2025-10-01T09:00:00+09:00', 'U-002', HIERARCHY);

  test('is written in UNIFIED_COLUMNS order, lists joined with 、', () => {
    const row = unifiedPlanToRow(u);
    expect(row).toHaveLength(UNIFIED_COLUMNS.length);
    const at = (c: (typeof UNIFIED_COLUMNS)[number]) => row[UNIFIED_COLUMNS.indexOf(c)];
    expect([at('統合プランID'), at('基本目標'), at('主担当課'), at('関係課'), at('統合元プランID'), at('状態')])
      .toEqual(['U-002', '1-3', '行政管理課', '情報政策課、議会事務局、デジタル推進室', 'P-1、P-2、P-3', '有効']);
  });

  test('reads back to the same record (members and indicators from the plans as they are)', () => {
    const merged = PLANS.map((p) => (u.memberIds.includes(p.id) ? { ...p, mergedInto: 'U-002' } : p));
    expect(unifiedPlanFromRow(unifiedPlanToRow(u), merged)).toEqual(u);
    const released = { ...u, status: '解除済' as const, releasedBy: 'b', releasedAt: '2026-01-10T10:00:00+09:00' };
    expect(unifiedPlanFromRow(unifiedPlanToRow(released), merged)).toEqual(released);
  });

  test('a row without an ID is no unified plan', () => {
    expect(unifiedPlanFromRow(['', 'x'], PLANS)).toBeNull();
  });
});

describe('with the public plans of the labelled set', () => {
  test('Iizuka 2-1-3 + 2-2-2 (same text, two goals): the goal is a choice; validation names both goals', () => {
    const v = validateMergeRequest(
      { memberIds: ['IZ-2-1-3', 'IZ-2-2-2'], name: '見守りシステムの調査研究', goalCode: '', mainDept: '' },
      LABELLED_PLANS, [], LABELLED_HIERARCHY);
    expect(v.ok).toBe(false);
    expect(v.ok ? [] : v.errors).toContain('統合プランの基本目標を選んでください（自動では決めません）。統合するプランの基本目標：IZ-2-1、IZ-2-2');
    expect(v.warnings[0]).toMatch(/基本目標が異なります：IZ-2-1（IZ-2-1-3）、IZ-2-2（IZ-2-2-2）/);
  });

  test('Sukagawa online procedures: one lead, every other department related, each indicator with its department', () => {
    const ids = ['SK-3-2', 'SK-5-3', 'SK-6-4'];
    const v = validateMergeRequest({ memberIds: ids, name: '手続のオンライン化', goalCode: 'SK-9', mainDept: '保険年金課', goalReason: '全庁の手続を一つに' },
      LABELLED_PLANS, [], LABELLED_HIERARCHY);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const u = buildUnifiedPlan(v.request, LABELLED_PLANS, 'x', 'y', 'U-001', LABELLED_HIERARCHY);
    expect(u.relatedDepts).toEqual(['経営課', '環境課']);
    expect(u.indicators.map((i) => `${i.planId}:${i.department}`)).toEqual(['SK-3-2:保険年金課', 'SK-5-3:経営課', 'SK-6-4:環境課']);
    expect(u.goalCandidates).toEqual(['SK-3', 'SK-5', 'SK-6']);
  });
});
