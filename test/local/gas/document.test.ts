import { deflateSync } from 'node:zlib';
import { CallCounter } from '../../../src/local/gas/counter';
import {
  DOCUMENT_CLOSED_MESSAGE,
  DOCUMENT_MISSING_MESSAGE,
  LocalDocumentApp,
  createDocsAndDrive,
} from '../../../src/local/gas/document';
import { GOOGLE_DOCS_MIME } from '../../../src/local/gas/drive';
import { LocalUtilities, toSignedBytes } from '../../../src/local/gas/utilities';

const APP = 'https://developers.google.com/apps-script/reference/document/document-app';
const DOCUMENT = 'https://developers.google.com/apps-script/reference/document/document';
const BODY = 'https://developers.google.com/apps-script/reference/document/body';
const PARAGRAPH = 'https://developers.google.com/apps-script/reference/document/paragraph';
const TABLE = 'https://developers.google.com/apps-script/reference/document/table';
const TABLE_CELL = 'https://developers.google.com/apps-script/reference/document/table-cell';
const INLINE_IMAGE = 'https://developers.google.com/apps-script/reference/document/inline-image';
const ATTRIBUTE = 'https://developers.google.com/apps-script/reference/document/attribute';

const OWNER = 'jimukyoku@city.example.lg.jp';

function setup() {
  const counter = new CallCounter();
  const { DocumentApp, DriveApp } = createDocsAndDrive(counter, OWNER);
  const utilities = new LocalUtilities(counter);
  return { counter, docs: DocumentApp, drive: DriveApp, utilities };
}

/** A real w×h RGB PNG (Node's zlib), to test what the runtime reads from the header. */
function png(w: number, h: number): number[] {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h, 0xff);
  for (let y = 0; y < h; y++) raw[y * (w * 3 + 1)] = 0;
  const file = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return toSignedBytes(file);
}

describe(`DocumentApp.create (${APP}#create(String))`, () => {
  it('creates a Google Docs file in the root of My Drive, owned by the user', () => {
    const { counter, docs, drive } = setup();
    const doc = docs.create('報告書');
    expect(doc.getName()).toBe('報告書');
    expect(doc.getId()).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(doc.getUrl()).toBe(`https://docs.google.com/open?id=${doc.getId()}`);
    const file = drive.getFileById(doc.getId());
    expect(file.getMimeType()).toBe(GOOGLE_DOCS_MIME);
    expect(file.getUrl()).toBe(`https://docs.google.com/document/d/${doc.getId()}/edit?usp=drivesdk`);
    expect(drive.localItem(doc.getId()).parents).toEqual([drive.localRootId()]);
    expect(file.getOwner().getEmail()).toBe(OWNER);
    expect(counter.snapshot()).toMatchObject({ 'DocumentApp.create': 1, 'Document.getName': 1, 'Document.getId': 5 });
  });

  it('a new body holds one empty paragraph', () => {
    const { docs } = setup();
    const body = docs.create('x').getBody();
    expect(body.getNumChildren()).toBe(1);
    expect(body.getChild(0).asParagraph().getText()).toBe('');
  });

  it('refuses an empty name and a non-string (stricter; the reference is silent on empty)', () => {
    const { docs } = setup();
    expect(() => docs.create('  ')).toThrow('Invalid argument: name');
    expect(() => docs.create(5 as never)).toThrow("don't match the method signature for DocumentApp.create");
  });

  it('every create makes a new document; earlier ones are untouched', () => {
    const { docs } = setup();
    const a = docs.create('報告書');
    a.getBody().appendParagraph('一回目');
    const b = docs.create('報告書');
    expect(b.getId()).not.toBe(a.getId());
    expect(docs.localStructure(a.getId()).map((n) => n.type === 'TABLE' ? '' : n.text)).toEqual(['', '一回目']);
    expect(docs.localStructure(b.getId())).toHaveLength(1);
  });
});

describe(`DocumentApp.openById (${APP}#openById(String)) and Document.saveAndClose (${DOCUMENT}#saveAndClose())`, () => {
  it('opens an existing document by ID; an unknown ID throws', () => {
    const { docs } = setup();
    const doc = docs.create('報告書');
    doc.getBody().appendParagraph('本文');
    const again = docs.openById(doc.getId());
    expect(again.getBody().getText()).toBe('\n本文');
    expect(() => docs.openById('1missing')).toThrow(DOCUMENT_MISSING_MESSAGE);
    expect(docs.openByUrl(`https://docs.google.com/document/d/${doc.getId()}/edit`).getId()).toBe(doc.getId());
  });

  it('"A closed Document can\'t be edited"; openById reopens it', () => {
    const { docs } = setup();
    const doc = docs.create('報告書');
    const id = doc.getId();
    const body = doc.getBody();
    doc.saveAndClose();
    expect(docs.localIsClosed(id)).toBe(true);
    expect(() => body.appendParagraph('x')).toThrow(DOCUMENT_CLOSED_MESSAGE);
    expect(() => doc.getBody()).toThrow(DOCUMENT_CLOSED_MESSAGE);
    // Silent in the reference for getters; the stricter choice refuses every call on a closed document.
    expect(() => doc.getId()).toThrow(DOCUMENT_CLOSED_MESSAGE);
    docs.openById(id).getBody().appendParagraph('再開');
    expect(docs.localStructure(id).at(-1)).toMatchObject({ text: '再開' });
  });

  it('the name is the Drive file name', () => {
    const { docs, drive } = setup();
    const doc = docs.create('旧');
    drive.getFileById(doc.getId()).setName('新');
    expect(doc.getName()).toBe('新');
  });
});

describe(`Body (${BODY})`, () => {
  it('appendParagraph converts "\\n" to "\\r" (Paragraph: "New-line characters … are converted")', () => {
    const { docs } = setup();
    const p = docs.create('x').getBody().appendParagraph('一行目\n二行目');
    expect(p.getText()).toBe('一行目\r二行目');
  });

  it(`appendTable(cells) builds the whole table in one call (${BODY}#appendTable(String))`, () => {
    const { counter, docs } = setup();
    const doc = docs.create('x');
    const body = doc.getBody();
    counter.reset();
    const t = body.appendTable([
      ['プラン', '評価'],
      ['1-1', 'A'],
      ['1-2', 'B'],
    ]);
    expect(counter.snapshot()).toEqual({ 'Body.appendTable': 1 });
    expect(t.getNumRows()).toBe(3);
    expect(t.getRow(1).getCell(0).getText()).toBe('1-1');
    expect(t.getCell(2, 1).getText()).toBe('B');
    expect(t.getRow(0).getNumCells()).toBe(2);
    expect(body.getTables()).toHaveLength(1);
    expect(docs.localStructure(doc.getId())[1]).toMatchObject({ type: 'TABLE', cells: [['プラン', '評価'], ['1-1', 'A'], ['1-2', 'B']] });
  });

  it('appendTable refuses ragged, empty and non-string tables (stricter; the reference is silent)', () => {
    const { docs } = setup();
    const body = docs.create('x').getBody();
    expect(() => body.appendTable([['a', 'b'], ['c']])).toThrow('every row must have 2 cells');
    expect(() => body.appendTable([])).toThrow('at least one row');
    expect(() => body.appendTable([[1 as unknown as string]])).toThrow("don't match the method signature");
    expect(body.getNumChildren()).toBe(1);
  });

  it('a multi-line cell holds one paragraph per line', () => {
    const { docs } = setup();
    const t = docs.create('x').getBody().appendTable([['一\n二']]);
    expect(t.getCell(0, 0).getNumChildren()).toBe(2);
    expect(t.getCell(0, 0).getText()).toBe('一\n二');
  });

  it('getChild out of range throws; getChild/asTable casts like Apps Script', () => {
    const { docs } = setup();
    const body = docs.create('x').getBody();
    body.appendTable([['a']]);
    expect(() => body.getChild(5)).toThrow('Child index (5) must be less than the number of child elements (2).');
    expect(String(body.getChild(1).getType())).toBe('TABLE');
    expect(body.getChild(1).asTable().getNumRows()).toBe(1);
    expect(() => body.getChild(1).asParagraph()).toThrow('Cannot cast TABLE to Paragraph.');
  });

  it('appendPageBreak, appendHorizontalRule and appendImage each add one paragraph holding the element', () => {
    const { docs, utilities } = setup();
    const doc = docs.create('x');
    const body = doc.getBody();
    const pb = body.appendPageBreak();
    body.appendHorizontalRule();
    const img = body.appendImage(utilities.newBlob(png(40, 20), 'image/png', 'chart.png'));
    expect(body.getNumChildren()).toBe(4);
    expect(String(pb.getParent().getType())).toBe('PARAGRAPH');
    const s = docs.localStructure(doc.getId());
    expect(s.slice(1).map((n) => (n.type === 'TABLE' ? [] : n.inline.map((i) => i.type)))).toEqual([['PAGE_BREAK'], ['HORIZONTAL_RULE'], ['INLINE_IMAGE']]);
    expect(img.getWidth()).toBe(40);
    expect(img.getHeight()).toBe(20);
    expect(body.getImages()).toHaveLength(1);
  });

  it('appendListItem adds a list item; getParagraphs includes list items and the paragraphs of table cells', () => {
    const { docs } = setup();
    const body = docs.create('x').getBody();
    const li = body.appendListItem('項目');
    body.appendTable([['a', 'b']]);
    expect(String(li.getGlyphType())).toBe('BULLET');
    li.setGlyphType(docs.GlyphType.NUMBER);
    expect(String(li.getGlyphType())).toBe('NUMBER');
    expect(body.getParagraphs().map((p) => p.getText())).toEqual(['', '項目', 'a', 'b']);
    expect(body.getListItems()).toHaveLength(1);
  });

  it('getText joins the children with "\\n" (rows by "\\n", cells by "\\t")', () => {
    const { docs } = setup();
    const body = docs.create('x').getBody();
    body.appendParagraph('見出し');
    body.appendTable([['a', 'b'], ['c', 'd']]);
    expect(body.getText()).toBe('\n見出し\na\tb\nc\td');
  });
});

describe(`InlineImage (${INLINE_IMAGE}) and Body.appendImage (${BODY}#appendImage(BlobSource))`, () => {
  it('takes size from the PNG header; setWidth/setHeight resize', () => {
    const { docs, utilities } = setup();
    const doc = docs.create('x');
    const img = doc.getBody().appendImage(utilities.newBlob(png(300, 150), 'image/png'));
    img.setWidth(600).setHeight(300);
    img.setAltTitle('図1');
    const node = docs.localStructure(doc.getId())[1];
    expect(node.type !== 'TABLE' && node.inline[0]).toMatchObject({ type: 'INLINE_IMAGE', width: 600, height: 300, contentType: 'image/png', altTitle: '図1' });
  });

  it('only PNG, JPEG or GIF are accepted', () => {
    const { docs, utilities } = setup();
    const body = docs.create('x').getBody();
    expect(() => body.appendImage(utilities.newBlob('<svg/>', 'image/svg+xml'))).toThrow('not a PNG, JPEG or GIF');
    expect(() => body.appendImage('x' as never)).toThrow("don't match the method signature for Body.appendImage");
  });
});

describe(`Paragraph headings and alignment (${PARAGRAPH}#setHeading(ParagraphHeading))`, () => {
  it('setHeading / getHeading; the outline lists headings in order', () => {
    const { docs } = setup();
    const doc = docs.create('x');
    const body = doc.getBody();
    body.appendParagraph('報告書').setHeading(docs.ParagraphHeading.TITLE);
    body.appendParagraph('基本方針1').setHeading(docs.ParagraphHeading.HEADING1);
    body.appendParagraph('本文');
    const h2 = body.appendParagraph('基本目標1');
    h2.setHeading(docs.ParagraphHeading.HEADING2);
    expect(String(h2.getHeading())).toBe('HEADING2');
    expect(String(body.getChild(3).asParagraph().getHeading())).toBe('NORMAL');
    expect(docs.localOutline(doc.getId())).toEqual([
      { heading: 'TITLE', text: '報告書' },
      { heading: 'HEADING1', text: '基本方針1' },
      { heading: 'HEADING2', text: '基本目標1' },
    ]);
  });

  it('setHeading refuses a value that is not a ParagraphHeading', () => {
    const { docs } = setup();
    const p = docs.create('x').getBody().appendParagraph('x');
    expect(() => p.setHeading('H1' as never)).toThrow("don't match the method signature for Paragraph.setHeading");
  });

  it(`a heading resets the text style, and a map's HEADING is applied last (${ATTRIBUTE}; order not documented: stricter)`, () => {
    const { docs } = setup();
    const A = docs.Attribute;
    const body = docs.create('x').getBody();
    // Heading first, then the rest: everything holds.
    const good = body.appendParagraph('見出し').setHeading(docs.ParagraphHeading.HEADING1);
    good.setAttributes({ [A.FONT_SIZE]: 16, [A.BOLD]: true, [A.SPACING_AFTER]: 10 });
    expect(good.getAttributes()).toMatchObject({ HEADING: 'HEADING1', FONT_SIZE: 16, BOLD: true, SPACING_AFTER: 10 });
    // One map with HEADING: the reference does not promise an order; the runtime applies the
    // heading last, which resets the text attributes (paragraph spacing stays).
    const mixed = body.appendParagraph('見出し').setAttributes({ [A.HEADING]: docs.ParagraphHeading.HEADING1, [A.FONT_SIZE]: 16, [A.SPACING_AFTER]: 10 });
    expect(mixed.getAttributes()).toMatchObject({ HEADING: 'HEADING1', FONT_SIZE: null, SPACING_AFTER: 10 });
    // setHeading after styling resets the text style too.
    const late = body.appendParagraph('本文').setAttributes({ [A.FONT_SIZE]: 11 });
    late.setHeading(docs.ParagraphHeading.HEADING2);
    expect(late.getAttributes()).toMatchObject({ HEADING: 'HEADING2', FONT_SIZE: null });
  });

  it('setAlignment / getAlignment', () => {
    const { docs } = setup();
    const p = docs.create('x').getBody().appendParagraph('x');
    expect(p.getAlignment()).toBeNull();
    p.setAlignment(docs.HorizontalAlignment.CENTER);
    expect(String(p.getAlignment())).toBe('CENTER');
  });
});

describe(`setAttributes / getAttributes (${ATTRIBUTE})`, () => {
  it('a map keyed by DocumentApp.Attribute styles a paragraph in one call', () => {
    const { counter, docs } = setup();
    const doc = docs.create('x');
    const p = doc.getBody().appendParagraph('強調');
    counter.reset();
    const style: Record<string, unknown> = {};
    style[docs.Attribute.BOLD as unknown as string] = true;
    style[docs.Attribute.FONT_SIZE as unknown as string] = 14;
    style[docs.Attribute.FOREGROUND_COLOR as unknown as string] = '#1f3864';
    // No HEADING in the map: a heading is set first with setHeading (see the test above).
    p.setAttributes(style);
    expect(counter.snapshot()).toEqual({ 'Paragraph.setAttributes': 1 });
    const attrs = p.getAttributes();
    expect(attrs).toMatchObject({ BOLD: true, FONT_SIZE: 14, FOREGROUND_COLOR: '#1f3864', HEADING: null, ITALIC: null });
  });

  it('refuses unknown keys, attributes that do not apply and bad values; nothing is applied then', () => {
    const { docs } = setup();
    const p = docs.create('x').getBody().appendParagraph('x');
    expect(() => p.setAttributes({ COLOUR: '#000000' })).toThrow('"COLOUR" is not a DocumentApp.Attribute');
    expect(() => p.setAttributes({ BOLD: true, BORDER_WIDTH: 1 })).toThrow('BORDER_WIDTH does not apply to PARAGRAPH');
    expect(() => p.setAttributes({ BOLD: 'yes' })).toThrow('invalid value "yes" for attribute BOLD');
    expect(() => p.setAttributes({ FOREGROUND_COLOR: 'red' })).toThrow('FOREGROUND_COLOR');
    expect(p.getAttributes()).toMatchObject({ BOLD: null, FOREGROUND_COLOR: null });
  });

  it('text attributes on a table apply to the text of every cell (one call, not one per cell)', () => {
    const { counter, docs } = setup();
    const doc = docs.create('x');
    const t = doc.getBody().appendTable([['a', 'b'], ['c', 'd']]);
    counter.reset();
    t.setAttributes({ FONT_SIZE: 9, BORDER_COLOR: '#999999' });
    t.getRow(0).setAttributes({ BOLD: true });
    expect(counter.total()).toBe(3);
    const node = docs.localStructure(doc.getId())[1];
    if (node.type !== 'TABLE') throw new Error('expected a table');
    expect(node.attributes).toEqual({ FONT_SIZE: 9, BORDER_COLOR: '#999999' });
    expect(node.cellTextAttributes).toEqual([
      [{ FONT_SIZE: 9, BOLD: true }, { FONT_SIZE: 9, BOLD: true }],
      [{ FONT_SIZE: 9 }, { FONT_SIZE: 9 }],
    ]);
  });
});

describe(`TableCell (${TABLE_CELL}) and Table (${TABLE})`, () => {
  it('setBackgroundColor takes CSS "#rrggbb"; BACKGROUND_COLOR on a cell is its shading', () => {
    const { docs } = setup();
    const doc = docs.create('x');
    const t = doc.getBody().appendTable([['見出し', '見出し2'], ['a', 'b']]);
    t.getCell(0, 0).setBackgroundColor('#d9e2f3');
    t.getCell(0, 1).setAttributes({ BACKGROUND_COLOR: '#d9e2f3', BOLD: true });
    expect(t.getCell(0, 1).getBackgroundColor()).toBe('#d9e2f3');
    expect(() => t.getCell(1, 0).setBackgroundColor('blue')).toThrow('Invalid color: blue');
    const node = docs.localStructure(doc.getId())[1];
    expect(node.type === 'TABLE' && node.backgrounds).toEqual([['#d9e2f3', '#d9e2f3'], [null, null]]);
  });

  it('getRow/getCell out of range throw', () => {
    const { docs } = setup();
    const t = docs.create('x').getBody().appendTable([['a']]);
    expect(() => t.getRow(1)).toThrow('Child index (1)');
    expect(() => t.getCell(0, 3)).toThrow('Child index (3)');
  });

  it('setColumnWidth is per column (points); TableRow.getText joins cells', () => {
    const { docs } = setup();
    const doc = docs.create('x');
    const t = doc.getBody().appendTable([['a', 'b']]);
    t.setColumnWidth(1, 120);
    expect(t.getColumnWidth(1)).toBe(120);
    expect(t.getRow(0).getText()).toBe('a\tb');
    expect(() => t.setColumnWidth(2, 10)).toThrow('Child index (2)');
  });
});

describe('createDocsAndDrive', () => {
  it('returns both services on one Drive', () => {
    const { docs, drive } = setup();
    expect(docs).toBeInstanceOf(LocalDocumentApp);
    const doc = docs.create('報告書');
    expect(drive.getRootFolder().getFiles().next().getId()).toBe(doc.getId());
  });
});
