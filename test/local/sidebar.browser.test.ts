// Drives Debian's Chromium (/usr/bin/chromium) with playwright-core against the real sidebar
// (dist/sidebar.html) served by the local harness, google.script.run bridged to the bundle.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHarness, type Harness } from '../../src/local/harness';
import { loadWorkbook } from '../../src/local/workbook';
import { openSession, type AddonSession } from '../../src/local/session';
import { SAMPLE } from '../../src/local/cli';
import { SHEETS } from '../../src/core/schema';

const SCREENSHOTS = resolve(__dirname, '../../out/screenshots');
jest.setTimeout(60000);

let browser: Browser;
let harness: Harness;
let session: AddonSession;
let page: Page;

beforeAll(async () => {
  session = openSession(await loadWorkbook(SAMPLE));
  harness = await startHarness(session);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Google's add-on sidebar is 300 px wide.
  page = await browser.newPage({ viewport: { width: 300, height: 900 }, locale: 'ja-JP' });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

test('opens the sidebar and shows the overview from the server', async () => {
  await page.goto(harness.url);
  await page.waitForSelector('#overview dd');
  const stats = await page.$$eval('#overview div', (divs) =>
    divs.map((d) => [d.querySelector('dt')!.textContent, Number(d.querySelector('dd')!.textContent)]));
  const byLabel = Object.fromEntries(stats);
  expect(byLabel['プラン']).toBeGreaterThanOrEqual(40);
  expect(byLabel['成果指標']).toBeGreaterThan(byLabel['プラン']);
  expect(await page.textContent('#plan-name')).toContain('須賀川市');
  expect(harness.calls).toContain('getOverview');
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-overview.png'), fullPage: true });
});

test('入力チェック lists issues and a click selects the cell', async () => {
  await page.click('#btn-check');
  await page.waitForSelector('.issues li');
  const first = await page.textContent('.issues li .where');
  expect(first).toMatch(/^.+![A-Z]+\d+$/);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/rpc/selectCell')),
    page.click('.issues li button'),
  ]);
  expect(harness.calls).toContain('selectCell');
  const [sheet, cell] = first!.split('!');
  const active = session.runtime.spreadsheet.getActiveRange();
  expect(active?.getSheet().getName()).toBe(sheet);
  expect(active?.getA1Notation()).toBe(cell);
  expect(session.runtime.spreadsheet.getSheetByName(SHEETS.checks)).not.toBeNull();
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-check.png'), fullPage: true });
});

test('集計 renders the goal ratings', async () => {
  await page.click('#btn-aggregate');
  await page.waitForSelector('table.goals tbody tr');
  const rows = await page.$$eval('table.goals tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
  expect(rows.length).toBe(10);
  for (const r of rows) expect(r).toMatch(/良好|概ね良好|良好ではない|評価不能/);
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-aggregate.png'), fullPage: true });
});

test('user text is rendered as text, never as HTML', async () => {
  const injected = await page.evaluate(() => document.querySelectorAll('#result script, #result img').length);
  expect(injected).toBe(0);
});
