// The fixed parts of the WordprocessingML package (ECMA-376 Part 1): content types, relationships,
// styles, settings, fonts, header/footer. Element order inside each part follows the schema
// sequences: Word refuses a file whose children are out of order.
import { XML_DECL, el, esc } from './xml';

export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  pkgRels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
};

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';

/**
 * One family for every script (Japanese text must not fall back glyph by glyph): BIZ UDPゴシック
 * ships with Windows and is offered by Google Docs; elsewhere the viewer substitutes a Japanese Gothic.
 */
export const DOCX_FONT = 'BIZ UDPGothic';
export const NAVY = '1F3864';
export const HEADER_FILL = 'D9E2F3';
export const LABEL_FILL = 'F2F2F2';
export const BORDER_COLOR = '7F7F7F';

// A4 and 2 cm margins, in twips (1/20 pt).
export const PAGE_W = 11906;
export const PAGE_H = 16838;
export const MARGIN = 1134;
export const CONTENT_W = PAGE_W - 2 * MARGIN;
export const CONTENT_H = PAGE_H - 2 * MARGIN;
/** Header and footer distance from the page edge (1 cm). */
const HF_DIST = 567;

/** Half-points of a size in points (w:sz). */
export const hp = (pt: number): number => Math.round(pt * 2);

/** Parts of the package besides the fixed ones: headers, footers and pictures, with their rel ids. */
export interface PackageRels {
  headers: { id: string; target: string }[];
  footers: { id: string; target: string }[];
  images: { id: string; target: string }[];
  /** Custom XML parts (the report model), relative to word/. */
  customXml?: { id: string; target: string }[];
}

export function contentTypes(r: PackageRels): string {
  const o = (part: string, type: string): string => el('Override', { PartName: part, ContentType: type });
  return XML_DECL + el('Types', { xmlns: NS.ct }, [
    el('Default', { Extension: 'rels', ContentType: 'application/vnd.openxmlformats-package.relationships+xml' }),
    el('Default', { Extension: 'xml', ContentType: 'application/xml' }),
    el('Default', { Extension: 'png', ContentType: 'image/png' }),
    o('/word/document.xml', `${WML}document.main+xml`),
    o('/word/styles.xml', `${WML}styles+xml`),
    o('/word/settings.xml', `${WML}settings+xml`),
    o('/word/fontTable.xml', `${WML}fontTable+xml`),
    ...r.headers.map((h) => o(`/word/${h.target}`, `${WML}header+xml`)),
    ...r.footers.map((f) => o(`/word/${f.target}`, `${WML}footer+xml`)),
    o('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'),
    ...(r.customXml ?? []).map((c) => o(`/${c.target.replace(/^\.\.\//, '')}`, 'application/xml')),
  ].join(''));
}

export function rootRels(): string {
  return XML_DECL + el('Relationships', { xmlns: NS.pkgRels }, [
    el('Relationship', { Id: 'rId1', Type: `${REL}officeDocument`, Target: 'word/document.xml' }),
    el('Relationship', { Id: 'rId2', Type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', Target: 'docProps/core.xml' }),
  ].join(''));
}

export function documentRels(r: PackageRels): string {
  const rel = (id: string, type: string, target: string): string => el('Relationship', { Id: id, Type: `${REL}${type}`, Target: target });
  return XML_DECL + el('Relationships', { xmlns: NS.pkgRels }, [
    rel('rIdStyles', 'styles', 'styles.xml'),
    rel('rIdSettings', 'settings', 'settings.xml'),
    rel('rIdFonts', 'fontTable', 'fontTable.xml'),
    ...r.headers.map((h) => rel(h.id, 'header', h.target)),
    ...r.footers.map((f) => rel(f.id, 'footer', f.target)),
    ...r.images.map((i) => rel(i.id, 'image', i.target)),
    ...(r.customXml ?? []).map((c) => rel(c.id, 'customXml', c.target)),
  ].join(''));
}

export function coreProps(title: string, creator: string, subject: string): string {
  return XML_DECL + el('cp:coreProperties', {
    'xmlns:cp': 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  }, [
    el('dc:title', {}, esc(title)),
    subject ? el('dc:subject', {}, esc(subject)) : '',
    creator ? el('dc:creator', {}, esc(creator)) : '',
    el('dc:language', {}, 'ja-JP'),
  ].join(''));
}

export function settings(): string {
  return XML_DECL + el('w:settings', { 'xmlns:w': NS.w }, [
    el('w:zoom', { 'w:percent': 100 }),
    el('w:defaultTabStop', { 'w:val': 840 }),
    // Japanese punctuation compressed at line starts, as Word does for ja-JP documents.
    el('w:characterSpacingControl', { 'w:val': 'compressPunctuation' }),
    // The TOC's page numbers are only known once laid out: Word refreshes every field on opening.
    el('w:updateFields', { 'w:val': 'true' }),
    el('w:compat', {}, el('w:compatSetting', { 'w:name': 'compatibilityMode', 'w:uri': 'http://schemas.microsoft.com/office/word', 'w:val': 15 })),
    el('w:themeFontLang', { 'w:val': 'ja-JP', 'w:eastAsia': 'ja-JP' }),
  ].join(''));
}

export function fontTable(): string {
  return XML_DECL + el('w:fonts', { 'xmlns:w': NS.w }, el('w:font', { 'w:name': DOCX_FONT }, [
    el('w:altName', { 'w:val': 'BIZ UDPゴシック' }),
    el('w:charset', { 'w:val': '80' }),
    el('w:family', { 'w:val': 'modern' }),
    el('w:pitch', { 'w:val': 'variable' }),
  ].join('')));
}

// ---------------------------------------------------------------------------------------------
// Paragraph and run properties, in schema order.

export interface PPr {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  border?: { color: string; size: number; space: number };
  /** Right tab with a dot leader at this position (TOC entries). */
  rightTab?: number;
  spacing?: { before?: number; after?: number; line?: number };
  ind?: { left?: number; firstLine?: number; hanging?: number };
  jc?: 'left' | 'center' | 'right';
  outline?: number;
}

export function pPr(p: PPr): string {
  const s = p.spacing;
  const parts = [
    p.style ? el('w:pStyle', { 'w:val': p.style }) : '',
    p.keepNext ? '<w:keepNext/>' : '',
    p.keepLines ? '<w:keepLines/>' : '',
    p.pageBreakBefore ? '<w:pageBreakBefore/>' : '',
    p.border ? el('w:pBdr', {}, el('w:bottom', { 'w:val': 'single', 'w:sz': p.border.size, 'w:space': p.border.space, 'w:color': p.border.color })) : '',
    p.rightTab !== undefined ? el('w:tabs', {}, el('w:tab', { 'w:val': 'right', 'w:leader': 'dot', 'w:pos': p.rightTab })) : '',
    s ? el('w:spacing', { 'w:before': s.before, 'w:after': s.after, 'w:line': s.line, 'w:lineRule': s.line !== undefined ? 'auto' : undefined }) : '',
    p.ind ? el('w:ind', { 'w:left': p.ind.left, 'w:hanging': p.ind.hanging, 'w:firstLine': p.ind.firstLine }) : '',
    p.jc ? el('w:jc', { 'w:val': p.jc }) : '',
    p.outline !== undefined ? el('w:outlineLvl', { 'w:val': p.outline }) : '',
  ].join('');
  return parts ? `<w:pPr>${parts}</w:pPr>` : '';
}

export interface RPr {
  bold?: boolean;
  color?: string;
  /** Points. */
  size?: number;
  /** A figure with its unit kept on one line (core/tokens.ts): tagged en-US for every script, no proofing. */
  unbreakable?: boolean;
}

export function rPrInner(r: RPr): string {
  return [
    r.bold ? '<w:b/><w:bCs/>' : '',
    r.unbreakable ? '<w:noProof/>' : '',
    r.color ? el('w:color', { 'w:val': r.color }) : '',
    r.size ? el('w:sz', { 'w:val': hp(r.size) }) + el('w:szCs', { 'w:val': hp(r.size) }) : '',
    r.unbreakable ? el('w:lang', { 'w:val': 'en-US', 'w:eastAsia': 'en-US' }) : '',
  ].join('');
}

export function rPr(r: RPr): string {
  const inner = rPrInner(r);
  return inner ? `<w:rPr>${inner}</w:rPr>` : '';
}

// ---------------------------------------------------------------------------------------------
// Styles

function style(type: 'paragraph' | 'character' | 'table', id: string, name: string, o: { basedOn?: string; next?: string; isDefault?: boolean; q?: boolean; p?: PPr; r?: RPr; extra?: string } = {}): string {
  const p = o.p ? pPr(o.p) : '';
  const r = o.r ? rPr(o.r) : '';
  return el('w:style', { 'w:type': type, 'w:default': o.isDefault ? '1' : undefined, 'w:styleId': id }, [
    el('w:name', { 'w:val': name }),
    o.basedOn ? el('w:basedOn', { 'w:val': o.basedOn }) : '',
    o.next ? el('w:next', { 'w:val': o.next }) : '',
    o.q ? '<w:qFormat/>' : '',
    p, r, o.extra ?? '',
  ].join(''));
}

export function styles(): string {
  const F = { 'w:ascii': DOCX_FONT, 'w:hAnsi': DOCX_FONT, 'w:eastAsia': DOCX_FONT, 'w:cs': DOCX_FONT };
  const heading = (n: number, size: number, color: string, p: PPr): string =>
    style('paragraph', `Heading${n}`, `heading ${n}`, { basedOn: 'Normal', next: 'Normal', q: true, p: { keepNext: true, keepLines: true, outline: n - 1, ...p }, r: { bold: true, color, size } });
  const cellMar = el('w:tblCellMar', {}, [
    el('w:top', { 'w:w': 40, 'w:type': 'dxa' }), el('w:left', { 'w:w': 80, 'w:type': 'dxa' }),
    el('w:bottom', { 'w:w': 40, 'w:type': 'dxa' }), el('w:right', { 'w:w': 80, 'w:type': 'dxa' }),
  ].join(''));
  return XML_DECL + el('w:styles', { 'xmlns:w': NS.w }, [
    el('w:docDefaults', {}, [
      el('w:rPrDefault', {}, el('w:rPr', {}, [
        el('w:rFonts', F),
        el('w:color', { 'w:val': '222222' }),
        el('w:kern', { 'w:val': 2 }),
        el('w:sz', { 'w:val': hp(10.5) }), el('w:szCs', { 'w:val': hp(10.5) }),
        el('w:lang', { 'w:val': 'ja-JP', 'w:eastAsia': 'ja-JP', 'w:bidi': 'ar-SA' }),
      ].join(''))),
      el('w:pPrDefault', {}, el('w:pPr', {}, '<w:widowControl/>' + el('w:spacing', { 'w:after': 80, 'w:line': 336, 'w:lineRule': 'auto' }))),
    ].join('')),
    style('paragraph', 'Normal', 'Normal', { isDefault: true, q: true }),
    style('character', 'DefaultParagraphFont', 'Default Paragraph Font', { isDefault: true }),
    style('table', 'TableNormal', 'Normal Table', { isDefault: true, extra: el('w:tblPr', {}, el('w:tblInd', { 'w:w': 0, 'w:type': 'dxa' }) + cellMar) }),
    style('paragraph', 'Title', 'Title', { basedOn: 'Normal', next: 'Normal', q: true, p: { spacing: { before: 240, after: 240 }, jc: 'center' }, r: { bold: true, color: NAVY, size: 28 } }),
    style('paragraph', 'Subtitle', 'Subtitle', { basedOn: 'Normal', next: 'Normal', q: true, p: { spacing: { after: 960 }, jc: 'center' }, r: { color: NAVY, size: 18 } }),
    heading(1, 16, NAVY, { border: { color: NAVY, size: 8, space: 4 }, spacing: { before: 120, after: 200 } }),
    heading(2, 13, NAVY, { spacing: { before: 320, after: 120 } }),
    heading(3, 11, '333333', { spacing: { before: 200, after: 80 } }),
    // The 目次 title looks like a level-1 heading but is a normal paragraph of its own style, based
    // on Normal (not on heading 1) and at outline level 9 (body text): neither Word's refreshed TOC
    // nor an importer that maps styles by their base (Google Docs' outline) lists 目次 itself.
    style('paragraph', 'TOCHeading', 'TOC Heading', {
      basedOn: 'Normal', next: 'Normal', q: true,
      p: { keepNext: true, keepLines: true, border: { color: NAVY, size: 8, space: 4 }, spacing: { before: 120, after: 200 }, outline: 9 },
      r: { bold: true, color: NAVY, size: 16 },
    }),
    style('paragraph', 'TOC1', 'toc 1', { basedOn: 'Normal', next: 'Normal', p: { rightTab: CONTENT_W, spacing: { before: 120, after: 40 } }, r: { bold: true } }),
    style('paragraph', 'TOC2', 'toc 2', { basedOn: 'Normal', next: 'Normal', p: { rightTab: CONTENT_W, spacing: { after: 20 }, ind: { left: 420 } } }),
    // A caption is never split over two pages (it keeps with its picture above: Figure keepNext).
    style('paragraph', 'Caption', 'caption', { basedOn: 'Normal', next: 'Normal', q: true, p: { keepLines: true, spacing: { before: 60, after: 200 }, jc: 'center' }, r: { color: '444444', size: 9 } }),
    // A figure's picture: kept with its caption below, single line height so nothing clips it.
    style('paragraph', 'Figure', 'Figure', { basedOn: 'Normal', next: 'Caption', p: { keepNext: true, spacing: { before: 160, after: 0, line: 240 }, jc: 'center' } }),
    style('paragraph', 'Note', 'Note', { basedOn: 'Normal', p: { spacing: { before: 100, after: 40 } }, r: { color: '555555', size: 9 } }),
    style('paragraph', 'Placeholder', 'Placeholder', { basedOn: 'Normal', r: { color: '666666' } }),
    style('paragraph', 'Quote', 'Quote', { basedOn: 'Normal', p: { spacing: { after: 120 }, ind: { left: 280, firstLine: 210 } }, r: { color: '333333' } }),
    style('paragraph', 'Attribution', 'Attribution', { basedOn: 'Normal', p: { spacing: { after: 200 }, jc: 'right' }, r: { color: '444444', size: 9.5 } }),
    style('paragraph', 'Item', 'Item', { basedOn: 'Normal', p: { spacing: { after: 40 }, ind: { left: 420, hanging: 210 } } }),
    style('paragraph', 'Lead', 'Lead', { basedOn: 'Normal', next: 'Normal', p: { keepNext: true, spacing: { before: 120, after: 40 } }, r: { bold: true, color: '333333' } }),
    style('paragraph', 'TableText', 'Table Text', { basedOn: 'Normal', p: { spacing: { before: 0, after: 0, line: 264 } }, r: { size: 9 } }),
    style('paragraph', 'CoverLine', 'Cover Line', { basedOn: 'Normal', p: { spacing: { after: 120 }, jc: 'center' } }),
    style('paragraph', 'Header', 'header', { basedOn: 'Normal', p: { spacing: { after: 0 }, jc: 'right' }, r: { color: '808080', size: 8 } }),
    style('paragraph', 'Footer', 'footer', { basedOn: 'Normal', p: { spacing: { after: 0 }, jc: 'center' }, r: { color: '555555', size: 9 } }),
  ].join(''));
}

// ---------------------------------------------------------------------------------------------
// Header, footer, section

/** A complex field (begin, instruction, separate, cached result, end) as runs. */
export function field(instr: string, cached: string, run = ''): string {
  return [
    `<w:r>${run}<w:fldChar w:fldCharType="begin"/></w:r>`,
    `<w:r>${run}<w:instrText xml:space="preserve"> ${esc(instr)} </w:instrText></w:r>`,
    `<w:r>${run}<w:fldChar w:fldCharType="separate"/></w:r>`,
    cached ? `<w:r>${run}<w:t xml:space="preserve">${esc(cached)}</w:t></w:r>` : '',
    `<w:r>${run}<w:fldChar w:fldCharType="end"/></w:r>`,
  ].join('');
}

const text = (s: string): string => `<w:r><w:t xml:space="preserve">${esc(s)}</w:t></w:r>`;

export function header(title: string): string {
  return XML_DECL + el('w:hdr', { 'xmlns:w': NS.w, 'xmlns:r': NS.r }, `<w:p>${pPr({ style: 'Header' })}${title ? text(title) : ''}</w:p>`);
}

/** The page number as 「- 3 -」, centred. */
export function footer(withNumber: boolean): string {
  const body = withNumber ? text('- ') + field('PAGE', '1') + text(' -') : '';
  return XML_DECL + el('w:ftr', { 'xmlns:w': NS.w, 'xmlns:r': NS.r }, `<w:p>${pPr({ style: 'Footer' })}${body}</w:p>`);
}

/** The one section: A4, 2 cm margins, a first page (the cover) without header and footer. */
export function sectPr(ids: { header: string; firstHeader: string; footer: string; firstFooter: string }): string {
  return el('w:sectPr', {}, [
    el('w:headerReference', { 'w:type': 'default', 'r:id': ids.header }),
    el('w:headerReference', { 'w:type': 'first', 'r:id': ids.firstHeader }),
    el('w:footerReference', { 'w:type': 'default', 'r:id': ids.footer }),
    el('w:footerReference', { 'w:type': 'first', 'r:id': ids.firstFooter }),
    el('w:pgSz', { 'w:w': PAGE_W, 'w:h': PAGE_H }),
    el('w:pgMar', { 'w:top': MARGIN, 'w:right': MARGIN, 'w:bottom': MARGIN, 'w:left': MARGIN, 'w:header': HF_DIST, 'w:footer': HF_DIST, 'w:gutter': 0 }),
    el('w:cols', { 'w:space': 425 }),
    '<w:titlePg/>',
    // No character/line grid: a grid would stretch the line spacing of Japanese text.
    el('w:docGrid', { 'w:linePitch': 360 }),
  ].join(''));
}
