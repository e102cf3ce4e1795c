// The report a .docx was made from (Node only): the model the add-on embedded in the file
// (core/docx/model-part.ts) and the figures' PNGs, so that 報告書.html, 報告書.json and the PDF
// are made from the uploaded file itself and always say what the Google Doc says.
import type { ReportModel } from '../core/report';
import type { DocxImage } from '../core/docx';
import { MODEL_PART, modelFromPartXml } from '../core/docx/model-part';
import { unzip } from './gas/ooxml';

export interface ReportDocx {
  model: ReportModel;
  /** Figure number → PNG and its size in pixels, as embedded (word/media/imageN.png). */
  images: Map<number, DocxImage>;
}

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return png.length >= 24 ? { width: v.getUint32(16), height: v.getUint32(20) } : { width: 0, height: 0 };
}

/** The model and figures of a report .docx; throws when the file carries no model (not the add-on's report). */
export function readReportDocx(bytes: Uint8Array): ReportDocx {
  const files = unzip(bytes);
  const part = files.get(MODEL_PART);
  const model = part ? modelFromPartXml(Buffer.from(part).toString('utf8')) : null;
  if (!model) throw new Error(`${MODEL_PART} に報告書のデータがありません（アドオンが作成した報告書の .docx ではありません）。`);
  const images = new Map<number, DocxImage>();
  for (const [name, png] of files) {
    const m = /^word\/media\/image(\d+)\.png$/.exec(name);
    if (m) images.set(Number(m[1]), { png, ...pngSize(png) });
  }
  return { model, images };
}
