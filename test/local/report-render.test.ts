// The local renderers (.docx, HTML) draw the same blocks as the Google Doc.
import JSZip from 'jszip';
import { aggregate, NO_OVERRIDES } from '../../src/core/aggregate';
import type { ProgressData } from '../../src/core/model';
import { buildReport, reportBlocks, type ReportModel } from '../../src/core/report';
import { DOCX_FONT, reportDocx } from '../../src/core/docx';
import { chartImages, chartPng } from '../../src/local/chart-png';
import { escapeHtml, renderHtml } from '../../src/local/report-html';
import { SEED004_GOALS, seed004 } from '../core/fixtures';

function data(): ProgressData {
  const d = seed004();
  d.hierarchy = [
    { level: '基本方針', code: 'P1', name: '市民生活', text: '', parentCode: '' },
    ...SEED004_GOALS.map((g) => ({ ...g, parentCode: 'P1' })),
  ];
  // What people type ends up in the report: it must stay text.
  d.plans[0].comment = '<script>alert("x")</script> & 継続';
  d.recommendations = [{ policyCode: 'P1', member: '見本 太郎', text: '指標の見直しを検討されたい。' }];
  return d;
}

function model(): ReportModel {
  const d = data();
  return buildReport(d, aggregate(d, { overrides: NO_OVERRIDES }), { now: new Date('2026-11-21T05:05:00Z') });
}

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('the local .docx (core/docx writer, figures by resvg)', () => {
  let m: ReportModel;
  let zip: JSZip;
  let doc: string;
  let styles: string;

  beforeAll(async () => {
    m = model();
    const buf = Buffer.from(reportDocx(m, chartImages(m)));
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    zip = await JSZip.loadAsync(buf);
    doc = await zip.file('word/document.xml')!.async('string');
    styles = await zip.file('word/styles.xml')!.async('string');
  });

  test('real heading styles for the outline, in the order of the blocks', () => {
    const headings = [...doc.matchAll(/<w:pStyle w:val="(Title|Heading[123]|TOCHeading)"\/>.*?<\/w:p>/g)].map((x) => {
      const text = [...x[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
      return `${x[1]}:${text}`;
    });
    const blocks = reportBlocks(m);
    const expected = blocks.flatMap((b, i) => {
      if (b.kind === 'title') return [`Title:${xmlText(b.text)}`];
      // 目次 looks like a level-1 heading but stays out of the outline (the TOC must not list itself).
      if (b.kind === 'heading') return [`${blocks[i + 1]?.kind === 'toc' ? 'TOCHeading' : `Heading${b.level}`}:${xmlText(b.text)}`];
      return [];
    });
    expect(headings).toEqual(expected);
  });

  test('A4 pages, the Japanese font everywhere, header rows that repeat and are shaded', () => {
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(styles).toContain(`w:eastAsia="${DOCX_FONT}"`);
    const tables = reportBlocks(m).filter((b) => b.kind === 'table').length;
    expect(doc.match(/<w:tbl>/g)).toHaveLength(tables);
    expect(doc.match(/<w:tblHeader\/>/g)).toHaveLength(tables);
    expect(doc).toContain('w:fill="D9E2F3"');
  });

  test('every plan row and its figures are in the document; user text is escaped', () => {
    // Each paragraph's text: its runs joined (a figure with its unit is a run of its own, its
    // characters joined by word joiners that are not text).
    const paragraphs = [...doc.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('').replace(/\u2060/g, ''));
    for (const g of m.policies.flatMap((p) => p.goals)) {
      for (const row of g.plans) {
        for (const cell of row.rows.flat().filter((c) => c !== '')) {
          const missing = cell.split('\n').filter((line: string) => !paragraphs.includes(xmlText(line)));
          expect(missing).toEqual([]);
        }
      }
    }
    expect(doc).toContain('&lt;script&gt;alert');
    expect(doc).not.toContain('<script>');
  });

  test('each figure is the chart spec rasterized with the Japanese font (resvg), in order', async () => {
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/')).sort();
    expect(media).toHaveLength(m.summary.charts.length);
    const pngs = await Promise.all(media.map((f) => zip.file(f)!.async('nodebuffer')));
    const expected = m.summary.charts.map((c) => chartPng(c.chart).bytes);
    for (const e of expected) expect(pngs.some((p) => p.equals(e))).toBe(true);
    // Drawn at twice the size for print.
    expect(pngs[0].readUInt32BE(16)).toBe(m.summary.charts.find((c) => chartPng(c.chart).bytes.equals(pngs[0]))!.chart.width * 2);
  });
});

describe('renderHtml', () => {
  const m = model();
  const html = renderHtml(m);

  test('a self-contained Japanese page: no scripts, no external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ja">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<title>${escapeHtml(m.title)}</title>`);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('@page { size: A4');
  });

  test('headings, tables and the inline SVG chart follow the blocks', () => {
    const blocks = reportBlocks(m);
    const hs = [...html.matchAll(/<h([123])(?: class="(?:title|new-page)")?>([^<]*)<\/h\1>/g)].map((x) => `${x[1]}:${x[2]}`);
    const expected = blocks.flatMap((b) => {
      if (b.kind === 'title') return [`1:${escapeHtml(b.text)}`];
      if (b.kind === 'heading') return [`${b.level}:${escapeHtml(b.text)}`];
      return [];
    });
    expect(hs).toEqual(expected);
    expect(html.match(/<table/g)).toHaveLength(blocks.filter((b) => b.kind === 'table').length);
    expect(html.match(/<svg /g)).toHaveLength(m.summary.charts.length);
    // A page starts at each newPage heading but the first (the cover is its own section).
    expect(html.match(/<h1 class="new-page">/g)).toHaveLength(blocks.filter((b) => b.kind === 'heading' && b.newPage).length - 1);
  });

  test('user text is escaped and line breaks kept', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 継続');
    expect(html).toContain('1-1 子育て支援アプリ「すかがわ「てくてく」の利活用推進<br>（こども課）');
  });
});
