// Appendix files of a report too big for one Google Doc (core/report-size.ts): one CSV file per
// table moved out of the body, saved next to the report and shared with the same members, so the
// committee can open the full plan list from the report's link.
import type { Member } from '../core/model';
import { linkOverflow, overflowCsv, type ReportFit } from '../core/report-size';
import type { ReportModel } from '../core/report';
import { shareReport } from './report-doc';

export interface Appendix {
  /** The model to render: as it was, or the summary form linking to the files. */
  model: ReportModel;
  files: GoogleAppsScript.Drive.File[];
}

/** Creates the files of a split report (in My Drive until placeAppendix moves them) and links them. */
export function createAppendix(fit: Extract<ReportFit, { status: 'fits' | 'split' }>): Appendix {
  if (fit.status === 'fits') return { model: fit.model, files: [] };
  const files = fit.overflow.map((o) => DriveApp.createFile(o.file, overflowCsv(o.table), 'text/csv'));
  const urls: Record<string, string> = {};
  files.forEach((f, i) => { urls[fit.overflow[i].file] = f.getUrl(); });
  return { model: linkOverflow(fit.model, urls), files };
}

/** Moves the files to the report's folder ('' = My Drive: they are there) and shares them like it. */
export function placeAppendix(files: GoogleAppsScript.Drive.File[], folderId: string, members: Member[]): void {
  const folder = folderId && files.length > 0 ? DriveApp.getFolderById(folderId) : null;
  for (const f of files) {
    if (folder) f.moveTo(folder);
    shareReport(f.getId(), members);
  }
}
