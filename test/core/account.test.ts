import { ACCOUNT_ERROR_MESSAGE, accountProblem } from '../../src/core/account';

describe('account and authorization failures from google.script.run speak Japanese', () => {
  test.each([
    'ScriptError: Authorization is required to perform that action.',
    'PERMISSION_DENIED',
    'Error: NetworkError: Connection failure due to HTTP 403 PERMISSION_DENIED',
    'ScriptError: We\'re sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.',
    'この操作を行うには承認が必要です。',
  ])('%s → what to do (other accounts, a private window)', (text) => {
    expect(accountProblem(text)).toBe(ACCOUNT_ERROR_MESSAGE);
    expect(ACCOUNT_ERROR_MESSAGE).toContain('ほかのアカウントからログアウト');
    expect(ACCOUNT_ERROR_MESSAGE).toContain('シークレット ウィンドウ');
  });

  test('other errors are left as they are', () => {
    expect(accountProblem('「設定」シートのB13（報告書フォルダID）…')).toBeNull();
    expect(accountProblem('Specified permissions are not sufficient to call DocumentApp.create.')).toBeNull();
  });
});
