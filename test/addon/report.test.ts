// 報告書作成 through the built bundle: the Google Doc in the local Drive, its content against
// 集計結果, the sharing rules, and a second run that keeps the first report.
import { SHEETS, MEMBER_OWNED_COLUMNS } from '../../src/core/schema';
import type { ReportSummary } from '../../src/addon/api';
import type { LocalDocumentApp } from '../../src/local/gas/document';
import type { LocalDriveApp } from '../../src/local/gas/drive';
import { records, sampleSession } from './helpers';

function services(s: ReturnType<typeof sampleSession>) {
  return {
    docs: s.runtime.globals.DocumentApp as unknown as LocalDocumentApp,
    drive: s.runtime.globals.DriveApp as unknown as LocalDriveApp,
  };
}

describe('報告書作成', () => {
  const s = sampleSession();
  const summary = s.run('createReport').result as ReportSummary;
  const { docs, drive } = services(s);
  const docId = docs.localDocumentIds()[0];
  const structure = docs.localStructure(docId);
  const text = structure.map((n) => (n.type === 'TABLE' ? n.cells.flat().join('\n') : n.text)).join('\n');

  test('creates one Google Doc titled with plan, period and time, and returns its link', () => {
    expect(docs.localDocumentIds()).toHaveLength(1);
    expect(summary.name).toMatch(/^第5次須賀川市地域情報化計画 進捗状況報告書（令和4年度）（案） \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(summary.url).toContain(docId);
  });

  test('has a real outline: 基本方針 and 基本目標 as headings', () => {
    const outline = docs.localOutline(docId);
    const goals = records(s, SHEETS.goals);
    for (const g of goals) {
      expect(outline.some((o) => o.heading === 'HEADING2' && o.text.includes(String(g['名称'])))).toBe(true);
    }
    expect(outline.filter((o) => o.heading === 'HEADING1').length).toBeGreaterThanOrEqual(3);
  });

  test('contains every goal and plan, with the figures of 集計結果', () => {
    const results = records(s, SHEETS.results);
    for (const r of results) {
      expect(text).toContain(String(r['プラン名']));
      if (r['達成率']) expect(text).toContain(String(r['達成率']));
    }
    for (const g of records(s, SHEETS.goals)) expect(text).toContain(String(g['採用評価']));
  });

  test('shares with each member marked 要, as commenter by default, never by link or domain', () => {
    const log = drive.sharingLog.filter((e) => e.fileId === docId);
    // Only per-person grants through the Drive API: never a link or domain permission.
    expect(log.every((e) => e.method === 'Drive.Permissions.create' && /@/.test(e.who))).toBe(true);
    expect(log.filter((e) => e.outcome === 'granted').length).toBe(summary.shared);
    expect(log.filter((e) => e.role === 'commenter').length).toBeGreaterThan(0);
    expect(log.some((e) => e.role === 'reader')).toBe(true);
    // The notification mail is on by default, with the short Japanese message.
    expect(log.every((e) => e.notified && /報告書「.+」を共有します。/.test(e.message ?? ''))).toBe(true);
    const failed = summary.outcomes.filter((o) => o.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatch(/yamada@/);
    expect(drive.localItem(docId).access).toBe('PRIVATE');
  });

  test('writes the outcome per member in the add-on column and a row on 報告書履歴', () => {
    const members = records(s, SHEETS.members);
    expect(members.every((m) => String(m[MEMBER_OWNED_COLUMNS.shareResult]).length > 0)).toBe(true);
    expect(members.find((m) => m['メール'] === 'yamada@')?.[MEMBER_OWNED_COLUMNS.shareResult]).toMatch(/^失敗/);
    const history = records(s, SHEETS.reports);
    expect(history).toHaveLength(1);
    expect(history[0]['URL']).toBe(summary.url);
    expect(history[0]['作成者']).toBe('jimukyoku@example.jp');
  });

  test('a second run creates a new document, keeps the first and shares nobody twice on either', () => {
    const second = s.run('createReport').result as ReportSummary;
    const ids = docs.localDocumentIds();
    expect(ids).toHaveLength(2);
    expect(docs.localStructure(docId)).toEqual(structure);
    expect(second.url).not.toBe(summary.url);
    expect(records(s, SHEETS.reports)).toHaveLength(2);
    for (const id of ids) {
      const granted = drive.sharingLog.filter((e) => e.fileId === id && e.outcome === 'granted').map((e) => e.who);
      expect(new Set(granted).size).toBe(granted.length);
    }
  });
});

describe('報告書作成 when Drive refuses the converting upload', () => {
  test('no Doc exists, so nothing is shared and nothing goes on 報告書履歴; the message says what happened in Japanese', () => {
    const s = sampleSession();
    const api = s.runtime.globals.Drive as { Files: { create: (...a: unknown[]) => unknown } };
    const create = api.Files.create.bind(api.Files);
    // The report's upload (a blob converted to a Google Doc) fails; the folder is still made.
    api.Files.create = (resource: unknown, blob: unknown, args: unknown) => {
      if (blob) throw new Error('API call to drive.files.create failed with error: Backend Error');
      return create(resource, blob, args);
    };
    expect(() => s.run('createReport')).toThrow(/^報告書を Google ドキュメントとして保存できませんでした（API call to drive\.files\.create failed with error: Backend Error）。/);
    const { docs, drive } = services(s);
    expect(docs.localDocumentIds()).toEqual([]);
    expect(drive.sharingLog).toEqual([]);
    expect(s.sheetRecords(SHEETS.reports)?.rows ?? []).toEqual([]);
  });
});
