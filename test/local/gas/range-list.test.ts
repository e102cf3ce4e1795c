// Contract tests of the local RangeList (reference/spreadsheet/range-list) and Sheet.getRangeList
// (reference/spreadsheet/sheet#getrangelista1notations). Where the reference is silent the test
// says so and the fake takes the stricter behaviour.
import { createGasRuntime, createSpreadsheet } from '../../../src/local/gas/runtime';
import { PROTECTED_MESSAGE } from '../../../src/local/gas/spreadsheet-model';
import { asUser } from './as-user';
import { CallCounter } from '../../../src/local/gas/counter';
import { ScopeGuard } from '../../../src/local/gas/scopes';

const REF = 'https://developers.google.com/apps-script/reference/spreadsheet';
const OWNER = 'jimukyoku@example.jp';
const OTHER = 'shoko@example.jp';

function setup() {
  const ss = createSpreadsheet('進捗管理');
  const rt = createGasRuntime({ spreadsheet: ss, activeUser: OWNER });
  ss.model.editors.add(OTHER);
  const sheet = rt.globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  const as = <T>(user: string, fn: () => T): T => asUser(ss, user, fn);
  return { rt, sheet, as };
}

describe(`Sheet.getRangeList — ${REF}/sheet#getrangelista1notations`, () => {
  test('"a non-empty list of A1 notations": getRanges returns them, in the order given (reference silent on the order)', () => {
    const { sheet } = setup();
    const ranges = sheet.getRangeList(['D4', 'B2:C4', 'A10']).getRanges();
    expect(ranges.map((r) => r.getA1Notation())).toEqual(['D4', 'B2:C4', 'A10']);
    expect(ranges[1].getSheet().getName()).toBe(sheet.getName());
    // The ranges are ordinary Ranges: they write and read like getRange's.
    ranges[1].setValues([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect(sheet.getRange('B3:C3').getValues()).toEqual([['c', 'd']]);
  });

  test('an empty list or a range of another sheet is refused (reference silent: "in the same sheet", stricter)', () => {
    const { sheet } = setup();
    expect(() => sheet.getRangeList([])).toThrow();
    sheet.getParent().insertSheet('別');
    expect(() => sheet.getRangeList(['別!A1'])).toThrow('Range not found');
    expect(() => sheet.getRangeList(['A1:B'.concat('99999')])).toThrow('Range not found');
  });
});

describe(`RangeList.setBackground — ${REF}/range-list#setbackgroundcolor`, () => {
  test('"sets the background color for each Range in the range list"; cells outside keep theirs', () => {
    const { sheet } = setup();
    sheet.getRange('B3').setBackground('#ff0000');
    sheet.getRangeList(['A1', 'C2:D3']).setBackground('#d9ead3');
    expect(sheet.getRange('A1:D3').getBackgrounds()).toEqual([
      ['#d9ead3', '#ffffff', '#ffffff', '#ffffff'],
      ['#ffffff', '#ffffff', '#d9ead3', '#d9ead3'],
      ['#ffffff', '#ff0000', '#d9ead3', '#d9ead3'],
    ]);
    // The default colour is the same as never painted.
    sheet.getRangeList(['A1']).setBackground('white');
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  });

  test('null is refused (reference silent for RangeList; Range.setBackground documents the reset)', () => {
    const { sheet } = setup();
    expect(() => sheet.getRangeList(['A1']).setBackground(null as unknown as string)).toThrow();
  });

  test('a protected cell refuses it for a non-editor, and no range of the list is painted (reference silent: stricter)', () => {
    const { sheet, as } = setup();
    const p = sheet.getRange('C3').protect();
    p.removeEditors([OTHER]);
    expect(() => as(OTHER, () => sheet.getRangeList(['A1', 'C3']).setBackground('#f4cccc'))).toThrow(PROTECTED_MESSAGE);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
    as(OTHER, () => sheet.getRangeList(['A1', 'B3']).setBackground('#f4cccc'));
    expect(sheet.getRange('A1').getBackground()).toBe('#f4cccc');
    // The owner may.
    sheet.getRangeList(['C3']).setBackground('#f4cccc');
    expect(sheet.getRange('C3').getBackground()).toBe('#f4cccc');
  });

  test('each call counts once as Class.method; setBackground moves the cells of every range', () => {
    const { sheet, rt } = setup();
    rt.counter.reset();
    const list = sheet.getRangeList(['A1:B2', 'D5']);
    list.setBackground('#fff2cc');
    list.getRanges();
    expect(rt.counter.snapshot()).toEqual({ 'RangeList.getRanges': 1, 'RangeList.setBackground': 1, 'Sheet.getRangeList': 1 });
    expect(rt.counter.cellSnapshot()).toEqual({ 'RangeList.setBackground': 5 });
  });

  test('RangeList calls need a Spreadsheet scope (the reference lists spreadsheets.currentonly or spreadsheets)', () => {
    const counter = new CallCounter();
    counter.scopes = new ScopeGuard({ oauthScopes: ['https://www.googleapis.com/auth/documents'] });
    expect(() => counter.count('RangeList.setBackground')).toThrow('Specified permissions are not sufficient');
    expect(() => counter.count('Sheet.getRangeList')).toThrow('Specified permissions are not sufficient');
  });
});
