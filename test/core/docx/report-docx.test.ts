// The report as .docx from the pure writer (src/core/docx): a valid package whose document has
// real heading styles, a TOC field linked to the headings, repeated table header rows, right-
// aligned numbers, page numbers, the Japanese font and language, and the figures' pictures.
import { posix } from 'node:path';
import { deflateSync } from 'node:zlib';
import { aggregate, NO_OVERRIDES } from '../../../src/core/aggregate';
import { DOCX_FONT, NO_IMAGE_TEXT, SHORT_TABLE_ROWS, columnAlign, columnWidths, crc32, reportDocx, tableKeep, type DocxImage } from '../../../src/core/docx';
import { TABLE_EM, WJ, columnMinEm, fitToTokens, unbreakableTokens } from '../../../src/core/tokens';
import { buildReport, reportBlocks, type Block, type ReportModel } from '../../../src/core/report';
import { SEED004_GOALS, seed004 } from '../fixtures';
import { readZip } from './read-zip';
import { all, first, has, kids, parseXml, styleOf, textOf, type XNode } from './xml-tree';

function model(): ReportModel {
  const d = seed004();
  d.hierarchy = [
    { level: '基本方針', code: 'P1', name: '市民生活', text: '', parentCode: '' },
    { level: '基本方針', code: 'P2', name: '行政', text: '', parentCode: '' },
    ...SEED004_GOALS.map((g) => ({ ...g, parentCode: Number(g.code) < 5 ? 'P1' : 'P2' })),
  ];
  // What people type ends up in the report: markup stays text, control characters are dropped.
  d.plans[0].comment = '<script>alert("x")</script> & 継続\u0001\u000b';
  d.recommendations = [{ policyCode: 'P1', member: '見本 太郎', text: '指標の見直しを検討されたい。' }];
  return buildReport(d, aggregate(d, { overrides: NO_OVERRIDES }), { now: new Date('2026-11-21T05:05:00Z') });
}

/** A real PNG (w×h, one grey row repeated): enough for a viewer to draw. */
function png(w: number, h: number): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 0;
  const raw = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0;
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

const m = model();
const blocks = reportBlocks(m);
const charts = blocks.filter((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart');
const images = new Map<number, DocxImage>(charts.map((c) => [c.figure, { png: png(c.chart.width, c.chart.height), width: c.chart.width, height: c.chart.height }]));
const bytes = reportDocx(m, images);
const files = new Map(readZip(bytes).map((f) => [f.name, f.data]));
const part = (name: string): string => files.get(name)!.toString('utf8');
const doc = parseXml(part('word/document.xml'));
const body = first(doc, 'w:body')!;
const styles = parseXml(part('word/styles.xml'));
const paragraphs = kids(body, 'w:p');

describe('the package', () => {
  test('a ZIP whose first entry is [Content_Types].xml, every XML part well-formed with bound prefixes', () => {
    expect([...files.keys()][0]).toBe('[Content_Types].xml');
    for (const [name, data] of files) {
      if (/\.(xml|rels)$/.test(name)) expect(() => parseXml(data.toString('utf8'))).not.toThrow();
    }
  });

  test('content types cover every part and every relationship points at a part that exists', () => {
    const types = parseXml(part('[Content_Types].xml'));
    const overrides = new Set(kids(types, 'Override').map((o) => o.attrs.PartName));
    const defaults = new Set(kids(types, 'Default').map((o) => o.attrs.Extension));
    for (const name of files.keys()) {
      if (name === '[Content_Types].xml') continue;
      const ext = name.split('.').pop()!;
      expect(overrides.has(`/${name}`) || (defaults.has(ext) && ext !== 'xml') || name.endsWith('.rels')).toBe(true);
    }
    expect(overrides.has('/word/document.xml')).toBe(true);
    for (const [relsName, base] of [['_rels/.rels', ''], ['word/_rels/document.xml.rels', 'word/']] as const) {
      // Targets are relative to the source's folder (the model part is ../customXml/…).
      for (const r of kids(parseXml(part(relsName)), 'Relationship')) expect(files.has(posix.normalize(base + r.attrs.Target))).toBe(true);
    }
  });

  test('document relationships: every r:id used in the document is declared', () => {
    const ids = new Set(kids(parseXml(part('word/_rels/document.xml.rels')), 'Relationship').map((r) => r.attrs.Id));
    const used = [...part('word/document.xml').matchAll(/r:(?:id|embed)="([^"]+)"/g)].map((x) => x[1]);
    expect(used.length).toBeGreaterThan(4);
    for (const id of used) expect(ids.has(id)).toBe(true);
  });
});

describe('typography and page', () => {
  test('BIZ UDPGothic for every script and ja-JP, as document defaults', () => {
    const rPr = first(first(styles, 'w:rPrDefault')!, 'w:rPr')!;
    expect(kids(rPr, 'w:rFonts')[0].attrs).toEqual({ 'w:ascii': DOCX_FONT, 'w:hAnsi': DOCX_FONT, 'w:eastAsia': DOCX_FONT, 'w:cs': DOCX_FONT });
    expect(kids(rPr, 'w:lang')[0].attrs).toMatchObject({ 'w:val': 'ja-JP', 'w:eastAsia': 'ja-JP' });
    // No run overrides the font.
    expect(all(doc, 'w:rFonts')).toHaveLength(0);
  });

  test('A4 with 2 cm margins; the cover has no header or footer', () => {
    const sect = kids(body, 'w:sectPr')[0];
    expect(kids(sect, 'w:pgSz')[0].attrs).toEqual({ 'w:w': '11906', 'w:h': '16838' });
    expect(kids(sect, 'w:pgMar')[0].attrs).toMatchObject({ 'w:top': '1134', 'w:bottom': '1134', 'w:left': '1134', 'w:right': '1134' });
    expect(has(sect, 'w:titlePg')).toBe(true);
    const rels = new Map(kids(parseXml(part('word/_rels/document.xml.rels')), 'Relationship').map((r) => [r.attrs.Id, r.attrs.Target]));
    const ref = (kind: string, type: string): XNode => parseXml(part(`word/${rels.get(kids(sect, kind).find((h) => h.attrs['w:type'] === type)!.attrs['r:id'])}`));
    expect(textOf(ref('w:headerReference', 'default'))).toBe(m.title);
    expect(textOf(ref('w:headerReference', 'first'))).toBe('');
    expect(all(ref('w:footerReference', 'first'), 'w:instrText')).toHaveLength(0);
    // The footer: 「- n -」 with a PAGE field.
    const foot = ref('w:footerReference', 'default');
    expect(all(foot, 'w:instrText').map((i) => i.text.trim())).toEqual(['PAGE']);
    expect(textOf(foot)).toBe('- 1 -');
    expect(all(foot, 'w:fldChar').map((f) => f.attrs['w:fldCharType'])).toEqual(['begin', 'separate', 'end']);
  });

  test('settings ask Word to refresh fields (the TOC page numbers) on opening', () => {
    const settings = parseXml(part('word/settings.xml'));
    expect(kids(settings, 'w:updateFields')[0].attrs['w:val']).toBe('true');
  });
});

describe('headings and page breaks', () => {
  test('real heading styles in the order of the blocks; 目次 is a TOC Heading, not in the outline', () => {
    const got = paragraphs.filter((p) => /^(Title|Heading[123]|TOCHeading)$/.test(styleOf(p))).map((p) => `${styleOf(p)}:${textOf(p)}`);
    const want = blocks.flatMap((b, i) => {
      if (b.kind === 'title') return [`Title:${b.text}`];
      if (b.kind === 'heading') return [`${blocks[i + 1]?.kind === 'toc' ? 'TOCHeading' : `Heading${b.level}`}:${b.text}`];
      return [];
    });
    expect(got.length).toBeGreaterThan(20);
    expect(got).toEqual(want);
  });

  test('Heading1–3 carry outline levels 0–2 and keep with the next paragraph', () => {
    const st = (id: string): XNode => kids(styles, 'w:style').find((s) => s.attrs['w:styleId'] === id)!;
    [1, 2, 3].forEach((n) => {
      const s = st(`Heading${n}`);
      expect(kids(s, 'w:name')[0].attrs['w:val']).toBe(`heading ${n}`);
      const p = kids(s, 'w:pPr')[0];
      expect(kids(p, 'w:outlineLvl')[0].attrs['w:val']).toBe(String(n - 1));
      expect(has(p, 'w:keepNext')).toBe(true);
    });
    expect(kids(kids(st('TOCHeading'), 'w:pPr')[0], 'w:outlineLvl')[0].attrs['w:val']).toBe('9');
  });

  test('目次 is a paragraph of its own style based on Normal (not on a heading), looking like a level-1 heading', () => {
    const st = (id: string): XNode => kids(styles, 'w:style').find((s) => s.attrs['w:styleId'] === id)!;
    const toc = st('TOCHeading');
    // Based on Normal: an importer that maps a style by its base (heading 1) cannot put 目次 in the outline.
    expect(kids(toc, 'w:basedOn')[0].attrs['w:val']).toBe('Normal');
    // The look of heading 1: the same bold, colour, size and rule below.
    const look = (s: XNode) => ({
      bold: has(kids(s, 'w:rPr')[0], 'w:b'),
      color: kids(kids(s, 'w:rPr')[0], 'w:color')[0].attrs['w:val'],
      size: kids(kids(s, 'w:rPr')[0], 'w:sz')[0].attrs['w:val'],
      rule: kids(kids(kids(s, 'w:pPr')[0], 'w:pBdr')[0], 'w:bottom')[0].attrs,
    });
    expect(look(toc)).toEqual(look(st('Heading1')));
    const title = paragraphs.find((p) => styleOf(p) === 'TOCHeading')!;
    expect(textOf(title)).toBe('目次');
    expect(has(kids(title, 'w:pPr')[0], 'w:pageBreakBefore')).toBe(true);
  });

  test('page breaks only as pageBreakBefore on the new-page headings: no break paragraphs', () => {
    expect(all(doc, 'w:br').filter((b) => b.attrs['w:type'] === 'page')).toHaveLength(0);
    const breaking = paragraphs.filter((p) => has(kids(p, 'w:pPr')[0], 'w:pageBreakBefore')).map(textOf);
    expect(breaking).toEqual(blocks.filter((b) => b.kind === 'heading' && b.newPage).map((b) => (b as { text: string }).text));
    // No empty paragraph but the separators after tables (no blank lines, no blank pages).
    const empty = paragraphs.filter((p) => textOf(p) === '' && all(p, 'w:drawing').length === 0);
    for (const p of empty) expect(p.parent && p.parent.children[p.parent.children.indexOf(p) - 1]?.name).toBe('w:tbl');
  });
});

describe('table of contents', () => {
  const sdt = kids(body, 'w:sdt')[0];
  const entries = blocks.find((b) => b.kind === 'toc')!.entries;

  test('a Table of Contents content control holding a TOC \\o "1-2" \\h \\z \\u field', () => {
    expect(first(sdt, 'w:docPartGallery')!.attrs['w:val']).toBe('Table of Contents');
    const instr = all(sdt, 'w:instrText').map((i) => i.text.trim());
    expect(instr[0]).toBe('TOC \\o "1-2" \\h \\z \\u');
    const chars = all(sdt, 'w:fldChar').map((f) => f.attrs['w:fldCharType']);
    // Nested fields balance: every begin has its separate and end.
    expect(chars.filter((c) => c === 'begin')).toHaveLength(chars.filter((c) => c === 'end').length);
    expect(chars[0]).toBe('begin');
    expect(chars[chars.length - 1]).toBe('end');
    // The TOC field is marked dirty: Word rebuilds it (page numbers) on opening.
    expect(all(sdt, 'w:fldChar')[0].attrs['w:dirty']).toBe('true');
  });

  test('one cached entry per heading of level 1–2, linked to a bookmark on that heading', () => {
    const ps = kids(first(sdt, 'w:sdtContent')!, 'w:p').filter((p) => /^TOC[12]$/.test(styleOf(p)));
    expect(ps.map((p) => `${styleOf(p)}:${textOf(p).replace(/\t$/, '')}`)).toEqual(entries.map((e) => `TOC${e.level}:${e.text}`));
    const marks = new Map(all(body, 'w:bookmarkStart').map((b) => [b.attrs['w:name'], b]));
    for (const p of ps) {
      const link = first(p, 'w:hyperlink')!;
      const target = marks.get(link.attrs['w:anchor'])!;
      expect(textOf(target.parent!)).toBe(textOf(link).replace(/\t$/, ''));
      expect(styleOf(target.parent!)).toMatch(/^Heading[12]$/);
      expect(all(p, 'w:instrText').map((i) => i.text.trim())).toContain(`PAGEREF ${link.attrs['w:anchor']} \\h`);
    }
  });

  test('page numbers given by a layout are cached in the entries', () => {
    const pages = entries.map((_, i) => i + 3);
    const d = parseXml(readZip(reportDocx(m, images, { tocPages: pages })).find((f) => f.name === 'word/document.xml')!.data.toString('utf8'));
    const ps = kids(first(first(d, 'w:sdt')!, 'w:sdtContent')!, 'w:p').filter((p) => /^TOC[12]$/.test(styleOf(p)));
    expect(ps.map((p) => textOf(p).split('\t')[1])).toEqual(pages.map(String));
  });
});

describe('tables', () => {
  const tables = kids(body, 'w:tbl');
  const tableBlocks = blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');

  test('one table per table block, cell for cell', () => {
    expect(tables).toHaveLength(tableBlocks.length);
    tables.forEach((t, i) => {
      const cells = kids(t, 'w:tr').map((tr) => kids(tr, 'w:tc').map((tc) => kids(tc, 'w:p').map(textOf).join('\n')));
      // The writer drops characters XML 1.0 forbids (the test's comment carries two).
      const legal = (r: string[]): string[] => r.map((c) => c.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
      expect(cells).toEqual([tableBlocks[i].table.header, ...tableBlocks[i].table.rows].map(legal));
    });
  });

  const trPr = (tr: XNode): XNode | undefined => kids(tr, 'w:trPr')[0];
  const rowKeeps = (tr: XNode): boolean => kids(tr, 'w:tc').every((tc) => kids(tc, 'w:p').every((p) => has(kids(p, 'w:pPr')[0], 'w:keepNext')));
  const emOf = (i: number): number[] => fitToTokens(tableBlocks[i].table.widths, tableBlocks[i].table.header, tableBlocks[i].table.rows);
  const nextIsNoteOrFigure = (i: number): 'figure' | 'note' | null => {
    const b = blocks[blocks.indexOf(tableBlocks[i]) + 1];
    return b?.kind === 'chart' ? 'figure' : b?.kind === 'paragraph' && b.tone === 'note' ? 'note' : null;
  };

  test('the header row repeats on each page, is shaded and never splits; body rows split only when tall', () => {
    tables.forEach((t, i) => {
      const rows = kids(t, 'w:tr');
      expect(has(trPr(rows[0])!, 'w:tblHeader')).toBe(true);
      expect(has(trPr(rows[0])!, 'w:cantSplit')).toBe(true);
      for (const r of rows.slice(1)) expect(trPr(r) ? has(trPr(r)!, 'w:tblHeader') : false).toBe(false);
      const keep = tableKeep(tableBlocks[i].table, emOf(i), nextIsNoteOrFigure(i));
      rows.slice(1).forEach((r, k) => expect(trPr(r) ? has(trPr(r)!, 'w:cantSplit') : false).toBe(!keep.split[k]));
      for (const tc of kids(rows[0], 'w:tc')) expect(first(tc, 'w:shd')!.attrs['w:fill']).toBe('D9E2F3');
    });
  });

  test('rows keep together as tableKeep says: short tables whole, no lone last row, a plan\'s rows together', () => {
    let shortTables = 0;
    let groups = 0;
    tables.forEach((t, i) => {
      const table = tableBlocks[i].table;
      const keep = tableKeep(table, emOf(i), nextIsNoteOrFigure(i));
      const got = kids(t, 'w:tr').slice(1).map(rowKeeps);
      expect(got).toEqual(keep.keepNext);
      const n = table.rows.length;
      if (keep.split.some(Boolean)) return;
      if (n > 1 && n <= SHORT_TABLE_ROWS) shortTables++;
      // Whatever the length, the last row never goes alone and the first stays with the second.
      if (n > 1) { expect(got[n - 2]).toBe(true); expect(got[0]).toBe(true); }
      table.rows.forEach((_, r) => {
        if (r + 1 < n && table.rows[r + 1][0] === '') { groups++; expect(got[r]).toBe(true); }
      });
    });
    expect(shortTables).toBeGreaterThan(3);
    expect(groups).toBeGreaterThan(0);
  });

  test('fixed layout: widths fitted to the content (every column at least its longest token) filling the text width', () => {
    let raised = 0;
    tables.forEach((t, i) => {
      const table = tableBlocks[i].table;
      expect(first(t, 'w:tblLayout')!.attrs['w:type']).toBe('fixed');
      const grid = all(t, 'w:gridCol').map((g) => Number(g.attrs['w:w']));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(9638);
      expect(grid).toEqual(columnWidths(emOf(i)));
      const min = table.header.map((h, c) => columnMinEm(h, table.rows.map((r) => r[c] ?? '')));
      if (min.reduce((a, b) => a + b, 0) > TABLE_EM) return;
      // Twips per em of the 9 pt table font: 180; one twip of rounding.
      grid.forEach((w, c) => expect(w).toBeGreaterThanOrEqual(Math.floor(min[c] * 180) - 1));
      if (columnWidths(table.widths).some((w, c) => w < min[c] * 180 - 1)) raised++;
    });
    // The model's fixed proportions were too narrow for some column somewhere (e.g. 良好ではない).
    expect(raised).toBeGreaterThan(0);
  });

  test('numbers are right-aligned: every body cell of a plan table figure column', () => {
    const plan = tables.filter((_, i) => tableBlocks[i].table.header[0] === 'プラン' && tableBlocks[i].table.header[2].startsWith('基準値'));
    expect(plan.length).toBeGreaterThan(3);
    for (const t of plan) {
      const header = kids(kids(t, 'w:tr')[0], 'w:tc').map((tc) => kids(tc, 'w:p').map(textOf).join(''));
      const figureCols = header.map((h, c) => (/^(基準値|前年度|実績|目標値|達成率)/.test(h) ? c : -1)).filter((c) => c >= 0);
      // 前年度 only when some indicator of the table has a previous year's figure.
      expect(figureCols).toHaveLength(header.some((h) => h.startsWith('前年度')) ? 5 : 4);
      for (const tr of kids(t, 'w:tr').slice(1)) {
        for (const c of figureCols) {
          for (const p of kids(kids(tr, 'w:tc')[c], 'w:p')) expect(first(p, 'w:jc')!.attrs['w:val']).toBe('right');
        }
      }
    }
  });

  test('a table without alignment gets numbers right-aligned and text left', () => {
    expect(columnAlign({ header: ['名前', '件数', '率'], rows: [['a', '1,020', '30%'], ['b', '—', '5.5%']], widths: [1, 1, 1] })).toEqual(['left', 'right', 'right']);
  });

  test('grades and ratings take their colours; summary rows are shaded', () => {
    const fills = all(body, 'w:shd').map((s) => s.attrs['w:fill']);
    for (const f of ['D9EAD3', 'F4CCCC']) expect(fills).toContain(f);
    const sumRows = tableBlocks.some((t) => t.table.rowKinds?.includes('sum'));
    if (sumRows) expect(fills).toContain('F5F7FB');
  });
});

describe('figures', () => {
  test('each figure is an inline picture at the text width, keeping its aspect ratio, with its PNG in the package', () => {
    const rels = new Map(kids(parseXml(part('word/_rels/document.xml.rels')), 'Relationship').map((r) => [r.attrs.Id, r.attrs.Target]));
    const drawings = all(body, 'wp:inline');
    expect(drawings).toHaveLength(charts.length);
    drawings.forEach((d, i) => {
      const ext = kids(d, 'wp:extent')[0].attrs;
      const c = charts[i].chart;
      expect(Number(ext.cx)).toBeLessThanOrEqual(9638 * 635);
      expect(Math.abs(Number(ext.cy) / Number(ext.cx) - c.height / c.width)).toBeLessThan(0.01);
      const target = rels.get(first(d, 'a:blip')!.attrs['r:embed'])!;
      expect(Buffer.from(files.get(`word/${target}`)!)).toEqual(Buffer.from(images.get(charts[i].figure)!.png));
      // The picture keeps with its caption (the next paragraph).
      const p = d.parent!.parent!.parent!;
      expect(styleOf(p)).toBe('Figure');
      const next = p.parent!.children[p.parent!.children.indexOf(p) + 1];
      expect(textOf(next)).toBe(charts[i].caption);
    });
    const figure = kids(styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'Figure')!;
    expect(has(kids(figure, 'w:pPr')[0], 'w:keepNext')).toBe(true);
  });

  test('a figure without a picture shows its caption and a note', () => {
    const d = readZip(reportDocx(m, new Map()));
    expect(d.some((f) => f.name.startsWith('word/media/'))).toBe(false);
    const x = parseXml(d.find((f) => f.name === 'word/document.xml')!.data.toString('utf8'));
    expect(all(x, 'w:drawing')).toHaveLength(0);
    const texts = kids(first(x, 'w:body')!, 'w:p').map(textOf);
    for (const c of charts) expect(texts[texts.indexOf(c.caption) + 1]).toBe(NO_IMAGE_TEXT);
  });
});

describe('text', () => {
  test('user text is escaped and control characters illegal in XML are dropped', () => {
    const xml = part('word/document.xml');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 継続');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  test('paragraphs that introduce a table keep with it', () => {
    const ps = body.children;
    ps.forEach((p, i) => {
      if (p.name === 'w:p' && ps[i + 1]?.name === 'w:tbl' && textOf(p) !== '') {
        const keep = has(kids(p, 'w:pPr')[0], 'w:keepNext') || /^(Heading[123]|Lead)$/.test(styleOf(p));
        expect(keep).toBe(true);
      }
    });
  });
});
