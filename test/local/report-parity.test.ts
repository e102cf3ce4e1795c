// The Google Doc members receive and the .docx are the same document: the add-on uploads the
// .docx (core/docx) and Drive converts it. Here the bundle's upload is read back on both sides —
// the uploaded bytes parsed directly (JSZip and the WordprocessingML markup, independent of the
// runtime's importer) and the converted Doc as DocumentApp sees it — and compared: headings in
// order with their levels, tables with the same rows, columns and repeated header rows, the
// running header, the page number in the footer, the TOC entries, the number of figures.
import JSZip from 'jszip';
import { SHEETS } from '../../src/core/schema';
import type { ReportSummary } from '../../src/addon/api';
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession } from '../../src/local/session';
import { sukagawaGrids } from '../../src/local/sample/sukagawa';
import type { LocalDocNode, LocalDocumentApp } from '../../src/local/gas/document';
import type { LocalDriveApp } from '../../src/local/gas/drive';
import { records } from '../addon/helpers';

const unxml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

interface Shape {
  headings: string[];
  tables: { cells: string[][]; headerRows: number }[];
  images: number;
  header: string;
  pageField: boolean;
  toc: string[];
}

/** Text of a paragraph's runs outside field codes and PAGEREF results; w:br as \n, w:tab as \t. */
function paragraphText(p: string): string {
  let out = '';
  const stack: { code: string; result: boolean }[] = [];
  for (const m of p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>|<w:fldChar w:fldCharType="(begin|separate|end)"[^>]*\/>|<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)) {
    if (m[2] === 'begin') { stack.push({ code: '', result: false }); continue; }
    if (m[2] === 'separate') { stack[stack.length - 1].result = true; continue; }
    if (m[2] === 'end') { stack.pop(); continue; }
    if (m[3] !== undefined) { stack[stack.length - 1].code += m[3]; continue; }
    const inCode = stack.some((f) => !f.result);
    const inPageRef = stack.some((f) => /^\s*(PAGEREF|PAGE|NUMPAGES)\b/.test(f.code));
    if (inCode || inPageRef) continue;
    out += m[0] === '<w:br/>' ? '\n' : m[0] === '<w:tab/>' ? '\t' : unxml(m[1]);
  }
  return out;
}

async function docxShape(bytes: Uint8Array): Promise<Shape> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const body = xml.slice(xml.indexOf('<w:body>'));
  const headings: string[] = [];
  const tables: Shape['tables'] = [];
  const toc: string[] = [];
  // Tables are not nested in the report: split the body into tables and what lies between them.
  for (const part of body.split(/(<w:tbl>[\s\S]*?<\/w:tbl>)/)) {
    if (part.startsWith('<w:tbl>')) {
      const rows = [...part.matchAll(/<w:tr(?: [^>]*)?>[\s\S]*?<\/w:tr>/g)].map((tr) => tr[0]);
      tables.push({
        cells: rows.map((tr) => [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:p(?: [^>]*)?>[\s\S]*?<\/w:p>/g)].map((p) => paragraphText(p[0])).join('\n'))),
        headerRows: rows.findIndex((tr) => !/<w:tblHeader\/>/.test(tr)),
      });
      continue;
    }
    for (const p of part.matchAll(/<w:p(?: [^>]*)?>[\s\S]*?<\/w:p>/g)) {
      const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(p[0])?.[1] ?? '';
      const m = /^(Title|Subtitle|Heading([1-6]))$/.exec(style);
      if (m) headings.push(`${m[2] ? `HEADING${m[2]}` : style.toUpperCase()}:${paragraphText(p[0])}`);
      if (/^TOC\d$/.test(style)) toc.push(paragraphText(p[0]).replace(/\t+$/, ''));
    }
  }
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const sect = body.slice(body.lastIndexOf('<w:sectPr'));
  const partOf = (kind: 'header' | 'footer'): string => {
    const id = new RegExp(`<w:${kind}Reference w:type="default" r:id="([^"]+)"`).exec(sect)![1];
    return 'word/' + new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!.slice(1).find(Boolean)!;
  };
  const header = await zip.file(partOf('header'))!.async('string');
  const footer = await zip.file(partOf('footer'))!.async('string');
  return {
    headings,
    tables,
    images: (body.match(/<w:drawing>/g) ?? []).length,
    header: [...header.matchAll(/<w:p(?: [^>]*)?>[\s\S]*?<\/w:p>/g)].map((p) => paragraphText(p[0])).join('\n'),
    pageField: /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|w:instr="\s*PAGE\s*"/.test(footer),
    toc,
  };
}

function docShape(docs: LocalDocumentApp, id: string): Shape {
  const nodes = docs.localStructure(id);
  const headings: string[] = [];
  const tables: Shape['tables'] = [];
  let images = 0;
  let toc: string[] = [];
  for (const n of nodes) {
    if (n.type === 'TABLE') tables.push({ cells: n.cells, headerRows: n.headerRows });
    else if (n.type === 'TABLE_OF_CONTENTS') toc = n.entries.map((e) => e.text);
    else {
      if (n.heading !== 'NORMAL') headings.push(`${n.heading}:${n.text.replace(/\r/g, '\n')}`);
      images += n.inline.filter((i) => i.type === 'INLINE_IMAGE').length;
    }
  }
  const sections = docs.localSections(id);
  const text = (ns: LocalDocNode[] | null): string => (ns ?? []).map((n) => (n.type === 'TABLE' ? '' : n.text)).join('\n');
  const pageField = (sections.footer ?? []).some((n) => n.type === 'PARAGRAPH' && n.inline.some((i) => i.type === 'UNSUPPORTED' && i.field === 'PAGE'));
  return { headings, tables, images, header: text(sections.header), pageField, toc };
}

describe('the Google Doc members receive has the structure of the .docx the add-on uploaded', () => {
  let docx: Shape;
  let gdoc: Shape;
  let summary: ReportSummary;
  let structure: LocalDocNode[];
  let xml: string;

  beforeAll(async () => {
    const s = openSession(spreadsheetFromGrids('須賀川市 進捗管理', sukagawaGrids()));
    summary = s.run('createReport').result as ReportSummary;
    const id = String(records(s, SHEETS.reports)[0]['ファイルID']);
    const docs = s.runtime.globals.DocumentApp as unknown as LocalDocumentApp;
    const drive = s.runtime.globals.DriveApp as unknown as LocalDriveApp;
    docx = await docxShape(drive.localImportSource(id)!);
    gdoc = docShape(docs, id);
    structure = docs.localStructure(id);
    xml = await (await JSZip.loadAsync(drive.localImportSource(id)!)).file('word/document.xml')!.async('string');
  });

  test('目次 is a normal paragraph on both sides (never in the outline nor in the TOC), with the look of a level-1 heading', () => {
    expect(docx.headings.some((h) => h.endsWith(':目次'))).toBe(false);
    expect(gdoc.headings.some((h) => h.endsWith(':目次'))).toBe(false);
    expect(gdoc.toc).not.toContain('目次');
    const title = structure.find((n) => n.type === 'PARAGRAPH' && n.text === '目次');
    const h1 = structure.find((n) => n.type === 'PARAGRAPH' && n.heading === 'HEADING1');
    expect(title && title.type === 'PARAGRAPH' && title.heading).toBe('NORMAL');
    // Right before the TOC, and styled like the level-1 headings (bold, colour, size).
    expect(structure[structure.indexOf(title!) + 1].type).toBe('TABLE_OF_CONTENTS');
    const look = (n: LocalDocNode | undefined) => {
      const a = (n && 'runs' in n && n.runs?.[0]?.attributes) || {};
      return { bold: a.BOLD, color: a.FOREGROUND_COLOR, size: a.FONT_SIZE };
    };
    expect(look(title)).toEqual(look(h1));
    expect(look(title).size).toBe(16);
  });

  test('the TOC entries link to the headings (the .docx bookmarks), so the Doc\'s TOC works without page numbers', () => {
    const toc = structure.find((n) => n.type === 'TABLE_OF_CONTENTS');
    if (!toc || toc.type !== 'TABLE_OF_CONTENTS') throw new Error('no TOC');
    const marks = new Map([...xml.matchAll(/<w:bookmarkStart w:id="\d+" w:name="([^"]+)"\/>([\s\S]*?)<w:bookmarkEnd/g)].map((m) => [m[1], paragraphText(m[2])]));
    expect(toc.entries.length).toBeGreaterThan(5);
    for (const e of toc.entries) {
      const link = String((e.runs ?? []).find((r) => r.attributes.LINK_URL)?.attributes.LINK_URL ?? '');
      expect(link).toMatch(/^#_Toc\d+$/);
      expect(marks.get(link.slice(1))).toBe(e.text);
    }
  });

  test('same headings, same levels, same order', () => {
    expect(gdoc.headings.length).toBeGreaterThan(20);
    expect(gdoc.headings).toEqual(docx.headings);
  });

  test('same tables: rows and columns cell for cell, the same header rows repeated on each page', () => {
    expect(gdoc.tables.length).toBeGreaterThan(5);
    expect(gdoc.tables.map((t) => t.cells)).toEqual(docx.tables.map((t) => t.cells));
    expect(gdoc.tables.map((t) => t.headerRows)).toEqual(docx.tables.map((t) => t.headerRows));
    expect(docx.tables.every((t) => t.headerRows === 1)).toBe(true);
  });

  test('the running header is the title; the footer carries the page number', () => {
    expect(gdoc.header).toBe(docx.header);
    expect(gdoc.header).toContain('進捗状況報告書');
    expect(docx.pageField).toBe(true);
    expect(gdoc.pageField).toBe(true);
  });

  test('the table of contents lists the same entries', () => {
    expect(gdoc.toc.length).toBeGreaterThan(5);
    expect(gdoc.toc).toEqual(docx.toc);
  });

  test('the same number of figures', () => {
    expect(docx.images).toBeGreaterThan(0);
    expect(gdoc.images).toBe(docx.images);
    expect(summary.warnings.filter((w) => w.includes('作成できませんでした'))).toEqual([]);
  });
});
