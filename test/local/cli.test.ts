// The CLI behind `npm run demo` and `npm run cli`: the built bundle run on a workbook file.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCommand } from '../../src/local/cli';
import { readReportDocx } from '../../src/local/report-docx-read';
import { renderHtml } from '../../src/local/report-html';
import { reportDocx } from '../../src/core/docx';
import { sampleSession } from '../addon/helpers';
import { loadWorkbook } from '../../src/local/workbook';
import { SHEETS } from '../../src/core/schema';
import type { LocalDriveApp } from '../../src/local/gas/drive';

jest.setTimeout(60000);

function json(dir: string, file: string): any {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

test('demo: runs every menu command on the sample and leaves the workbook, JSON, calls and the report', async () => {
  const out = mkdtempSync(join(tmpdir(), 'demo-'));
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const run = await runCli(['demo', '--out', out]);
  const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
  log.mockRestore();

  expect(printed).toMatch(/令和4年度について、プラン 52 件、基本目標 10 件を評価しました/);
  expect(printed).toMatch(/統合候補: \d+ 組/);
  for (const f of ['sukagawa.xlsx', '検証結果.json', '集計結果.json', '目標別評価.json', '統合候補.json',
    '報告書履歴.json', '報告書.docx', '報告書.html', '報告書.json', 'calls.json']) {
    expect(existsSync(join(out, f))).toBe(true);
  }
  const goals = json(out, '目標別評価.json');
  expect(goals.sheet).toBe(SHEETS.goals);
  expect(goals.rows).toHaveLength(10);
  expect(goals.columns).toContain('採用評価');
  const calls = json(out, 'calls.json');
  expect(Object.keys(calls)).toEqual(['check', 'aggregate', 'suggest', 'report']);
  expect(calls.aggregate['Range.setValues']).toBeGreaterThan(0);
  // The report files: a real .docx (a zip) and HTML naming every goal.
  expect(readFileSync(join(out, '報告書.docx')).subarray(0, 2).toString()).toBe('PK');
  // …exactly the bytes the add-on uploaded to Drive (and Drive converted into the members' Google Doc).
  const reportId = String(run.session.sheetRecords(SHEETS.reports)!.rows.at(-1)!['ファイルID']);
  const uploaded = (run.session.runtime.globals.DriveApp as unknown as LocalDriveApp).localImportSource(reportId)!;
  expect(Buffer.from(uploaded).equals(readFileSync(join(out, '報告書.docx')))).toBe(true);
  const html = readFileSync(join(out, '報告書.html'), 'utf8');
  for (const g of goals.rows) expect(html).toContain(g['名称']);
  // The saved workbook holds what the add-on wrote.
  const saved = await loadWorkbook(join(out, 'sukagawa.xlsx'));
  expect(saved.getSheetByName(SHEETS.results)).not.toBeNull();
  expect(saved.getSheetByName(SHEETS.reports)).not.toBeNull();
});

test('a single command on a given workbook, and a clear usage message otherwise', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cli-'));
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  await runCli(['check', join(__dirname, '../../samples/sukagawa.xlsx'), '--out', out]);
  log.mockRestore();
  const checks = json(out, '検証結果.json');
  expect(checks.columns).toEqual(['重要度', 'シート', 'セル', 'プランID', '担当課', '内容']);
  expect(checks.rows.length).toBeGreaterThan(0);
  expect(existsSync(join(out, '集計結果.json'))).toBe(false);
  await expect(runCli(['nothing'])).rejects.toThrow(/使い方: npm run cli -- <command> <workbook.xlsx>/);
});

test('報告書.html and 報告書.json are the report the add-on uploaded (a confirmed period: its 確定値, not the figures typed since)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'report-'));
  const s = sampleSession();
  s.bundle.call('confirmPeriod');
  // A department types over a confirmed figure (1,049件 on the sample) after 確定.
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  sheet.getRange(2, header.indexOf('令和4年度実績') + 1).setValue('1,200件');
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const r = await runCommand(s, 'report', out);
  log.mockRestore();
  expect(r.refused).toBeNull();
  const uploaded = readFileSync(join(out, '報告書.docx'));
  const { model, images } = readReportDocx(uploaded);
  // The JSON is the embedded model, the HTML is drawn from it, and that model makes the uploaded bytes again.
  expect(json(out, '報告書.json')).toEqual(model);
  expect(readFileSync(join(out, '報告書.html'), 'utf8')).toBe(renderHtml(model));
  expect(Buffer.from(reportDocx(model, images)).equals(uploaded)).toBe(true);
  const html = readFileSync(join(out, '報告書.html'), 'utf8');
  expect(html).toContain('1,049件');
  expect(html).not.toContain('1,200件');
});
