// The demo's committee cycle on the sample: every step happens through the bundle, in order.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommitteeCycle } from '../../src/local/committee-cycle';
import { SAMPLE } from '../../src/local/cli';
import { SHEET_CONFIRMED } from '../../src/core/confirm';
import { SHEET_MEMBER_RATINGS } from '../../src/core/committee';

test('form → answers → 取り込み → 確定 → a changed figure flagged → 年度更新', async () => {
  const out = mkdtempSync(join(tmpdir(), 'committee-'));
  const { session, lines, files } = await runCommitteeCycle(SAMPLE, out);
  expect(lines.map((l) => l.slice(0, 2))).toEqual(expect.arrayContaining(['1.', '2.', '3.', '4.', '5.', '6.', '7.']));
  expect(lines.find((l) => l.startsWith('4.'))).toContain('委員名簿にないアドレスからの回答 1 件は集計していません');
  expect(lines.find((l) => l.startsWith('6.'))).toContain('入力チェックの警告 1 件');
  expect(session.sheetRecords(SHEET_MEMBER_RATINGS)?.rows.length).toBeGreaterThan(0);
  expect(session.sheetRecords(SHEET_CONFIRMED)?.rows.length).toBe(58);
  expect(session.sheetRecords('変更履歴')?.rows.some((r) => String(r['項目']).endsWith('（確定後）'))).toBe(true);
  expect(files.some((f) => f.endsWith('委員会サイクル.xlsx'))).toBe(true);
});
