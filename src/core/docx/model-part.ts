// The report model carried inside the .docx as a custom XML part (customXml/item1.xml): the file
// holds the very data it was drawn from, so whoever has the uploaded bytes (the local CLI writes
// 報告書.html and 報告書.json from them) reads the same report the Doc shows — saved column
// mappings, 確定値 and a split report included — instead of computing it again. Word keeps custom
// XML parts and ignores them for display; nothing of it is shown. Pure (bundle and Node).
import type { ReportModel } from '../report';
import { XML_DECL } from './xml';

export const MODEL_PART = 'customXml/item1.xml';
/** Relationship type of a custom XML part (ECMA-376 Part 1, §15.2.5). */
export const CUSTOM_XML_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
export const MODEL_NS = 'urn:shinchoku-addon:report-model:1';

/**
 * The model as the part's XML: its JSON as the text of one element. JSON already escapes control
 * characters and lone surrogates; U+FFFE/U+FFFF (not allowed in XML) are escaped too, so the JSON
 * read back is exactly the one written.
 */
export function modelPartXml(model: ReportModel): string {
  const json = JSON.stringify(model)
    .replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `${XML_DECL}<reportModel xmlns="${MODEL_NS}">${json}</reportModel>`;
}

/** The model of a part written by modelPartXml (entities of a re-saved part undone); null when it is not one. */
export function modelFromPartXml(xml: string): ReportModel | null {
  const m = new RegExp(`<reportModel xmlns="${MODEL_NS.replace(/[.:-]/g, '\\$&')}">([\\s\\S]*)</reportModel>`).exec(xml);
  if (!m) return null;
  const json = m[1]
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return JSON.parse(json) as ReportModel;
}
