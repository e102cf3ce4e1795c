import { aggregate, NO_OVERRIDES, type AggregateResult, type UnifiedPlanInput } from '../../src/core/aggregate';
import { RESULT_COLUMNS, buildResultsTable } from '../../src/core/results-table';
import type { HierarchyItem, Issue, ProgressData } from '../../src/core/model';
import {
  NO_ATTENTION_TEXT, NO_CHANGES_TEXT, NO_EXCLUDED_TEXT, NO_UNIFIED_TEXT, PLAN_TABLE_COLUMNS, PREVIOUS_COLUMN, RECOMMENDATION_PLACEHOLDER,
  planTableHeader, narrativeItems,
  buildReport, reportBlocks, type ReportModel,
} from '../../src/core/report';
import { GRADE_COLORS, TONE_COLORS, chartSvg } from '../../src/core/chart';
import { coverDate, stamp, warekiDate, warekiFromIso } from '../../src/core/wareki';
import { splitReport } from '../../src/core/report-size';
import { SEED004_GOALS, goal, num, plan, progressData, seed004 } from './fixtures';

const NOW = new Date('2026-11-21T05:05:00Z'); // 14:05 in Tokyo

const POLICIES: HierarchyItem[] = [
  { level: '基本方針', code: 'P1', name: '市民生活におけるICT利活用', text: '市民の暮らしを支えるICTの活用を進めます。', parentCode: '' },
  { level: '基本方針', code: 'P2', name: '行政のデジタル化', text: '', parentCode: '' },
];

/** Seed 004 with two 基本方針 over its goals, recommendations and members. */
function seedData(): ProgressData {
  const data = seed004();
  data.hierarchy = [
    ...POLICIES,
    ...SEED004_GOALS.map((g) => ({ ...g, parentCode: ['1', '2', '4', '6'].includes(g.code) ? 'P1' : 'P2', text: g.code === '1' ? '子育て世帯の負担を減らします。' : '' })),
  ];
  data.members = [
    { name: '見本 太郎', title: '委員長', email: 'iinchou@example.jp', share: true, role: 'commenter', row: 2 },
  ];
  data.recommendations = [
    { policyCode: 'P1', member: '見本 太郎', text: '利用者の声を集め、改善につなげてほしい。' },
    { policyCode: 'P2', member: '見本 花子', text: '   ' }, // blank: not a recommendation
    { policyCode: '', member: '例野 一郎', text: '計画全体の指標を見直されたい。' },
  ];
  return data;
}

function build(data: ProgressData, result: AggregateResult, extra: Partial<Parameters<typeof buildReport>[2]> = {}): ReportModel {
  return buildReport(data, result, { now: NOW, ...extra });
}

/** 集計結果 as the sheet shows it, per plan ID (apostrophe escapes removed). */
function sheetRows(result: AggregateResult): Map<string, Record<string, string>[]> {
  const t = buildResultsTable(result);
  const header = t.values[0].map(String);
  const out = new Map<string, Record<string, string>[]>();
  for (const values of t.values.slice(1)) {
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = String(values[i]).replace(/^'/, '')));
    if (!out.has(row['プランID'])) out.set(row['プランID'], []);
    out.get(row['プランID'])!.push(row);
  }
  return out;
}

/** A multi-line cell of the report back to its items (①②… removed). */
function items(cell: string): string[] {
  return cell.split('\n').map((s) => s.replace(/^[①-⑳]/, ''));
}

describe('buildReport: every goal and plan, with the numbers of 集計結果', () => {
  const data = seedData();
  const result = aggregate(data, { overrides: NO_OVERRIDES });
  const model = build(data, result);
  const goals = model.policies.flatMap((p) => p.goals);

  test('every goal appears once, in 集計 order, under its 基本方針', () => {
    expect(goals.map((g) => g.code)).toEqual(result.goals.map((g) => g.code));
    expect(model.policies.map((p) => p.code)).toEqual(['P1', 'P2']);
    expect(model.policies[0].goals.map((g) => g.code)).toEqual(['1', '2', '4', '6']);
    expect(model.policies[0].heading).toBe('基本方針P1　市民生活におけるICT利活用');
    expect(goals[0].text).toBe('子育て世帯の負担を減らします。');
  });

  test('every counted plan appears exactly once, in its goal', () => {
    const listed = goals.flatMap((g) => g.plans.map((p) => p.planId));
    const counted = result.plans.filter((p) => p.counted).map((p) => p.id);
    expect([...listed].sort()).toEqual([...counted].sort());
    for (const g of goals) expect(g.planTable.rows).toHaveLength(g.plans.reduce((n, p) => n + p.rows.length, 0));
  });

  test('plan table columns: プラン｜成果指標｜基準値｜前年度｜実績｜目標値｜達成率｜評価, years in the header', () => {
    const header = goals[0].planTable.header;
    // Seed 004's baselines come from several years: the year is then in each cell. It has no
    // figure of R3, so no table has a 前年度 column (see 「前年度」 below).
    expect(header).toEqual(['プラン', '成果指標', '基準値\n（年度）', '実績\n（R4）', '目標値\n（R6）', '達成率', '評価']);
    expect(planTableHeader(2022, false, undefined, 2024)).toEqual(['プラン', '成果指標', '基準値\n（年度）', '前年度\n（R3）', '実績\n（R4）', '目標値\n（R6）', '達成率', '評価']);
    expect(planTableHeader(2022, false).map((h) => h.replace(/\n（.*$/, ''))).toEqual([...PLAN_TABLE_COLUMNS]);
    expect(planTableHeader(2025, true, 2020, undefined)).toEqual(['プラン', '成果指標', '基準値\n（R2）', '前年度\n（R6）', '実績\n（R7中間）', '目標値\n（年度）', '達成率／見込み', '評価']);
    // Figures right-aligned, grades centred and coloured; every plan table has the same widths.
    expect(goals[0].planTable.align).toEqual(['left', 'left', 'right', 'right', 'right', 'right', 'center']);
    expect(goals[0].planTable.toneColumn).toBe(6);
    for (const g of goals) expect(g.planTable.widths).toEqual(goals[0].planTable.widths);
    expect(goals[0].planTable.widths).toHaveLength(7);
  });

  test('目標値, 実績値, 達成率 and 評価 are the very strings of 集計結果', () => {
    const sheet = sheetRows(result);
    let compared = 0;
    for (const g of goals) {
      for (const row of g.plans) {
        const rows = sheet.get(row.planId)!;
        const p = result.plans.find((x) => x.id === row.planId)!;
        const last = row.rows[row.rows.length - 1];
        expect(last[7].replace('※', '')).toBe(rows[0]['採用評価']);
        expect(last[7].replace('※', '')).toBe(p.adopted);
        if (p.indicators.length === 0) continue;
        rows.forEach((r, i) => {
          const cells = row.rows[i];
          expect(r['目標値'].startsWith(cells[5].split('\n')[0])).toBe(true);
          const shown = cells[4].split('\n')[0].replace(/ ※\d+$/, '');
          if (r['実績値(期間)'] && !r['実績値(期間)'].startsWith(shown)) throw new Error(`${row.planId}: ${r['実績値(期間)']} vs ${shown}`);
          if (r['達成率']) expect(cells[6]).toBe(r['達成率']);
          else expect(cells[6]).toMatch(/^評価不能\n（.+）$/);
          if (rows.length > 1) expect(cells[7]).toBe(r['指標の評価']);
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(30);
    // Spot checks against seed 004 as printed.
    const p11 = goals[0].plans[0].rows[0];
    expect(p11.slice(2, 8)).toEqual(['208件\n（R2）', '—', '1,049件', '600件', '214.5%', 'A']);
    expect(RESULT_COLUMNS).toContain('達成率');
  });

  test('a plan without a grade says why in its rate cell', () => {
    const row = goals.flatMap((g) => g.plans).find((r) => r.planId === '4-3')!;
    expect(row.rows).toEqual([[expect.stringContaining('4-3 '), '（指標の設定なし）', '—', '—', '—', '—', '評価不能\n（指標なし）', '−']]);
  });

  test('plans with several indicators: one row each with its own grade, then the plan grade and how it is made', () => {
    const row = goals.flatMap((g) => g.plans).find((r) => r.planId === '7-1')!;
    const p = result.plans.find((x) => x.id === '7-1')!;
    expect(row.rows.map((r) => r[1])).toEqual(['①ものづくり企業ガイドへの登録企業数', '②ウェブサイト閲覧数', 'プランの評価（2指標の平均）']);
    expect(row.kinds).toEqual(['body', 'body', 'sum']);
    expect(row.rows[1][0]).toBe('');
    expect(row.rows.slice(0, 2).map((r) => r[7])).toEqual(p.indicators.map((i) => i.period.grade));
    expect(row.rows[2][6]).toMatch(/^平均 \d/);
    expect(row.rows[2][7]).toBe(p.adopted);
  });

  test('summary: plans per grade, goal table and chart equal the goal results', () => {
    const counted = result.plans.filter((p) => p.counted);
    for (const k of ['A', 'B', 'C', 'D', '−'] as const) {
      expect(model.summary.gradeCounts[k]).toBe(counted.filter((p) => p.adopted === k).length);
    }
    expect(model.summary.gradeTable.rows.at(-1)).toEqual(['計', '', `${counted.length}件`, '100.0%']);
    result.goals.forEach((g, i) => {
      const row = model.summary.goalTable.rows[i];
      expect(row[0]).toBe(g.code);
      expect(row.slice(3, 8)).toEqual(['A', 'B', 'C', 'D', '−'].map((k) => String(g.period.counts[k as 'A'])));
      expect(row[9]).toBe(g.adopted);
      expect(row[10]).toBe(g.sofar.rating);
      const fig = model.summary.charts.at(-1)!;
      // 基本目標1 子育て… whole, or 基本目標1 with the name in the caption.
      expect(fig.chart.categories[i]).toMatch(new RegExp(`^基本目標${g.code}( ${g.name})?(（評価不能）)?$`));
      // Numbers alone: the goal table just above names them (番号｜基本目標).
      if (!fig.chart.categories[i].includes(g.name)) {
        expect(fig.caption).toContain('基本目標の名前は上の表のとおりです。');
        expect(row[1]).toBe(g.name);
      }
      const chart = fig.chart;
      expect(chart.series.map((s) => s.values[i]).find((v) => v !== null) ?? null).toBe(g.period.share);
    });
  });

  test('per goal: period and overall ratings with the 所見', () => {
    const g = goals.find((x) => x.code === '2')!;
    const r = result.goals.find((x) => x.code === '2')!;
    expect(g.period.rating).toBe(r.adopted);
    expect(g.sofar.rating).toBe(r.sofar.rating);
    expect(g.finding).toBe(r.finding);
    // Seed 004 is the plan's first year: 今期 and 通算 say the same, so one row says both.
    expect(g.ratingTable.rows.map((x) => x[0])).toEqual(['令和4年度の評価（計画期間通算も同じ）', '所見']);
    expect(g.ratingTable.rows[0][1].startsWith(r.adopted)).toBe(true);
    expect(g.ratingTable.rows[1][1]).toBe(r.finding);
  });

  test('cover: plan, period, date in 和暦 and 西暦, section in charge; a draft while 提言 are missing', () => {
    expect(model.cover).toEqual({
      planName: '第5次須賀川市地域情報化計画',
      reportName: '進捗状況報告書（案）',
      planPeriodLine: '',
      city: '',
      committee: '',
      draft: true,
      periodLabel: '令和4年度',
      yearLine: '令和4年度（2022年度）',
      basisLine: '令和4年度末時点の実績による評価',
      dateLine: '令和8年11月21日（2026年11月21日）',
      office: '行政管理課',
    });
    // The running header (title) says what the cover says.
    expect(model.title).toBe('第5次須賀川市地域情報化計画 進捗状況報告書（令和4年度）（案）');
    expect(model.docName).toBe('第5次須賀川市地域情報化計画 進捗状況報告書（令和4年度）（案） 2026-11-21 14:05');
  });

  test('cover with 計画期間, 市区町村名 and 委員会名 from 設定; no （案） once every 基本方針 has 提言', () => {
    const d = seedData();
    d.settings = { ...d.settings, planPeriod: { from: 2022, to: 2024 }, city: '須賀川市', committee: '地域情報化推進委員会' };
    d.recommendations = [{ policyCode: 'P1', member: '見本 太郎', text: 'a' }, { policyCode: 'P2', member: '見本 太郎', text: 'b' }];
    const m = build(d, aggregate(d, { overrides: NO_OVERRIDES }));
    expect(m.cover.planPeriodLine).toBe('計画期間　令和4年度〜令和6年度（2022年度〜2024年度）');
    expect(m.cover.draft).toBe(false);
    expect(m.cover.reportName).toBe('進捗状況報告書');
    expect(m.title).toBe('第5次須賀川市地域情報化計画 進捗状況報告書（令和4年度）');
    const cover = reportBlocks(m).slice(0, 9).map((b) => ('text' in b ? b.text : b.kind));
    expect(cover).toEqual([
      '第5次須賀川市地域情報化計画', '進捗状況報告書', '令和4年度（2022年度）', '計画期間　令和4年度〜令和6年度（2022年度〜2024年度）',
      '令和4年度末時点の実績による評価', '令和8年11月21日（2026年11月21日）', '須賀川市　地域情報化推進委員会', '行政管理課', '目次',
    ]);
  });

  test('総括: counts, 後退 and 評価不能 with reasons, in words', () => {
    const o = model.summary.overview;
    const counted = result.plans.filter((p) => p.counted);
    expect(o.lead[0]).toContain(`${counted.length}件のプランのうち`);
    expect(o.unrated).toHaveLength(counted.filter((p) => p.adopted === '−').length);
    expect(o.regressed).toHaveLength(counted.reduce((n, p) => n + p.indicators.filter((i) => i.period.regressed).length, 0));
    for (const u of o.unrated) expect(u).toMatch(/^\S+ .+：.+/);
  });

  test('委員からの提言: filled ones under their 基本方針, a placeholder otherwise, the rest as general', () => {
    expect(model.policies[0].recommendations).toEqual([{ member: '見本 太郎', title: '委員長', text: '利用者の声を集め、改善につなげてほしい。' }]);
    expect(model.policies[1].recommendations).toEqual([]);
    expect(model.policies[1].recommendationPlaceholder).toBe(RECOMMENDATION_PLACEHOLDER);
    expect(model.generalRecommendations.map((r) => r.member)).toEqual(['例野 一郎']);
  });

  test('appendices say so when there is nothing to list', () => {
    expect(model.appendices.map((a) => a.empty)).toEqual([NO_UNIFIED_TEXT, NO_CHANGES_TEXT, NO_EXCLUDED_TEXT]);
    expect(model.appendices.slice(0, 2).map((a) => a.table)).toEqual([null, null]);
    expect(model.appendices[2].more?.[0].empty).toBe(NO_ATTENTION_TEXT);
    expect(NO_CHANGES_TEXT).toContain('記録された変更はありません');
  });
});

describe('buildReport: overrides, unified plans, changes and excluded entries', () => {
  const data = seedData();
  const unified: UnifiedPlanInput[] = [
    { id: 'U-1', name: 'オンライン手続の推進', goalCode: '9', mainDept: '情報政策課', relatedDepts: ['財政課'], memberIds: ['9-14', '9-15'] },
  ];
  const result = aggregate(data, {
    overrides: {
      plans: [{ planId: '2-2', grade: 'A', reason: '支援員を追加配置したため' }],
      goals: [{ goalCode: '7', rating: '概ね良好', reason: '閲覧数が大きく伸びたため' }],
      findings: [],
    },
    unified,
  });
  const model = build(data, result, {
    unified,
    changes: [{ planId: '9-9', indicator: 'ペーパーレス会議の実施割合', item: '目標値', before: '60%', after: '80%', when: '令和5年度', reason: '対象会議の拡大' }],
  });
  const goals = model.policies.flatMap((p) => p.goals);

  test('an overridden plan is marked ※ with a note giving the computed grade and the reason', () => {
    const g2 = goals.find((g) => g.code === '2')!;
    expect(g2.plans.find((p) => p.planId === '2-2')!.rows[0][7]).toBe('A※');
    expect(g2.notes.at(-1)).toBe('※ 2-2「情報通信技術支援員（ICT支援員）の派遣」は、計算上の評価「B」を事務局の判断で「A」としました（理由: 支援員を追加配置したため）。');
    // Implausible figures are footnoted where they are shown.
    expect(g2.notes[0]).toMatch(/^※1 2-9「年間のオンライン申請件数」: 令和4年度実績「21,115件\/年」が、令和2年度の基準値（554件\/年）の10倍以上です。/);
    expect(g2.plans.find((p) => p.planId === '2-9')!.rows[0][4]).toBe('21,115件/年 ※1');
  });

  test('an overridden goal rating shows the computed one and why', () => {
    const g7 = goals.find((g) => g.code === '7')!;
    expect(g7.period.rating).toBe('概ね良好');
    expect(g7.period.detail).toContain('計算上の評価は「良好ではない」');
    expect(g7.period.detail).toContain('理由: 閲覧数が大きく伸びたため');
    expect(model.summary.goalTable.rows.find((r) => r[0] === '7')![9]).toBe('概ね良好※');
  });

  test('a unified plan is listed in its goal; its members only in the lineage appendix', () => {
    const listed = goals.flatMap((g) => g.plans.map((p) => p.planId));
    expect(listed).toContain('U-1');
    expect(listed).not.toContain('9-14');
    const lineage = model.appendices[0].table!;
    expect(lineage.header.slice(0, 2)).toEqual(['統合前', '統合後']);
    expect(lineage.rows[0][0]).toBe('9-14 キャッシュレス決済の推進（基本目標9・情報政策課）\n9-15 電子入札の拡充（基本目標9・財政課）');
    expect(lineage.rows[0][1]).toBe('U-1 オンライン手続の推進');
    expect(lineage.rows[0][3]).toBe('情報政策課\n関係課: 財政課');
  });

  test('recorded changes and excluded entries are listed', () => {
    expect(model.appendices[1].table!.rows).toEqual([[
      '9-9 ペーパーレス会議、web会議の推進（基本目標9・行政管理課）', 'ペーパーレス会議の実施割合', '目標値', '60%', '80%', '令和5年度', '対象会議の拡大',
    ]]);
    // Only plan data the rating left out, in words: no sheet, no cell, no roster.
    const left = model.appendices[2].table!;
    expect(left.header).toEqual(['プラン', '成果指標', '評価に使わなかったもの', '理由']);
    for (const r of left.rows) {
      expect(r.join(' ')).not.toMatch(/[A-Z]+\d+|シート|@/);
      const id = r[0].split(' ')[0];
      const p = result.plans.find((x) => x.id === id || x.memberIds.includes(id))!;
      if (!r[2].startsWith('基準値')) expect(p.indicators.find((i) => i.indicator.name === r[1])!.period.grade).toBe('−');
    }
  });
});

describe('buildReport: a mid-year evaluation', () => {
  const data = progressData([
    plan({ id: '1-1', goal: '1', name: '講座の開催', indicators: [
      { name: '講座の開催回数', unit: '回/年', accumulates: true, baseline: num(0, '回/年'), target: num(10, '回/年'), targetYear: 2025, actuals: { R7中間: num(6, '回/年') } },
    ] }),
  ], { settings: { evaluationYear: 2025, evaluationKind: 'mid', midAsOf: '2025-09-30' }, hierarchy: [goal('1', '学び')] });
  const result = aggregate(data, { overrides: NO_OVERRIDES });
  const model = build(data, result);

  test('labels say 中間 and 見込み; the rate column carries the 見込み of 集計結果', () => {
    expect(model.cover.periodLabel).toBe('令和7年度（中間）');
    expect(model.cover.reportName).toBe('進捗状況報告書（中間）（案）');
    expect(model.cover.basisLine).toBe('令和7年9月30日時点の中間実績による評価（年度末の達成見込み）');
    const row = model.policies[0].goals[0].plans[0];
    const sheet = sheetRows(result).get('1-1')![0];
    expect(sheet['見込み']).not.toBe('');
    expect(row.rows[0][6]).toBe(`${sheet['達成率']}\n${sheet['見込み']}`);
    // No year-end figure of R6: no 前年度 column.
    expect(model.policies[0].goals[0].planTable.header.slice(2, 4)).toEqual(['基準値\n（年度）', '実績\n（R7中間）']);
    expect(model.policies[0].goals[0].period.label).toBe('令和7年度 中間の評価（年度末の見込み）');
  });
});

describe('reportBlocks: the layout every renderer draws', () => {
  const data = seedData();
  const model = build(data, aggregate(data, { overrides: NO_OVERRIDES }));
  const blocks = reportBlocks(model);

  test('cover, 目次, 総括, 概要, one page per 基本方針, then 資料; pages start on the headings themselves', () => {
    expect(blocks.slice(0, 6).map((b) => b.kind)).toEqual(['coverLine', 'title', 'subtitle', 'coverLine', 'coverLine', 'coverLine']);
    expect(blocks.some((b) => b.kind === 'pageBreak')).toBe(false);
    const outline = blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? `${b.level} ${b.text}` : ''));
    expect(outline.filter((h) => h.startsWith('1 ')).slice(0, 3)).toEqual(['1 目次', '1 総括', '1 評価の概要']);
    expect(outline).toContain('1 基本方針P1　市民生活におけるICT利活用');
    expect(outline).toContain('2 基本目標1　子育て支援におけるICT利活用の推進');
    expect(outline.filter((h) => h === '2 委員からの提言')).toHaveLength(2);
    expect(outline).toContain('1 計画全体への提言');
    expect(outline.at(-5)).toBe('1 資料');
    expect(outline.at(-1)).toBe('3 確認が必要な数値（要確認）');
    const newPages = blocks.filter((b) => b.kind === 'heading' && b.newPage).map((b) => (b.kind === 'heading' ? b.text : ''));
    expect(newPages).toEqual(['目次', '総括', '評価の概要', ...model.policies.map((p) => p.heading), '資料']);
    // 目次 lists every level-1 and level-2 heading after it, in order.
    const toc = blocks.find((b) => b.kind === 'toc');
    expect(toc && toc.kind === 'toc' && toc.entries.map((e) => `${e.level} ${e.text}`)).toEqual(outline.filter((h) => /^[12] /.test(h) && h !== '1 目次'));
  });

  test('a recommendation is its text, then who gave it', () => {
    const at = blocks.findIndex((b) => b.kind === 'paragraph' && b.text === '利用者の声を集め、改善につなげてほしい。');
    expect(blocks[at + 1]).toEqual({ kind: 'paragraph', text: '見本 太郎（委員長）', tone: 'attribution' });
    const placeholder = blocks.filter((b) => b.kind === 'paragraph' && b.text === RECOMMENDATION_PLACEHOLDER);
    expect(placeholder).toHaveLength(1);
  });

  test('one table per goal for the plans, however many plans', () => {
    const tables = blocks.filter((b) => b.kind === 'table');
    const goals = model.policies.flatMap((p) => p.goals);
    // grade table, goal table, then per goal: plans + ratings.
    // The appendix lists what was left out and what needs a check.
    expect(tables).toHaveLength(2 + goals.length * 2 + 2);
    expect(blocks.filter((b) => b.kind === 'chart')).toHaveLength(2);
  });
});

describe('wareki (和暦)', () => {
  test.each([
    [2026, 11, 21, '令和8年11月21日'],
    [2019, 5, 1, '令和元年5月1日'],
    [2019, 4, 30, '平成31年4月30日'],
    [1989, 1, 8, '平成元年1月8日'],
    [1989, 1, 7, '昭和64年1月7日'],
  ])('%i-%i-%i → %s', (y, m, d, s) => {
    expect(warekiDate(y, m, d)).toBe(s);
  });

  test('cover date and stamp are in the given time zone', () => {
    const lateUtc = new Date('2026-11-20T15:30:00Z'); // 00:30 on the 21st in Tokyo
    expect(coverDate(lateUtc, 'Asia/Tokyo')).toBe('令和8年11月21日（2026年11月21日）');
    expect(stamp(lateUtc, 'Asia/Tokyo')).toBe('2026-11-21 00:30');
    expect(stamp(lateUtc, 'UTC')).toBe('2026-11-20 15:30');
    expect(warekiFromIso('2025-09-30')).toBe('令和7年9月30日');
    expect(warekiFromIso('9/30')).toBeNull();
  });
});

describe('charts: one spec per figure, numbered, drawn as SVG', () => {
  const data = seedData();
  const result = aggregate(data, { overrides: NO_OVERRIDES });
  const model = build(data, result);
  const [policyFig, goalFig] = model.summary.charts;

  test('基本目標 chart: a bar per goal with its name, in the colour of its rating; thresholds are labelled ticks', () => {
    const c = goalFig.chart;
    expect(c.categories).toHaveLength(result.goals.length);
    result.goals.forEach((g, i) => {
      expect(c.categories[i]).toMatch(new RegExp(`^基本目標${g.code}( ${g.name})?(（評価不能）)?$`));
      const inSeries = c.series.filter((s) => s.values[i] !== null);
      if (g.period.share === null) {
        expect(inSeries).toEqual([]);
        expect(c.categories[i]).toContain('（評価不能）');
      } else {
        expect(inSeries.map((s) => s.name)).toEqual([g.period.rating]);
        expect(inSeries[0].values[i]).toBe(g.period.share);
      }
    });
    expect(c.series.map((s) => [s.name, s.color])).toEqual([['良好', TONE_COLORS.good], ['概ね良好', TONE_COLORS.fair], ['良好ではない', TONE_COLORS.bad]]);
    expect(c.axis).toMatchObject({ min: 0, max: 100, ticks: [0, 50, 80, 100], unit: '%' });
    expect(goalFig.caption).toContain('目盛線の50%と80%は「概ね良好」と「良好」の基準');
  });

  test('基本方針 chart: plans per grade, stacked, adding up to the goal counts', () => {
    const c = policyFig.chart;
    expect(c.categories.map((x) => x.split(' ')[0])).toEqual(['基本方針P1', '基本方針P2']);
    expect(c.series.map((s) => s.name)).toEqual(['A', 'B', 'C', 'D', '評価不能']);
    const total = c.series.reduce((n, s) => n + s.values.reduce<number>((m, v) => m + (v ?? 0), 0), 0);
    expect(total).toBe(Object.values(model.summary.gradeCounts).reduce((a, b) => a + b, 0));
    expect(c.axis.unit).toBe('件');
    expect(c.axis.max).toBeGreaterThanOrEqual(Math.max(...c.categories.map((_, i) => c.series.reduce((n, s) => n + (s.values[i] ?? 0), 0))));
  });

  test('figures are numbered 図1, 図2 in reading order, captions say what they show', () => {
    const figs = reportBlocks(model).filter((b) => b.kind === 'chart');
    expect(figs.map((f) => (f.kind === 'chart' ? [f.figure, f.caption.slice(0, 3)] : []))).toEqual([[1, '図1　'], [2, '図2　']]);
  });

  test('SVG: one rect per bar segment, a legend swatch per series, tick labels, escaped text', () => {
    const c = { ...goalFig.chart, title: 'A<B & "C"' };
    const svg = chartSvg(c);
    const segments = c.series.reduce((n, s) => n + s.values.filter((v) => v !== null && v > 0).length, 0);
    // Background + segments + legend swatches.
    expect(svg.match(/<rect /g)).toHaveLength(1 + segments + c.series.length);
    for (const t of ['0%', '50%', '80%', '100%', '良好', '概ね良好', '良好ではない']) expect(svg).toContain(`>${t}<`);
    expect(svg).toContain('A&lt;B &amp; &quot;C&quot;');
    expect(svg).not.toContain('A<B');
  });
});

describe('前年度: a column only where some indicator has a figure of the previous year (issue 12)', () => {
  // R4 is the evaluation year; goal 1's plan has an R3 figure, goal 2's has none.
  const data = progressData([
    plan({ id: '1-1', goal: '1', name: '講座の開催', indicators: [
      { name: '講座の開催回数', unit: '回', baseline: num(2, '回'), baselineYear: 2020, target: num(10, '回'), targetYear: 2024, actuals: { R3: num(4, '回'), R4: num(6, '回') } },
      { name: '受講者数', unit: '人', baseline: num(20, '人'), baselineYear: 2020, target: num(100, '人'), targetYear: 2024, actuals: { R4: num(60, '人') } },
    ] }),
    plan({ id: '2-1', goal: '2', name: '電子申請', indicators: [
      { name: '電子申請の件数', unit: '件', baseline: num(100, '件'), baselineYear: 2020, target: num(500, '件'), targetYear: 2024, actuals: { R4: num(300, '件') } },
    ] }),
  ], { settings: { evaluationYear: 2022 }, hierarchy: [goal('1', '学び'), goal('2', '行政')] });
  const model = build(data, aggregate(data, { overrides: NO_OVERRIDES }));
  const [g1, g2] = model.policies.flatMap((p) => p.goals);

  test('kept in a table where some indicator has it, with the figure; left out where none has', () => {
    expect(g1.planTable.header[PREVIOUS_COLUMN]).toBe('前年度\n（R3）');
    expect(g1.planTable.rows.map((r) => r[PREVIOUS_COLUMN])).toEqual(['4回', '—', '']);
    expect(g1.planTable.toneColumn).toBe(7);
    expect(g2.planTable.header).toEqual(['プラン', '成果指標', '基準値\n（R2）', '実績\n（R4）', '目標値\n（R6）', '達成率', '評価']);
    expect(g2.planTable.rows).toEqual([g2.plans[0].rows[0].filter((_, i) => i !== PREVIOUS_COLUMN)]);
    expect(g2.planTable.rows[0]).toEqual([expect.stringContaining('2-1 電子申請'), '電子申請の件数', '100件', '300件', '500件', '50.0%', 'C']);
    // Every part of the table agrees on the number of columns.
    for (const t of [g1.planTable, g2.planTable]) {
      for (const part of [t.align!, t.widths, ...t.rows]) expect(part).toHaveLength(t.header.length);
      expect(t.header[t.toneColumn!]).toBe('評価');
    }
    // The plan's own rows keep every column (the plan list of a split report uses them).
    expect(g2.plans[0].rows[0]).toHaveLength(PLAN_TABLE_COLUMNS.length);
  });

  test('評価の方法 says where and why it is left out', () => {
    expect(model.summary.method.join('\n')).toContain('前年度（令和3年度）の年度末の実績がどの指標にもない基本目標では、プランの表の「前年度」の列を省いています。');
    const first = build(seedData(), aggregate(seedData(), { overrides: NO_OVERRIDES }));
    expect(first.summary.method.join('\n')).toContain('プランの表の「前年度」の列は、前年度（令和3年度）の年度末の実績が入力されていないため省いています（前年度の実績がある年度から表示します）。');
    for (const g of first.policies.flatMap((p) => p.goals)) expect(g.planTable.header.some((h) => h.startsWith('前年度'))).toBe(false);
    // With R3 figures everywhere, nothing is left out and nothing is said.
    const all = structuredClone(data);
    all.plans[1].indicators[0].actuals.push({ ...all.plans[0].indicators[0].actuals[0], value: num(200, '件') });
    const kept = build(all, aggregate(all, { overrides: NO_OVERRIDES }));
    for (const g of kept.policies.flatMap((p) => p.goals)) expect(g.planTable.header[PREVIOUS_COLUMN]).toBe('前年度\n（R3）');
    expect(kept.summary.method.join('\n')).not.toContain('「前年度」の列');
  });

  test('the plan list of a split report keeps 前年度 when a table has it, and has none when no table does', () => {
    const list = splitReport(model).overflow[0].table;
    expect(list.header.slice(1, -1)).toEqual(g1.planTable.header);
    for (const r of list.rows) expect(r).toHaveLength(list.header.length);
    const first = build(seedData(), aggregate(seedData(), { overrides: NO_OVERRIDES }));
    const firstList = splitReport(first).overflow[0].table;
    expect(firstList.header.some((h) => h.startsWith('前年度'))).toBe(false);
    for (const r of firstList.rows) expect(r).toHaveLength(firstList.header.length);
  });
});

describe('取組実績／課題／今後の方向性 per plan (issue 12)', () => {
  test('items in report order, labelled by what the header says; empty ones omitted; texts whole', () => {
    const long = '長い記述。'.repeat(200);
    expect(narrativeItems([
      { field: 'comment', header: 'コメント', text: '備考の記述' },
      { field: 'outlook', header: '今後の取組', text: '対象を広げる。' },
      { field: 'issues', header: '課題・改善策', text: '周知が足りない。案内を見直す。' },
      { field: 'achievements', header: '取組内容', text: long },
      { field: 'achievements', header: '実施内容', text: '二つ目の列' },
      { field: 'issues', header: '問題点', text: '   ' },
    ], 2024)).toEqual([
      { label: '取組実績', text: `${long}\n二つ目の列` },
      { label: '課題・今後の方向性', text: '周知が足りない。案内を見直す。' },
      { label: '今後の方向性', text: '対象を広げる。' },
      { label: '備考', text: '備考の記述' },
    ]);
    // A column assigned by hand keeps its field's label; a short other header labels itself.
    expect(narrativeItems([{ field: 'issues', header: '自由記述', text: 'x' }, { field: 'comment', header: '所見', text: 'y' }], 2024))
      .toEqual([{ label: '課題', text: 'x' }, { label: '所見', text: 'y' }]);
  });

  test('columns that name a year: the latest up to the evaluation year, never a later one', () => {
    const texts = [
      { field: 'issues' as const, header: '令和5年度の課題', text: 'R5', fiscalYear: 2023 },
      { field: 'issues' as const, header: '令和6年度の課題', text: 'R6', fiscalYear: 2024 },
      { field: 'issues' as const, header: '令和7年度の課題', text: 'R7', fiscalYear: 2025 },
    ];
    expect(narrativeItems(texts, 2024)).toEqual([{ label: '課題', text: 'R6' }]);
    expect(narrativeItems(texts, 2030)).toEqual([{ label: '課題', text: 'R7' }]);
    expect(narrativeItems(texts, 2020)).toEqual([]);
  });

  test('under each 基本目標, after the plan table: one card per plan with text, headed by the plan', () => {
    const data = seedData();
    data.plans[0].texts = [
      { field: 'achievements', header: '取組実績', text: 'アプリの周知を行った。' },
      { field: 'outlook', header: '今後の方向性', text: '機能を追加する。' },
    ];
    const model = build(data, aggregate(data, { overrides: NO_OVERRIDES }));
    const goal = model.policies.flatMap((p) => p.goals).find((g) => g.plans.some((x) => x.planId === data.plans[0].id))!;
    expect(goal.narrative).toEqual([{
      planId: data.plans[0].id, title: `${data.plans[0].id} ${data.plans[0].name}`, name: `${data.plans[0].name}（${data.plans[0].mainDept}）`,
      items: [{ label: '取組実績', text: 'アプリの周知を行った。' }, { label: '今後の方向性', text: '機能を追加する。' }],
    }]);
    const blocks = reportBlocks(model);
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === goal.heading);
    const next = blocks.slice(at + 1);
    const kinds = next.map((b) => (b.kind === 'heading' ? `h:${b.text}` : b.kind === 'table' ? `t:${b.table.header[0]}` : b.kind));
    const from = kinds.indexOf('h:取組の状況（担当課の記述）');
    expect(from).toBeGreaterThan(kinds.indexOf('h:プランの進捗'));
    expect(kinds.slice(from, from + 3)).toEqual(['h:取組の状況（担当課の記述）', `t:${data.plans[0].id}`, 'h:評価と所見']);
    const card = next[from + 1];
    expect(card.kind === 'table' && card.table).toEqual({
      header: [data.plans[0].id, `${data.plans[0].name}（${data.plans[0].mainDept}）`],
      rows: [['取組実績', 'アプリの周知を行った。'], ['今後の方向性', '機能を追加する。']],
      widths: [18, 82], variant: 'kv',
    });
    // Goals whose plans have no text have no such section.
    expect(blocks.filter((b) => b.kind === 'heading' && b.text === '取組の状況（担当課の記述）')).toHaveLength(1);
  });
});

describe('図 年度別の評価の分布 (issue 12)', () => {
  const data = seedData();
  const result = aggregate(data, { overrides: NO_OVERRIDES });
  const years = [
    { fiscalYear: 2022, source: '確定値' as const, grades: { A: 10, B: 3, C: 5, D: 12, '−': 8 }, ratings: {} },
    { fiscalYear: 2023, source: '再計算' as const, grades: { A: 14, B: 4, C: 6, D: 9, '−': 5 }, ratings: {} },
    { fiscalYear: 2024, source: '再計算' as const, grades: { A: 18, B: 0, C: 7, D: 8, '−': 5 }, ratings: {} },
  ];
  const model = build(data, result, { years });

  test('one stacked bar per 年度 of plans per grade, in the grade colours and legend of the other figures', () => {
    const fig = model.summary.yearChart!;
    expect(fig.chart.title).toBe('年度別の評価の分布（令和4年度〜令和6年度）');
    expect(fig.chart.categories).toEqual(['令和4年度（確定値）', '令和5年度', '令和6年度']);
    expect(fig.chart.series).toEqual([
      { name: 'A', color: GRADE_COLORS.A, values: [10, 14, 18] },
      { name: 'B', color: GRADE_COLORS.B, values: [3, 4, null] },
      { name: 'C', color: GRADE_COLORS.C, values: [5, 6, 7] },
      { name: 'D', color: GRADE_COLORS.D, values: [12, 9, 8] },
      { name: '評価不能', color: GRADE_COLORS['−'], values: [8, 5, 5] },
    ]);
    // The same legend as 図1 (基本方針別).
    expect(fig.chart.series.map((x) => [x.name, x.color])).toEqual(model.summary.charts[0].chart.series.map((x) => [x.name, x.color]));
    expect(fig.chart.axis).toEqual({ min: 0, max: 40, ticks: [0, 10, 20, 30, 40], unit: '件', title: 'プランの件数' });
    expect(fig.caption).toBe('年度別の評価の分布（令和4年度〜令和6年度）。棒の長さはプランの件数、色はA〜D・評価不能の内訳です。各年度の年度末の評価で、「（確定値）」の年度は確定した評価、ほかの年度は現在の入力から同じ方法で計算し直した評価です。');
  });

  test('numbered after 図1・図2, right after the year table', () => {
    const blocks = reportBlocks(model);
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === '年度ごとの評価の推移');
    expect(blocks.slice(at + 1, at + 4).map((b) => b.kind)).toEqual(['table', 'paragraph', 'chart']);
    const figs = blocks.filter((b) => b.kind === 'chart').map((b) => (b.kind === 'chart' ? `${b.figure} ${b.caption.split('。')[0]}` : ''));
    expect(figs).toEqual([
      expect.stringMatching(/^1 図1　基本方針別/), expect.stringMatching(/^2 図2　基本目標別/), '3 図3　年度別の評価の分布（令和4年度〜令和6年度）',
    ]);
  });

  test('the year table: two-line headers so narrow columns never break inside a word', () => {
    expect(model.summary.yearTable!.header).toEqual([
      '年度', '根拠', 'プラン\nA', 'プラン\nB', 'プラン\nC', 'プラン\nD', 'プラン\n−',
      '基本目標\n良好', '基本目標\n概ね良好', '基本目標\n良好ではない', '基本目標\n評価不能',
    ]);
  });

  test('none with a single year', () => {
    expect(build(data, result, { years: years.slice(0, 1) }).summary.yearChart).toBeNull();
    expect(build(data, result).summary.yearChart).toBeNull();
  });
});

describe('総括 and 評価の方法 as a committee member reads them (issue 12)', () => {
  const data = seedData();
  const result = aggregate(data, { overrides: NO_OVERRIDES });

  test('the change since last year: plans up and down by name, counts then and now', () => {
    const counted = result.plans.filter((p) => p.counted && ['A', 'B', 'C', 'D'].includes(p.adopted));
    const [p1, p2] = counted;
    const plans = new Map<string, string>(counted.map((p) => [p.id, p.adopted]));
    // One plan was better last year, one worse; a plan without a grade then is neither.
    const lower = (g: string) => ({ A: 'B', B: 'C', C: 'D', D: 'D' } as Record<string, string>)[g];
    const higher = (g: string) => ({ A: 'A', B: 'A', C: 'B', D: 'C' } as Record<string, string>)[g];
    plans.set(p1.id, p1.adopted === 'A' ? 'B' : higher(p1.adopted));
    plans.set(p2.id, p2.adopted === 'D' ? 'C' : lower(p2.adopted));
    plans.set(counted[2].id, '−');
    const goals = new Map<string, string>(result.goals.map((g) => [g.code, '良好']));
    const model = build(data, result, { previous: { fiscalYear: 2021, source: '再計算', plans, goals } });
    const o = model.summary.overview;
    const moved = [p1, p2].map((p) => ({ p, before: plans.get(p.id)!, up: 'ABCD'.indexOf(p.adopted) < 'ABCD'.indexOf(plans.get(p.id)!) }));
    expect(o.compared).toBe(true);
    expect(o.up).toEqual(moved.filter((x) => x.up && x.before !== x.p.adopted).map((x) => `${x.p.id} ${x.p.name}：${x.before} → ${x.p.adopted}`));
    expect(o.down).toEqual(moved.filter((x) => !x.up && x.before !== x.p.adopted).map((x) => `${x.p.id} ${x.p.name}：${x.before} → ${x.p.adopted}`));
    const ab = (gs: Iterable<string>) => [...gs].filter((g) => g === 'A' || g === 'B').length;
    const nowAB = ab(result.plans.filter((p) => p.counted).map((p) => p.adopted));
    const nowGood = result.goals.filter((g) => g.adopted === '良好').length;
    expect(o.lead[2]).toContain(`前年度（令和3年度、現在の入力から同じ方法で計算した年度末の評価）と比べると、A・B評価のプランは${ab(plans.values())}件から${nowAB}件`);
    expect(o.lead[2]).toContain(`「良好」の基本目標は${goals.size}件から${nowGood}件（−${goals.size - nowGood}件）になりました。`);
    // Each goal shows last year's rating beside this year's.
    for (const g of model.policies.flatMap((p) => p.goals)) {
      expect(g.ratingTable.rows.find((r) => r[0] === '前年度（令和3年度）の評価')).toEqual(['前年度（令和3年度）の評価', '良好']);
    }
    const headings = reportBlocks(model).filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.text : ''));
    expect(headings).toContain(`前年度から評価が下がったプラン（${o.down.length}件）`);
    expect(headings).toContain(`前年度から評価が上がったプラン（${o.up.length}件）`);
  });

  test('without a previous year it says why: the first year of the plan, or no figures of last year', () => {
    const first = { ...data, settings: { ...data.settings, planPeriod: { from: 2022, to: 2024 } } };
    expect(build(first, result).summary.overview.lead[2]).toBe('令和4年度は計画期間の初年度のため、前年度との比較はありません。');
    const o = build(data, result).summary.overview;
    expect(o.lead[2]).toBe('前年度（令和3年度）の年度末の実績が入力されていないため、前年度との比較はしていません。');
    expect(o.compared).toBe(false);
    expect(reportBlocks(build(data, result)).some((b) => b.kind === 'heading' && b.text.startsWith('前年度から'))).toBe(false);
  });

  test('goals named by rating; a regressed indicator from its baseline to its actual, with the years', () => {
    const o = build(data, result).summary.overview;
    const bad = result.goals.filter((g) => g.adopted === '良好ではない').map((g) => g.code);
    expect(o.lead[1]).toContain(`「良好ではない」${bad.length}件（基本目標${bad.join('・')}）`);
    expect(o.regressed).toContain('2-7 図書館のオンラインデータベースの利活用：オンラインデータベースの利用件数　基準値 184件/年（R2） → 実績 152件（R4）');
  });

  test('a baseline that names its own date gets no second year; 中間 is never bracketed twice in a title', () => {
    const o = build(data, result).summary.overview;
    expect(o.regressed.find((t) => t.startsWith('6-2 '))).toMatch(/基準値 112件\/年 \(令和3年末\) → 実績/);
    expect(build(data, result).summary.goalTable.header[8]).toBe('A・B\n割合');
    const mid = progressData([
      plan({ id: '1-1', goal: '1', name: '講座の開催', indicators: [
        { name: '講座の開催回数', unit: '回/年', accumulates: true, baseline: num(0, '回/年'), target: num(10, '回/年'), targetYear: 2025, actuals: { R7中間: num(6, '回/年') } },
      ] }),
    ], { settings: { evaluationYear: 2025, evaluationKind: 'mid', midAsOf: '2025-09-30' }, hierarchy: [goal('1', '学び')] });
    const m = build(mid, aggregate(mid, { overrides: NO_OVERRIDES }));
    expect(m.summary.charts.map((c) => c.chart.title)).toEqual(['基本目標別 A・B評価のプランの割合（令和7年度 中間）']);
    expect(m.title).toMatch(/ 進捗状況報告書（中間）（令和7年度）（案）$/);
  });

  test('a target typed in words is not a number, not a missing target', () => {
    const row = build(data, result).policies.flatMap((p) => p.goals).flatMap((g) => g.plans).find((r) => r.planId === '2-4')!;
    expect(row.rows[0][6]).toBe('評価不能\n（目標値が数値でない）');
  });

  test('評価の方法 names the 設定 items the thresholds come from', () => {
    const method = build(data, result).summary.method.join('\n');
    for (const k of ['評価A（%以上）', '評価B（%以上）', '評価C（%以上）', '良好とするA・Bの割合（%以上）', '概ね良好とするA・Bの割合（%以上）', '途中年度の評価']) {
      expect(method).toContain(`「${k}」`);
    }
    expect(method).toContain('100%を上限');
    expect(method).toContain('「後退」とし、達成率にかかわらずD評価');
    expect(method).toContain('評価対象のプラン（評価不能を除く）');
  });

  test('a mid-year method says how far the year has gone at the base date, and where the date is set', () => {
    const mid = progressData([
      plan({ id: '1-1', goal: '1', name: '講座の開催', indicators: [
        { name: '講座の開催回数', unit: '回/年', accumulates: true, baseline: num(0, '回/年'), target: num(10, '回/年'), targetYear: 2025, actuals: { R7中間: num(6, '回/年') } },
      ] }),
    ], { settings: { evaluationYear: 2025, evaluationKind: 'mid', midAsOf: '2025-09-30' }, hierarchy: [goal('1', '学び')] });
    const method = build(mid, aggregate(mid, { overrides: NO_OVERRIDES })).summary.method.join('\n');
    expect(method).toContain('4月1日から基準日までの経過（令和7年9月30日は年度の50.0%）で実績を割り戻した年度末の見込み');
    expect(method).toContain('「中間の基準日」');
  });
});
