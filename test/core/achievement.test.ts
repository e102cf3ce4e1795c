import { assessIndicator, type AssessContext } from '../../src/core/achievement';
import { DEFAULT_THRESHOLDS } from '../../src/core/rating';
import { findIndicator, indicator, num, seed002Plans, seed004Plans, state, mark, invalid, EMPTY } from './fixtures';

const R4_YEAR_END: AssessContext = { year: 2022, kind: 'year', midShare: 1, thresholds: DEFAULT_THRESHOLDS, scope: 'period' };
const R6_YEAR_END: AssessContext = { ...R4_YEAR_END, year: 2024 };

const plans004 = seed004Plans();
const at = (planId: string, n = 1, ctx = R4_YEAR_END) => assessIndicator(findIndicator(plans004, planId, n), ctx);

describe('seed 004 indicators, year-end R4 (hand-computed)', () => {
  test('1-1 アプリのダウンロード数 208 → 1,049, target 600: (1049−208)/(600−208) = 214.5% → A', () => {
    const a = at('1-1');
    expect(a.method).toBe('progress');
    expect(a.ratio).toBeCloseTo(841 / 392, 10);
    expect(a.ratio).toBeCloseTo(2.1454, 4);
    expect(a.regressed).toBe(false);
    expect(a.grade).toBe('A');
    expect(a.actualText).toBe('1,049件（R4）');
  });

  test('2-7 オンラインデータベース 184件/年 → 152件, target 400件/年: −14.8%, 後退 → D', () => {
    const a = at('2-7');
    expect(a.assessable).toBe(true); // 件 vs 件/年 are the same unit
    expect(a.ratio).toBeCloseTo(-32 / 216, 10);
    expect(a.ratio).toBeCloseTo(-0.1481, 4);
    expect(a.regressed).toBe(true);
    expect(a.grade).toBe('D');
  });

  test('9-1 情報漏えい 0件 → 0件, target 0件 (lower is better): kept at target → 100% → A', () => {
    const a = at('9-1');
    expect(a.method).toBe('maintain');
    expect(a.ratio).toBe(1);
    expect(a.regressed).toBe(false);
    expect(a.grade).toBe('A');
  });

  test('9-1 with one incident: worse than baseline = target → 後退 → D', () => {
    const ind = indicator('9-1', 1, {
      name: '情報漏えい事件、事故の発生件数', unit: '件', direction: 'down',
      baseline: num(0, '件'), target: num(0, '件'), actuals: { R4: num(1, '件') },
    });
    const a = assessIndicator(ind, R4_YEAR_END);
    expect(a.regressed).toBe(true);
    expect(a.ratio).toBe(0);
    expect(a.grade).toBe('D');
  });

  test('baseline = target with the direction not typed: met when at the target, else cannot be assessed (no direction to measure)', () => {
    const mk = (v: number) => assessIndicator(indicator('9-1', 1, {
      name: '情報漏えい事件、事故の発生件数', unit: '件', direction: 'down', directionInferred: true,
      baseline: num(0, '件'), target: num(0, '件'), actuals: { R4: num(v, '件') },
    }), R4_YEAR_END);
    expect(mk(0).grade).toBe('A');
    expect(mk(1).grade).toBe('−');
    expect(mk(1).reason?.code).toBe('no-direction');
    expect(mk(1).reason?.message).toContain('「方向」を選んでください');
  });

  test('9-13 入力作業の時間数 875時間 → リプレイス未実施 (実績値取得不可): cannot be assessed, with reason', () => {
    const a = at('9-13');
    expect(a.assessable).toBe(false);
    expect(a.grade).toBe('−');
    expect(a.ratio).toBeNull();
    expect(a.reason?.code).toBe('unavailable');
    expect(a.reason?.message).toBe('R4の実績値を取得できません（リプレイス未実施 (実績値取得不可)）');
  });

  test('6-2 人身事故 112件/年 → 118件/年, target 100件/年 (lower is better): (118−112)/(100−112) = −50%, 後退 → D', () => {
    const a = at('6-2');
    expect(a.ratio).toBeCloseTo(-0.5, 10);
    expect(a.regressed).toBe(true);
    expect(a.grade).toBe('D');
  });

  test('6-2 if accidents had fallen to 103: (103−112)/(100−112) = 75% → C', () => {
    const ind = indicator('6-2', 1, {
      name: '市内の人身事故発生件数（暦年）', unit: '件/年', direction: 'down',
      baseline: num(112, '件/年'), target: num(100, '件/年'), actuals: { R4: num(103, '件/年') },
    });
    const a = assessIndicator(ind, R4_YEAR_END);
    expect(a.ratio).toBeCloseTo(0.75, 10);
    expect(a.grade).toBe('C');
  });

  test.each([
    // plan, n, ratio (hand), grade
    ['2-2', 1, 5 / 6, 'B'], // 0 → 5人/年, target 6: 83.3%
    ['2-5', 1, 0, 'D'], // 39 → 39, target 85: no change, not 後退
    ['2-6', 1, 8 / 7, 'A'], // 1 → 9回/年, target 8: 114.3%
    ['2-8', 1, 4040 / 1345, 'A'], // 3,955 → 7,995, target 5,300: 300.4%
    ['2-9', 1, 20561 / 146, 'A'], // 554 → 21,115, target 700
    ['4-2', 1, 282 / 200, 'A'], // 0 → 282ID, target 200
    ['4-4', 2, 5 / 10, 'C'], // IP無線機 10 → 15台, target 20: exactly 50% → C
    ['7-1', 1, 3 / 20, 'D'], // 登録企業数 100 → 103, target 120: 15%
    ['9-4', 1, 0.3 / 26.5, 'D'], // 13.5% → 13.8%, target 40.0%: 1.1%
    ['9-6', 1, 99 / 80, 'A'], // 電子決裁率 0% → 99%, target 80%
    ['9-12', 1, 3945 / 7472, 'C'], // 2,528 → 6,473人, target 10,000: 52.8%
    ['9-14', 1, 14 / 26, 'C'], // 4 → 18件, target 30: 53.8%
    ['9-15', 1, 26.5 / 15, 'A'], // 60% → 86.50%, target 75%: 176.7%
    ['10-1', 1, 20 / 30, 'C'], // 50% → 70%, target 80%: 66.7%
    ['10-2', 1, 11 / 21, 'C'], // 19 → 30件, target 40: 52.4%
  ] as const)('%s#%d → ratio %d, grade %s', (planId, n, ratio, grade) => {
    const a = at(planId, n);
    expect(a.assessable).toBe(true);
    expect(a.ratio).toBeCloseTo(ratio, 10);
    expect(a.grade).toBe(grade);
    expect(a.regressed).toBe(false);
  });

  test('9-3 ホームページ 3,500,000 → 3,060,985, target 4,000,000: −87.8%, 後退', () => {
    const a = at('9-3');
    expect(a.ratio).toBeCloseTo(-439015 / 500000, 10);
    expect(a.regressed).toBe(true);
    expect(a.grade).toBe('D');
  });

  test('6-1 レポナウ 49 → 47, target 180: just below baseline is still 後退', () => {
    const a = at('6-1');
    expect(a.ratio).toBeCloseTo(-2 / 131, 10);
    expect(a.regressed).toBe(true);
    expect(a.grade).toBe('D');
  });

  test('9-9 baseline 市政経営会議のみ (not a number): actual against target 86/80 = 107.5% → A', () => {
    const a = at('9-9');
    expect(a.method).toBe('against-target');
    expect(a.ratio).toBeCloseTo(1.075, 10);
    expect(a.grade).toBe('A');
  });

  test('7-2 登録店舗数 30 → 39, target 30 (= baseline): kept and exceeded → 130% → A', () => {
    const a = at('7-2', 1);
    expect(a.method).toBe('maintain');
    expect(a.ratio).toBeCloseTo(1.3, 10);
    expect(a.grade).toBe('A');
  });

  test('7-2 閲覧数 target 100,000 below baseline 135,392 with higher-is-better: cannot be assessed, reason says why', () => {
    const a = at('7-2', 2);
    expect(a.grade).toBe('−');
    expect(a.reason?.code).toBe('direction-mismatch');
    expect(a.reason?.message).toContain('目標値（100,000）が基準値（135,392）より低く');
  });

  test('7-3 クラウドファンディング (3年間合計) 1件 in R4 of target 12件: sum 1/12 = 8.3% → D', () => {
    const a = at('7-3');
    expect(a.method).toBe('cumulative');
    expect(a.ratio).toBeCloseTo(1 / 12, 10);
    expect(a.grade).toBe('D');
    expect(a.actualText).toBe('1件（合計: R4）');
  });

  test('cumulative target sums the years of the plan period up to the evaluation year: 7-5 3+8+12 = 23 of 30 → C', () => {
    const ind = indicator('7-5', 1, {
      name: '市SNSを活用した開発商品掲載数（3年間合計）', unit: '件', baseline: num(0, '件'), baselineYear: 2020,
      target: num(30, '件'), targetYear: 2024, cumulative: true,
      actuals: { R4: num(3, '件'), R5: num(8, '件'), R6: num(12, '件') },
    });
    const a = assessIndicator(ind, R6_YEAR_END);
    expect(a.actualValue).toBe(23);
    expect(a.ratio).toBeCloseTo(23 / 30, 10);
    expect(a.grade).toBe('C');
    expect(a.actualText).toBe('23件（合計: R4〜R6）');
    // R5 evaluation: 3 + 8 = 11 of 30
    const r5 = assessIndicator(ind, { ...R6_YEAR_END, year: 2023 });
    expect(r5.actualValue).toBe(11);
  });

  test('cannot be assessed: 指標の設定はありません (4-1, 9-11), 未整備 (6-3, 6-4), — (6-3#2), invalid (2-4)', () => {
    expect(at('4-1').reason?.code).toBe('no-indicator');
    expect(at('9-11').reason?.code).toBe('no-indicator');
    expect(at('9-11').reason?.message).toBe('指標の設定がありません');
    const m63 = at('6-3', 1);
    expect(m63.reason?.code).toBe('state');
    expect(m63.reason?.message).toBe('R4の実績が「未整備」で、数値がありません');
    expect(m63.actualText).toBe('未整備（R4）');
    expect(at('6-3', 2).reason?.code).toBe('no-actual');
    expect(at('6-4').grade).toBe('−');
    expect(at('2-4').reason?.code).toBe('no-target');
    for (const id of ['4-1', '9-11', '6-4', '2-4']) {
      const a = at(id);
      expect(a.ratio).toBeNull();
      expect(a.gradeRatio).toBeNull();
      expect(a.grade).toBe('−');
    }
  });

  test('no actual yet for the evaluation year: 1-1 evaluated at R5 → 未入力; plan-so-far uses R4', () => {
    const ind = findIndicator(plans004, '1-1');
    const period = assessIndicator(ind, { ...R4_YEAR_END, year: 2023 });
    expect(period.grade).toBe('−');
    expect(period.reason).toEqual({ code: 'no-actual', message: 'R5年度の実績値が未入力です' });
    const sofar = assessIndicator(ind, { ...R4_YEAR_END, year: 2023, scope: 'sofar' });
    expect(sofar.grade).toBe('A');
    expect(sofar.actualText).toBe('1,049件（R4）');
  });

  test('plan so far takes the latest year-end actual up to the evaluation year', () => {
    const ind = indicator('X', 1, {
      name: 'n', unit: '件', baseline: num(0, '件'), target: num(100, '件'),
      actuals: { R4: num(40, '件'), R5: num(90, '件'), R6: EMPTY },
    });
    const so = assessIndicator(ind, { ...R6_YEAR_END, scope: 'sofar' });
    expect(so.actualValue).toBe(90);
    expect(so.periods).toEqual([{ fiscalYear: 2023, kind: 'year' }]);
    expect(so.grade).toBe('B');
    const r4 = assessIndicator(ind, { ...R6_YEAR_END, year: 2022, scope: 'sofar' });
    expect(r4.actualValue).toBe(40);
  });

  test('unit mismatch cannot be assessed', () => {
    const ind = indicator('X', 1, { name: 'n', unit: '件', baseline: num(0, '件'), target: num(50, '%'), actuals: { R4: num(30, '件') } });
    const a = assessIndicator(ind, R4_YEAR_END);
    expect(a.reason?.code).toBe('unit-mismatch');
    expect(a.reason?.message).toContain('件');
    expect(a.reason?.message).toContain('%');
  });

  test('invalid actual keeps the parser reason', () => {
    const ind = indicator('X', 1, { name: 'n', unit: '件', target: num(50, '件'), actuals: { R4: invalid('約30件?', '「?」は数値として読めません') } });
    const a = assessIndicator(ind, R4_YEAR_END);
    expect(a.reason?.code).toBe('invalid-actual');
    expect(a.reason?.message).toContain('「?」は数値として読めません');
  });

  test('milestone ○ → 100% A, × → 0% D, a number → cannot be assessed', () => {
    const mk = (v: ReturnType<typeof mark> | ReturnType<typeof num>) =>
      assessIndicator(indicator('X', 1, { name: '標準化完了', direction: 'milestone', target: mark(true), actuals: { R4: v } }), R4_YEAR_END);
    expect(mk(mark(true)).grade).toBe('A');
    expect(mk(mark(false)).grade).toBe('D');
    expect(mk(num(1)).reason?.code).toBe('invalid-actual');
  });

  test('range: inside → 100%, below min → actual/min, above max → max/actual; no range → cannot be assessed', () => {
    const mk = (v: number, range?: { min: number; max: number }) =>
      assessIndicator(indicator('X', 1, { name: '稼働率', unit: '%', direction: 'range', target: num(95, '%'), range, actuals: { R4: num(v, '%') } }), R4_YEAR_END);
    expect(mk(97, { min: 95, max: 99 }).grade).toBe('A');
    expect(mk(76, { min: 95, max: 99 }).ratio).toBeCloseTo(0.8, 10);
    expect(mk(76, { min: 95, max: 99 }).grade).toBe('B');
    expect(mk(110, { min: 95, max: 99 }).ratio).toBeCloseTo(0.9, 10);
    expect(mk(97).reason?.code).toBe('no-range');
  });

  test('lower is better without a baseline: target/actual; zero against a positive target is met', () => {
    const mk = (v: number) =>
      assessIndicator(indicator('X', 1, { name: '時間', unit: '時間', direction: 'down', target: num(400, '時間'), actuals: { R4: num(v, '時間') } }), R4_YEAR_END);
    expect(mk(500).ratio).toBeCloseTo(0.8, 10);
    expect(mk(500).grade).toBe('B');
    expect(mk(400).grade).toBe('A');
    expect(mk(0).grade).toBe('A');
  });
});

describe('seed 002 indicators, year-end R6, no baseline: actual against target (hand-computed)', () => {
  const plans002 = seed002Plans();
  const at2 = (planId: string, n = 1) => assessIndicator(findIndicator(plans002, planId, n), R6_YEAR_END);
  test.each([
    ['K-1', 1, 0.7, 'C'], // 各種記録書の電子化 7種 / 主要10種
    ['K-1', 2, 3.26 / 3.5, 'B'], // 保護者満足度 3.26 / 3.5 ポイント = 93.1%
    ['K-2', 1, 183 / 188, 'B'], // 見守り 183 / 188世帯 = 97.3%
    ['K-2', 2, 54 / 50, 'A'], // 満足度 54% / 50%
    ['K-3', 1, 544 / 700, 'C'], // スマホ教室 544 / 700人 = 77.7%
    ['K-3', 2, 4.0 / 3.5, 'A'],
    ['K-4', 1, 57 / 86, 'C'], // 利用可能施設 57 / 86 = 66.3%
    ['K-4', 2, 24.41 / 60, 'D'], // オンライン予約割合 24.41% / 60% = 40.7%
    ['K-5', 1, 60.3 / 110, 'C'], // RPA 費用対効果 60.3% / 110% = 54.8%
    ['K-6', 1, 11.3 / 10, 'A'], // コンビニ交付 11.3% / 10%
  ] as const)('%s#%d → %d → %s', (planId, n, ratio, grade) => {
    const a = at2(planId, n);
    expect(a.method).toBe('against-target');
    expect(a.ratio).toBeCloseTo(ratio, 10);
    expect(a.grade).toBe(grade);
  });

  test('K-6 利用者満足度 次年度計測 → cannot be assessed', () => {
    const a = at2('K-6', 2);
    expect(a.grade).toBe('−');
    expect(a.reason?.code).toBe('state');
    expect(a.reason?.message).toContain('次年度計測');
  });
});

describe('mid-year (中間) judgement', () => {
  // 2-9 年間のオンライン申請件数: baseline 554件/年, target 700件/年, accumulates during the year.
  const online = (mid: number) => indicator('2-9', 1, {
    name: '年間のオンライン申請件数', unit: '件/年', accumulates: true,
    baseline: num(554, '件/年'), target: num(700, '件/年'), actuals: { R4: num(21115, '件/年'), R7中間: num(mid, '件') },
  });
  const MID_0930: AssessContext = { year: 2025, kind: 'mid', midShare: 0.5, thresholds: DEFAULT_THRESHOLDS, scope: 'period' };

  test('as of 9/30 (50%): 400 → raw 400/700 = 57.1%, projected 800 → (800−554)/146 = 168.5% → 達成見込み, A', () => {
    const a = assessIndicator(online(400), MID_0930);
    expect(a.basis).toBe('mid');
    expect(a.ratio).toBeCloseTo(400 / 700, 10);
    expect(a.mid?.projectedValue).toBe(800);
    expect(a.gradeRatio).toBeCloseTo(246 / 146, 10);
    expect(a.mid?.outlook).toBe('達成見込み');
    expect(a.grade).toBe('A');
    expect(a.actualText).toBe('400件（R7中間）');
  });

  test('345 → projected 690 → 136/146 = 93.2% → 概ね達成見込み, B', () => {
    const a = assessIndicator(online(345), MID_0930);
    expect(a.gradeRatio).toBeCloseTo(136 / 146, 10);
    expect(a.mid?.outlook).toBe('概ね達成見込み');
    expect(a.grade).toBe('B');
  });

  test('320 → projected 640 → 86/146 = 58.9% → 達成困難, C', () => {
    const a = assessIndicator(online(320), MID_0930);
    expect(a.mid?.outlook).toBe('達成困難');
    expect(a.grade).toBe('C');
  });

  test('250 → projected 500, below baseline 554 → 達成困難 with 後退, D; the raw figure alone is not called 後退', () => {
    const a = assessIndicator(online(250), MID_0930);
    expect(a.ratio).toBeCloseTo(250 / 700, 10);
    expect(a.regressed).toBe(true);
    expect(a.mid?.outlook).toBe('達成困難');
    expect(a.grade).toBe('D');
  });

  test('same figure later in the year is judged against a larger share: 400 as of 12/31 (75%) → 533 → 後退', () => {
    const a = assessIndicator(online(400), { ...MID_0930, midShare: 0.75 });
    expect(a.mid?.projectedValue).toBeCloseTo(533.33, 2);
    expect(a.regressed).toBe(true);
    expect(a.mid?.outlook).toBe('達成困難');
  });

  test('level indicator is compared directly: 9-6 電子決裁率 85% at mid vs target 80% → 106.25% → 達成見込み', () => {
    const ind = indicator('9-6', 1, {
      name: '電子決裁率', unit: '%', baseline: num(0, '%'), target: num(80, '%'), actuals: { R7中間: num(85, '%') },
    });
    const a = assessIndicator(ind, MID_0930);
    expect(a.mid?.accumulates).toBe(false);
    expect(a.ratio).toBeCloseTo(85 / 80, 10);
    expect(a.gradeRatio).toBeCloseTo(85 / 80, 10);
    expect(a.mid?.outlook).toBe('達成見込み');
  });

  test('lower is better, accumulating: 6-2 人身事故 60件 by 9/30 → projected 120 > baseline 112 → 後退の見込み', () => {
    const ind = indicator('6-2', 1, {
      name: '市内の人身事故発生件数', unit: '件/年', direction: 'down', accumulates: true,
      baseline: num(112, '件/年'), target: num(100, '件/年'), actuals: { R7中間: num(60, '件') },
    });
    const a = assessIndicator(ind, MID_0930);
    expect(a.mid?.projectedValue).toBe(120);
    expect(a.regressed).toBe(true);
    expect(a.mid?.outlook).toBe('達成困難');
    // 49 by 9/30 → 98 ≤ 100 → (98−112)/(100−112) = 116.7% → 達成見込み
    const good = assessIndicator(indicator('6-2', 1, {
      name: 'n', unit: '件/年', direction: 'down', accumulates: true,
      baseline: num(112, '件/年'), target: num(100, '件/年'), actuals: { R7中間: num(49, '件') },
    }), MID_0930);
    expect(good.gradeRatio).toBeCloseTo(14 / 12, 10);
    expect(good.mid?.outlook).toBe('達成見込み');
  });

  test('no 中間 figure → cannot be assessed for the period; plan so far falls back to the latest year-end', () => {
    const ind = indicator('2-9', 1, {
      name: 'n', unit: '件/年', accumulates: true, baseline: num(554, '件/年'), target: num(700, '件/年'), actuals: { R6: num(690, '件/年') },
    });
    const p = assessIndicator(ind, MID_0930);
    expect(p.reason).toEqual({ code: 'no-actual', message: 'R7中間の実績値が未入力です' });
    const s = assessIndicator(ind, { ...MID_0930, scope: 'sofar' });
    expect(s.basis).toBe('year');
    expect(s.gradeRatio).toBeCloseTo(136 / 146, 10);
  });

  test('cumulative target at mid-year: earlier years + projected current year', () => {
    const ind = indicator('7-3', 1, {
      name: '目標支援金額達成者数（3年間合計）', unit: '件', accumulates: true, cumulative: true,
      baseline: num(0, '件'), baselineYear: 2020, target: num(12, '件'), targetYear: 2024,
      actuals: { R4: num(4, '件'), R5: num(4, '件'), R6中間: num(2, '件') },
    });
    const a = assessIndicator(ind, { ...MID_0930, year: 2024 });
    expect(a.actualValue).toBe(10);
    expect(a.ratio).toBeCloseTo(10 / 12, 10);
    expect(a.mid?.projectedValue).toBe(12); // 8 + 2 / 0.5
    expect(a.mid?.outlook).toBe('達成見込み');
    expect(a.actualText).toBe('10件（合計: R4〜R6中間）');
  });
});

describe('state', () => {
  test('qualitative states are never zero', () => {
    const ind = indicator('X', 1, { name: 'n', unit: '件', baseline: num(0, '件'), target: num(10, '件'), actuals: { R4: state('導入中') } });
    const a = assessIndicator(ind, R4_YEAR_END);
    expect(a.assessable).toBe(false);
    expect(a.ratio).toBeNull();
    expect(a.actualValue).toBeNull();
  });
});
