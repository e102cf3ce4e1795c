// The real sidebar at Google's sidebar size (300 × 720) in Debian's Chromium, on the sample with
// a long plan name and markup typed into cells: every tab fits the width (no horizontal scroll),
// tab labels and codes stay whole, and what people typed is shown as text, never as HTML.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startHarness, type Harness } from '../../src/local/harness';
import { loadWorkbook } from '../../src/local/workbook';
import { openSession, type AddonSession } from '../../src/local/session';
import { SAMPLE } from '../../src/local/cli';
import { SHEETS } from '../../src/core/schema';

jest.setTimeout(60000);

const LONG_NAME = '<img src=x onerror="document.body.dataset.injected=1">第5次須賀川市地域情報化計画（令和5年度〜令和13年度）デジタル・トランスフォーメーション推進編';
const MARKUP_PLAN = 'ホームページの充実<b id="injected">強調</b>';

let browser: Browser;
let harness: Harness;
let session: AddonSession;
let page: Page;

function setCell(sheetName: string, find: (row: unknown[]) => boolean, col: number, value: string): void {
  const sheet = session.runtime.spreadsheet.getSheetByName(sheetName)!;
  const rows = sheet.getDataRange().getValues();
  const r = rows.findIndex(find);
  if (r < 0) throw new Error(`no such row on ${sheetName}`);
  sheet.getRange(r + 1, col + 1).setValue(value);
}

beforeAll(async () => {
  session = openSession(await loadWorkbook(SAMPLE));
  setCell(SHEETS.settings, (r) => r[0] === '計画名', 1, LONG_NAME);
  setCell(SHEETS.progress, (r) => r[0] === '9-3', 4, MARKUP_PLAN);
  harness = await startHarness(session);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 300, height: 720 }, locale: 'ja-JP' });
  await page.goto(harness.url);
  await page.waitForSelector('#overview dd');
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

interface Layout {
  pageWidth: number;
  /** Elements whose content is wider than their box (clipped or scrolling sideways). */
  wide: string[];
  /** Codes (plan IDs, cells, dates) broken over two lines. */
  brokenCodes: string[];
  /** Tab labels on more than one line. */
  wrappedTabs: string[];
}

/** Measures the visible panel as laid out now. */
function layout(p: Page): Promise<Layout> {
  return p.evaluate(() => {
    const visible = (e: Element) => (e as HTMLElement).offsetParent !== null;
    const lineHeight = (e: Element) => parseFloat(getComputedStyle(e).lineHeight);
    const describe = (e: Element) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`;
    return {
      pageWidth: document.documentElement.scrollWidth,
      wide: Array.from(document.querySelectorAll('.card, .card *:not(select):not(input):not(textarea):not(option):not(.subtitle > span)'))
        .filter((e) => visible(e) && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
        .map(describe),
      brokenCodes: Array.from(document.querySelectorAll('.code')).filter((e) => visible(e) && e.getClientRects().length > 1).map(describe),
      wrappedTabs: Array.from(document.querySelectorAll('.tabs button'))
        .filter((e) => (e as HTMLElement).getBoundingClientRect().height > 2 * lineHeight(e) + 12).map(describe),
    };
  });
}

async function expectFits(): Promise<void> {
  const l = await layout(page);
  expect(l.pageWidth).toBeLessThanOrEqual(300);
  expect(l.wide).toEqual([]);
  expect(l.brokenCodes).toEqual([]);
  expect(l.wrappedTabs).toEqual([]);
  // Every box inside the 300 px width.
  const overflowing = await page.evaluate(() => Array.from(document.querySelectorAll('main *'))
    .filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().right > 300.5)
    .map((e) => `${e.tagName}.${e.className}`));
  expect(overflowing).toEqual([]);
}

async function expectNoMarkup(): Promise<void> {
  expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
  expect(await page.locator('#injected').count()).toBe(0);
  expect(await page.locator('main img, header img').count()).toBe(0);
}

test('header: the plan name and the period each on one line, the name as typed (text, not HTML)', async () => {
  const name = page.locator('#plan-name');
  expect(await name.textContent()).toBe(LONG_NAME);
  expect(await name.getAttribute('title')).toBe(LONG_NAME);
  for (const sel of ['#plan-name', '#eval-label']) {
    const box = (await page.locator(sel).boundingBox())!;
    expect(box.height).toBeLessThan(24);
    expect(box.x + box.width).toBeLessThanOrEqual(300);
  }
  await expectNoMarkup();
  await expectFits();
});

test('チェック・集計 tab fits 300 px after 入力チェック and 集計', async () => {
  // Held back a moment so the busy state can be seen: buttons disabled, the pressed one spinning.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/rpc/runCheck', async (route) => {
    await held;
    await route.continue();
  });
  await page.click('#btn-check');
  await page.waitForSelector('#status.busy');
  expect(await page.textContent('#status')).toMatch(/チェックしています/);
  expect(await page.isDisabled('#btn-aggregate')).toBe(true);
  expect(await page.isDisabled('#btn-check')).toBe(true);
  expect(await page.getAttribute('#btn-check', 'class')).toMatch(/\bbusy\b/);
  expect(await page.getAttribute('main', 'aria-busy')).toBe('true');
  release();
  await page.waitForSelector('.issues li');
  await page.unroute('**/rpc/runCheck');
  expect(await page.isEnabled('#btn-aggregate')).toBe(true);
  expect(await page.getAttribute('#btn-check', 'class')).not.toMatch(/\bbusy\b/);
  expect(await page.getAttribute('main', 'aria-busy')).toBeNull();
  // Focus moves to the results for keyboard and screen-reader users.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-h');
  await expectFits();
  await page.click('#btn-aggregate');
  await page.waitForSelector('ul.goals li');
  // Goal codes are codes too.
  expect(await page.locator('ul.goals .code').count()).toBe(10);
  await expectFits();
});

test('統合 tab fits, and a plan name with markup is shown as typed', async () => {
  await page.click('#tab-merge');
  await page.waitForSelector('.merge-group');
  const member = page.locator('.members li', { hasText: '9-3' }).first();
  expect(await member.textContent()).toContain(MARKUP_PLAN);
  // Plan IDs in the members and in the reasons are kept whole.
  expect(await page.locator('.merge-group .members .code').count()).toBeGreaterThan(3);
  await expectNoMarkup();
  await expectFits();
  await page.locator('.merge-group').first().locator('button[aria-expanded]').click();
  await expectFits();
});

test('報告書 tab fits with the report shown', async () => {
  await page.click('#tab-report');
  await page.click('#btn-report');
  await page.waitForSelector('#report-result a.open-button');
  expect(await page.textContent('#report-result .doc-name')).toContain(LONG_NAME.slice(0, 40));
  await expectNoMarkup();
  await expectFits();
});

test('担当課 and 列の対応 tabs fit; departments with errors are listed first', async () => {
  await page.click('#tab-depts');
  await page.waitForSelector('#depts-list li');
  const order = ['エラーあり', '未着手', '入力中', '完了', '対象なし'];
  const ranks = await page.$$eval('#depts-list li .chip', (chips) => chips.map((c) => c.textContent ?? ''));
  expect(ranks[0]).toBe('エラーあり');
  // Complete departments fold under one line while others still need chasing.
  const done = ranks.filter((r) => r === '完了' || r === '対象なし').length;
  expect(done).toBeGreaterThan(0);
  expect(await page.textContent('#depts-list details.settled > summary')).toBe(`完了・対象なしの課（${done}）`);
  expect(await page.locator('#depts-list details.settled').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await page.locator('#depts-list > li:not(.settled-group)').count()).toBe(ranks.length - done);
  expect(ranks.map((r) => order.indexOf(r))).toEqual(ranks.map((r) => order.indexOf(r)).sort((a, b) => a - b));
  await expectFits();
  await page.click('#tab-mapping');
  await page.waitForSelector('#mapping-columns select');
  await expectFits();
});

test('tabs work from the keyboard with a visible focus ring', async () => {
  await page.focus('#tab-mapping');
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-main');
  expect(await page.getAttribute('#tab-main', 'aria-selected')).toBe('true');
  expect(await page.isHidden('#panel-mapping')).toBe(true);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('ArrowLeft');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-mapping');
  // Only the selected tab is in the Tab order.
  expect(await page.$$eval('.tabs button', (bs) => bs.map((b) => (b as HTMLElement).tabIndex))).toEqual([-1, -1, -1, -1, 0]);
});
