// "Works on real Google": the built bundle under the manifest it ships (dist/appsscript.json),
// with the OAuth scopes enforced by the local runtime, the report made through the Drive API
// under drive.file, and what happens when a scope is missing or a folder is not visible.
import { SETTING_KEYS, SHEETS } from '../../src/core/schema';
import type { ReportSummary } from '../../src/addon/api';
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { distManifest, openSession, type SessionOptions } from '../../src/local/session';
import { sukagawaGrids } from '../../src/local/sample/sukagawa';
import { ScopeGuard, type Manifest } from '../../src/local/gas/scopes';
import type { LocalDocumentApp } from '../../src/local/gas/document';
import type { LocalDriveApp } from '../../src/local/gas/drive';
import type { LocalDriveApi } from '../../src/local/gas/drive-api';
import { records, snapshot } from './helpers';

const AUTH = 'https://www.googleapis.com/auth/';
const MERGE = {
  memberIds: ['5-4', '9-3'], name: 'ホームページの充実（統合）', goalCode: '9',
  goalReason: '市全体の情報発信として電子行政の目標で管理する', mainDept: '秘書広報課', relatedDepts: [],
};

function session(opts: SessionOptions = {}, mutate?: (g: Record<string, (string | number)[][]>) => void) {
  const grids = sukagawaGrids();
  mutate?.(grids);
  const s = openSession(spreadsheetFromGrids('須賀川市 進捗管理', grids), opts);
  return {
    s,
    docs: s.runtime.globals.DocumentApp as unknown as LocalDocumentApp,
    drive: s.runtime.globals.DriveApp as unknown as LocalDriveApp,
    api: s.runtime.globals.Drive as unknown as LocalDriveApi,
  };
}

/** The shipped manifest without one scope. */
function without(scope: string): Manifest {
  const m = distManifest();
  return { ...m, oauthScopes: m.oauthScopes!.filter((x) => x !== AUTH + scope) };
}

function onEditOf(s: ReturnType<typeof session>['s']) {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const values = sheet.getDataRange().getValues();
  const r = values.findIndex((row) => row[0] === '1-1') + 1;
  const c = values[0].indexOf('令和4年度実績') + 1;
  sheet.getRange(r, c).setValue('約千件');
  return { range: sheet.getRange(r, c), source: s.runtime.spreadsheet, value: '約千件' };
}

describe('the shipped manifest', () => {
  const m = distManifest();
  test('narrow, non-restricted scopes only: no full drive, no spreadsheets-wide access', () => {
    expect(m.oauthScopes).toEqual(expect.arrayContaining([
      `${AUTH}spreadsheets.currentonly`, `${AUTH}script.container.ui`, `${AUTH}drive.file`, `${AUTH}userinfo.email`,
    ]));
    // The report is a .docx converted by Drive on upload: no DocumentApp, so no documents scope.
    expect(m.oauthScopes).not.toContain(`${AUTH}documents`);
    // Restricted Drive scopes (full drive, drive.readonly) and whole-Drive/Sheets access: never.
    for (const wide of ['drive', 'drive.readonly', 'drive.metadata', 'spreadsheets']) expect(m.oauthScopes).not.toContain(AUTH + wide);
  });
  test('enables the advanced Drive service v3 as `Drive`', () => {
    expect(m.dependencies?.enabledAdvancedServices).toEqual([{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }]);
  });
});

describe('every command runs under the real manifest, scope checks on', () => {
  test('入力チェック, 集計, 統合, 報告書作成 and onEdit pass; the report is made and shared through Drive v3 calls', () => {
    const { s, api } = session();
    expect(s.runtime.counter.scopes).not.toBeNull();
    s.run('onOpen');
    s.run('runCheck');
    s.run('runAggregate');
    s.run('applyMerge', MERGE);
    const report = s.run('createReport');
    const edit = s.run('onEdit', onEditOf(s));
    const summary = report.result as ReportSummary;
    expect(summary.shared).toBeGreaterThan(0);
    // Drive work went through the advanced service only: DriveApp needs the full drive scope.
    expect(Object.keys(report.calls).filter((k) => /^(DriveApp|File|Folder)\./.test(k))).toEqual([]);
    expect(report.calls).toMatchObject({ 'Drive.Files.create': 2, 'Drive.Permissions.list': 1 });
    expect(report.calls['Drive.Permissions.create']).toBe(summary.shared);
    expect(api.log.map((e) => e.method)).toEqual(['Drive.Files.create', 'Drive.Files.create']);
    expect(edit.calls['Range.setValues'] ?? 0).toBeGreaterThanOrEqual(0);
    expect(s.runtime.ui.alerts).toEqual([]);
  });

  test('the sidebar and the report dialog open (script.container.ui)', () => {
    const { s } = session();
    s.run('menuOpenSidebar');
    s.run('menuReport');
    expect(s.runtime.ui.alerts).toEqual([]);
  });
});

describe('one needed scope removed: the right command fails the way Google fails', () => {
  // Apps Script's message for a built-in service ("Specified permissions are not sufficient to call
  // X. Required permissions: …") is as observed in execution logs; the reference documents the
  // scopes (the Authorization section of each method), not the wording. An advanced service
  // fails with the API's 403 "Request had insufficient authentication scopes.".
  test('without spreadsheets.currentonly, 入力チェック fails at its first spreadsheet call', () => {
    const { s } = session({ manifest: without('spreadsheets.currentonly') });
    expect(() => s.run('runCheck')).toThrow(
      `Specified permissions are not sufficient to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (${AUTH}spreadsheets.currentonly || ${AUTH}spreadsheets)`,
    );
  });

  test('without spreadsheets.currentonly, 集計 and onEdit fail too', () => {
    const { s } = session();
    const e = onEditOf(s);
    s.runtime.counter.scopes = new ScopeGuard(without('spreadsheets.currentonly'));
    expect(() => s.run('runAggregate')).toThrow(/Specified permissions are not sufficient to call SpreadsheetApp\.getActiveSpreadsheet/);
    expect(() => s.run('onEdit', e)).toThrow(/Specified permissions are not sufficient to call Range\.getSheet/);
  });

  test('without drive.file, 報告書作成 fails at the Drive API before writing any sheet', () => {
    const { s, docs } = session({ manifest: without('drive.file') });
    const before = s.runtime.spreadsheet.getSheets().map((x) => x.getName());
    expect(() => s.run('createReport')).toThrow('API call to drive.files.create failed with error: Request had insufficient authentication scopes.');
    expect(docs.localDocumentIds()).toEqual([]);
    expect(s.runtime.spreadsheet.getSheets().map((x) => x.getName())).toEqual(before);
  });

  test('the Doc is complete when it exists: one converting upload of the .docx, no DocumentApp call, so no half-written report', () => {
    const { s, docs, api, drive } = session();
    const report = s.run('createReport');
    expect(Object.keys(report.calls).filter((k) => /^(DocumentApp|Document|Body|Paragraph|Table|TableRow|TableCell|InlineImage)\./.test(k))).toEqual([]);
    expect(report.calls['Utilities.newBlob']).toBe(1);
    const doc = api.log.find((e) => e.method === 'Drive.Files.create' && drive.localItem(e.fileId).mimeType === 'application/vnd.google-apps.document')!;
    expect(docs.localOutline(doc.fileId).length).toBeGreaterThan(10);
    expect(records(s, SHEETS.reports)[0]['ファイルID']).toBe(doc.fileId);
  });

  test('without script.container.ui, the sidebar cannot open', () => {
    const { s } = session({ manifest: without('script.container.ui') });
    expect(() => s.run('menuOpenSidebar')).toThrow(`Specified permissions are not sufficient to call Ui.showSidebar. Required permissions: ${AUTH}script.container.ui`);
  });

  test('without userinfo.email the address is blank, and the run log says （不明）', () => {
    const { s } = session({ manifest: without('userinfo.email') });
    s.run('runAggregate');
    expect(records(s, SHEETS.runLog).at(-1)?.['実行者']).toBe('（不明）');
  });
});

describe('the report folder under drive.file', () => {
  test('first report: the add-on creates its folder, remembers it and shows it on 設定; the next report reuses it', () => {
    const { s, drive, docs } = session();
    const first = s.run('createReport').result as ReportSummary;
    const folderId = s.runtime.globals.PropertiesService.getDocumentProperties().getProperty('reportFolderId')!;
    expect(folderId).toBeTruthy();
    expect(drive.localItem(folderId)).toMatchObject({ name: '第5次須賀川市地域情報化計画 報告書', mimeType: 'application/vnd.google-apps.folder' });
    const [id1] = docs.localDocumentIds();
    expect(drive.localItem(id1).parents).toEqual([folderId]);
    // 設定 is the people's sheet: the folder is shown in the summary (sidebar, dialog), not written there.
    const settings = snapshot(s, SHEETS.settings).display;
    expect(settings.find((r) => r[0] === SETTING_KEYS.reportFolderId)?.[1]).toBe('');
    expect(first.folder).toEqual({ name: '第5次須賀川市地域情報化計画 報告書', url: `https://drive.google.com/drive/folders/${folderId}` });
    expect(first.warnings.join()).toContain('マイドライブにフォルダ「第5次須賀川市地域情報化計画 報告書」を作成しました');
    expect(records(s, SHEETS.reports)[0]['保存先']).toBe('第5次須賀川市地域情報化計画 報告書');

    const second = s.run('createReport').result as ReportSummary;
    const id2 = docs.localDocumentIds()[1];
    expect(drive.localItem(id2).parents).toEqual([folderId]);
    expect(second.warnings.join()).not.toContain('作成しました');
    expect(drive.localItem(drive.localRootId())).toBeTruthy();
  });

  test('a folder ID a person typed, which the app cannot see, is refused in Japanese before anything is written', () => {
    const { s, docs, drive } = session();
    const theirs = drive.localCreateByPerson('委員会資料');
    // The person typed its ID on 設定.
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.settings)!;
    const row = sheet.getDataRange().getValues().findIndex((r) => r[0] === SETTING_KEYS.reportFolderId) + 1;
    sheet.getRange(row, 2).setValue(theirs);
    const names = () => s.runtime.spreadsheet.getSheets().map((x) => x.getName());
    const before = names();
    expect(() => s.run('createReport')).toThrow(
      `「設定」シートのB${row}（報告書フォルダID）「${theirs}」のフォルダをアドオンから開けません。`,
    );
    expect(() => s.run('createReport')).toThrow(/「報告書フォルダを選択」でフォルダを選び直すか、値を空欄にしてください/);
    expect(docs.localDocumentIds()).toEqual([]);
    // Not even 集計結果 was written.
    expect(names()).toEqual(before);
    expect(names()).not.toContain(SHEETS.results);
  });

  test('the same folder, once picked (Google Picker), is used', () => {
    const { s, docs, drive } = session();
    const theirs = drive.localCreateByPerson('委員会資料');
    drive.localPick(theirs);
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.settings)!;
    const row = sheet.getDataRange().getValues().findIndex((r) => r[0] === SETTING_KEYS.reportFolderId) + 1;
    sheet.getRange(row, 2).setValue(theirs);
    s.run('createReport');
    expect(drive.localItem(docs.localDocumentIds()[0]).parents).toEqual([theirs]);
  });
});

describe('identity', () => {
  test('Session.getActiveUser() throwing: the effective user is recorded instead', () => {
    const { s } = session({ activeUserError: 'Exception: The caller does not have permission' });
    s.run('runAggregate');
    expect(records(s, SHEETS.runLog).at(-1)?.['実行者']).toBe('jimukyoku@example.jp');
  });
});

describe('報告書フォルダを選択 (Google Picker)', () => {
  test('without the Picker settings, the menu says in Japanese what the administrator must set', () => {
    const { s } = session();
    s.run('menuPickReportFolder');
    expect(s.runtime.ui.alerts.at(-1)?.prompt).toContain('PICKER_API_KEY と PICKER_APP_ID を設定してください');
  });

  test('with them, a dialog opens the Picker with the user token, key and project number, all escaped', () => {
    const { s } = session();
    const props = s.runtime.globals.PropertiesService.getScriptProperties();
    props.setProperty('PICKER_API_KEY', 'AIza-test-</script>');
    props.setProperty('PICKER_APP_ID', '123456789012');
    s.run('menuPickReportFolder');
    const dialog = s.runtime.ui.dialogs.at(-1)!;
    expect(dialog.getTitle()).toBe('報告書フォルダを選択');
    const html = dialog.getContent();
    expect(html).toContain('"appId":"123456789012"');
    expect(html).toContain('local-oauth-token-for-jimukyoku@example.jp');
    expect(html).not.toContain('AIza-test-</script>');
    expect(html).toContain('setAppId(CONFIG.appId)');
    expect(html).toContain('.setReportFolder(doc.id)');
  });

  test('a picked folder becomes the report folder; an unpicked one is refused', () => {
    const { s, drive, docs } = session();
    const theirs = drive.localCreateByPerson('委員会資料');
    expect(() => s.run('setReportFolder', theirs)).toThrow('このフォルダはアドオンから開けませんでした。');
    drive.localPick(theirs);
    const choice = s.run('setReportFolder', theirs).result as { message: string; url: string };
    expect(choice.message).toBe('「委員会資料」を報告書の保存先にしました。');
    expect(choice.url).toBe(`https://drive.google.com/drive/folders/${theirs}`);
    s.run('createReport');
    expect(drive.localItem(docs.localDocumentIds()[0]).parents).toEqual([theirs]);
    expect(() => s.run('setReportFolder', '../etc')).toThrow(/形式が正しくありません/);
  });
});
