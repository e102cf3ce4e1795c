// The report's size as a Google Doc, checked before the Doc exists; split or refused over the limit.
import { compute, reportOf } from '../../src/core/pipeline';
import { reportBlocks, type ReportModel } from '../../src/core/report';
import {
  APPENDIX_ROWS_IN_BODY, DOC_CHAR_CAPACITY, DOC_CHAR_LIMIT, LISTS_FILE, LIST_ITEMS_IN_BODY, NOTES_IN_BODY, OVERFLOW_LINK_TEXT, PLAN_LIST_FILE,
  fitReport, linkOverflow, overflowCsv, reportChars, splitReport, tableChars,
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

  test('a 総括 list longer than the body keeps is cut there, counted in full, and whole in the lists file', () => {
    const down = Array.from({ length: 150 }, (_, i) => `9-${i} プラン${i}：A → C`);
    const model: ReportModel = { ...small, summary: { ...small.summary, overview: { ...small.summary.overview, down, up: ['1-1 x：C → B'], compared: true } } };
    const { model: split, overflow } = splitReport(model);
    const blocks = reportBlocks(split);
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === '前年度から評価が下がったプラン（150件）');
    expect(at).toBeGreaterThan(0);
    const items = blocks.slice(at + 1, at + 1 + LIST_ITEMS_IN_BODY + 1);
    expect(items.slice(0, LIST_ITEMS_IN_BODY).map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual(down.slice(0, LIST_ITEMS_IN_BODY).map((t) => `・${t}`));
    const note = items[LIST_ITEMS_IN_BODY];
    const file = `${small.docName} ${LISTS_FILE}`;
    expect(note.kind === 'paragraph' && note.text).toBe(`ほか 50 件は添付ファイル「${file}」に載せています${OVERFLOW_LINK_TEXT}。`);
    // A short list stays whole in the body.
    expect(blocks.some((b) => b.kind === 'heading' && b.text === '前年度から評価が上がったプラン（1件）')).toBe(true);
    const lists = overflow.find((o) => o.file === file)!;
    expect(lists.table.rows.filter((r) => r[0] === '前年度から評価が下がったプラン').map((r) => r[1])).toEqual(down);
    expect(lists.table.rows.some((r) => r[0] === '前年度から評価が上がったプラン')).toBe(false);
    const linked = linkOverflow(split, { [file]: 'https://drive.example/file/2' });
    expect(linked.summary.overview.more?.down?.note).toContain('（https://drive.example/file/2）');
  });

  describe('as plans grow, the summarised body stays the same size and loses nothing', () => {
    let sizes: number[] = [];
    let fulls: number[] = [];
    let big: ReportModel;
    // Building a 20,000-plan model takes seconds (a generous bound, not a timing).
    beforeAll(() => {
      const small2k = modelOf(2000);
      big = modelOf(20000);
      sizes = [small2k, big].map((m) => reportChars(splitReport(m).model));
      fulls = [small2k, big].map(reportChars);
    }, 180_000);

    test('2,000 and 20,000 plans: the full report ten times larger, the summary nearly the same', () => {
      expect(fulls[1]).toBeGreaterThan(DOC_CHAR_LIMIT);
      expect(fulls[1]).toBeGreaterThan(fulls[0] * 8);
      const [a, b] = sizes;
      // What is left of the difference is the first 100 rows of 要確認 (under 100 at 2,000 plans) and wider numbers.
      expect(b).toBeLessThan(a * 1.25);
      expect(b).toBeLessThan(DOC_CHAR_LIMIT / 10);
    });

    test('every cut list, note and table is whole in an appendix file', () => {
      const { model: split, overflow } = splitReport(big);
      const o = big.summary.overview;
      const lists = overflow.find((f) => f.file.endsWith(LISTS_FILE))!;
      expect(o.regressed.length).toBeGreaterThan(LIST_ITEMS_IN_BODY);
      expect(o.unrated.length).toBeGreaterThan(LIST_ITEMS_IN_BODY);
      for (const key of ['regressed', 'unrated'] as const) {
        expect(split.summary.overview[key]).toEqual(o[key].slice(0, LIST_ITEMS_IN_BODY));
        expect(split.summary.overview.more?.[key]?.total).toBe(o[key].length);
      }
      const moved = new Set(lists.table.rows.map((r) => r[1]));
      for (const t of [...o.regressed, ...o.unrated]) expect(moved.has(t)).toBe(true);
      const goals = big.policies.flatMap((p) => p.goals);
      const cutGoals = goals.filter((g) => g.notes.length > NOTES_IN_BODY);
      expect(cutGoals.length).toBeGreaterThan(0);
      for (const g of cutGoals) for (const n of g.notes) expect(moved.has(n)).toBe(true);
      // Appendix tables and the tables after them: the first rows in the body, every row in a file.
      const tables = big.appendices.flatMap((a) => [a, ...(a.more ?? [])]).filter((a) => a.table && a.table.rows.length > APPENDIX_ROWS_IN_BODY);
      expect(tables.length).toBeGreaterThan(1);
      for (const a of tables) expect(overflow.some((f) => f.table === a.table)).toBe(true);
      for (const a of split.appendices.flatMap((x) => [x, ...(x.more ?? [])])) expect(a.table?.rows.length ?? 0).toBeLessThanOrEqual(APPENDIX_ROWS_IN_BODY);
      // Every file is linked from the body.
      const urls = Object.fromEntries(overflow.map((f, i) => [f.file, `https://drive.example/file/${i}`]));
      const text = reportBlocks(linkOverflow(split, urls)).map((b) => ('text' in b ? b.text : '')).join('\n');
      expect(text).not.toContain(OVERFLOW_LINK_TEXT);
      for (const url of Object.values(urls)) expect(text).toContain(url);
    });
  });
});
