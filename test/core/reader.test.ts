import type { CellValue, Grid, Indicator, Plan } from '../../src/core/model';
import { SHEETS, SETTINGS_COLUMNS, SETTING_KEYS } from '../../src/core/schema';
import { detectLayout, isLayoutError, planBlock } from '../../src/core/layout';
import {
  inferAccumulates, inferDirection, inferredNote, readDepartments, readHierarchy, readMembers, readProgress, readRecommendations,
  readRows, splitCodeName,
} from '../../src/core/reader';
import { parseCell } from '../../src/core/values';
import { aggregate } from '../../src/core/aggregate';
import { buildTables } from '../../src/core/results-table';
import { SEED004_ROWS } from '../fixtures/seed004';

const TODAY = new Date(2025, 5, 1);

function seedGrid(): Grid {
  const values = SEED004_ROWS.map((r) => r.slice());
  // 9-15's actual is a percent-formatted number cell: Sheets hands back 0.865 and shows 86.50%.
  const display = values.map((r) => r.map((v) => (typeof v === 'number' ? '86.50%' : String(v))));
  return { name: SHEETS.progress, values, display };
}

const rowOf = (id: string) => SEED004_ROWS.findIndex((r) => r[0] === id) + 1;

describe('readProgress on a seed-004-shaped sheet', () => {
  const res = readProgress({ [SHEETS.progress]: seedGrid() }, { today: TODAY });
  const plan = (id: string): Plan => {
    const p = res.data.plans.find((x) => x.id === id);
    if (!p) throw new Error(`no plan ${id}`);
    return p;
  };
  const ind = (key: string): Indicator => {
    const i = res.data.plans.flatMap((p) => p.indicators).find((x) => x.key === key);
    if (!i) throw new Error(`no indicator ${key}`);
    return i;
  };

  test('layout: two header rows, years from the headers', () => {
    expect(res.layout.headerRows).toBe(2);
    expect(res.layout.baselineYear).toBe(2020);
    expect(res.layout.targetYear).toBe(2024);
    expect(res.layout.error).toBeUndefined();
  });

  test('every plan, in order, with repeated header blocks skipped', () => {
    const ids = SEED004_ROWS.map((r) => r[0]).filter((v): v is string => typeof v === 'string' && /^\d+-\d+$/.test(v));
    expect(res.data.plans.map((p) => p.id)).toEqual(ids);
    expect(res.data.plans).toHaveLength(52);
  });

  test('continuation rows belong to the plan above', () => {
    for (const id of ['3-1', '4-4', '6-3', '7-1', '7-2', '10-1']) expect(plan(id).indicators).toHaveLength(2);
    const gps = ind('3-1#2');
    expect(gps.name).toBe('GPS位置情報機器貸与件数');
    expect(gps.department).toBe('長寿福祉課');
    expect(gps.row).toBe(rowOf('3-1') + 1);
    expect(gps.baseline.value).toEqual(expect.objectContaining({ kind: 'number', value: 5, unit: '件/年' }));
    expect(ind('7-1#2').target.value).toEqual(expect.objectContaining({ value: 1500000, unit: '件' }));
  });

  test('指標の設定はありません rows give plans without indicators', () => {
    for (const id of ['4-1', '4-3', '7-7', '9-11']) {
      expect(plan(id).indicators).toEqual([]);
    }
    expect(plan('9-11').mainDept).toBe('情報政策課');
    expect(plan('9-11').relatedDepts).toEqual(['基幹系システム利用課']);
  });

  test('departments: lead first, the others related', () => {
    expect(plan('2-5').mainDept).toBe('文化振興課');
    expect(plan('2-5').relatedDepts).toEqual(['博物館']);
    expect(plan('5-2').mainDept).toBe('道路河川課');
    expect(plan('5-2').relatedDepts).toEqual(['都市計画課', '下水道施設課']);
    expect(plan('9-14').mainDept).toBe('情報政策課');
  });

  test('values, periods and cells', () => {
    const a = ind('1-1#1');
    expect(a.key).toBe('1-1#1');
    expect(a.unit).toBe('件');
    expect(a.baseline).toEqual({ value: expect.objectContaining({ value: 208 }), fiscalYear: 2020, cell: `D${rowOf('1-1')}` });
    expect(a.target).toEqual({ value: expect.objectContaining({ value: 600 }), fiscalYear: 2024, cumulative: false, cell: `H${rowOf('1-1')}` });
    expect(a.actuals.map((x) => [x.period.fiscalYear, x.period.kind, x.value.kind, x.cell])).toEqual([
      [2022, 'year', 'number', `E${rowOf('1-1')}`], [2023, 'year', 'empty', `F${rowOf('1-1')}`], [2024, 'year', 'empty', `G${rowOf('1-1')}`],
    ]);
    expect(ind('2-1#1').unit).toBe('教室/校');
    expect(ind('9-15#1').actuals[0].value).toEqual({ kind: 'number', value: 86.5, unit: '%', text: '86.50%' });
    expect(ind('9-13#1').actuals[0].value).toEqual(expect.objectContaining({ kind: 'state', state: '取得不可' }));
    expect(ind('6-3#1').actuals[0].value).toEqual({ kind: 'state', state: '未整備', text: '未整備' });
    expect(ind('6-3#2').actuals[0].value.kind).toBe('empty');
    expect(ind('5-3#1').baseline.value).toEqual(expect.objectContaining({ value: 0, unit: '%', note: '0件/5,433件' }));
    expect(ind('6-2#1').target.value).toEqual(expect.objectContaining({ value: 100, unit: '件/年', note: '令和6年末' }));
  });

  test('direction, accumulation and cumulative targets are inferred', () => {
    expect(ind('6-2#1').direction).toBe('down');
    expect(ind('9-1#1').direction).toBe('down');
    expect(ind('9-13#1').direction).toBe('down');
    expect(ind('8-1#1').direction).toBe('up');
    expect(ind('1-1#1').directionInferred).toBe(true);
    expect(ind('7-3#1').target.cumulative).toBe(true);
    expect(ind('7-5#1').target.cumulative).toBe(true);
    expect(ind('7-3#1').accumulates).toBe(true);
    expect(ind('2-9#1').accumulates).toBe(true);
    expect(ind('9-2#1').accumulates).toBe(true);
    expect(ind('9-6#1').accumulates).toBe(false);
    expect(ind('9-12#1').accumulates).toBe(false);
    expect(ind('8-1#1').accumulates).toBe(true);
  });

  test('the goal titles become 基本目標 when there is no 施策体系', () => {
    expect(res.data.hierarchy).toHaveLength(10);
    expect(res.data.hierarchy[0]).toEqual({ level: '基本目標', code: '1', name: '子育て支援におけるICT利活用の推進', text: '', parentCode: '' });
    expect(res.data.hierarchy[9]).toEqual(expect.objectContaining({ code: '10', name: '地域のICT利活用促進' }));
    expect(plan('10-3').goalCode).toBe('10');
  });

  test('issues: the words-only cells, the text baseline, the tenfold jump and the missing figure', () => {
    const r24 = rowOf('2-4');
    const brief = res.issues.map((i) => `${i.severity} ${i.cell}`);
    expect(brief).toEqual([
      `警告 D${r24}`, `エラー E${r24}`, `エラー H${r24}`,
      `警告 E${rowOf('2-9')}`,
      // No 設定 sheet: the evaluation year is the latest with figures (令和4年度), where 6-3's
      // second indicator (講座メニュー数) has only a dash.
      `警告 E${rowOf('6-3') + 1}`,
      `警告 D${rowOf('9-9')}`,
    ]);
    expect(res.data.settings.evaluationYear).toBe(2022);
    const e = res.issues[1];
    expect(e).toEqual(expect.objectContaining({ sheet: 'プラン・指標', row: r24, col: 5, planId: '2-4' }));
    expect(e.message).toBe(
      `「プラン・指標」シートのE${r24}（令和4年度実績）「平成23年発行分まで」は言葉で書かれているため達成度を計算できません。数で表せる場合は数字と単位（例: 30件）で、達成・未達で表す場合は ○ / × で入力してください。`,
    );
    expect(res.issues[3].message).toContain('10倍以上');
    expect(res.issues[3].message).toContain('554件/年');
  });
});

describe('readProgress with the other sheets', () => {
  const progress: Grid = {
    name: SHEETS.progress,
    values: [
      ['プランID', '基本目標', 'プラン名', '主担当課', '成果指標', '単位', '方向', '基準値', '目標値', '令和7年度中間', '令和7年度実績', '状態', 'コメント'],
      ['1-1', '1-1', '図書のWeb貸出予約等の推進', '中央図書館', 'Webによる貸出予約数', '件/年', '', '3,955件/年', '5,300件/年', '約3,000件', '', '', ''],
      ['1-2', '1-9', '電子入札の拡充', '財政科', '電子入札の割合', '%', 'ふつう', '60%', '75%', '120%', '', '', ''],
      ['1-1', '1-1', '別のプラン', '中央図書館', 'x', '件', '', '1件', '', '1件', '', '', ''],
      ['1-3', '1-1', 'テレワーク', '人事課', 'テレワークを利用する職員数', '人', '', '0人', '50人', '30%', '', '', ''],
      ['1-4', '1-1', 'LINE', '人事課', '友だち登録者数', '人', '', '0人', '50人', '', '', '', ''],
      ['1-5', '1-1', '中止したプラン', '人事課', '登録者数', '人', '', '0人', '', '', '', '中止', ''],
    ],
  };
  const grids: Record<string, Grid> = {
    [SHEETS.progress]: progress,
    [SHEETS.hierarchy]: { name: SHEETS.hierarchy, values: [['区分', 'コード', '名称', '説明', '上位コード'], ['基本方針', '1', '市民', '', ''], ['', '1-1', 'つながる', '', ''], ['基本目標', '1-2', '行政', '', '']] },
    [SHEETS.departments]: { name: SHEETS.departments, values: [['担当課', '部局', 'メール'], ['中央図書館', '教育部', ''], ['財政課', '総務部', 'zaisei@example.lg.jp'], ['人事課', '総務部', 'jinji@']] },
    [SHEETS.settings]: { name: SHEETS.settings, values: [[...SETTINGS_COLUMNS], [SETTING_KEYS.evaluationYear, '令和7年度'], [SETTING_KEYS.evaluationKind, '中間']] },
    [SHEETS.members]: { name: SHEETS.members, values: [['氏名', '役職', 'メール', '共有の要否', '権限'], ['山田 太郎', '委員長', 'yamada@example.jp', '要', 'コメント可'], ['佐藤 花子', '委員', '', '要', '閲覧者'], ['鈴木', '委員', 'suzuki@example.jp', true, 'なんでも']] },
    [SHEETS.recommendations]: { name: SHEETS.recommendations, values: [['基本方針', '委員', '提言'], ['1', '山田 太郎', 'デジタル化の効果を市民に示すこと。'], ['2', '', '']] },
  };
  const res = readProgress(grids, { today: TODAY });
  const msgs = res.issues.map((i) => `${i.severity} ${i.sheet} ${i.cell} ${i.message}`);
  const has = (re: RegExp) => expect(msgs.some((m) => re.test(m))).toBe(true);

  test('settings, hierarchy, departments, members, recommendations', () => {
    expect(res.data.settings.evaluationYear).toBe(2025);
    expect(res.data.settings.evaluationKind).toBe('mid');
    expect(res.data.hierarchy.map((h) => [h.level, h.code, h.parentCode])).toEqual([
      ['基本方針', '1', ''], ['基本目標', '1-1', '1'], ['基本目標', '1-2', '1'],
    ]);
    expect(res.data.departments.map((d) => d.name)).toEqual(['中央図書館', '財政課', '人事課']);
    expect(res.data.members).toEqual([
      { name: '山田 太郎', title: '委員長', email: 'yamada@example.jp', share: true, role: 'commenter', row: 2 },
      { name: '佐藤 花子', title: '委員', email: '', share: true, role: 'reader', row: 3 },
      { name: '鈴木', title: '委員', email: 'suzuki@example.jp', share: true, role: 'reader', row: 4 },
    ]);
    expect(res.data.recommendations).toEqual([{ policyCode: '1', member: '山田 太郎', text: 'デジタル化の効果を市民に示すこと。' }]);
  });

  test('each rule says where and what to type', () => {
    has(/^エラー プラン・指標 J2 「プラン・指標」シートのJ2（令和7年度中間）「約3,000件」は概数の言葉/);
    has(/^エラー プラン・指標 B3 .*基本目標「1-9」は「施策体系」シートにありません/);
    has(/^警告 プラン・指標 D3 .*「財政科」は「担当課」シートにありません。「財政課」のことなら/);
    has(/^エラー プラン・指標 G3 .*方向「ふつう」が分かりません/);
    has(/^警告 プラン・指標 J3 .*100%を超えています/);
    has(/^エラー プラン・指標 A4 .*プランID「1-1」は2行目と重複しています/);
    has(/^エラー プラン・指標 I4 .*目標値が空欄です/);
    has(/^エラー プラン・指標 J5 .*「30%」は単位（%）が目標値の単位（人）と違います。同じ単位で入力してください（例: 30人）/);
    has(/^警告 担当課 C4 「担当課」シートのC4のメール「jinji@」はメールアドレスとして読めません/);
    has(/^エラー 委員名簿 C3 .*佐藤 花子さんは共有「要」ですがメールアドレスがありません/);
    has(/^警告 委員名簿 E4 .*権限「なんでも」が分かりません/);
    has(/^警告 提言 C3 .*提言が空欄です/);
  });

  test('the mid-year figure missing in a mid-year evaluation is a 警告, not for a stopped plan', () => {
    has(/^警告 プラン・指標 J6 .*（1-4「友だち登録者数」）の令和7年度中間が未入力です/);
    expect(msgs.filter((m) => / プラン・指標 [A-Z]+7 /.test(m))).toEqual([]);
  });

  test('duplicate IDs keep distinct indicator keys', () => {
    const keys = res.data.plans.flatMap((p) => p.indicators.map((i) => i.key));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('readRows (onEdit)', () => {
  const grid = seedGrid();
  const detected = detectLayout(grid);
  if (isLayoutError(detected)) throw new Error(detected.error);
  const layout = detected;

  test('re-reads one plan block from the ID column and the header rows only', () => {
    const idColumn = grid.values.map((r) => r[0]);
    const edited = rowOf('3-1') + 1; // the GPS continuation row
    const block = planBlock(idColumn, layout, edited);
    expect(block).toEqual({ first: rowOf('3-1'), last: rowOf('3-1') + 1 });
    const rows: number[] = [];
    for (let r = block.first; r <= block.last; r++) rows.push(r);
    const partial: Grid = {
      name: grid.name,
      values: [...grid.values.slice(0, layout.firstDataRow), ...rows.map((r) => grid.values[r - 1])],
    };
    const res = readRows(partial, layout, rows, { today: TODAY });
    expect(res.plans).toHaveLength(1);
    expect(res.plans[0].indicators.map((i) => [i.key, i.row])).toEqual([['3-1#1', rowOf('3-1')], ['3-1#2', rowOf('3-1') + 1]]);
    expect(res.issues).toEqual([]);
  });

  test('issues carry the real sheet row', () => {
    const r = rowOf('2-4');
    const partial: Grid = { name: grid.name, values: [...grid.values.slice(0, layout.firstDataRow), grid.values[r - 1]] };
    const res = readRows(partial, layout, [r], { today: TODAY });
    expect(res.issues.map((i) => i.cell)).toEqual([`D${r}`, `E${r}`, `H${r}`]);
  });
});

describe('unmappable and missing sheets', () => {
  test('one clear message, an empty layout, no throw', () => {
    const res = readProgress({ [SHEETS.progress]: { name: SHEETS.progress, values: [['メモ'], ['あとで書く']] } }, { today: TODAY });
    expect(res.issues).toHaveLength(1);
    expect(res.issues[0].message).toContain('見出し行が見つかりません');
    expect(res.layout.error).toBe(res.issues[0].message);
    expect(res.data.plans).toEqual([]);
  });

  test('a progress sheet under another name is found by its layout', () => {
    const res = readProgress({ 進捗管理表: { name: '進捗管理表', values: [['No.', '事業名', '指標', '目標値', 'R6'], ['1', 'A', 'x', '10件', '3件']] } }, { today: TODAY });
    expect(res.data.plans.map((p) => [p.id, p.sheet])).toEqual([['1', '進捗管理表']]);
  });

  test('no progress sheet at all', () => {
    const res = readProgress({}, { today: TODAY });
    expect(res.issues[0].message).toContain('「プラン・指標」シートがありません');
  });
});

describe('the department rows of one plan, with a ○ for the lead', () => {
  test('the marked department leads, each keeps its own indicator', () => {
    const g: Grid = {
      name: SHEETS.progress,
      values: [
        ['プランID', 'プラン名', '担当課', '主担当', '成果指標', '目標値', 'R6'],
        ['5-2', 'アプリ（slack）を使った管理情報の共有', '都市計画課', '', '都市計画課の導入数', '1件', '1件'],
        ['5-2', '', '道路河川課', '○', 'アプリを導入した課の件数', '3件', '2件'],
        ['5-2', '', '下水道施設課', '', '', '', ''],
      ],
    };
    const res = readProgress({ [SHEETS.progress]: g }, { today: TODAY });
    expect(res.data.plans).toHaveLength(1);
    const p = res.data.plans[0];
    expect(p.mainDept).toBe('道路河川課');
    expect(p.relatedDepts).toEqual(['都市計画課', '下水道施設課']);
    expect(p.indicators.map((i) => [i.key, i.department])).toEqual([['5-2#1', '都市計画課'], ['5-2#2', '道路河川課']]);
  });

  test('an ID that Sheets turned into a date', () => {
    const g: Grid = {
      name: SHEETS.progress,
      values: [['プランID', 'プラン名', '成果指標', '目標値', 'R6'], [new Date(2025, 0, 2), 'A', 'x', '10件', '3件']],
    };
    const res = readProgress({ [SHEETS.progress]: g }, { today: TODAY });
    expect(res.data.plans[0].id).toBe('1-2');
    expect(res.issues[0].message).toContain('日付として扱われています');
    expect(res.issues[0].cell).toBe('A2');
  });
});

describe('inference rules', () => {
  test('direction', () => {
    const n = (t: string) => parseCell(t);
    expect(inferDirection('情報漏えい事件、事故の発生件数', '件', n('0件'), n('0件'))).toBe('down');
    expect(inferDirection('入力作業の時間数', '時間', n('875時間'), n('400時間'))).toBe('down');
    expect(inferDirection('電子申請の導入', '', n(''), n('○'))).toBe('milestone');
    expect(inferDirection('紙の削減', '枚', n('1,000枚'), n('500枚'))).toBe('down');
    expect(inferDirection('1日あたりの学習時間が1時間以上の割合', '%', n('50%'), n('60%'))).toBe('up');
    expect(inferDirection('障がい者手帳のデジタル化', '件', n('0件'), n('10件'))).toBe('up');
  });
  test('accumulation', () => {
    expect(inferAccumulates('申込件数', '件/年', false)).toBe(true);
    expect(inferAccumulates('ホームページへのアクセス数', '件', false)).toBe(true);
    expect(inferAccumulates('電子決裁率', '%', false)).toBe(false);
    expect(inferAccumulates('友だち登録者数', '人', false)).toBe(false);
    expect(inferAccumulates('開発商品掲載数（3年間合計）', '件', true)).toBe(true);
  });
});

describe('small sheets read alone', () => {
  test('hierarchy levels and parents come from the codes when blank', () => {
    const { items, issues } = readHierarchy({ name: '施策体系', values: [['区分', 'コード', '名称'], ['', '基本目標1-2', 'いつでも'], ['', '1-2-3', '窓口'], ['謎', '9', 'x']] });
    expect(items).toEqual([
      { level: '基本目標', code: '1-2', name: 'いつでも', text: '', parentCode: '1' },
      { level: '個別施策', code: '1-2-3', name: '窓口', text: '', parentCode: '1-2' },
    ]);
    expect(issues.map((i) => [i.cell, i.severity])).toEqual([['A4', 'エラー']]);
    expect(issues[0].message).toContain('区分「謎」が分かりません');
  });
  test('empty sheets', () => {
    expect(readDepartments(undefined)).toEqual({ items: [], issues: [] });
    expect(readMembers({ name: '委員名簿', values: [] })).toEqual({ items: [], issues: [] });
    expect(readRecommendations(undefined)).toEqual({ items: [], issues: [] });
  });
});

describe('single 実績 / 中間 columns without a year', () => {
  test('belong to the evaluation year of 設定', () => {
    const res = readProgress({
      [SHEETS.progress]: { name: SHEETS.progress, values: [['No.', '事業名', '指標', '基準値', '目標値', '中間実績', '実績値'], ['9-7', 'RPA', 'RPAを活用した業務数', '0件', '15件', '2件', '3件']] },
      [SHEETS.settings]: { name: SHEETS.settings, values: [[...SETTINGS_COLUMNS], [SETTING_KEYS.evaluationYear, '令和6年度']] },
    }, { today: TODAY });
    const i = res.data.plans[0].indicators[0];
    expect(i.actuals.map((a) => [a.period.fiscalYear, a.period.kind, a.value.kind === 'number' ? a.value.value : null, a.cell])).toEqual([
      [2024, 'year', 3, 'G2'], [2024, 'mid', 2, 'F2'],
    ]);
    expect(res.issues).toEqual([]);
  });
});

describe('再掲 rows', () => {
  test('a plan listed again under another goal is read once and is not a duplicate', () => {
    const res = readProgress({
      [SHEETS.progress]: {
        name: SHEETS.progress,
        values: [
          ['プランID', 'プラン名', '成果指標', '目標値', 'R6'],
          ['1-3', '高齢者向けスマートフォン活用教室の開催', '参加者数', '700人', '544人'],
          ['', '', '受講者満足度', '3.5ポイント', '4.0ポイント'],
          ['4-3', 'デジタルデバイド対策', '教室数', '10回', '8回'],
          ['1-3', '高齢者向けスマートフォン教室【再掲1-①(2)】', '参加者数', '700人', '544人'],
          ['', '', '受講者満足度', '3.5ポイント', '4.0ポイント'],
        ],
      },
    }, { today: TODAY });
    expect(res.data.plans.map((p) => [p.id, p.indicators.length])).toEqual([['1-3', 2], ['4-3', 1]]);
    expect(res.issues).toEqual([]);
  });
});

describe('inferDirection when 方向 is blank', () => {
  const n = (value: number, unit = '件') => parseCell(`${value}${unit}`);
  test('incidents and hours of work are lower-is-better, whatever the figures', () => {
    expect(inferDirection('市内の人身事故発生件数（暦年）', '件/年', n(112, '件/年'), n(100, '件/年'))).toBe('down');
    expect(inferDirection('入力作業の時間数', '時間', n(875, '時間'), n(400, '時間'))).toBe('down');
  });
  test('uses of a service stay higher-is-better even with a target below the baseline (seed 004, 7-2)', () => {
    expect(inferDirection('ウェブサイト閲覧数', '件', n(135392), n(100000))).toBe('up');
  });
  test('otherwise a target below the baseline means lower is better', () => {
    expect(inferDirection('待機児童数', '人', n(40, '人'), n(0, '人'))).toBe('down');
    expect(inferDirection('RPAを活用した業務数', '件', n(0), n(15))).toBe('up');
  });
});

describe('rows sharing a plan ID (issue 11, finding 3)', () => {
  const header = ['プランID', 'プラン名', '担当課', '成果指標', '目標値', 'R6'];
  const read = (rows: CellValue[][]) => readProgress({ [SHEETS.progress]: { name: SHEETS.progress, values: [header, ...rows] } }, { today: TODAY });

  test('two adjacent rows with the same ID and different plan names are two plans, the duplicate reported', () => {
    const res = read([
      ['1-1', '電子申請の推進', '情報政策課', '申請件数', '100件', '80件'],
      ['1-1', 'テレワークの推進', '人事課', '利用職員数', '50人', '11人'],
    ]);
    expect(res.data.plans.map((p) => [p.id, p.name, p.mainDept, p.indicators.length])).toEqual([
      ['1-1', '電子申請の推進', '情報政策課', 1], ['1-1', 'テレワークの推進', '人事課', 1],
    ]);
    expect(res.issues.filter((i) => i.severity === 'エラー').map((i) => i.cell)).toEqual(['A3']);
    expect(res.issues[0].message).toContain('プランID「1-1」は2行目と重複しています');
  });

  test('a row copied twice is read once and named in the findings', () => {
    const row = ['1-1', '電子申請の推進', '情報政策課', '申請件数', '100件', '80件'];
    const res = read([row, row.slice()]);
    expect(res.data.plans).toHaveLength(1);
    expect(res.data.plans[0].indicators).toHaveLength(1);
    const dup = res.issues.filter((i) => i.severity === 'エラー');
    expect(dup.map((i) => [i.cell, i.planId])).toEqual([['A3', '1-1']]);
    expect(dup[0].message).toContain('3行目は2行目と同じ内容です');
  });

  test('rows of one plan per department or indicator stay one plan', () => {
    const res = read([
      ['1-1', '電子申請の推進', '情報政策課', '申請件数', '100件', '80件'],
      ['1-1', '電子申請の推進', '市民課', '申請件数', '100件', '20件'],
      ['1-1', '', '保険年金課', '手続の種類', '10種類', '4種類'],
      ['1-1', '同上', '税務課', '主担当課に準ずる', '主担当課に準ずる', '主担当課に準ずる'],
    ]);
    expect(res.data.plans).toHaveLength(1);
    const p = res.data.plans[0];
    expect(p.mainDept).toBe('情報政策課');
    expect(p.relatedDepts).toEqual(['市民課', '保険年金課', '税務課']);
    expect(p.indicators.map((i) => [i.name, i.department])).toEqual([
      ['申請件数', '情報政策課'], ['申請件数', '市民課'], ['手続の種類', '保険年金課'],
    ]);
    expect(res.issues.filter((i) => i.severity === 'エラー')).toEqual([]);
  });
});

describe('a renamed header does not swallow the first plan (issue 11, finding 2)', () => {
  test.each([['目標年度', '目標値'], ['目標年度', '目標'], ['目標年度', '最終目標'], ['基準年度', '基準値']])('%s → %s', (from, to) => {
    const header = ['プランID', 'プラン名', '主担当課', '成果指標', '単位', '基準値', '基準年度', '目標値', '目標年度', '令和7年度中間', '令和7年度実績']
      .map((h) => (h === from ? to : h));
    const rows = [
      ['1-1', '電子申請の推進', '情報政策課', '申請件数', '件', '100', '令和2年度', '200', '令和7年度', '', '150'],
      ['1-2', 'テレワーク', '人事課', '利用職員数', '人', '0', '令和2年度', '50', '令和7年度', '', '11'],
    ];
    const res = readProgress({ [SHEETS.progress]: { name: SHEETS.progress, values: [header, ...rows] } }, { today: TODAY });
    expect(res.layout.firstDataRow).toBe(1);
    expect(res.data.plans.map((p) => p.id)).toEqual(['1-1', '1-2']);
  });
});

describe('the evaluation point inferred from the figures (issue 10, item 1)', () => {
  const header = ['No.', '事業名', '担当課', '成果指標', '基準値', 'R5実績', 'R6実績', 'R7中間', '目標値'];
  const rows = [
    ['1', '電子申請の推進', '情報政策課', '電子申請件数', '100件', '300件', '450件', '280件', '600件'],
    ['2', 'テレワーク', '人事課', '利用職員数', '0人', '10人', '25人', '30人', '50人'],
  ];
  const progress = (values: CellValue[][]): Grid => ({ name: '進捗管理表', values });

  test('no 設定 and only 「R7中間」 for the latest year: 令和7年度 中間, and said so', () => {
    const res = readProgress({ 進捗管理表: progress([header, ...rows]) }, { today: new Date(2025, 10, 1) });
    expect(res.data.settings.evaluationYear).toBe(2025);
    expect(res.data.settings.evaluationKind).toBe('mid');
    expect(res.data.settings.inferred).toEqual([
      '評価年度は実績のある最新の年度（令和7年度）', '評価時点は令和7年度の数値が中間の列にだけあるため「中間」',
    ]);
    expect(inferredNote(res.data.settings)).toContain('「設定」シートの「評価年度」「評価時点」に入力してください');
  });

  test('a year-end figure for that year keeps 年度末', () => {
    const withYearEnd = [[...header, 'R7実績'], [...rows[0], '500件'], [...rows[1], '']];
    const res = readProgress({ 進捗管理表: progress(withYearEnd) }, { today: new Date(2026, 4, 1) });
    expect(res.data.settings.evaluationKind).toBe('year');
    expect(res.data.settings.inferred).toEqual(['評価年度は実績のある最新の年度（令和7年度）']);
  });

  test('評価時点 typed on 設定 is kept', () => {
    const settings: Grid = { name: SHEETS.settings, values: [[...SETTINGS_COLUMNS], [SETTING_KEYS.evaluationKind, '年度末']] };
    const res = readProgress({ 進捗管理表: progress([header, ...rows]), [SHEETS.settings]: settings }, { today: new Date(2025, 10, 1) });
    expect(res.data.settings.evaluationKind).toBe('year');
    expect(res.data.settings.inferred).toEqual(['評価年度は実績のある最新の年度（令和7年度）']);
  });
});

describe('input sheets found by name or content (issue 10, item 4)', () => {
  const progress: Grid = {
    name: '進捗管理表',
    values: [
      ['施策番号', '施策名', '担当課', '成果指標', '目標値', 'R6実績'],
      ['1-1-1', '公衆無線LANの整備、活用促進', '情報推進課', '整備箇所数', '30箇所', '24箇所'],
      ['1-2-1', '情報通信基盤の整備促進', '情報推進課', '光回線の世帯カバー率', '100%', '98%'],
      ['2-1-1', '子育て支援情報の受信、発信と共有', '子育て支援課', 'アプリ登録者数', '3,000人', '2,400人'],
    ],
  };
  const goalNames = (res: ReturnType<typeof readProgress>) =>
    res.data.hierarchy.filter((h) => h.level === '基本目標').map((h) => [h.code, h.name]);

  test('a hierarchy named 体系, one row per item; plans attach by their code', () => {
    const res = readProgress({
      進捗管理表: progress,
      体系: { name: '体系', values: [['コード', '名称'], ['1', '市民サービス'], ['1-1', '市民が便利さを実感できるまち'], ['1-2', 'いつでも、どこでも、誰でも簡単に受けられる行政サービス'], ['2', '地域'], ['2-1', '安心して子育てできるまち']] },
    }, { today: TODAY });
    expect(res.sheets).toMatchObject({ progress: '進捗管理表', hierarchy: '体系' });
    expect(goalNames(res)).toEqual([['1-1', '市民が便利さを実感できるまち'], ['1-2', 'いつでも、どこでも、誰でも簡単に受けられる行政サービス'], ['2-1', '安心して子育てできるまち']]);
    expect(res.data.plans.map((p) => p.goalCode)).toEqual(['1-1', '1-2', '2-1']);
  });

  test('施策体系表 laid out one column per level, merged cells blank', () => {
    const res = readProgress({
      進捗管理表: progress,
      施策体系表: { name: '施策体系表', values: [
        ['基本方針', '基本目標', '個別施策'],
        ['1 ICTで市民サービスを向上', '1-1 市民が便利さを実感できるまち', '1-1-1 公衆無線LANの整備、活用促進'],
        ['', '1-2 いつでも、どこでも行政サービス', '1-2-1 情報通信基盤の整備促進'],
        ['2 ICTで地域を元気に', '2-1 安心して子育てできるまち', '2-1-1 子育て支援情報の受信、発信と共有'],
      ] },
    }, { today: TODAY });
    expect(res.sheets.hierarchy).toBe('施策体系表');
    expect(res.data.hierarchy.map((h) => [h.level, h.code, h.parentCode])).toEqual([
      ['基本方針', '1', ''], ['基本目標', '1-1', '1'], ['個別施策', '1-1-1', '1-1'], ['基本目標', '1-2', '1'], ['個別施策', '1-2-1', '1-2'],
      ['基本方針', '2', ''], ['基本目標', '2-1', '2'], ['個別施策', '2-1-1', '2-1'],
    ]);
    expect(res.data.plans.map((p) => [p.goalCode, p.measureCode])).toEqual([['1-1', '1-1-1'], ['1-2', '1-2-1'], ['2-1', '2-1-1']]);
  });

  test('基本目標一覧 lists goals (1-1 is a goal there), 委員一覧, 課一覧 and 設定値 by name; a members list by its contents', () => {
    const res = readProgress({
      進捗管理表: progress,
      基本目標一覧: { name: '基本目標一覧', values: [['番号', '基本目標'], ['1-1', '市民が便利さを実感できるまち'], ['1-2', '行政サービス'], ['2-1', '子育て']] },
      課一覧: { name: '課一覧', values: [['課名', '部局'], ['情報推進課', '総務部'], ['子育て支援課', '福祉部']] },
      設定値: { name: '設定値', values: [['項目', '値'], ['計画名', '飯塚市地域情報化計画'], ['評価年度', '令和6年度']] },
      シート5: { name: 'シート5', values: [['氏名', '役職', 'メール'], ['山田 太郎', '委員長', 'yamada@example.jp']] },
    }, { today: TODAY });
    expect(res.sheets).toMatchObject({ hierarchy: '基本目標一覧', departments: '課一覧', settings: '設定値', members: 'シート5' });
    expect(goalNames(res)).toEqual([['1-1', '市民が便利さを実感できるまち'], ['1-2', '行政サービス'], ['2-1', '子育て']]);
    expect(res.data.departments.map((d) => d.name)).toEqual(['情報推進課', '子育て支援課']);
    expect(res.data.settings.planName).toBe('飯塚市地域情報化計画');
    expect(res.data.members.map((m) => m.name)).toEqual(['山田 太郎']);
    expect(res.data.plans.map((p) => p.goalCode)).toEqual(['1-1', '1-2', '2-1']);
  });

  test('no hierarchy sheet: goal names from the progress sheet\'s own goal column', () => {
    const g: Grid = {
      name: SHEETS.progress,
      values: [
        ['No.', '基本方針', '基本目標', '事業名', '担当課', '指標', '目標値', 'R6実績'],
        ['1', '1 市民サービスの向上', '1-1 市民が便利さを実感できるまち', '電子申請', '情報課', '申請件数', '100件', '80件'],
        ['2', '', '1-1 市民が便利さを実感できるまち', 'キャッシュレス', '会計課', '対応窓口数', '10箇所', '9箇所'],
        ['3', '2 地域の活性化', '安心して子育てできるまち', '子育てアプリ', 'こども課', 'ダウンロード数', '600件', '1,049件'],
      ],
    };
    const res = readProgress({ [SHEETS.progress]: g }, { today: TODAY });
    expect(res.data.plans.map((p) => [p.policyCode, p.goalCode])).toEqual([['1', '1-1'], ['1', '1-1'], ['2', '2-1']]);
    expect(res.data.hierarchy.map((h) => [h.level, h.code, h.name, h.parentCode])).toEqual([
      ['基本方針', '1', '市民サービスの向上', ''], ['基本目標', '1-1', '市民が便利さを実感できるまち', '1'],
      ['基本方針', '2', '地域の活性化', ''], ['基本目標', '2-1', '安心して子育てできるまち', '2'],
    ]);
  });

  test('splitCodeName', () => {
    expect(splitCodeName('1-2 安心・安全なまち')).toEqual({ code: '1-2', name: '安心・安全なまち' });
    expect(splitCodeName('基本目標1：市民サービス')).toEqual({ code: '1', name: '市民サービス' });
    expect(splitCodeName('（3）行政のデジタル化')).toEqual({ code: '3', name: '行政のデジタル化' });
    expect(splitCodeName('１－２')).toEqual({ code: '1-2', name: '' });
    expect(splitCodeName('5Gの活用')).toEqual({ code: '', name: '5Gの活用' });
    expect(splitCodeName('子育て')).toEqual({ code: '', name: '子育て' });
  });
});

describe('per-year targets (issue 10, item 8)', () => {
  const settings: Grid = { name: SHEETS.settings, values: [[...SETTINGS_COLUMNS], [SETTING_KEYS.evaluationYear, '令和5年度']] };

  test('「令和5年度目標」 columns: that year is judged against its own target, the final target drives 通算', () => {
    const g: Grid = {
      name: SHEETS.progress,
      values: [
        ['No.', '事業名', '担当課', '指標', '基準値', '令和5年度目標', '令和5年度実績', '令和6年度目標', '令和6年度実績', '最終目標（令和7年度）'],
        ['1', '電子申請の推進', '情報政策課', '電子申請件数', '100件', '200件', '210件', '300件', '', '400件'],
      ],
    };
    const res = readProgress({ [SHEETS.progress]: g, [SHEETS.settings]: settings }, { today: TODAY });
    const ind = res.data.plans[0].indicators[0];
    expect(res.layout.ignored).toEqual([]);
    expect(ind.target).toMatchObject({ fiscalYear: 2025, cell: 'J2' });
    expect(ind.yearTargets?.map((t) => [t.fiscalYear, t.value.text, t.cell])).toEqual([[2023, '200件', 'F2'], [2024, '300件', 'H2'], [2025, '400件', 'J2']]);
    const result = aggregate(res.data);
    const item = result.plans[0].indicators[0];
    expect(item.period).toMatchObject({ grade: 'A', yearTarget: { text: '200件', fiscalYear: 2023 } });
    expect(item.period.ratio).toBeCloseTo(1.1);
    expect(item.sofar.yearTarget).toBeUndefined();
    expect(item.sofar.ratio).toBeCloseTo(110 / 300);
    const table = buildTables(result).results;
    const header = table.values[0] as string[];
    expect(String(table.values[1][header.indexOf('目標値')])).toMatch(/^'?200件（R5・年度目標） ／ 最終 400件（R7）$/);
  });

  test('a year group over 「内容及び目標」 and 「実績」 (two header rows): the year\'s target and result', () => {
    const g: Grid = {
      name: '進行管理表',
      values: [
        ['番号', '取組', '担当課', '指標', '令和4年度', '', '令和5年度', ''],
        ['', '', '', '', '内容及び目標', '実績', '内容及び目標', '実績'],
        ['1', 'スマホ教室', '生涯学習課', '受講者数', '300人', '280人', '350人', '360人'],
      ],
    };
    const res = readProgress({ 進行管理表: g, [SHEETS.settings]: settings }, { today: TODAY });
    expect(res.layout.headerRows).toBe(2);
    expect(res.layout.periods.map((p) => [p.col, p.period.fiscalYear, p.period.kind])).toEqual([[5, 2022, 'year'], [7, 2023, 'year']]);
    const ind = res.data.plans[0].indicators[0];
    expect(ind.target).toMatchObject({ fiscalYear: 2023, cell: 'G3' });
    expect(ind.yearTargets?.map((t) => [t.fiscalYear, t.value.text])).toEqual([[2022, '300人'], [2023, '350人']]);
    const period = aggregate(res.data).plans[0].indicators[0].period;
    expect(period).toMatchObject({ grade: 'A', actualText: '360人（R5）' });
  });
});

describe('a number column that groups several 事業 (施策番号 over 事業 rows)', () => {
  test('each named row is a plan with a branch number; the number is kept as the 個別施策', () => {
    const g: Grid = {
      name: '事業一覧',
      values: [
        ['施策番号', '事業名', '担当課', '指標', '目標値', 'R6実績'],
        ['1-1', '電子申請の推進', '情報政策課', '申請件数', '100件', '90件'],
        ['1-1', 'コンビニ交付', '市民課', '交付件数', '500件', '450件'],
        ['1-2', 'キャッシュレス決済', '会計課', '対応窓口数', '10箇所', '9箇所'],
        ['1-2', '電子入札', '財政課', '電子入札の割合', '80%', '86%'],
        ['2-1', 'オープンデータ', '情報政策課', '公開件数', '40件', '30件'],
        ['2-1', 'AI-OCR', '情報政策課', '処理件数', '1,000件', '1,200件'],
        ['2-2', 'テレワーク', '人事課', '利用職員数', '50人', '11人'],
      ],
    };
    const res = readProgress({ 事業一覧: g }, { today: TODAY });
    expect(res.data.plans.map((p) => [p.id, p.measureCode, p.name])).toEqual([
      ['1-1-1', '1-1', '電子申請の推進'], ['1-1-2', '1-1', 'コンビニ交付'], ['1-2-1', '1-2', 'キャッシュレス決済'], ['1-2-2', '1-2', '電子入札'],
      ['2-1-1', '2-1', 'オープンデータ'], ['2-1-2', '2-1', 'AI-OCR'], ['2-2', '', 'テレワーク'],
    ]);
    expect(res.issues.filter((i) => i.severity === 'エラー')).toEqual([]);
    expect(res.layout.notes.some((n) => n.includes('事業ごとに枝番を付けたID（例: 1-1-1）'))).toBe(true);
  });
});

describe('columns of words about a plan (issue 12)', () => {
  test('each column is read per plan: rows of the plan joined, line breaks kept, deferrals and dashes dropped', () => {
    const g: Grid = { name: '進捗表', values: [
      ['No.', '事業名', '担当課', '主担当', '指標', '目標値', 'R6実績', '取組実績', '課題', '今後の方向性'],
      ['1', '電子申請の拡大', 'DX推進課', '○', '手続数', '100件', '80件', '子育ての手続を追加した。\n  申請の4割がスマートフォンから。', '—', '対象を広げる。'],
      ['1', '', '市民課', '', '主担当課に準ずる', '主担当課に準ずる', '主担当課に準ずる', '窓口で案内した。', '主担当課に準ずる', '同上'],
      ['', '', '', '', '来庁者数', '10人', '8人', '子育ての手続を追加した。\n申請の4割がスマートフォンから。', '', ''],
      ['2', 'オープンデータ', '情報政策課', '○', '件数', '50件', '40件', '', '', ''],
    ] };
    const res = readProgress({ 進捗表: g }, { today: new Date(2025, 5, 1) });
    const [p1, p2] = res.data.plans;
    expect(p1.texts).toEqual([
      { field: 'achievements', header: '取組実績', text: '子育ての手続を追加した。\n申請の4割がスマートフォンから。\n窓口で案内した。' },
      { field: 'outlook', header: '今後の方向性', text: '対象を広げる。' },
    ]);
    expect(p2.texts).toBeUndefined();
  });
});
