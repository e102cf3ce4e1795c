// Choosing the report folder with Google Picker. Under drive.file the app sees only what it
// created or what the person opened with it: a folder picked here becomes visible to the app
// (https://developers.google.com/workspace/drive/picker/guides/overview). The Picker needs the
// user's OAuth token, an API key and the Cloud project number (setAppId, which is what grants the
// file to this app); the key and number are set once per deployment as script properties.
import { escapeHtml } from '../core/text';
import { UserError } from './errors';
import type { FolderChoice } from './api';
import { folderUrl, lookUpFolder, rememberFolder } from './report-folder';

export const PICKER_KEY_PROPERTY = 'PICKER_API_KEY';
export const PICKER_APP_ID_PROPERTY = 'PICKER_APP_ID';

export interface PickerConfig {
  token: string;
  apiKey: string;
  appId: string;
}

/** The Picker settings, or null when the deployment has not set them. */
export function pickerConfig(): PickerConfig | null {
  const props = PropertiesService.getScriptProperties();
  const apiKey = props.getProperty(PICKER_KEY_PROPERTY) ?? '';
  const appId = props.getProperty(PICKER_APP_ID_PROPERTY) ?? '';
  if (!apiKey || !appId) return null;
  return { token: ScriptApp.getOAuthToken(), apiKey, appId };
}

export const PICKER_NOT_SET_UP =
  'フォルダを選ぶ画面（Google Picker）の設定がまだありません。管理者が README の「デプロイ」の手順で、スクリプト プロパティ ' +
  `${PICKER_KEY_PROPERTY} と ${PICKER_APP_ID_PROPERTY} を設定してください。それまでは、報告書フォルダIDを空欄にすると、アドオンが作った「報告書」フォルダに保存します。`;

/** JSON safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The dialog: opens the Picker on folders; the chosen one goes to setReportFolder. Every text
 * shown is set with textContent; the account message is the same as the sidebar's.
 */
export function pickerDialogHtml(config: PickerConfig, accountPattern: string, accountMessage: string): string {
  const data = scriptJson({ ...config, accountPattern, accountMessage });
  return `<!DOCTYPE html><html><head><base target="_top"><meta charset="utf-8">
<style>body{font:14px/1.6 Roboto,'Noto Sans JP',sans-serif;margin:12px}#msg.error{color:#b3261e}</style></head>
<body><p id="msg">${escapeHtml('フォルダを選ぶ画面を開いています…')}</p>
<script>
var CONFIG = ${data};
function show(text, error) { var m = document.getElementById('msg'); m.textContent = text; m.className = error ? 'error' : ''; }
function failure(e) {
  var text = (e && e.message) ? e.message : String(e);
  show(new RegExp(CONFIG.accountPattern, 'i').test(text) ? CONFIG.accountMessage : text.replace(/^(Exception|Error):\\s*/, ''), true);
}
function picked(data) {
  if (data.action === google.picker.Action.CANCEL) { google.script.host.close(); return; }
  if (data.action !== google.picker.Action.PICKED) return;
  var doc = data.docs && data.docs[0];
  if (!doc) return;
  show('「' + doc.name + '」を保存先にしています…', false);
  google.script.run.withSuccessHandler(function (r) { show(r.message, false); setTimeout(function () { google.script.host.close(); }, 2500); })
    .withFailureHandler(failure).setReportFolder(doc.id);
}
function open() {
  var view = new google.picker.DocsView(google.picker.ViewId.FOLDERS)
    .setSelectFolderEnabled(true).setIncludeFolders(true).setMimeTypes('application/vnd.google-apps.folder');
  new google.picker.PickerBuilder().addView(view).setOAuthToken(CONFIG.token).setDeveloperKey(CONFIG.apiKey)
    .setAppId(CONFIG.appId).setOrigin(google.script.host.origin).setLocale('ja').setTitle('報告書を保存するフォルダを選択')
    .setCallback(picked).build().setVisible(true);
}
</script>
<script src="https://apis.google.com/js/api.js" onload="gapi.load('picker', {callback: open})" onerror="show('Google Picker を読み込めませんでした。ネットワークを確認してください。', true)"></script>
</body></html>`;
}

/**
 * google.script.run from the dialog: the picked folder becomes the report folder. Picking is what
 * makes it visible to the app; an ID that still cannot be opened is refused.
 */
export function setReportFolder(id: string, typedId: string): FolderChoice {
  const r = lookUpFolder(id);
  if ('problem' in r) {
    throw new UserError(r.problem === 'public'
      ? 'このフォルダは、リンクを知っている全員または組織全体に公開されています。報告書は委員にだけ共有するため、公開されていないフォルダを選んでください。'
      : 'このフォルダはアドオンから開けませんでした。もう一度「報告書フォルダを選択」から選んでください。');
  }
  rememberFolder(r.folder);
  const typed = typedId.trim();
  const message = typed && typed !== r.folder.id
    ? `「${r.folder.name}」を保存先にしました。ただし「設定」シートの報告書フォルダIDに別のフォルダが入力されているため、そちらが優先されます。このフォルダを使うには、その値を空欄にしてください。`
    : `「${r.folder.name}」を報告書の保存先にしました。`;
  return { message, name: r.folder.name, url: folderUrl(r.folder.id) };
}
