// 報告書作成: runs 集計 (so the report and 集計結果 show the same numbers), builds the report as a
// .docx and uploads it converted into a new Google Doc in the report folder (report-doc.ts),
// shares it with the members marked 要, and records it on 報告書履歴 (always, once anything exists
// in Drive, even when sharing failed) and the outcome per member in the add-on's 共有結果 column
// of 委員名簿. A report too big for one Doc is refused before anything is written.
import type { ReportSummary } from './api';
import type { Grid } from '../core/model';
import { reportOf } from '../core/pipeline';
import { MEMBER_OWNED_COLUMNS, REPORT_HISTORY_COLUMNS, SHEETS } from '../core/schema';
import { readSettings } from '../core/settings';
import { escapeCell } from '../core/cells';
import { cellText, escapeHtml } from '../core/text';
import { renderReportDoc, reportHistoryRow, shareOutcomeCell, shareReport, type RenderResult, type ShareOutcome } from './report-doc';
import { checkTypedFolder, folderUrl, ownReportFolder, type ResolvedFolder } from './report-folder';
import { fitReport } from '../core/report-size';
import { createAppendix, shareAppendix } from './report-appendix';
import { UserError } from './errors';
import { AGGREGATE_READS, prepareAggregate } from './aggregate';
import { INPUT_SHEETS, readInputs } from './inputs';
import { withDocumentLock } from './lock';
import { prepareAppend, prepareOwnedColumn, WriteBatch } from './sheets';
import { reportBasis } from './confirm';
import { SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS } from '../core/confirm';
import { SHEET_MEMBER_OPINIONS, withAdoptedOpinions } from '../core/committee';

export const SHARE_RESULT_NOTE = '進捗管理アドオンが書き込む列です（報告書の共有結果）。編集しないでください。';

/**
 * Prepares each member's outcome in the add-on-owned 共有結果 column, in one setValues.
 * `outcomes` null: a dry run with placeholders, to check before anything is written that the
 * column can be written (a person's column of that name, an input rule).
 */
function prepareShareOutcomes(
  batch: WriteBatch, sheet: GoogleAppsScript.Spreadsheet.Sheet | null | undefined, grid: Grid | undefined,
  outcomes: ShareOutcome[] | null, timestamp: string,
): void {
  if (!sheet || !grid || grid.values.length < 2 || outcomes?.length === 0) return;
  const header = grid.values[0].map((h) => cellText(h));
  const found = header.indexOf(MEMBER_OWNED_COLUMNS.shareResult);
  const width = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
  const col = found >= 0 ? found : width;
  const values = grid.values.slice(1).map((r) => [outcomes ? (found >= 0 ? cellText(r[col]) : '') : '共有結果']);
  for (const o of outcomes ?? []) values[o.row - 2] = [shareOutcomeCell(o, timestamp)];
  prepareOwnedColumn(batch, {
    sheet, name: SHEETS.members, grid, headerRow: 1, col: col + 1, mapped: found >= 0,
    header: MEMBER_OWNED_COLUMNS.shareResult, note: SHARE_RESULT_NOTE, firstRow: 2, legacy: /^(共有済|対象外|失敗)/,
    values: values.map((r) => [escapeCell(r[0])]),
  });
}

/** The short text Drive adds to each member's notification mail. */
export function shareMessage(docName: string, office: string): string {
  return `${office ? office + 'から' : ''}報告書「${docName}」を共有します。ご確認をお願いいたします。`;
}

export function runReport(): ReportSummary {
  return withDocumentLock('報告書作成', () => {
    const started = Date.now();
    const inputs = readInputs([...INPUT_SHEETS, ...AGGREGATE_READS, SHEETS.changes, SHEET_MEMBER_OPINIONS, SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS], [SHEETS.runLog, SHEETS.reports]);
    const { ss, grids, sheets } = inputs;
    // Preconditions before the first write: the folder must be usable (a typed ID the app
    // cannot open is refused here, with how to fix it). Without one, the add-on's own folder
    // (found or created in Drive; a folder is not a sheet write, and is reused next time).
    const typedSettings = readSettings(grids[SHEETS.settings]).settings;
    const typed = checkTypedFolder(typedSettings.reportFolderId, grids[SHEETS.settings]);
    const where: ResolvedFolder = typed ? { folder: typed, created: false, own: false } : ownReportFolder(typedSettings.planName);
    ss.toast('集計して、報告書を作成しています…', '報告書作成', -1);
    const batch = new WriteBatch(ss);
    const run = prepareAggregate(batch, inputs, started);
    // The report's own writes come after the Doc exists: check them now, before anything is
    // written, with placeholders (a person's sheet or column of the same name, input rules).
    const probe = new WriteBatch(ss);
    prepareAppend(probe, SHEETS.reports, REPORT_HISTORY_COLUMNS, [REPORT_HISTORY_COLUMNS.map(() => '報告書')], sheets.get(SHEETS.reports));
    prepareShareOutcomes(probe, sheets.get(SHEETS.members), grids[SHEETS.members], null, '');
    const { read } = run;
    const settings = read.data.settings;
    // A confirmed period is reported with its confirmed figures; opinions marked 採用 are 提言.
    const { basis, grids: basisGrids, note } = reportBasis(inputs, run);
    const model = reportOf(withAdoptedOpinions(basis, grids[SHEET_MEMBER_OPINIONS]), basisGrids, new Date());
    // Too big for one Doc: summaries in the body, the plan list as appendix files; refused if even
    // that is — before 集計 writes anything, so a refused report changes no sheet.
    const fit = fitReport(model);
    if (fit.status === 'refused') throw new UserError(fit.message);
    batch.commit();
    const appendix = createAppendix(fit, where.folder);

    // The Doc exists only once the converting upload succeeded. If it fails, the appendix files
    // already made are recorded on 報告書履歴 (nothing in Drive is left unrecorded).
    let render: RenderResult;
    try {
      render = renderReportDoc(appendix.model, { folder: where.folder });
    } catch (e) {
      const why = `報告書を Google ドキュメントとして保存できませんでした（${detail(e)}）。集計結果は更新しました。時間をおいてもう一度「報告書作成」を実行してください。`;
      if (appendix.files.length === 0) throw new UserError(why);
      const failed: RenderResult = {
        docId: '', url: '', name: appendix.model.docName, folderId: where.folder.id, folderName: where.folder.name, blocks: 0, tables: 0,
        warnings: [`報告書を Google ドキュメントとして保存できませんでした（${detail(e)}）。作成済みの添付ファイル ${appendix.files.map((f) => `${f.name}（${f.url}）`).join('、')} は共有していません。もう一度「報告書作成」を実行してください。`],
      };
      const record = new WriteBatch(ss);
      prepareAppend(record, SHEETS.reports, REPORT_HISTORY_COLUMNS, [reportHistoryRow(model, failed, [], run.who)], sheets.get(SHEETS.reports));
      record.commit();
      throw new UserError(`${why} 作成済みの添付ファイルは「${SHEETS.reports}」シートに記録しました。`);
    }
    const problems: string[] = [];
    if (appendix.files.length > 0) render.warnings.push(`報告書が Google ドキュメント 1 つに収まらないため、プランごとの表は添付ファイル ${appendix.files.length} 件（${appendix.files.map((f) => f.name).join('、')}）に分け、報告書からリンクしました。`);
    let outcomes: ShareOutcome[] = [];
    // From here the Doc exists: whatever fails, it is recorded on 報告書履歴 (never an orphan).
    try {
      const notify = settings.notifyMembers !== false;
      const share = { notify, message: notify ? shareMessage(model.docName, settings.office) : undefined };
      outcomes = shareReport(render.docId, read.data.members, share);
      shareAppendix(appendix.files, read.data.members, share);
    } catch (e) {
      problems.push(`委員への共有中にエラーが発生し、共有していない委員がいます（${detail(e)}）。報告書を開いて「共有」から共有するか、もう一度「報告書作成」を実行してください。`);
    }
    const recorded = { ...render, warnings: [...render.warnings, ...problems] };
    const record = new WriteBatch(ss);
    prepareAppend(record, SHEETS.reports, REPORT_HISTORY_COLUMNS, [reportHistoryRow(model, recorded, outcomes, run.who)], sheets.get(SHEETS.reports));
    prepareShareOutcomes(record, sheets.get(SHEETS.members), grids[SHEETS.members], outcomes, model.timestamp);
    record.commit();
    const shared = outcomes.filter((o) => o.status === 'shared').length;
    const failed = outcomes.filter((o) => o.status === 'failed');
    const message = problems.length
      ? `「${render.name}」を作成しましたが、途中でエラーが発生しました。「${SHEETS.reports}」シートに記録しました。`
      : `「${render.name}」を作成し、委員 ${shared} 名に共有しました。` +
        (failed.length ? ` 共有できなかった委員が ${failed.length} 名います（「${SHEETS.members}」の共有結果を確認してください）。` : '');
    const warnings = [
      ...(where.created ? [`報告書の保存先として、マイドライブにフォルダ「${where.folder.name}」を作成しました。次回からもこのフォルダに保存します。`] : []),
      ...recorded.warnings,
    ];
    ss.toast(message, '報告書作成');
    return {
      message,
      name: render.name,
      url: render.url,
      shared,
      outcomes: outcomes.map((o) => ({ name: o.name, status: o.status, reason: o.reason })),
      warnings: note ? [note, ...warnings] : warnings,
      folder: { name: where.folder.name, url: folderUrl(where.folder.id) },
    };
  });
}

function detail(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  const text = typeof m === 'string' ? m : String(e);
  console.error(e);
  return text;
}

/** A small dialog that ends the menu command with the link (all text escaped). */
export function reportDialogHtml(summary: ReportSummary): string {
  return `<div style="font:14px/1.6 Roboto,'Noto Sans JP',sans-serif">` +
    `<p>${escapeHtml(summary.message)}</p>` +
    `<p><a href="${escapeHtml(summary.url)}" target="_blank" rel="noopener">報告書を開く</a>` +
    `（保存先: <a href="${escapeHtml(summary.folder.url)}" target="_blank" rel="noopener">${escapeHtml(summary.folder.name)}</a>）</p>` +
    summary.warnings.map((w) => `<p style="color:#b06000">${escapeHtml(w)}</p>`).join('') +
    `</div>`;
}
