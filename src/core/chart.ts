// Charts of the report as a spec (pure data) that two real renderers draw the same way:
// in Apps Script the built-in Charts service (server-side PNG: src/addon/report-chart.ts), locally
// this file's SVG, rasterized by resvg with a Japanese font (src/local/chart-png.ts).
//
// Every chart is a horizontal bar chart of stacked series: one series per grade or rating, so
// each bar takes its rating's colour and the legend names them (the Charts service colours
// series, not single bars). Pure: no Apps Script, no Node.

export type Tone = 'good' | 'fair' | 'bad' | 'none';

export interface ChartSeries {
  /** Legend label: 良好, A … */
  name: string;
  /** #rrggbb */
  color: string;
  /** One value per category (null: nothing drawn). */
  values: (number | null)[];
}

export interface ChartSpec {
  /** Shown above the chart (the caption carries the figure number). */
  title: string;
  /** Row labels, top to bottom (e.g. 基本目標1 …). */
  categories: string[];
  series: ChartSeries[];
  /** Value axis. */
  axis: {
    min: number;
    max: number;
    /** Gridlines and their labels (e.g. 0, 50, 80, 100: the rating thresholds are gridlines). */
    ticks: number[];
    /** '%' or '件' after each tick and value label. */
    unit: string;
    title: string;
  };
  /** Pixel size of the image. */
  width: number;
  height: number;
}

export const TONE_COLORS: Record<Tone, string> = {
  good: '#4e8f3a',
  fair: '#d49a00',
  bad: '#c0392b',
  none: '#9e9e9e',
};

/** Grade colours: A/B greens, C amber, D red, − grey (as in 集計結果). */
export const GRADE_COLORS: Record<string, string> = {
  A: '#38761d', B: '#93c47d', C: '#f1c232', D: '#cc4125', '−': '#b7b7b7',
};

/** Height that fits the rows (bars 22 px apart), the title, the axis and the legend. */
export function chartHeight(rows: number): number {
  return 112 + Math.max(1, rows) * 26;
}

// Layout shared by the SVG and (as options) the Charts service build.
export const CHART_FONT = 'Noto Sans CJK JP';
const TITLE_H = 30;
const AXIS_H = 36;
const LEGEND_H = 30;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Approximate text width in px at `size` (CJK full width, ASCII about 0.6). */
export function textWidth(s: string, size: number): number {
  return [...s].reduce((n, ch) => n + (/[\x20-\x7e]/.test(ch) ? 0.6 : 1), 0) * size;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** The chart as an SVG document (for HTML, and rasterized for the .docx). */
export function chartSvg(spec: ChartSpec): string {
  const { width, height, axis } = spec;
  const size = 13;
  const labelW = Math.min(width * 0.4, Math.max(...spec.categories.map((c) => textWidth(c, size)), 40) + 12);
  // Room for the last tick label.
  const valueW = textWidth(`${fmt(axis.max)}${axis.unit}`, size - 1) / 2;
  const left = labelW + 8;
  const right = width - valueW - 12;
  const top = TITLE_H + 8;
  const bottom = height - LEGEND_H - AXIS_H;
  const rows = Math.max(1, spec.categories.length);
  const rowH = (bottom - top) / rows;
  const barH = Math.min(18, rowH * 0.7);
  const span = axis.max - axis.min || 1;
  const xOf = (v: number): number => left + ((Math.max(axis.min, Math.min(axis.max, v)) - axis.min) / span) * (right - left);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(spec.title)}" font-family="'${CHART_FONT}','Noto Sans JP','BIZ UDPGothic','Yu Gothic',sans-serif" font-size="${size}">`);
  out.push(`<title>${esc(spec.title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold" fill="#1f3864">${esc(spec.title)}</text>`);
  // Gridlines with their labels under the plot.
  for (const t of axis.ticks) {
    const x = xOf(t).toFixed(1);
    out.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="${t === axis.min ? '#808080' : '#d0d0d0'}" stroke-width="1"/>`);
    out.push(`<text x="${x}" y="${bottom + 15}" text-anchor="middle" font-size="${size - 1}" fill="#555555">${fmt(t)}${esc(axis.unit)}</text>`);
  }
  if (axis.title) {
    out.push(`<text x="${((left + right) / 2).toFixed(1)}" y="${bottom + 32}" text-anchor="middle" font-size="${size - 1}" fill="#555555">${esc(axis.title)}</text>`);
  }
  spec.categories.forEach((c, i) => {
    const y = top + i * rowH + (rowH - barH) / 2;
    const cy = (y + barH / 2 + size * 0.35).toFixed(1);
    out.push(`<text x="${labelW}" y="${cy}" text-anchor="end" fill="#333333">${esc(c)}</text>`);
    let acc = axis.min;
    for (const s of spec.series) {
      const v = s.values[i];
      if (v === null || v === undefined || v <= 0) continue;
      const x0 = xOf(acc);
      const x1 = xOf(acc + v);
      out.push(`<rect x="${x0.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${barH.toFixed(1)}" fill="${s.color}"><title>${esc(`${c} ${s.name}: ${fmt(v)}${axis.unit}`)}</title></rect>`);
      acc += v;
    }
  });
  // Legend: one swatch per series, centred under the axis title.
  const items = spec.series.map((s) => ({ s, w: 14 + 6 + textWidth(s.name, size - 1) + 18 }));
  let lx = (width - items.reduce((n, x) => n + x.w, 0)) / 2;
  const ly = height - 12;
  for (const { s, w } of items) {
    out.push(`<rect x="${lx.toFixed(1)}" y="${ly - 10}" width="14" height="11" fill="${s.color}"/>`);
    out.push(`<text x="${(lx + 20).toFixed(1)}" y="${ly}" font-size="${size - 1}" fill="#333333">${esc(s.name)}</text>`);
    lx += w;
  }
  out.push('</svg>');
  return out.join('');
}

/**
 * Longest category label (in em) drawn whole by both renderers: the SVG gives labels up to 40 % of
 * the width, and the Charts service cuts long axis labels with an ellipsis (it does not wrap them).
 */
export const CHART_LABEL_EM = 16;

/**
 * Category labels for items with a number and a name (基本目標1 子育て支援…): the number and name
 * when every label fits CHART_LABEL_EM, else the number alone for all (基本目標1), with the full
 * names in `key` for the caption. An item without a number keeps its name, shortened when long
 * (its full name then goes in the key too).
 */
export function chartLabels(prefix: string, items: readonly { code: string; name: string }[]): { labels: string[]; key: string } {
  const full = items.map((i) => (i.code ? `${prefix}${i.code} ${i.name}`.trim() : i.name));
  if (full.every((f) => textWidth(f, 1) <= CHART_LABEL_EM)) return { labels: full, key: '' };
  const short = (s: string): string => {
    let out = '';
    for (const ch of s) { if (textWidth(`${out}${ch}…`, 1) > CHART_LABEL_EM) return `${out}…`; out += ch; }
    return out;
  };
  const labels = items.map((i) => (i.code ? `${prefix}${i.code}` : short(i.name)));
  const named = items.filter((i) => i.name).map((i) => (i.code ? `${i.code} ${i.name}` : i.name));
  return { labels, key: named.length ? `${prefix}の名前：${named.join('、')}。` : '' };
}
