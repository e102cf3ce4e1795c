// Where reports go, under the drive.file scope: the app sees only the files and folders it
// created or that the person opened with it (Google Picker). So the add-on creates its own
// 報告書 folder on first use and remembers it (document properties), or uses a folder the person
// picked. A folder ID merely typed on 設定 is invisible to the app unless it was picked: the
// person is told how to fix it before anything is written.
import type { Grid } from '../core/model';
import { SETTING_KEYS, SETTINGS_COLUMNS, SHEETS } from '../core/schema';
import { cellText, headerKey } from '../core/text';
import { a1 } from '../core/a1';
import { UserError } from './errors';
import type { ReportFolder } from './report-doc';

/** Document property holding the ID of the folder the add-on uses for reports. */
export const REPORT_FOLDER_KEY = 'reportFolderId';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

type DriveApi = GoogleAppsScript.Drive;

function drive(): DriveApi {
  if (typeof Drive === 'undefined') {
    throw new Error('The advanced Drive service is not enabled (appsscript.json dependencies.enabledAdvancedServices).');
  }
  return Drive;
}

/** The folder if the app can use it, or why not (Japanese, for the message). */
function lookUp(api: DriveApi, id: string): { folder: ReportFolder } | { problem: 'invisible' | 'notFolder' | 'trashed' | 'public' } {
  let f: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
  try {
    f = api.Files!.get(id, { supportsAllDrives: true, fields: 'id,name,mimeType,trashed' });
  } catch {
    // 404 "File not found" for a folder the app has not created or been given (drive.file).
    return { problem: 'invisible' };
  }
  if (f.mimeType !== FOLDER_MIME) return { problem: 'notFolder' };
  if (f.trashed) return { problem: 'trashed' };
  // A file in a folder shared by link or with the whole domain inherits that access.
  const perms = api.Permissions!.list(id, { supportsAllDrives: true, fields: 'permissions(type)' }).permissions ?? [];
  if (perms.some((p) => p.type === 'anyone' || p.type === 'domain')) return { problem: 'public' };
  return { folder: { id: String(f.id), name: String(f.name) } };
}

/** Where the 報告書フォルダID setting is on 設定 (row and value column, 1-based), if there. */
export function settingCell(grid: Grid | undefined): { row: number; col: number } | null {
  if (!grid) return null;
  let keyCol = 0;
  let valCol = 1;
  for (let r = 0; r < Math.min(5, grid.values.length); r++) {
    const row = grid.values[r].map((v) => headerKey(cellText(v)));
    const k = row.indexOf(headerKey(SETTINGS_COLUMNS[0]));
    const v = row.indexOf(headerKey(SETTINGS_COLUMNS[1]));
    if (k >= 0 && v >= 0) {
      keyCol = k;
      valCol = v;
      break;
    }
  }
  const key = headerKey(SETTING_KEYS.reportFolderId);
  for (let r = 0; r < grid.values.length; r++) {
    if (headerKey(cellText(grid.values[r][keyCol])) === key) return { row: r + 1, col: valCol + 1 };
  }
  return null;
}

const HOW_TO_FIX = 'メニューの「報告書フォルダを選択」でフォルダを選び直すか、値を空欄にしてください（空欄なら、アドオンが作った「報告書」フォルダに保存します）。';

function typedProblem(id: string, where: string, problem: 'invisible' | 'notFolder' | 'trashed' | 'public'): string {
  const head = `「${SHEETS.settings}」シートの${where}（${SETTING_KEYS.reportFolderId}）「${id}」`;
  switch (problem) {
    case 'invisible':
      return `${head}のフォルダをアドオンから開けません。アドオンは、自分で作ったフォルダと「報告書フォルダを選択」で選ばれたフォルダしか開けない設定（Googleドライブの drive.file 権限）で動いています。IDを入力しただけのフォルダは使えません。${HOW_TO_FIX}`;
    case 'notFolder':
      return `${head}はフォルダではありません。${HOW_TO_FIX}`;
    case 'trashed':
      return `${head}のフォルダはゴミ箱に入っています。ゴミ箱から戻すか、${HOW_TO_FIX}`;
    case 'public':
      return `${head}のフォルダは、リンクを知っている全員または組織全体に公開されています。報告書は委員にだけ共有するため、このフォルダには保存しません。公開されていないフォルダを選ぶか、値を空欄にしてください。`;
  }
}

export interface ResolvedFolder {
  folder: ReportFolder;
  /** True when the add-on created it in this run. */
  created: boolean;
  /** True when it is the add-on's own folder (remembered in document properties). */
  own: boolean;
}

/**
 * Checks the folder typed on 設定 before anything is written: it must be one the app can open,
 * else a UserError says how to fix it. Null when the setting is blank (see ownReportFolder).
 */
export function checkTypedFolder(typedId: string, settingsGrid: Grid | undefined): ReportFolder | null {
  const id = typedId.trim();
  if (!id) return null;
  const r = lookUp(drive(), id);
  if ('problem' in r) {
    const cell = settingCell(settingsGrid);
    throw new UserError(typedProblem(id, cell ? a1(cell.row, cell.col) : '', r.problem));
  }
  return r.folder;
}

/** The add-on's own report folder: the remembered one if still usable, else a new one in My Drive. */
export function ownReportFolder(planName: string): ResolvedFolder {
  const api = drive();
  const remembered = PropertiesService.getDocumentProperties().getProperty(REPORT_FOLDER_KEY);
  if (remembered) {
    const r = lookUp(api, remembered);
    if ('folder' in r) return { folder: r.folder, created: false, own: true };
  }
  const name = `${planName} 報告書`.trim();
  const f = api.Files!.create({ name, mimeType: FOLDER_MIME }, null as unknown as GoogleAppsScript.Base.Blob, { supportsAllDrives: true, fields: 'id,name' });
  // Remembered at once: a run that stops later still reuses this folder next time.
  PropertiesService.getDocumentProperties().setProperty(REPORT_FOLDER_KEY, String(f.id));
  return { folder: { id: String(f.id), name: String(f.name) }, created: true, own: true };
}

/**
 * Remembers the folder (document properties) as the add-on's report folder. 設定 is the people's
 * sheet: the add-on never writes into it; the folder is shown in the sidebar, the report dialog and
 * on 報告書履歴 instead.
 */
export function rememberFolder(folder: ReportFolder): void {
  PropertiesService.getDocumentProperties().setProperty(REPORT_FOLDER_KEY, folder.id);
}

/** The folder's address in Drive. */
export function folderUrl(id: string): string {
  return `https://drive.google.com/drive/folders/${id}`;
}
