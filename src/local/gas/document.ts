// Local DocumentApp, following https://developers.google.com/apps-script/reference/document/document-app,
// https://developers.google.com/apps-script/reference/document/document,
// https://developers.google.com/apps-script/reference/document/body,
// https://developers.google.com/apps-script/reference/document/paragraph,
// https://developers.google.com/apps-script/reference/document/table (table-row, table-cell),
// https://developers.google.com/apps-script/reference/document/inline-image and
// https://developers.google.com/apps-script/reference/document/attribute.
// Where the reference is silent the stricter behaviour is chosen (see test/local/gas/document.test.ts).
//
// A document is a tree a test can walk: localStructure() gives the body as plain data (headings,
// tables as string[][], images with their bytes) and localOutline() the headings in order.

import type { CallCounter } from './counter';
import { GOOGLE_DOCS_MIME, LocalDriveApp, blobContent } from './drive';
import { LocalBlob, signatureError } from './utilities';
import type { ImportedBlock, ImportedDoc, ImportedParagraph, ImportedSection } from './docx-import';

type Doc = GoogleAppsScript.Document.Document;
type GBody = GoogleAppsScript.Document.Body;
type GParagraph = GoogleAppsScript.Document.Paragraph;
type GListItem = GoogleAppsScript.Document.ListItem;
type GTable = GoogleAppsScript.Document.Table;
type GTableRow = GoogleAppsScript.Document.TableRow;
type GTableCell = GoogleAppsScript.Document.TableCell;
type GInlineImage = GoogleAppsScript.Document.InlineImage;
type GHorizontalRule = GoogleAppsScript.Document.HorizontalRule;
type GPageBreak = GoogleAppsScript.Document.PageBreak;
type GElement = GoogleAppsScript.Document.Element;
type ParagraphHeading = GoogleAppsScript.Document.ParagraphHeading;
type HorizontalAlignment = GoogleAppsScript.Document.HorizontalAlignment;
type VerticalAlignment = GoogleAppsScript.Document.VerticalAlignment;
type GlyphType = GoogleAppsScript.Document.GlyphType;

const names = <T extends string>(...keys: T[]): Record<T, T> =>
  Object.fromEntries(keys.map((k) => [k, k])) as Record<T, T>;

/** Apps Script enums are objects whose values print as their names; strings model that. */
export const LocalParagraphHeading = names(
  'NORMAL', 'HEADING1', 'HEADING2', 'HEADING3', 'HEADING4', 'HEADING5', 'HEADING6', 'TITLE', 'SUBTITLE',
) as unknown as typeof GoogleAppsScript.Document.ParagraphHeading;

export const LocalHorizontalAlignment = names('LEFT', 'CENTER', 'RIGHT', 'JUSTIFY') as unknown as typeof GoogleAppsScript.Document.HorizontalAlignment;

export const LocalVerticalAlignment = names('BOTTOM', 'CENTER', 'TOP') as unknown as typeof GoogleAppsScript.Document.VerticalAlignment;

export const LocalTextAlignment = names('NORMAL', 'SUPERSCRIPT', 'SUBSCRIPT') as unknown as typeof GoogleAppsScript.Document.TextAlignment;

export const LocalGlyphType = names(
  'BULLET', 'HOLLOW_BULLET', 'SQUARE_BULLET', 'NUMBER', 'LATIN_UPPER', 'LATIN_LOWER', 'ROMAN_UPPER', 'ROMAN_LOWER',
) as unknown as typeof GoogleAppsScript.Document.GlyphType;

export const LocalElementType = names(
  'BODY_SECTION', 'COMMENT_SECTION', 'DATE', 'DOCUMENT', 'EQUATION', 'EQUATION_FUNCTION',
  'EQUATION_FUNCTION_ARGUMENT_SEPARATOR', 'EQUATION_SYMBOL', 'FOOTER_SECTION', 'FOOTNOTE', 'FOOTNOTE_SECTION',
  'HEADER_SECTION', 'HORIZONTAL_RULE', 'INLINE_DRAWING', 'INLINE_IMAGE', 'LIST_ITEM', 'PAGE_BREAK', 'PARAGRAPH',
  'PERSON', 'RICH_LINK', 'TABLE', 'TABLE_CELL', 'TABLE_OF_CONTENTS', 'TABLE_ROW', 'TEXT', 'UNSUPPORTED',
) as unknown as typeof GoogleAppsScript.Document.ElementType;

const ATTRIBUTE_NAMES = [
  'BACKGROUND_COLOR', 'BOLD', 'BORDER_COLOR', 'BORDER_WIDTH', 'CODE', 'FONT_FAMILY', 'FONT_SIZE', 'FOREGROUND_COLOR',
  'HEADING', 'HEIGHT', 'HORIZONTAL_ALIGNMENT', 'INDENT_END', 'INDENT_FIRST_LINE', 'INDENT_START', 'ITALIC',
  'GLYPH_TYPE', 'LEFT_TO_RIGHT', 'LINE_SPACING', 'LINK_URL', 'LIST_ID', 'MARGIN_BOTTOM', 'MARGIN_LEFT',
  'MARGIN_RIGHT', 'MARGIN_TOP', 'NESTING_LEVEL', 'MINIMUM_HEIGHT', 'PADDING_BOTTOM', 'PADDING_LEFT',
  'PADDING_RIGHT', 'PADDING_TOP', 'PAGE_HEIGHT', 'PAGE_WIDTH', 'SPACING_AFTER', 'SPACING_BEFORE',
  'STRIKETHROUGH', 'UNDERLINE', 'VERTICAL_ALIGNMENT', 'WIDTH',
] as const;
type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

export const LocalAttribute = names(...ATTRIBUTE_NAMES) as unknown as typeof GoogleAppsScript.Document.Attribute;

/** Message Apps Script gives when a closed document is used (Document.saveAndClose). */
export const DOCUMENT_CLOSED_MESSAGE = 'Document is closed, its contents cannot be updated.';
/** Message of DocumentApp.openById for an ID that is not a document the user can open. */
export const DOCUMENT_MISSING_MESSAGE = 'Document is missing (perhaps it was deleted, or you do not have read access?)';

// Which attributes each element type carries. Text attributes set on a container apply to all
// the text inside it (as a bulk edit in the Docs editor would).
const TEXT_ATTRS: AttributeName[] = [
  'BACKGROUND_COLOR', 'BOLD', 'CODE', 'FONT_FAMILY', 'FONT_SIZE', 'FOREGROUND_COLOR', 'ITALIC', 'LINK_URL', 'STRIKETHROUGH', 'UNDERLINE',
];
const PARAGRAPH_ATTRS: AttributeName[] = [
  ...TEXT_ATTRS, 'HEADING', 'HORIZONTAL_ALIGNMENT', 'INDENT_END', 'INDENT_FIRST_LINE', 'INDENT_START', 'LEFT_TO_RIGHT',
  'LINE_SPACING', 'SPACING_AFTER', 'SPACING_BEFORE',
];
const ATTRS_BY_TYPE: Record<string, AttributeName[]> = {
  BODY_SECTION: [...TEXT_ATTRS, 'MARGIN_BOTTOM', 'MARGIN_LEFT', 'MARGIN_RIGHT', 'MARGIN_TOP', 'PAGE_HEIGHT', 'PAGE_WIDTH'],
  PARAGRAPH: PARAGRAPH_ATTRS,
  LIST_ITEM: [...PARAGRAPH_ATTRS, 'GLYPH_TYPE', 'LIST_ID', 'NESTING_LEVEL'],
  TABLE: [...TEXT_ATTRS, 'BORDER_COLOR', 'BORDER_WIDTH'],
  TABLE_ROW: [...TEXT_ATTRS, 'MINIMUM_HEIGHT'],
  TABLE_CELL: [...TEXT_ATTRS, 'BORDER_COLOR', 'BORDER_WIDTH', 'PADDING_BOTTOM', 'PADDING_LEFT', 'PADDING_RIGHT', 'PADDING_TOP', 'VERTICAL_ALIGNMENT', 'WIDTH'],
  INLINE_IMAGE: ['HEIGHT', 'WIDTH', 'LINK_URL'],
  HORIZONTAL_RULE: [],
  PAGE_BREAK: [],
  UNSUPPORTED: [],
  HEADER_SECTION: TEXT_ATTRS,
  FOOTER_SECTION: TEXT_ATTRS,
  TABLE_OF_CONTENTS: [...TEXT_ATTRS, 'LINK_URL'],
};

const BOOLEAN_ATTRS = new Set<AttributeName>(['BOLD', 'CODE', 'ITALIC', 'LEFT_TO_RIGHT', 'STRIKETHROUGH', 'UNDERLINE']);
const COLOR_ATTRS = new Set<AttributeName>(['BACKGROUND_COLOR', 'FOREGROUND_COLOR', 'BORDER_COLOR']);
const STRING_ATTRS = new Set<AttributeName>(['FONT_FAMILY', 'LINK_URL', 'LIST_ID']);
const ENUM_ATTRS: Partial<Record<AttributeName, readonly string[]>> = {
  HEADING: Object.values(LocalParagraphHeading) as string[],
  HORIZONTAL_ALIGNMENT: Object.values(LocalHorizontalAlignment) as string[],
  VERTICAL_ALIGNMENT: Object.values(LocalVerticalAlignment) as string[],
  GLYPH_TYPE: Object.values(LocalGlyphType) as string[],
};

// The reference writes colors "in CSS notation (like '#ffffff')".
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

function checkColor(method: string, color: unknown): string {
  if (typeof color !== 'string') throw signatureError(method, [color]);
  if (!COLOR_RE.test(color)) throw new Error(`Invalid color: ${color} (${method}; use #rrggbb).`);
  return color;
}

function checkAttributeValue(method: string, key: AttributeName, value: unknown): void {
  if (value === null) return; // null clears an attribute
  const bad = (): never => {
    throw new Error(`${method}: invalid value ${JSON.stringify(value)} for attribute ${key}.`);
  };
  if (BOOLEAN_ATTRS.has(key)) {
    if (typeof value !== 'boolean') bad();
  } else if (COLOR_ATTRS.has(key)) {
    if (typeof value !== 'string' || !COLOR_RE.test(value)) bad();
  } else if (STRING_ATTRS.has(key)) {
    if (typeof value !== 'string') bad();
  } else if (ENUM_ATTRS[key]) {
    if (!ENUM_ATTRS[key]!.includes(value as string)) bad();
  } else if (key === 'NESTING_LEVEL') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 8) bad();
  } else if (key === 'FONT_SIZE') {
    if (typeof value !== 'number' || !(value > 0) || value > 400) bad();
  } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    bad();
  }
}

// ---------------------------------------------------------------------------------------------
// Images: the reference (Body.appendImage / InlineImage) — PNG, JPEG or GIF, under 50 MB and
// 25 megapixels. Dimensions are read from the file header.

const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
const MAX_IMAGE_PIXELS = 25_000_000;

function imageSize(bytes: Uint8Array): { width: number; height: number; type: string } | null {
  const b = bytes;
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[12] === 0x49 && b[13] === 0x48 && b[14] === 0x44 && b[15] === 0x52) {
    const u32 = (o: number): number => ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
    return { width: u32(16), height: u32(20), type: 'image/png' };
  }
  if (b.length >= 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) {
    return { width: b[6] | (b[7] << 8), height: b[8] | (b[9] << 8), type: 'image/gif' };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      const len = (b[i + 2] << 8) | b[i + 3];
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8], type: 'image/jpeg' };
      }
      i += 2 + len;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

interface DocState {
  id: string;
  closed: boolean;
  body: LocalBody;
  header: LocalHeaderSection | null;
  footer: LocalFooterSection | null;
  /** Imported from a .docx: the first page's own header/footer (no DocumentApp getter; local only). */
  firstPageHeader: LocalHeaderSection | null;
  firstPageFooter: LocalFooterSection | null;
  /** The import this content came from (a new import replaces it). */
  source?: ImportedDoc;
}

type Attrs = Partial<Record<AttributeName, unknown>>;

/** Common to every element: type, parent, attributes, casts. */
abstract class LocalElement {
  abstract readonly elementType: string;
  /** Set attributes (public for the runtime's import; scripts use get/setAttributes). */
  attrs: Attrs = {};
  parent: LocalContainer | null = null;

  constructor(
    protected readonly doc: DocState,
    protected readonly counter: CallCounter,
  ) {}

  /** 'Paragraph', 'Table' … used in call names. */
  protected abstract readonly className: string;

  protected use(method: string): void {
    this.counter.count(`${this.className}.${method}`);
    if (this.doc.closed) throw new Error(DOCUMENT_CLOSED_MESSAGE);
  }

  getType(): GoogleAppsScript.Document.ElementType {
    this.use('getType');
    return this.elementType as unknown as GoogleAppsScript.Document.ElementType;
  }

  getParent(): GoogleAppsScript.Document.ContainerElement {
    this.use('getParent');
    return this.parent as unknown as GoogleAppsScript.Document.ContainerElement;
  }

  /**
   * The reference: "an object containing a property for each valid element attribute where each
   * property name corresponds to an item in the DocumentApp.Attribute enumeration". Unset → null.
   */
  getAttributes(): Record<string, unknown> {
    this.use('getAttributes');
    return this.attributeSnapshot();
  }

  // Returns the element itself; typed `any` because each GAS element type returns its own type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  setAttributes(attributes: Record<string, unknown>): any {
    this.use('setAttributes');
    this.applyAttributes(`${this.className}.setAttributes`, attributes);
    return this;
  }

  attributeSnapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of ATTRS_BY_TYPE[this.elementType] ?? []) out[k] = this.attrs[k] ?? null;
    return out;
  }

  /** Only the attributes that are set (for localStructure). */
  setAttributeSnapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.attrs)) if (v !== null && v !== undefined) out[k] = v;
    return out;
  }

  applyAttributes(method: string, attributes: unknown): void {
    if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) throw signatureError(method, [attributes]);
    const valid = ATTRS_BY_TYPE[this.elementType] ?? [];
    const entries = Object.entries(attributes as Record<string, unknown>);
    // Validate everything first: a bad entry changes nothing (stricter than a partial update).
    for (const [k, v] of entries) {
      if (!(ATTRIBUTE_NAMES as readonly string[]).includes(k)) throw new Error(`${method}: "${k}" is not a DocumentApp.Attribute.`);
      // The reference is silent on attributes that do not apply to the element: refused (stricter).
      if (!valid.includes(k as AttributeName)) throw new Error(`${method}: attribute ${k} does not apply to ${this.elementType}.`);
      checkAttributeValue(method, k as AttributeName, v);
    }
    // The reference does not say in which order a map is applied. Stricter: HEADING last, so a
    // map that sets a heading with other attributes loses them (see LocalParagraph.setAttr) —
    // set the heading first (setHeading), then the rest.
    entries.sort(([a], [b]) => Number(a === 'HEADING') - Number(b === 'HEADING'));
    for (const [k, v] of entries) this.setAttr(k as AttributeName, v);
  }

  protected setAttr(key: AttributeName, value: unknown): void {
    this.attrs[key] = value;
  }

  attr(key: AttributeName): unknown {
    return this.attrs[key] ?? null;
  }

  private cast<T>(method: string, type: string, target: string): T {
    this.use(method);
    if (this.elementType !== type) throw new Error(`Cannot cast ${this.elementType} to ${target}.`);
    return this as unknown as T;
  }

  asParagraph(): GParagraph {
    return this.cast('asParagraph', 'PARAGRAPH', 'Paragraph');
  }

  asListItem(): GListItem {
    return this.cast('asListItem', 'LIST_ITEM', 'ListItem');
  }

  asTable(): GTable {
    return this.cast('asTable', 'TABLE', 'Table');
  }

  asTableRow(): GTableRow {
    return this.cast('asTableRow', 'TABLE_ROW', 'TableRow');
  }

  asTableCell(): GTableCell {
    return this.cast('asTableCell', 'TABLE_CELL', 'TableCell');
  }

  asInlineImage(): GInlineImage {
    return this.cast('asInlineImage', 'INLINE_IMAGE', 'InlineImage');
  }

  asHorizontalRule(): GHorizontalRule {
    return this.cast('asHorizontalRule', 'HORIZONTAL_RULE', 'HorizontalRule');
  }

  asPageBreak(): GPageBreak {
    return this.cast('asPageBreak', 'PAGE_BREAK', 'PageBreak');
  }

  asBody(): GBody {
    return this.cast('asBody', 'BODY_SECTION', 'Body');
  }

  abstract plainText(): string;
}

/** Elements holding children: body, table, row, cell. Text attributes flow down to the text. */
abstract class LocalContainer extends LocalElement {
  abstract childList(): LocalElement[];

  protected override setAttr(key: AttributeName, value: unknown): void {
    super.setAttr(key, value);
    if (TEXT_ATTRS.includes(key)) for (const c of this.childList()) pushTextAttr(c, key, value);
  }

  getNumChildren(): number {
    this.use('getNumChildren');
    return this.childList().length;
  }

  /** Out of range: the message Apps Script gives for a bad child index. */
  getChild(childIndex: number): GElement {
    this.use('getChild');
    const list = this.childList();
    if (typeof childIndex !== 'number' || !Number.isInteger(childIndex)) throw signatureError(`${this.className}.getChild`, [childIndex]);
    if (childIndex < 0 || childIndex >= list.length) {
      throw new Error(`Child index (${childIndex}) must be less than the number of child elements (${list.length}).`);
    }
    return list[childIndex] as unknown as GElement;
  }

  getChildIndex(child: GElement): number {
    this.use('getChildIndex');
    const i = this.childList().indexOf(child as unknown as LocalElement);
    if (i < 0) throw new Error('Element does not contain the specified child element.');
    return i;
  }

  getText(): string {
    this.use('getText');
    return this.plainText();
  }
}

function pushTextAttr(el: LocalElement, key: AttributeName, value: unknown): void {
  if (el instanceof LocalParagraph) el.attrsForText()[key] = value;
  else if (el instanceof LocalContainer) for (const c of el.childList()) pushTextAttr(c, key, value);
}

// --- inline elements ---------------------------------------------------------------------------

/** https://developers.google.com/apps-script/reference/document/horizontal-rule */
export class LocalHorizontalRule extends LocalElement implements Pick<GHorizontalRule, 'getType' | 'getAttributes'> {
  readonly elementType = 'HORIZONTAL_RULE';
  protected readonly className = 'HorizontalRule';
  plainText(): string {
    return '';
  }
}

/** https://developers.google.com/apps-script/reference/document/page-break */
export class LocalPageBreak extends LocalElement implements Pick<GPageBreak, 'getType' | 'getAttributes'> {
  readonly elementType = 'PAGE_BREAK';
  protected readonly className = 'PageBreak';
  plainText(): string {
    return '';
  }
}

/** https://developers.google.com/apps-script/reference/document/inline-image */
export class LocalInlineImage
  extends LocalElement
  implements Pick<GInlineImage, 'getType' | 'getBlob' | 'getWidth' | 'setWidth' | 'getHeight' | 'setHeight' | 'getAltTitle' | 'setAltTitle' | 'getAltDescription' | 'setAltDescription'>
{
  readonly elementType = 'INLINE_IMAGE';
  protected readonly className = 'InlineImage';
  private altTitle: string | null = null;
  private altDescription: string | null = null;

  constructor(
    doc: DocState,
    counter: CallCounter,
    readonly bytes: Uint8Array,
    readonly contentType: string,
    width: number,
    height: number,
  ) {
    super(doc, counter);
    this.attrs.WIDTH = width;
    this.attrs.HEIGHT = height;
  }

  plainText(): string {
    return '';
  }

  getWidth(): number {
    this.use('getWidth');
    return this.attrs.WIDTH as number;
  }

  /** Pixels; the reference types it Integer. */
  setWidth(width: number): GInlineImage {
    this.use('setWidth');
    if (typeof width !== 'number' || !Number.isInteger(width) || width <= 0) throw signatureError('InlineImage.setWidth', [width]);
    this.attrs.WIDTH = width;
    return this as unknown as GInlineImage;
  }

  getHeight(): number {
    this.use('getHeight');
    return this.attrs.HEIGHT as number;
  }

  setHeight(height: number): GInlineImage {
    this.use('setHeight');
    if (typeof height !== 'number' || !Number.isInteger(height) || height <= 0) throw signatureError('InlineImage.setHeight', [height]);
    this.attrs.HEIGHT = height;
    return this as unknown as GInlineImage;
  }

  getAltTitle(): string {
    this.use('getAltTitle');
    return this.altTitle as string;
  }

  setAltTitle(title: string): GInlineImage {
    this.use('setAltTitle');
    if (typeof title !== 'string') throw signatureError('InlineImage.setAltTitle', [title]);
    this.altTitle = title;
    return this as unknown as GInlineImage;
  }

  getAltDescription(): string {
    this.use('getAltDescription');
    return this.altDescription as string;
  }

  setAltDescription(description: string): GInlineImage {
    this.use('setAltDescription');
    if (typeof description !== 'string') throw signatureError('InlineImage.setAltDescription', [description]);
    this.altDescription = description;
    return this as unknown as GInlineImage;
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    this.use('getBlob');
    return new LocalBlob(this.counter, Buffer.from(this.bytes), this.contentType, null);
  }

  /** Runtime hook for an import: the alt text the file carried. */
  setAlt(title: string | null, description: string | null): void {
    this.altTitle = title;
    this.altDescription = description;
  }

  alt(): { title: string | null; description: string | null } {
    return { title: this.altTitle, description: this.altDescription };
  }
}

// --- paragraphs ----------------------------------------------------------------------------------

/**
 * https://developers.google.com/apps-script/reference/document/unsupported-element — "An element
 * representing a region that is unknown or cannot be affected by a script, such as a page number."
 * An imported PAGE field is one (its number is not part of the paragraph's text).
 */
export class LocalUnsupportedElement extends LocalElement implements Pick<GoogleAppsScript.Document.UnsupportedElement, 'getType' | 'getAttributes'> {
  readonly elementType = 'UNSUPPORTED';
  protected readonly className = 'UnsupportedElement';
  constructor(
    doc: DocState,
    counter: CallCounter,
    /** What it is (local information, e.g. 'PAGE'); scripts cannot read it. */
    readonly field: string,
    /** Where it sits in the paragraph's text. */
    readonly offset: number,
  ) {
    super(doc, counter);
  }
  plainText(): string {
    return '';
  }
}

type Inline = LocalInlineImage | LocalHorizontalRule | LocalPageBreak | LocalUnsupportedElement;

/** A stretch of text with its own text attributes (imported documents; DocumentApp's Text element). */
export interface LocalRun {
  start: number;
  end: number;
  attrs: Attrs;
}

/** The reference: "Paragraphs may not contain new-line characters. New-line characters ("\n") are converted to line-break characters ("\r")." */
const toParagraphText = (s: string): string => s.replace(/\r\n|\n/g, '\r');

/** https://developers.google.com/apps-script/reference/document/paragraph */
export class LocalParagraph
  extends LocalElement
  implements
    Pick<
      GParagraph,
      | 'getType' | 'getText' | 'setText' | 'appendText' | 'getHeading' | 'setHeading' | 'getAlignment' | 'setAlignment'
      | 'getAttributes' | 'setAttributes' | 'setSpacingBefore' | 'setSpacingAfter' | 'setLineSpacing' | 'getNumChildren' | 'appendInlineImage'
    >
{
  readonly elementType: string = 'PARAGRAPH';
  protected readonly className: string = 'Paragraph';
  text = '';
  readonly inline: Inline[] = [];
  /** Text runs with their own attributes (only for imported text; otherwise the paragraph's attributes apply). */
  runs: LocalRun[] = [];
  /** Local only: Word's "page break before" kept from an imported .docx (no DocumentApp getter). */
  pageBreakBefore = false;

  constructor(doc: DocState, counter: CallCounter, text = '') {
    super(doc, counter);
    this.text = toParagraphText(text);
  }

  attrsForText(): Attrs {
    return this.attrs;
  }

  /**
   * Applying a heading applies its named style, so the text attributes set before it are reset
   * (the reference is silent; stricter, and what the order warning above is about).
   */
  protected override setAttr(key: AttributeName, value: unknown): void {
    if (key === 'HEADING') this.resetTextStyle();
    super.setAttr(key, value);
  }

  private resetTextStyle(): void {
    for (const k of TEXT_ATTRS) delete this.attrs[k];
  }

  plainText(): string {
    return this.text;
  }

  getText(): string {
    this.use('getText');
    return this.text;
  }

  setText(text: string): void {
    this.use('setText');
    if (typeof text !== 'string') throw signatureError(`${this.className}.setText`, [text]);
    this.text = toParagraphText(text);
    // The reference (Element.setText on a paragraph) replaces the contents, inline elements too.
    this.inline.length = 0;
    this.runs = [];
  }

  appendText(text: string | GoogleAppsScript.Document.Text): GoogleAppsScript.Document.Text {
    this.use('appendText');
    if (typeof text !== 'string') throw signatureError(`${this.className}.appendText`, [text]);
    this.text += toParagraphText(text);
    // The local runtime does not model Text elements; the returned value is this paragraph.
    return this as unknown as GoogleAppsScript.Document.Text;
  }

  getHeading(): ParagraphHeading {
    this.use('getHeading');
    return (this.attrs.HEADING ?? 'NORMAL') as unknown as ParagraphHeading;
  }

  setHeading(heading: ParagraphHeading): GParagraph {
    this.use('setHeading');
    if (!(Object.values(LocalParagraphHeading) as unknown[]).includes(heading)) throw signatureError(`${this.className}.setHeading`, [heading]);
    this.setAttr('HEADING', heading);
    return this as unknown as GParagraph;
  }

  getAlignment(): HorizontalAlignment {
    this.use('getAlignment');
    return (this.attrs.HORIZONTAL_ALIGNMENT ?? null) as unknown as HorizontalAlignment;
  }

  setAlignment(alignment: HorizontalAlignment): GParagraph {
    this.use('setAlignment');
    if (!(Object.values(LocalHorizontalAlignment) as unknown[]).includes(alignment)) throw signatureError(`${this.className}.setAlignment`, [alignment]);
    this.attrs.HORIZONTAL_ALIGNMENT = alignment;
    return this as unknown as GParagraph;
  }

  setSpacingBefore(spacingBefore: number): GParagraph {
    this.use('setSpacingBefore');
    checkAttributeValue(`${this.className}.setSpacingBefore`, 'SPACING_BEFORE', spacingBefore);
    this.attrs.SPACING_BEFORE = spacingBefore;
    return this as unknown as GParagraph;
  }

  setSpacingAfter(spacingAfter: number): GParagraph {
    this.use('setSpacingAfter');
    checkAttributeValue(`${this.className}.setSpacingAfter`, 'SPACING_AFTER', spacingAfter);
    this.attrs.SPACING_AFTER = spacingAfter;
    return this as unknown as GParagraph;
  }

  setLineSpacing(multiplier: number): GParagraph {
    this.use('setLineSpacing');
    checkAttributeValue(`${this.className}.setLineSpacing`, 'LINE_SPACING', multiplier);
    this.attrs.LINE_SPACING = multiplier;
    return this as unknown as GParagraph;
  }

  /** Text (when not empty) counts as one child, as a Text element would; then the inline elements. */
  getNumChildren(): number {
    this.use('getNumChildren');
    return (this.text ? 1 : 0) + this.inline.length;
  }

  appendInlineImage(image: GoogleAppsScript.Base.BlobSource | GInlineImage): GInlineImage {
    this.use('appendInlineImage');
    const img = makeImage(this.doc, this.counter, `${this.className}.appendInlineImage`, image);
    img.parent = this as unknown as LocalContainer;
    this.inline.push(img);
    return img as unknown as GInlineImage;
  }
}

/** https://developers.google.com/apps-script/reference/document/list-item */
export class LocalListItem extends LocalParagraph implements Pick<GListItem, 'getGlyphType' | 'setGlyphType' | 'getNestingLevel' | 'setNestingLevel'> {
  override readonly elementType = 'LIST_ITEM';
  protected override readonly className = 'ListItem';

  constructor(doc: DocState, counter: CallCounter, text: string) {
    super(doc, counter, text);
    this.attrs.GLYPH_TYPE = 'BULLET';
    this.attrs.NESTING_LEVEL = 0;
  }

  getGlyphType(): GlyphType {
    this.use('getGlyphType');
    return this.attrs.GLYPH_TYPE as unknown as GlyphType;
  }

  setGlyphType(glyphType: GlyphType): GListItem {
    this.use('setGlyphType');
    if (!(Object.values(LocalGlyphType) as unknown[]).includes(glyphType)) throw signatureError('ListItem.setGlyphType', [glyphType]);
    this.attrs.GLYPH_TYPE = glyphType;
    return this as unknown as GListItem;
  }

  getNestingLevel(): number {
    this.use('getNestingLevel');
    return this.attrs.NESTING_LEVEL as number;
  }

  setNestingLevel(nestingLevel: number): GListItem {
    this.use('setNestingLevel');
    checkAttributeValue('ListItem.setNestingLevel', 'NESTING_LEVEL', nestingLevel);
    this.attrs.NESTING_LEVEL = nestingLevel;
    return this as unknown as GListItem;
  }
}

function makeImage(doc: DocState, counter: CallCounter, method: string, image: unknown): LocalInlineImage {
  if (image === null || typeof image !== 'object' || typeof (image as GoogleAppsScript.Base.BlobSource).getBlob !== 'function') {
    throw signatureError(method, [image]);
  }
  const bytes = new Uint8Array(blobContent(image as GoogleAppsScript.Base.BlobSource).bytes);
  const size = imageSize(bytes);
  // The reference: images must be PNG, JPEG or GIF, under 50 MB and at most 25 megapixels.
  if (!size) throw new Error(`${method}: the blob is not a PNG, JPEG or GIF image.`);
  if (bytes.length > MAX_IMAGE_BYTES) throw new Error(`${method}: the image is larger than 50 MB.`);
  if (size.width * size.height > MAX_IMAGE_PIXELS) throw new Error(`${method}: the image exceeds 25 megapixels.`);
  if (size.width === 0 || size.height === 0) throw new Error(`${method}: the image has no pixels.`);
  return new LocalInlineImage(doc, counter, bytes, size.type, size.width, size.height);
}

// --- tables --------------------------------------------------------------------------------------

/** https://developers.google.com/apps-script/reference/document/table-cell */
export class LocalTableCell
  extends LocalContainer
  implements
    Pick<
      GTableCell,
      | 'getText' | 'setText' | 'getBackgroundColor' | 'setBackgroundColor' | 'getAttributes' | 'setAttributes' | 'getParentRow'
      | 'getParentTable' | 'setWidth' | 'getWidth' | 'setVerticalAlignment' | 'getVerticalAlignment' | 'getNumChildren' | 'getChild'
      | 'setPaddingTop' | 'setPaddingBottom' | 'setPaddingLeft' | 'setPaddingRight'
    >
{
  readonly elementType = 'TABLE_CELL';
  protected readonly className = 'TableCell';
  readonly paragraphs: LocalParagraph[];
  background: string | null = null;
  /** Columns this cell spans (imported gridSpan). */
  colSpan = 1;

  constructor(doc: DocState, counter: CallCounter, text: string) {
    super(doc, counter);
    // A cell always holds at least one paragraph; a multi-line value becomes one paragraph per line.
    this.paragraphs = text.split(/\r\n|\n/).map((line) => {
      const p = new LocalParagraph(doc, counter, line);
      p.parent = this;
      return p;
    });
  }

  childList(): LocalElement[] {
    return this.paragraphs;
  }

  plainText(): string {
    return this.paragraphs.map((p) => p.plainText()).join('\n');
  }

  setText(text: string): GTableCell {
    this.use('setText');
    if (typeof text !== 'string') throw signatureError('TableCell.setText', [text]);
    const keep = this.paragraphs[0].attrsForText();
    this.paragraphs.length = 0;
    for (const line of text.split(/\r\n|\n/)) {
      const p = new LocalParagraph(this.doc, this.counter, line);
      Object.assign(p.attrsForText(), keep);
      p.parent = this;
      this.paragraphs.push(p);
    }
    return this as unknown as GTableCell;
  }

  getBackgroundColor(): string {
    this.use('getBackgroundColor');
    return this.background as string;
  }

  setBackgroundColor(color: string): GTableCell {
    this.use('setBackgroundColor');
    this.background = checkColor('TableCell.setBackgroundColor', color);
    return this as unknown as GTableCell;
  }

  /** On a cell BACKGROUND_COLOR is the cell's shading (as setBackgroundColor), not the text's. */
  protected override setAttr(key: AttributeName, value: unknown): void {
    if (key === 'BACKGROUND_COLOR') {
      this.background = value as string | null;
      return;
    }
    super.setAttr(key, value);
  }

  override attributeSnapshot(): Record<string, unknown> {
    return { ...super.attributeSnapshot(), BACKGROUND_COLOR: this.background };
  }

  getParentRow(): GTableRow {
    this.use('getParentRow');
    return this.parent as unknown as GTableRow;
  }

  getParentTable(): GTable {
    this.use('getParentTable');
    return (this.parent as LocalTableRow).parent as unknown as GTable;
  }

  getWidth(): number {
    this.use('getWidth');
    return (this.attrs.WIDTH ?? null) as number;
  }

  setWidth(width: number): GTableCell {
    this.use('setWidth');
    checkAttributeValue('TableCell.setWidth', 'WIDTH', width);
    this.attrs.WIDTH = width;
    return this as unknown as GTableCell;
  }

  getVerticalAlignment(): VerticalAlignment {
    this.use('getVerticalAlignment');
    return (this.attrs.VERTICAL_ALIGNMENT ?? 'TOP') as unknown as VerticalAlignment;
  }

  setVerticalAlignment(alignment: VerticalAlignment): GTableCell {
    this.use('setVerticalAlignment');
    checkAttributeValue('TableCell.setVerticalAlignment', 'VERTICAL_ALIGNMENT', alignment);
    if (alignment === null) throw signatureError('TableCell.setVerticalAlignment', [alignment]);
    this.attrs.VERTICAL_ALIGNMENT = alignment;
    return this as unknown as GTableCell;
  }

  private pad(method: string, key: AttributeName, v: number): GTableCell {
    this.use(method);
    checkAttributeValue(`TableCell.${method}`, key, v);
    this.attrs[key] = v;
    return this as unknown as GTableCell;
  }

  setPaddingTop(paddingTop: number): GTableCell {
    return this.pad('setPaddingTop', 'PADDING_TOP', paddingTop);
  }

  setPaddingBottom(paddingBottom: number): GTableCell {
    return this.pad('setPaddingBottom', 'PADDING_BOTTOM', paddingBottom);
  }

  setPaddingLeft(paddingLeft: number): GTableCell {
    return this.pad('setPaddingLeft', 'PADDING_LEFT', paddingLeft);
  }

  setPaddingRight(paddingRight: number): GTableCell {
    return this.pad('setPaddingRight', 'PADDING_RIGHT', paddingRight);
  }
}

/** https://developers.google.com/apps-script/reference/document/table-row */
export class LocalTableRow
  extends LocalContainer
  implements Pick<GTableRow, 'getCell' | 'getNumCells' | 'getText' | 'getAttributes' | 'setAttributes' | 'getParentTable' | 'setMinimumHeight' | 'getMinimumHeight'>
{
  readonly elementType = 'TABLE_ROW';
  protected readonly className = 'TableRow';
  readonly cells: LocalTableCell[];

  constructor(doc: DocState, counter: CallCounter, texts: string[]) {
    super(doc, counter);
    this.cells = texts.map((t) => {
      const c = new LocalTableCell(doc, counter, t);
      c.parent = this;
      return c;
    });
  }

  childList(): LocalElement[] {
    return this.cells;
  }

  /** Cells are separated by tabs (the reference is silent; chosen so a row reads as one line). */
  plainText(): string {
    return this.cells.map((c) => c.plainText()).join('\t');
  }

  getCell(cellIndex: number): GTableCell {
    this.use('getCell');
    return cellAt(this.cells, cellIndex, 'TableRow.getCell') as unknown as GTableCell;
  }

  getNumCells(): number {
    this.use('getNumCells');
    return this.cells.length;
  }

  getParentTable(): GTable {
    this.use('getParentTable');
    return this.parent as unknown as GTable;
  }

  getMinimumHeight(): number {
    this.use('getMinimumHeight');
    return (this.attrs.MINIMUM_HEIGHT ?? 0) as number;
  }

  setMinimumHeight(minHeight: number): GTableRow {
    this.use('setMinimumHeight');
    checkAttributeValue('TableRow.setMinimumHeight', 'MINIMUM_HEIGHT', minHeight);
    this.attrs.MINIMUM_HEIGHT = minHeight;
    return this as unknown as GTableRow;
  }
}

function cellAt<T>(list: T[], i: unknown, method: string): T {
  if (typeof i !== 'number' || !Number.isInteger(i)) throw signatureError(method, [i]);
  if (i < 0 || i >= list.length) throw new Error(`Child index (${i}) must be less than the number of child elements (${list.length}).`);
  return list[i];
}

/** https://developers.google.com/apps-script/reference/document/table */
export class LocalTable
  extends LocalContainer
  implements
    Pick<
      GTable,
      | 'getNumRows' | 'getRow' | 'getCell' | 'getText' | 'getAttributes' | 'setAttributes' | 'setBorderColor' | 'getBorderColor'
      | 'setBorderWidth' | 'getBorderWidth' | 'setColumnWidth' | 'getColumnWidth' | 'getNumChildren' | 'getChild'
    >
{
  readonly elementType = 'TABLE';
  protected readonly className = 'Table';
  readonly rows: LocalTableRow[];
  readonly columnWidths = new Map<number, number>();
  /**
   * Local only: how many leading rows repeat on each page (Word's tblHeader, kept by an import).
   * DocumentApp has no getter or setter for it, so a script can neither see nor set it.
   */
  headerRows = 0;

  constructor(doc: DocState, counter: CallCounter, cells: string[][]) {
    super(doc, counter);
    this.rows = cells.map((r) => {
      const row = new LocalTableRow(doc, counter, r);
      row.parent = this;
      return row;
    });
  }

  childList(): LocalElement[] {
    return this.rows;
  }

  plainText(): string {
    return this.rows.map((r) => r.plainText()).join('\n');
  }

  getNumRows(): number {
    this.use('getNumRows');
    return this.rows.length;
  }

  getRow(rowIndex: number): GTableRow {
    this.use('getRow');
    return cellAt(this.rows, rowIndex, 'Table.getRow') as unknown as GTableRow;
  }

  getCell(rowIndex: number, cellIndex: number): GTableCell {
    this.use('getCell');
    const row = cellAt(this.rows, rowIndex, 'Table.getCell');
    return cellAt(row.cells, cellIndex, 'Table.getCell') as unknown as GTableCell;
  }

  getBorderColor(): string {
    this.use('getBorderColor');
    return (this.attrs.BORDER_COLOR ?? null) as string;
  }

  setBorderColor(color: string): GTable {
    this.use('setBorderColor');
    this.attrs.BORDER_COLOR = checkColor('Table.setBorderColor', color);
    return this as unknown as GTable;
  }

  getBorderWidth(): number {
    this.use('getBorderWidth');
    return (this.attrs.BORDER_WIDTH ?? null) as number;
  }

  setBorderWidth(width: number): GTable {
    this.use('setBorderWidth');
    checkAttributeValue('Table.setBorderWidth', 'BORDER_WIDTH', width);
    this.attrs.BORDER_WIDTH = width;
    return this as unknown as GTable;
  }

  getColumnWidth(columnIndex: number): number {
    this.use('getColumnWidth');
    cellAt(this.rows[0]?.cells ?? [], columnIndex, 'Table.getColumnWidth');
    return (this.columnWidths.get(columnIndex) ?? null) as number;
  }

  /** Points. */
  setColumnWidth(columnIndex: number, width: number): GTable {
    this.use('setColumnWidth');
    cellAt(this.rows[0]?.cells ?? [], columnIndex, 'Table.setColumnWidth');
    if (typeof width !== 'number' || !(width > 0)) throw signatureError('Table.setColumnWidth', [columnIndex, width]);
    this.columnWidths.set(columnIndex, width);
    return this as unknown as GTable;
  }
}

// --- body ------------------------------------------------------------------------------------------

/**
 * https://developers.google.com/apps-script/reference/document/table-of-contents — "An element
 * containing a table of contents. A TableOfContents may contain ListItem, Paragraph, and Table
 * elements, although the contents of a TableOfContents are usually generated automatically by
 * Google Docs." DocumentApp cannot insert one; it comes from an imported .docx (a TOC field or
 * content control) and holds the entries the file carried.
 */
export class LocalTableOfContents
  extends LocalContainer
  implements Pick<GoogleAppsScript.Document.TableOfContents, 'getType' | 'getText' | 'getNumChildren' | 'getChild' | 'getAttributes'>
{
  readonly elementType = 'TABLE_OF_CONTENTS';
  protected readonly className = 'TableOfContents';
  readonly entries: LocalParagraph[] = [];

  childList(): LocalElement[] {
    return this.entries;
  }

  plainText(): string {
    return this.entries.map((p) => p.plainText()).join('\n');
  }
}

type BodyChild = LocalParagraph | LocalTable | LocalTableOfContents;

/**
 * A header or footer: https://developers.google.com/apps-script/reference/document/header-section,
 * …/footer-section. Holds paragraphs and tables like the body.
 */
abstract class LocalSection extends LocalContainer {
  readonly children: BodyChild[] = [];

  childList(): LocalElement[] {
    return this.children;
  }

  plainText(): string {
    return this.children.map((c) => c.plainText()).join('\n');
  }

  localPush(el: BodyChild): void {
    el.parent = this;
    this.children.push(el);
  }

  /** The reference: "Retrieves all the Paragraphs contained in the section (including ListItems)" — table cells too. */
  getParagraphs(): GParagraph[] {
    this.use('getParagraphs');
    const out: LocalParagraph[] = [];
    const walk = (el: LocalElement): void => {
      if (el instanceof LocalParagraph) out.push(el);
      else if (el instanceof LocalContainer) el.childList().forEach(walk);
    };
    this.children.forEach(walk);
    return out as unknown as GParagraph[];
  }

  getTables(): GTable[] {
    this.use('getTables');
    return this.children.filter((c) => c instanceof LocalTable) as unknown as GTable[];
  }

  getImages(): GInlineImage[] {
    this.use('getImages');
    const out: LocalInlineImage[] = [];
    for (const c of this.children) if (c instanceof LocalParagraph) for (const i of c.inline) if (i instanceof LocalInlineImage) out.push(i);
    return out as unknown as GInlineImage[];
  }
}

export class LocalHeaderSection extends LocalSection {
  readonly elementType = 'HEADER_SECTION';
  protected readonly className = 'HeaderSection';
}

export class LocalFooterSection extends LocalSection {
  readonly elementType = 'FOOTER_SECTION';
  protected readonly className = 'FooterSection';
}

/** https://developers.google.com/apps-script/reference/document/body */
export class LocalBody
  extends LocalSection
  implements
    Pick<
      GBody,
      | 'appendParagraph' | 'appendTable' | 'appendPageBreak' | 'appendImage' | 'appendListItem' | 'appendHorizontalRule'
      | 'getNumChildren' | 'getChild' | 'getParagraphs' | 'getTables' | 'getListItems' | 'getImages' | 'getText'
      | 'getAttributes' | 'setAttributes' | 'setMarginTop' | 'setMarginBottom' | 'setMarginLeft' | 'setMarginRight'
      | 'getPageWidth' | 'getPageHeight' | 'getMarginLeft' | 'getMarginRight' | 'getMarginTop' | 'getMarginBottom'
    >
{
  readonly elementType = 'BODY_SECTION';
  protected readonly className = 'Body';

  constructor(doc: DocState, counter: CallCounter) {
    super(doc, counter);
    // A new document's body holds one empty paragraph (a section can never be empty).
    this.push(new LocalParagraph(doc, counter, ''));
    // Docs' defaults for a new document: US Letter, 1-inch margins (points).
    Object.assign(this.attrs, { PAGE_WIDTH: 612, PAGE_HEIGHT: 792, MARGIN_TOP: 72, MARGIN_BOTTOM: 72, MARGIN_LEFT: 72, MARGIN_RIGHT: 72 });
  }

  /** Runtime hook for an imported document: appends without counting a call. */
  override localPush<T extends BodyChild>(el: T): T {
    return this.push(el);
  }

  private push<T extends BodyChild>(el: T): T {
    el.parent = this;
    // Text attributes set on the body apply to new text as well.
    for (const k of TEXT_ATTRS) if (this.attrs[k] !== undefined && this.attrs[k] !== null) pushTextAttr(el, k, this.attrs[k]);
    this.children.push(el);
    return el;
  }

  appendParagraph(text: string | GParagraph): GParagraph {
    this.use('appendParagraph');
    if (typeof text !== 'string') throw signatureError('Body.appendParagraph', [text]);
    return this.push(new LocalParagraph(this.doc, this.counter, text)) as unknown as GParagraph;
  }

  appendListItem(text: string | GListItem): GListItem {
    this.use('appendListItem');
    if (typeof text !== 'string') throw signatureError('Body.appendListItem', [text]);
    return this.push(new LocalListItem(this.doc, this.counter, text)) as unknown as GListItem;
  }

  /**
   * The reference: "Creates and appends a new Table containing a TableCell for each specified
   * string value." Silent on ragged, empty or non-string input: refused (stricter).
   */
  appendTable(cells?: string[][] | GTable): GTable {
    this.use('appendTable');
    if (!Array.isArray(cells)) throw signatureError('Body.appendTable', cells === undefined ? [] : [cells]);
    if (cells.length === 0 || !Array.isArray(cells[0]) || cells[0].length === 0) {
      throw new Error('Body.appendTable: the table needs at least one row and one cell.');
    }
    const width = cells[0].length;
    for (const row of cells) {
      if (!Array.isArray(row) || row.some((c) => typeof c !== 'string')) throw signatureError('Body.appendTable', [cells]);
      if (row.length !== width) throw new Error(`Body.appendTable: every row must have ${width} cells (got ${row.length}).`);
    }
    return this.push(new LocalTable(this.doc, this.counter, cells)) as unknown as GTable;
  }

  /** A page break lives in a new paragraph at the end of the body. */
  appendPageBreak(): GPageBreak {
    this.use('appendPageBreak');
    const p = this.push(new LocalParagraph(this.doc, this.counter, ''));
    const pb = new LocalPageBreak(this.doc, this.counter);
    pb.parent = p as unknown as LocalContainer;
    p.inline.push(pb);
    return pb as unknown as GPageBreak;
  }

  appendHorizontalRule(): GHorizontalRule {
    this.use('appendHorizontalRule');
    const p = this.push(new LocalParagraph(this.doc, this.counter, ''));
    const hr = new LocalHorizontalRule(this.doc, this.counter);
    hr.parent = p as unknown as LocalContainer;
    p.inline.push(hr);
    return hr as unknown as GHorizontalRule;
  }

  /** The image lives in a new paragraph at the end of the body. */
  appendImage(image: GoogleAppsScript.Base.BlobSource | GInlineImage): GInlineImage {
    this.use('appendImage');
    const img = makeImage(this.doc, this.counter, 'Body.appendImage', image);
    const p = this.push(new LocalParagraph(this.doc, this.counter, ''));
    img.parent = p as unknown as LocalContainer;
    p.inline.push(img);
    return img as unknown as GInlineImage;
  }

  getListItems(): GListItem[] {
    this.use('getListItems');
    return this.children.filter((c) => c instanceof LocalListItem) as unknown as GListItem[];
  }

  private margin(method: string, key: AttributeName, v?: number): number | GBody {
    this.use(method);
    if (v === undefined) return this.attrs[key] as number;
    checkAttributeValue(`Body.${method}`, key, v);
    this.attrs[key] = v;
    return this as unknown as GBody;
  }

  getMarginTop(): number {
    return this.margin('getMarginTop', 'MARGIN_TOP') as number;
  }
  getMarginBottom(): number {
    return this.margin('getMarginBottom', 'MARGIN_BOTTOM') as number;
  }
  getMarginLeft(): number {
    return this.margin('getMarginLeft', 'MARGIN_LEFT') as number;
  }
  getMarginRight(): number {
    return this.margin('getMarginRight', 'MARGIN_RIGHT') as number;
  }
  setMarginTop(marginTop: number): GBody {
    return this.margin('setMarginTop', 'MARGIN_TOP', marginTop) as GBody;
  }
  setMarginBottom(marginBottom: number): GBody {
    return this.margin('setMarginBottom', 'MARGIN_BOTTOM', marginBottom) as GBody;
  }
  setMarginLeft(marginLeft: number): GBody {
    return this.margin('setMarginLeft', 'MARGIN_LEFT', marginLeft) as GBody;
  }
  setMarginRight(marginRight: number): GBody {
    return this.margin('setMarginRight', 'MARGIN_RIGHT', marginRight) as GBody;
  }
  getPageWidth(): number {
    return this.margin('getPageWidth', 'PAGE_WIDTH') as number;
  }
  getPageHeight(): number {
    return this.margin('getPageHeight', 'PAGE_HEIGHT') as number;
  }
}

// --- document and service --------------------------------------------------------------------------

/** https://developers.google.com/apps-script/reference/document/document */
export class LocalDocument implements Pick<Doc, 'getId' | 'getName' | 'setName' | 'getUrl' | 'getBody' | 'getHeader' | 'getFooter' | 'saveAndClose'> {
  constructor(
    private readonly counter: CallCounter,
    private readonly drive: LocalDriveApp,
    private readonly state: DocState,
  ) {}

  private use(method: string): void {
    this.counter.count(`Document.${method}`);
    if (this.state.closed) throw new Error(DOCUMENT_CLOSED_MESSAGE);
  }

  getId(): string {
    this.use('getId');
    return this.state.id;
  }

  /** The name is the Drive file's name (renaming either renames both). */
  getName(): string {
    this.use('getName');
    return this.drive.localItem(this.state.id).name;
  }

  setName(name: string): Doc {
    this.use('setName');
    if (typeof name !== 'string') throw signatureError('Document.setName', [name]);
    this.drive.localRename(this.state.id, name);
    return this as unknown as Doc;
  }

  getUrl(): string {
    this.use('getUrl');
    return `https://docs.google.com/open?id=${this.state.id}`;
  }

  getBody(): GBody {
    this.use('getBody');
    return this.state.body as unknown as GBody;
  }

  /**
   * The reference: "Retrieves the document's header section, if one exists" (null otherwise).
   * With a different first page it is silent on which one: the header of the other pages (the
   * one a report shows on every page but the cover).
   */
  getHeader(): GoogleAppsScript.Document.HeaderSection {
    this.use('getHeader');
    return this.state.header as unknown as GoogleAppsScript.Document.HeaderSection;
  }

  getFooter(): GoogleAppsScript.Document.FooterSection {
    this.use('getFooter');
    return this.state.footer as unknown as GoogleAppsScript.Document.FooterSection;
  }

  /** The reference: "A closed Document can't be edited. Use DocumentApp.openById() to reopen". */
  saveAndClose(): void {
    this.use('saveAndClose');
    this.state.closed = true;
    this.drive.localTouch(this.state.id);
  }
}

export type LocalDocNode =
  | {
      type: 'PARAGRAPH' | 'LIST_ITEM';
      heading: string;
      text: string;
      attributes: Record<string, unknown>;
      inline: LocalInlineNode[];
      /** Imported text: each run with its own text attributes. */
      runs?: { text: string; attributes: Record<string, unknown> }[];
      /** Imported Word "page break before" (local only). */
      pageBreakBefore?: boolean;
    }
  | {
      type: 'TABLE_OF_CONTENTS';
      heading: 'NORMAL';
      /** The entries, one per line. */
      text: string;
      attributes: Record<string, unknown>;
      inline: LocalInlineNode[];
      entries: Extract<LocalDocNode, { type: 'PARAGRAPH' | 'LIST_ITEM' }>[];
    }
  | {
      type: 'TABLE';
      cells: string[][];
      attributes: Record<string, unknown>;
      rowAttributes: Record<string, unknown>[];
      cellAttributes: Record<string, unknown>[][];
      /** Text attributes of each cell's first paragraph (after container styles flowed down). */
      cellTextAttributes: Record<string, unknown>[][];
      backgrounds: (string | null)[][];
      columnWidths: Record<number, number>;
      /** Leading rows repeated on each page (local only: DocumentApp cannot read it). */
      headerRows: number;
      /** Each cell's paragraphs (alignment, runs). */
      cellParagraphs: Extract<LocalDocNode, { type: 'PARAGRAPH' | 'LIST_ITEM' }>[][][];
    };

export type LocalInlineNode =
  | { type: 'PAGE_BREAK' }
  | { type: 'HORIZONTAL_RULE' }
  /** field: what it is, local only (e.g. 'PAGE'); offset: where it sits in the text. */
  | { type: 'UNSUPPORTED'; field: string; offset: number }
  | { type: 'INLINE_IMAGE'; contentType: string; width: number; height: number; bytes: Uint8Array; altTitle: string | null; altDescription: string | null };

type DocumentAppSubset = Pick<
  GoogleAppsScript.Document.DocumentApp,
  'Attribute' | 'ElementType' | 'GlyphType' | 'HorizontalAlignment' | 'ParagraphHeading' | 'TextAlignment' | 'VerticalAlignment' | 'create' | 'openById' | 'openByUrl'
>;

/** https://developers.google.com/apps-script/reference/document/document-app */
export class LocalDocumentApp implements DocumentAppSubset {
  readonly Attribute = LocalAttribute;
  readonly ElementType = LocalElementType;
  readonly GlyphType = LocalGlyphType;
  readonly HorizontalAlignment = LocalHorizontalAlignment;
  readonly ParagraphHeading = LocalParagraphHeading;
  readonly TextAlignment = LocalTextAlignment;
  readonly VerticalAlignment = LocalVerticalAlignment;

  private readonly docs = new Map<string, DocState>();

  constructor(
    private readonly counter: CallCounter,
    private readonly drive: LocalDriveApp,
  ) {}

  /** The reference: "Creates and returns a new document" — a Google Docs file in the root of My Drive. */
  create(name: string): Doc {
    this.counter.count('DocumentApp.create');
    if (typeof name !== 'string') throw signatureError('DocumentApp.create', [name]);
    // The reference is silent on an empty name; refused (stricter: an untitled report is a bug).
    if (name.trim() === '') throw new Error('Invalid argument: name');
    const id = this.drive.localCreateDocsFile(name);
    const state = newState(id, this.counter);
    this.docs.set(id, state);
    return new LocalDocument(this.counter, this.drive, state) as unknown as Doc;
  }

  openById(id: string): Doc {
    this.counter.count('DocumentApp.openById');
    if (typeof id !== 'string') throw signatureError('DocumentApp.openById', [id]);
    const state = this.current(id);
    if (!state || !this.drive.localExists(id)) throw new Error(DOCUMENT_MISSING_MESSAGE);
    // Opening again makes the document editable again (saveAndClose only closes that handle's session).
    state.closed = false;
    return new LocalDocument(this.counter, this.drive, state) as unknown as Doc;
  }

  /**
   * The document as it is now. A Google Doc created in Drive another way (the Drive API) is
   * empty, or holds what an imported .docx held; an import replacing a Doc's content
   * (Files.update) replaces what DocumentApp sees.
   */
  private current(id: string): DocState | undefined {
    const known = this.docs.get(id);
    const rec = this.drive.localRecord(id);
    if (known && (!rec?.imported || rec.imported === known.source)) return known;
    if (!rec || rec.mimeType !== GOOGLE_DOCS_MIME || rec.trashed) return known;
    const state = newState(id, this.counter);
    if (rec.imported) fillImported(state, this.counter, rec.imported);
    this.docs.set(id, state);
    return state;
  }

  openByUrl(url: string): Doc {
    this.counter.count('DocumentApp.openByUrl');
    if (typeof url !== 'string') throw signatureError('DocumentApp.openByUrl', [url]);
    const m = /\/document\/d\/([A-Za-z0-9_-]+)/.exec(url) ?? /[?&]id=([A-Za-z0-9_-]+)/.exec(url);
    const state = m ? this.current(m[1]) : undefined;
    if (!state || !this.drive.localExists(state.id)) throw new Error(DOCUMENT_MISSING_MESSAGE);
    state.closed = false;
    return new LocalDocument(this.counter, this.drive, state) as unknown as Doc;
  }

  // ---------------------------------------------------------------------------------------------
  // Test hooks (not Apps Script, not counted).

  /** Documents made through DocumentApp or imported through the Drive API, oldest first. */
  localDocumentIds(): string[] {
    const imported = this.drive.localImportedDocIds();
    const ids = new Set([...this.docs.keys(), ...imported]);
    const order = this.drive.localOrder();
    return [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }

  /** The body as plain data, in order. */
  localStructure(id: string): LocalDocNode[] {
    return this.state(id).body.children.map(nodeOf);
  }

  /** The header, footer (and a different first page's) as plain data; null when the document has none. */
  localSections(id: string): { header: LocalDocNode[] | null; footer: LocalDocNode[] | null; firstPageHeader: LocalDocNode[] | null; firstPageFooter: LocalDocNode[] | null } {
    const st = this.state(id);
    const of = (sec: LocalSection | null): LocalDocNode[] | null => (sec ? sec.children.map(nodeOf) : null);
    return { header: of(st.header), footer: of(st.footer), firstPageHeader: of(st.firstPageHeader), firstPageFooter: of(st.firstPageFooter) };
  }

  /** Headings in document order, as the Docs outline would list them (TITLE/SUBTITLE included). */
  localOutline(id: string): { heading: string; text: string }[] {
    const out: { heading: string; text: string }[] = [];
    for (const n of this.localStructure(id)) {
      if (n.type !== 'TABLE' && n.type !== 'TABLE_OF_CONTENTS' && n.heading !== 'NORMAL') out.push({ heading: n.heading, text: n.text });
    }
    return out;
  }

  localIsClosed(id: string): boolean {
    return this.state(id).closed;
  }

  private state(id: string): DocState {
    const s = this.current(id);
    if (!s) throw new Error(`LocalDocumentApp: no document ${id}`);
    return s;
  }
}

function inlineNode(i: Inline): LocalInlineNode {
  if (i instanceof LocalInlineImage) {
    return {
      type: 'INLINE_IMAGE',
      contentType: i.contentType,
      width: i.attr('WIDTH') as number,
      height: i.attr('HEIGHT') as number,
      bytes: i.bytes,
      altTitle: i.alt().title,
      altDescription: i.alt().description,
    };
  }
  if (i instanceof LocalUnsupportedElement) return { type: 'UNSUPPORTED', field: i.field, offset: i.offset };
  return { type: i instanceof LocalPageBreak ? 'PAGE_BREAK' : 'HORIZONTAL_RULE' };
}

function paragraphNode(c: LocalParagraph): Extract<LocalDocNode, { type: 'PARAGRAPH' | 'LIST_ITEM' }> {
  return {
    type: c instanceof LocalListItem ? 'LIST_ITEM' : 'PARAGRAPH',
    heading: String(c.attr('HEADING') ?? 'NORMAL'),
    text: c.plainText(),
    attributes: c.setAttributeSnapshot(),
    inline: c.inline.map(inlineNode),
    ...(c.runs.length ? { runs: c.runs.map((r) => ({ text: c.text.slice(r.start, r.end), attributes: { ...r.attrs } })) } : {}),
    ...(c.pageBreakBefore ? { pageBreakBefore: true } : {}),
  };
}

function nodeOf(c: BodyChild): LocalDocNode {
  if (c instanceof LocalTable) {
    return {
      type: 'TABLE',
      cells: c.rows.map((r) => r.cells.map((cell) => cell.plainText())),
      attributes: c.setAttributeSnapshot(),
      rowAttributes: c.rows.map((r) => r.setAttributeSnapshot()),
      cellAttributes: c.rows.map((r) => r.cells.map((cell) => cell.setAttributeSnapshot())),
      cellTextAttributes: c.rows.map((r) => r.cells.map((cell) => ({ ...cell.paragraphs[0].attrsForText() }))),
      backgrounds: c.rows.map((r) => r.cells.map((cell) => cell.background)),
      columnWidths: Object.fromEntries(c.columnWidths),
      headerRows: c.headerRows,
      cellParagraphs: c.rows.map((r) => r.cells.map((cell) => cell.paragraphs.map(paragraphNode))),
    };
  }
  if (c instanceof LocalTableOfContents) {
    return { type: 'TABLE_OF_CONTENTS', heading: 'NORMAL', text: c.plainText(), attributes: c.setAttributeSnapshot(), inline: [], entries: c.entries.map(paragraphNode) };
  }
  return paragraphNode(c);
}

// --- documents imported from a .docx (Drive API conversion) --------------------------------------------

function newState(id: string, counter: CallCounter): DocState {
  const state: DocState = { id, closed: false, body: undefined as unknown as LocalBody, header: null, footer: null, firstPageHeader: null, firstPageFooter: null };
  state.body = new LocalBody(state, counter);
  return state;
}

const TEXT_ATTR_SET = new Set<string>(TEXT_ATTRS);

function importedParagraph(doc: DocState, counter: CallCounter, p: ImportedParagraph): LocalParagraph {
  const el = p.list ? new LocalListItem(doc, counter, '') : new LocalParagraph(doc, counter, '');
  let text = '';
  const runs: LocalRun[] = [];
  for (const part of p.parts) {
    if (part.kind === 'text') {
      runs.push({ start: text.length, end: text.length + part.text.length, attrs: { ...part.attrs } as Attrs });
      text += part.text;
    } else if (part.kind === 'pageBreak') {
      const pb = new LocalPageBreak(doc, counter);
      pb.parent = el as unknown as LocalContainer;
      el.inline.push(pb);
    } else if (part.kind === 'field') {
      const u = new LocalUnsupportedElement(doc, counter, part.code, text.length);
      u.parent = el as unknown as LocalContainer;
      el.inline.push(u);
    } else {
      const img = makeImage(doc, counter, 'Drive import', { getBlob: () => new LocalBlob(counter, Buffer.from(part.bytes), null, null) });
      if (part.width > 0) img.attrs.WIDTH = part.width;
      if (part.height > 0) img.attrs.HEIGHT = part.height;
      img.setAlt(part.title, part.description);
      img.parent = el as unknown as LocalContainer;
      el.inline.push(img);
    }
  }
  el.text = text;
  el.runs = runs;
  el.pageBreakBefore = p.pageBreakBefore;
  const attrs = el.attrsForText();
  if (p.heading !== 'NORMAL') attrs.HEADING = p.heading;
  Object.assign(attrs, p.attrs);
  // A text attribute the whole paragraph shares is the paragraph's (as getAttributes reports it).
  if (runs.length) {
    for (const k of TEXT_ATTR_SET) {
      const first = runs[0].attrs[k as AttributeName];
      if (first !== undefined && runs.every((r) => r.attrs[k as AttributeName] === first)) attrs[k as AttributeName] = first;
    }
  }
  if (p.list) {
    attrs.NESTING_LEVEL = Math.min(8, p.list.level);
    attrs.GLYPH_TYPE = p.list.glyph;
  }
  return el;
}

function importedBlock(doc: DocState, counter: CallCounter, b: ImportedBlock): BodyChild {
  if (b.kind === 'paragraph') return importedParagraph(doc, counter, b);
  if (b.kind === 'toc') {
    const toc = new LocalTableOfContents(doc, counter);
    for (const p of b.paragraphs) {
      const el = importedParagraph(doc, counter, p);
      el.parent = toc;
      toc.entries.push(el);
    }
    return toc;
  }
  const width = Math.max(1, ...b.rows.map((r) => r.cells.length));
  const t = new LocalTable(doc, counter, b.rows.map((r) => Array.from({ length: width }, () => '')));
  b.rows.forEach((r, ri) => {
    const row = t.rows[ri];
    // A row with fewer cells (merged columns) keeps the cells it has.
    row.cells.length = r.cells.length;
    r.cells.forEach((c, ci) => {
      const cell = row.cells[ci];
      cell.paragraphs.length = 0;
      for (const p of c.paragraphs) {
        const el = importedParagraph(doc, counter, p);
        el.parent = cell;
        cell.paragraphs.push(el);
      }
      cell.background = c.background;
      cell.colSpan = c.colSpan;
      if (c.width !== null) cell.attrs.WIDTH = c.width;
      if (c.verticalAlignment) cell.attrs.VERTICAL_ALIGNMENT = c.verticalAlignment;
    });
  });
  b.columnWidths.forEach((w, i) => {
    if (w > 0) t.columnWidths.set(i, w);
  });
  if (b.borderColor) t.attrs.BORDER_COLOR = b.borderColor;
  if (b.borderWidth !== null) t.attrs.BORDER_WIDTH = b.borderWidth;
  let header = 0;
  while (header < b.rows.length && b.rows[header].header) header++;
  t.headerRows = header;
  return t;
}

function fillSection<T extends LocalSection>(doc: DocState, counter: CallCounter, section: ImportedSection | null, make: () => T): T | null {
  if (!section) return null;
  const sec = make();
  for (const b of section.blocks) sec.localPush(importedBlock(doc, counter, b));
  // A section always holds at least one paragraph.
  if (sec.children.length === 0) sec.localPush(new LocalParagraph(doc, counter, ''));
  return sec;
}

function fillImported(state: DocState, counter: CallCounter, imported: ImportedDoc): void {
  const body = state.body;
  body.children.length = 0;
  for (const b of imported.body) body.localPush(importedBlock(state, counter, b));
  // A Docs body always ends with a paragraph (a table is followed by an empty one).
  if (body.children.length === 0 || body.children[body.children.length - 1] instanceof LocalTable) body.localPush(new LocalParagraph(state, counter, ''));
  if (imported.page) {
    const pg = imported.page;
    Object.assign(body.attrs, { PAGE_WIDTH: pg.width, PAGE_HEIGHT: pg.height, MARGIN_TOP: pg.marginTop, MARGIN_BOTTOM: pg.marginBottom, MARGIN_LEFT: pg.marginLeft, MARGIN_RIGHT: pg.marginRight });
  }
  state.header = fillSection(state, counter, imported.header, () => new LocalHeaderSection(state, counter));
  state.footer = fillSection(state, counter, imported.footer, () => new LocalFooterSection(state, counter));
  state.firstPageHeader = fillSection(state, counter, imported.firstPageHeader, () => new LocalHeaderSection(state, counter));
  state.firstPageFooter = fillSection(state, counter, imported.firstPageFooter, () => new LocalFooterSection(state, counter));
  state.source = imported;
}

/** Both services on one Drive, ready for createGasRuntime({ extraGlobals: { DocumentApp, DriveApp } }). */
export function createDocsAndDrive(
  counter: CallCounter,
  owner: string,
  opts: { workspaceDomain?: string; now?: () => Date } = {},
): { DocumentApp: LocalDocumentApp; DriveApp: LocalDriveApp } {
  const DriveApp = new LocalDriveApp(counter, { owner, ...opts });
  return { DocumentApp: new LocalDocumentApp(counter, DriveApp), DriveApp };
}
