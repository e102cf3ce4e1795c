// Every command against the edges of real sheets (issue 9, item 4; issue 11, finding 6): a sheet
// trimmed to its content, a log sheet full to its 1,000th row, and a person's dropdown that
// rejects the value on the very cell the add-on would write. Sheets grow before the first write;
// a refused command writes nothing at all (the whole workbook is compared), and says why in
// Japanese, naming the sheet and the cell.
import { MEMBER_OWNED_COLUMNS, OWNED_COLUMNS, SHEETS, UNIFIED_COLUMNS } from '../../src/core/schema';
import type { MergeRequestInput } from '../../src/addon/api';
import type { LocalDocumentApp } from '../../src/local/gas/document';
import { records, rejectingDropdown, sampleSession, snapshot, trimSheet, workbookState } from './helpers';

type Session = ReturnType<typeof sampleSession>;

const MERGE: MergeRequestInput = {
  memberIds: ['5-4', '9-3'], name: 'ホームページの充実（統合）', goalCode: '9',
  goalReason: '市全体の情報発信として電子行政の目標で管理する', mainDept: '秘書広報課', relatedDepts: [],
};

const LOG_HEADER = ['日時', '実行者', '処理', 'プラン数', '成果指標数', 'エラー', '警告', '所要時間(秒)'];

/** A log sheet whose content reaches row 1,000, the last row of a new sheet. */
function fullLog(header: readonly string[], first: (i: number) => (string | number)[]): (string | number)[][] {
  return [[...header], ...Array.from({ length: 999 }, (_, i) => first(i))];
}

function width(s: Session, sheet: string): number {
  return s.runtime.spreadsheet.getSheetByName(sheet)!.getLastColumn();
}

function lastAlert(s: Session): string {
  return String(s.runtime.ui.alerts.at(-1)?.prompt ?? '');
}

/** A person's edit on the progress sheet: the cell of `header` on the first row of plan `id`. */
function editProgress(s: Session, id: string, header: string, value: string): void {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const values = sheet.getDataRange().getValues();
  const row = values.findIndex((r) => r[0] === id) + 1;
  sheet.getRange(row, values[0].indexOf(header) + 1).setValue(value);
}

function docs(s: Session): LocalDocumentApp {
  return s.runtime.globals.DocumentApp as unknown as LocalDocumentApp;
}

describe('入力チェック', () => {
  test('on a progress sheet trimmed to its columns, the sheet grows and the column is written', () => {
    const s = sampleSession();
    trimSheet(s, SHEETS.progress);
    const w = width(s, SHEETS.progress);
    s.run('menuCheck');
    expect(s.runtime.ui.alerts).toHaveLength(0);
    expect(snapshot(s, SHEETS.progress).values[0][w]).toBe(OWNED_COLUMNS.check);
    expect(records(s, SHEETS.checks).length).toBeGreaterThan(0);
  });

  test('with 実行ログ full to row 1,000, the log grows and gets its row', () => {
    const s = sampleSession((g) => { g[SHEETS.runLog] = fullLog(LOG_HEADER, (i) => ['2024-01-01 00:00', 'x@example.jp', `処理${i}`]); });
    s.run('menuCheck');
    expect(s.runtime.ui.alerts).toHaveLength(0);
    const log = records(s, SHEETS.runLog);
    expect(log).toHaveLength(1000);
    expect(log[999]['処理']).toBe('入力チェック');
  });

  test('a person\'s dropdown on the 入力チェック column: refused in Japanese, nothing written (finding 6)', () => {
    const s = sampleSession();
    const w = width(s, SHEETS.progress);
    rejectingDropdown(s, SHEETS.progress, 2, w + 1, 100, 1);
    const before = workbookState(s);
    s.run('menuCheck');
    expect(lastAlert(s)).toMatch(/「プラン・指標」シートのセル [A-Z]+\d+ に入力規則（無効なデータを拒否）があるため/);
    expect(lastAlert(s)).not.toMatch(/[a-z]{4,}/);
    expect(workbookState(s)).toBe(before);
  });
});

describe('集計', () => {
  test('over a previous 集計結果 trimmed to its header, the sheet grows', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const header = snapshot(s, SHEETS.results).values[0];
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.results)!;
    sheet.getRange(2, 1, sheet.getLastRow() - 1, header.length).clearContent();
    trimSheet(s, SHEETS.results);
    expect(sheet.getMaxRows()).toBe(2);
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts).toHaveLength(0);
    expect(records(s, SHEETS.results)).toHaveLength(58);
  });

  test('with 実行ログ and 変更履歴 full to row 1,000, both grow', () => {
    const s = sampleSession((g) => {
      g[SHEETS.runLog] = fullLog(LOG_HEADER, (i) => ['2024-01-01 00:00', 'x@example.jp', `処理${i}`]);
      g[SHEETS.changes] = fullLog(['記録日時', 'プランID', '成果指標', '項目', '変更前', '変更後', '理由（事務局記入）'], (i) => ['2024-01-01 00:00', `P${i}`]);
    });
    s.run('menuAggregate');
    // A changed target is recorded on the next run.
    const progress = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const values = progress.getDataRange().getValues();
    const row = values.findIndex((r) => r[0] === '1-1') + 1;
    progress.getRange(row, values[0].indexOf('目標値') + 1).setValue('9,999件');
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts).toHaveLength(0);
    expect(records(s, SHEETS.runLog)).toHaveLength(1001);
    const changes = records(s, SHEETS.changes);
    expect(changes.length).toBeGreaterThan(999);
    expect(changes[999]['プランID']).toBe('1-1');
  });

  test('a person\'s dropdown on a cell of 集計結果 the add-on rewrites: refused, nothing written', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    rejectingDropdown(s, SHEETS.results, 2, 3);
    // The plan of row 2 is renamed, so the next 集計 rewrites C2 (its プラン名).
    editProgress(s, '1-1', 'プラン名', '子育て支援アプリの利活用推進');
    const before = workbookState(s);
    s.run('menuAggregate');
    expect(lastAlert(s)).toMatch(/「集計結果」シートのセル C2 に入力規則/);
    expect(workbookState(s)).toBe(before);
  });

  test('a person\'s dropdown on a cell that already holds its value: the cell is not written, so 集計 runs and keeps it', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    rejectingDropdown(s, SHEETS.results, 2, 3);
    const name = snapshot(s, SHEETS.results).values[1][2];
    editProgress(s, '1-1', '令和4年度実績', '1,200件');
    s.run('menuAggregate');
    expect(lastAlert(s)).toBe('');
    const row = records(s, SHEETS.results).find((r) => r['プランID'] === '1-1');
    expect(String(row?.['実績値(期間)'])).toContain('1,200');
    expect(snapshot(s, SHEETS.results).values[1][2]).toBe(name);
  });
});

describe('統合 and 統合解除', () => {
  test('on a progress sheet trimmed to its columns, the 統合先 column is added', () => {
    const s = sampleSession();
    trimSheet(s, SHEETS.progress);
    const w = width(s, SHEETS.progress);
    s.run('applyMerge', MERGE);
    expect(snapshot(s, SHEETS.progress).values[0][w]).toBe(OWNED_COLUMNS.mergedInto);
  });

  test('with 統合プラン and 実行ログ full to row 1,000, both grow', () => {
    const s = sampleSession((g) => {
      g[SHEETS.runLog] = fullLog(LOG_HEADER, (i) => ['2024-01-01 00:00', 'x@example.jp', `処理${i}`]);
      g[SHEETS.unified] = fullLog(UNIFIED_COLUMNS, (i) => [`U-${String(i + 1).padStart(3, '0')}`, `過去の統合${i}`, '', '1', '', '', '秘書広報課', '', '1-1、1-2', '解除済']);
    });
    const outcome = s.run('applyMerge', MERGE).result as { unifiedId: string };
    expect(outcome.unifiedId).toBe('U-1000');
    const unified = records(s, SHEETS.unified);
    expect(unified).toHaveLength(1000);
    expect(unified[999]['統合プランID']).toBe('U-1000');
    expect(records(s, SHEETS.runLog)).toHaveLength(1000);
    s.run('unmerge', 'U-1000');
    expect(records(s, SHEETS.unified)[999]['状態']).toBe('解除済');
    expect(records(s, SHEETS.runLog)).toHaveLength(1001);
  });

  test('a person\'s dropdown where 統合先 goes: refused, nothing written', () => {
    const s = sampleSession();
    const w = width(s, SHEETS.progress);
    rejectingDropdown(s, SHEETS.progress, 2, w + 1, 100, 1);
    const before = workbookState(s);
    expect(() => s.run('applyMerge', MERGE)).toThrow(/「プラン・指標」シートのセル [A-Z]+\d+ に入力規則/);
    expect(workbookState(s)).toBe(before);
  });

  test('a person\'s dropdown on the 状態 cell 統合解除 rewrites: refused, nothing written', () => {
    const s = sampleSession();
    s.run('applyMerge', MERGE);
    rejectingDropdown(s, SHEETS.unified, 2, UNIFIED_COLUMNS.indexOf('状態') + 1);
    const before = workbookState(s);
    expect(() => s.run('unmerge', 'U-001')).toThrow(/「統合プラン」シートのセル J2 に入力規則/);
    expect(workbookState(s)).toBe(before);
  });
});

describe('報告書作成', () => {
  test('on a 委員名簿 trimmed to its columns, the 共有結果 column is added', () => {
    const s = sampleSession();
    trimSheet(s, SHEETS.members);
    const w = width(s, SHEETS.members);
    s.run('createReport');
    expect(snapshot(s, SHEETS.members).values[0][w]).toBe(MEMBER_OWNED_COLUMNS.shareResult);
  });

  test('with 報告書履歴 full to row 1,000, it grows and gets its row', () => {
    const s = sampleSession((g) => {
      g[SHEETS.reports] = fullLog(['作成日時', '作成者', '報告書名', '対象期間', 'URL', 'ファイルID', '保存先', '共有した委員', '共有できなかった委員', '備考'], (i) => ['2024-01-01 00:00', 'x@example.jp', `報告書${i}`]);
    });
    const summary = s.run('createReport').result as { url: string };
    const history = records(s, SHEETS.reports);
    expect(history).toHaveLength(1000);
    expect(history[999]['URL']).toBe(summary.url);
  });

  test('a person\'s dropdown where 共有結果 goes: refused before any Doc exists, nothing written', () => {
    const s = sampleSession();
    const w = width(s, SHEETS.members);
    rejectingDropdown(s, SHEETS.members, 2, w + 1, 20, 1);
    const before = workbookState(s);
    expect(() => s.run('createReport')).toThrow(/「委員名簿」シートのセル [A-Z]+2 に入力規則/);
    expect(workbookState(s)).toBe(before);
    expect(docs(s).localDocumentIds()).toHaveLength(0);
  });
});

describe('テンプレートを作成', () => {
  test('on a 設定 full to row 1,000, the missing items are appended below', () => {
    const s = sampleSession((g) => {
      const [head, ...rows] = g[SHEETS.settings];
      g[SHEETS.settings] = [head, ...rows.slice(0, 3), ...Array.from({ length: 996 }, (_, i) => [`メモ${i}`, ''])];
    });
    s.run('menuTemplate');
    expect(s.runtime.ui.alerts).toHaveLength(0);
    const settings = snapshot(s, SHEETS.settings).values;
    expect(settings.length).toBeGreaterThan(1000);
    expect(settings.slice(1000).map((r) => r[0])).toContain('評価時点');
  });

  test('a person\'s dropdown where the missing items go: refused, nothing written', () => {
    const s = sampleSession((g) => {
      g[SHEETS.settings] = g[SHEETS.settings].slice(0, 3);
      delete g[SHEETS.recommendations];
    });
    rejectingDropdown(s, SHEETS.settings, 4, 1, 20, 1);
    const before = workbookState(s);
    s.run('menuTemplate');
    expect(lastAlert(s)).toMatch(/「設定」シートのセル A4 に入力規則/);
    expect(workbookState(s)).toBe(before);
  });
});

describe('onEdit', () => {
  function edit(s: Session, value: string): void {
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const values = sheet.getDataRange().getValues();
    const r = values.findIndex((row) => row[0] === '1-1') + 1;
    const range = sheet.getRange(r, values[0].indexOf('令和4年度実績') + 1);
    range.setValue(value);
    s.run('onEdit', { range, source: s.runtime.spreadsheet, value });
  }

  test('on a progress sheet trimmed to its columns, the sheet grows for the status', () => {
    const s = sampleSession();
    trimSheet(s, SHEETS.progress);
    const w = width(s, SHEETS.progress);
    edit(s, '約千件');
    const values = snapshot(s, SHEETS.progress).values;
    expect(values[0][w]).toBe(OWNED_COLUMNS.check);
    expect(values.some((r) => /約千件/.test(String(r[w])))).toBe(true);
  });

  test('a person\'s dropdown where the status goes: nothing written', () => {
    const s = sampleSession();
    const w = width(s, SHEETS.progress);
    rejectingDropdown(s, SHEETS.progress, 1, w + 1, 100, 1);
    edit(s, '約千件');
    const before = workbookState(s);
    edit(s, '約千件');
    expect(workbookState(s)).toBe(before);
    expect(snapshot(s, SHEETS.progress).values[0].length).toBe(w);
  });
});

describe('reads never turn a failure into empty data (issue 9, item 5)', () => {
  test('a failing read of 集計結果 stops 集計 in Japanese; nothing written, overrides kept', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.results)!;
    sheet.getRange(2, snapshot(s, SHEETS.results).values[0].indexOf('上書き評価') + 1).setValue('A');
    (sheet as unknown as { getDataRange: () => never }).getDataRange = () => {
      throw new Error('Service Spreadsheets failed while accessing document.');
    };
    const before = workbookState(s);
    s.run('menuAggregate');
    expect(lastAlert(s)).toMatch(/^「集計結果」シートを読み込めなかったため、処理を中止しました（何も書き換えていません）。/);
    expect(workbookState(s)).toBe(before);
  });

  test.each([
    ['menuCheck', SHEETS.members],
    ['menuCheck', SHEETS.progress],
    ['menuAggregate', SHEETS.settings],
  ])('%s with a failing read of %s: a Japanese alert naming the sheet, nothing written', (command, name) => {
    const s = sampleSession();
    const target = s.runtime.spreadsheet.getSheetByName(name)!;
    (target as unknown as { getDataRange: () => never }).getDataRange = () => {
      throw new Error('Exception: Service Spreadsheets timed out while accessing document.');
    };
    const before = workbookState(s);
    s.run(command);
    expect(lastAlert(s)).toMatch(new RegExp(`^「${name}」シートを読み込めなかったため、処理を中止しました（何も書き換えていません）。`));
    expect(workbookState(s)).toBe(before);
  });

  test('an empty sheet under an output name reads as empty and is filled', () => {
    const s = sampleSession((g) => { g[SHEETS.results] = []; });
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts).toHaveLength(0);
    expect(records(s, SHEETS.results)).toHaveLength(58);
  });
});

describe('a protection the person running the command may not edit: refused before the first write', () => {
  const DEPT = 'bousai@city.example.lg.jp';

  function protect(s: Session, name: string, row: number, col: number, rows: number, cols: number): void {
    const p = s.runtime.spreadsheet.getSheetByName(name)!.getRange(row, col, rows, cols).protect();
    for (const e of p.getEditors()) if (e.getEmail() !== 'jimukyoku@example.jp') p.removeEditor(e.getEmail());
  }

  test('入力チェック run by a department on a sheet whose 入力チェック column the 事務局 protected', () => {
    const s = sampleSession();
    s.run('menuCheck');
    const header = snapshot(s, SHEETS.progress).values[0];
    protect(s, SHEETS.progress, 1, header.indexOf(OWNED_COLUMNS.check) + 1, 200, 1);
    // Row 2's status changes (its target is cleared), so 入力チェック must write there.
    editProgress(s, '1-1', '目標値', '');
    const before = workbookState(s);
    s.asUser(DEPT, () => s.run('menuCheck'));
    expect(lastAlert(s)).toMatch(/「プラン・指標」シートの [A-Z]+2 を含む範囲が保護されていて、実行したアカウントでは編集できない/);
    expect(workbookState(s)).toBe(before);
    // The 事務局 may.
    s.run('menuCheck');
    expect(s.runtime.ui.alerts).toHaveLength(1);
  });

  test('集計 by a department whose change lands outside a protected graded column, but whose row is repainted there: refused, nothing written', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const header = snapshot(s, SHEETS.results).values[0];
    protect(s, SHEETS.results, 1, header.indexOf('採用評価') + 1, 200, 1);
    // Only プラン名 (column C) of the plan's rows changes; the graded columns of those rows are painted again.
    editProgress(s, '1-1', 'プラン名', '子育て支援アプリの利活用推進');
    const before = workbookState(s);
    s.asUser(DEPT, () => s.run('menuAggregate'));
    expect(lastAlert(s)).toMatch(/「集計結果」シートの [A-Z]+2 を含む範囲が保護されていて/);
    expect(workbookState(s)).toBe(before);
  });

  test('集計 run by a department when 集計結果 is protected: nothing written', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    s.runtime.spreadsheet.getSheetByName(SHEETS.results)!.protect();
    // An actual changes, so 集計 must rewrite a row of 集計結果.
    editProgress(s, '1-1', '令和4年度実績', '1,200件');
    const before = workbookState(s);
    s.asUser(DEPT, () => s.run('menuAggregate'));
    expect(lastAlert(s)).toMatch(/「集計結果」シート全体が保護されていて/);
    expect(workbookState(s)).toBe(before);
  });
});
