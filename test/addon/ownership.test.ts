// Names the add-on treats as its own, and writes by identity (issue 11, findings 7 and 9).
// The add-on's sheets and columns carry its note on the header; a person's sheet or column under
// the same name is refused, never overwritten. A sheet edited while a command runs (between its
// read and its write) is read again: nothing stale lands on a moved row, no override is lost.
import { OWNED_COLUMNS, SHEETS } from '../../src/core/schema';
import type { MergeRequestInput } from '../../src/addon/api';
import { records, sampleSession, snapshot, workbookState } from './helpers';

type Session = ReturnType<typeof sampleSession>;

const MERGE: MergeRequestInput = {
  memberIds: ['5-4', '9-3'], name: 'ホームページの充実（統合）', goalCode: '9',
  goalReason: '市全体の情報発信として電子行政の目標で管理する', mainDept: '秘書広報課', relatedDepts: [],
};

function lastAlert(s: Session): string {
  return String(s.runtime.ui.alerts.at(-1)?.prompt ?? '');
}

function sheet(s: Session, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  return s.runtime.spreadsheet.getSheetByName(name)!;
}

/**
 * Runs `edit` right after the command has read `name` (after its `method` call, the last of the
 * read), `times` times: a person editing while the command runs.
 */
function editAfterRead(s: Session, name: string, method: 'getValues' | 'getDisplayValues', edit: () => void, times = 1): void {
  const target = sheet(s, name) as unknown as { getDataRange: () => Record<string, () => unknown> };
  const original = target.getDataRange.bind(target);
  let left = times;
  target.getDataRange = () => {
    const range = original();
    const read = range[method].bind(range);
    range[method] = () => {
      const out = read();
      if (left > 0) {
        left--;
        edit();
      }
      return out;
    };
    return range;
  };
}

function rowOf(s: Session, name: string, id: string): number {
  return snapshot(s, name).values.findIndex((r) => r[0] === id) + 1;
}

describe('a person\'s sheet or column under a name the add-on uses (finding 7)', () => {
  test('a person\'s sheet named 検証結果 is refused, never overwritten', () => {
    const s = sampleSession((g) => { g[SHEETS.checks] = [['日付', '確認した人', 'メモ'], ['4/1', '佐藤', '全体を確認']]; });
    const before = workbookState(s);
    s.run('menuCheck');
    expect(lastAlert(s)).toMatch(/「検証結果」という名前のシートがありますが、アドオンが作ったシートではありません/);
    expect(workbookState(s)).toBe(before);
  });

  test('a person\'s sheet named 集計結果 is refused, never overwritten', () => {
    const s = sampleSession((g) => { g[SHEETS.results] = [['項目', '内容'], ['会議', '第1回']]; });
    const before = workbookState(s);
    s.run('menuAggregate');
    expect(lastAlert(s)).toMatch(/「集計結果」/);
    expect(workbookState(s)).toBe(before);
  });

  test('a person\'s column added to 集計結果 is never blanked: 集計 says which column and stops', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const results = sheet(s, SHEETS.results);
    const col = results.getLastColumn() + 1;
    results.getRange(1, col, 3, 1).setValues([['担当メモ'], ['確認済'], ['要確認']]);
    const before = workbookState(s);
    s.run('menuAggregate');
    expect(lastAlert(s)).toMatch(/「集計結果」シートの [A-Z]+ 列（見出し「担当メモ」）はアドオンの列ではありません/);
    expect(workbookState(s)).toBe(before);
  });

  test('a department\'s own column titled 入力チェック keeps its values: refused', () => {
    const s = sampleSession((g) => {
      const p = g[SHEETS.progress];
      p[0].push(OWNED_COLUMNS.check);
      p[1][p[0].length - 1] = '課内確認済';
    });
    const before = workbookState(s);
    s.run('menuCheck');
    expect(lastAlert(s)).toMatch(/列「入力チェック」は、アドオンが作った列ではありません/);
    expect(workbookState(s)).toBe(before);
    // onEdit leaves it alone too.
    const progress = sheet(s, SHEETS.progress);
    const range = progress.getRange(2, 2);
    s.run('onEdit', { range, source: s.runtime.spreadsheet, value: range.getValue() });
    expect(workbookState(s)).toBe(before);
  });

  test('the add-on\'s own sheets and columns carry its note, and a second run uses them', () => {
    const s = sampleSession();
    s.run('menuCheck');
    s.run('menuAggregate');
    for (const name of [SHEETS.checks, SHEETS.results, SHEETS.goals, SHEETS.runLog]) {
      expect(sheet(s, name).getRange(1, 1).getNote()).toMatch(/進捗管理アドオン/);
    }
    const header = snapshot(s, SHEETS.progress).values[0];
    expect(sheet(s, SHEETS.progress).getRange(1, header.indexOf(OWNED_COLUMNS.check) + 1).getNote()).toMatch(/アドオン/);
    s.run('menuCheck');
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts).toHaveLength(0);
  });

  test('an override typed on a plan\'s second row stays on that row', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const values = snapshot(s, SHEETS.results).values;
    const header = values[0];
    const first = values.findIndex((r, i) => i > 0 && r[0] === values[i + 1]?.[0]);
    expect(first).toBeGreaterThan(0);
    const second = first + 1;
    const results = sheet(s, SHEETS.results);
    results.getRange(second + 1, header.indexOf('上書き評価') + 1, 1, 2).setValues([['B', '事業は順調（所管課に確認）']]);
    s.run('menuAggregate');
    const after = snapshot(s, SHEETS.results).values;
    expect(after[second][header.indexOf('上書き評価')]).toBe('B');
    expect(after[second][header.indexOf('上書きの理由')]).toBe('事業は順調（所管課に確認）');
    expect(after[first][header.indexOf('上書き評価')]).toBe('');
    expect(after[first][header.indexOf('採用評価')]).toBe('B');
  });
});

/** The sample after one 入力チェック, and plan 1-1's 令和4年度実績 cell, which the next tests edit mid-run. */
function checkedSample() {
  const s = sampleSession();
  s.run('menuCheck');
  const progress = sheet(s, SHEETS.progress);
  const header = snapshot(s, SHEETS.progress).values[0];
  const row = rowOf(s, SHEETS.progress, '1-1');
  const cell = progress.getRange(row, header.indexOf('令和4年度実績') + 1);
  return { s, progress, header, row, cell };
}

describe('writes by identity while people edit (finding 9)', () => {
  test('入力チェック does not overwrite a fresher onEdit status with a stale one', () => {
    const { s, progress, header, row, cell } = checkedSample();
    editAfterRead(s, SHEETS.progress, 'getValues', () => {
      cell.setValue('約千件');
      s.bundle.call('onEdit', { range: cell, source: s.runtime.spreadsheet, value: '約千件' });
    });
    s.run('menuCheck');
    expect(String(progress.getRange(row, header.indexOf(OWNED_COLUMNS.check) + 1).getValue())).toMatch(/約千件/);
  });

  test('a row inserted while 入力チェック runs: it starts over and every status lands on its own row', () => {
    const s = sampleSession();
    s.run('menuCheck');
    const progress = sheet(s, SHEETS.progress);
    editAfterRead(s, SHEETS.progress, 'getValues', () => {
      progress.insertRowBefore(3);
      progress.getRange(3, 1, 1, 2).setValues([['0-1', '新しい方針']]);
    });
    const { calls } = s.run('menuCheck');
    const quiet = sampleSession();
    quiet.run('menuCheck');
    expect(calls['Sheet.getDataRange']).toBeGreaterThan(quiet.run('menuCheck').calls['Sheet.getDataRange']);
    const col = snapshot(s, SHEETS.progress).values[0].indexOf(OWNED_COLUMNS.check);
    const statuses = snapshot(s, SHEETS.progress).values.map((r) => r[col]);
    // A run on the sheet as it is now writes nothing new: the statuses were already those of their rows.
    s.run('menuCheck');
    expect(snapshot(s, SHEETS.progress).values.map((r) => r[col])).toEqual(statuses);
  });

  test('a figure typed while 入力チェック runs is kept, and the command does not start over for it', () => {
    const { s, cell } = checkedSample();
    editAfterRead(s, SHEETS.progress, 'getValues', () => cell.setValue('1,111件'));
    const { calls } = s.run('menuCheck');
    expect(cell.getValue()).toBe('1,111件');
    const quiet = sampleSession();
    quiet.run('menuCheck');
    expect(calls['Sheet.getDataRange']).toBe(quiet.run('menuCheck').calls['Sheet.getDataRange']);
  });

  test('a heading typed where the new 入力チェック column would go, while it runs: kept, the column goes right of it', () => {
    const s = sampleSession();
    const progress = sheet(s, SHEETS.progress);
    const width = progress.getLastColumn();
    editAfterRead(s, SHEETS.progress, 'getValues', () => progress.getRange(1, width + 1).setValue('メモ'));
    s.run('menuCheck');
    const header = snapshot(s, SHEETS.progress).values[0];
    expect(header[width]).toBe('メモ');
    expect(header.indexOf(OWNED_COLUMNS.check)).toBe(width + 1);
  });

  test('a row inserted while 統合 runs: 統合先 still lands on the merged plans', () => {
    const s = sampleSession();
    const progress = sheet(s, SHEETS.progress);
    editAfterRead(s, SHEETS.progress, 'getValues', () => {
      progress.insertRowBefore(2);
      progress.getRange(2, 1, 1, 2).setValues([['0-1', '新しい方針']]);
    });
    s.run('applyMerge', MERGE);
    const values = snapshot(s, SHEETS.progress).values;
    const col = values[0].indexOf(OWNED_COLUMNS.mergedInto);
    const marked = values.filter((r) => r[col] === 'U-001').map((r) => r[0]);
    expect(marked.length).toBeGreaterThan(0);
    expect(new Set(marked.filter((id) => id !== ''))).toEqual(new Set(['5-4', '9-3']));
  });

  test('an edit below the merged plans while 統合 runs: they are marked in one go, the rows below not read again', () => {
    const s = sampleSession();
    const progress = sheet(s, SHEETS.progress);
    const last = progress.getLastRow();
    editAfterRead(s, SHEETS.progress, 'getValues', () => {
      progress.getRange(last, 2).setValue('下の行の編集');
    });
    const { calls } = s.run('applyMerge', MERGE);
    const values = snapshot(s, SHEETS.progress).values;
    const col = values[0].indexOf(OWNED_COLUMNS.mergedInto);
    expect(new Set(values.filter((r) => r[col] === 'U-001').map((r) => r[0]).filter((id) => id !== ''))).toEqual(new Set(['5-4', '9-3']));
    expect(values[last - 1][1]).toBe('下の行の編集');
    // No start over: the sheets are read as often as in a run nobody edits.
    const quiet = sampleSession().run('applyMerge', MERGE).calls;
    expect(calls['Sheet.getDataRange']).toBe(quiet['Sheet.getDataRange']);
  });

  test('an override typed while 集計 runs is kept', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const results = sheet(s, SHEETS.results);
    const header = snapshot(s, SHEETS.results).values[0];
    const row = rowOf(s, SHEETS.results, '1-1');
    editAfterRead(s, SHEETS.results, 'getValues', () => {
      results.getRange(row, header.indexOf('上書き評価') + 1, 1, 2).setValues([['C', '委員会の指摘を反映']]);
    });
    s.run('menuAggregate');
    const after = snapshot(s, SHEETS.results).values;
    expect(after[row - 1][header.indexOf('上書き評価')]).toBe('C');
    expect(after[row - 1][header.indexOf('採用評価')]).toBe('C');
  });

  test('a sheet edited again and again while the command runs: refused, nothing written', () => {
    const s = sampleSession();
    const progress = sheet(s, SHEETS.progress);
    let n = 0;
    // The ID column: 入力チェック reads it again before writing (rows that moved change it).
    editAfterRead(s, SHEETS.progress, 'getValues', () => {
      progress.getRange(2, 1).setValue(`9-${n++}`);
    }, 10);
    s.run('menuCheck');
    expect(lastAlert(s)).toMatch(/「プラン・指標」シートが実行中に何度も編集されたため、「入力チェック」を中止しました（何も書き換えていません）/);
    expect(s.runtime.spreadsheet.getSheetByName(SHEETS.checks)).toBeNull();
    expect(snapshot(s, SHEETS.progress).values[0]).not.toContain(OWNED_COLUMNS.check);
    expect(records(s, SHEETS.progress).length).toBeGreaterThan(0);
  });
});
