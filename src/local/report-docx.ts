// The report as .docx (Node only): the same blocks as the Google Doc (core/report.ts), with real
// heading styles (the navigation pane shows the outline), A4 pages, repeated table header rows,
// shaded headers, the chart as the same PNG, page numbers in the footer.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Block, ReportModel, ReportTable } from '../core/report';
import { SUM_ROW_FILL, cellFill, reportBlocks } from '../core/report';
import { chartPng } from './chart-png';

/**
 * One family for every script (Japanese text must not fall back glyph by glyph): BIZ UDPゴシック
 * ships with Windows and is offered by Google Docs; elsewhere the viewer substitutes a Japanese Gothic.
 */
export const DOCX_FONT = 'BIZ UDPGothic';
const FONT = { ascii: DOCX_FONT, hAnsi: DOCX_FONT, eastAsia: DOCX_FONT, cs: DOCX_FONT };
const NAVY = '1F3864';
const HEADER_FILL = 'D9E2F3';
const LABEL_FILL = 'F2F2F2';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '7F7F7F' };

// A4 and 2 cm margins, in twips.
const PAGE_W = 11906;
const PAGE_H = 16838;
const MARGIN = 1134;
const CONTENT_W = PAGE_W - 2 * MARGIN;
/** Chart width in px at 96 dpi (the content width is 642 px). */
const CHART_PX = 620;

const pt = (n: number): number => Math.round(n * 2); // half-points

function runs(text: string, opts: { bold?: boolean; size?: number; color?: string } = {}): TextRun[] {
  // Line breaks inside a paragraph stay line breaks.
  return text.split(/\r\n|\r|\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...opts }));
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cellParagraphs(text: string, bold: boolean, align: 'left' | 'center' | 'right' = 'left'): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ style: 'TableText', alignment: ALIGN[align], children: [new TextRun({ text: line || ' ', bold })] }));
}

function table(t: ReportTable): Table {
  const sum = t.widths.reduce((a, b) => a + b, 0) || 1;
  const widths = t.widths.map((w) => Math.round((CONTENT_W * w) / sum));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.header.map((h, c) => new TableCell({
      children: cellParagraphs(h, true, 'center'),
      width: { size: widths[c], type: WidthType.DXA },
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
      verticalAlign: VerticalAlignTable.CENTER,
    })),
  });
  const fillOf = (r: number, c: number, v: string): string | null => {
    if (t.toneColumn === c) { const f = cellFill(v); if (f) return f.slice(1); }
    if (t.rowKinds?.[r] === 'sum') return SUM_ROW_FILL.slice(1);
    if (t.variant === 'kv' && c === 0) return LABEL_FILL;
    return null;
  };
  const rows = t.rows.map((r, ri) => new TableRow({
    cantSplit: true,
    children: r.map((v, c) => {
      const fill = fillOf(ri, c, v);
      return new TableCell({
        children: cellParagraphs(v, t.toneColumn === c || t.rowKinds?.[ri] === 'sum', t.align?.[c]),
        width: { size: widths[c], type: WidthType.DXA },
        ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
      });
    }),
  }));
  return new Table({
    rows: [header, ...rows],
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: widths,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}

function blockChildren(blocks: Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let coverLines = 0;
  for (const b of blocks) {
    switch (b.kind) {
      case 'coverLine': {
        const top = coverLines++ === 0;
        out.push(new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: top ? 3600 : b.emphasis ? 720 : 0, after: 120 },
          children: runs(b.text, { size: pt(top ? 16 : b.emphasis ? 14 : 12) }),
        }));
        break;
      }
      case 'title':
        out.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: runs(b.text) }));
        break;
      case 'subtitle':
        out.push(new Paragraph({ style: 'Subtitle', alignment: AlignmentType.CENTER, children: runs(b.text) }));
        break;
      case 'heading':
        out.push(new Paragraph({
          heading: b.level === 1 ? HeadingLevel.HEADING_1 : b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          keepNext: true,
          // The page break belongs to the heading: no page-break paragraph that could spill onto a page of its own.
          pageBreakBefore: b.newPage === true,
          children: runs(b.text),
        }));
        break;
      case 'toc':
        for (const e of b.entries) {
          out.push(new Paragraph({ style: e.level === 1 ? 'Toc1' : 'Toc2', children: runs(e.text) }));
        }
        break;
      case 'paragraph': {
        const style = { note: 'Note', placeholder: 'Placeholder', quote: 'Quote', attribution: 'Attribution', lead: 'Lead', item: 'Item', normal: undefined }[b.tone ?? 'normal'];
        out.push(new Paragraph({ ...(style ? { style } : { indent: { firstLine: 210 } }), children: runs(b.text) }));
        break;
      }
      case 'table':
        out.push(table(b.table));
        break;
      case 'chart': {
        const png = chartPng(b.chart);
        const height = Math.round((b.chart.height * CHART_PX) / b.chart.width);
        out.push(new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          // Single, automatic line height: a proportional line would clip the picture in some viewers.
          spacing: { before: 120, line: 240, lineRule: LineRuleType.AUTO },
          children: [new ImageRun({
            type: 'png',
            data: png.bytes,
            transformation: { width: CHART_PX, height },
            altText: { name: `図${b.figure}`, title: b.chart.title, description: b.caption },
          })],
        }));
        out.push(new Paragraph({ style: 'Caption', children: runs(b.caption) }));
        break;
      }
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

export function buildDocx(model: ReportModel): Document {
  const headingRun = (size: number, color = NAVY) => ({ font: FONT, size: pt(size), bold: true, color });
  return new Document({
    creator: model.cover.office || '進捗管理',
    title: model.title,
    description: `${model.cover.planName} ${model.cover.reportName}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: pt(10.5), color: '222222', language: { value: 'ja-JP', eastAsia: 'ja-JP' } },
          paragraph: { spacing: { line: 336, lineRule: LineRuleType.AUTO, after: 80 } },
        },
        title: { run: { font: FONT, size: pt(28), bold: true, color: NAVY }, paragraph: { spacing: { before: 240, after: 240 } } },
        heading1: {
          run: headingRun(16),
          paragraph: {
            spacing: { before: 120, after: 200 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: NAVY, space: 4 } },
          },
        },
        heading2: { run: headingRun(13), paragraph: { spacing: { before: 320, after: 120 } } },
        heading3: { run: headingRun(11, '333333'), paragraph: { spacing: { before: 200, after: 80 } } },
        caption: { run: { font: FONT, size: pt(9), color: '444444', italics: false }, paragraph: { spacing: { before: 60, after: 160 } } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { font: FONT, size: pt(18), color: NAVY }, paragraph: { spacing: { after: 960 } } },
        { id: 'Note', name: 'Note', basedOn: 'Normal', run: { font: FONT, size: pt(9), color: '555555' }, paragraph: { spacing: { before: 100, after: 40 } } },
        { id: 'Placeholder', name: 'Placeholder', basedOn: 'Normal', run: { font: FONT, color: '666666' } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { font: FONT, color: '333333' }, paragraph: { indent: { left: 280, firstLine: 210 }, spacing: { after: 120 } } },
        { id: 'Attribution', name: 'Attribution', basedOn: 'Normal', run: { font: FONT, size: pt(9.5), color: '444444' }, paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 200 } } },
        { id: 'Item', name: 'Item', basedOn: 'Normal', run: { font: FONT }, paragraph: { indent: { left: 420, hanging: 210 }, spacing: { after: 40 } } },
        { id: 'Toc1', name: 'toc 1', basedOn: 'Normal', run: { font: FONT, bold: true }, paragraph: { spacing: { before: 120, after: 40 } } },
        { id: 'Toc2', name: 'toc 2', basedOn: 'Normal', run: { font: FONT }, paragraph: { indent: { left: 420 }, spacing: { after: 20 } } },
        { id: 'Lead', name: 'Lead', basedOn: 'Normal', run: { font: FONT, bold: true, color: '333333' }, paragraph: { spacing: { before: 120, after: 40 }, keepNext: true } },
        { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { font: FONT, size: pt(9) }, paragraph: { spacing: { line: 264, lineRule: LineRuleType.AUTO, before: 0, after: 0 } } },
      ],
    },
    sections: [{
      properties: {
        titlePage: true,
        page: {
          size: { width: PAGE_W, height: PAGE_H },
          margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
        },
      },
      headers: {
        first: new Header({ children: [new Paragraph({ children: [] })] }),
        default: new Header({
          children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: model.title, size: pt(8), color: '808080' })] })],
        }),
      },
      footers: {
        first: new Footer({ children: [new Paragraph({ children: [] })] }),
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['− ', PageNumber.CURRENT, ' −'], size: pt(9), color: '555555' })],
          })],
        }),
      },
      children: blockChildren(reportBlocks(model)),
    }],
  });
}

/** The report as a .docx file. */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(model));
}
