// npm run report:pdf — the demo report as PDF (LibreOffice), its TOC numbered from that layout.
//   tsx scripts/report-pdf.ts [out/報告書.docx | out/報告書.json] [--images docs/images [--pages 1,2,3,8]]
// From the uploaded .docx (default): its embedded model and figures, so the PDF is the upload with
// the TOC's page numbers. Writes out/報告書.pdf and, beside it, out/報告書（目次ページ番号つき）.docx
// (the same document with the TOC's page numbers cached; Word refreshes them anyway on opening).
// out/報告書.docx stays the uploaded bytes. --images also writes page images report-pNN.png for
// docs/ (--pages: only those pages, e.g. the ones docs/report.md shows).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ReportModel } from '../src/core/report';
import { chartImages } from '../src/local/chart-png';
import { readReportDocx } from '../src/local/report-docx-read';
import { TOC_NUMBERED_DOCX, reportPdf } from '../src/local/report-pdf';

const args = process.argv.slice(2);
const imagesAt = args.indexOf('--images');
const imagesDir = imagesAt >= 0 ? resolve(args[imagesAt + 1]) : null;
const pagesAt = args.indexOf('--pages');
const only = pagesAt >= 0 ? new Set(args[pagesAt + 1].split(',').map(Number)) : null;
const input = resolve(args.find((a, i) => !a.startsWith('--') && (imagesAt < 0 || i !== imagesAt + 1) && (pagesAt < 0 || i !== pagesAt + 1)) ?? 'out/報告書.docx');
const out = dirname(input);

const source = /\.docx$/i.test(input)
  ? readReportDocx(readFileSync(input))
  : (() => { const model = JSON.parse(readFileSync(input, 'utf8')) as ReportModel; return { model, images: chartImages(model) }; })();
const r = reportPdf(source.model, source.images);
const numbered = join(out, TOC_NUMBERED_DOCX);
writeFileSync(numbered, r.docx);
const pdf = join(out, '報告書.pdf');
writeFileSync(pdf, r.pdf);
const pageCount = /\/Type\s*\/Pages[\s\S]*?\/Count\s+(\d+)/.exec(r.pdf.toString('latin1'))?.[1] ?? '?';
console.log(`${pdf}: ${pageCount} ページ、目次のページ番号 ${r.pages ? `${r.pages.length} 項目（レイアウト ${r.passes} 回）` : 'なし（見出しと一致しなかったため）'}`);
console.log(`${numbered}: 目次にページ番号を入れた .docx（${join(out, '報告書.docx')} はアップロードしたままです）`);
if (imagesDir) {
  mkdirSync(imagesDir, { recursive: true });
  for (const f of readdirSync(imagesDir)) if (/^report-p-?\d+\.png$/.test(f)) rmSync(join(imagesDir, f));
  execFileSync('pdftoppm', ['-r', '60', '-png', pdf, join(imagesDir, 'report-p')]);
  // pdftoppm names them report-p-01.png …: keep the names docs/ uses (report-p01.png).
  for (const f of readdirSync(imagesDir)) {
    const m = /^report-p-(\d+)\.png$/.exec(f);
    if (!m) continue;
    if (only && !only.has(Number(m[1]))) rmSync(join(imagesDir, f));
    else renameSync(join(imagesDir, f), join(imagesDir, `report-p${m[1]}.png`));
  }
  console.log(`${imagesDir}/report-p*.png`);
}
