// The Google Doc (DocumentApp renderer in the local runtime) and the .docx have the same
// structure: the same headings in the same order and levels, the same tables cell for cell,
// the same figures (same PNG) with the same captions.
import JSZip from 'jszip';
import { aggregate, NO_OVERRIDES } from '../../src/core/aggregate';
import { buildReport, type ReportModel } from '../../src/core/report';
import { renderReportDoc, type DocServices } from '../../src/addon/report-doc';
import { reportDocx } from '../../src/core/docx';
import { chartImages } from '../../src/local/chart-png';
import { CallCounter } from '../../src/local/gas/counter';
import { createDocsAndDrive, type LocalDocNode } from '../../src/local/gas/document';
import { LocalDriveApi } from '../../src/local/gas/drive-api';
import { LocalUtilities } from '../../src/local/gas/utilities';
import { LocalCharts } from '../../src/local/gas/charts';
import { SEED004_GOALS, seed004 } from '../core/fixtures';

function model(): ReportModel {
  const d = seed004();
  d.hierarchy = [
    { level: '基本方針', code: 'P1', name: '市民生活', text: '', parentCode: '' },
    { level: '基本方針', code: 'P2', name: '行政', text: '', parentCode: '' },
    ...SEED004_GOALS.map((g) => ({ ...g, parentCode: Number(g.code) < 5 ? 'P1' : 'P2' })),
  ];
  return buildReport(d, aggregate(d, { overrides: NO_OVERRIDES }), { now: new Date('2026-11-21T05:05:00Z') });
}

const unxml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The .docx body as headings, tables (cell text, lines joined by \n) and image captions. */
function docxStructure(xml: string): { headings: string[]; tables: string[][][]; images: number } {
  const body = xml.slice(xml.indexOf('<w:body>'));
  const headings: string[] = [];
  const tables: string[][][] = [];
  const textOf = (p: string): string => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((t) => (t[0] === '<w:br/>' ? '\n' : unxml(t[1]))).join('');
  // Tables are not nested here: split the body into tables and the paragraphs between them.
  for (const part of body.split(/(<w:tbl>[\s\S]*?<\/w:tbl>)/)) {
    if (part.startsWith('<w:tbl>')) {
      tables.push([...part.matchAll(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g)].map((tr) =>
        [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((p) => textOf(p[0])).join('\n'))));
      continue;
    }
    for (const p of part.matchAll(/<w:p(?: [^>]*)?>[\s\S]*?<\/w:p>/g)) {
      // TOC Heading (目次) is based on Heading 1: Docs imports it as HEADING1.
      const style = /<w:pStyle w:val="(Title|Heading[123]|TOCHeading)"\/>/.exec(p[0]);
      if (style) headings.push(`${style[1].replace('TOCHeading', 'HEADING1').replace('Heading', 'HEADING').replace('Title', 'TITLE')}:${textOf(p[0])}`);
    }
  }
  return { headings, tables, images: (body.match(/<w:drawing>/g) ?? []).length };
}

function docStructure(nodes: LocalDocNode[]): { headings: string[]; tables: string[][][]; images: number } {
  const headings: string[] = [];
  const tables: string[][][] = [];
  let images = 0;
  for (const n of nodes) {
    if (n.type === 'TABLE') tables.push(n.cells);
    else {
      if (/^(TITLE|HEADING[123])$/.test(n.heading)) headings.push(`${n.heading}:${n.text}`);
      images += n.inline.filter((i) => i.type === 'INLINE_IMAGE').length;
    }
  }
  return { headings, tables, images };
}

describe('Google Doc and .docx: the same document', () => {
  const m = model();
  let docx: ReturnType<typeof docxStructure>;
  let gdoc: ReturnType<typeof docStructure>;

  beforeAll(async () => {
    const zip = await JSZip.loadAsync(reportDocx(m, chartImages(m)));
    docx = docxStructure(await zip.file('word/document.xml')!.async('string'));
    const counter = new CallCounter();
    const { DocumentApp, DriveApp } = createDocsAndDrive(counter, 'jimukyoku@example.jp');
    const services = { DocumentApp, Drive: new LocalDriveApi(counter, DriveApp), Utilities: new LocalUtilities(counter), Charts: new LocalCharts(counter) } as unknown as DocServices;
    const r = renderReportDoc(m, { services });
    gdoc = docStructure(DocumentApp.localStructure(r.docId));
  });

  test('same headings, same levels, same order', () => {
    expect(gdoc.headings.length).toBeGreaterThan(20);
    expect(gdoc.headings).toEqual(docx.headings);
  });

  test('same tables, cell for cell', () => {
    expect(gdoc.tables.length).toBeGreaterThan(5);
    // The Doc writes ' ' for an empty cell (a cell cannot be empty in appendTable); the .docx a space run too.
    const norm = (t: string[][][]): string[][][] => t.map((rows) => rows.map((r) => r.map((c) => c.trim())));
    expect(norm(gdoc.tables)).toEqual(norm(docx.tables));
  });

  test('same number of figures', () => {
    expect(gdoc.images).toBe(m.summary.charts.length);
    expect(docx.images).toBe(m.summary.charts.length);
  });
});
