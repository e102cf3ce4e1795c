// The report as a .docx, built once in pure TypeScript: the same bytes are saved locally and, in
// Apps Script, uploaded through the Drive API with conversion to a Google Doc, so one renderer
// gives both the same headings, TOC, page numbers, repeated header rows, alignment and colours.
// Pure and synchronous: no Node APIs, no Apps Script globals (it runs inside the bundle).
import type { Block, ReportModel, ReportTable } from '../report';
import { SUM_ROW_FILL, cellFill, reportBlocks } from '../report';
import { XML_DECL, el, esc } from './xml';
import {
  BORDER_COLOR, CONTENT_H, CONTENT_W, HEADER_FILL, LABEL_FILL, NS, contentTypes, coreProps, documentRels, field,
  fontTable, footer, header, pPr, rPr, rootRels, sectPr, settings, styles, type PPr, type PackageRels, type RPr,
} from './parts';
import { zip, type ZipEntry } from './zip';
import { MODEL_PART, modelPartXml } from './model-part';
import { CELL_PAD_EM, emWidth, fitToTokens, tokenSegments } from '../tokens';

/** A figure's picture: PNG bytes and its size in pixels (only the aspect ratio is used). */
export interface DocxImage {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface DocxOptions {
  /**
   * Page of each TOC entry, in the order of the toc block, when known from a layout (e.g. a PDF
   * made from a first pass). Without it the TOC's cached page numbers are left empty: Word fills
   * them on opening (updateFields), a Google Doc draws its own TOC.
   */
  tocPages?: readonly number[];
}

/** Shown instead of a figure whose picture could not be made. */
export const NO_IMAGE_TEXT = '（この図は作成できませんでした。数値は上の表をご覧ください。）';

const EMU_PER_TWIP = 635;
/** Tallest picture: 60 % of the text height, so a figure and its caption share a page with text. */
const MAX_FIGURE_H = Math.round(CONTENT_H * 0.6);

// ---------------------------------------------------------------------------------------------
// Runs and paragraphs

/**
 * Runs of text: line breaks become w:br, tabs w:tab; empty text gives no run. `join`: figures
 * with units and rating words get runs of their own that no viewer breaks (core/tokens.ts);
 * headings and TOC entries are not cut, so their text stays exactly the heading's.
 */
function runs(text: string, r: RPr = {}, join: 'none' | 'all' | 'inner' = 'none'): string {
  const props = rPr(r);
  const tokenProps = rPr({ ...r, unbreakable: true });
  const t = (seg: string): string => `<w:t xml:space="preserve">${esc(seg)}</w:t>`;
  return text.split(/\r\n|\r|\n/).map((line, i) => {
    const br = i > 0 ? `<w:r>${props}<w:br/></w:r>` : '';
    const body = line.split('\t').map((seg, j) => {
      const tab = j > 0 ? `<w:r>${props}<w:tab/></w:r>` : '';
      if (!seg) return tab;
      if (join === 'none') return `${tab}<w:r>${props}${t(seg)}</w:r>`;
      const segs = tokenSegments(seg);
      // 'inner' (a table cell): a token that starts the line is left as it is, the column being at
      // least as wide as it (fitToTokens); joiners are characters the Doc counts.
      if (join === 'inner' && j === 0 && segs[0]?.token) segs[0] = { text: segs[0].text.replace(/\u2060/g, ''), token: false };
      return tab + segs.map((x) => `<w:r>${x.token ? tokenProps : props}${t(x.text)}</w:r>`).join('');
    }).join('');
    return br + body;
  }).join('');
}

const para = (p: PPr, inner: string): string => `<w:p>${pPr(p)}${inner}</w:p>`;

// ---------------------------------------------------------------------------------------------
// Tables

/** Integer column widths in twips summing exactly to the text width. */
export function columnWidths(rel: readonly number[], total = CONTENT_W): number[] {
  const sum = rel.reduce((a, b) => a + Math.max(0, b), 0);
  const n = rel.length;
  if (n === 0) return [];
  const raw = rel.map((w) => (sum > 0 ? (total * Math.max(0, w)) / sum : total / n));
  const out = raw.map(Math.floor);
  // Largest remainders get the leftover twips.
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((w, i) => [w - Math.floor(w), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k][1]]++;
  return out;
}

// A figure with optional sign, thousands separators, decimals, and a short unit or mark after it.
const NUMERIC = /^[-−+]?[\d,，]+(\.\d+)?\s*(%|％|件|人|円|回|日|時間|か所|箇所|校|台|pt|ポイント)?$/;

/** The table's column alignment: as the model says, else right for all-numeric columns. */
export function columnAlign(t: ReportTable): ('left' | 'center' | 'right')[] {
  return t.header.map((_, c) => {
    const given = t.align?.[c];
    if (given) return given;
    const cells = t.rows.map((r) => (r[c] ?? '').trim()).filter((v) => v !== '' && v !== '—' && v !== '-');
    return cells.length > 0 && cells.every((v) => NUMERIC.test(v)) ? 'right' : 'left';
  });
}

const hex = (css: string): string => css.replace(/^#/, '').toUpperCase();

function cell(width: number, text: string, o: { fill?: string | null; bold?: boolean; jc: 'left' | 'center' | 'right'; keepNext?: boolean; vCenter?: boolean }): string {
  const tcPr = [
    el('w:tcW', { 'w:w': width, 'w:type': 'dxa' }),
    o.fill ? el('w:shd', { 'w:val': 'clear', 'w:color': 'auto', 'w:fill': o.fill }) : '',
    o.vCenter ? el('w:vAlign', { 'w:val': 'center' }) : '',
  ].join('');
  // One paragraph per line: a cell always holds at least one paragraph.
  const lines = text.split(/\r\n|\r|\n/);
  const ps = lines.map((line) => para({ style: 'TableText', keepNext: o.keepNext, jc: o.jc }, runs(line, { bold: o.bold }, 'inner'))).join('');
  return `<w:tc><w:tcPr>${tcPr}</w:tcPr>${ps}</w:tc>`;
}

/** A table of at most this many body rows and SHORT_TABLE_LINES lines (about a third of a page) is kept on one page. */
export const SHORT_TABLE_ROWS = 10;
const SHORT_TABLE_LINES = 15;
/** A row of more lines than this (about a sixth of a page) may split across pages. */
export const SPLIT_ROW_LINES = 8;

/** Lines a row takes at the column widths (em): the tallest of its cells, wrapping each line. */
export function rowLines(cells: readonly string[], widthsEm: readonly number[]): number {
  return Math.max(1, ...cells.map((v, c) => {
    const room = Math.max(1, (widthsEm[c] ?? 1) - CELL_PAD_EM);
    return (v ?? '').split(/\r\n|\r|\n/).reduce((n, line) => n + Math.max(1, Math.ceil(emWidth(line) / room)), 0);
  }));
}

export interface TableKeep {
  /** The row may split across pages (w:cantSplit absent): only rows taller than SPLIT_ROW_LINES. */
  split: boolean[];
  /** The row's paragraphs keep with the next row (or, for the last row, the next paragraph). */
  keepNext: boolean[];
}

/**
 * How a table's rows hold together across pages. A short table stays on one page (every row but
 * the last keeps with the next); in a longer one the first two and the last two rows stay
 * together, so no row is left alone under the repeated header, and a plan's rows (the next row's
 * first cell empty) stay together. `next`: what follows the table and keeps with its last row —
 * its footnote, or the figure that draws it (then a table of up to SHORT_TABLE_ROWS rows stays
 * whole with its figure, however tall: a figure alone on a page, away from its table, reads worse
 * than space left at the bottom of the page before).
 */
export function tableKeep(t: ReportTable, widthsEm: readonly number[], next: 'figure' | 'note' | null = null): TableKeep {
  const n = t.rows.length;
  const lines = t.rows.map((r) => rowLines(t.header.map((_, c) => r[c] ?? ''), widthsEm));
  const split = lines.map((l) => l > SPLIT_ROW_LINES);
  const short = n <= SHORT_TABLE_ROWS && (next === 'figure' || lines.reduce((a, b) => a + b, 0) <= SHORT_TABLE_LINES);
  const continues = (r: number): boolean => r + 1 < n && (t.rows[r + 1][0] ?? '').trim() === '';
  const keepNext = t.rows.map((_, r) => {
    // A row that may split is not pulled along (it would move a tall block to the next page).
    if (split[r] || (r + 1 < n && split[r + 1])) return false;
    if (r === n - 1) return next !== null;
    return short || r === 0 || r === n - 2 || continues(r);
  });
  return { split, keepNext };
}

function table(t: ReportTable, next: 'figure' | 'note' | null = null): string {
  const em = fitToTokens(t.widths, t.header, t.rows);
  const widths = columnWidths(em);
  const align = columnAlign(t);
  const border = (side: string): string => el(`w:${side}`, { 'w:val': 'single', 'w:sz': 4, 'w:space': 0, 'w:color': BORDER_COLOR });
  const tblPr = el('w:tblPr', {}, [
    el('w:tblW', { 'w:w': CONTENT_W, 'w:type': 'dxa' }),
    el('w:tblBorders', {}, ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')),
    // Fixed layout: the widths fitted to the content (fitToTokens), not re-measured by each viewer.
    el('w:tblLayout', { 'w:type': 'fixed' }),
    el('w:tblLook', { 'w:val': '04A0', 'w:firstRow': 1, 'w:lastRow': 0, 'w:firstColumn': 0, 'w:lastColumn': 0, 'w:noHBand': 1, 'w:noVBand': 1 }),
  ].join(''));
  const grid = el('w:tblGrid', {}, widths.map((w) => el('w:gridCol', { 'w:w': w })).join(''));
  // The header row repeats on every page and never splits; its paragraphs keep with the first body row.
  const head = `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${t.header.map((h, c) => cell(widths[c], h, { fill: HEADER_FILL, bold: true, jc: 'center', keepNext: true, vCenter: true })).join('')}</w:tr>`;
  const fillOf = (r: number, c: number, v: string): string | null => {
    if (t.toneColumn === c) { const f = cellFill(v); if (f) return hex(f); }
    if (t.rowKinds?.[r] === 'sum') return hex(SUM_ROW_FILL);
    if (t.variant === 'kv' && c === 0) return LABEL_FILL;
    return null;
  };
  const keep = tableKeep(t, em, next);
  const body = t.rows.map((row, r) => `<w:tr>${keep.split[r] ? '' : '<w:trPr><w:cantSplit/></w:trPr>'}${t.header.map((_, c) => {
    const v = row[c] ?? '';
    return cell(widths[c], v, { fill: fillOf(r, c, v), bold: t.toneColumn === c || t.rowKinds?.[r] === 'sum', jc: align[c], keepNext: keep.keepNext[r] });
  }).join('')}</w:tr>`).join('');
  return `<w:tbl>${tblPr}${grid}${head}${body}</w:tbl>`;
}

// ---------------------------------------------------------------------------------------------
// Figures

function figure(rid: string, id: number, img: DocxImage, name: string, descr: string): string {
  let cx = CONTENT_W;
  let cy = img.width > 0 ? Math.round((CONTENT_W * img.height) / img.width) : MAX_FIGURE_H;
  if (cy > MAX_FIGURE_H) { cx = Math.round((cx * MAX_FIGURE_H) / cy); cy = MAX_FIGURE_H; }
  const ext = { cx: cx * EMU_PER_TWIP, cy: cy * EMU_PER_TWIP };
  const graphic = el('a:graphic', { 'xmlns:a': NS.a }, el('a:graphicData', { uri: NS.pic }, el('pic:pic', { 'xmlns:pic': NS.pic }, [
    el('pic:nvPicPr', {}, el('pic:cNvPr', { id, name: `${name}.png` }) + '<pic:cNvPicPr/>'),
    el('pic:blipFill', {}, el('a:blip', { 'r:embed': rid }) + '<a:stretch><a:fillRect/></a:stretch>'),
    el('pic:spPr', {}, el('a:xfrm', {}, el('a:off', { x: 0, y: 0 }) + el('a:ext', ext)) + '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'),
  ].join(''))));
  const inline = el('wp:inline', { distT: 0, distB: 0, distL: 0, distR: 0 }, [
    el('wp:extent', ext),
    el('wp:effectExtent', { l: 0, t: 0, r: 0, b: 0 }),
    el('wp:docPr', { id, name, descr }),
    el('wp:cNvGraphicFramePr', {}, el('a:graphicFrameLocks', { 'xmlns:a': NS.a, noChangeAspect: 1 })),
    graphic,
  ].join(''));
  return `<w:r><w:drawing>${inline}</w:drawing></w:r>`;
}

// ---------------------------------------------------------------------------------------------
// The document

const TONE_STYLE: Record<string, string | undefined> = {
  note: 'Note', placeholder: 'Placeholder', quote: 'Quote', attribution: 'Attribution', lead: 'Lead', item: 'Item', normal: undefined,
};

/** Bookmark names of the TOC's targets (Word's _Toc prefix; at most 40 characters). */
const bookmark = (i: number): string => `_Toc${String(100000001 + i)}`;

interface Rendered {
  body: string;
  images: { figure: number; png: Uint8Array }[];
}

function renderBody(blocks: Block[], pics: ReadonlyMap<number, DocxImage>, opts: DocxOptions): Rendered {
  const out: string[] = [];
  const images: Rendered['images'] = [];
  // Headings the TOC links to: level 1–2, except the 目次 heading itself (the one before the toc block).
  const tocHeading = blocks.findIndex((b, i) => b.kind === 'heading' && blocks[i + 1]?.kind === 'toc');
  const marks = new Map<number, string>();
  const targets: { level: number; text: string; name: string }[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'heading' && b.level <= 2 && i !== tocHeading) {
      const name = bookmark(targets.length);
      marks.set(i, name);
      targets.push({ level: b.level, text: b.text, name });
    }
  });
  let coverLines = 0;
  let bookmarkId = 0;
  let drawingId = 0;
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    switch (b.kind) {
      case 'coverLine': {
        const top = coverLines++ === 0;
        out.push(para({ style: 'CoverLine', spacing: { before: top ? 3600 : b.emphasis ? 720 : 0 } }, runs(b.text, { size: top ? 16 : b.emphasis ? 14 : 12 })));
        break;
      }
      case 'title':
        out.push(para({ style: 'Title' }, runs(b.text)));
        break;
      case 'subtitle':
        out.push(para({ style: 'Subtitle' }, runs(b.text)));
        break;
      case 'heading': {
        // The page break belongs to the heading: never a page-break paragraph that could spill onto a page of its own.
        const style = i === tocHeading ? 'TOCHeading' : `Heading${b.level}`;
        const name = marks.get(i);
        const inner = name
          ? `<w:bookmarkStart w:id="${bookmarkId}" w:name="${name}"/>${runs(b.text)}<w:bookmarkEnd w:id="${bookmarkId++}"/>`
          : runs(b.text);
        out.push(para({ style, pageBreakBefore: b.newPage === true }, inner));
        break;
      }
      case 'toc':
        out.push(toc(b.entries, targets, opts.tocPages));
        break;
      case 'paragraph': {
        const style = TONE_STYLE[b.tone ?? 'normal'];
        // A paragraph that introduces a table or figure stays on its page.
        const keepNext = next?.kind === 'table' || next?.kind === 'chart' ? true : undefined;
        out.push(para(style ? { style, keepNext } : { keepNext, ind: { firstLine: 210 } }, runs(b.text, {}, 'all')));
        break;
      }
      case 'table':
        // A table keeps with its footnote or the figure that draws it.
        out.push(table(b.table, next?.kind === 'chart' ? 'figure' : next?.kind === 'paragraph' && next.tone === 'note' ? 'note' : null));
        // Two tables in a row would merge into one; the body must not end on a table either.
        if (!next || next.kind === 'table') out.push(para({ spacing: { before: 0, after: 0 } }, ''));
        break;
      case 'chart': {
        const img = pics.get(b.figure);
        if (img && img.png.length > 0) {
          const rid = `rIdImg${b.figure}`;
          images.push({ figure: b.figure, png: img.png });
          out.push(para({ style: 'Figure' }, figure(rid, ++drawingId, img, `図${b.figure}`, `${b.caption}（${b.chart.title}）`)));
          out.push(para({ style: 'Caption' }, runs(b.caption, {}, 'all')));
        } else {
          out.push(para({ style: 'Caption', keepNext: true }, runs(b.caption, {}, 'all')));
          out.push(para({ style: 'Note', jc: 'center' }, runs(NO_IMAGE_TEXT)));
        }
        break;
      }
      case 'pageBreak':
        // Carried by the next paragraph instead (see heading): an explicit break paragraph can leave a blank page.
        break;
    }
  });
  return { body: out.join(''), images };
}

// TOC entry metrics (twips): the styles' spacing (parts.ts TOC1/TOC2, line 1.4) and a tighter one (line 1.15).
const TOC_LINE = { normal: 400 };
const TOC_COMPACT = { 1: { before: 80, after: 20, line: 276 }, 2: { before: 0, after: 0, line: 276 } } as const;
/** Text height of the 目次 page below its heading. */
const TOC_ROOM = CONTENT_H - 1000;

/** Lines of a TOC entry at 10.5 pt, its page number and leader included. */
function tocLines(e: { level: 1 | 2; text: string }): number {
  const width = (CONTENT_W - (e.level === 2 ? 420 : 0)) / 210;
  return Math.ceil((emWidth(e.text) + 3) / width);
}

/** Whether the TOC fits one page at the usual spacing. */
export function tocFits(entries: readonly { level: 1 | 2; text: string }[]): boolean {
  const h = entries.reduce((n, e) => n + tocLines(e) * TOC_LINE.normal + (e.level === 1 ? 160 : 20), 0);
  return h + TOC_LINE.normal <= TOC_ROOM;
}

/**
 * The TOC: a real field (TOC \o "1-2" \h \z \u) in a Table of Contents content control, so Word
 * and Google Docs treat it as their own, with cached entries linking to the headings' bookmarks.
 */
function toc(entries: { level: 1 | 2; text: string }[], targets: { level: number; text: string; name: string }[], pages?: readonly number[]): string {
  const ps: string[] = [];
  // A TOC that would not fit its page at the usual spacing is set tighter (a long plan's 目次 stays on one page).
  const spacing = tocFits(entries) ? {} : { 1: TOC_COMPACT[1], 2: TOC_COMPACT[2] };
  let from = 0;
  entries.forEach((e, k) => {
    // Entries follow the headings in order: find this one from where the last one was.
    let t = -1;
    for (let j = from; j < targets.length; j++) if (targets[j].level === e.level && targets[j].text === e.text) { t = j; break; }
    if (t >= 0) from = t + 1;
    const page = pages?.[k];
    const pageRef = t >= 0 ? `<w:r><w:tab/></w:r>${field(`PAGEREF ${targets[t].name} \\h`, page !== undefined ? String(page) : '')}` : '';
    const inner = runs(e.text) + pageRef;
    // Marked dirty: Word rebuilds the TOC (with its page numbers) on opening, besides updateFields.
    const begin = k === 0 ? field('TOC \\o "1-2" \\h \\z \\u', '').replace(/<w:r><w:fldChar w:fldCharType="end"\/><\/w:r>$/, '').replace('w:fldCharType="begin"', 'w:fldCharType="begin" w:dirty="true"') : '';
    const link = t >= 0 ? el('w:hyperlink', { 'w:anchor': targets[t].name, 'w:history': 1 }, inner) : inner;
    ps.push(para({ style: e.level === 1 ? 'TOC1' : 'TOC2', spacing: spacing[e.level] }, begin + link));
  });
  const end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
  if (ps.length === 0) {
    ps.push(para({}, field('TOC \\o "1-2" \\h \\z \\u', '目次の項目はありません。')));
  } else {
    ps.push(para({ spacing: { before: 0, after: 0 } }, end));
  }
  const sdtPr = el('w:sdtPr', {}, el('w:docPartObj', {}, el('w:docPartGallery', { 'w:val': 'Table of Contents' }) + '<w:docPartUnique/>'));
  return `<w:sdt>${sdtPr}<w:sdtContent>${ps.join('')}</w:sdtContent></w:sdt>`;
}

/** The parts of the package, in order ([Content_Types].xml first). */
export function reportDocxEntries(model: ReportModel, images: ReadonlyMap<number, DocxImage>, opts: DocxOptions = {}): ZipEntry[] {
  const { body, images: used } = renderBody(reportBlocks(model), images, opts);
  const rels: PackageRels = {
    headers: [{ id: 'rIdHeader', target: 'header1.xml' }, { id: 'rIdHeaderFirst', target: 'header2.xml' }],
    footers: [{ id: 'rIdFooter', target: 'footer1.xml' }, { id: 'rIdFooterFirst', target: 'footer2.xml' }],
    images: used.map((u) => ({ id: `rIdImg${u.figure}`, target: `media/image${u.figure}.png` })),
    customXml: [{ id: 'rIdModel', target: `../${MODEL_PART}` }],
  };
  const documentXml = XML_DECL + el('w:document', {
    'xmlns:w': NS.w, 'xmlns:r': NS.r, 'xmlns:wp': NS.wp, 'xmlns:a': NS.a, 'xmlns:pic': NS.pic,
  }, `<w:body>${body}${sectPr({ header: 'rIdHeader', firstHeader: 'rIdHeaderFirst', footer: 'rIdFooter', firstFooter: 'rIdFooterFirst' })}</w:body>`);
  return [
    { name: '[Content_Types].xml', data: contentTypes(rels) },
    { name: '_rels/.rels', data: rootRels() },
    { name: 'docProps/core.xml', data: coreProps(model.title, model.cover.office, model.cover.planName) },
    { name: 'word/document.xml', data: documentXml },
    { name: 'word/_rels/document.xml.rels', data: documentRels(rels) },
    { name: 'word/styles.xml', data: styles() },
    { name: 'word/settings.xml', data: settings() },
    { name: 'word/fontTable.xml', data: fontTable() },
    // The running header is the cover's title word for word; the cover itself has none.
    { name: 'word/header1.xml', data: header(model.title) },
    { name: 'word/header2.xml', data: header('') },
    { name: 'word/footer1.xml', data: footer(true) },
    { name: 'word/footer2.xml', data: footer(false) },
    ...used.map((u) => ({ name: `word/media/image${u.figure}.png`, data: u.png })),
    // The model the document was drawn from (model-part.ts): readers of the bytes get the same report.
    { name: MODEL_PART, data: modelPartXml(model) },
  ];
}

/**
 * The report as .docx bytes. `images`: the PNG of each figure by its number (the chart blocks'
 * `figure`); a figure without one shows its caption and a note.
 */
export function reportDocx(model: ReportModel, images: ReadonlyMap<number, DocxImage>, opts: DocxOptions = {}): Uint8Array {
  return zip(reportDocxEntries(model, images, opts));
}
