import type { CellValue, Grid, Issue } from '../../src/core/model';
import { readMembers } from '../../src/core/reader';
import { SHEETS, SETTINGS_COLUMNS, SETTING_KEYS } from '../../src/core/schema';
import { readProgress } from '../../src/core/reader';
import { templateSpec } from '../../src/core/template';
import {
  IssueSchema, MemberRowSchema, ProgressRowSchema, DepartmentRowSchema, parseRoleLabel, parseShareLabel, UNKNOWN_ROLE, zodRowIssues,
} from '../../src/core/validate';

const TODAY = new Date(2025, 5, 1);
const HEADERS = templateSpec([2025])[0].columns.map((c) => c.header);
// A..O template columns, P 令和7年度中間, Q 令和7年度実績, R 状態, S コメント, T 入力チェック, U 統合先
const col = (h: string) => HEADERS.indexOf(h);

function rowOf(cells: Record<string, CellValue>): CellValue[] {
  const r: CellValue[] = HEADERS.map(() => '');
  for (const [h, v] of Object.entries(cells)) {
    const c = col(h);
    if (c < 0) throw new Error(h);
    r[c] = v;
  }
  return r;
}

function check(rows: Record<string, CellValue>[], extra: Record<string, Grid> = {}, evaluation = 'R7'): Issue[] {
  const progress: Grid = { name: SHEETS.progress, values: [HEADERS, ...rows.map(rowOf)] };
  const settings: Grid = { name: SHEETS.settings, values: [[...SETTINGS_COLUMNS], [SETTING_KEYS.evaluationYear, evaluation]] };
  return readProgress({ [SHEETS.progress]: progress, [SHEETS.settings]: settings, ...extra }, { today: TODAY }).issues;
}

const base = {
  プランID: '2-8', 基本目標: '2', プラン名: '図書のWeb貸出予約等の推進', 主担当課: '中央図書館', 成果指標: 'Webによる貸出予約数',
  基準値: '3,955件/年', 目標値: '5,300件/年', 令和7年度実績: '7,995件',
};

describe('validation rules', () => {
  test('a clean row has no issue', () => {
    expect(check([base])).toEqual([]);
  });

  test('an approximate number: sheet, cell and what to type', () => {
    const issues = check([{ ...base, 令和7年度実績: '約30件' }]);
    expect(issues).toEqual([{
      severity: 'エラー', sheet: 'プラン・指標', cell: 'Q2', row: 2, col: 17, planId: '2-8',
      message: '「プラン・指標」シートのQ2（令和7年度実績）「約30件」は概数の言葉（約・程度など）を含むため数値として読めません。数字と単位だけ（例: 30件）を入力し、補足は「コメント」列に書いてください。',
    }]);
  });

  test('not a number where the unit is numeric; a comment typed in a number column', () => {
    const [a] = check([{ ...base, 令和7年度実績: '三十件' }]);
    expect(a.message).toContain('「三十件」は');
    expect(a.severity).toBe('エラー');
    const [b] = check([{ ...base, 令和7年度実績: 'システム改修のため年度途中から集計しています。' }]);
    expect(b.message).toContain('は文章です。説明は「コメント」列に書き');
    const [c] = check([{ ...base, 令和7年度実績: '○' }]);
    expect(c.message).toContain('目標値が数値（5,300件/年）です');
  });

  test('target missing, and target as text', () => {
    const [a] = check([{ ...base, 目標値: '' }]);
    expect(a).toEqual(expect.objectContaining({ severity: 'エラー', cell: 'N2' }));
    expect(a.message).toContain('目標値が空欄です');
    expect(a.message).toContain('（例: 100件/年）');
    const [b] = check([{ ...base, 目標値: '検討中' }]);
    expect(b).toEqual(expect.objectContaining({ severity: '警告', cell: 'N2' }));
    expect(check([{ ...base, 目標値: '', 状態: '中止' }])).toEqual([]);
  });

  test('unit mismatch between baseline, target and actuals', () => {
    const issues = check([{ ...base, 基準値: '30%', 令和7年度実績: '7,995人' }]);
    expect(issues.map((i) => [i.severity, i.cell])).toEqual([['警告', 'L2'], ['エラー', 'Q2']]);
    expect(issues[1].message).toContain('単位（人）が目標値の単位（件/年）と違います');
    const typed = check([{ ...base, 単位: '%' }]);
    expect(typed.map((i) => i.cell)).toEqual(['L2', 'N2', 'Q2']);
    expect(typed[1].message).toContain('目標値「5,300件/年」は単位（件/年）が単位の列の単位（%）と違います');
  });

  test('unknown 担当課 only when the 担当課 sheet has rows', () => {
    const depts = { [SHEETS.departments]: { name: SHEETS.departments, values: [['担当課'], ['中央図書館'], ['情報政策課']] } };
    expect(check([base], depts)).toEqual([]);
    const issues = check([{ ...base, 主担当課: '情報政策', 関係課: '中央図書館、博物館' }], depts);
    expect(issues.map((i) => [i.severity, i.cell])).toEqual([['警告', 'F2'], ['警告', 'G2']]);
    expect(issues[0].message).toContain('「情報政策課」のことなら');
    expect(issues[1].message).toContain('「博物館」は「担当課」シートにありません');
    expect(check([{ ...base, 主担当課: 'どこか' }])).toEqual([]);
  });

  test('duplicate plan ID', () => {
    const issues = check([base, { ...base, プラン名: '別の事業' }, { ...base, プランID: '2-9' }, { ...base }]);
    // Row 3 names another plan under 2-8 (a second plan, not a row of the first: issue 11.3);
    // row 5 repeats 2-8 after 2-9.
    expect(issues.map((i) => [i.severity, i.cell])).toEqual([['エラー', 'A3'], ['エラー', 'A5']]);
    expect(issues[0].message).toContain('プランID「2-8」は2行目と重複しています');
    expect(issues[1].message).toContain('プランID「2-8」は2行目と重複しています');
  });

  test('goal and measure codes must be on 施策体系 when it has rows', () => {
    const h = { [SHEETS.hierarchy]: { name: SHEETS.hierarchy, values: [['区分', 'コード', '名称'], ['基本目標', '2', '学び'], ['個別施策', '2-1', '図書']] } };
    expect(check([{ ...base, 個別施策: '2-1' }], h)).toEqual([]);
    const issues = check([{ ...base, 基本目標: '3', 個別施策: '2-2' }], h);
    expect(issues.map((i) => i.cell)).toEqual(['C2', 'D2']);
    expect(issues[1].message).toContain('個別施策「2-2」は「施策体系」シートにありません。施策体系にあるコード（例: 2-1）');
    expect(check([{ ...base, 基本目標: '3' }])).toEqual([]);
  });

  test('direction, 中間の見方 and 状態 typed but unknown', () => {
    const issues = check([{ ...base, 方向: '多め', 中間の見方: '?', 状態: '様子見' }]);
    // 状態 follows the year columns and the columns of words (U with one year).
    const status = `${String.fromCharCode(65 + HEADERS.indexOf('状態'))}2`;
    expect(status).toBe('U2');
    expect(issues.map((i) => [i.severity, i.cell])).toEqual([['エラー', 'J2'], ['警告', 'K2'], ['警告', status]]);
    expect(issues[0].message).toContain('「高いほど良い」');
  });

  test('implausible values: a rate over 100%, a tenfold jump', () => {
    const rate = check([{ ...base, 成果指標: '電子申請の利用率', 基準値: '90%', 目標値: '95%', 令和7年度実績: '865%' }]);
    expect(rate.map((i) => [i.severity, i.cell])).toEqual([['警告', 'Q2']]);
    expect(rate[0].message).toContain('100%を超えています');
    expect(check([{ ...base, 成果指標: '費用対効果', 基準値: '', 目標値: '110%', 令和7年度実績: '120%' }])).toEqual([]);
    const jump = check([{ ...base, 令和7年度中間: '5,000件', 令和7年度実績: '79,950件' }]);
    expect(jump.map((i) => i.cell)).toEqual(['Q2']);
    expect(jump[0].message).toContain('10倍以上');
  });

  test('a plan row without ID, and rows that belong to no plan', () => {
    const issues = check([{ ...base, プランID: '' }]);
    expect(issues.map((i) => i.cell)).toEqual(['A2']);
    expect(issues[0].message).toContain('プランIDがありません');
    const orphan = check([{ 成果指標: '迷子の指標', 目標値: '10件' }, base]);
    expect(orphan.map((i) => i.cell)).toEqual(['H2']);
    expect(orphan[0].message).toContain('プランIDもプラン名もありません');
  });

  test('the evaluation period missing', () => {
    const issues = check([{ ...base, 令和7年度実績: '' }]);
    expect(issues.map((i) => [i.severity, i.cell])).toEqual([['警告', 'Q2']]);
    expect(issues[0].message).toContain('令和7年度実績が未入力です');
    expect(check([{ ...base, 令和7年度実績: '取得不可' }])).toEqual([]);
    // Another year: no 未入力 warning on the progress sheet (設定 says R6 has no column: see defects.test.ts).
    expect(check([{ ...base, 令和7年度実績: '' }], {}, 'R6').filter((i) => i.sheet === SHEETS.progress)).toEqual([]);
  });
});

describe('row schemas (zod)', () => {
  test('progress rows', () => {
    const ok = ProgressRowSchema.safeParse({ row: 2 });
    expect(ok.success).toBe(true);
    if (ok.success) expect(ok.data.direction).toBe('');
    const bad = ProgressRowSchema.safeParse({ row: 3, id: '2-8\n2-9', direction: '右肩上がり', idIsDate: true });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const issues = zodRowIssues(bad.error, 'プラン・指標', 3, { id: '2-8\n2-9', direction: '右肩上がり' }, (k) => (k === 'direction' ? 9 : 0), { id: 'プランID', direction: '方向', idIsDate: 'プランID' });
      expect(issues.map((i) => i.cell).sort()).toEqual(['A3', 'A3', 'J3']);
      expect(issues.find((i) => i.cell === 'J3')?.message).toMatch(/^「プラン・指標」シートのJ3の方向「右肩上がり」が分かりません/);
    }
    expect(ProgressRowSchema.safeParse({ row: 0 }).success).toBe(false);
  });

  test('members and departments', () => {
    expect(MemberRowSchema.safeParse({ name: '山田', title: '', email: 'yamada@example.jp', share: true, role: 'reader' }).success).toBe(true);
    expect(MemberRowSchema.safeParse({ name: '山田', title: '', email: 'yamada', share: true, role: 'reader' }).success).toBe(false);
    expect(DepartmentRowSchema.safeParse({ name: '情報政策課', division: '', email: '' }).success).toBe(true);
    expect(parseRoleLabel('閲覧者')).toBe('reader');
    expect(parseRoleLabel('')).toBe('commenter');
    expect(parseRoleLabel('管理者')).toBeNull();
    expect(parseShareLabel('要')).toBe(true);
    expect(parseShareLabel('')).toBe(false);
    expect(parseShareLabel('たぶん')).toBeNull();
  });

  test('権限 is read from the whole cell: a negated word never grants that right (finding 1)', () => {
    // Substring matching read 「編集不可」 as editor and 「コメント不可」 as commenter.
    for (const t of ['編集不可', 'コメント不可', '編集できない', '編集権限なし', '編集×', '閲覧不可', '閲覧・編集', '編集（一時的）', '管理者']) {
      expect([t, parseRoleLabel(t)]).toEqual([t, null]);
    }
    expect(UNKNOWN_ROLE).toBe('reader');
    for (const [t, role] of [
      ['閲覧者', 'reader'], ['閲覧のみ', 'reader'], [' 閲覧 ', 'reader'], ['Viewer', 'reader'],
      ['コメント可', 'commenter'], ['コメント', 'commenter'], ['ｺﾒﾝﾄ可', 'commenter'], ['', 'commenter'],
      ['編集者', 'writer'], ['編集可', 'writer'], ['Editor', 'writer'],
    ] as const) expect([t, parseRoleLabel(t)]).toEqual([t, role]);
  });

  test('委員名簿: 「編集不可」 and 「コメント不可」 share as 閲覧者, with a message naming the cell (finding 1)', () => {
    const { items, issues } = readMembers({ name: '委員名簿', values: [
      ['氏名', '役職', 'メール', '共有の要否', '権限'],
      ['山田', '委員', 'yamada@example.jp', '要', '編集不可'],
      ['佐藤', '委員', 'sato@example.jp', '要', 'コメント不可'],
      ['鈴木', '委員', 'suzuki@example.jp', '要', '編集者'],
    ] });
    expect(items.map((m) => m.role)).toEqual(['reader', 'reader', 'writer']);
    expect(issues.map((i) => [i.cell, i.message])).toEqual([
      ['E2', expect.stringMatching(/^「委員名簿」シートのE2の権限「編集不可」が分かりません。.*「閲覧者」として扱います/)],
      ['E3', expect.stringMatching(/E3の権限「コメント不可」が分かりません/)],
    ]);
  });

  test('issues handed to the sidebar', () => {
    const [issue] = check([{ ...base, 目標値: '' }]);
    expect(IssueSchema.parse(issue)).toEqual(issue);
    expect(IssueSchema.safeParse({ ...issue, severity: 'info' }).success).toBe(false);
  });
});
