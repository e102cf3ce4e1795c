// The report's chart: data (label + value per 基本目標), drawn without native dependencies —
// as a PNG (indexed colour, deflate with fixed Huffman codes and run/row matches) for Google
// Docs and .docx, and as SVG for HTML. Pure: no Apps Script globals, no Node APIs, so the same
// code runs in Apps Script V8 and in Node.

export type Tone = 'good' | 'fair' | 'bad' | 'none';

export interface ChartBar {
  /** Short label drawn next to the bar (the goal code). */
  label: string;
  /** Full name, for captions, SVG titles and the legend table. */
  name: string;
  /** Percent; null when it cannot be computed (評価不能). */
  value: number | null;
  /** The value exactly as printed in the tables (e.g. '66.7%', '評価不能'). */
  valueText: string;
  tone: Tone;
}

export interface ChartGuide {
  value: number;
  label: string;
}

export interface ChartData {
  title: string;
  /** Axis maximum in percent (100). */
  max: number;
  bars: ChartBar[];
  /** Reference lines (thresholds of the goal rule). */
  guides: ChartGuide[];
}

export const TONE_COLORS: Record<Tone, string> = {
  good: '#4e8f3a',
  fair: '#d49a00',
  bad: '#c0392b',
  none: '#b0b0b0',
};

// ---------------------------------------------------------------------------------------------
// Raster: an indexed-colour canvas and a 5×7 bitmap font (digits and a few signs: what goal
// codes and percentages need; Japanese names go in the caption and the tables).

const PALETTE: readonly [number, number, number][] = [
  [255, 255, 255], // 0 background
  [51, 51, 51], // 1 text
  [128, 128, 128], // 2 axis
  [224, 224, 224], // 3 grid
  [0x4e, 0x8f, 0x3a], // 4 good
  [0xd4, 0x9a, 0x00], // 5 fair
  [0xc0, 0x39, 0x2b], // 6 bad
  [0xb0, 0xb0, 0xb0], // 7 none
  [0x1f, 0x38, 0x64], // 8 guide (navy)
];
const TONE_INDEX: Record<Tone, number> = { good: 4, fair: 5, bad: 6, none: 7 };

const GLYPHS: Record<string, string[]> = {
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  '%': ['##...', '##..#', '...#.', '..#..', '.#...', '#..##', '...##'],
  '-': ['.....', '.....', '.....', '#####', '.....', '.....', '.....'],
  '.': ['.....', '.....', '.....', '.....', '.....', '.##..', '.##..'],
  '(': ['...#.', '..#..', '.#...', '.#...', '.#...', '..#..', '...#.'],
  ')': ['.#...', '..#..', '...#.', '...#.', '...#.', '..#..', '.#...'],
  '/': ['.....', '....#', '...#.', '..#..', '.#...', '#....', '.....'],
  ' ': ['.....', '.....', '.....', '.....', '.....', '.....', '.....'],
};

/** True when the bitmap font can draw every character of `s`. */
export function drawable(s: string): boolean {
  for (const ch of s) if (!GLYPHS[ch]) return false;
  return s.length > 0;
}

export class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height);
  }

  fillRect(x: number, y: number, w: number, h: number, color: number): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) this.pixels.fill(color, yy * this.width + x0, yy * this.width + x1);
  }

  dashedVLine(x: number, y0: number, y1: number, thickness: number, dash: number, color: number): void {
    for (let y = y0; y < y1; y += dash * 2) this.fillRect(x, y, thickness, Math.min(dash, y1 - y), color);
  }

  /** Width in pixels of `text` at `scale` (5 px glyph + 1 px gap per character). */
  static textWidth(text: string, scale: number): number {
    return [...text].length * 6 * scale - scale;
  }

  text(x: number, y: number, text: string, scale: number, color: number): void {
    let cx = Math.round(x);
    for (const ch of text) {
      const g = GLYPHS[ch] ?? GLYPHS[' '];
      for (let r = 0; r < 7; r++) {
        for (let c = 0; c < 5; c++) if (g[r][c] === '#') this.fillRect(cx + c * scale, y + r * scale, scale, scale, color);
      }
      cx += 6 * scale;
    }
  }
}

export interface RasterOptions {
  /** Pixels; the chart is drawn at this width (2× the displayed width gives sharp print). */
  width?: number;
}

/**
 * Horizontal bars, one per goal: the code on the left, the bar, the value at its end; dashed
 * navy lines at the guides; grid every 20%. Bars whose label the font cannot draw get their
 * 1-based position instead (the caption maps positions to names).
 */
export function rasterizeChart(chart: ChartData, opts: RasterOptions = {}): Canvas {
  const width = opts.width ?? 1248;
  const s = Math.max(2, Math.round(width / 416)); // font scale
  const rowH = 16 * s;
  const barH = 10 * s;
  const top = 14 * s;
  const bottom = 6 * s;
  const labels = chart.bars.map((b, i) => (drawable(b.label) ? b.label : String(i + 1)));
  const labelW = Math.max(...labels.map((l) => Canvas.textWidth(l, s)), Canvas.textWidth('00', s)) + 6 * s;
  const valueW = Canvas.textWidth('100.0%', s) + 6 * s;
  // The last axis label (100%) is centred on the plot's right edge: keep room for its half.
  const left = 4 * s + labelW;
  const plotW = width - left - valueW - 4 * s;
  const height = top + Math.max(1, chart.bars.length) * rowH + bottom;
  const c = new Canvas(width, height);
  const max = chart.max > 0 ? chart.max : 100;
  const xOf = (v: number): number => left + (Math.max(0, Math.min(max, v)) / max) * plotW;

  // Grid and axis labels every 20%.
  for (let v = 0; v <= max; v += 20) {
    const x = Math.round(xOf(v));
    c.fillRect(x, top - 2 * s, Math.max(1, s >> 1), height - top - bottom + 2 * s, 3);
    const t = `${v}%`;
    c.text(x - Canvas.textWidth(t, s) / 2, 3 * s, t, s, 2);
  }
  // Bars.
  chart.bars.forEach((b, i) => {
    const y = top + i * rowH + (rowH - barH) / 2;
    c.text(4 * s + labelW - 6 * s - Canvas.textWidth(labels[i], s), y + (barH - 7 * s) / 2, labels[i], s, 1);
    if (b.value === null) {
      c.text(left + 2 * s, y + (barH - 7 * s) / 2, '-', s, 2);
      return;
    }
    const x1 = xOf(b.value);
    c.fillRect(left, y, Math.max(s, x1 - left), barH, TONE_INDEX[b.tone]);
    const vt = drawable(b.valueText) ? b.valueText : `${Math.round(b.value * 10) / 10}%`;
    c.text(x1 + 3 * s, y + (barH - 7 * s) / 2, vt, s, 1);
  });
  // Guides over the bars.
  for (const g of chart.guides) c.dashedVLine(Math.round(xOf(g.value)), top - 4 * s, height - bottom, Math.max(2, s >> 1), 3 * s, 8);
  // Axis line.
  c.fillRect(left, top - 2 * s, Math.max(2, s >> 1), height - top - bottom + 2 * s, 2);
  return c;
}

// ---------------------------------------------------------------------------------------------
// PNG: IHDR (8-bit indexed), PLTE, one IDAT (zlib), IEND.

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

class BitWriter {
  private buf: number[] = [];
  private acc = 0;
  private n = 0;

  /** LSB-first, as deflate packs everything except Huffman codes. */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) {
      this.acc |= ((value >>> i) & 1) << this.n;
      if (++this.n === 8) {
        this.buf.push(this.acc);
        this.acc = 0;
        this.n = 0;
      }
    }
  }

  /** Huffman codes go MSB-first. */
  huff(code: number, len: number): void {
    for (let i = len - 1; i >= 0; i--) this.bits((code >>> i) & 1, 1);
  }

  finish(): number[] {
    if (this.n > 0) this.buf.push(this.acc);
    this.acc = 0;
    this.n = 0;
    return this.buf;
  }
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

function writeLitLen(w: BitWriter, sym: number): void {
  if (sym < 144) w.huff(0x30 + sym, 8);
  else if (sym < 256) w.huff(0x190 + sym - 144, 9);
  else if (sym < 280) w.huff(sym - 256, 7);
  else w.huff(0xc0 + sym - 280, 8);
}

function codeIndex(base: number[], v: number): number {
  let i = base.length - 1;
  while (base[i] > v) i--;
  return i;
}

/**
 * zlib stream of `data` in one fixed-Huffman deflate block. Matches are looked for at two
 * distances only — 1 (runs) and `rowDistance` (the same bytes one image row up) — which is
 * what a chart is made of, so the output is small without a general LZ77 search.
 */
export function zlibCompress(data: Uint8Array, rowDistance = 0): Uint8Array {
  const w = new BitWriter();
  w.bits(1, 1); // BFINAL
  w.bits(1, 2); // BTYPE = 01, fixed Huffman
  const n = data.length;
  let i = 0;
  const matchLen = (dist: number): number => {
    if (dist <= 0 || dist > i || dist > 32768) return 0;
    let len = 0;
    while (len < 258 && i + len < n && data[i + len] === data[i + len - dist]) len++;
    return len;
  };
  while (i < n) {
    const run = matchLen(1);
    const row = rowDistance > 1 ? matchLen(rowDistance) : 0;
    const len = Math.max(run, row);
    if (len >= 3) {
      const dist = row >= run ? rowDistance : 1;
      const li = codeIndex(LEN_BASE, len);
      writeLitLen(w, 257 + li);
      w.bits(len - LEN_BASE[li], LEN_EXTRA[li]);
      const di = codeIndex(DIST_BASE, dist);
      w.huff(di, 5);
      w.bits(dist - DIST_BASE[di], DIST_EXTRA[di]);
      i += len;
    } else {
      writeLitLen(w, data[i]);
      i++;
    }
  }
  writeLitLen(w, 256);
  const body = w.finish();
  const out = new Uint8Array(2 + body.length + 4);
  out[0] = 0x78; // deflate, 32K window
  out[1] = 0x01; // no dictionary; (0x78 << 8 | 0x01) % 31 === 0
  out.set(body, 2);
  const a = adler32(data);
  out[out.length - 4] = a >>> 24;
  out[out.length - 3] = (a >>> 16) & 0xff;
  out[out.length - 2] = (a >>> 8) & 0xff;
  out[out.length - 1] = a & 0xff;
  return out;
}

function u32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

function chunk(type: string, data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length), 0);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  out.set(u32(crc32(out, 4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG bytes of an indexed canvas (palette above), 144 dpi so it prints at half its pixel size. */
export function encodePng(canvas: Canvas): Uint8Array {
  const { width, height, pixels } = canvas;
  const stride = width + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: None (rows repeat, and the row matches find them)
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * stride + 1);
  }
  const ihdr = [...u32(width), ...u32(height), 8, 3, 0, 0, 0];
  const plte: number[] = [];
  for (const [r, g, b] of PALETTE) plte.push(r, g, b);
  const ppm = Math.round(144 / 0.0254);
  const phys = [...u32(ppm), ...u32(ppm), 1];
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('pHYs', phys),
    chunk('IDAT', zlibCompress(raw, stride)),
    chunk('IEND', []),
  ];
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The chart as PNG bytes, plus its pixel size. */
export function chartPng(chart: ChartData, opts: RasterOptions = {}): { bytes: Uint8Array; width: number; height: number } {
  const canvas = rasterizeChart(chart, opts);
  return { bytes: encodePng(canvas), width: canvas.width, height: canvas.height };
}

// ---------------------------------------------------------------------------------------------
// SVG (for HTML): the same layout, with real text.

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function chartSvg(chart: ChartData, width = 640): string {
  const rowH = 26;
  const barH = 16;
  const top = 24;
  const bottom = 8;
  const labelW = 44;
  const valueW = 64;
  const left = labelW + 8;
  const plotW = width - left - valueW;
  const height = top + Math.max(1, chart.bars.length) * rowH + bottom;
  const max = chart.max > 0 ? chart.max : 100;
  const xOf = (v: number): number => left + (Math.max(0, Math.min(max, v)) / max) * plotW;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(chart.title)}" font-family="'Noto Sans CJK JP','Noto Sans JP','Yu Gothic',sans-serif" font-size="12">`);
  parts.push(`<title>${esc(chart.title)}</title>`);
  for (let v = 0; v <= max; v += 20) {
    const x = xOf(v).toFixed(1);
    parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${height - bottom}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${x}" y="${top - 8}" text-anchor="middle" fill="#808080">${v}%</text>`);
  }
  chart.bars.forEach((b, i) => {
    const y = top + i * rowH + (rowH - barH) / 2;
    const cy = (y + barH / 2 + 4).toFixed(1);
    parts.push(`<g><title>${esc(`${b.label} ${b.name}: ${b.valueText}`)}</title>`);
    parts.push(`<text x="${labelW}" y="${cy}" text-anchor="end" fill="#333">${esc(b.label)}</text>`);
    if (b.value === null) {
      parts.push(`<text x="${left + 4}" y="${cy}" fill="#808080">${esc(b.valueText)}</text>`);
    } else {
      const x1 = xOf(b.value);
      parts.push(`<rect x="${left}" y="${y.toFixed(1)}" width="${Math.max(2, x1 - left).toFixed(1)}" height="${barH}" fill="${TONE_COLORS[b.tone]}"/>`);
      parts.push(`<text x="${(x1 + 4).toFixed(1)}" y="${cy}" fill="#333">${esc(b.valueText)}</text>`);
    }
    parts.push('</g>');
  });
  for (const g of chart.guides) {
    const x = xOf(g.value).toFixed(1);
    parts.push(`<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${height - bottom}" stroke="#1f3864" stroke-width="1.5" stroke-dasharray="4 3"><title>${esc(g.label)}</title></line>`);
  }
  parts.push(`<line x1="${left}" y1="${top - 4}" x2="${left}" y2="${height - bottom}" stroke="#808080" stroke-width="1.5"/>`);
  parts.push('</svg>');
  return parts.join('');
}
