// tsx scripts/report-fixtures.ts [OUTDIR] — the report models of the layout fixtures (test/fixtures/layouts.ts)
// as out/fixtures/<B|C|D>/報告書.json, to render with `npm run report:pdf -- out/fixtures/B/報告書.json`
// and read page by page like the demo's report (other cities' layouts, a mid-year report).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compute, reportOf } from '../src/core/pipeline';
import { spreadsheetFromGrids } from '../src/local/workbook';
import { openSession } from '../src/local/session';
import type { Grid } from '../src/core/model';
import { IIZUKA_MIDYEAR, SHINKO_KANRI, TORIKUMI_JOKYO, type LayoutWorkbook } from '../test/fixtures/layouts';

const outDir = resolve(process.argv[2] ?? 'out/fixtures');
const fixtures: Record<string, LayoutWorkbook> = { B: IIZUKA_MIDYEAR, C: SHINKO_KANRI, D: TORIKUMI_JOKYO };
const now = new Date('2025-11-01T03:00:00Z');
for (const [name, wb] of Object.entries(fixtures)) {
  const session = openSession(spreadsheetFromGrids(wb.title, wb.sheets as Record<string, string[][]>));
  session.run('menuAggregate');
  // Every sheet as the add-on reads it, after 集計 wrote its own.
  const book = session.runtime.spreadsheet.model;
  const grids: Record<string, Grid> = {};
  for (const sheet of book.sheets) grids[sheet.name] = { name: sheet.name, values: book.grid(sheet.name) as Grid['values'], display: book.displayGrid(sheet.name) };
  const model = reportOf(compute(grids, now), grids, now);
  mkdirSync(join(outDir, name), { recursive: true });
  writeFileSync(join(outDir, name, '報告書.json'), JSON.stringify(model, null, 2) + '\n');
  console.log(join(outDir, name, '報告書.json'));
}
