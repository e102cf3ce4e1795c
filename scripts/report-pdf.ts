// npm run report:pdf — the demo report as PDF (LibreOffice), its TOC numbered from that layout.
//   tsx scripts/report-pdf.ts [out/報告書.json] [--images docs/images [--pages 1,2,3,8]]
// Writes out/報告書.pdf and rewrites out/報告書.docx with the TOC's page numbers cached (Word
// refreshes them anyway on opening); --images also writes page images report-pNN.png for docs/
// (--pages: only those pages, e.g. the ones docs/report.md shows).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ReportModel } from '../src/core/report';
import { chartImages } from '../src/local/chart-png';
import { reportPdf } from '../src/local/report-pdf';

const args = process.argv.slice(2);
const imagesAt = args.indexOf('--images');
const imagesDir = imagesAt >= 0 ? resolve(args[imagesAt + 1]) : null;
const pagesAt = args.indexOf('--pages');
const only = pagesAt >= 0 ? new Set(args[pagesAt + 1].split(',').map(Number)) : null;
const json = resolve(args.find((a, i) => !a.startsWith('--') && (imagesAt < 0 || i !== imagesAt + 1) && (pagesAt < 0 || i !== pagesAt + 1)) ?? 'out/報告書.json');
const out = dirname(json);

const model = JSON.parse(readFileSync(json, 'utf8')) as ReportModel;
const r = reportPdf(model, chartImages(model));
writeFileSync(join(out, '報告書.docx'), r.docx);
const pdf = join(out, '報告書.pdf');
writeFileSync(pdf, r.pdf);
const pageCount = /\/Type\s*\/Pages[\s\S]*?\/Count\s+(\d+)/.exec(r.pdf.toString('latin1'))?.[1] ?? '?';
console.log(`${pdf}: ${pageCount} ページ、目次のページ番号 ${r.pages ? `${r.pages.length} 項目（レイアウト ${r.passes} 回）` : 'なし（見出しと一致しなかったため）'}`);
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
