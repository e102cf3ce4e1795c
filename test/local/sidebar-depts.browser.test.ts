// The 担当課 tab of the real sidebar in Debian's Chromium, google.script.run bridged to the bundle:
// 提出状況, the preview of every mail with the quota, sending, and 担当課ごとに保護.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startHarness, type Harness } from '../../src/local/harness';
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession, type AddonSession } from '../../src/local/session';
import { deptGrids } from '../addon/dept-fixture';

const SCREENSHOTS = resolve(__dirname, '../../out/screenshots');
jest.setTimeout(60000);

let browser: Browser;
let harness: Harness;
let session: AddonSession;
let page: Page;

beforeAll(async () => {
  session = openSession(spreadsheetFromGrids('テスト市 進捗管理', deptGrids()));
  harness = await startHarness(session);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 300, height: 1400 }, locale: 'ja-JP' });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

test('担当課 tab: 提出状況, preview with the quota, send, protect', async () => {
  await page.goto(harness.url);
  await page.waitForSelector('#overview dd');
  await page.click('#tab-depts');
  await page.waitForSelector('#depts-list li');
  const list = await page.textContent('#depts-list');
  expect(list).toContain('防災課');
  expect(list).toContain('入力済み 1/2');
  // What needs chasing first: エラーあり, 未着手, 入力中, then 完了.
  const order = ['エラーあり', '未着手', '入力中', '完了', '対象なし'];
  const statuses = await page.$$eval('#depts-list li .chip', (chips) => chips.map((c) => c.textContent ?? ''));
  const ranks = statuses.map((s) => order.indexOf(s));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(new Set(statuses).size).toBeGreaterThan(1);
  expect(await page.textContent('#depts-quota')).toContain('宛先 100 件');
  expect(await page.$eval('#depts-period', (s) => (s as HTMLSelectElement).value)).toBe('2025:year');

  await page.fill('#depts-message', '<b>太字にならない</b>');
  await page.click('#btn-preview-request');
  await page.waitForSelector('#depts-preview details');
  expect(await page.$$eval('#depts-preview details', (d) => d.length)).toBe(2);
  expect(await page.textContent('#depts-preview .summary')).toContain('2 課に入力依頼を送ります（宛先 3 件／今日の残り 100 件）');
  // The message is user text: shown as text in the preview, never as HTML.
  expect(await page.$$eval('#depts-preview pre b', (b) => b.length)).toBe(0);
  expect(await page.textContent('#depts-preview pre')).toContain('<b>太字にならない</b>');
  expect(session.mail.sent).toHaveLength(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-depts-preview.png'), fullPage: true });

  await page.click('#btn-send');
  await page.waitForFunction(() => document.querySelector('#depts-preview .summary')?.textContent?.includes('送信し'));
  expect(session.mail.sent.map((m) => m.to.join(','))).toEqual(['bousai@city.example.lg.jp,bousai2@city.example.lg.jp', 'kosodate@city.example.lg.jp']);
  await page.waitForFunction(() => document.querySelector('#depts-list')?.textContent?.includes('最終依頼'));

  await page.click('#btn-protect');
  await page.waitForSelector('#protect-result li');
  expect(await page.textContent('#protect-result')).toContain('担当課ごとに保護しました');
  expect(session.runtime.spreadsheet.model.protections.length).toBeGreaterThan(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-depts.png'), fullPage: true });
});
