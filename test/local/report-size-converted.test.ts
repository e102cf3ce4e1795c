// The size check (core/report-size.ts) counts the report model's characters before anything is
// made; the Google Doc members get is what Drive makes of the .docx. Check that the limit still
// holds for the converted Doc: a Doc holds at most 1,020,000 characters and Drive converts an
// uploaded document of at most 50 MB (Google Drive Help, https://support.google.com/drive/answer/37603).
import { syntheticGrids } from '../../src/local/synthetic';
import { compute, reportOf } from '../../src/core/pipeline';
import { DOC_CHAR_CAPACITY, DOC_CHAR_LIMIT, fitReport, reportChars } from '../../src/core/report-size';
import { reportDocx } from '../../src/core/docx';
import { importDocx } from '../../src/local/gas/docx-import';
import { DOCS_IMPORT_MAX_BYTES, DOCS_MAX_CHARS } from '../../src/local/gas/drive-api';
import type { Grid } from '../../src/core/model';

jest.setTimeout(120000);

test('at the add-on\'s limit the converted Doc is still under a Doc\'s capacity, and the .docx far under 50 MB', () => {
  const rows = syntheticGrids(1000);
  const grids: Record<string, Grid> = {};
  for (const [k, v] of Object.entries(rows)) grids[k] = { name: k, values: v as Grid['values'] };
  const model = reportOf(compute(grids, new Date('2026-11-21T05:05:00Z')), grids, new Date('2026-11-21T05:05:00Z'));
  const fit = fitReport(model);
  expect(fit.status).toBe('fits');
  const counted = reportChars(model);
  const docx = reportDocx(model, new Map());
  const converted = importDocx(docx).chars;
  // The Doc holds a little more than the model counts (the .docx adds paragraph ends: cell lines,
  // captions, the TOC); measured about 8–9 % on the synthetic workbooks.
  const ratio = converted / counted;
  expect(ratio).toBeGreaterThan(1);
  expect(ratio).toBeLessThan(1.12);
  expect(DOCS_MAX_CHARS).toBe(DOC_CHAR_CAPACITY);
  // Scaled to the largest report the add-on makes in one Doc: still under the capacity, with room.
  expect(DOC_CHAR_LIMIT * ratio).toBeLessThan(DOC_CHAR_CAPACITY * 0.9);
  expect((docx.length / counted) * DOC_CHAR_LIMIT).toBeLessThan(DOCS_IMPORT_MAX_BYTES / 2);
});
