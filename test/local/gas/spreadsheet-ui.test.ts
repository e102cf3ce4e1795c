// Contract tests of Ui and Menu as the Spreadsheet service hands them out.
import { createGasRuntime } from '../../../src/local/gas/runtime';

const BASE = 'https://developers.google.com/apps-script/reference/base';

describe(`Menu — ${BASE}/menu#additemcaption,-functionname`, () => {
  test('createMenu + addItem/addSeparator/addSubMenu + addToUi records the menu', () => {
    const rt = createGasRuntime();
    const ui = rt.globals.SpreadsheetApp.getUi();
    const sub = ui.createMenu('報告書').addItem('下書きを作成', 'menuDraft');
    ui.createMenu('進捗管理').addItem('集計', 'menuAggregate').addSeparator().addSubMenu(sub).addToUi();
    expect(rt.ui.menus).toEqual([
      {
        title: '進捗管理',
        addon: false,
        items: [
          { kind: 'item', caption: '集計', functionName: 'menuAggregate' },
          { kind: 'separator' },
          { kind: 'submenu', caption: '報告書', items: [{ kind: 'item', caption: '下書きを作成', functionName: 'menuDraft' }] },
        ],
      },
    ]);
  });

  test('createAddonMenu is titled with the add-on name; adding the same menu again replaces it', () => {
    const rt = createGasRuntime({ addonName: '進捗管理アドオン' });
    const ui = rt.globals.SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('a', 'fa').addToUi();
    ui.createAddonMenu().addItem('b', 'fb').addToUi();
    expect(rt.ui.menus).toHaveLength(1);
    expect(rt.ui.menus[0]).toMatchObject({ title: '進捗管理アドオン', addon: true });
    expect(rt.ui.menus[0].items[0].caption).toBe('b');
  });

  test('a menu not added to the UI is not shown', () => {
    const rt = createGasRuntime();
    rt.globals.SpreadsheetApp.getUi().createMenu('x').addItem('a', 'fa');
    expect(rt.ui.menus).toEqual([]);
  });
});

describe(`Ui.alert — ${BASE}/ui#alerttitle,-prompt,-buttons`, () => {
  test('returns the scripted response, in order; defaults are OK and YES', () => {
    const rt = createGasRuntime();
    const ui = rt.globals.SpreadsheetApp.getUi();
    rt.queueAlertResponse('NO');
    expect(ui.alert('統合しますか', '4件のプランを統合します。', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('統合しますか', '再確認', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(ui.alert('完了しました')).toBe(ui.Button.OK);
    expect(ui.alert('続けますか', ui.ButtonSet.OK_CANCEL)).toBe(ui.Button.OK);
    expect(rt.ui.alerts).toEqual([
      { title: '統合しますか', prompt: '4件のプランを統合します。', buttons: 'YES_NO', response: 'NO' },
      { title: '統合しますか', prompt: '再確認', buttons: 'YES_NO', response: 'YES' },
      { title: '', prompt: '完了しました', buttons: 'OK', response: 'OK' },
      { title: '', prompt: '続けますか', buttons: 'OK_CANCEL', response: 'OK' },
    ]);
  });

  test('Button values are enum objects: they print as their names but are not strings', () => {
    const rt = createGasRuntime();
    const ui = rt.globals.SpreadsheetApp.getUi();
    const answer = ui.alert('?', ui.ButtonSet.YES_NO);
    expect(String(answer)).toBe('YES');
    expect(answer as unknown).not.toBe('YES');
  });

  test('the person may close the dialog (CLOSE); a response outside the button set is a test bug', () => {
    const rt = createGasRuntime();
    const ui = rt.globals.SpreadsheetApp.getUi();
    rt.queueAlertResponse('CLOSE', 'YES');
    expect(ui.alert('?', ui.ButtonSet.OK_CANCEL)).toBe(ui.Button.CLOSE);
    expect(() => ui.alert('?', ui.ButtonSet.OK_CANCEL)).toThrow(/not a button of ButtonSet.OK_CANCEL/);
  });

  test('wrong arguments do not match the signature', () => {
    const ui = createGasRuntime().globals.SpreadsheetApp.getUi();
    expect(() => ui.alert('title', 'prompt' as never)).toThrow(/don't match the method signature for Ui.alert/);
  });
});

describe(`Ui.prompt — ${BASE}/ui#prompttitle,-prompt,-buttons`, () => {
  test('returns the scripted text and button', () => {
    const rt = createGasRuntime();
    const ui = rt.globals.SpreadsheetApp.getUi();
    rt.queuePromptResponse('理由: 重複', 'OK');
    const r = ui.prompt('上書きの理由', '理由を入力してください', ui.ButtonSet.OK_CANCEL);
    expect(r.getResponseText()).toBe('理由: 重複');
    expect(r.getSelectedButton()).toBe(ui.Button.OK);
    expect(rt.ui.prompts[0]).toMatchObject({ title: '上書きの理由', responseText: '理由: 重複', buttons: 'OK_CANCEL' });
  });
});

describe(`Ui.showSidebar / showModalDialog — ${BASE}/ui#showsidebaruserinterface`, () => {
  test('records the HtmlOutput shown', () => {
    const rt = createGasRuntime({ htmlFiles: { sidebar: '<p>サイドバー</p>' } });
    const out = rt.globals.HtmlService.createHtmlOutputFromFile('sidebar').setTitle('進捗管理');
    const ui = rt.globals.SpreadsheetApp.getUi();
    ui.showSidebar(out);
    ui.showModalDialog(rt.globals.HtmlService.createHtmlOutput('<b>確認</b>'), '統合の確認');
    expect(rt.ui.sidebars).toHaveLength(1);
    expect(rt.ui.sidebars[0].getTitle()).toBe('進捗管理');
    expect(rt.ui.sidebars[0].content).toBe('<p>サイドバー</p>');
    expect(rt.ui.dialogs[0]).toMatchObject({ kind: 'modal', title: '統合の確認', content: '<b>確認</b>' });
  });

  test('refuses something that is not an HtmlOutput', () => {
    const ui = createGasRuntime().globals.SpreadsheetApp.getUi();
    expect(() => ui.showSidebar('<p>x</p>' as never)).toThrow(/don't match the method signature for Ui.showSidebar/);
  });
});

describe('SpreadsheetApp.getUi — https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getui', () => {
  test('throws in a context without a UI (a trigger)', () => {
    const rt = createGasRuntime({ uiAvailable: false });
    expect(() => rt.globals.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  test('Ui and Menu calls are counted', () => {
    const rt = createGasRuntime();
    const ui = rt.globals.SpreadsheetApp.getUi();
    ui.createMenu('m').addItem('a', 'f').addToUi();
    ui.alert('x');
    expect(rt.counter.snapshot()).toEqual({
      'Menu.addItem': 1,
      'Menu.addToUi': 1,
      'SpreadsheetApp.getUi': 1,
      'Ui.alert': 1,
      'Ui.createMenu': 1,
    });
  });
});
