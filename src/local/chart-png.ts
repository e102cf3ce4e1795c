// Rasterizes the report's chart SVG (core/chart.ts) with resvg and a Japanese font (Node only).
// Used for the .docx and by the local Charts service; the Google Doc gets its PNG from the real
// Charts service in Apps Script.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT, chartSvg, type ChartSpec } from '../core/chart';
import type { DocxImage } from '../core/docx';
import { reportBlocks, type ReportModel } from '../core/report';

/** Noto Sans CJK (Debian fonts-noto-cjk); the rasterizer loads no system fonts besides. */
export const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
].filter((f) => existsSync(f));

/** PNG bytes of an SVG at `scale` × its size (2: sharp when printed at the SVG's size). */
export function svgToPng(svg: string, scale = 2): { bytes: Buffer; width: number; height: number } {
  if (CJK_FONT_FILES.length === 0) {
    throw new Error('Japanese font not found: install fonts-noto-cjk (apt-get install -y fonts-noto-cjk).');
  }
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: CJK_FONT_FILES, defaultFontFamily: CHART_FONT },
    background: '#ffffff',
  });
  const img = r.render();
  return { bytes: img.asPng(), width: img.width, height: img.height };
}

/** The chart of the report as PNG. */
export function chartPng(spec: ChartSpec, scale = 2): { bytes: Buffer; width: number; height: number } {
  return svgToPng(chartSvg(spec), scale);
}

/** The picture of every figure of the report, by figure number (what the .docx writer takes). */
export function chartImages(model: ReportModel): Map<number, DocxImage> {
  const out = new Map<number, DocxImage>();
  for (const b of reportBlocks(model)) {
    if (b.kind !== 'chart') continue;
    const p = chartPng(b.chart);
    out.set(b.figure, { png: p.bytes, width: p.width, height: p.height });
  }
  return out;
}
