// Drives Debian's Chromium (/usr/bin/chromium) with playwright-core against the real sidebar
// (dist/sidebar.html) served by the local harness, google.script.run bridged to the bundle.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startHarness, type Harness } from '../../src/local/harness';
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
  browser = await launchChromium();
  // Google's add-on sidebar is 300 px wide; 720 px is its height on a typical laptop screen.
  page = await browser.newPage({ viewport: { width: 300, height: 720 }, locale: 'ja-JP' });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

/** Whether the element is wholly inside the viewport, as it is on screen now. */
async function inViewport(p: Page, selector: string): Promise<boolean> {
  const box = await p.locator(selector).first().boundingBox();
  const size = p.viewportSize()!;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

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
  expect(await page.textContent('#eval-label')).toMatch(/^令和\d+年度 (年度末|中間)評価/);
  expect(harness.calls).toContain('getOverview');
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-overview.png'), fullPage: true });
});

test('入力チェック lists issues and a click selects the cell', async () => {
  await page.click('#btn-check');
  await page.waitForSelector('.issues li');
  // Errors first, then warnings; the results come into view and the help before them folds away.
  const severities = await page.$$eval('.issues li .chip', (chips) => chips.map((c) => c.textContent));
  expect(severities).toContain('エラー');
  expect(severities).toContain('警告');
  expect(severities.indexOf('警告')).toBeGreaterThan(severities.lastIndexOf('エラー'));
  expect(await page.locator('#panel-main details.help').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await inViewport(page, '#result-h')).toBe(true);
  expect(await page.textContent('.depts')).toContain('学校教育課');
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
  await page.waitForSelector('ul.goals li');
  const rows = await page.$$eval('ul.goals li', (trs) => trs.map((tr) => tr.textContent ?? ''));
  expect(rows.length).toBe(10);
  for (const r of rows) expect(r).toMatch(/良好|概ね良好|良好ではない|評価不能/);
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-aggregate.png'), fullPage: true });
});

test('user text is rendered as text, never as HTML', async () => {
  const injected = await page.evaluate(() => document.querySelectorAll('#result script, #result img').length);
  expect(injected).toBe(0);
});

test('統合 tab: review a suggested group with an explicit goal choice, merge, then undo', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#tab-merge');
  await page.waitForSelector('.merge-group');
  const card = page.locator('.merge-group').first();
  expect(await card.locator('.members li').count()).toBe(2);
  // Similarity in words; the number only in the tooltip.
  const similar = card.locator('h2 .chip').first();
  expect(await similar.textContent()).toMatch(/^(よく似ている|似ている|少し似ている)$/);
  expect(await similar.getAttribute('title')).toMatch(/^類似度 (0\.\d\d|1\.00)/);
  expect(await card.textContent()).not.toMatch(/類似度\s*[01]\.\d/);
  // A typical group is compact: its button is on screen as soon as the tab opens.
  const open = card.locator('button[aria-expanded]');
  expect(await open.textContent()).toBe('統合する…');
  expect(await inViewport(page, '.merge-group >> nth=0 >> button[aria-expanded]')).toBe(true);
  await open.click();
  // The decisions open with 「統合を確定」 in view.
  expect(await inViewport(page, '.merge-group >> nth=0 >> .merge-form button.primary')).toBe(true);
  // Members under different 基本目標: no goal is preselected and a reason is asked for.
  expect(await card.locator('select[aria-label="統合後の基本目標"]').inputValue()).toBe('');
  expect(await card.locator('.warning').first().textContent()).toMatch(/基本目標が異なります/);
  await card.locator('input[aria-label="統合プラン名"]').fill('ホームページの充実（統合）');
  await card.locator('select[aria-label="統合後の基本目標"]').selectOption('9');
  await card.locator('select[aria-label="主担当課"]').selectOption('秘書広報課');
  expect(await card.locator('p.related').textContent()).toMatch(/関係課: 経営課/);
  const confirm = card.locator('.merge-form button.primary');
  await confirm.click();
  // Refused client-side until the reason is typed; the sticky status line is on screen.
  expect(await page.textContent('#status')).toMatch(/理由を入力してください/);
  expect(await inViewport(page, '#status')).toBe(true);
  await card.locator('textarea').fill('市全体の情報発信として電子行政で管理する');
  await confirm.click();
  await page.waitForSelector('#unified-list li');
  expect(await page.textContent('#unified-list')).toContain('U-001 ホームページの充実（統合）');
  expect(await page.textContent('#status')).toMatch(/統合プラン U-001/);
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-merge.png'), fullPage: true });
  const undo = page.locator('#unified-list button.danger');
  await undo.click();
  expect(await undo.textContent()).toBe('もう一度押すと解除します');
  await undo.click();
  await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('統合を解除しました'));
  expect(await page.textContent('#unified-list')).toContain('解除済');
});

test('報告書 tab: creates the report and shows its link and the sharing outcome', async () => {
  await page.click('#tab-report');
  await page.click('#btn-report');
  await page.waitForFunction(() => document.querySelector('#report-result-h')?.textContent === '作成した報告書');
  const open = page.locator('#report-result a.open-button', { hasText: '報告書を開く' });
  const href = await open.getAttribute('href');
  expect(href).toMatch(/^https:\/\/docs\.google\.com\/document\/d\//);
  expect(await open.getAttribute('target')).toBe('_blank');
  expect(await open.getAttribute('rel')).toBe('noopener');
  expect(await inViewport(page, '#report-result a.open-button')).toBe(true);
  // The folder, as a button too.
  expect(await page.getAttribute('#report-result a.open-button.secondary', 'href')).toMatch(/^https:\/\/drive\.google\.com\/drive\/folders\//);
  // The title once, not repeated in the message and a link.
  const name = (await page.textContent('#report-result .doc-name'))!;
  expect(name).toMatch(/進捗状況報告書/);
  expect((await page.textContent('#report-result'))!.split(name).length - 1).toBe(1);
  const outcomes = await page.$$eval('#report-result li', (lis) => lis.map((li) => li.textContent ?? ''));
  expect(outcomes.some((o) => o.includes('失敗') && o.includes('yamada@'))).toBe(true);
  expect(outcomes.filter((o) => o.startsWith('共有済')).length).toBeGreaterThan(0);
  // Failures come first.
  expect(outcomes[0].startsWith('失敗')).toBe(true);
  const failedAt = outcomes.map((o, i) => (o.startsWith('失敗') ? i : -1)).filter((i) => i >= 0);
  expect(failedAt).toEqual(failedAt.map((_, i) => i));
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-report.png'), fullPage: true });

  // Opened again later, the tab shows that report (from 報告書履歴) with the same buttons.
  await page.reload();
  await page.waitForSelector('#overview dd');
  await page.click('#tab-report');
  await page.waitForFunction(() => document.querySelector('#report-result-h')?.textContent === '前回の報告書');
  expect(harness.calls).toContain('getLastReport');
  expect(await page.textContent('#report-result .doc-name')).toBe(name);
  expect(await page.getAttribute('#report-result a.open-button', 'href')).toBe(href);
  expect(await page.textContent('#report-result .warning')).toMatch(/共有できなかった委員: 1名（山田 三郎）/);
  expect(await inViewport(page, '#report-result a.open-button')).toBe(true);
});

test('列の対応 tab: shows each column\'s reading, and a correction is saved with the document', async () => {
  await page.click('#tab-mapping');
  await page.waitForSelector('#mapping-columns select');
  expect(await page.textContent('#mapping-body .summary')).toContain('「プラン・指標」シート: 見出しは1行目、データは2行目からです。');
  const header = session.runtime.spreadsheet.getSheetByName(SHEETS.progress)!.getDataRange().getValues()[0].map(String);
  const select = page.locator(`#mapping-columns select[data-col="${header.indexOf('コメント')}"]`);
  expect(await select.inputValue()).toBe('field:comment');
  await select.selectOption('ignore');
  await page.click('#btn-mapping-save');
  await page.waitForFunction(() => document.querySelector('#mapping-body .summary')?.textContent?.includes('保存した対応'));
  expect(harness.calls).toContain('saveColumnMapping');
  const stored = JSON.parse(session.runtime.globals.PropertiesService.getDocumentProperties().getProperty('columnMapping')!);
  expect(stored.columns).toEqual([expect.objectContaining({ header: 'コメント', role: { kind: 'ignore' } })]);
  expect(await page.locator('#mapping-columns li', { has: page.locator(`select[data-col="${header.indexOf('コメント')}"]`) }).textContent()).toContain('自動では「コメント」');
  await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-mapping.png'), fullPage: true });
  await page.click('#btn-mapping-reset');
  await page.waitForFunction(() => document.querySelector('#mapping-body .summary')?.textContent?.includes('自動で判断'));
  expect(session.runtime.globals.PropertiesService.getDocumentProperties().getProperty('columnMapping')).toBeNull();
});

test('列の対応 tab: a column can be set to a year\'s 自己評価 (the 担当課\'s grade)', async () => {
  await page.waitForSelector('#mapping-columns select');
  const header = session.runtime.spreadsheet.getSheetByName(SHEETS.progress)!.getDataRange().getValues()[0].map(String);
  const select = page.locator(`#mapping-columns select[data-col="${header.indexOf('コメント')}"]`);
  expect(await select.locator('optgroup[label="年度の自己評価（担当課の評価）"] option[value="self:2025"]').textContent()).toBe('令和7年度の自己評価');
  expect(await select.locator('option[value="field:selfAssessment"]').textContent()).toBe('自己評価（評価する年度・時点の）');
  await select.selectOption('self:2025');
  await page.click('#btn-mapping-save');
  await page.waitForFunction(() => document.querySelector('#mapping-body .summary')?.textContent?.includes('保存した対応'));
  const stored = JSON.parse(session.runtime.globals.PropertiesService.getDocumentProperties().getProperty('columnMapping')!);
  expect(stored.columns).toEqual([expect.objectContaining({ header: 'コメント', role: { kind: 'self', year: 2025 } })]);
  expect(await page.locator(`#mapping-columns select[data-col="${header.indexOf('コメント')}"]`).inputValue()).toBe('self:2025');
  await page.click('#btn-mapping-reset');
  await page.waitForFunction(() => document.querySelector('#mapping-body .summary')?.textContent?.includes('自動で判断'));
});
