import { CallCounter } from '../../../src/local/gas/counter';
import { ScopeGuard, requiredScopes } from '../../../src/local/gas/scopes';
import { createGasRuntime } from '../../../src/local/gas/runtime';

const AUTH = 'https://www.googleapis.com/auth/';
const CONCEPTS = 'https://developers.google.com/apps-script/concepts/scopes';

describe(`OAuth scopes from the manifest (${CONCEPTS})`, () => {
  test('each call names the scopes its reference page lists (any one suffices)', () => {
    expect(requiredScopes('Range.setValues')).toEqual([`${AUTH}spreadsheets.currentonly`, `${AUTH}spreadsheets`]);
    expect(requiredScopes('DocumentApp.create')).toEqual([`${AUTH}documents`]);
    expect(requiredScopes('Paragraph.setHeading')).toEqual([`${AUTH}documents.currentonly`, `${AUTH}documents`]);
    expect(requiredScopes('Ui.showSidebar')).toEqual([`${AUTH}script.container.ui`]);
    expect(requiredScopes('Ui.alert')).toEqual([]);
    // DriveApp never works with drive.file: readers need drive.readonly or drive, writers drive.
    expect(requiredScopes('DriveApp.getFileById')).toEqual([`${AUTH}drive.readonly`, `${AUTH}drive`]);
    expect(requiredScopes('File.addCommenter')).toEqual([`${AUTH}drive`]);
    expect(requiredScopes('Drive.Permissions.create')).toEqual([`${AUTH}drive`, `${AUTH}drive.file`]);
  });

  test('a method without a rule is a gap in the table, reported at once', () => {
    expect(() => requiredScopes('GmailApp.sendEmail')).toThrow('no OAuth scope rule for GmailApp.sendEmail');
  });

  test('a built-in service call without its scope throws Apps Script\'s Exception; an advanced one the API\'s 403', () => {
    const counter = new CallCounter();
    counter.scopes = new ScopeGuard({ oauthScopes: [`${AUTH}spreadsheets.currentonly`] });
    expect(() => counter.count('Range.getValues')).not.toThrow();
    let err: Error | undefined;
    try {
      counter.count('DocumentApp.create');
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).toBe('Exception');
    expect(err?.message).toBe(`Specified permissions are not sufficient to call DocumentApp.create. Required permissions: ${AUTH}documents`);
    expect(() => counter.count('Drive.Files.get')).toThrow('API call to drive.files.get failed with error: Request had insufficient authentication scopes.');
    // The failed call is not counted.
    expect(counter.snapshot()).toEqual({ 'Range.getValues': 1 });
  });

  test('a manifest without explicit oauthScopes is refused (the add-on always lists them)', () => {
    expect(() => new ScopeGuard({})).toThrow('no oauthScopes');
  });

  test('the runtime enforces the manifest it is given; without one there is no check', () => {
    const checked = createGasRuntime({ manifest: { oauthScopes: [`${AUTH}script.container.ui`] } });
    expect(() => checked.globals.SpreadsheetApp.getActiveSpreadsheet()).toThrow('Specified permissions are not sufficient to call SpreadsheetApp.getActiveSpreadsheet');
    const free = createGasRuntime();
    expect(() => free.globals.SpreadsheetApp.getActiveSpreadsheet()).not.toThrow();
  });

  test('without userinfo.email, getEmail() is blank (reference: blank where the address is not available)', () => {
    const rt = createGasRuntime({ activeUser: 'a@example.jp', manifest: { oauthScopes: [] } });
    expect(rt.globals.Session.getActiveUser().getEmail()).toBe('');
    const withScope = createGasRuntime({ activeUser: 'a@example.jp', manifest: { oauthScopes: [`${AUTH}userinfo.email`] } });
    expect(withScope.globals.Session.getActiveUser().getEmail()).toBe('a@example.jp');
  });

  test('getActiveUser() can be made to throw, as in some add-on contexts', () => {
    const rt = createGasRuntime({ activeUserError: 'The caller does not have permission' });
    expect(() => rt.globals.Session.getActiveUser()).toThrow('The caller does not have permission');
    expect(rt.globals.Session.getEffectiveUser().getEmail()).toBe('user@example.com');
  });
});
