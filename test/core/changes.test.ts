import { changeRows, detectChanges, readChanges, CHANGE_COLUMNS } from '../../src/core/changes';
import type { CellValue } from '../../src/core/model';

const HEADER = ['プランID', 'プラン名', '成果指標', '単位', '目標値', '実績値(期間)'];

function table(rows: CellValue[][]): CellValue[][] {
  return [HEADER, ...rows];
}

describe('detectChanges', () => {
  const before = table([
    ['7-1', 'ものづくり企業ガイド', 'ものづくり企業ガイドへの登録企業数', '件', '120件（R6）', '103件'],
    ['', '', 'ウェブサイト閲覧数', '件', '1,500,000件（R6）', '2,842,591件'],
    ['9-9', 'ペーパーレス会議', '会議等に係るペーパーレス会議の実施割合', '%', '80%（R6）', '86%'],
  ]);

  test('nothing on the first run (no previous 集計結果)', () => {
    expect(detectChanges(null, before, '2026-11-21 10:00')).toEqual([]);
  });

  test('a changed target and a renamed indicator are recorded per plan and position, actuals are not', () => {
    const after = table([
      ['7-1', 'ものづくり企業ガイド', 'ものづくり企業ガイドへの登録企業数', '件', '130件（R6）', '110件'],
      ['', '', 'ウェブサイト閲覧数', '件', '1,500,000件（R6）', '2,900,000件'],
      ['9-9', 'ペーパーレス会議', '庁内会議全般のペーパーレス実施割合', '%', '80%（R6）', '90%'],
    ]);
    // Continuation rows carry no plan ID in the sheet; 集計結果 repeats it on every row.
    before[2][0] = '7-1';
    after[2][0] = '7-1';
    const changes = detectChanges({ name: '集計結果', values: before }, after, '2026-11-21 10:00');
    expect(changes).toEqual([
      { planId: '7-1', indicator: 'ものづくり企業ガイドへの登録企業数', item: '目標値', before: '120件（R6）', after: '130件（R6）', when: '2026-11-21 10:00', reason: '' },
      { planId: '9-9', indicator: '会議等に係るペーパーレス会議の実施割合', item: '指標', before: '会議等に係るペーパーレス会議の実施割合', after: '庁内会議全般のペーパーレス実施割合', when: '2026-11-21 10:00', reason: '' },
    ]);
  });

  test('rows round-trip through the 変更履歴 sheet, escaped for Sheets', () => {
    const changes = [{ planId: '1-2', indicator: '=危険', item: '目標値', before: '10件', after: '12件', when: '2026-11-21 10:00', reason: '' }];
    const rows = changeRows(changes);
    expect(rows[0][1]).toBe("'1-2");
    expect(rows[0][2]).toBe("'=危険");
    // What Sheets stores for "'1-2" is the text 1-2.
    const stored = rows.map((r) => r.map((v) => v.replace(/^'/, '')));
    expect(readChanges({ name: '変更履歴', values: [[...CHANGE_COLUMNS], ...stored] })).toEqual(changes);
  });
});
