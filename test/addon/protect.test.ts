// 担当課ごとに保護 / 保護を解除 through the built bundle: protections exactly match the departments'
// rows, are updated when rows move, departments edit only their rows, and 保護を解除 removes only
// the add-on's protections.
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession, DEFAULT_USER, type AddonSession } from '../../src/local/session';
import { PROTECTED_MESSAGE } from '../../src/local/gas/spreadsheet-model';
import { deptGrids } from './dept-fixture';

function session(): AddonSession {
  return openSession(spreadsheetFromGrids('テスト市 進捗管理', deptGrids()));
}

type P = { description: string; a1: string; editors: string[]; warningOnly: boolean; sheet: string; type: string };

function protections(s: AddonSession): P[] {
  const ss = s.runtime.spreadsheet;
  const app = s.runtime.globals.SpreadsheetApp;
  return [app.ProtectionType.RANGE, app.ProtectionType.SHEET].flatMap((t) => ss.getProtections(t)).map((p) => ({
    description: p.getDescription(),
    a1: p.getRange().getA1Notation(),
    editors: p.getEditors().map((u) => u.getEmail()),
    warningOnly: p.isWarningOnly(),
    sheet: p.getRange().getSheet().getName(),
    type: String(p.getProtectionType()),
  }));
}

describe('担当課ごとに保護 with 事務局メンバー on 設定', () => {
  test('the other 事務局 members may edit what is the 事務局\'s and every department\'s rows', () => {
    const grids = deptGrids();
    grids['設定'].push(['事務局メンバー', 'jimu2@example.jp', '']);
    const s = openSession(spreadsheetFromGrids('テスト市 進捗管理', grids));
    s.run('menuAggregate');
    const r = s.run('protectDepartments').result as { message: string };
    expect(r.message).toContain('事務局メンバー 1 名');
    const ps = protections(s).filter((p) => !p.warningOnly);
    expect(ps.length).toBeGreaterThan(3);
    for (const p of ps) expect([p.description, p.editors]).toEqual([p.description, expect.arrayContaining([DEFAULT_USER, 'jimu2@example.jp'])]);
    const sheet = s.runtime.spreadsheet.getSheetByName('プラン・指標')!;
    s.asUser('jimu2@example.jp', () => sheet.getRange('A1').setNote('見出しの確認'));
    expect(() => s.asUser('kosodate@city.example.lg.jp', () => sheet.getRange('A1').setNote('x'))).toThrow(PROTECTED_MESSAGE);
  });
});

describe('担当課ごとに保護', () => {
  test('one protection per department block of rows, editable by its addresses and the 事務局; header rows 事務局 only; no address → warning-only', () => {
    const s = session();
    const r = s.run('protectDepartments').result as { departments: { department: string; rows: number; warningOnly: boolean }[]; warnings: string[] };
    const ps = protections(s).filter((p) => p.sheet === 'プラン・指標');
    const by = (d: string) => ps.filter((p) => p.description.includes(`担当課 ${d}`));
    expect(by('防災課').map((p) => [p.a1, p.editors])).toEqual([
      ['A2:M3', ['bousai2@city.example.lg.jp', 'bousai@city.example.lg.jp', DEFAULT_USER]],
      ['A7:M7', ['bousai2@city.example.lg.jp', 'bousai@city.example.lg.jp', DEFAULT_USER]],
    ]);
    expect(by('子育て支援課').map((p) => [p.a1, p.editors])).toEqual([['A4:M4', [DEFAULT_USER, 'kosodate@city.example.lg.jp']]]);
    expect(by('税務課').map((p) => [p.a1, p.warningOnly])).toEqual([['A6:M6', true]]);
    expect(by('市民課').map((p) => [p.a1, p.warningOnly])).toEqual([['A8:M8', true]]);
    expect(ps.find((p) => p.description.includes('見出し'))).toMatchObject({ a1: 'A1:M1', editors: [DEFAULT_USER] });
    expect(ps.every((p) => p.description.startsWith('進捗管理アドオン（担当課ごとの保護）:'))).toBe(true);
    expect(r.warnings[0]).toContain('税務課、市民課');
    expect(r.departments.find((d) => d.department === '防災課')).toMatchObject({ rows: 3, warningOnly: false });
  });

  test('a department edits its own rows, not another\'s; the 事務局 edits everything', () => {
    const s = session();
    s.run('protectDepartments');
    const sheet = s.runtime.spreadsheet.getSheetByName('プラン・指標')!;
    s.asUser('bousai@city.example.lg.jp', () => sheet.getRange('K3').setValue('12回'));
    expect(sheet.getRange('K3').getDisplayValue()).toBe('12回');
    expect(() => s.asUser('bousai@city.example.lg.jp', () => sheet.getRange('K4').setValue('999件'))).toThrow(PROTECTED_MESSAGE);
    expect(() => s.asUser('kosodate@city.example.lg.jp', () => sheet.getRange('A1').setValue('ID'))).toThrow(PROTECTED_MESSAGE);
    s.asUser('kosodate@city.example.lg.jp', () => sheet.getRange('K4').setValue('480件'));
    // 税務課 has no address: warning-only, so its rows stay editable.
    s.asUser('zeimu@city.example.lg.jp', () => sheet.getRange('K6').setValue('45%'));
    sheet.getRange('K2').setValue('330人');
    expect(sheet.getRange('K2:K6').getDisplayValues().map((r) => r[0])).toEqual(['330人', '12回', '480件', '80店', '45%']);
  });

  test('the add-on\'s column and output sheets are the 事務局\'s; onEdit by a department does not fail on the protected column', () => {
    const s = session();
    s.run('menuCheck');
    s.run('getDepartmentStatus', '');
    s.run('protectDepartments');
    const ps = protections(s);
    expect(ps.find((p) => p.description.includes('アドオンの列 入力チェック'))).toMatchObject({ a1: 'N2:N8', editors: [DEFAULT_USER] });
    expect(ps.filter((p) => p.type === 'SHEET').map((p) => p.sheet).sort()).toEqual(['実行ログ', '提出状況', '検証結果'].sort());
    const sheet = s.runtime.spreadsheet.getSheetByName('プラン・指標')!;
    expect(() => s.asUser('bousai@city.example.lg.jp', () => sheet.getRange('N2').setValue('消した'))).toThrow(PROTECTED_MESSAGE);
    // The simple trigger runs as the department's staff: the write to 入力チェック is refused, quietly.
    s.asUser('bousai@city.example.lg.jp', () => {
      sheet.getRange('K3').setValue('たくさん');
      s.run('onEdit', { range: sheet.getRange('K3'), source: s.runtime.spreadsheet, value: 'たくさん' });
    });
    expect(() => s.asUser('bousai@city.example.lg.jp', () => s.runtime.spreadsheet.getSheetByName('検証結果')!.getRange('A2').setValue('x'))).toThrow(PROTECTED_MESSAGE);
  });

  test('re-running after rows move replaces exactly the add-on\'s protections to match the new rows', () => {
    const s = session();
    s.run('protectDepartments');
    const sheet = s.runtime.spreadsheet.getSheetByName('プラン・指標')!;
    // Sheets moves protections with inserted rows: 子育て支援課's moves to row 5.
    sheet.insertRowsBefore(4, 1);
    expect(protections(s).find((p) => p.description.includes('担当課 子育て支援課'))!.a1).toBe('A5:M5');
    // A new 防災課 row is typed into the gap; re-running covers it.
    sheet.getRange('A4:K4').setValues([['P7', '1-1', '避難所Wi-Fi', '防災課', '整備箇所', '箇所', '0箇所', '20箇所', '令和8年度', '', '']]);
    const before = s.runtime.spreadsheet.model.protections.length;
    const r = s.run('protectDepartments').result as { replaced: number };
    expect(r.replaced).toBe(before);
    const bousai = protections(s).filter((p) => p.description.includes('担当課 防災課')).map((p) => p.a1);
    expect(bousai).toEqual(['A2:M4', 'A8:M8']);
    expect(protections(s).filter((p) => p.description.includes('担当課 子育て支援課')).map((p) => p.a1)).toEqual(['A5:M5']);
  });

  test('保護を解除 removes exactly the add-on\'s protections; a person\'s protection stays', () => {
    const s = session();
    const sheet = s.runtime.spreadsheet.getSheetByName('プラン・指標')!;
    sheet.getRange('M2:M8').protect().setDescription('コメント欄（課長のみ）');
    // Another command's protection (確定値) carries the add-on's name too: it is not this command's.
    s.runtime.spreadsheet.insertSheet('確定値').protect().setDescription('進捗管理アドオン: 確定値（編集は事務局のみ）');
    s.run('protectDepartments');
    s.run('protectDepartments');
    expect(protections(s).length).toBeGreaterThan(5);
    const msg = s.run('unprotectDepartments').result as string;
    expect(msg).toMatch(/^アドオンが設定した保護 \d+ 件を解除しました/);
    expect(protections(s).map((p) => p.description).sort()).toEqual(['コメント欄（課長のみ）', '進捗管理アドオン: 確定値（編集は事務局のみ）'].sort());
    expect(s.run('unprotectDepartments').result).toBe('アドオンが設定した保護はありません。');
  });
});

describe('担当課ごとに保護 on a sheet made by テンプレートを作成', () => {
  test('取組実績・課題・今後の方向性 are protected like the figures: a department writes its own rows only', () => {
    const s = openSession(spreadsheetFromGrids('テスト市 進捗管理', { シート1: [['']] }));
    s.run('menuTemplate');
    const ss = s.runtime.spreadsheet;
    ss.getSheetByName('担当課')!.getRange(2, 1, 2, 3).setValues([
      ['防災課', '総務部', 'bousai@city.example.lg.jp'], ['こども課', '健康福祉部', 'kosodate@city.example.lg.jp'],
    ]);
    const sheet = ss.getSheetByName('プラン・指標')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const row = (id: string, dept: string): string[] => header.map((h) => ({ プランID: id, 基本目標: '1', プラン名: `${dept}の取組`, 主担当課: dept, 成果指標: '件数', 単位: '件' } as Record<string, string>)[h] ?? '');
    sheet.getRange(2, 1, 2, header.length).setValues([row('1-1', '防災課'), row('1-2', 'こども課')]);
    s.run('protectDepartments');
    for (const h of ['取組実績', '課題', '今後の方向性']) {
      const col = header.indexOf(h) + 1;
      expect(col).toBeGreaterThan(0);
      s.asUser('bousai@city.example.lg.jp', () => sheet.getRange(2, col).setValue(`防災課の${h}`));
      expect(sheet.getRange(2, col).getDisplayValue()).toBe(`防災課の${h}`);
      expect(() => s.asUser('bousai@city.example.lg.jp', () => sheet.getRange(3, col).setValue('他課の欄'))).toThrow(PROTECTED_MESSAGE);
    }
  });
});
