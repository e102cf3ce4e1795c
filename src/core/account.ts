// What google.script.run reports when the browser's Google session does not match the script's
// (several accounts signed in: the sidebar runs as the default account, the script as another),
// or when authorization is missing. Shown to people as what to do, in Japanese.

/** Texts seen in the failure handler for these cases (case-insensitive). */
export const ACCOUNT_ERROR_PATTERN = 'PERMISSION_DENIED|Authorization is required|authorization required|承認が必要|We\'re sorry, a server error occurred while reading from storage';

export const ACCOUNT_ERROR_MESSAGE =
  'Googleアカウントの確認ができなかったため、実行できませんでした。複数のGoogleアカウントに同時にログインしていると起こることがあります。' +
  'ほかのアカウントからログアウトするか、ブラウザのシークレット ウィンドウ（プライベート ウィンドウ）でこのアカウントだけでログインしてスプレッドシートを開き直し、もう一度実行してください。' +
  '続く場合は、メニューからアドオンをもう一度実行して、表示される承認の画面で許可してください。';

const pattern = new RegExp(ACCOUNT_ERROR_PATTERN, 'i');

/** The Japanese guidance when `text` is an account/authorization failure; null otherwise. */
export function accountProblem(text: string): string | null {
  return pattern.test(text) ? ACCOUNT_ERROR_MESSAGE : null;
}
