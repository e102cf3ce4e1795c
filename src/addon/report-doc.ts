// 報告書 as a Google Doc in Drive, and its sharing with the committee (委員名簿).
// The report is built once as a .docx (core/docx, pure and synchronous, the same file the CLI
// saves) and uploaded through the advanced Drive service (Drive API v3) with the Google Docs
// MIME type, so Drive converts it into a Google Doc in one call: the Doc has what the .docx has
// (header and footer with page numbers, table of contents, repeated table header rows,
// alignment, colours, heading outline) — DocumentApp could make none of the first three and
// needed ~800 calls for the rest. The figures are PNGs from the Charts service.
// Only the narrow scope drive.file is needed: the Doc and the folder are the app's own files.
// DriveApp is never used: it needs the full drive scope.
//
// Sharing is per person only (Permissions.create with type 'user'): this file never creates an
// 'anyone' or 'domain' permission, so a report is never opened to a link or a whole domain.

import * as z from 'zod/mini';
import type { Member } from '../core/model';
import { MEMBER_ROLE_LABELS, REPORT_HISTORY_COLUMNS } from '../core/schema';
import { escapeCell } from '../core/cells';
import type { ReportModel } from '../core/report';
import { reportBlocks } from '../core/report';
import { reportDocx, type DocxImage } from '../core/docx';
import { chartBlob } from './report-chart';

export interface DocServices {
  /** The advanced Drive service (v3), enabled in appsscript.json. */
  Drive: GoogleAppsScript.Drive;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  /** Charts service for the figures (default: the global). */
  Charts?: GoogleAppsScript.Charts.Charts;
}

/** The folder the report goes in (resolved by report-folder.ts before anything is written). */
export interface ReportFolder {
  id: string;
  name: string;
}

/** The report's file in Drive, as soon as it exists. */
export interface ReportFile {
  docId: string;
  url: string;
}

export interface RenderResult {
  docId: string;
  url: string;
  name: string;
  /** Folder the report is in ('' = My Drive). */
  folderId: string;
  folderName: string;
  /** Japanese notes for the person who ran it (e.g. a figure that could not be drawn). */
  warnings: string[];
  blocks: number;
  tables: number;
}

function defaultServices(): DocServices {
  if (typeof Drive === 'undefined') {
    throw new Error('The advanced Drive service is not enabled (appsscript.json dependencies.enabledAdvancedServices).');
  }
  return { Drive, Utilities, Charts };
}

export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Apps Script blobs hold Java bytes (-128..127): the .docx's bytes in that form. */
export function toJavaBytes(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] > 127 ? bytes[i] - 256 : bytes[i];
  return out;
}

/** Java bytes (-128..127) from Blob.getBytes() as unsigned bytes. */
export function fromJavaBytes(bytes: readonly number[]): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xff;
  return out;
}

/**
 * The figures as PNGs from the Charts service, by figure number. A figure the service cannot
 * draw is left out with a warning: the .docx then says so in its place (the numbers are in the
 * tables next to it), and the report is still made.
 */
export function reportImages(model: ReportModel, C: GoogleAppsScript.Charts.Charts = Charts): { images: Map<number, DocxImage>; warnings: string[] } {
  const images = new Map<number, DocxImage>();
  const warnings: string[] = [];
  for (const b of reportBlocks(model)) {
    if (b.kind !== 'chart') continue;
    try {
      images.set(b.figure, { png: fromJavaBytes(chartBlob(b.chart, C).getBytes()), width: b.chart.width, height: b.chart.height });
    } catch (e) {
      warnings.push(`図${b.figure}（${b.chart.title}）を作成できませんでした（${(e as Error).message}）。報告書には図の代わりにその旨を記載しました。`);
    }
  }
  return { images, warnings };
}

/**
 * Uploads the .docx into `folder` (My Drive when null) converted to a Google Doc: one Drive call.
 * A file the app created is one drive.file lets it use (share). supportsAllDrives: the folder
 * may be on a shared drive.
 */
export function uploadReport(name: string, docx: Uint8Array, folder: ReportFolder | null | undefined, services: Pick<DocServices, 'Drive' | 'Utilities'> = defaultServices()): ReportFile {
  const blob = services.Utilities.newBlob(toJavaBytes(docx), DOCX_MIME, `${name}.docx`);
  const resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File = { name, mimeType: GOOGLE_DOC_MIME };
  if (folder) resource.parents = [folder.id];
  const f = services.Drive.Files!.create(resource, blob, { supportsAllDrives: true, fields: 'id,webViewLink' });
  return { docId: String(f.id), url: String(f.webViewLink) };
}

export interface RenderOptions {
  /** Folder to save in (absent: My Drive). */
  folder?: ReportFolder | null;
  /** For tests and the local runtime; defaults to the Apps Script globals. */
  services?: DocServices;
}

/**
 * Creates the report as a new Google Doc (earlier reports are never touched): figures from
 * Charts, the .docx, one converting upload. Nothing exists in Drive until the upload succeeds.
 */
export function renderReportDoc(model: ReportModel, opts: RenderOptions = {}): RenderResult {
  const services = opts.services ?? defaultServices();
  const folder = opts.folder ?? null;
  const { images, warnings } = reportImages(model, services.Charts ?? Charts);
  const docx = reportDocx(model, images);
  const file = uploadReport(model.docName, docx, folder, services);
  const blocks = reportBlocks(model);
  return {
    docId: file.docId,
    url: file.url,
    name: model.docName,
    folderId: folder ? folder.id : '',
    folderName: folder ? folder.name : '',
    warnings,
    blocks: blocks.length,
    tables: blocks.filter((b) => b.kind === 'table').length,
  };
}

// --- sharing ------------------------------------------------------------------------------------

export type ShareStatus = 'shared' | 'skipped' | 'failed';

export interface ShareOutcome {
  /** Row on 委員名簿 (1-based), for writing the outcome back. */
  row: number;
  name: string;
  email: string;
  role: Member['role'];
  status: ShareStatus;
  /** Japanese, says why (and for failures what to do). */
  reason: string;
}

export interface ShareOptions {
  services?: Pick<DocServices, 'Drive'>;
  /** Send Drive's notification mail to each member (設定「共有の通知メール」). Default true. */
  notify?: boolean;
  /** Short text added to the notification mail (only when notify). */
  message?: string;
}

const emailSchema = z.email();

/** Same judgement as the 委員名簿 validation (zod's email rule). */
export function isShareableEmail(email: string): boolean {
  return emailSchema.safeParse(email).success;
}

export const ROLE_LABELS = MEMBER_ROLE_LABELS;

const ROLE_RANK: Record<string, number> = { reader: 1, commenter: 2, writer: 3, fileOrganizer: 4, organizer: 5, owner: 6 };

/** Every permission on the file (all pages), through the Drive API. */
function listPermissions(Drive: GoogleAppsScript.Drive, fileId: string): GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission[] {
  const out: GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission[] = [];
  let pageToken: string | undefined;
  do {
    const page = Drive.Permissions!.list(fileId, {
      supportsAllDrives: true, pageSize: 100, fields: 'nextPageToken,permissions(id,type,role,emailAddress)', ...(pageToken ? { pageToken } : {}),
    });
    out.push(...(page.permissions ?? []));
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return out;
}

/**
 * Shares the report with every member marked 共有の要否=要, each with their own role (default
 * コメント可), person by person through the Drive API (type 'user' only: never link or domain).
 * Invalid addresses are not tried. A member who already has at least that access (listed once
 * before sharing) is skipped, so running it again shares nobody twice. Returns one outcome per
 * member, in the order given.
 */
export function shareReport(fileId: string, members: Member[], opts: ShareOptions = {}): ShareOutcome[] {
  const Drive = (opts.services ?? defaultServices()).Drive;
  const notify = opts.notify ?? true;
  const existing = new Map<string, string>();
  for (const p of listPermissions(Drive, fileId)) {
    if (p.type === 'user' && p.emailAddress) existing.set(p.emailAddress.toLowerCase(), String(p.role));
  }
  const seen = new Map<string, number>();

  return members.map((m): ShareOutcome => {
    const email = (m.email ?? '').trim();
    const role: Member['role'] = m.role ?? 'commenter';
    const out = (status: ShareStatus, reason: string): ShareOutcome => ({ row: m.row, name: m.name, email, role, status, reason });
    if (!m.share) return out('skipped', '共有の要否が「要」ではないため、共有していません。');
    if (!email) return out('failed', 'メールアドレスが空欄のため、共有していません。委員名簿の「メール」にGoogleアカウントのメールアドレスを入力してください。');
    if (!isShareableEmail(email)) {
      return out('failed', `メールアドレス「${email}」の形式が正しくないため、共有していません。name@example.jp の形で入力してください。`);
    }
    const key = email.toLowerCase();
    if (seen.has(key)) return out('skipped', `同じメールアドレスが委員名簿の${seen.get(key)}行目にあるため、重ねて共有していません。`);
    seen.set(key, m.row);
    const has = existing.get(key);
    if (has === 'owner') return out('skipped', '報告書の作成者（所有者）のため、共有は不要です。');
    if (has && ROLE_RANK[has] >= ROLE_RANK[role]) return out('skipped', 'この報告書には既に共有しています。');
    try {
      Drive.Permissions!.create({ type: 'user', role, emailAddress: email }, fileId, {
        supportsAllDrives: true,
        sendNotificationEmail: notify,
        ...(notify && opts.message ? { emailMessage: opts.message } : {}),
        fields: 'id',
      });
    } catch (e) {
      return out('failed', `共有できませんでした（${(e as Error).message}）。メールアドレスがGoogleアカウントのものか確認してください。`);
    }
    existing.set(key, role);
    return out('shared', `${ROLE_LABELS[role]}として共有しました。`);
  });
}

/** Text for the outcome column of 委員名簿, e.g. '共有済（コメント可）2026-11-21 14:05'. */
export function shareOutcomeCell(o: ShareOutcome, timestamp: string): string {
  if (o.status === 'shared') return `共有済（${ROLE_LABELS[o.role]}）${timestamp}`;
  if (o.status === 'skipped') return `対象外: ${o.reason}`;
  return `失敗: ${o.reason}`;
}

/**
 * One row for 報告書履歴, in REPORT_HISTORY_COLUMNS order, escaped for setValues/appendRow.
 * Every run appends a row: earlier reports and their rows are kept.
 */
export function reportHistoryRow(model: ReportModel, render: RenderResult, outcomes: ShareOutcome[], who: string): string[] {
  const shared = outcomes.filter((o) => o.status === 'shared').map((o) => o.name);
  const failed = outcomes.filter((o) => o.status === 'failed').map((o) => o.name);
  const cells: Record<(typeof REPORT_HISTORY_COLUMNS)[number], string> = {
    作成日時: model.timestamp,
    作成者: who,
    報告書名: model.docName,
    対象期間: model.cover.periodLabel,
    URL: render.url,
    ファイルID: render.docId,
    保存先: render.folderName || 'マイドライブ',
    共有した委員: shared.length ? `${shared.length}名（${shared.join('、')}）` : '0名',
    共有できなかった委員: failed.length ? `${failed.length}名（${failed.join('、')}）` : '',
    備考: render.warnings.join(' '),
  };
  return REPORT_HISTORY_COLUMNS.map((c) => escapeCell(cells[c]));
}
