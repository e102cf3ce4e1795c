// Screenshots of the real sidebar for docs/images (docs/sidebar.md): dist/sidebar.html served by
// the local harness on the sample, in Debian's Chromium at Google's sidebar size (300 × 720),
// each tab as a 事務局 member sees it. Run: npm run build && npx tsx scripts/sidebar-screenshots.ts
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, startHarness } from '../src/local/harness';
import { loadWorkbook } from '../src/local/workbook';
import { openSession } from '../src/local/session';
import { SAMPLE } from '../src/local/cli';

const OUT = resolve(process.argv[2] ?? join(__dirname, '../docs/images'));

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const session = openSession(await loadWorkbook(SAMPLE));
  const harness = await startHarness(session);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 300, height: 720 }, deviceScaleFactor: 2, locale: 'ja-JP' });
    const shot = async (name: string) => {
      await page.mouse.move(299, 0); // no hover highlight in the picture
      await page.screenshot({ path: join(OUT, `sidebar-${name}.png`) });
      console.log(join(OUT, `sidebar-${name}.png`));
    };
    await page.goto(harness.url);
    await page.waitForSelector('#overview dd');
    await shot('overview');
    await page.click('#btn-check');
    await page.waitForSelector('.issues li');
    await shot('check');
    await page.click('#btn-aggregate');
    await page.waitForSelector('ul.goals li');
    await shot('aggregate');
    await page.click('#tab-merge');
    await page.waitForSelector('.merge-group');
    await shot('merge');
    const card = page.locator('.merge-group').first();
    await card.locator('button[aria-expanded]').click();
    await card.locator('input[aria-label="統合プラン名"]').fill('ホームページによる情報発信の充実');
    await card.locator('select[aria-label="統合後の基本目標"]').selectOption('9');
    await card.locator('textarea').fill('市全体の情報発信として電子行政で管理する');
    await card.locator('select[aria-label="主担当課"]').selectOption('秘書広報課');
    await shot('merge-card');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('#tab-report');
    await page.click('#btn-report');
    await page.waitForFunction(() => document.querySelector('#report-result-h')?.textContent === '作成した報告書', undefined, { timeout: 120000 });
    await shot('report');
    // The sidebar opened again later: the tab shows the last report.
    await page.reload();
    await page.waitForSelector('#overview dd');
    await page.click('#tab-report');
    await page.waitForFunction(() => document.querySelector('#report-result-h')?.textContent === '前回の報告書');
    await shot('report-last');
    await page.click('#tab-depts');
    await page.waitForSelector('#depts-list li');
    await shot('depts');
    await page.click('#tab-mapping');
    await page.waitForSelector('#mapping-columns select');
    await shot('mapping');
  } finally {
    await browser.close();
    await harness.close();
  }
}

void main();
