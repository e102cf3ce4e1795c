// Writes samples/sukagawa.xlsx from sukagawaGrids(). Run: npx tsx scripts/make-sample.ts [out.xlsx]
// The file is kept in the repo; test/local/sample.test.ts checks it still matches the grids.

import * as path from 'path';
import ExcelJS from 'exceljs';
import { sukagawaGrids } from '../src/local/sample/sukagawa';

/** Columns holding IDs or codes: stored as text so '1-2' never becomes a date or '10' a number. */
const TEXT_COLUMNS = new Set(['プランID', '基本方針', '基本目標', '個別施策', 'コード', '上位コード']);

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const MIN_WIDTH = 6;
const MAX_WIDTH = 48;

/** Display width in Excel character units: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u2014]/.test(ch) ? 2 : 1;
  return w;
}

export function buildWorkbook(grids: Record<string, (string | number)[][]>): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'shinchoku-addon sample';
  // Fixed dates so regenerating without changes gives the same content.
  wb.created = new Date('2023-05-31T00:00:00Z');
  wb.modified = wb.created;
  for (const [name, rows] of Object.entries(grids)) {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = rows[0].map(String);
    header.forEach((h, c) => {
      const col = ws.getColumn(c + 1);
      const widest = Math.max(...rows.map((r) => displayWidth(String(r[c] ?? ''))));
      col.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
      if (TEXT_COLUMNS.has(h)) col.numFmt = '@';
      // Long texts (indicator names) wrap instead of stretching the sheet.
      if (widest + 2 > MAX_WIDTH) col.alignment = { wrapText: true, vertical: 'top' };
    });
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      r.forEach((v, c) => {
        // Blank stays blank (no empty-string cell), as when nothing was typed.
        if (v !== '') row.getCell(c + 1).value = v;
      });
      row.commit();
    });
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.eachCell((cell) => { cell.fill = HEADER_FILL; });
  }
  return wb;
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'samples', 'sukagawa.xlsx'));
  await buildWorkbook(sukagawaGrids()).xlsx.writeFile(out);
  console.log(`書き出しました: ${out}`);
}

if (require.main === module) {
  main().catch((e) => { console.error(e); process.exit(1); });
}
