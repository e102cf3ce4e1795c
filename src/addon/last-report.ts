// The latest report for the sidebar's 報告書 tab: the last row of 報告書履歴 (the add-on's own
// record, one row per report), and whether the Doc can still be opened and in which folder.
import type { LastReportView } from './api';
import { REPORT_HISTORY_COLUMNS, SHEETS } from '../core/schema';
import { headerKey } from '../core/text';
import { folderUrl } from './report-folder';

type Column = (typeof REPORT_HISTORY_COLUMNS)[number];

/** Null when no report was made yet (no 報告書履歴 sheet, or no row with a document). */
export function lastReport(): LastReportView | null {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.reports);
  if (!sheet) return null;
  // Display values: 作成日時 reads as it is shown, whatever Sheets made of the text.
  const rows = sheet.getDataRange().getDisplayValues();
  if (rows.length < 2) return null;
  const header = rows[0].map((h) => headerKey(h));
  const col = (c: Column) => header.indexOf(headerKey(c));
  const at = (row: string[], c: Column) => (col(c) >= 0 ? String(row[col(c)] ?? '').trim() : '');
  // The last row that names a document (a person may have left a blank or a note row below).
  const row = [...rows.slice(1)].reverse().find((r) => /^https:\/\//.test(at(r, 'URL')));
  if (!row) return null;
  const fileId = at(row, 'ファイルID');
  const where = locate(fileId);
  return {
    name: at(row, '報告書名'),
    url: at(row, 'URL'),
    when: at(row, '作成日時'),
    who: at(row, '作成者'),
    period: at(row, '対象期間'),
    folder: { name: at(row, '保存先'), url: where.folderId ? folderUrl(where.folderId) : '' },
    shared: at(row, '共有した委員'),
    failed: at(row, '共有できなかった委員'),
    notes: at(row, '備考'),
    available: where.available,
  };
}

/** Whether the app can still open the Doc (drive.file: it created it) and its folder. */
function locate(fileId: string): { available: boolean; folderId: string } {
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(fileId) || typeof Drive === 'undefined') return { available: false, folderId: '' };
  try {
    const f = Drive.Files!.get(fileId, { supportsAllDrives: true, fields: 'id,trashed,parents' });
    return { available: f.trashed !== true, folderId: String(f.parents?.[0] ?? '') };
  } catch {
    // Deleted for good, or no longer visible to the app.
    return { available: false, folderId: '' };
  }
}
