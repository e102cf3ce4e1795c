// The report as a Google Doc (the .docx built by core/docx, uploaded through the Drive API and
// converted) and the sharing rules, run against the local Charts, Utilities and advanced Drive
// service (Drive API v3), whose import the local DocumentApp reads back; the local DriveApp is
// only a test window on the same Drive.
import { aggregate, NO_OVERRIDES } from '../../src/core/aggregate';
import type { Member, ProgressData } from '../../src/core/model';
import { buildReport, reportBlocks, type ReportModel } from '../../src/core/report';
import { NO_IMAGE_TEXT } from '../../src/core/docx';
import { fromJavaBytes, renderReportDoc, reportHistoryRow, shareReport, shareOutcomeCell, toJavaBytes, type DocServices } from '../../src/addon/report-doc';
import { REPORT_HISTORY_COLUMNS } from '../../src/core/schema';
import { CallCounter } from '../../src/local/gas/counter';
import { createDocsAndDrive, type LocalDocNode } from '../../src/local/gas/document';
import { LocalDriveApi } from '../../src/local/gas/drive-api';
import { LocalUtilities } from '../../src/local/gas/utilities';
import { LocalCharts } from '../../src/local/gas/charts';
import { chartPng } from '../../src/local/chart-png';
import { goal, num, plan, progressData } from '../core/fixtures';

const OWNER = 'jimukyoku@city.example.lg.jp';
const NOW = new Date('2026-11-21T05:05:00Z');

function setup() {
  const counter = new CallCounter();
  const { DocumentApp, DriveApp } = createDocsAndDrive(counter, OWNER);
  const api = new LocalDriveApi(counter, DriveApp);
  const services = { Drive: api, Utilities: new LocalUtilities(counter), Charts: new LocalCharts(counter) } as unknown as DocServices;
  return { counter, docs: DocumentApp, drive: DriveApp, api, services };
}

/** `goals` 基本目標 under one 基本方針, `plansPerGoal` plans each, one indicator per plan. */
function synthetic(goals: number, plansPerGoal: number): ProgressData {
  const plans = [];
  for (let g = 1; g <= goals; g++) {
    for (let p = 1; p <= plansPerGoal; p++) {
      plans.push(plan({ id: `${g}-${p}`, goal: `${g}`, dept: '情報政策課', name: `プラン${g}-${p}`, indicators: [
        { name: '申請件数', unit: '件', baseline: num(0, '件'), target: num(100, '件'), targetYear: 2024, actuals: { R4: num(40 + ((g * 7 + p * 13) % 70), '件') } },
      ] }));
    }
  }
  const hierarchy = [
    { level: '基本方針' as const, code: 'P', name: '行政のデジタル化', text: '', parentCode: '' },
    ...Array.from({ length: goals }, (_, i) => ({ ...goal(`${i + 1}`, `基本目標その${i + 1}`), parentCode: 'P' })),
  ];
  return progressData(plans, { settings: { evaluationYear: 2022 }, hierarchy });
}

function modelOf(data: ProgressData): ReportModel {
  return buildReport(data, aggregate(data, { overrides: NO_OVERRIDES }), { now: NOW });
}

type TableNode = Extract<LocalDocNode, { type: 'TABLE' }>;
type ParaNode = Extract<LocalDocNode, { type: 'PARAGRAPH' | 'LIST_ITEM' }>;

describe('renderReportDoc: the .docx converted into a Google Doc with the .docx\'s outline, tables, figures, header, footer and TOC', () => {
  test('the outline is the report: TITLE on the cover, HEADING1 per 基本方針, HEADING2 per 基本目標 (the 目次 title is the TOC\'s, outside the outline)', () => {
    const { docs, services } = setup();
    const model = modelOf(synthetic(3, 2));
    const r = renderReportDoc(model, { services });
    const outline = docs.localOutline(r.docId);
    const blocks = reportBlocks(model);
    const expected = blocks.flatMap((b, i) => {
      if (b.kind === 'title') return [{ heading: 'TITLE', text: b.text }];
      if (b.kind === 'subtitle') return [{ heading: 'SUBTITLE', text: b.text }];
      if (b.kind === 'heading' && blocks[i + 1]?.kind !== 'toc') return [{ heading: `HEADING${b.level}`, text: b.text }];
      return [];
    });
    expect(outline).toEqual(expected);
    expect(outline.filter((o) => o.heading === 'HEADING1').map((o) => o.text)).toEqual(['総括', '評価の概要', '基本方針P　行政のデジタル化', '資料']);
    expect(outline.filter((o) => o.heading === 'HEADING2' && /^基本目標\d/.test(o.text)).map((o) => o.text)).toEqual([
      '基本目標1　基本目標その1', '基本目標2　基本目標その2', '基本目標3　基本目標その3',
    ]);
  });

  test('each table is the model table, cell for cell: header shaded, bold and repeated on each page; numbers right-aligned', () => {
    const { docs, services } = setup();
    const model = modelOf(synthetic(2, 3));
    const r = renderReportDoc(model, { services });
    const tables = docs.localStructure(r.docId).filter((n): n is TableNode => n.type === 'TABLE');
    const modelTables = reportBlocks(model).flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables).toHaveLength(modelTables.length);
    tables.forEach((t, i) => {
      const m = modelTables[i];
      // Word joiners keep figures with their units on one line (core/tokens.ts); they are not text.
      expect(t.cells.map((row) => row.map((c) => c.replace(/\u2060/g, '').trim()))).toEqual([m.header, ...m.rows].map((row) => row.map((c) => c.trim())));
      expect(t.backgrounds[0].every((b) => b === '#d9e2f3')).toBe(true);
      expect(t.headerRows).toBe(1);
      expect(t.cellParagraphs[0][0][0].runs?.[0].attributes).toMatchObject({ BOLD: true, FONT_SIZE: 9 });
      expect(Object.keys(t.columnWidths)).toHaveLength(m.header.length);
      m.align?.forEach((a, c) => {
        if (a === 'right' && m.rows.length) expect(t.cellParagraphs[1][c][0].attributes.HORIZONTAL_ALIGNMENT).toBe('RIGHT');
      });
    });
    const goalTable = tables.find((t) => t.cells[0][0] === 'プラン');
    expect(goalTable?.cells[1][0].replace(/\u2060/g, '')).toBe('1-1 プラン1-1\n（情報政策課）');
  });

  test('each figure is the PNG the Charts service drew, centred, followed by its caption', () => {
    const { docs, services } = setup();
    const model = modelOf(synthetic(3, 2));
    const r = renderReportDoc(model, { services });
    const s = docs.localStructure(r.docId);
    const withImages = s.filter((n): n is ParaNode => n.type !== 'TABLE' && n.type !== 'TABLE_OF_CONTENTS' && n.inline.some((i) => i.type === 'INLINE_IMAGE'));
    expect(withImages).toHaveLength(model.summary.charts.length);
    const para = withImages.at(-1)!;
    const img = para.inline[0];
    if (img.type !== 'INLINE_IMAGE') throw new Error('expected an image');
    expect(img.contentType).toBe('image/png');
    const fig = model.summary.charts.at(-1)!;
    expect(img.altTitle ?? img.altDescription).toContain(fig.chart.title);
    expect(para.attributes.HORIZONTAL_ALIGNMENT).toBe('CENTER');
    // The Charts service drew the spec (the local Charts draws the same picture as the CLI's renderer).
    expect(Buffer.from(img.bytes).equals(chartPng(fig.chart, 1).bytes)).toBe(true);
    expect(s[s.indexOf(para) + 1]).toMatchObject({ text: expect.stringMatching(/^図\d　/) });
  });

  test('header with the title, footer with the page number, a real table of contents', () => {
    const { docs, services } = setup();
    const model = modelOf(synthetic(2, 2));
    const r = renderReportDoc(model, { services });
    const sections = docs.localSections(r.docId);
    expect(sections.header?.map((n) => (n.type === 'TABLE' ? '' : n.text)).join('')).toBe(model.title);
    const footer = sections.footer!.flatMap((n) => (n.type === 'PARAGRAPH' ? n.inline : []));
    expect(footer).toContainEqual(expect.objectContaining({ type: 'UNSUPPORTED', field: 'PAGE' }));
    const toc = docs.localStructure(r.docId).find((n) => n.type === 'TABLE_OF_CONTENTS');
    const entries = reportBlocks(model).flatMap((b) => (b.kind === 'toc' ? b.entries.map((e) => e.text) : []));
    expect(toc?.type === 'TABLE_OF_CONTENTS' && toc.entries.map((e) => e.text)).toEqual(entries);
  });

  test('calls do not grow with the report: one blob, one Drive call, Charts per figure — the same for 4 plans and 200 but a chart row per 基本目標', () => {
    const cost = (goals: number, plans: number): Record<string, number> => {
      const { counter, services } = setup();
      renderReportDoc(modelOf(synthetic(goals, plans)), { services });
      return counter.snapshot();
    };
    const small = cost(2, 2);
    const big = cost(10, 20);
    expect(small).toMatchObject({ 'Drive.Files.create': 1, 'Utilities.newBlob': 1 });
    // Only the chart's data rows follow the report: one per bar (基本目標), not per plan or cell.
    const { 'DataTableBuilder.addRow': smallRows, ...smallRest } = small;
    const { 'DataTableBuilder.addRow': bigRows, ...bigRest } = big;
    expect(bigRest).toEqual(smallRest);
    expect([smallRows, bigRows]).toEqual([2, 10]);
    expect(Object.values(big).reduce((a, b) => a + b, 0)).toBeLessThan(100);
  });

  test('a figure the Charts service cannot draw: the report is still made, with a note in its place and a warning', () => {
    const { docs, services } = setup();
    const broken = { ...services, Charts: { newDataTable: () => { throw new Error('Charts が使えません'); } } } as unknown as DocServices;
    const model = modelOf(synthetic(2, 2));
    const r = renderReportDoc(model, { services: broken });
    expect(r.warnings).toHaveLength(model.summary.charts.length);
    expect(r.warnings[0]).toMatch(/^図1（.*）を作成できませんでした（Charts が使えません）/);
    const texts = docs.localStructure(r.docId).map((n) => (n.type === 'TABLE' ? '' : n.text));
    expect(texts).toContain(NO_IMAGE_TEXT);
  });

  test('Apps Script bytes are signed: the .docx goes up as -128..127 and comes back the same', () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 200, 255]);
    expect(toJavaBytes(bytes)).toEqual([0, 1, 127, -128, -56, -1]);
    expect([...fromJavaBytes(toJavaBytes(bytes))]).toEqual([...bytes]);
  });

  test('named with plan, period and timestamp; the link is the Doc\'s', () => {
    const { docs, drive, services } = setup();
    const model = modelOf(synthetic(1, 1));
    const r = renderReportDoc(model, { services });
    expect(r.name).toBe('地域情報化計画 進捗状況報告書（令和4年度）（案） 2026-11-21 14:05'.replace('地域情報化計画', model.cover.planName));
    expect(drive.getFileById(r.docId).getName()).toBe(r.name);
    expect(r.url).toBe(`https://docs.google.com/document/d/${r.docId}/edit?usp=drivesdk`);
    expect(docs.localStructure(r.docId)[0]).toMatchObject({ type: 'PARAGRAPH', text: model.cover.planName });
  });

  test('created directly in the folder given (Drive API files.create with parents); My Drive otherwise', () => {
    const { drive, api, services } = setup();
    const folder = drive.createFolder('報告書');
    const inFolder = renderReportDoc(modelOf(synthetic(1, 1)), { services, folder: { id: folder.getId(), name: '報告書' } });
    expect(drive.localItem(inFolder.docId).parents).toEqual([folder.getId()]);
    expect(drive.localItem(inFolder.docId).mimeType).toBe('application/vnd.google-apps.document');
    expect(inFolder.folderName).toBe('報告書');
    expect(inFolder.warnings).toEqual([]);
    expect(api.log[0].args).toMatchObject({ supportsAllDrives: true });
    const inRoot = renderReportDoc(modelOf(synthetic(1, 1)), { services });
    expect(drive.localItem(inRoot.docId).parents).toEqual([drive.localRootId()]);
  });

  test('a folder the app cannot see (drive.file) is "File not found", and no Doc is created', () => {
    const { drive, docs, services } = setup();
    const theirs = drive.localCreateByPerson('人が作ったフォルダ');
    expect(() => renderReportDoc(modelOf(synthetic(1, 1)), { services, folder: { id: theirs, name: 'x' } }))
      .toThrow(`API call to drive.files.create failed with error: File not found: ${theirs}.`);
    expect(docs.localDocumentIds()).toEqual([]);
  });

  test('a second report is a new document; the first is left exactly as it was', () => {
    const { docs, drive, services } = setup();
    const data = synthetic(2, 2);
    const first = renderReportDoc(modelOf(data), { services });
    const before = JSON.stringify(docs.localStructure(first.docId));
    const firstName = drive.getFileById(first.docId).getName();
    data.plans[0].comment = '第2回で追記';
    const second = renderReportDoc(buildReport(data, aggregate(data, { overrides: NO_OVERRIDES }), { now: new Date('2026-11-28T01:00:00Z') }), { services });
    expect(second.docId).not.toBe(first.docId);
    expect(second.name).toContain('2026-11-28 10:00');
    expect(JSON.stringify(docs.localStructure(first.docId))).toBe(before);
    expect(drive.getFileById(first.docId).getName()).toBe(firstName);
    expect(docs.localDocumentIds()).toEqual([first.docId, second.docId]);
  });
});

describe('shareReport: the committee, person by person', () => {
  const member = (row: number, name: string, email: string, share = true, role: Member['role'] = 'commenter'): Member =>
    ({ row, name, title: '委員', email, share, role });

  function withReport() {
    const s = setup();
    const r = renderReportDoc(modelOf(synthetic(1, 1)), { services: s.services });
    return { ...s, fileId: r.docId };
  }

  test('commenter by default; each member with their own role', () => {
    const { drive, services, fileId } = withReport();
    const out = shareReport(fileId, [
      member(2, '委員長', 'iinchou@example.jp'),
      member(3, '閲覧', 'etsuran@example.jp', true, 'reader'),
      member(4, '編集', 'henshu@example.jp', true, 'writer'),
    ], { services });
    expect(out.map((o) => [o.status, o.reason])).toEqual([
      ['shared', 'コメント可として共有しました。'],
      ['shared', '閲覧者として共有しました。'],
      ['shared', '編集者として共有しました。'],
    ]);
    expect(drive.localItem(fileId).roles).toEqual({ 'iinchou@example.jp': 'commenter', 'etsuran@example.jp': 'reader', 'henshu@example.jp': 'writer' });
    expect(drive.sharingLog.map((e) => [e.method, e.role])).toEqual([
      ['Drive.Permissions.create', 'commenter'], ['Drive.Permissions.create', 'reader'], ['Drive.Permissions.create', 'writer'],
    ]);
    // Drive's notification mail is on by default.
    expect(drive.sharingLog.every((e) => e.notified)).toBe(true);
  });

  test('an invalid or empty address is failed with the reason and never tried; 不要 is skipped', () => {
    const { drive, services, fileId } = withReport();
    const out = shareReport(fileId, [
      member(2, '山田', 'yamada@'),
      member(3, '空欄', ''),
      member(4, '不要', 'fuyou@example.jp', false),
      member(5, '全角', 'ｉｉｎ＠example.jp'),
    ], { services });
    expect(out.map((o) => o.status)).toEqual(['failed', 'failed', 'skipped', 'failed']);
    expect(out[0].reason).toBe('メールアドレス「yamada@」の形式が正しくないため、共有していません。name@example.jp の形で入力してください。');
    expect(out[1].reason).toContain('メールアドレスが空欄');
    expect(out[2].reason).toContain('共有の要否が「要」ではない');
    expect(out[0].row).toBe(2);
    expect(drive.sharingLog).toEqual([]);
  });

  test('the notification mail carries the short message; with notify off, no mail and no message', () => {
    const { drive, services, fileId } = withReport();
    shareReport(fileId, [member(2, 'a', 'a@example.jp')], { services, message: '報告書を共有します。' });
    expect(drive.sharingLog[0]).toMatchObject({ who: 'a@example.jp', notified: true, message: '報告書を共有します。' });
    shareReport(fileId, [member(3, 'b', 'b@example.jp')], { services, notify: false, message: '報告書を共有します。' });
    expect(drive.sharingLog[1]).toMatchObject({ who: 'b@example.jp', notified: false });
    expect(drive.sharingLog[1].message).toBeUndefined();
  });

  test('an address Drive refuses is failed with its reason; the others are still shared', () => {
    const s = setup();
    const api = new LocalDriveApi(s.counter, s.drive, { nonGoogleAddresses: ['nogoogle@example.jp'] });
    const services = { ...s.services, Drive: api } as unknown as DocServices;
    const r = renderReportDoc(modelOf(synthetic(1, 1)), { services });
    const out = shareReport(r.docId, [member(2, 'x', 'nogoogle@example.jp'), member(3, 'y', 'y@example.jp')], { services, notify: false });
    expect(out.map((o) => o.status)).toEqual(['failed', 'shared']);
    expect(out[0].reason).toContain('共有できませんでした');
  });

  test('never link or domain sharing: the audit log holds only per-person grants', () => {
    const { drive, services, fileId } = withReport();
    shareReport(fileId, [member(2, 'a', 'a@example.jp'), member(3, 'b', 'b@example.jp', true, 'writer')], { services });
    expect(drive.sharingLog.length).toBe(2);
    for (const e of drive.sharingLog) {
      expect(e.method).toBe('Drive.Permissions.create');
      expect(['ANYONE', 'ANYONE_WITH_LINK', 'DOMAIN', 'DOMAIN_WITH_LINK']).not.toContain(e.who);
      expect(e.who).toMatch(/@/);
    }
    expect(String(drive.getFileById(fileId).getSharingAccess())).toBe('PRIVATE');
  });

  test('a second run shares nobody twice', () => {
    const { drive, services, fileId } = withReport();
    const members = [member(2, 'a', 'a@example.jp'), member(3, 'b', 'B@Example.jp', true, 'reader')];
    shareReport(fileId, members, { services });
    const logged = drive.sharingLog.length;
    const again = shareReport(fileId, members, { services });
    expect(again.map((o) => [o.status, o.reason])).toEqual([
      ['skipped', 'この報告書には既に共有しています。'],
      ['skipped', 'この報告書には既に共有しています。'],
    ]);
    expect(drive.sharingLog.length).toBe(logged);
  });

  test('the same address twice in the list, and the owner, are skipped', () => {
    const { drive, services, fileId } = withReport();
    const out = shareReport(fileId, [member(2, 'a', 'a@example.jp'), member(5, 'a2', 'a@example.jp'), member(6, '事務局', OWNER)], { services });
    expect(out.map((o) => o.status)).toEqual(['shared', 'skipped', 'skipped']);
    expect(out[1].reason).toContain('2行目');
    expect(out[2].reason).toContain('所有者');
    expect(drive.sharingLog).toHaveLength(1);
  });

  test('a member already shared on a different report is shared on the new one', () => {
    const { services, drive } = setup();
    const a = renderReportDoc(modelOf(synthetic(1, 1)), { services });
    const b = renderReportDoc(modelOf(synthetic(1, 1)), { services });
    const m = [member(2, 'a', 'a@example.jp')];
    expect(shareReport(a.docId, m, { services })[0].status).toBe('shared');
    expect(shareReport(b.docId, m, { services })[0].status).toBe('shared');
    expect(drive.sharingLog.map((e) => e.fileId)).toEqual([a.docId, b.docId]);
  });

  test('the 報告書履歴 row names the report, who made it, where it is and who got it', () => {
    const { services } = setup();
    const model = modelOf(synthetic(1, 1));
    const r = renderReportDoc(model, { services });
    const out = shareReport(r.docId, [member(2, '見本 太郎', 'a@example.jp'), member(3, '山田', 'yamada@')], { services });
    const row = reportHistoryRow(model, r, out, 'jimukyoku@example.jp');
    expect(row).toHaveLength(REPORT_HISTORY_COLUMNS.length);
    // Text starting with a digit is escaped (core/cells escapeCell) so Sheets keeps it as text.
    expect(row).toEqual([
      "'2026-11-21 14:05", 'jimukyoku@example.jp', model.docName, '令和4年度', r.url, `'${r.docId}`, 'マイドライブ', "'1名（見本 太郎）", "'1名（山田）", '',
    ]);
  });

  test('outcome cell text for 委員名簿', () => {
    expect(shareOutcomeCell({ row: 2, name: 'a', email: 'a@example.jp', role: 'commenter', status: 'shared', reason: '' }, '2026-11-21 14:05'))
      .toBe('共有済（コメント可）2026-11-21 14:05');
    expect(shareOutcomeCell({ row: 2, name: 'a', email: 'x', role: 'reader', status: 'failed', reason: '形式が正しくない' }, ''))
      .toBe('失敗: 形式が正しくない');
  });
});
