// The report's size as a Google Doc, checked before the Doc exists; split or refused over the limit.
import { compute, reportOf } from '../../src/core/pipeline';
import { reportBlocks, type ReportModel } from '../../src/core/report';
import {
  DOC_CHAR_CAPACITY, DOC_CHAR_LIMIT, OVERFLOW_LINK_TEXT, PLAN_LIST_FILE, fitReport, linkOverflow, overflowCsv, reportChars, splitReport, tableChars,
} from '../../src/core/report-size';
import type { Grid } from '../../src/core/model';
import { syntheticGrids } from '../../src/local/synthetic';

const NOW = new Date('2026-11-21T05:05:00Z');

function modelOf(plans: number): ReportModel {
  const raw = syntheticGrids(plans);
  const grids: Record<string, Grid> = {};
  for (const [name, values] of Object.entries(raw)) grids[name] = { name, values };
  return reportOf(compute(grids, NOW), grids, NOW);
}

describe('report size (a Google Doc holds 1.02 million characters)', () => {
  const small = modelOf(60);

  test('the limit stays under the documented capacity', () => {
    expect(DOC_CHAR_CAPACITY).toBe(1_020_000);
    expect(DOC_CHAR_LIMIT).toBeLessThan(DOC_CHAR_CAPACITY);
  });

  test('counts every text of the report plus paragraph and cell ends', () => {
    const blocks = reportBlocks(small);
    const texts = blocks.reduce((n, b) => n + (b.kind === 'table' ? [b.table.header, ...b.table.rows].flat().join('').length
      : b.kind === 'chart' ? b.caption.length : b.kind === 'pageBreak' ? 0 : b.kind === 'toc' ? b.entries.map((e) => e.text).join('').length : b.text.length), 0);
    const chars = reportChars(small);
    expect(chars).toBeGreaterThan(texts);
    expect(chars).toBeLessThan(texts * 1.5);
    // Per row one end mark, per cell its text and one end mark: (1 + 3 + 2) + (1 + 2 + 1).
    expect(tableChars({ header: ['ab', 'c'], rows: [['d', '']], widths: [1, 1] })).toBe(10);
  });

  test('a report under the limit is rendered as it is', () => {
    const fit = fitReport(small);
    expect(fit.status).toBe('fits');
    if (fit.status === 'fits') expect(fit.model).toBe(small);
  });

  test('over the limit: per-goal summaries in the body, every plan row on the list sheet, under the limit', () => {
    const full = reportChars(small);
    const fit = fitReport(small, Math.floor(full * 0.8));
    expect(fit.status).toBe('split');
    if (fit.status !== 'split') return;
    expect(fit.chars).toBeLessThanOrEqual(fit.limit);
    expect(fit.fullChars).toBe(full);
    const goals = fit.model.policies.flatMap((p) => p.goals);
    const before = small.policies.flatMap((p) => p.goals);
    for (const [k, g] of goals.entries()) {
      expect(g.planTable.header).toEqual(['評価', 'プラン数']);
      // The summary counts every plan of the goal.
      expect(g.planTable.rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(before[k].plans.length);
      expect(g.narrative).toEqual([]);
      expect(g.notes[0]).toContain(`${small.docName} ${PLAN_LIST_FILE}`);
      expect(g.notes[0]).toContain(OVERFLOW_LINK_TEXT);
    }
    const list = fit.overflow.find((o) => o.file.endsWith(PLAN_LIST_FILE))!;
    expect(list.table.rows).toHaveLength(before.reduce((n, g) => n + g.planTable.rows.length, 0));
    expect(list.table.header[0]).toBe('基本目標');
    expect(list.table.rows.every((r) => r.length === list.table.header.length)).toBe(true);
    // The original model is untouched.
    expect(reportChars(small)).toBe(full);
    // The report code links the file where the body names it.
    const linked = linkOverflow(fit.model, { [list.file]: 'https://drive.example/file/1' });
    const firstNote = linked.policies[0].goals[0].notes[0];
    expect(firstNote).toContain('（https://drive.example/file/1）');
    expect(firstNote).not.toContain(OVERFLOW_LINK_TEXT);
  });

  test('an appendix file is CSV a spreadsheet opens as text: quoted, BOM, formulas neutralised', () => {
    const csv = overflowCsv({ header: ['プラン', '備考'], rows: [['=HYPERLINK("x")', 'a,b\n"c"'], ['1-2', '']], widths: [1, 1] });
    expect(csv).toBe('\ufeffプラン,備考\r\n"\'=HYPERLINK(""x"")","a,b\n""c"""\r\n1-2,\r\n');
  });

  test('refused, with what to do, when even the summary is over the limit', () => {
    const fit = fitReport(small, 100);
    expect(fit.status).toBe('refused');
    if (fit.status === 'refused') expect(fit.message).toMatch(/Google ドキュメント 1 つに収まりません.*施策体系/);
  });

  test('10,500 plans: the full report is past the limit, the split one fits', () => {
    const big = modelOf(10500);
    expect(reportChars(big)).toBeGreaterThan(DOC_CHAR_LIMIT);
    const fit = fitReport(big);
    expect(fit.status).toBe('split');
    if (fit.status === 'split') {
      expect(fit.chars).toBeLessThan(DOC_CHAR_LIMIT / 4);
      expect(fit.overflow[0].table.rows.length).toBeGreaterThan(10500);
    }
    const { model } = splitReport(big);
    expect(model.appendices.every((a) => !a.table || a.table.rows.length <= 100)).toBe(true);
  });
});
