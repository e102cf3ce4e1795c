// 報告書作成 on a workbook whose full report would not fit a Google Doc: the body carries per-goal
// summaries, the plan list goes to a CSV appendix file next to the report, linked and shared like it.
import { DOC_CHAR_LIMIT, PLAN_LIST_FILE } from '../../src/core/report-size';
import type { ReportSummary } from '../../src/addon/api';
import type { LocalDocumentApp } from '../../src/local/gas/document';
import type { LocalDriveApp } from '../../src/local/gas/drive';
import { openSession } from '../../src/local/session';
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { syntheticGrids } from '../../src/local/synthetic';

test('a report past a Doc\'s capacity is split: summaries in the Doc, the plan list as a linked, shared CSV', () => {
  const s = openSession(spreadsheetFromGrids('big', syntheticGrids(10500)));
  const summary = s.run('createReport').result as ReportSummary;
  // The test looks through DriveApp (not the add-on, which has no drive scope): no scope checks here.
  s.runtime.counter.scopes = null;
  const docs = s.runtime.globals.DocumentApp as unknown as LocalDocumentApp;
  const drive = s.runtime.globals.DriveApp as unknown as LocalDriveApp;
  const [docId] = docs.localDocumentIds();
  const nodes = docs.localStructure(docId);
  const text = nodes.map((n) => (n.type === 'TABLE' ? n.cells.flat().join('\n') : n.text)).join('\n');
  expect(text.length).toBeLessThan(DOC_CHAR_LIMIT);
  expect(summary.warnings.join()).toMatch(/Google ドキュメント 1 つに収まらないため.*添付ファイル/);

  const list = `${summary.name} ${PLAN_LIST_FILE}`;
  const listFile = drive.getFilesByName(list).next();
  const csv = listFile.getBlob().getDataAsString();
  const rows = csv.trim().split('\r\n');
  // Every plan is in the list (a row per indicator, and a summary row under plans with several).
  expect(rows[0]).toMatch(/^\ufeff?基本目標,プラン,/);
  const ids = new Set(rows.slice(1).map((r) => r.split(',')[1]?.split(/\s/)[0]));
  expect(ids.size).toBeGreaterThanOrEqual(10500);
  // The body links to it.
  expect(text).toContain(listFile.getUrl());
  // Shared with the same members as the report.
  const doc = drive.getFileById(docId);
  const emails = (f: typeof doc) => [...f.getViewers(), ...f.getEditors()].map((u) => u.getEmail()).sort();
  expect(emails(listFile)).toEqual(emails(doc));
  expect(emails(doc).length).toBeGreaterThan(0);
});
