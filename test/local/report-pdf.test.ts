// The PDF of the report (LibreOffice) gets TOC page numbers from its own layout: the outline of
// the PDF says where each heading landed, the TOC's cached numbers say the same.
import { aggregate, NO_OVERRIDES } from '../../src/core/aggregate';
import { buildReport, reportBlocks } from '../../src/core/report';
import { chartImages } from '../../src/local/chart-png';
import { fontSubstitution, parseOutline, pdfOutline, reportPdf, tocPages } from '../../src/local/report-pdf';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { SEED004_GOALS, seed004 } from '../core/fixtures';

const OUTLINE = `<?xml version="1.0"?><pdf2xml><outline>
<item page="3">総括</item>
<outline><item page="3">基準値から後退した指標（5件）</item></outline>
<item page="4">評価の概要</item>
<outline><item page="4">評価の方法</item><item page="5">基本目標の評価</item></outline>
<item page="7">基本方針1　市民生活 &amp; ICT</item>
<outline><item page="7">基本目標1　子育て</item><outline><item page="7">プランの進捗</item></outline><item page="7">委員からの提言</item></outline>
<item page="9">資料</item>
<outline><item page="9">委員からの提言</item></outline>
</outline><page number="1"></page></pdf2xml>`;

describe('TOC pages from the PDF outline', () => {
  const outline = parseOutline(OUTLINE);

  test('the outline as levels, texts and pages', () => {
    expect(outline.slice(0, 3)).toEqual([
      { level: 1, text: '総括', page: 3 },
      { level: 2, text: '基準値から後退した指標（5件）', page: 3 },
      { level: 1, text: '評価の概要', page: 4 },
    ]);
    expect(outline.find((o) => o.page === 7 && o.level === 1)!.text).toBe('基本方針1　市民生活 & ICT');
  });

  test('entries match in order (a repeated heading takes the next one), level 3 items skipped', () => {
    const entries = [
      { level: 1, text: '総括' }, { level: 1, text: '評価の概要' }, { level: 2, text: '評価の方法' }, { level: 2, text: '基本目標の評価' },
      { level: 1, text: '基本方針1 市民生活 & ICT' }, { level: 2, text: '基本目標1 子育て' }, { level: 2, text: '委員からの提言' }, { level: 1, text: '資料' }, { level: 2, text: '委員からの提言' },
    ];
    expect(tocPages(entries, outline)).toEqual([3, 4, 4, 5, 7, 7, 7, 9, 9]);
  });

  test('an entry missing from the outline gives no numbers rather than wrong ones', () => {
    expect(tocPages([{ level: 1, text: '総括' }, { level: 1, text: 'ない見出し' }], outline)).toBeNull();
  });
});

describe('LibreOffice layout (soffice, pdftohtml)', () => {
  test('the TOC numbers cached in the .docx are the pages where the PDF has the headings', async () => {
    const d = seed004();
    d.hierarchy = [
      { level: '基本方針', code: 'P1', name: '市民生活', text: '', parentCode: '' },
      ...SEED004_GOALS.map((g) => ({ ...g, parentCode: 'P1' })),
    ];
    const m = buildReport(d, aggregate(d, { overrides: NO_OVERRIDES }), { now: new Date('2026-11-21T05:05:00Z') });
    const r = reportPdf(m, chartImages(m));
    const entries = reportBlocks(m).find((b) => b.kind === 'toc')!.entries;
    expect(r.pages).toHaveLength(entries.length);
    expect(r.pages).toEqual(tocPages(entries, pdfOutline(r.pdf, mkdtempSync(join(tmpdir(), 'outline-')))));
    // 総括 follows the cover and the TOC page.
    expect(r.pages![0]).toBe(3);
    const xml = await (await JSZip.loadAsync(r.docx)).file('word/document.xml')!.async('string');
    const cached = [...xml.matchAll(/PAGEREF _Toc\d+ \\h <\/w:instrText><\/w:r><w:r><w:fldChar w:fldCharType="separate"\/><\/w:r><w:r><w:t xml:space="preserve">(\d+)<\/w:t>/g)].map((x) => Number(x[1]));
    expect(cached).toEqual(r.pages);
  }, 120000);
});

test('without BIZ UDPGothic, LibreOffice draws the report font with Noto Sans CJK JP for every language (en-US runs too)', () => {
  const families = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'fonts-'));
  const conf = fontSubstitution(dir);
  if (/BIZ UDPGothic/i.test(families) || !/Noto Sans CJK JP/.test(families)) {
    // The real font is there (or no Japanese font to put in its place): fontconfig is left alone.
    expect(conf).toBeNull();
    return;
  }
  expect(conf).not.toBeNull();
  const env = { ...process.env, FONTCONFIG_FILE: conf! };
  // What LibreOffice asks fontconfig for a run tagged en-US and one tagged ja-JP.
  for (const lang of ['en', 'ja']) {
    expect(execFileSync('fc-match', ['-f', '%{family}', `BIZ UDPGothic:lang=${lang}`], { encoding: 'utf8', env })).toContain('Noto Sans CJK JP');
  }
  // Other families still resolve as the system says.
  expect(execFileSync('fc-match', ['-f', '%{family}', 'DejaVu Sans'], { encoding: 'utf8', env })).toContain('DejaVu Sans');
});
