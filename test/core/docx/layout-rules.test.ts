// Page-layout rules of the .docx writer (issue 12): figures with units never break, tables keep
// short runs of rows together and never leave one row alone, tall rows may split, figures keep
// with their captions, a long 目次 is set tighter.
import { aggregate, NO_OVERRIDES } from '../../../src/core/aggregate';
import { SHORT_TABLE_ROWS, SPLIT_ROW_LINES, reportDocx, rowLines, tableKeep } from '../../../src/core/docx';
import { tocFits } from '../../../src/core/docx/report-docx';
import { buildReport, reportBlocks, type Block, type ReportTable } from '../../../src/core/report';
import { TABLE_EM, WJ, joinChars, unbreakableTokens } from '../../../src/core/tokens';
import { SEED004_GOALS, seed004 } from '../fixtures';
import { readZip } from './read-zip';
import { all, first, has, kids, parseXml, styleOf, textOf, type XNode } from './xml-tree';

const table = (rows: string[][], header = ['プラン', '実績']): ReportTable => ({ header, rows, widths: header.map(() => 1) });
const even = [TABLE_EM / 2, TABLE_EM / 2];

describe('tableKeep', () => {
  test('a short table stays on one page: every row but the last keeps with the next', () => {
    const t = table(Array.from({ length: 4 }, (_, i) => [`1-${i}`, `${i}件`]));
    expect(tableKeep(t, even).keepNext).toEqual([true, true, true, false]);
    // …and the last too when the table's footnote or figure follows.
    expect(tableKeep(t, even, 'note').keepNext).toEqual([true, true, true, true]);
    expect(tableKeep(t, even, 'figure').keepNext).toEqual([true, true, true, true]);
  });

  test('a long table keeps its first two and last two rows together and a plan\'s rows together', () => {
    const rows = Array.from({ length: SHORT_TABLE_ROWS + 5 }, (_, i) => [`1-${i}`, `${i}件`]);
    rows[5][0] = ''; // row 5 continues plan 1-4
    const k = tableKeep(table(rows), even).keepNext;
    const n = rows.length;
    expect(k[0]).toBe(true);
    expect(k[n - 2]).toBe(true);
    expect(k[n - 1]).toBe(false);
    expect(k[4]).toBe(true);
    expect(k.filter(Boolean)).toHaveLength(3);
    // A footnote or figure goes with the last two rows.
    expect(tableKeep(table(rows), even, 'note').keepNext.filter(Boolean)).toHaveLength(4);
    expect(tableKeep(table(rows), even, 'note').keepNext[n - 1]).toBe(true);
    expect(tableKeep(table(rows), even).split.every((s) => !s)).toBe(true);
  });

  test('a table of few but tall rows is not "short": it may flow over pages', () => {
    const long = 'あ'.repeat(Math.round((TABLE_EM / 2) * 7));
    const t = table(Array.from({ length: 5 }, () => ['x', long]));
    expect(rowLines(t.rows[0], even)).toBeGreaterThanOrEqual(7);
    expect(tableKeep(t, even).keepNext).toEqual([true, false, false, true, false]);
    // Drawn by the figure under it, the table stays whole with the figure, however tall.
    expect(tableKeep(t, even, 'figure').keepNext).toEqual([true, true, true, true, true]);
  });

  test('a row taller than SPLIT_ROW_LINES may split across pages and is not kept with its neighbours', () => {
    const tall = 'あ'.repeat(Math.round((TABLE_EM / 2) * (SPLIT_ROW_LINES + 3)));
    const t = table([['1-1', '1件'], ['1-2', tall], ['1-3', '3件']]);
    const k = tableKeep(t, even);
    expect(k.split).toEqual([false, true, false]);
    expect(k.keepNext).toEqual([false, false, false]);
  });

  test('rowLines wraps each line of each cell at its column width', () => {
    expect(rowLines(['a', 'あ'.repeat(30)], [10, 10])).toBe(Math.ceil(30 / (10 - 1.2)));
    expect(rowLines(['一\n二\n三', ''], [10, 10])).toBe(3);
  });
});

describe('in the document', () => {
  const d = seed004();
  d.hierarchy = [
    { level: '基本方針', code: 'P1', name: '市民生活', text: '', parentCode: '' },
    ...SEED004_GOALS.map((g) => ({ ...g, parentCode: 'P1' })),
  ];
  const m = buildReport(d, aggregate(d, { overrides: NO_OVERRIDES }), { now: new Date('2026-11-21T05:05:00Z') });
  const blocks = reportBlocks(m);
  const files = new Map(readZip(reportDocx(m, new Map())).map((f) => [f.name, f.data]));
  const body = first(parseXml(files.get('word/document.xml')!.toString('utf8')), 'w:body')!;
  const runsOf = (n: XNode): XNode[] => all(n, 'w:r');
  const isToken = (r: XNode): boolean => {
    const lang = first(r, 'w:lang');
    return !!lang && lang.attrs['w:eastAsia'] === 'en-US' && has(first(r, 'w:rPr')!, 'w:noProof');
  };

  test('every figure with its unit inside a line is one run, joined and tagged so no viewer breaks it', () => {
    let tokens = 0;
    let leading = 0;
    for (const p of all(body, 'w:tc').flatMap((tc) => kids(tc, 'w:p'))) {
      const text = textOf(p);
      const want = unbreakableTokens(text);
      // A token that starts the cell line needs nothing: its column is at least as wide (fitToTokens).
      if (want.length && text.startsWith(want[0])) { want.shift(); leading++; }
      const got = runsOf(p).filter(isToken).map((r) => all(r, 'w:t').map((t) => t.text).join(''));
      expect(got.map((t) => t.replace(new RegExp(WJ, 'g'), ''))).toEqual(want);
      for (const t of got) expect(t).toBe(joinChars(t.replace(new RegExp(WJ, 'g'), '')));
      tokens += got.length;
    }
    expect(leading).toBeGreaterThan(100);
    expect(tokens).toBeGreaterThan(10);
    // Sentences: every token (総括: 基準値 49件/年 → …).
    const items = kids(body, 'w:p').filter((p) => styleOf(p) === 'Item' || styleOf(p) === '');
    let inSentences = 0;
    for (const p of items) {
      const got = runsOf(p).filter(isToken).map((r) => all(r, 'w:t').map((t) => t.text).join('').replace(new RegExp(WJ, 'g'), ''));
      expect(got).toEqual(unbreakableTokens(textOf(p)));
      inSentences += got.length;
    }
    expect(inSentences).toBeGreaterThan(5);
  });

  test('headings and TOC entries are not cut: their text is the heading\'s, character for character', () => {
    for (const p of kids(body, 'w:p').filter((x) => /^Heading[123]$/.test(styleOf(x)))) {
      expect(runsOf(p).some(isToken)).toBe(false);
      expect(all(p, 'w:t').map((t) => t.text).join('')).not.toContain(WJ);
    }
  });

  test('a figure keeps with its caption, and a table keeps with the figure that follows it', () => {
    const ps = body.children;
    const captions = blocks.filter((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart').map((c) => c.caption);
    expect(captions.length).toBeGreaterThan(0);
    let afterTable = 0;
    for (const caption of captions) {
      const i = ps.findIndex((x) => x.name === 'w:p' && textOf(x) === caption);
      expect(i).toBeGreaterThan(0);
      // No picture here: the caption keeps with the note under it.
      expect(has(kids(ps[i], 'w:pPr')[0], 'w:keepNext')).toBe(true);
      const before = ps[i - 1];
      if (before.name === 'w:tbl') {
        afterTable++;
        const last = kids(before, 'w:tr').at(-1)!;
        expect(kids(last, 'w:tc').every((tc) => kids(tc, 'w:p').every((p) => has(kids(p, 'w:pPr')[0], 'w:keepNext')))).toBe(true);
      }
    }
    expect(afterTable).toBeGreaterThan(0);
  });

  test('the 目次 takes the usual spacing when it fits a page, tighter when it would not', () => {
    const few = Array.from({ length: 20 }, (_, i) => ({ level: (i % 5 === 0 ? 1 : 2) as 1 | 2, text: `基本目標${i}` }));
    const many = Array.from({ length: 32 }, (_, i) => ({ level: (i % 5 === 0 ? 1 : 2) as 1 | 2, text: `基本目標${i}　まちづくりの推進` }));
    expect(tocFits(few)).toBe(true);
    expect(tocFits(many)).toBe(false);
    const sdt = first(body, 'w:sdt')!;
    const entries = kids(first(sdt, 'w:sdtContent')!, 'w:p').filter((p) => /^TOC[12]$/.test(styleOf(p)));
    // This report's TOC fits: the styles' spacing, no override.
    expect(entries.every((p) => !first(p, 'w:spacing'))).toBe(true);
    // Six times the chapters: every entry set tighter (line 1.15).
    const long = { ...m, policies: Array.from({ length: 6 }, () => m.policies).flat() };
    const x = parseXml(readZip(reportDocx(long, new Map())).find((f) => f.name === 'word/document.xml')!.data.toString('utf8'));
    const tight = kids(first(first(x, 'w:sdt')!, 'w:sdtContent')!, 'w:p').filter((p) => /^TOC[12]$/.test(styleOf(p)));
    expect(tight.length).toBeGreaterThan(entries.length * 3);
    for (const p of tight) expect(first(p, 'w:spacing')!.attrs['w:line']).toBe('276');
  });
});
