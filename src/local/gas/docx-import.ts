// Importing a .docx into a Google Doc, as Drive does when a .docx is uploaded with the Google
// Docs MIME type (https://developers.google.com/workspace/drive/api/guides/manage-uploads,
// "Import to Google Docs types"). The result is what DocumentApp then sees in the document:
// paragraphs with their heading (from the paragraph style: Title, Subtitle, heading 1–6, or an
// outline level), alignment, spacing and indents; text runs with bold, italic, underline,
// strikethrough, colour, size, font and links; line breaks; page breaks; inline images with their
// bytes, size and alt text; tables with cell shading, widths and the header-row flag; the
// default header and footer; a PAGE field as an UnsupportedElement (the reference:
// https://developers.google.com/apps-script/reference/document/unsupported-element — "a region
// that is unknown or cannot be affected by a script, such as a page number"); a table of
// contents (a TOC field or a Table of Contents content control) as a TableOfContents element
// holding the entries the file carries.
//
// What Google's importer does beyond this is not documented; where it matters the choices are
// stated next to the code (and in test/local/gas/docx-import.test.ts).

import { PackageError, find, kid, kids, parseXml, resolvePart, textOf, unzip, type XmlElement } from './ooxml';

export { PackageError };

export type TextAttrs = Partial<Record<
  'BOLD' | 'ITALIC' | 'UNDERLINE' | 'STRIKETHROUGH' | 'FOREGROUND_COLOR' | 'BACKGROUND_COLOR' | 'FONT_SIZE' | 'FONT_FAMILY' | 'LINK_URL',
  unknown
>>;

export type ParagraphAttrs = Partial<Record<
  'HORIZONTAL_ALIGNMENT' | 'SPACING_BEFORE' | 'SPACING_AFTER' | 'LINE_SPACING' | 'INDENT_START' | 'INDENT_END' | 'INDENT_FIRST_LINE',
  unknown
>>;

export type ImportedInline =
  | { kind: 'text'; text: string; attrs: TextAttrs }
  | { kind: 'image'; bytes: Uint8Array; width: number; height: number; title: string | null; description: string | null }
  | { kind: 'pageBreak' }
  /** A field Docs keeps as auto text (PAGE, NUMPAGES): an UnsupportedElement for scripts. */
  | { kind: 'field'; code: string };

export interface ImportedParagraph {
  kind: 'paragraph';
  heading: string;
  /** The Word style's name (local information; Docs keeps only the heading). */
  style: string;
  attrs: ParagraphAttrs;
  parts: ImportedInline[];
  list: { level: number; glyph: string } | null;
  /** Word's "page break before" (Docs: Format › Line & paragraph spacing › Add page break before; no DocumentApp getter). */
  pageBreakBefore: boolean;
}

export interface ImportedCell {
  paragraphs: ImportedParagraph[];
  background: string | null;
  /** Points. */
  width: number | null;
  verticalAlignment: string | null;
  colSpan: number;
}

export interface ImportedTable {
  kind: 'table';
  rows: { header: boolean; cantSplit: boolean; cells: ImportedCell[] }[];
  /** Points, from the table grid. */
  columnWidths: number[];
  borderColor: string | null;
  borderWidth: number | null;
}

export interface ImportedToc {
  kind: 'toc';
  paragraphs: ImportedParagraph[];
}

export type ImportedBlock = ImportedParagraph | ImportedTable | ImportedToc;

export interface ImportedSection {
  blocks: ImportedBlock[];
}

export interface ImportedDoc {
  body: ImportedBlock[];
  /** The header and footer on every page but the first when the first page differs. */
  header: ImportedSection | null;
  footer: ImportedSection | null;
  /** The first page's own header/footer (Word's "different first page"); null when not set. */
  firstPageHeader: ImportedSection | null;
  firstPageFooter: ImportedSection | null;
  page: { width: number; height: number; marginTop: number; marginBottom: number; marginLeft: number; marginRight: number } | null;
  /** Characters the Doc stores: texts plus one per paragraph end, cell and row. */
  chars: number;
  title: string | null;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// --- styles -------------------------------------------------------------------------------------

interface StyleDef {
  id: string;
  name: string;
  type: string;
  basedOn: string | null;
  pPr: XmlElement | undefined;
  rPr: XmlElement | undefined;
}

interface Context {
  files: Map<string, Uint8Array>;
  styles: Map<string, StyleDef>;
  defaultParagraphStyle: string | null;
  docDefaults: { pPr: XmlElement | undefined; rPr: XmlElement | undefined };
  numbering: Map<string, Map<number, string>>;
  /** Relationships of the part being read. */
  rels: Map<string, { target: string; external: boolean }>;
  part: string;
  /** Open complex fields (w:fldChar), innermost last; they can span paragraphs (TOC). */
  fields: { code: string; result: boolean }[];
}

const val = (el: XmlElement | undefined): string | undefined => el?.attrs['w:val'];

/** A toggle property (w:b, w:i …): present means on unless w:val is false/0/off. */
function toggle(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = val(el);
  return !(v === '0' || v === 'false' || v === 'off');
}

const twipsToPt = (v: string | undefined): number | undefined => (v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v) / 20);

function colour(v: string | undefined): string | null | undefined {
  if (v === undefined) return undefined;
  if (/^[0-9a-fA-F]{6}$/.test(v)) return `#${v.toLowerCase()}`;
  return null; // 'auto'
}

function readStyles(files: Map<string, Uint8Array>): Pick<Context, 'styles' | 'defaultParagraphStyle' | 'docDefaults'> {
  const styles = new Map<string, StyleDef>();
  let defaultParagraphStyle: string | null = null;
  const bytes = files.get('word/styles.xml');
  if (!bytes) return { styles, defaultParagraphStyle, docDefaults: { pPr: undefined, rPr: undefined } };
  const root = parseXml('word/styles.xml', bytes);
  const dd = kid(root, 'w:docDefaults');
  for (const s of kids(root, 'w:style')) {
    const id = s.attrs['w:styleId'] ?? '';
    const def: StyleDef = {
      id,
      name: val(kid(s, 'w:name')) ?? id,
      type: s.attrs['w:type'] ?? 'paragraph',
      basedOn: val(kid(s, 'w:basedOn')) ?? null,
      pPr: kid(s, 'w:pPr'),
      rPr: kid(s, 'w:rPr'),
    };
    styles.set(id, def);
    if (def.type === 'paragraph' && (s.attrs['w:default'] === '1' || s.attrs['w:default'] === 'true')) defaultParagraphStyle = id;
  }
  return { styles, defaultParagraphStyle, docDefaults: { pPr: kid(kid(dd, 'w:pPrDefault'), 'w:pPr'), rPr: kid(kid(dd, 'w:rPrDefault'), 'w:rPr') } };
}

/** The style and its ancestors, root first. */
function chain(ctx: Context, id: string | null | undefined): StyleDef[] {
  const out: StyleDef[] = [];
  const seen = new Set<string>();
  let cur = id ? ctx.styles.get(id) : undefined;
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    out.unshift(cur);
    cur = cur.basedOn ? ctx.styles.get(cur.basedOn) : undefined;
  }
  return out;
}

function readNumbering(files: Map<string, Uint8Array>): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  const bytes = files.get('word/numbering.xml');
  if (!bytes) return out;
  const root = parseXml('word/numbering.xml', bytes);
  const abstract = new Map<string, Map<number, string>>();
  for (const a of kids(root, 'w:abstractNum')) {
    const levels = new Map<number, string>();
    for (const l of kids(a, 'w:lvl')) levels.set(Number(l.attrs['w:ilvl'] ?? 0), val(kid(l, 'w:numFmt')) ?? 'bullet');
    abstract.set(a.attrs['w:abstractNumId'] ?? '', levels);
  }
  for (const n of kids(root, 'w:num')) out.set(n.attrs['w:numId'] ?? '', abstract.get(val(kid(n, 'w:abstractNumId')) ?? '') ?? new Map());
  return out;
}

function readRels(files: Map<string, Uint8Array>, part: string): Map<string, { target: string; external: boolean }> {
  const out = new Map<string, { target: string; external: boolean }>();
  const dir = part.split('/').slice(0, -1).join('/');
  const name = part.split('/').pop();
  const relPart = `${dir ? dir + '/' : ''}_rels/${name}.rels`;
  const bytes = files.get(relPart);
  if (!bytes) return out;
  for (const r of kids(parseXml(relPart, bytes), 'rel:Relationship')) {
    const external = r.attrs.TargetMode === 'External';
    out.set(r.attrs.Id ?? '', { target: external ? r.attrs.Target ?? '' : resolvePart(part, r.attrs.Target ?? ''), external });
  }
  return out;
}

// --- properties -----------------------------------------------------------------------------------

function applyRPr(out: TextAttrs, rPr: XmlElement | undefined): void {
  if (!rPr) return;
  const b = toggle(kid(rPr, 'w:b'));
  if (b !== undefined) out.BOLD = b;
  const i = toggle(kid(rPr, 'w:i'));
  if (i !== undefined) out.ITALIC = i;
  const strike = toggle(kid(rPr, 'w:strike'));
  if (strike !== undefined) out.STRIKETHROUGH = strike;
  const u = kid(rPr, 'w:u');
  if (u) out.UNDERLINE = val(u) !== 'none';
  const c = colour(val(kid(rPr, 'w:color')));
  if (c !== undefined) out.FOREGROUND_COLOR = c;
  const sz = val(kid(rPr, 'w:sz'));
  if (sz !== undefined && !Number.isNaN(Number(sz))) out.FONT_SIZE = Number(sz) / 2;
  const fonts = kid(rPr, 'w:rFonts');
  // Docs keeps one family per run; the East Asian face is the one Japanese text shows in.
  const family = fonts?.attrs['w:eastAsia'] ?? fonts?.attrs['w:ascii'] ?? fonts?.attrs['w:hAnsi'];
  if (family) out.FONT_FAMILY = family;
  const shd = kid(rPr, 'w:shd');
  const hl = val(kid(rPr, 'w:highlight'));
  const bg = shd ? colour(shd.attrs['w:fill']) : undefined;
  if (bg !== undefined) out.BACKGROUND_COLOR = bg;
  else if (hl && hl !== 'none') out.BACKGROUND_COLOR = HIGHLIGHT[hl] ?? null;
}

const HIGHLIGHT: Record<string, string> = {
  yellow: '#ffff00', green: '#00ff00', cyan: '#00ffff', magenta: '#ff00ff', blue: '#0000ff', red: '#ff0000',
  darkBlue: '#000080', darkCyan: '#008080', darkGreen: '#008000', darkMagenta: '#800080', darkRed: '#800000',
  darkYellow: '#808000', darkGray: '#808080', lightGray: '#c0c0c0', black: '#000000', white: '#ffffff',
};

interface ParaProps {
  attrs: ParagraphAttrs;
  outline: number | null;
  pageBreakBefore: boolean;
  numId: string | null;
  ilvl: number;
}

function applyPPr(out: ParaProps, pPr: XmlElement | undefined): void {
  if (!pPr) return;
  const jc = val(kid(pPr, 'w:jc'));
  if (jc) out.attrs.HORIZONTAL_ALIGNMENT = { left: 'LEFT', start: 'LEFT', center: 'CENTER', right: 'RIGHT', end: 'RIGHT', both: 'JUSTIFY', distribute: 'JUSTIFY' }[jc] ?? 'LEFT';
  const sp = kid(pPr, 'w:spacing');
  if (sp) {
    const before = twipsToPt(sp.attrs['w:before']);
    if (before !== undefined) out.attrs.SPACING_BEFORE = before;
    const after = twipsToPt(sp.attrs['w:after']);
    if (after !== undefined) out.attrs.SPACING_AFTER = after;
    const line = sp.attrs['w:line'];
    // Proportional spacing (240ths of a line); exact/at-least heights have no DocumentApp equivalent.
    if (line !== undefined && (sp.attrs['w:lineRule'] ?? 'auto') === 'auto') out.attrs.LINE_SPACING = Math.round((Number(line) / 240) * 100) / 100;
  }
  const ind = kid(pPr, 'w:ind');
  if (ind) {
    const start = twipsToPt(ind.attrs['w:start'] ?? ind.attrs['w:left']);
    const end = twipsToPt(ind.attrs['w:end'] ?? ind.attrs['w:right']);
    const first = twipsToPt(ind.attrs['w:firstLine']);
    const hanging = twipsToPt(ind.attrs['w:hanging']);
    if (start !== undefined) out.attrs.INDENT_START = start;
    if (end !== undefined) out.attrs.INDENT_END = end;
    // DocumentApp's first-line indent is absolute (from the margin), Word's relative to the start indent.
    const base = (out.attrs.INDENT_START as number | undefined) ?? 0;
    if (first !== undefined) out.attrs.INDENT_FIRST_LINE = base + first;
    else if (hanging !== undefined) out.attrs.INDENT_FIRST_LINE = base - hanging;
  }
  const ol = val(kid(pPr, 'w:outlineLvl'));
  if (ol !== undefined) out.outline = Number(ol);
  const pbb = toggle(kid(pPr, 'w:pageBreakBefore'));
  if (pbb !== undefined) out.pageBreakBefore = pbb;
  const num = kid(pPr, 'w:numPr');
  if (num) {
    const id = val(kid(num, 'w:numId'));
    if (id !== undefined) out.numId = id === '0' ? null : id;
    const lvl = val(kid(num, 'w:ilvl'));
    if (lvl !== undefined) out.ilvl = Number(lvl);
  }
}

/**
 * Heading from the paragraph style's own name, as Docs maps Word's built-in styles (Title,
 * Subtitle, heading 1–6); else from the outline level (0–5) the paragraph has, directly or
 * through its styles. A custom style based on a heading is not that heading (stricter; Docs has
 * no custom named styles): with outline level 9 (body text) it is normal text.
 */
function headingOf(styles: StyleDef[], outline: number | null): string {
  const own = styles[styles.length - 1];
  const n = own ? own.name.toLowerCase().replace(/\s+/g, ' ').trim() : '';
  const m = /^heading ([1-6])$/.exec(n);
  if (m) return `HEADING${m[1]}`;
  if (n === 'title') return 'TITLE';
  if (n === 'subtitle') return 'SUBTITLE';
  if (outline !== null && outline >= 0 && outline <= 5) return `HEADING${outline + 1}`;
  return 'NORMAL';
}

const GLYPHS: Record<string, string> = {
  bullet: 'BULLET', decimal: 'NUMBER', upperLetter: 'LATIN_UPPER', lowerLetter: 'LATIN_LOWER', upperRoman: 'ROMAN_UPPER', lowerRoman: 'ROMAN_LOWER',
};

// --- content --------------------------------------------------------------------------------------

const EMU_PER_PX = 9525;

function readImage(ctx: Context, drawing: XmlElement): ImportedInline | null {
  const holder = kid(drawing, 'wp:inline') ?? kid(drawing, 'wp:anchor');
  if (!holder) return null;
  const blip = find(holder, 'a:blip');
  const id = blip?.attrs['r:embed'];
  if (!id) return null;
  const rel = ctx.rels.get(id);
  const bytes = rel && !rel.external ? ctx.files.get(rel.target) : undefined;
  if (!bytes) throw new PackageError(`${ctx.part}: image ${id} not found in the package`);
  const ext = kid(holder, 'wp:extent');
  const doc = kid(holder, 'wp:docPr');
  return {
    kind: 'image',
    bytes,
    width: Math.round(Number(ext?.attrs.cx ?? 0) / EMU_PER_PX),
    height: Math.round(Number(ext?.attrs.cy ?? 0) / EMU_PER_PX),
    title: doc?.attrs.title ?? null,
    description: doc?.attrs.descr ?? null,
  };
}

/** Fields whose result Docs shows as live auto text (the script sees an UnsupportedElement). */
const AUTO_TEXT = new Set(['PAGE', 'NUMPAGES']);

function fieldName(code: string): string {
  return code.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
}

interface RunSink {
  parts: ImportedInline[];
  /** Set when a TOC field starts or ends in this paragraph. */
  tocStart: boolean;
  tocEnd: boolean;
}

function pushText(sink: RunSink, text: string, attrs: TextAttrs): void {
  if (text === '') return;
  const last = sink.parts[sink.parts.length - 1];
  if (last && last.kind === 'text' && JSON.stringify(last.attrs) === JSON.stringify(attrs)) last.text += text;
  else sink.parts.push({ kind: 'text', text, attrs: { ...attrs } });
}

/** Inside the result of a field whose text Docs replaces (auto text) or that is a page reference. */
function suppressed(ctx: Context): boolean {
  return ctx.fields.some((f) => f.result && (AUTO_TEXT.has(fieldName(f.code)) || fieldName(f.code) === 'PAGEREF'));
}

function readRun(ctx: Context, r: XmlElement, base: TextAttrs, sink: RunSink, link: string | null): void {
  const attrs: TextAttrs = { ...base };
  const rPr = kid(r, 'w:rPr');
  for (const s of chain(ctx, val(kid(rPr, 'w:rStyle')))) applyRPr(attrs, s.rPr);
  applyRPr(attrs, rPr);
  if (link) attrs.LINK_URL = link;
  for (const c of kids(r)) {
    switch (c.name) {
      case 'w:t':
        if (ctx.fields.some((f) => !f.result)) break; // field code, not text
        if (!suppressed(ctx)) pushText(sink, textOf(c), attrs);
        break;
      case 'w:tab':
        if (!suppressed(ctx) && !ctx.fields.some((f) => !f.result)) pushText(sink, '\t', attrs);
        break;
      case 'w:br':
      case 'w:cr': {
        const type = c.attrs['w:type'];
        if (type === 'page') sink.parts.push({ kind: 'pageBreak' });
        else if (type !== 'column') pushText(sink, '\r', attrs); // a line break inside the paragraph
        break;
      }
      case 'w:noBreakHyphen':
        pushText(sink, '\u2011', attrs);
        break;
      case 'w:drawing': {
        const img = readImage(ctx, c);
        if (img) sink.parts.push(img);
        break;
      }
      case 'w:instrText': {
        const open = ctx.fields[ctx.fields.length - 1];
        if (open && !open.result) open.code += textOf(c);
        break;
      }
      case 'w:fldChar': {
        const type = c.attrs['w:fldCharType'];
        if (type === 'begin') ctx.fields.push({ code: '', result: false });
        else if (type === 'separate' || type === 'end') {
          const open = ctx.fields[ctx.fields.length - 1];
          if (!open) break;
          const name = fieldName(open.code);
          if (!open.result) {
            // The code is complete: auto text becomes one UnsupportedElement; a TOC starts here.
            if (AUTO_TEXT.has(name)) sink.parts.push({ kind: 'field', code: name });
            if (name === 'TOC') sink.tocStart = true;
            open.result = true;
          }
          if (type === 'end') {
            ctx.fields.pop();
            if (name === 'TOC') sink.tocEnd = true;
          }
        }
        break;
      }
      case 'mc:AlternateContent': {
        const choice = kid(c, 'mc:Choice') ?? kid(c, 'mc:Fallback');
        if (choice) readRun(ctx, { name: 'w:r', attrs: {}, children: [...(rPr ? [rPr] : []), ...choice.children] }, base, sink, link);
        break;
      }
      default:
        break; // w:rPr, w:lastRenderedPageBreak, w:footnoteReference … (footnotes not modelled)
    }
  }
}

function readRuns(ctx: Context, container: XmlElement, base: TextAttrs, sink: RunSink, link: string | null): void {
  for (const c of kids(container)) {
    switch (c.name) {
      case 'w:r':
        readRun(ctx, c, base, sink, link);
        break;
      case 'w:hyperlink': {
        const id = c.attrs['r:id'];
        const rel = id ? ctx.rels.get(id) : undefined;
        const anchor = c.attrs['w:anchor'];
        readRuns(ctx, c, base, sink, rel ? rel.target : anchor ? `#${anchor}` : link);
        break;
      }
      case 'w:fldSimple': {
        const code = c.attrs['w:instr'] ?? '';
        const name = fieldName(code);
        if (AUTO_TEXT.has(name)) sink.parts.push({ kind: 'field', code: name });
        else {
          const m = /^HYPERLINK\s+"([^"]*)"/i.exec(code.trim());
          readRuns(ctx, c, base, sink, m ? m[1] : link);
        }
        break;
      }
      case 'w:sdt':
        readRuns(ctx, kid(c, 'w:sdtContent') ?? c, base, sink, link);
        break;
      case 'w:ins':
      case 'w:smartTag':
      case 'w:customXml':
        readRuns(ctx, c, base, sink, link);
        break;
      default:
        break; // w:pPr, w:del, bookmarks, proofing marks
    }
  }
}

interface ParaRead {
  para: ImportedParagraph;
  tocStart: boolean;
  tocEnd: boolean;
}

function readParagraph(ctx: Context, p: XmlElement, tableStyle: string | null): ParaRead {
  const pPr = kid(p, 'w:pPr');
  const styleId = val(kid(pPr, 'w:pStyle')) ?? ctx.defaultParagraphStyle;
  const styles = chain(ctx, styleId);
  const props: ParaProps = { attrs: {}, outline: null, pageBreakBefore: false, numId: null, ilvl: 0 };
  const text: TextAttrs = {};
  applyPPr(props, ctx.docDefaults.pPr);
  applyRPr(text, ctx.docDefaults.rPr);
  for (const s of chain(ctx, tableStyle)) {
    applyPPr(props, s.pPr);
    applyRPr(text, s.rPr);
  }
  for (const s of styles) {
    applyPPr(props, s.pPr);
    applyRPr(text, s.rPr);
  }
  applyPPr(props, pPr);
  const sink: RunSink = { parts: [], tocStart: false, tocEnd: false };
  readRuns(ctx, p, text, sink, null);
  const heading = headingOf(styles, props.outline);
  const levels = props.numId ? ctx.numbering.get(props.numId) : undefined;
  return {
    para: {
      kind: 'paragraph',
      heading,
      style: styles.length ? styles[styles.length - 1].name : '',
      attrs: props.attrs,
      parts: sink.parts,
      list: props.numId ? { level: props.ilvl, glyph: GLYPHS[levels?.get(props.ilvl) ?? 'bullet'] ?? 'BULLET' } : null,
      pageBreakBefore: props.pageBreakBefore,
    },
    tocStart: sink.tocStart,
    tocEnd: sink.tocEnd,
  };
}

function readTable(ctx: Context, tbl: XmlElement): ImportedTable {
  const tblPr = kid(tbl, 'w:tblPr');
  const tableStyle = val(kid(tblPr, 'w:tblStyle')) ?? null;
  const borders = kid(tblPr, 'w:tblBorders');
  const edge = kid(borders, 'w:top') ?? kid(borders, 'w:insideH');
  const columnWidths = kids(kid(tbl, 'w:tblGrid'), 'w:gridCol').map((g) => twipsToPt(g.attrs['w:w']) ?? 0);
  const rows = kids(tbl, 'w:tr').map((tr) => {
    const trPr = kid(tr, 'w:trPr');
    return {
      header: toggle(kid(trPr, 'w:tblHeader')) ?? false,
      cantSplit: toggle(kid(trPr, 'w:cantSplit')) ?? false,
      cells: kids(tr, 'w:tc').map((tc): ImportedCell => {
        const tcPr = kid(tc, 'w:tcPr');
        const w = kid(tcPr, 'w:tcW');
        const paragraphs: ImportedParagraph[] = [];
        for (const c of kids(tc)) {
          if (c.name === 'w:p') paragraphs.push(readParagraph(ctx, c, tableStyle).para);
          // Nested tables are not modelled: their paragraphs are kept, in order, as the cell's text.
          else if (c.name === 'w:tbl') for (const p of nestedParagraphs(c)) paragraphs.push(readParagraph(ctx, p, tableStyle).para);
        }
        if (paragraphs.length === 0) throw new PackageError(`${ctx.part}: a table cell without a paragraph`);
        return {
          paragraphs,
          background: colour(kid(tcPr, 'w:shd')?.attrs['w:fill']) ?? null,
          width: w && (w.attrs['w:type'] ?? 'dxa') === 'dxa' ? twipsToPt(w.attrs['w:w']) ?? null : null,
          verticalAlignment: ({ top: 'TOP', center: 'CENTER', bottom: 'BOTTOM' } as Record<string, string>)[val(kid(tcPr, 'w:vAlign')) ?? ''] ?? null,
          colSpan: Number(val(kid(tcPr, 'w:gridSpan')) ?? 1),
        };
      }),
    };
  });
  return {
    kind: 'table',
    rows,
    columnWidths,
    borderColor: edge ? colour(edge.attrs['w:color']) ?? null : null,
    // Border sizes are in eighths of a point.
    borderWidth: edge && edge.attrs['w:sz'] ? Number(edge.attrs['w:sz']) / 8 : null,
  };
}

function nestedParagraphs(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of kids(el)) {
    if (c.name === 'w:p') out.push(c);
    else out.push(...nestedParagraphs(c));
  }
  return out;
}

const isTocSdt = (sdt: XmlElement): boolean => {
  const gallery = val(find(kid(sdt, 'w:sdtPr'), 'w:docPartGallery'));
  return gallery !== undefined && /table of contents/i.test(gallery);
};

/**
 * A TOC entry as Docs shows it: the heading's text. The page number (a PAGEREF result) is not
 * kept, nor the tab leading to it.
 */
function tocEntry(p: ImportedParagraph): ImportedParagraph {
  const parts = [...p.parts];
  const last = parts[parts.length - 1];
  if (last && last.kind === 'text') {
    const text = last.text.replace(/\t+$/, '');
    if (text) parts[parts.length - 1] = { ...last, text };
    else parts.pop();
  }
  return { ...p, parts };
}

/** Body-level content: paragraphs, tables, content controls; a TOC (field or control) becomes one element. */
function readBlocks(ctx: Context, container: XmlElement): ImportedBlock[] {
  const out: ImportedBlock[] = [];
  let toc: ImportedToc | null = null;
  const add = (b: ImportedParagraph | ImportedTable): void => {
    if (toc && b.kind === 'paragraph') toc.paragraphs.push(tocEntry(b));
    else out.push(b);
  };
  const walk = (el: XmlElement): void => {
    for (const c of kids(el)) {
      if (c.name === 'w:p') {
        const r = readParagraph(ctx, c, null);
        if (r.tocStart && !toc) {
          toc = { kind: 'toc', paragraphs: [] };
          out.push(toc);
        }
        if (!(toc && r.para.parts.length === 0 && (r.tocStart || r.tocEnd))) add(r.para);
        if (r.tocEnd) toc = null;
      } else if (c.name === 'w:tbl') {
        add(readTable(ctx, c));
      } else if (c.name === 'w:sdt') {
        const content = kid(c, 'w:sdtContent');
        if (!content) continue;
        if (isTocSdt(c) && !toc) {
          const inner = readBlocks(ctx, content);
          const entries: ImportedParagraph[] = [];
          for (const b of inner) {
            if (b.kind === 'toc') entries.push(...b.paragraphs);
            else if (b.kind === 'paragraph') entries.push(tocEntry(b));
          }
          // The control's title paragraph (a "TOC Heading" styled line) stays outside, as a normal heading would.
          const titleIdx = entries.findIndex((p) => /toc heading/i.test(p.style));
          if (titleIdx === 0) out.push(entries.shift()!);
          out.push({ kind: 'toc', paragraphs: entries });
        } else walk(content);
      } else if (c.name === 'w:customXml' || c.name === 'w:ins') {
        walk(c);
      }
    }
  };
  walk(container);
  return out;
}

function readSection(ctx: Context, part: string | undefined): ImportedSection | null {
  if (!part) return null;
  const bytes = ctx.files.get(part);
  if (!bytes) throw new PackageError(`${part}: missing from the package`);
  const sub: Context = { ...ctx, rels: readRels(ctx.files, part), part, fields: [] };
  return { blocks: readBlocks(sub, parseXml(part, bytes)) };
}

function blockChars(b: ImportedBlock): number {
  const para = (p: ImportedParagraph): number => p.parts.reduce((n, x) => n + (x.kind === 'text' ? x.text.length : 1), 0) + 1;
  if (b.kind === 'paragraph') return para(b);
  if (b.kind === 'toc') return b.paragraphs.reduce((n, p) => n + para(p), 0) + 1;
  return b.rows.reduce((n, r) => n + 1 + r.cells.reduce((m, c) => m + 1 + c.paragraphs.reduce((k, p) => k + para(p), 0), 0), 0) + 1;
}

/** Reads a .docx package into what the Google Doc will hold; a malformed package throws PackageError. */
export function importDocx(bytes: Uint8Array): ImportedDoc {
  const files = unzip(bytes);
  const types = files.get('[Content_Types].xml');
  if (!types) throw new PackageError('[Content_Types].xml is missing: not an Office Open XML package');
  parseXml('[Content_Types].xml', types);
  const pkgRels = readRels(files, '');
  const main = [...pkgRels.values()].find((r) => /\.xml$/.test(r.target) && files.has(r.target) && /document/i.test(r.target))?.target ?? 'word/document.xml';
  const docBytes = files.get(main);
  if (!docBytes) throw new PackageError(`${main} is missing: not a Word document`);
  const root = parseXml(main, docBytes);
  if (root.name !== 'w:document') throw new PackageError(`${main}: the root element is ${root.name}, not w:document`);
  const body = kid(root, 'w:body');
  if (!body) throw new PackageError(`${main}: no w:body`);
  const ctx: Context = {
    files,
    ...readStyles(files),
    numbering: readNumbering(files),
    rels: readRels(files, main),
    part: main,
    fields: [],
  };
  const blocks = readBlocks(ctx, body);
  const sect = kid(body, 'w:sectPr');
  const ref = (kind: 'w:headerReference' | 'w:footerReference', type: string): string | undefined => {
    const r = kids(sect, kind).find((h) => (h.attrs['w:type'] ?? 'default') === type);
    const rel = r ? ctx.rels.get(r.attrs['r:id'] ?? '') : undefined;
    return rel && !rel.external ? rel.target : undefined;
  };
  const titlePage = toggle(kid(sect, 'w:titlePg')) ?? false;
  const pgSz = kid(sect, 'w:pgSz');
  const pgMar = kid(sect, 'w:pgMar');
  const page = pgSz
    ? {
        width: twipsToPt(pgSz.attrs['w:w']) ?? 612,
        height: twipsToPt(pgSz.attrs['w:h']) ?? 792,
        marginTop: twipsToPt(pgMar?.attrs['w:top']) ?? 72,
        marginBottom: twipsToPt(pgMar?.attrs['w:bottom']) ?? 72,
        marginLeft: twipsToPt(pgMar?.attrs['w:left'] ?? pgMar?.attrs['w:start']) ?? 72,
        marginRight: twipsToPt(pgMar?.attrs['w:right'] ?? pgMar?.attrs['w:end']) ?? 72,
      }
    : null;
  const core = files.get('docProps/core.xml');
  const title = core ? (find(parseXml('docProps/core.xml', core), '{http://purl.org/dc/elements/1.1/}title') ?? null) : null;
  const header = readSection(ctx, ref('w:headerReference', 'default'));
  const footer = readSection(ctx, ref('w:footerReference', 'default'));
  return {
    body: blocks,
    header,
    footer,
    firstPageHeader: titlePage ? readSection(ctx, ref('w:headerReference', 'first')) ?? { blocks: [] } : null,
    firstPageFooter: titlePage ? readSection(ctx, ref('w:footerReference', 'first')) ?? { blocks: [] } : null,
    page,
    chars: blocks.reduce((n, b) => n + blockChars(b), 0),
    title: title ? textOf(title) : null,
  };
}
