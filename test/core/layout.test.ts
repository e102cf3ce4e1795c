import type { CellValue, Grid } from '../../src/core/model';
import {
  classifyHeader, detectLayout, isHeaderLikeRow, isLayoutError, looksLikeId, planBlock, type Layout,
} from '../../src/core/layout';
import { PROGRESS_COLUMNS, PROGRESS_TRAILING_COLUMNS, OWNED_COLUMNS } from '../../src/core/schema';
import { periodHeaders } from '../../src/core/template';

const grid = (values: CellValue[][], name = 'プラン・指標'): Grid => ({ name, values });

function ok(g: Grid): Layout {
  const l = detectLayout(g);
  if (isLayoutError(l)) throw new Error(l.error);
  return l;
}

describe('classifyHeader', () => {
  test.each<[string, string]>([
    ['プランID', 'id'], ['No.', 'id'], ['番号', 'id'], ['施策番号', 'id'],
    ['プラン名', 'name'], ['事業名', 'name'], ['推進プラン', 'name'], ['施策名', 'name'], ['取組', 'name'],
    ['担当課', 'mainDept'], ['主担当課', 'mainDept'], ['所管課', 'mainDept'], ['担当部署', 'mainDept'],
    ['関係課', 'relatedDepts'], ['主担当', 'leadMark'],
    ['指標', 'indicator'], ['成果指標', 'indicator'], ['施策の指標', 'indicator'],
    ['基準値', 'baseline'], ['現状値', 'baseline'], ['目標値', 'target'], ['目標', 'target'],
    ['実績値', 'actual'], ['実績', 'actual'], ['基本目標', 'goal'], ['目標コード', 'goal'],
    ['目標年度', 'targetYear'], ['基準年度', 'baselineYear'], ['方向', 'direction'], ['中間の見方', 'accumulation'],
    ['単位', 'unit'], ['状態', 'status'], ['コメント', 'comment'], ['備考', 'comment'], ['入力チェック', 'check'], ['統合先', 'mergedInto'],
  ])('%s → %s', (h, field) => expect(classifyHeader(h).field).toBe(field));

  test('period headers', () => {
    expect(classifyHeader('R7中間')).toEqual({ period: { fiscalYear: 2025, kind: 'mid' } });
    expect(classifyHeader('目標値(令和6年度)')).toEqual({ field: 'target', period: { fiscalYear: 2024, kind: 'target' } });
    expect(classifyHeader('全然関係ない見出し')).toEqual({});
  });

  test('looksLikeId', () => {
    for (const t of ['1-1', '2-10', '9-15', '1-①-ア', '(3)', '１－２', 'A-12', '12']) expect(looksLikeId(t)).toBe(true);
    for (const t of ['子育て支援', '208件', '', '令和6年度']) expect(looksLikeId(t)).toBe(false);
  });
});

describe('detectLayout', () => {
  test('the template header', () => {
    const header = [...PROGRESS_COLUMNS, ...periodHeaders([2025, 2026]), ...PROGRESS_TRAILING_COLUMNS, OWNED_COLUMNS.check, OWNED_COLUMNS.mergedInto];
    const l = ok(grid([header, ['1-1', '1', '1-1', '1-1-1', 'プラン', '情報政策課']]));
    expect(l.headerRow).toBe(0);
    expect(l.headerRows).toBe(1);
    expect(l.firstDataRow).toBe(1);
    PROGRESS_COLUMNS.forEach((h, i) => expect(l.headers[i]).toBe(h));
    expect(l.columns).toEqual(expect.objectContaining({
      id: 0, policy: 1, goal: 2, measure: 3, name: 4, mainDept: 5, relatedDepts: 6, indicator: 7, unit: 8, direction: 9,
      accumulation: 10, baseline: 11, baselineYear: 12, target: 13, targetYear: 14, status: 19, comment: 20, check: 21, mergedInto: 22,
    }));
    expect(l.periods.map((p) => [p.col, p.period.fiscalYear, p.period.kind])).toEqual([
      [15, 2025, 'mid'], [16, 2025, 'year'], [17, 2026, 'mid'], [18, 2026, 'year'],
    ]);
    expect(l.ignored).toEqual([]);
  });

  test('seed 004: two header rows, the goal title above the IDs, merged 実績値', () => {
    const g = grid([
      ['子育て支援におけるICT利活用の推進', '', '施策の指標', '基準値', '実績値', '', '', '目標値', '担当課'],
      ['', '', '', '令和2年度', '令和4年度', '令和5年度', '令和6年度', '令和6年度', ''],
      ['1-1', '子育て支援アプリ「すかがわ「てくてく」の利活用推進', 'アプリのダウンロード数', '208件', '1,049件', '', '', '600件', 'こども課'],
      ['2-1', '各学校におけるICT環境のさらなる充実', 'Wi-Fi環境が整備された特別教室の数', '1校当たり0教室', '1校当たり0教室', '', '', '1校当たり4教室', '学校教育課'],
    ]);
    const l = ok(g);
    expect(l.headerRows).toBe(2);
    expect(l.firstDataRow).toBe(2);
    expect(l.columns).toEqual({ id: 0, name: 1, indicator: 2, baseline: 3, target: 7, mainDept: 8 });
    expect(l.baselineYear).toBe(2020);
    expect(l.targetYear).toBe(2024);
    expect(l.periods.map((p) => p.period)).toEqual([
      { fiscalYear: 2022, kind: 'year' }, { fiscalYear: 2023, kind: 'year' }, { fiscalYear: 2024, kind: 'year' },
    ]);
    expect(l.notes.join()).toContain('A列を内容からプランIDの列とみなしました');
  });

  test('a title row above, columns in another order, synonyms and extra columns', () => {
    const g = grid([
      ['第5次須賀川市地域情報化計画 実施計画'],
      [],
      ['担当部署', '備考', '事業名', 'No.', '成果指標', '現状値', '目標', 'R6実績', 'R7中間', '予算額'],
      ['情報政策課', '', 'RPAを活用した業務効率化の推進', '9-7', 'RPAを活用した業務数', '0件', '15件', '3件', '5件', '100'],
    ]);
    const l = ok(g);
    expect(l.headerRow).toBe(2);
    expect(l.columns).toEqual(expect.objectContaining({ mainDept: 0, comment: 1, name: 2, id: 3, indicator: 4, baseline: 5, target: 6 }));
    expect(l.periods.map((p) => p.period)).toEqual([{ fiscalYear: 2024, kind: 'year' }, { fiscalYear: 2025, kind: 'mid' }]);
    expect(l.ignored).toEqual([9]);
  });

  test('year above, 中間/実績 below (merged year headers)', () => {
    const g = grid([
      ['No', '事業名', '指標', '目標値', '令和7年度', '', '令和8年度', ''],
      ['', '', '', '', '中間', '実績', '中間', '実績'],
      ['1', 'A', 'x', '10件', '1件', '', '', ''],
    ]);
    const l = ok(g);
    expect(l.headerRows).toBe(2);
    expect(l.periods.map((p) => [p.col, p.period.fiscalYear, p.period.kind])).toEqual([
      [4, 2025, 'mid'], [5, 2025, 'year'], [6, 2026, 'mid'], [7, 2026, 'year'],
    ]);
  });

  test('a lead-department column of ○ marks, and one that holds names', () => {
    const marks = ok(grid([
      ['プランID', 'プラン名', '担当課', '主担当', '指標', '目標値', 'R6'],
      ['5-2', 'slack', '道路河川課', '○', 'アプリを導入した課の件数', '3件', '2件'],
      ['5-2', 'slack', '都市計画課', '', '', '', ''],
    ]));
    expect(marks.columns.leadMark).toBe(3);
    const names = ok(grid([
      ['プランID', 'プラン名', '主担当', '指標', '目標値', 'R6'],
      ['5-2', 'slack', '道路河川課', 'アプリを導入した課の件数', '3件', '2件'],
    ]));
    expect(names.columns.leadMark).toBeUndefined();
    expect(names.columns.mainDept).toBe(2);
  });

  test('a sheet that cannot be mapped gives one message naming the headers looked for', () => {
    const l = detectLayout(grid([['氏名', '住所'], ['山田', '市内']], '名簿'));
    expect(isLayoutError(l)).toBe(true);
    if (isLayoutError(l)) {
      expect(l.error).toContain('「名簿」シート');
      expect(l.error).toContain('プランID');
      expect(l.error).toContain('成果指標');
      expect(l.error).toContain('目標値');
      expect(l.looked.length).toBeGreaterThanOrEqual(5);
    }
    expect(isLayoutError(detectLayout(grid([])))).toBe(true);
  });

  test('header-like rows', () => {
    expect(isHeaderLikeRow(['健康、医療、福祉におけるICT利活用の推進', '', '施策の指標', '基準値', '実績値', '', '目標値', '担当課'])).toBe(true);
    expect(isHeaderLikeRow(['', '', '', '令和2年度', '令和4年度', '令和5年度', '令和6年度', '令和6年度'])).toBe(true);
    expect(isHeaderLikeRow(['3-1', 'ひとり暮らし高齢者宅等への緊急通報システム等の貸与', '緊急通報システム貸与件数', '190件/年', '206件/年', '', '', '240件/年', '長寿福祉課'])).toBe(false);
  });
});

describe('planBlock (onEdit reads the ID column only)', () => {
  const l = ok(grid([['プランID', 'プラン名', '指標', '目標値', 'R6']]));
  //           row: 1 header, 2 '3-1', 3 '', 4 '4-1', 5 '5-2', 6 '5-2', 7 '', 8 '6-1', 9 ''
  const ids: CellValue[] = ['プランID', '3-1', '', '4-1', '5-2', '5-2', '', '6-1', ''];
  test('continuation rows and department rows', () => {
    expect(planBlock(ids, l, 3)).toEqual({ first: 2, last: 3 });
    expect(planBlock(ids, l, 2)).toEqual({ first: 2, last: 3 });
    expect(planBlock(ids, l, 4)).toEqual({ first: 4, last: 4 });
    expect(planBlock(ids, l, 6)).toEqual({ first: 5, last: 7 });
    expect(planBlock(ids, l, 9)).toEqual({ first: 8, last: 9 });
  });
});

describe('detectLayout does not take a sparse first data row for a second header row', () => {
  test('a row with only an ID and the two year cells', () => {
    const header = [...PROGRESS_COLUMNS, ...periodHeaders([2025]), ...PROGRESS_TRAILING_COLUMNS];
    const first: CellValue[] = header.map(() => '');
    first[0] = '1-1';
    first[12] = '令和2年度';
    first[14] = '令和6年度';
    const l = ok(grid([header, first]));
    expect(l.headerRows).toBe(1);
    expect(l.columns.baselineYear).toBe(12);
    expect(l.columns.targetYear).toBe(14);
  });
});

describe('columns of words about a plan (取組実績／課題／今後の方向性): issue 12', () => {
  // Names seen in real progress sheets, each read as what it says, never as the plan's name.
  test.each<[string, string]>([
    ['取組実績', 'achievements'], ['取組内容', 'achievements'], ['取り組み内容', 'achievements'], ['実施内容', 'achievements'],
    ['進捗状況', 'achievements'], ['取組状況', 'achievements'], ['主な取組内容', 'achievements'], ['主な実績', 'achievements'],
    ['事業の成果', 'achievements'], ['実績・成果', 'achievements'], ['今年度の取組', 'achievements'], ['これまでの取組', 'achievements'],
    ['成果と課題', 'achievements'], ['実施結果', 'achievements'],
    ['課題', 'issues'], ['問題点', 'issues'], ['課題・改善策', 'issues'], ['課題と今後の方向性', 'issues'], ['評価・課題', 'issues'],
    ['担当課の課題', 'issues'],
    ['今後の方向性', 'outlook'], ['今後の取組', 'outlook'], ['今後の予定', 'outlook'], ['改善策', 'outlook'], ['次年度の取組', 'outlook'],
    ['次年度以降の取組方針', 'outlook'], ['今後の展開', 'outlook'], ['令和7年度以降の方向性', 'outlook'],
    ['担当課コメント', 'comment'], ['特記事項', 'comment'],
  ])('%s → %s', (h, field) => expect(classifyHeader(h).field).toBe(field));

  test('figure columns that share the words stay figure columns', () => {
    expect(classifyHeader('成果指標').field).toBe('indicator');
    expect(classifyHeader('今後の目標値').field).toBe('target');
    expect(classifyHeader('取組').field).toBe('name');
    // A year's 取組状況 / 取組実績 is that year's result (a table kept in words, docs/reading.md §2).
    expect(classifyHeader('取組状況（R6）')).toEqual({ period: { fiscalYear: 2024, kind: 'year' } });
    expect(classifyHeader('令和6年度 取組実績')).toEqual({ period: { fiscalYear: 2024, kind: 'year' } });
  });

  test('every column of words is kept, in sheet order, with the year its header names', () => {
    const l = ok(grid([
      ['No.', '事業名', '指標', '目標値', 'R6実績', '取組内容', '取組実績', '令和6年度の課題', '今後の方向性', '備考'],
      ['1', '電子申請', '手続数', '100件', '80件', 'a', 'b', 'c', 'd', 'e'],
    ]));
    expect(l.texts).toEqual([
      { col: 5, field: 'achievements', header: '取組内容' },
      { col: 6, field: 'achievements', header: '取組実績' },
      { col: 7, field: 'issues', header: '令和6年度の課題', fiscalYear: 2024 },
      { col: 8, field: 'outlook', header: '今後の方向性' },
      { col: 9, field: 'comment', header: '備考' },
    ]);
    // The second 取組 column is not dropped as a duplicate.
    expect(l.ignored).toEqual([]);
    expect(l.columns).toEqual(expect.objectContaining({ name: 1, achievements: 5, issues: 7, outlook: 8, comment: 9 }));
  });

  test('「主な取組」 names the plans when no other column does', () => {
    const l = ok(grid([
      ['No.', '主な取組', '指標', '目標値', 'R6実績', '課題'],
      ['1', '電子申請の拡大', '手続数', '100件', '80件', 'x'],
    ]));
    expect(l.columns.name).toBe(1);
    expect(l.texts?.map((t) => t.header)).toEqual(['課題']);
  });
});
