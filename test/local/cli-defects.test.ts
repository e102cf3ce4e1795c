// The CLI tells what the add-on said and did, and the workbook it writes is the one people had
// plus what the add-on changed (issue 11 finding 11).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/local/cli';
import { loadWorkbook, saveWorkbook } from '../../src/local/workbook';
import { SHEETS } from '../../src/core/schema';

jest.setTimeout(60000);

const SAMPLE = join(__dirname, '../../samples/sukagawa.xlsx');

async function edited(edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  edit(wb);
  const file = join(mkdtempSync(join(tmpdir(), 'cli-in-')), 'book.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

function quiet() {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let out = '';
  let errors = '';
  return {
    out: () => out,
    err: () => errors,
    // mockRestore forgets the calls: keep them first.
    restore: () => {
      out = log.mock.calls.map((c) => String(c[0])).join('\n');
      errors = err.mock.calls.map((c) => String(c[0])).join('\n');
      log.mockRestore();
      err.mockRestore();
    },
  };
}

function headerCol(ws: ExcelJS.Worksheet, name: string): number {
  let col = 0;
  ws.getRow(1).eachCell((c, i) => { if (c.value === name) col = i; });
  return col;
}

describe('the CLI reports what the add-on said (finding 11)', () => {
  test('every toast is printed; a run that went through exits 0', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cli-'));
    const io = quiet();
    const run = await runCli(['aggregate', SAMPLE, '--out', out]);
    io.restore();
    expect(run.exitCode).toBe(0);
    expect(io.out()).toMatch(/aggregate: ［通知］集計: 令和4年度について、プラン 52 件/);
  });

  test('a refused report: the alert is printed, the exit code is 2, no 報告書.* is written', async () => {
    const file = await edited((wb) => {
      const ws = wb.getWorksheet(SHEETS.settings)!;
      ws.eachRow((row) => { if (row.getCell(1).value === '評価年度') row.getCell(2).value = '令和99年度'; });
    });
    const out = mkdtempSync(join(tmpdir(), 'cli-'));
    const io = quiet();
    const run = await runCli(['report', file, '--out', out]);
    io.restore();
    expect(run.exitCode).toBe(2);
    expect(io.err()).toMatch(/report: ［警告］報告書作成: 「設定」シートのB4（評価年度）「令和99年度」: 令和99年度はまだ始まっていない年度です/);
    for (const f of ['報告書.docx', '報告書.html', '報告書.json', '報告書履歴.json', '委員名簿.json']) expect(existsSync(join(out, f))).toBe(false);
  });

  test('the demo stops at the first refusal: 入力チェック runs, 集計 refuses, nothing after it is run or written', async () => {
    const file = await edited((wb) => {
      const ws = wb.getWorksheet(SHEETS.settings)!;
      ws.eachRow((row) => { if (row.getCell(1).value === '評価年度') row.getCell(2).value = '令和99年度'; });
    });
    const out = mkdtempSync(join(tmpdir(), 'cli-'));
    const io = quiet();
    const run = await runCli(['demo', file, '--out', out]);
    io.restore();
    expect(run.exitCode).toBe(2);
    expect(run.outputs.map((o) => [o.command, o.refused === null])).toEqual([['check', true], ['aggregate', false]]);
    expect(existsSync(join(out, '検証結果.json'))).toBe(true);
    for (const f of ['集計結果.json', '統合候補.json', '報告書.docx', '報告書.html']) expect(existsSync(join(out, f))).toBe(false);
    expect(io.err()).toMatch(/aggregate はアドオンが中止しました（終了コード 2）/);
  });
});

describe('merged cells are read as Sheets holds them (finding 11)', () => {
  test('the value sits in the top-left cell only; the merge is kept and written back', async () => {
    const file = await edited((wb) => {
      const ws = wb.getWorksheet(SHEETS.progress)!;
      // 1-1's 目標値 merged down over the next plan's row: nobody typed a target on that row.
      const col = headerCol(ws, '目標値');
      ws.mergeCells(2, col, 3, col);
    });
    const ss = await loadWorkbook(file);
    const sheet = ss.model.sheet(SHEETS.progress)!;
    const col = (ss.model.grid(SHEETS.progress)[0] as string[]).indexOf('目標値');
    expect(ss.model.grid(SHEETS.progress)[1][col]).toBe('600件');
    expect(ss.model.grid(SHEETS.progress)[2][col]).toBe('');
    expect(sheet.merges).toEqual([{ row: 2, col: col + 1, numRows: 2, numCols: 1 }]);
    const path = join(mkdtempSync(join(tmpdir(), 'cli-out-')), 'back.xlsx');
    await saveWorkbook(ss, path);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    expect(back.getWorksheet(SHEETS.progress)!.getCell(3, col + 1).isMerged).toBe(true);
    const again = await loadWorkbook(path);
    expect(again.model.grid(SHEETS.progress)[2][col]).toBe('');
  });

  test('inserting rows moves a merge, as in Sheets', async () => {
    const file = await edited((wb) => wb.getWorksheet(SHEETS.progress)!.mergeCells('B5:C6'));
    const ss = await loadWorkbook(file);
    const sheet = ss.model.sheet(SHEETS.progress)!;
    sheet.insertRows(3, 2);
    expect(sheet.merges).toEqual([{ row: 7, col: 2, numRows: 2, numCols: 2 }]);
    sheet.deleteRows(7, 1);
    expect(sheet.merges).toEqual([{ row: 7, col: 2, numRows: 1, numCols: 2 }]);
  });
});

describe('the output .xlsx keeps what people had (finding 11)', () => {
  test('fonts, borders, rich text, hyperlinks, hidden columns and filters survive a run', async () => {
    const file = await edited((wb) => {
      const ws = wb.getWorksheet(SHEETS.progress)!;
      ws.getCell('E2').font = { name: 'Meiryo', size: 14, italic: true, underline: true };
      ws.getCell('E3').border = { top: { style: 'thin' }, bottom: { style: 'double', color: { argb: 'FFFF0000' } } };
      ws.getCell('V2').value = { richText: [{ text: '重要: ', font: { bold: true } }, { text: '予算措置済み' }] };
      ws.getCell('V3').value = { text: '市のページ', hyperlink: 'https://www.city.sukagawa.fukushima.jp/' };
      ws.getColumn(7).hidden = true;
      ws.autoFilter = 'A1:V1';
    });
    const out = mkdtempSync(join(tmpdir(), 'cli-'));
    const io = quiet();
    const run = await runCli(['aggregate', file, '--out', out]);
    io.restore();
    expect(run.exitCode).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'book.xlsx'));
    const ws = wb.getWorksheet(SHEETS.progress)!;
    expect(ws.getCell('E2').font).toMatchObject({ name: 'Meiryo', size: 14, italic: true, underline: true });
    expect(ws.getCell('E3').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'double', color: { argb: 'FFFF0000' } } });
    expect(ws.getCell('V2').value).toEqual({ richText: [{ text: '重要: ', font: { bold: true } }, { text: '予算措置済み' }] });
    expect(ws.getCell('V3').value).toMatchObject({ text: '市のページ', hyperlink: 'https://www.city.sukagawa.fukushima.jp/' });
    expect(ws.getColumn(7).hidden).toBe(true);
    expect(ws.autoFilter).toBe('A1:V1');
    // And what the add-on wrote is there.
    expect(wb.getWorksheet(SHEETS.results)).toBeDefined();
    expect(wb.getWorksheet(SHEETS.results)!.getCell('A1').value).toBe('プランID');
  });
});
