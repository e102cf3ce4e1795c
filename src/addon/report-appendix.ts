// Appendix files of a report too big for one Google Doc (core/report-size.ts): one CSV file per
// table moved out of the body, saved next to the report and shared with the same members, so the
// committee can open the full plan list from the report's link. Created through the Drive API in
// the report's folder (drive.file: the app's own files), like the report itself.
import type { Member } from '../core/model';
import { linkOverflow, overflowCsv, type ReportFit } from '../core/report-size';
import type { ReportModel } from '../core/report';
import { shareReport, type ReportFolder, type ShareOptions, type ShareOutcome } from './report-doc';

export interface AppendixFile {
  id: string;
  name: string;
  url: string;
}

export interface Appendix {
  /** The model to render: as it was, or the summary form linking to the files. */
  model: ReportModel;
  files: AppendixFile[];
}

/** Creates the files of a split report in the report's folder (null: My Drive) and links them. */
export function createAppendix(fit: Extract<ReportFit, { status: 'fits' | 'split' }>, folder: ReportFolder | null): Appendix {
  if (fit.status === 'fits') return { model: fit.model, files: [] };
  const files = fit.overflow.map((o): AppendixFile => {
    const blob = Utilities.newBlob(overflowCsv(o.table), 'text/csv', o.file);
    const resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File = { name: o.file, mimeType: 'text/csv' };
    if (folder) resource.parents = [folder.id];
    const f = Drive!.Files!.create(resource, blob, { supportsAllDrives: true, fields: 'id,name,webViewLink' });
    return { id: String(f.id), name: String(f.name), url: String(f.webViewLink) };
  });
  const urls: Record<string, string> = {};
  files.forEach((f, i) => { urls[fit.overflow[i].file] = f.url; });
  return { model: linkOverflow(fit.model, urls), files };
}

/** Shares the appendix files like the report (the same members, roles and notification). */
export function shareAppendix(files: AppendixFile[], members: Member[], opts: ShareOptions = {}): ShareOutcome[][] {
  return files.map((f) => shareReport(f.id, members, opts));
}
