// The report as one self-contained HTML page (Node only): the same blocks as the Google Doc,
// print-friendly (A4, page breaks before each 基本方針, table headers repeated), the chart as
// inline SVG. Every text is escaped: names and comments come from what people typed.

import { escapeHtml } from '../core/text';
import type { Block, ReportModel, ReportTable } from '../core/report';
import { SUM_ROW_FILL, cellFill, reportBlocks } from '../core/report';
import { chartSvg } from '../core/chart';

export { escapeHtml };

/** Escaped, with line breaks kept. */
const text = (s: string): string => escapeHtml(s).replace(/\r\n|\r|\n/g, '<br>');

const CSS = `
@page { size: A4; margin: 20mm; }
:root { --navy: #1f3864; --line: #7f7f7f; }
* { box-sizing: border-box; }
body { font-family: 'BIZ UDPGothic', 'Noto Sans CJK JP', 'Noto Sans JP', 'Yu Gothic', 'Hiragino Sans', 'Meiryo', sans-serif;
  font-size: 10.5pt; line-height: 1.7; color: #222; max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
.cover { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; break-after: page; }
.cover p { text-align: center; text-indent: 0; }
.cover .plan { font-size: 16pt; margin: 0 0 12pt; }
.cover h1.title { font-size: 28pt; color: var(--navy); margin: 0 0 8pt; border: 0; }
.cover .subtitle { font-size: 18pt; color: var(--navy); margin: 0 0 48pt; }
.cover .line { font-size: 12pt; margin: 0 0 6pt; }
.cover .emphasis { font-size: 14pt; margin-top: 24pt; }
h1 { font-size: 16pt; color: var(--navy); border-bottom: 2px solid var(--navy); padding-bottom: 3pt; margin: 0 0 10pt; }
h2 { font-size: 13pt; color: var(--navy); margin: 18pt 0 6pt; }
h3 { font-size: 11pt; color: #333; margin: 12pt 0 4pt; }
h1, h2, h3 { break-after: avoid; }
p { margin: 0 0 4pt; text-indent: 1em; text-align: justify; }
p.note { font-size: 9pt; color: #555; text-indent: 0; }
p.placeholder { color: #666; text-indent: 0; }
p.quote { margin-left: 1.5em; color: #333; }
p.attribution { text-align: right; text-indent: 0; font-size: 9.5pt; color: #444; margin-bottom: 10pt; }
p.lead { font-weight: bold; text-indent: 0; margin-top: 6pt; break-after: avoid; }
tr.sum td { font-weight: bold; }
p.caption { font-size: 9pt; color: #444; text-indent: 0; margin: 4pt 0 10pt; }
.page-break { break-before: page; height: 0; }
h1.new-page { break-before: page; }
.toc ul { list-style: none; padding: 0; }
.toc li.toc1 { font-weight: bold; margin-top: 6pt; }
.toc li.toc2 { margin-left: 2em; }
p.item { text-indent: -1em; margin-left: 2em; }
@media screen { h1.new-page { border-top: 1px dashed #bbb; padding-top: 24px; } }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; line-height: 1.45; table-layout: fixed; }
th, td { border: 0.5pt solid var(--line); padding: 2pt 4pt; vertical-align: top; overflow-wrap: anywhere; }
th { background: #d9e2f3; font-weight: bold; vertical-align: middle; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.kv td:first-child { background: #f2f2f2; }
figure { margin: 8pt 0; text-align: center; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
@media screen { body { padding: 16px; } .page-break { border-top: 1px dashed #bbb; margin: 24px 0; } }
`;

function tableHtml(t: ReportTable): string {
  const sum = t.widths.reduce((a, b) => a + b, 0) || 1;
  const cols = t.widths.map((w) => `<col style="width:${((w / sum) * 100).toFixed(1)}%">`).join('');
  const head = `<thead><tr>${t.header.map((h) => `<th scope="col">${text(h)}</th>`).join('')}</tr></thead>`;
  const cell = (c: string, i: number): string => {
    const a = t.align?.[i];
    const style = [a && a !== 'left' ? `text-align:${a}` : '', t.toneColumn === i && cellFill(c) ? `background:${cellFill(c)};font-weight:bold` : ''].filter(Boolean).join(';');
    return `<td${style ? ` style="${style}"` : ''}>${text(c)}</td>`;
  };
  const row = (r: string[], ri: number): string =>
    `<tr${t.rowKinds?.[ri] === 'sum' ? ` class="sum" style="background:${SUM_ROW_FILL}"` : ''}>${r.map(cell).join('')}</tr>`;
  const body = `<tbody>${t.rows.map(row).join('')}</tbody>`;
  return `<table${t.variant === 'kv' ? ' class="kv"' : ''}><colgroup>${cols}</colgroup>${head}${body}</table>`;
}

function blocksHtml(blocks: Block[]): string {
  const out: string[] = [];
  // The cover: everything before the first page break.
  const firstBreak = blocks.findIndex((b) => b.kind === 'pageBreak' || (b.kind === 'heading' && b.newPage));
  const cover = blocks.slice(0, firstBreak < 0 ? 0 : firstBreak);
  const rest = blocks.slice(firstBreak < 0 ? 0 : blocks[firstBreak].kind === 'pageBreak' ? firstBreak + 1 : firstBreak);
  if (cover.length) {
    out.push('<section class="cover">');
    let lines = 0;
    for (const b of cover) {
      if (b.kind === 'title') out.push(`<h1 class="title">${text(b.text)}</h1>`);
      else if (b.kind === 'subtitle') out.push(`<p class="subtitle">${text(b.text)}</p>`);
      else if (b.kind === 'coverLine') out.push(`<p class="${lines++ === 0 ? 'plan' : b.emphasis ? 'line emphasis' : 'line'}">${text(b.text)}</p>`);
    }
    out.push('</section>');
  }
  for (const b of rest) {
    switch (b.kind) {
      case 'heading':
        out.push(`<h${b.level}${b.newPage && b !== rest[0] ? ' class="new-page"' : ''}>${text(b.text)}</h${b.level}>`);
        break;
      case 'toc':
        out.push(`<nav class="toc"><ul>${b.entries.map((e) => `<li class="toc${e.level}">${text(e.text)}</li>`).join('')}</ul></nav>`);
        break;
      case 'paragraph':
        out.push(`<p${b.tone && b.tone !== 'normal' ? ` class="${b.tone}"` : ''}>${text(b.text)}</p>`);
        break;
      case 'table':
        out.push(tableHtml(b.table));
        break;
      case 'chart':
        out.push(`<figure>${chartSvg(b.chart)}<figcaption><p class="caption">${text(b.caption)}</p></figcaption></figure>`);
        break;
      case 'pageBreak':
        out.push('<div class="page-break"></div>');
        break;
      case 'title':
      case 'subtitle':
      case 'coverLine':
        out.push(`<p>${text(b.text)}</p>`);
        break;
    }
  }
  return out.join('\n');
}

/** The report as a self-contained, print-friendly HTML page. */
export function renderHtml(model: ReportModel): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="ja">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(model.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    blocksHtml(reportBlocks(model)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
