// 報告書 as a Google Doc in Drive, and its sharing with the committee (委員名簿).
// Apps Script side: DocumentApp for the content, Charts for the figures, the advanced Drive
// service (Drive API v3) for the file, its folder and its sharing (passed in, or the globals).
// Only the narrow scopes are needed: documents, and drive.file — the Doc and the folder are the
// app's own files. DriveApp is never used: it needs the full drive scope.
//
// Calls grow with sections, not with cells: a whole table is one appendTable(string[][]) and its
// styling a fixed number of calls (table, header row, header cells, column widths) whatever the
// number of rows; paragraphs are styled with one setAttributes map each (plus setHeading first
// for headings).
// Sharing is per person only (Permissions.create with type 'user'): this file never creates an
// 'anyone' or 'domain' permission, so a report is never opened to a link or a whole domain.

import * as z from 'zod/mini';
import type { Member } from '../core/model';
import { MEMBER_ROLE_LABELS, REPORT_HISTORY_COLUMNS } from '../core/schema';
import { escapeCell } from '../core/cells';
import type { Block, ReportModel, ReportTable } from '../core/report';
import { reportBlocks } from '../core/report';
import { chartBlob } from './report-chart';

export interface DocServices {
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
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

export interface RenderOptions {
  /** Folder to save in (absent: My Drive). */
  folder?: ReportFolder | null;
  /** The Doc to write into (createReportFile); created here when absent. */
  file?: ReportFile;
  /** For tests and the local runtime; defaults to the Apps Script globals. */
  services?: DocServices;
}

export interface RenderResult {
  docId: string;
  url: string;
  name: string;
  /** Folder the report is in ('' = My Drive). */
  folderId: string;
  folderName: string;
  /** Japanese notes for the person who ran it (e.g. the folder could not be used). */
  warnings: string[];
  blocks: number;
  tables: number;
}

// --- styles (A4, 2 cm margins; points) ---------------------------------------------------------

// BIZ UDPゴシック: offered by Google Docs and installed on Windows (what members print from).
const FONT = 'BIZ UDPGothic';
const PAGE = { width: 595.3, height: 841.9, margin: 56.7 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Chart width in pixels (Docs measures inline images in px; 1 px = 0.75 pt). */
const CHART_WIDTH_PX = 600;
const NAVY = '#1f3864';
const HEADER_FILL = '#d9e2f3';
const LABEL_FILL = '#f2f2f2';

type Style = Record<string, unknown>;

function styles(D: GoogleAppsScript.Document.DocumentApp): Record<string, Style> {
  const A = D.Attribute as unknown as Record<string, string>;
  const H = D.ParagraphHeading as unknown as Record<string, unknown>;
  const AL = D.HorizontalAlignment as unknown as Record<string, unknown>;
  // HEADING stays in the map for readability; styleParagraph sets it first, on its own (applying
  // a heading resets the paragraph to the named style, so the other attributes must come after).
  const s = (o: Record<string, unknown>): Style => {
    const out: Style = {};
    for (const [k, v] of Object.entries(o)) out[A[k]] = v;
    return out;
  };
  const base = { FONT_FAMILY: FONT, FOREGROUND_COLOR: '#222222', BOLD: false, ITALIC: false };
  return {
    title: s({ HEADING: H.TITLE, ...base, FONT_SIZE: 28, BOLD: true, FOREGROUND_COLOR: NAVY, HORIZONTAL_ALIGNMENT: AL.CENTER, SPACING_BEFORE: 24, SPACING_AFTER: 12 }),
    subtitle: s({ HEADING: H.SUBTITLE, ...base, FONT_SIZE: 18, FOREGROUND_COLOR: NAVY, HORIZONTAL_ALIGNMENT: AL.CENTER, SPACING_AFTER: 48 }),
    coverTop: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 16, HORIZONTAL_ALIGNMENT: AL.CENTER, SPACING_BEFORE: 180, SPACING_AFTER: 12 }),
    coverLine: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 12, HORIZONTAL_ALIGNMENT: AL.CENTER, SPACING_AFTER: 6 }),
    coverEmphasis: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 14, HORIZONTAL_ALIGNMENT: AL.CENTER, SPACING_BEFORE: 36, SPACING_AFTER: 6 }),
    h1: s({ HEADING: H.HEADING1, ...base, FONT_SIZE: 16, BOLD: true, FOREGROUND_COLOR: NAVY, HORIZONTAL_ALIGNMENT: AL.LEFT, SPACING_BEFORE: 6, SPACING_AFTER: 10 }),
    h2: s({ HEADING: H.HEADING2, ...base, FONT_SIZE: 13, BOLD: true, FOREGROUND_COLOR: NAVY, HORIZONTAL_ALIGNMENT: AL.LEFT, SPACING_BEFORE: 16, SPACING_AFTER: 6 }),
    h3: s({ HEADING: H.HEADING3, ...base, FONT_SIZE: 11, BOLD: true, FOREGROUND_COLOR: '#333333', HORIZONTAL_ALIGNMENT: AL.LEFT, SPACING_BEFORE: 10, SPACING_AFTER: 4 }),
    normal: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 10.5, HORIZONTAL_ALIGNMENT: AL.JUSTIFY, LINE_SPACING: 1.4, INDENT_FIRST_LINE: 10.5, SPACING_AFTER: 4 }),
    note: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 9, FOREGROUND_COLOR: '#555555', HORIZONTAL_ALIGNMENT: AL.LEFT, SPACING_BEFORE: 2, SPACING_AFTER: 2 }),
    placeholder: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 10.5, FOREGROUND_COLOR: '#666666', HORIZONTAL_ALIGNMENT: AL.LEFT, SPACING_AFTER: 4 }),
    quote: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 10.5, FOREGROUND_COLOR: '#333333', HORIZONTAL_ALIGNMENT: AL.LEFT, INDENT_START: 14, INDENT_FIRST_LINE: 14, SPACING_AFTER: 6 }),
    item: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 10.5, HORIZONTAL_ALIGNMENT: AL.LEFT, INDENT_START: 21, INDENT_FIRST_LINE: 10.5, SPACING_AFTER: 2 }),
    toc1: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 10.5, BOLD: true, HORIZONTAL_ALIGNMENT: AL.LEFT, SPACING_BEFORE: 6, SPACING_AFTER: 2 }),
    toc2: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 10.5, HORIZONTAL_ALIGNMENT: AL.LEFT, INDENT_START: 21, INDENT_FIRST_LINE: 21, SPACING_AFTER: 1 }),
    lead: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 10.5, BOLD: true, FOREGROUND_COLOR: '#333333', HORIZONTAL_ALIGNMENT: AL.LEFT, SPACING_BEFORE: 6, SPACING_AFTER: 2 }),
    attribution: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 9.5, FOREGROUND_COLOR: '#444444', HORIZONTAL_ALIGNMENT: AL.RIGHT, SPACING_AFTER: 10 }),
    caption: s({ HEADING: H.NORMAL, ...base, FONT_SIZE: 9, FOREGROUND_COLOR: '#444444', HORIZONTAL_ALIGNMENT: AL.LEFT, SPACING_AFTER: 8 }),
    table: s({ FONT_FAMILY: FONT, FONT_SIZE: 9, FOREGROUND_COLOR: '#222222', BORDER_COLOR: '#7f7f7f', BORDER_WIDTH: 0.5 }),
    headerRow: s({ BOLD: true }),
    body: s({ PAGE_WIDTH: PAGE.width, PAGE_HEIGHT: PAGE.height, MARGIN_TOP: PAGE.margin, MARGIN_BOTTOM: PAGE.margin, MARGIN_LEFT: PAGE.margin, MARGIN_RIGHT: PAGE.margin }),
  };
}

function defaultServices(): DocServices {
  if (typeof Drive === 'undefined') {
    throw new Error('The advanced Drive service is not enabled (appsscript.json dependencies.enabledAdvancedServices).');
  }
  return { DocumentApp, Drive, Utilities, Charts };
}

export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';

/**
 * Creates the empty Google Doc directly in its folder through the Drive API: a file the app
 * created is one drive.file lets it use (open, share). supportsAllDrives: the folder may be on a
 * shared drive.
 */
export function createReportFile(name: string, folder: ReportFolder | null | undefined, services: Pick<DocServices, 'Drive'> = defaultServices()): ReportFile {
  const resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File = { name, mimeType: GOOGLE_DOC_MIME };
  if (folder) resource.parents = [folder.id];
  const f = services.Drive.Files!.create(resource, null as unknown as GoogleAppsScript.Base.Blob, { supportsAllDrives: true, fields: 'id,webViewLink' });
  return { docId: String(f.id), url: String(f.webViewLink) };
}

/** Splits a style into its heading and the other attributes: the heading is set first. */
function splitHeading(D: GoogleAppsScript.Document.DocumentApp, style: Style): { heading: unknown; rest: Style } {
  const key = (D.Attribute as unknown as Record<string, string>).HEADING;
  const { [key]: heading, ...rest } = style;
  return { heading, rest };
}


/**
 * Creates the report as a new Google Doc (earlier reports are never touched), in `folderId`
 * when it can be used, else in My Drive with a warning.
 */
export function renderReportDoc(model: ReportModel, opts: RenderOptions = {}): RenderResult {
  const services = opts.services ?? defaultServices();
  const { DocumentApp: D } = services;
  const C = services.Charts ?? Charts;
  const warnings: string[] = [];
  const st = styles(D);
  const folder = opts.folder ?? null;
  const file = opts.file ?? createReportFile(model.docName, folder, services);
  const docId = file.docId;

  const doc = D.openById(docId);
  const body = doc.getBody();
  body.setAttributes(st.body);

  const blocks = reportBlocks(model);
  let tables = 0;
  let first = true;
  let coverLines = 0;

  // The heading is set on its own, before the other attributes: the order in which Docs applies
  // an attribute map is not guaranteed, and a heading applied last would reset the text style.
  // NORMAL is what a new paragraph already has, so it costs no call.
  const styleParagraph = (p: GoogleAppsScript.Document.Paragraph, style: Style): void => {
    const { heading, rest } = splitHeading(D, style);
    if (heading !== undefined && heading !== D.ParagraphHeading.NORMAL) p.setHeading(heading as GoogleAppsScript.Document.ParagraphHeading);
    p.setAttributes(rest);
  };

  const paragraph = (text: string, style: Style): void => {
    if (first) {
      // A new document starts with one empty paragraph: the first block goes there.
      const p = body.getParagraphs()[0];
      p.setText(text);
      styleParagraph(p, style);
      first = false;
      return;
    }
    styleParagraph(body.appendParagraph(text), style);
  };

  const table = (t: ReportTable): void => {
    tables++;
    first = false;
    const cells = [t.header, ...t.rows].map((r) => r.map((c) => (c === '' ? ' ' : c)));
    const tbl = body.appendTable(cells);
    tbl.setAttributes(st.table);
    const head = tbl.getRow(0);
    head.setAttributes(st.headerRow);
    for (let c = 0; c < t.header.length; c++) {
      head.getCell(c).setBackgroundColor(HEADER_FILL);
    }
    if (t.variant === 'kv') {
      // Label column shaded: kv tables have a handful of rows by construction.
      for (let r = 1; r <= t.rows.length; r++) {
        tbl.getCell(r, 0).setBackgroundColor(LABEL_FILL);
      }
    }
    const sum = t.widths.reduce((a, b) => a + b, 0) || 1;
    t.widths.forEach((w, c) => {
      tbl.setColumnWidth(c, Math.round((CONTENT_WIDTH * w) / sum * 10) / 10);
    });
  };

  for (const b of blocks as Block[]) {
    switch (b.kind) {
      case 'coverLine':
        paragraph(b.text, coverLines++ === 0 ? st.coverTop : b.emphasis ? st.coverEmphasis : st.coverLine);
        break;
      case 'title':
        paragraph(b.text, st.title);
        break;
      case 'subtitle':
        paragraph(b.text, st.subtitle);
        break;
      case 'heading':
        if (b.newPage) {
          first = false;
          body.appendPageBreak();
        }
        paragraph(b.text, b.level === 1 ? st.h1 : b.level === 2 ? st.h2 : st.h3);
        break;
      case 'toc':
        // DocumentApp cannot insert a table of contents: the headings as a list (their outline links stay in the Doc's outline).
        for (const e of b.entries) paragraph(e.text, e.level === 1 ? st.toc1 : st.toc2);
        break;
      case 'paragraph':
        paragraph(b.text, st[b.tone && b.tone !== 'normal' ? b.tone : 'normal']);
        break;
      case 'table':
        table(b.table);
        break;
      case 'chart': {
        first = false;
        // Drawn by the Charts service at the spec's size; shown at the content width.
        const img = body.appendImage(chartBlob(b.chart, C));
        img.setWidth(CHART_WIDTH_PX).setHeight(Math.round((b.chart.height * CHART_WIDTH_PX) / b.chart.width));
        img.setAltTitle(b.chart.title);
        img.getParent().asParagraph().setAlignment(D.HorizontalAlignment.CENTER);
        paragraph(b.caption, st.caption);
        break;
      }
      case 'pageBreak':
        first = false;
        body.appendPageBreak();
        break;
    }
  }

  doc.saveAndClose();
  return {
    docId,
    url: file.url,
    name: model.docName,
    folderId: folder ? folder.id : '',
    folderName: folder ? folder.name : '',
    warnings,
    blocks: blocks.length,
    tables,
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
