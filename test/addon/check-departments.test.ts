// 入力チェック groups issues by the department that types the row: with one row per department,
// a related department's row is that department's, not the plan's lead's.
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession } from '../../src/local/session';
import { deptGrids } from './dept-fixture';

test('an error on a related department\'s own row is counted for that department', () => {
  const grids = deptGrids();
  // P1 gets a second row typed by 子育て支援課 (same ID, its own indicator), with a bad figure.
  grids['プラン・指標'].splice(3, 0, ['P1', '1-1', '防災情報の配信', '子育て支援課', '親子向け配信数', '回', '0回', '12回', '令和8年度', '', 'たくさん', '実施中', '']);
  const s = openSession(spreadsheetFromGrids('テスト市 進捗管理', grids));
  const summary = s.run('runCheck').result as { departments: { department: string; errors: number }[] };
  const kosodate = summary.departments.find((d) => d.department === '子育て支援課');
  expect(kosodate?.errors).toBeGreaterThanOrEqual(1);
  const rows = s.sheetRecords('検証結果')!.rows.filter((r) => r['セル'] === 'K4');
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r['担当課'] === '子育て支援課')).toBe(true);
});
