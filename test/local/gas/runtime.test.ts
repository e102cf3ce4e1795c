// The runtime composes the services an Apps Script project sees around one counter.
import { createContext, runInContext } from 'node:vm';
import { createGasRuntime, runtimeFromGrids } from '../../../src/local/gas/runtime';
import { createSpreadsheet } from '../../../src/local/gas/spreadsheet';

describe('createGasRuntime', () => {
  test('exposes the Apps Script globals, plus extra ones', () => {
    const DriveApp = { marker: true };
    const rt = createGasRuntime({ extraGlobals: { DriveApp } });
    for (const name of ['SpreadsheetApp', 'HtmlService', 'LockService', 'PropertiesService', 'Session', 'Utilities', 'Logger', 'console']) {
      expect(rt.globals[name]).toBeDefined();
    }
    expect(rt.globals.DriveApp).toBe(DriveApp);
    expect(rt.globals.SpreadsheetApp.getActiveSpreadsheet()).toBe(rt.spreadsheet);
  });

  test('one counter for every service; a spreadsheet passed in counts into it', () => {
    const spreadsheet = createSpreadsheet('台帳');
    const rt = createGasRuntime({ spreadsheet, activeUser: 'jimukyoku@example.jp' });
    rt.globals.SpreadsheetApp.getActive().getSheets()[0].getRange('A1').getValue();
    rt.globals.Session.getActiveUser().getEmail();
    rt.globals.PropertiesService.getDocumentProperties();
    expect(rt.counter.snapshot()).toMatchObject({
      'SpreadsheetApp.getActive': 1,
      'Spreadsheet.getSheets': 1,
      'Sheet.getRange': 1,
      'Range.getValue': 1,
      'Session.getActiveUser': 1,
      'User.getEmail': 1,
      'PropertiesService.getDocumentProperties': 1,
    });
    expect(rt.counter.total('Range.')).toBe(1);
  });

  test('cells moved: a block read or write counts its cells, a one-value getter one cell, geometry none', () => {
    const rt = createGasRuntime();
    const sheet = rt.globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const block = sheet.getRange(1, 1, 10, 3);
    block.setValues(Array.from({ length: 10 }, () => ['a', 'b', 'c']));
    block.getValues();
    block.getDisplayValues();
    block.setBackground('#ffffff');
    block.getValue();
    block.getNumRows();
    block.offset(1, 0);
    expect(rt.counter.cellSnapshot()).toEqual({
      'Range.getDisplayValues': 30, 'Range.getValue': 1, 'Range.getValues': 30, 'Range.setBackground': 30, 'Range.setValues': 30,
    });
    expect(rt.counter.cells('Range.get')).toBe(61);
    expect(rt.counter.cells()).toBe(121);
    rt.counter.reset();
    expect(rt.counter.cells()).toBe(0);
  });

  test('time zone: Asia/Tokyo by default, for Session and a spreadsheet created here', () => {
    const rt = createGasRuntime();
    expect(rt.globals.Session.getScriptTimeZone()).toBe('Asia/Tokyo');
    expect(rt.spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
    const utc = createGasRuntime({ timeZone: 'UTC' });
    expect(utc.spreadsheet.getSpreadsheetTimeZone()).toBe('UTC');
  });

  test('console output is recorded and counted', () => {
    const rt = createGasRuntime();
    rt.globals.console.log('集計', 3);
    rt.globals.console.error('失敗');
    expect(rt.consoleEntries).toEqual([
      { level: 'log', args: ['集計', 3] },
      { level: 'error', args: ['失敗'] },
    ]);
    expect(rt.counter.snapshot()).toEqual({ 'console.error': 1, 'console.log': 1 });
  });

  test('a script in its own vm context sees getValues dates as `instanceof Date`', () => {
    const rt = runtimeFromGrids({ S: [[new Date('2025-03-31T15:00:00Z')]] });
    const context = createContext({ ...rt.globals });
    const result = runInContext(
      `var v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S').getRange('A1').getValue();
       [v instanceof Date, new Date(0) instanceof Date, v.getTime()]`,
      context,
    );
    expect(Array.from(result as unknown[])).toEqual([true, true, new Date('2025-03-31T15:00:00Z').getTime()]);
  });

  test('a script writing Dates and 2-D arrays from its own context is understood', () => {
    const rt = createGasRuntime();
    const context = createContext({ ...rt.globals });
    runInContext(
      `SpreadsheetApp.getActiveSheet().getRange(1, 1, 1, 2).setValues([[new Date(Date.UTC(2025, 3, 1)), 'x']]);`,
      context,
    );
    const sheet = rt.spreadsheet.model.requireSheet('シート1');
    expect(rt.spreadsheet.model.displayGrid(sheet.name)).toEqual([['2025/04/01 9:00:00', 'x']]);
  });

  test('runtimeFromGrids builds the spreadsheet from plain rows', () => {
    const rt = runtimeFromGrids({ 設定: [['項目', '値'], ['評価年度', 2025]] }, { name: '須賀川市' });
    expect(rt.spreadsheet.model.grid('設定')).toEqual([['項目', '値'], ['評価年度', 2025]]);
    expect(rt.counter.total()).toBe(0);
    expect(rt.spreadsheet.getName()).toBe('須賀川市');
  });
});
