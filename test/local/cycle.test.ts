// The departments' cycle of `npm run demo` on the sample: 入力依頼 → entries by two departments
// (one on time, one late) → 提出状況 → 督促 → 集計, through the built bundle.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCycle } from '../../src/local/cycle';

test('demo cycle: one request per department, the late one reminded, the complete one not, protections hold', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cycle-'));
  const { session: s, lines } = await runCycle(join(__dirname, '../../samples/sukagawa.xlsx'), out);
  const read = (f: string) => JSON.parse(readFileSync(join(out, '担当課', f), 'utf8'));
  const requests = read('入力依頼メール.json') as { to: string[]; subject: string; body: string }[];
  const reminders = read('督促メール.json') as { to: string[]; subject: string; body: string }[];
  // One mail per department with rows to fill and an address, each to that department only.
  expect(new Set(requests.map((m) => m.to.join())).size).toBe(requests.length);
  expect(requests.every((m) => m.to.length === 1 && /^dept\d\d@city\.sukagawa\.example\.jp$/.test(m.to[0]))).toBe(true);
  expect(requests.every((m) => m.subject.startsWith('【入力依頼】'))).toBe(true);
  const shoko = requests.find((m) => m.body.startsWith('商工課 ご担当者様'))!;
  expect(shoko.body).toContain('■ 入力が必要な項目（6件）');
  // 商工課 filled everything: no reminder; 情報政策課 filled 4 of 10: reminded of the other 6.
  expect(reminders.some((m) => m.body.startsWith('商工課'))).toBe(false);
  const joho = reminders.find((m) => m.body.startsWith('情報政策課 ご担当者様'))!;
  expect(joho.subject).toMatch(/^【再依頼】/);
  expect(joho.body).toContain('（10件中4件入力済み）');
  expect(joho.body).toContain('■ 入力が必要な項目（6件）');
  expect(reminders).toHaveLength(requests.length - 1);
  const status = read('提出状況.json') as { rows: Record<string, unknown>[] };
  expect(status.rows.find((r) => r['担当課'] === '商工課')).toMatchObject({ 状態: '完了', 入力済み: 6 });
  expect(status.rows.find((r) => r['担当課'] === '情報政策課')).toMatchObject({ 状態: '入力中', 入力済み: 4, 対象: 10 });
  const history = read('入力依頼履歴.json') as { rows: Record<string, unknown>[] };
  expect(history.rows.filter((r) => r['種別'] === '入力依頼' && r['結果'] === '送信')).toHaveLength(requests.length);
  expect(history.rows.some((r) => r['担当課'] === '議会事務局' && String(r['結果']).includes('メールアドレスがありません'))).toBe(true);
  expect(lines.some((l) => l.includes('書き換えようとすると拒否'))).toBe(true);
  expect(s.triggers.triggers).toHaveLength(1);
  expect((read('目標別評価.json') as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
});
