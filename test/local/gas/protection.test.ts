// Contract tests of the local Protection (reference/spreadsheet/protection, range#protect(),
// sheet#protect(), sheet#getProtections, spreadsheet#getProtections). Where the reference is
// silent the test says so and the fake takes the stricter behaviour.
import { createGasRuntime, createSpreadsheet } from '../../../src/local/gas/runtime';
import { PROTECTED_MESSAGE } from '../../../src/local/gas/spreadsheet-model';
import { asUser } from './as-user';
import { CANNOT_REMOVE_MESSAGE, WARNING_ONLY_EDITORS_MESSAGE } from '../../../src/local/gas/protection';

const OWNER = 'jimukyoku@example.jp';
const BOUSAI = 'bousai@example.jp';
const OTHER = 'shoko@example.jp';

function setup() {
  const ss = createSpreadsheet('進捗管理');
  const rt = createGasRuntime({ spreadsheet: ss, activeUser: OWNER });
  ss.model.editors.add(BOUSAI);
  ss.model.editors.add(OTHER);
  const sheet = rt.globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  const as = <T>(user: string, fn: () => T): T => asUser(ss, user, fn);
  return { rt, ss, sheet, as, app: rt.globals.SpreadsheetApp };
}

describe('Range.protect (reference/spreadsheet/range#protect())', () => {
  test('"until the script changes the list of editors, the permissions mirror those of the spreadsheet": everyone who can edit still can', () => {
    const { sheet, as } = setup();
    const p = sheet.getRange('A2:C3').protect().setDescription('防災課');
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([BOUSAI, OWNER, OTHER].sort());
    as(OTHER, () => sheet.getRange('A2').setValue('x'));
    expect(sheet.getRange('A2').getValue()).toBe('x');
  });

  test('after removing editors, a non-editor\'s edit inside the range throws Sheets\' message; outside it is fine; the owner always may', () => {
    const { sheet, as } = setup();
    const p = sheet.getRange('A2:C3').protect();
    p.removeEditors(p.getEditors());
    p.addEditor(BOUSAI);
    expect(() => as(OTHER, () => sheet.getRange('B3').setValue('x'))).toThrow(PROTECTED_MESSAGE);
    expect(() => as(OTHER, () => sheet.getRange('A1:C2').setValues([['a', 'b', 'c'], ['d', 'e', 'f']]))).toThrow(PROTECTED_MESSAGE);
    expect(sheet.getRange('A1').getValue()).toBe(''); // nothing of the refused block was written
    as(OTHER, () => sheet.getRange('A4').setValue('ok'));
    as(BOUSAI, () => sheet.getRange('B3').setValue('bousai'));
    sheet.getRange('C3').setValue('owner');
    expect(sheet.getRange('B3:C3').getValues()).toEqual([['bousai', 'owner']]);
    // Formatting and clearing are edits too.
    expect(() => as(OTHER, () => sheet.getRange('A2').setBackground('#ff0000'))).toThrow(PROTECTED_MESSAGE);
    expect(() => as(OTHER, () => sheet.getRange('A2:A3').clearContent())).toThrow(PROTECTED_MESSAGE);
  });

  test('"neither the owner of the spreadsheet nor the current user can be removed"', () => {
    const { sheet } = setup();
    const p = sheet.getRange('A1').protect();
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    expect(p.canEdit()).toBe(true);
  });

  test('setWarningOnly: everyone may edit; reference silent on editors then: adding one is refused (Sheets API: not supported)', () => {
    const { sheet, as } = setup();
    const p = sheet.getRange('A1:A5').protect().setWarningOnly(true);
    p.removeEditors([OTHER]);
    expect(p.isWarningOnly()).toBe(true);
    as(OTHER, () => sheet.getRange('A1').setValue('ok'));
    expect(() => p.addEditor(BOUSAI)).toThrow(WARNING_ONLY_EDITORS_MESSAGE);
    expect(() => p.addEditors([BOUSAI])).toThrow(WARNING_ONLY_EDITORS_MESSAGE);
  });

  test('addEditor takes an address or a User; getDescription returns what was set', () => {
    const { sheet, rt } = setup();
    const p = sheet.getRange('A1').protect();
    p.removeEditors(p.getEditors());
    p.addEditor(rt.globals.Session.getActiveUser());
    p.addEditors(['Bousai@Example.jp']);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([BOUSAI, OWNER]);
    expect(p.setDescription('進捗管理: 防災課').getDescription()).toBe('進捗管理: 防災課');
  });
});

describe('getProtections / remove (reference/spreadsheet/spreadsheet#getProtections, protection#remove())', () => {
  test('lists protections by type, per sheet and for the whole spreadsheet; remove() unprotects exactly that one', () => {
    const { sheet, app, ss, as } = setup();
    const other = app.getActiveSpreadsheet().insertSheet('集計結果');
    const a = sheet.getRange('A1:B2').protect().setDescription('a');
    sheet.getRange('A5:B6').protect().setDescription('b');
    const s = other.protect().setDescription('sheet');
    const RANGE = app.ProtectionType.RANGE;
    const SHEET = app.ProtectionType.SHEET;
    expect(app.getActiveSpreadsheet().getProtections(RANGE).map((p) => p.getDescription())).toEqual(['a', 'b']);
    expect(app.getActiveSpreadsheet().getProtections(SHEET).map((p) => p.getDescription())).toEqual(['sheet']);
    expect(other.getProtections(RANGE)).toHaveLength(0);
    expect(String(s.getProtectionType())).toBe('SHEET');
    expect(s.getRange().getSheet().getName()).toBe('集計結果');
    a.remove();
    expect(app.getActiveSpreadsheet().getProtections(RANGE).map((p) => p.getDescription())).toEqual(['b']);
    expect(ss.model.protections).toHaveLength(2);
    // Sheet.protect() on a protected sheet returns its protection, not a second one.
    expect(other.protect().getDescription()).toBe('sheet');
    // A whole-sheet protection blocks a non-editor anywhere on the sheet.
    s.removeEditors([OTHER]);
    expect(() => as(OTHER, () => other.getRange('Z99').setValue(1))).toThrow(PROTECTED_MESSAGE);
  });

  test('reference silent on who may remove: stricter, only someone who can edit it', () => {
    const { sheet, as } = setup();
    const p = sheet.getRange('A1').protect();
    p.removeEditors([OTHER]);
    expect(() => as(OTHER, () => p.remove())).toThrow(CANNOT_REMOVE_MESSAGE);
    expect(as(OTHER, () => p.canEdit())).toBe(false);
    expect(as(BOUSAI, () => p.canEdit())).toBe(true);
  });
});

describe('protected ranges move with the rows (Sheets behaviour; reference silent: modelled as Sheets does)', () => {
  test('rows inserted above move it down, inside extend it; deleted rows shrink it; deleting all of it removes it', () => {
    const { sheet, app } = setup();
    const p = sheet.getRange('A3:C4').protect();
    sheet.insertRowsBefore(1, 2);
    expect(p.getRange().getA1Notation()).toBe('A5:C6');
    sheet.insertRowsAfter(5, 1);
    expect(p.getRange().getA1Notation()).toBe('A5:C7');
    sheet.deleteRows(6, 1);
    expect(p.getRange().getA1Notation()).toBe('A5:C6');
    sheet.deleteRows(4, 4);
    expect(app.getActiveSpreadsheet().getProtections(app.ProtectionType.RANGE)).toHaveLength(0);
  });

  test('a non-editor may not delete rows holding a protected cell, nor insert rows inside a protected range or a protected sheet; at the range\'s edge or elsewhere they may (reference silent: Sheets refuses editing protected cells; stricter)', () => {
    const { sheet, as } = setup();
    const p = sheet.getRange('B3:C5').protect();
    p.removeEditors([OTHER]);
    expect(() => as(OTHER, () => sheet.deleteRows(4, 1))).toThrow(PROTECTED_MESSAGE);
    expect(() => as(OTHER, () => sheet.deleteRows(1, 3))).toThrow(PROTECTED_MESSAGE);
    expect(() => as(OTHER, () => sheet.insertRowsBefore(4, 1))).toThrow(PROTECTED_MESSAGE);
    expect(() => as(OTHER, () => sheet.insertRowsAfter(3, 2))).toThrow(PROTECTED_MESSAGE);
    expect(p.getRange().getA1Notation()).toBe('B3:C5');
    as(OTHER, () => sheet.insertRowsBefore(3, 1));
    as(OTHER, () => sheet.insertRowsAfter(6, 1));
    as(OTHER, () => sheet.deleteRows(1, 1));
    expect(p.getRange().getA1Notation()).toBe('B3:C5');
    // The owner and the range's editors may.
    sheet.insertRowsBefore(4, 1);
    expect(p.getRange().getA1Notation()).toBe('B3:C6');
    const whole = sheet.protect();
    whole.removeEditors([OTHER]);
    expect(() => as(OTHER, () => sheet.insertRowsBefore(1, 1))).toThrow(PROTECTED_MESSAGE);
    expect(() => as(OTHER, () => sheet.insertRowsAfter(sheet.getMaxRows(), 1))).toThrow(PROTECTED_MESSAGE);
  });

  test('every call is counted by Class.method', () => {
    const { sheet, rt } = setup();
    rt.counter.reset();
    const p = sheet.getRange('A1').protect();
    p.setDescription('x');
    p.getEditors();
    const calls = rt.counter.snapshot();
    expect(calls['Range.protect']).toBe(1);
    expect(calls['Protection.setDescription']).toBe(1);
    expect(calls['Protection.getEditors']).toBe(1);
  });
});
