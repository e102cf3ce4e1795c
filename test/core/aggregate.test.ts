import { aggregate, NO_OVERRIDES, type AggregateResult, type Overrides, type UnifiedPlanInput } from '../../src/core/aggregate';
import { draftFinding } from '../../src/core/findings';
import { num, plan, progressData, seed004, seed004Plans, SEED004_GOALS } from './fixtures';

const goalOf = (r: AggregateResult, code: string) => {
  const g = r.goals.find((x) => x.code === code);
  if (!g) throw new Error(`no goal ${code}`);
  return g;
};
const planOf = (r: AggregateResult, id: string) => {
  const p = r.plans.find((x) => x.id === id);
  if (!p) throw new Error(`no plan ${id}`);
  return p;
};
const overrides = (o: Partial<Overrides>): Overrides => ({ plans: [], goals: [], findings: [], ...o });

describe('seed 004 at the end of R4 (hand-computed)', () => {
  const r = aggregate(seed004(), { overrides: NO_OVERRIDES });

  test('no issues on clean data', () => {
    expect(r.issues).toEqual([]);
  });

  test('plan grades', () => {
    const grades = Object.fromEntries(r.plans.map((p) => [p.id, p.period.grade]));
    expect(grades).toEqual({
      '1-1': 'A',
      '2-1': 'D', '2-2': 'B', '2-3': 'D', '2-4': '−', '2-5': 'D', '2-6': 'A', '2-7': 'D', '2-8': 'A', '2-9': 'A',
      '4-1': '−', '4-2': 'A', '4-3': '−', '4-4': 'D', // 4-4: mean(0%, 50%) = 25%
      '6-1': 'D', '6-2': 'D', '6-3': '−', '6-4': '−',
      '7-1': 'C', // mean(15%, 100% capped) = 57.5%
      '7-2': 'A', // 登録店舗数 130%; 閲覧数 cannot be assessed (target below baseline)
      '7-3': 'D', '7-5': 'D',
      '9-1': 'A', '9-2': 'D', '9-3': 'D', '9-4': 'D', '9-5': 'D', '9-6': 'A', '9-7': 'D', '9-8': 'D', '9-9': 'A',
      '9-10': 'D', '9-11': '−', '9-12': 'C', '9-13': '−', '9-14': 'C', '9-15': 'A',
      '10-1': 'B', // mean(66.7%, 100% capped) = 83.3%
      '10-2': 'C', '10-3': 'A',
    });
    expect(planOf(r, '7-1').period.score).toBeCloseTo(0.575, 6);
    expect(planOf(r, '4-4').period.score).toBeCloseTo(0.25, 6);
  });

  test('plans that cannot be assessed carry their reason', () => {
    expect(planOf(r, '9-13').period.reason).toBe('R4の実績値を取得できません（リプレイス未実施 (実績値取得不可)）');
    expect(planOf(r, '9-13').period.gap).toBe('unavailable');
    expect(planOf(r, '4-3').period.reason).toBe('指標の設定がありません');
    expect(planOf(r, '6-3').period.gap).toBe('mixed');
  });

  test('goal counts and ratings', () => {
    const g2 = goalOf(r, '2');
    expect(g2.period.counts).toEqual({ A: 3, B: 1, C: 0, D: 4, '−': 1 });
    expect(g2.period.share).toBe(50);
    expect(g2.period.rating).toBe('概ね良好'); // 4/8 = 50%: on the boundary
    expect(goalOf(r, '1').period.rating).toBe('良好');
    expect(goalOf(r, '4').period.counts).toEqual({ A: 1, B: 0, C: 0, D: 1, '−': 2 });
    expect(goalOf(r, '4').period.rating).toBe('概ね良好');
    expect(goalOf(r, '6').period.rating).toBe('良好ではない');
    expect(goalOf(r, '7').period.rating).toBe('良好ではない'); // 1/4
    const g9 = goalOf(r, '9');
    expect(g9.period.counts).toEqual({ A: 4, B: 0, C: 2, D: 7, '−': 2 });
    expect(g9.period.rating).toBe('良好ではない'); // 4/13 = 30.8%
    expect(goalOf(r, '10').period.rating).toBe('概ね良好'); // 2/3
    expect(r.goals.map((g) => g.code)).toEqual(['1', '2', '4', '6', '7', '9', '10']);
    expect(g9.name).toBe('電子行政の推進');
  });

  test('plan so far equals the period when the evaluation year has its actuals', () => {
    for (const g of r.goals) expect(g.sofar.rating).toBe(g.period.rating);
  });

  test('auto 所見 from the figures', () => {
    expect(goalOf(r, '9').findingAuto).toBe(
      '対象プラン15件のうち4件が目標を達成し、9件は目標に届かず、1件（9-13 行政評価システムのリプレイス）は実績値を取得できず、' +
      '1件（9-11 基幹系システムの標準化）は成果指標が設定されていません。9-3 ホームページの充実は基準値を下回っています（後退）。');
    expect(goalOf(r, '6').findingAuto).toBe(
      '対象プラン4件のうち2件は目標に届かず、1件（6-4 粗大ごみのLINE申込）は実績が数値で示されておらず、1件（6-3 環境講座申込フォームの作成）は評価できませんでした。' +
      '6-1 画像投稿システム「レポナウすかがわ」の利用促進は基準値を下回り、6-2 交通事故の減少に向けた安全対策は基準値より悪化しています（いずれも後退）。');
    expect(goalOf(r, '1').findingAuto).toBe('対象プラン1件のうち1件が目標を達成しました。');
    expect(goalOf(r, '9').finding).toBe(goalOf(r, '9').findingAuto);
  });

  test('worst-of plan rule is configurable', () => {
    const w = aggregate(seed004({ planRule: 'worst' }), { overrides: NO_OVERRIDES });
    expect(planOf(w, '7-1').period.grade).toBe('D');
    expect(planOf(w, '10-1').period.grade).toBe('C');
    const o = aggregate(seed004(), { overrides: NO_OVERRIDES, planRule: 'worst' });
    expect(planOf(o, '7-1').period.grade).toBe('D');
  });
});

describe('evaluation period vs plan so far', () => {
  test('evaluated at R5 with no R5 actuals: period 評価不能 with reason, plan so far from R4', () => {
    const r = aggregate(seed004({ evaluationYear: 2023 }), { overrides: NO_OVERRIDES });
    const g2 = goalOf(r, '2');
    expect(g2.period.rating).toBe('評価不能');
    expect(g2.period.reason).toBe('評価できるプランがありません（対象9件すべてが評価不能）');
    expect(g2.sofar.rating).toBe('概ね良好');
    expect(planOf(r, '1-1').period.reason).toBe('R5年度の実績値が未入力です');
    expect(planOf(r, '1-1').sofar.grade).toBe('A');
    expect(g2.findingAuto).toBe(
      '対象プラン9件のうち8件（2-1 各学校におけるICT環境のさらなる充実、2-2 情報通信技術支援員（ICT支援員）の派遣、2-3 情報端末の持ち帰り対応 ほか5件）は実績値が未入力で、' +
      '1件（2-4 貴重な地域資料の整備）は目標値が数値で設定されていません。');
  });

  test('a goal with no plans → 評価不能 (対象プランがありません)', () => {
    const data = seed004();
    data.hierarchy = [...SEED004_GOALS, { level: '基本目標', code: '11', name: '新しい目標', text: '', parentCode: '' }];
    const g = goalOf(aggregate(data, { overrides: NO_OVERRIDES }), '11');
    expect(g.period.rating).toBe('評価不能');
    expect(g.period.reason).toBe('対象プランがありません');
    expect(g.findingAuto).toBe('対象プランがないため、評価できません。');
  });
});

describe('mid-year evaluation', () => {
  test('plans and goals graded on the projection; 所見 speaks of 見込み', () => {
    const mk = (id: string, mid: number) => plan({ id, name: `施策${id}`, goal: '2', indicators: [{
      name: '年間のオンライン申請件数', unit: '件/年', accumulates: true,
      baseline: num(554, '件/年'), target: num(700, '件/年'), actuals: { R7中間: num(mid, '件') },
    }] });
    const data = progressData([mk('2-9', 400), mk('2-10', 345), mk('2-11', 320)], {
      settings: { evaluationYear: 2025, evaluationKind: 'mid', midAsOf: '2025-09-30' },
    });
    const r = aggregate(data, { overrides: NO_OVERRIDES });
    expect(r.plans.map((p) => p.period.grade)).toEqual(['A', 'B', 'C']);
    expect(goalOf(r, '2').period.rating).toBe('概ね良好'); // 2/3
    expect(goalOf(r, '2').findingAuto).toBe('対象プラン3件のうち1件が年度末に目標を達成する見込みで、1件が概ね達成する見込みで、1件は達成が困難な見込みです。');
    expect(r.config.midShare).toBe(0.5);
  });
});

describe('unified plans', () => {
  const unified: UnifiedPlanInput[] = [
    { id: 'U-1', name: 'ペーパーレス・電子決裁の推進', goalCode: '9', mainDept: '行政管理課', relatedDepts: ['情報政策課'], memberIds: ['9-9', '9-6'] },
    // Members under different goals: the unified plan's goal (10) is a deliberate choice.
    { id: 'U-2', name: '電子申請・回覧のデジタル化', goalCode: '10', mainDept: '市民協働推進課', relatedDepts: ['こども課'], memberIds: ['1-1', '10-3'] },
  ];
  const r = aggregate(seed004(), { overrides: NO_OVERRIDES, unified });

  test('rated from the members\' indicators, each kept with its own department', () => {
    const u1 = planOf(r, 'U-1');
    expect(u1.kind).toBe('unified');
    expect(u1.indicators.map((i) => i.indicator.key)).toEqual(['9-9#1', '9-6#1']);
    expect(u1.period.grade).toBe('A'); // mean(107.5% → 100%, 123.75% → 100%)
    expect(u1.memberIds).toEqual(['9-9', '9-6']);
    expect(planOf(r, 'U-2').indicators.map((i) => i.indicator.department)).toEqual(['こども課', '市民協働推進課']);
  });

  test('members keep their own computed grade and point to the unified plan, but leave the goal counts', () => {
    const m = planOf(r, '9-6');
    expect(m.period.grade).toBe('A');
    expect(m.mergedInto).toBe('U-1');
    expect(m.counted).toBe(false);
    const g9 = goalOf(r, '9');
    expect(g9.planIds).not.toContain('9-6');
    expect(g9.planIds).toContain('U-1');
    expect(g9.period.counts).toEqual({ A: 3, B: 0, C: 2, D: 7, '−': 2 });
  });

  test('a goal whose only plan went into another goal becomes 評価不能; the chosen goal gains it', () => {
    expect(goalOf(r, '1').planIds).toEqual([]);
    expect(goalOf(r, '1').period.rating).toBe('評価不能');
    expect(goalOf(r, '10').planIds).toEqual(['10-1', '10-2', 'U-2']);
    expect(goalOf(r, '10').period.counts).toEqual({ A: 1, B: 1, C: 1, D: 0, '−': 0 });
  });

  test('unknown member and duplicate id are reported, not guessed', () => {
    const bad = aggregate(seed004(), { overrides: NO_OVERRIDES, unified: [
      { id: 'U-9', name: 'x', goalCode: '', mainDept: '', relatedDepts: [], memberIds: ['99-9'] },
      { id: '1-1', name: 'y', goalCode: '1', mainDept: '', relatedDepts: [], memberIds: ['2-1'] },
    ] });
    const msgs = bad.issues.map((i) => i.message);
    expect(msgs.some((m) => m.includes('「99-9」が「プラン・指標」シートにありません'))).toBe(true);
    expect(msgs.some((m) => m.includes('統合プラン「U-9」の基本目標が未設定です'))).toBe(true);
    expect(msgs.some((m) => m.includes('統合プランID「1-1」が既存のプランIDと重複'))).toBe(true);
    expect(planOf(bad, '2-1').counted).toBe(true);
  });
});

describe('overrides', () => {
  test('plan override with a reason is applied; the computed grade stays visible; goal counts use it', () => {
    const r = aggregate(seed004(), { overrides: overrides({ plans: [{ planId: '4-4', grade: 'B', reason: 'R5に導入完了の見込み（契約済み）' }] }) });
    const p = planOf(r, '4-4');
    expect(p.period.grade).toBe('D');
    expect(p.adopted).toBe('B');
    expect(p.override).toMatchObject({ raw: 'B', value: 'B', applied: true });
    expect(goalOf(r, '4').period.counts).toEqual({ A: 1, B: 1, C: 0, D: 0, '−': 2 });
    expect(goalOf(r, '4').period.rating).toBe('良好');
    expect(r.issues).toEqual([]);
  });

  test('override without a reason is not applied and yields an issue naming the sheet and cell', () => {
    const at = { sheet: '集計結果', cell: 'P20', row: 20, col: 16, reasonCell: 'Q20' };
    const r = aggregate(seed004(), { overrides: overrides({ plans: [{ planId: '4-4', grade: 'B', reason: ' ', at }] }) });
    const p = planOf(r, '4-4');
    expect(p.adopted).toBe('D');
    expect(p.override?.applied).toBe(false);
    expect(r.issues).toEqual([{
      severity: 'エラー', sheet: '集計結果', cell: 'P20', row: 20, col: 16, planId: '4-4',
      message: '「集計結果」シートの P20: プラン「4-4」の上書き評価「B」に理由がないため、反映していません。同じ行の「上書きの理由」（Q20）に理由を入力してください。',
    }]);
    expect(goalOf(r, '4').period.rating).toBe('概ね良好');
  });

  test('invalid override value is not applied', () => {
    const r = aggregate(seed004(), { overrides: overrides({ plans: [{ planId: '4-4', grade: '良', reason: '理由' }] }) });
    expect(planOf(r, '4-4').adopted).toBe('D');
    expect(r.issues[0].message).toContain('A・B・C・D・−のいずれかを入力してください');
  });

  test('goal override and typed 所見', () => {
    const r = aggregate(seed004(), { overrides: overrides({
      goals: [{ goalCode: '9', rating: '概ね良好', reason: '後半に導入が集中する計画のため' }, { goalCode: '6', rating: '良好', reason: '' }],
      findings: [{ goalCode: '9', text: '事務局の所見です。' }],
    }) });
    const g9 = goalOf(r, '9');
    expect(g9.period.rating).toBe('良好ではない');
    expect(g9.adopted).toBe('概ね良好');
    expect(g9.finding).toBe('事務局の所見です。');
    expect(g9.findingAuto).toContain('対象プラン15件');
    const g6 = goalOf(r, '6');
    expect(g6.adopted).toBe('良好ではない');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message).toContain('基本目標「6」の上書き評価「良好」に理由がないため');
  });

  test('override for a plan that no longer exists is kept as an orphan with a warning', () => {
    const r = aggregate(seed004(), { overrides: overrides({ plans: [{ planId: '9-99', grade: 'A', reason: '旧プラン' }] }) });
    expect(r.orphans.plans).toEqual([{ planId: '9-99', grade: 'A', reason: '旧プラン' }]);
    expect(r.issues[0].severity).toBe('警告');
  });

  test('a reason alone is kept, nothing applied, no issue', () => {
    const r = aggregate(seed004(), { overrides: overrides({ plans: [{ planId: '2-7', grade: '', reason: 'メモ' }] }) });
    expect(planOf(r, '2-7').override).toMatchObject({ raw: '', reason: 'メモ', applied: false });
    expect(r.issues).toEqual([]);
  });
});

describe('edge cases', () => {
  test('中止 plan is not assessed; duplicate plan ID is reported', () => {
    const p1 = plan({ id: 'A-1', name: '中止した施策', goal: 'A', status: '中止', indicators: [
      { name: 'n', unit: '件', baseline: num(0, '件'), target: num(10, '件'), actuals: { R4: num(20, '件') } },
    ] });
    const dup = plan({ id: 'A-1', name: '重複', goal: 'A', indicators: [] });
    const r = aggregate(progressData([p1, dup]), { overrides: NO_OVERRIDES });
    expect(r.plans).toHaveLength(1);
    expect(r.plans[0].period.grade).toBe('−');
    expect(r.plans[0].period.reason).toBe('中止のプランです');
    expect(r.issues[0].message).toContain('プランID「A-1」が重複しています');
    expect(goalOf(r, 'A').findingAuto).toBe('対象プラン1件のうち1件（A-1 中止した施策）は中止のため評価の対象外です。');
  });

  test('draftFinding lists at most three names', () => {
    const plans = ['1', '2', '3', '4', '5'].map((n) => ({ id: `9-${n}`, name: `施策${n}`, grade: '−' as const, gap: 'no-actual' as const, regressed: [] }));
    expect(draftFinding({ kind: 'year', plans })).toBe('対象プラン5件のうち5件（9-1 施策1、9-2 施策2、9-3 施策3 ほか2件）は実績値が未入力です。');
  });

  test('10,000 plans compute (size check; speed lives in the benchmark)', () => {
    const base = seed004Plans();
    const plans = [];
    for (let i = 0; i < 10000; i++) plans.push({ ...base[i % base.length], id: `P-${i}` });
    const r = aggregate(progressData(plans), { overrides: NO_OVERRIDES });
    expect(r.plans).toHaveLength(10000);
    expect(r.goals.reduce((s, g) => s + g.planIds.length, 0)).toBe(10000);
  });
});
