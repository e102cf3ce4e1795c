// Importing a .docx into a Google Doc through the advanced Drive service, and what DocumentApp
// then sees. The input is a hand-made .docx (docx-fixture.ts), so the tests pin the importer and
// not any writer.
import { CallCounter } from '../../../src/local/gas/counter';
import { createDocsAndDrive, type LocalDocNode, type LocalInlineNode } from '../../../src/local/gas/document';
import { GOOGLE_DOCS_MIME } from '../../../src/local/gas/drive';
import { DOCS_IMPORT_MAX_BYTES, LocalDriveApi } from '../../../src/local/gas/drive-api';
import { DOCX_MIME } from '../../../src/local/gas/docx-import';
import { ScopeGuard } from '../../../src/local/gas/scopes';
import { LocalBlob } from '../../../src/local/gas/utilities';
import { fixtureDocx, fixtureParts, PNG, zip } from './docx-fixture';

const UPLOADS = 'https://developers.google.com/workspace/drive/api/guides/manage-uploads';
const FILES_CREATE = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create';
const FILES_UPDATE = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/update';
const UNSUPPORTED = 'https://developers.google.com/apps-script/reference/document/unsupported-element';
const TOC = 'https://developers.google.com/apps-script/reference/document/table-of-contents';
const DOCUMENT = 'https://developers.google.com/apps-script/reference/document/document';
const LIMITS = 'https://support.google.com/drive/answer/37603';

const OWNER = 'jimukyoku@city.example.lg.jp';
const AUTH = 'https://www.googleapis.com/auth/';

function setup(scopes = ['drive.file', 'documents']) {
  const counter = new CallCounter();
  counter.scopes = new ScopeGuard({ oauthScopes: scopes.map((s) => AUTH + s) });
  const { DocumentApp, DriveApp } = createDocsAndDrive(counter, OWNER);
  const Drive = new LocalDriveApi(counter, DriveApp);
  // The blob a script makes with Utilities.newBlob(bytes, type, name) (built directly: a 50 MB byte array is slow to pass).
  const blob = (bytes: Uint8Array, type: string | null = DOCX_MIME) => new LocalBlob(counter, Buffer.from(bytes), type, '報告書.docx');
  return { counter, docs: DocumentApp, drive: DriveApp, Drive, blob };
}

function importFixture(bytes = fixtureDocx({ deflate: true })) {
  const s = setup();
  const f = s.Drive.Files.create({ name: '報告書', mimeType: GOOGLE_DOCS_MIME }, s.blob(bytes), { fields: 'id,mimeType,webViewLink' });
  return { ...s, id: String(f.id), file: f };
}

type Para = Extract<LocalDocNode, { type: 'PARAGRAPH' | 'LIST_ITEM' }>;
const paras = (nodes: LocalDocNode[]): Para[] => nodes.filter((n): n is Para => n.type === 'PARAGRAPH' || n.type === 'LIST_ITEM');

describe(`Drive.Files.create with a .docx and the Google Docs MIME type imports it (${UPLOADS}, "Import to Google Docs types"; ${FILES_CREATE})`, () => {
  test('one Drive call; the file is a Google Doc (not a .docx) and DocumentApp opens what the file held', () => {
    const { counter, Drive, docs, id, file } = importFixture();
    expect(file.mimeType).toBe(GOOGLE_DOCS_MIME);
    expect(file.webViewLink).toBe(`https://docs.google.com/document/d/${id}/edit?usp=drivesdk`);
    expect(counter.snapshot()).toMatchObject({ 'Drive.Files.create': 1 });
    expect(Drive.Files.get(id, { fields: 'mimeType,name' })).toEqual({ mimeType: GOOGLE_DOCS_MIME, name: '報告書' });
    const body = docs.openById(id).getBody();
    expect(body.getParagraphs()[0].getText()).toBe('進捗状況報告書');
    expect(docs.localDocumentIds()).toContain(id);
  });

  test('stored and deflated ZIP entries read the same', () => {
    const a = importFixture(fixtureDocx({ deflate: false }));
    const b = importFixture(fixtureDocx({ deflate: true }));
    expect(JSON.stringify(a.docs.localStructure(a.id))).toBe(JSON.stringify(b.docs.localStructure(b.id)));
  });

  test('headings come from the paragraph styles (Title, heading 1, heading 2), in order, with their text style', () => {
    const { docs, id } = importFixture();
    expect(docs.localOutline(id)).toEqual([
      { heading: 'TITLE', text: '進捗状況報告書' },
      { heading: 'HEADING1', text: '目次' },
      { heading: 'HEADING1', text: '総括' },
      { heading: 'HEADING2', text: '評価の方法' },
    ]);
    const title = paras(docs.localStructure(id))[0];
    // Style formatting (basedOn chain + docDefaults) becomes the text's attributes.
    expect(title.attributes).toMatchObject({ HEADING: 'TITLE', HORIZONTAL_ALIGNMENT: 'CENTER', BOLD: true, FONT_SIZE: 28, FOREGROUND_COLOR: '#1f3864', FONT_FAMILY: 'BIZ UDPGothic' });
    // getParagraphs walks the TOC too: its entry 総括 comes first, the heading last.
    const h1 = docs.openById(id).getBody().getParagraphs().filter((p) => p.getText() === '総括').at(-1)!;
    expect(String(h1.getHeading())).toBe('HEADING1');
  });

  test('a custom style based on a heading: body text with outline level 9 (a TOC title), else the heading of its outline level (Docs has no custom named styles; reference silent: stricter)', () => {
    const parts = fixtureParts();
    parts['word/styles.xml'] = String(parts['word/styles.xml']).replace('</w:styles>',
      '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My Heading"/><w:basedOn w:val="Heading2"/></w:style></w:styles>');
    parts['word/document.xml'] = String(parts['word/document.xml'])
      .replace('<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">目次', '<w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">目次')
      .replace('<w:pStyle w:val="Heading2"/>', '<w:pStyle w:val="MyHeading"/>');
    const { docs, id, drive } = importFixture(zip(parts));
    expect(docs.localOutline(id).map((h) => `${h.heading}:${h.text}`)).toEqual(['TITLE:進捗状況報告書', 'HEADING1:総括', 'HEADING2:評価の方法']);
    // The uploaded file is kept for tests (Drive keeps no copy of it).
    expect(drive.localImportSource(id)).toEqual(zip(parts));
  });

  test('runs keep their own bold, italic, colour and size; line breaks stay in the paragraph; alignment, spacing and indents', () => {
    const { docs, id } = importFixture();
    const p = paras(docs.localStructure(id)).find((n) => n.text.startsWith('評価は'))!;
    expect(p.text).toBe('評価は D です。\r次の行');
    expect(p.runs).toEqual([
      { text: '評価は ', attributes: { FONT_FAMILY: 'BIZ UDPGothic', FONT_SIZE: 10.5, FOREGROUND_COLOR: '#222222' } },
      { text: 'D', attributes: { FONT_FAMILY: 'BIZ UDPGothic', FONT_SIZE: 12, FOREGROUND_COLOR: '#c00000', BOLD: true } },
      { text: ' です。', attributes: { FONT_FAMILY: 'BIZ UDPGothic', FONT_SIZE: 10.5, FOREGROUND_COLOR: '#222222', ITALIC: true } },
      { text: '\r次の行', attributes: { FONT_FAMILY: 'BIZ UDPGothic', FONT_SIZE: 10.5, FOREGROUND_COLOR: '#222222' } },
    ]);
    // Attributes every run shares are the paragraph's; the others are not.
    expect(p.attributes).toMatchObject({ HORIZONTAL_ALIGNMENT: 'JUSTIFY', SPACING_BEFORE: 6, SPACING_AFTER: 3, LINE_SPACING: 1.4, INDENT_START: 10.5, INDENT_FIRST_LINE: 21, FONT_FAMILY: 'BIZ UDPGothic' });
    expect(p.attributes.BOLD).toBeUndefined();
  });

  test('a numbered paragraph is a ListItem; a hyperlink is the text\'s LINK_URL', () => {
    const { docs, id } = importFixture();
    const nodes = paras(docs.localStructure(id));
    const item = nodes.find((n) => n.text === '一つ目')!;
    expect(item.type).toBe('LIST_ITEM');
    expect(item.attributes).toMatchObject({ GLYPH_TYPE: 'NUMBER', NESTING_LEVEL: 0 });
    expect(nodes.find((n) => n.text === '添付ファイル')!.attributes.LINK_URL).toBe('https://drive.google.com/file/d/abc/view');
  });

  test('tables: rows and cells, cell shading, column widths (points), alignment per cell paragraph, a cell of two paragraphs', () => {
    const { docs, id } = importFixture();
    const t = docs.localStructure(id).find((n): n is Extract<LocalDocNode, { type: 'TABLE' }> => n.type === 'TABLE')!;
    expect(t.cells).toEqual([['プラン', '達成率'], ['1-1 子育て', '1,234.5%'], ['1-2 学校', '上\n下']]);
    expect(t.backgrounds).toEqual([['#d9e2f3', '#d9e2f3'], [null, '#fce4d6'], [null, null]]);
    expect(t.columnWidths).toEqual({ 0: 200, 1: 100 });
    expect(t.cellAttributes[1][1]).toMatchObject({ WIDTH: 100 });
    expect(t.attributes).toMatchObject({ BORDER_COLOR: '#7f7f7f', BORDER_WIDTH: 0.5 });
    expect(t.cellParagraphs[0][0][0].attributes).toMatchObject({ HORIZONTAL_ALIGNMENT: 'CENTER', FONT_SIZE: 9 });
    expect(t.cellParagraphs[1][1][0].attributes).toMatchObject({ HORIZONTAL_ALIGNMENT: 'RIGHT' });
    const table = docs.openById(id).getBody().getTables()[0];
    expect(table.getNumRows()).toBe(3);
    expect(table.getCell(1, 1).getBackgroundColor()).toBe('#fce4d6');
    expect(table.getColumnWidth(0)).toBe(200);
  });

  test('the header-row repeat flag is kept as a local-only attribute: DocumentApp has no getter or setter for it (reference silent)', () => {
    const { docs, id } = importFixture();
    const t = docs.localStructure(id).find((n): n is Extract<LocalDocNode, { type: 'TABLE' }> => n.type === 'TABLE')!;
    expect(t.headerRows).toBe(1);
    const table = docs.openById(id).getBody().getTables()[0] as unknown as Record<string, unknown>;
    expect(table.setHeaderRow).toBeUndefined();
  });

  test('a body never ends with a table: Docs keeps a paragraph after it', () => {
    const parts = fixtureParts();
    parts['word/document.xml'] = String(parts['word/document.xml']).replace(/<w:p><w:pPr><w:jc w:val="center"\/><\/w:pPr><w:r><w:drawing>[\s\S]*?<\/w:sectPr>/, '<w:sectPr/>');
    const { docs, id } = importFixture(zip(parts));
    const s = docs.localStructure(id);
    expect(s[s.length - 2].type).toBe('TABLE');
    expect(s[s.length - 1]).toMatchObject({ type: 'PARAGRAPH', text: '' });
  });

  test('inline image: the bytes, the size in pixels from the drawing extent, alt text; a page break is a PageBreak', () => {
    const { docs, id } = importFixture();
    const s = paras(docs.localStructure(id));
    const withImage = s.find((n) => n.inline.some((i) => i.type === 'INLINE_IMAGE'))!;
    const img = withImage.inline[0] as Extract<LocalInlineNode, { type: 'INLINE_IMAGE' }>;
    expect({ w: img.width, h: img.height, type: img.contentType, title: img.altTitle, description: img.altDescription }).toEqual({ w: 620, h: 310, type: 'image/png', title: '評価の分布', description: '図1 評価の分布' });
    expect([...img.bytes]).toEqual([...PNG]);
    expect(withImage.attributes.HORIZONTAL_ALIGNMENT).toBe('CENTER');
    const images = docs.openById(id).getBody().getImages();
    expect(images).toHaveLength(1);
    expect(images[0].getWidth()).toBe(620);
    const pb = s.find((n) => n.text === '前後')!;
    expect(pb.inline).toEqual([{ type: 'PAGE_BREAK' }]);
    // Word's "page break before" on a heading: Docs has the paragraph option, DocumentApp no getter (kept locally).
    expect(s.find((n) => n.text === '総括' && n.heading === 'HEADING1')!.pageBreakBefore).toBe(true);
  });

  test(`header and footer (${DOCUMENT}#getHeader(), #getFooter()); the PAGE field is an UnsupportedElement, not text (${UNSUPPORTED})`, () => {
    const { docs, id } = importFixture();
    const doc = docs.openById(id);
    expect(doc.getHeader().getText()).toBe('進捗状況報告書（令和4年度）');
    const footer = doc.getFooter();
    // The page number and page count are auto text: a script sees neither digit.
    expect(footer.getText()).toBe('−  − / ');
    // (Walking to it with Paragraph.getChild needs Text elements, which the local runtime does not model.)
    const sections = docs.localSections(id);
    expect((sections.footer![0] as Para).inline).toEqual([{ type: 'UNSUPPORTED', field: 'PAGE', offset: 2 }, { type: 'UNSUPPORTED', field: 'NUMPAGES', offset: 7 }]);
    expect((sections.header![0] as Para).attributes).toMatchObject({ HORIZONTAL_ALIGNMENT: 'RIGHT', FONT_SIZE: 8, FOREGROUND_COLOR: '#808080' });
    // Different first page: the cover has an empty header and footer (local only; getHeader is the other pages').
    expect(sections.firstPageHeader).toEqual([expect.objectContaining({ type: 'PARAGRAPH', text: '' })]);
    expect(sections.firstPageFooter).toEqual([expect.objectContaining({ type: 'PARAGRAPH', text: '' })]);
  });

  test('a document without header or footer: getHeader() and getFooter() are null', () => {
    const parts = fixtureParts();
    parts['word/document.xml'] = String(parts['word/document.xml']).replace(/<w:headerReference[^>]*\/>|<w:footerReference[^>]*\/>|<w:titlePg\/>/g, '');
    const { docs, id } = importFixture(zip(parts));
    const doc = docs.openById(id);
    expect(doc.getHeader()).toBeNull();
    expect(doc.getFooter()).toBeNull();
  });

  test(`a TOC field becomes one TableOfContents element holding the entries the file carries, page references (and the tab before them) dropped (${TOC})`, () => {
    const { docs, id } = importFixture();
    const s = docs.localStructure(id);
    const toc = s.find((n): n is Extract<LocalDocNode, { type: 'TABLE_OF_CONTENTS' }> => n.type === 'TABLE_OF_CONTENTS')!;
    expect(toc.entries.map((e) => e.text)).toEqual(['総括', '評価の方法']);
    expect(toc.entries[0].attributes.LINK_URL).toBe('#_Toc1');
    const body = docs.openById(id).getBody();
    const el = body.getChild(s.indexOf(toc));
    expect(String(el.getType())).toBe('TABLE_OF_CONTENTS');
    expect((el as GoogleAppsScript.Document.TableOfContents).getNumChildren()).toBe(2);
    // The TOC's entries are not headings: the outline lists the headings only.
    expect(docs.localOutline(id).filter((h) => h.text === '評価の方法')).toHaveLength(1);
  });

  test('a Table of Contents content control (w:sdt) is a TableOfContents too', () => {
    const parts = fixtureParts();
    parts['word/document.xml'] = String(parts['word/document.xml']).replace(
      /<w:p><w:pPr><w:pStyle w:val="TOC1"\/>[\s\S]*?<w:p><w:r><w:fldChar w:fldCharType="end"\/><\/w:r><\/w:p>/,
      '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>総括</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="TOC2"/></w:pPr><w:r><w:t>評価の方法</w:t></w:r></w:p></w:sdtContent></w:sdt>',
    );
    const { docs, id } = importFixture(zip(parts));
    const toc = docs.localStructure(id).find((n) => n.type === 'TABLE_OF_CONTENTS');
    expect(toc).toMatchObject({ text: '総括\n評価の方法' });
  });

  test('drive.file is enough to import (the app creates the file); reading it with DocumentApp needs documents', () => {
    const s = setup(['drive.file']);
    const f = s.Drive.Files.create({ name: '報告書', mimeType: GOOGLE_DOCS_MIME }, s.blob(fixtureDocx()), { fields: 'id' });
    expect(s.docs.localStructure(String(f.id)).length).toBeGreaterThan(5);
    expect(() => s.docs.openById(String(f.id))).toThrow('Specified permissions are not sufficient to call DocumentApp.openById');
    const none = setup(['documents']);
    expect(() => none.Drive.Files.create({ name: 'x', mimeType: GOOGLE_DOCS_MIME }, none.blob(fixtureDocx()))).toThrow('Request had insufficient authentication scopes.');
  });
});

describe(`What Drive refuses to import (${UPLOADS})`, () => {
  const code = (fn: () => unknown): number => {
    try {
      fn();
    } catch (e) {
      return (e as { details: { code: number } }).details.code;
    }
    throw new Error('no error');
  };

  test('a type Drive cannot convert to a Google Doc: 400 conversionUnsupportedConversionPath; nothing is created', () => {
    const s = setup();
    const before = s.docs.localDocumentIds().length;
    const run = () => s.Drive.Files.create({ name: 'x', mimeType: GOOGLE_DOCS_MIME }, s.blob(fixtureDocx(), 'application/zip'));
    expect(run).toThrow('API call to drive.files.create failed with error: Conversion of the uploaded content to the requested output type is not supported.');
    expect(code(run)).toBe(400);
    // A blob without a content type is not guessed from its bytes (stricter).
    expect(() => s.Drive.Files.create({ name: 'x', mimeType: GOOGLE_DOCS_MIME }, s.blob(fixtureDocx(), null))).toThrow('Conversion of the uploaded content');
    expect(s.docs.localDocumentIds()).toHaveLength(before);
  });

  test('a malformed .docx (not a ZIP, broken XML, a missing part, a bad CRC): Drive answers a server error (503 Backend Error)', () => {
    const s = setup();
    const cases: Uint8Array[] = [];
    cases.push(new TextEncoder().encode('これは docx ではありません'));
    const broken = fixtureParts();
    broken['word/document.xml'] = String(broken['word/document.xml']).replace('</w:body>', '');
    cases.push(zip(broken));
    const missing = fixtureParts();
    delete missing['word/document.xml'];
    cases.push(zip(missing));
    const noImage = fixtureParts();
    delete noImage['word/media/image1.png'];
    cases.push(zip(noImage));
    const crc = fixtureDocx();
    const at = Buffer.from(crc).indexOf('進捗');
    crc[at] ^= 1;
    cases.push(crc);
    for (const bytes of cases) {
      const run = () => s.Drive.Files.create({ name: 'x', mimeType: GOOGLE_DOCS_MIME }, s.blob(bytes));
      expect(run).toThrow('API call to drive.files.create failed with error: Backend Error');
      expect(code(run)).toBe(503);
    }
    try {
      s.Drive.Files.create({ name: 'x', mimeType: GOOGLE_DOCS_MIME }, s.blob(cases[1]));
    } catch (e) {
      expect((e as { localReason: string }).localReason).toMatch(/^word\/document\.xml: /);
    }
  });

  test(`over 50 MB, or over a Doc's 1.02 million characters, is refused (${LIMITS}; the wording of Drive's refusal is not documented: 400 with the reason)`, () => {
    const s = setup();
    const big = new Uint8Array(DOCS_IMPORT_MAX_BYTES + 1);
    expect(() => s.Drive.Files.create({ name: 'x', mimeType: GOOGLE_DOCS_MIME }, s.blob(big))).toThrow('too large to be converted');
    const parts = fixtureParts();
    const long = '字'.repeat(200_000);
    parts['word/document.xml'] = String(parts['word/document.xml']).replace('<w:sectPr>', `${Array.from({ length: 6 }, () => `<w:p><w:r><w:t>${long}</w:t></w:r></w:p>`).join('')}<w:sectPr>`);
    const run = () => s.Drive.Files.create({ name: 'x', mimeType: GOOGLE_DOCS_MIME }, s.blob(zip(parts, { deflate: true })));
    expect(run).toThrow(/too large to be converted: \d+ characters/);
    expect(code(run)).toBe(400);
  });
});

describe(`Drive.Files.update with a .docx replaces a Google Doc's content (${FILES_UPDATE})`, () => {
  test('same ID and link, new content; DocumentApp sees the new content', () => {
    const s = importFixture();
    const parts = fixtureParts();
    parts['word/document.xml'] = String(parts['word/document.xml']).replace('進捗状況報告書', '進捗状況報告書（第2版）');
    const f = s.Drive.Files.update({}, s.id, s.blob(zip(parts)), { fields: 'id,mimeType' });
    expect(f).toEqual({ id: s.id, mimeType: GOOGLE_DOCS_MIME });
    expect(s.docs.openById(s.id).getBody().getParagraphs()[0].getText()).toBe('進捗状況報告書（第2版）');
    expect(() => s.Drive.Files.update({}, s.id, s.blob(new Uint8Array([1, 2, 3])))).toThrow('Backend Error');
  });
});
