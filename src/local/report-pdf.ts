// The report as PDF through LibreOffice, with the TOC's page numbers filled in (Node only).
//
// LibreOffice does not refresh a .docx's fields when it converts (the TOC keeps its cached
// entries, the PAGE field in the footer is laid out live): left alone, the TOC would show no page
// numbers. So the numbers come from LibreOffice's own layout: render the .docx, convert it, read
// each heading's page from the PDF outline (poppler's pdftohtml -xml), render again with those
// pages as the TOC's cached results, and check the second layout put every heading on the same page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCX_FONT, reportDocx, type DocxImage } from '../core/docx';
import { reportBlocks, type ReportModel } from '../core/report';

export interface OutlineItem { level: number; text: string; page: number }

/** The TOC-numbered copy npm run report:pdf writes beside the upload (報告書.docx is never rewritten). */
export const TOC_NUMBERED_DOCX = '報告書（目次ページ番号つき）.docx';

const unxml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** The PDF outline as pdftohtml -xml prints it: nested <outline> lists of <item page="n">. */
export function parseOutline(xml: string): OutlineItem[] {
  const out: OutlineItem[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<outline>|<\/outline>|<item(?: page="(\d+)")?>([\s\S]*?)<\/item>/g)) {
    if (m[0] === '<outline>') depth++;
    else if (m[0] === '</outline>') depth--;
    else if (m[1]) out.push({ level: depth, text: unxml(m[2]), page: Number(m[1]) });
  }
  return out;
}

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * The page of each TOC entry, matched in order against the outline's items of the same level and
 * text; null when an entry cannot be found (then the TOC is better left without numbers).
 */
export function tocPages(entries: readonly { level: number; text: string }[], outline: readonly OutlineItem[]): number[] | null {
  const pages: number[] = [];
  let from = 0;
  for (const e of entries) {
    let k = from;
    while (k < outline.length && !(outline[k].level === e.level && norm(outline[k].text) === norm(e.text))) k++;
    if (k === outline.length) return null;
    pages.push(outline[k].page);
    from = k + 1;
  }
  return pages;
}

/**
 * A fontconfig file that draws the report's font (BIZ UDPGothic, missing on most Linux machines)
 * with Noto Sans CJK JP for every language. Without it fontconfig picks a substitute per language:
 * runs tagged en-US (the figures kept on one line, core/tokens.ts) would come out in DejaVu Sans,
 * wider than the Japanese Gothic that Word and Google Docs show them in. Null when the font is there.
 */
export function fontSubstitution(dir: string): string | null {
  let installed = '';
  try { installed = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' }); } catch { return null; }
  if (/BIZ UDPGothic/i.test(installed) || !/Noto Sans CJK JP/.test(installed)) return null;
  const file = join(dir, 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>${DOCX_FONT}</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Sans CJK JP</string></edit>
  </match>
</fontconfig>
`);
  return file;
}

/** Converts a .docx to PDF with LibreOffice (its own profile, so parallel runs do not collide). */
export function docxToPdf(docx: Uint8Array, dir: string, name = 'report'): Buffer {
  const src = join(dir, `${name}.docx`);
  writeFileSync(src, docx);
  const profile = join(dir, 'lo-profile');
  const fonts = fontSubstitution(dir);
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, src], {
    stdio: 'pipe', env: fonts ? { ...process.env, FONTCONFIG_FILE: fonts } : process.env,
  });
  return readFileSync(join(dir, `${name}.pdf`));
}

export function pdfOutline(pdf: Uint8Array, dir: string): OutlineItem[] {
  const file = join(dir, 'outline.pdf');
  writeFileSync(file, pdf);
  return parseOutline(execFileSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

export interface PdfResult {
  docx: Uint8Array;
  pdf: Buffer;
  /** Page of each TOC entry (null when they could not be matched: the TOC has no numbers). */
  pages: number[] | null;
  /** Layouts made (2 when the second agreed with the first). */
  passes: number;
}

/** The .docx with the TOC's page numbers from LibreOffice's layout, and that layout as PDF. */
export function reportPdf(model: ReportModel, images: ReadonlyMap<number, DocxImage>): PdfResult {
  const entries = reportBlocks(model).find((b) => b.kind === 'toc')?.entries ?? [];
  const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
  try {
    let docx = reportDocx(model, images);
    let pdf = docxToPdf(docx, dir);
    let pages = tocPages(entries, pdfOutline(pdf, dir));
    let passes = 1;
    // Numbers do not change how many lines the TOC takes, so the second layout normally agrees;
    // a third pass covers the rare case where it does not.
    while (pages && passes < 3) {
      docx = reportDocx(model, images, { tocPages: pages });
      pdf = docxToPdf(docx, dir);
      passes++;
      const again = tocPages(entries, pdfOutline(pdf, dir));
      if (again && again.join() === pages.join()) break;
      pages = again;
    }
    return { docx, pdf, pages, passes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
