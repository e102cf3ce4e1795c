// The report model travels inside the .docx (customXml/item1.xml) and reads back unchanged.
import { aggregate, NO_OVERRIDES } from '../../../src/core/aggregate';
import { buildReport } from '../../../src/core/report';
import { reportDocx, reportDocxEntries, zip } from '../../../src/core/docx';
import { CUSTOM_XML_REL, MODEL_PART, modelFromPartXml, modelPartXml } from '../../../src/core/docx/model-part';
import { readReportDocx } from '../../../src/local/report-docx-read';
import { seed004 } from '../fixtures';
import { readZip } from './read-zip';

const data = seed004();
// Text as people type it: markup, entities, a control character, U+FFFF, a lone surrogate, emoji.
data.plans[0].name = '<b>子育て</b> & "アプリ" \u0007 \uffff \ud800 😀 ]]>';
const model = buildReport(data, aggregate(data, { overrides: NO_OVERRIDES }), { now: new Date('2026-11-21T05:05:00Z') });
const asJson = JSON.parse(JSON.stringify(model));

test('the part holds the model as JSON and reads back equal, whatever characters people typed', () => {
  const xml = modelPartXml(model);
  // Well-formed XML text: no raw markup or characters XML forbids.
  expect(xml.slice(xml.indexOf('>', xml.indexOf('<reportModel')) + 1, xml.lastIndexOf('</reportModel>'))).not.toMatch(/[<>\uffff\u0007]|&(?!amp;|lt;|gt;)/);
  expect(modelFromPartXml(xml)).toEqual(asJson);
  expect(modelFromPartXml(xml)!.policies.flatMap((p) => p.goals)[0].plans[0].rows[0][0]).toContain(data.plans[0].name);
  // Entities a re-saving application may use instead are read too.
  expect(modelFromPartXml(xml.replace(/&amp;/g, '&#38;').replace(/&lt;/g, '&#x3C;'))).toEqual(asJson);
  expect(modelFromPartXml('<other/>')).toBeNull();
});

test('the .docx carries the part, related from the document, and the local reader gets the model and the figures back', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 2, 128, 0, 0, 1, 104]);
  const bytes = reportDocx(model, new Map([[1, { png, width: 640, height: 360 }]]));
  const files = readZip(bytes);
  expect(files.map((f) => f.name)).toContain(MODEL_PART);
  const rels = files.find((f) => f.name === 'word/_rels/document.xml.rels')!.data.toString('utf8');
  expect(rels).toContain(`Type="${CUSTOM_XML_REL}" Target="../${MODEL_PART}"`);
  const back = readReportDocx(bytes);
  expect(back.model).toEqual(asJson);
  expect(back.images.get(1)).toEqual({ png: expect.anything(), width: 640, height: 360 });
  expect(Buffer.from(back.images.get(1)!.png).equals(Buffer.from(png))).toBe(true);
  // A .docx without the part is refused, not silently recomputed.
  const without = zip(reportDocxEntries(model, new Map()).filter((e) => e.name !== MODEL_PART));
  expect(() => readReportDocx(without)).toThrow(`${MODEL_PART} に報告書のデータがありません`);
});
