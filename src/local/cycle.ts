// The departments' side of the cycle on the sample, end to end, through the built bundle:
// 担当課 addresses → 担当課ごとに保護 → 入力依頼 → entries by two departments (one on time, one
// late; a try at another department's row is refused) → 提出状況 → 督促 → 集計 of the new year.
// Runs on its own copy of the workbook (the main demo's results stay those of the sample as is)
// and writes what each step produced to DIR/担当課/. `npm run demo` runs it after the main demo.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkbook, saveWorkbook } from './workbook';
import { openSession, type AddonSession } from './session';
import type { ProtectSummary, RequestsOverview, SendResult } from '../addon/api';
import type { CellValue } from '../core/model';
import { SHEETS } from '../core/schema';

export const CYCLE_PERIOD = '2023:year';
const ON_TIME = '商工課';
const LATE = '情報政策課';
/** Departments left without an address, to show what happens then. */
const NO_ADDRESS = '議会事務局';

export interface CycleResult {
  session: AddonSession;
  lines: string[];
  files: string[];
}

function isoInDays(n: number): string {
  return new Date(Date.now() + (n * 24 + 9) * 3600000).toISOString().slice(0, 10);
}

/** Example addresses: dept01@…, dept02@… in the order of 担当課 (the sample has none). */
function giveAddresses(s: AddonSession): Record<string, string> {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.departments)!;
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const out: Record<string, string> = {};
  const column = values.map((r, i) => {
    if (i === 0) return ['メール'];
    const name = String(r[0] ?? '');
    if (!name || name === NO_ADDRESS) return [''];
    const email = `dept${String(i).padStart(2, '0')}@city.sukagawa.example.jp`;
    out[name] = email;
    return [email];
  });
  sheet.getRange(1, 3, column.length, 1).setValues(column);
  return out;
}

/** The 令和5年度実績 cells of a department's rows, with the 令和4年度 figure typed again (a plausible entry). */
function typeEntries(s: AddonSession, dept: string, email: string, share: number, lines: string[]): void {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const values = sheet.getDataRange().getDisplayValues();
  const header = values[0];
  const colMain = header.indexOf('主担当課');
  const colPrev = header.indexOf('令和4年度実績');
  const colNow = header.indexOf('令和5年度実績');
  let lastDept = '';
  const rows: number[] = [];
  values.forEach((r, i) => {
    if (i === 0) return;
    if (r[colMain]) lastDept = r[colMain].split(/[、,]/)[0];
    if (lastDept === dept) rows.push(i);
  });
  const todo = rows.slice(0, Math.ceil(rows.length * share));
  s.asUser(email, () => {
    for (const i of todo) sheet.getRange(i + 1, colNow + 1).setValue(values[i][colPrev] || '取得不可');
  });
  lines.push(`  ${dept}（${email}）が ${rows.length} 行中 ${todo.length} 行を入力`);
}

/** A demo cycle's start: its own copy of the workbook, its output folder, and a JSON writer. */
export async function startCycle(workbook: string, outDir: string, folder: string, title: string) {
  const dir = join(outDir, folder);
  mkdirSync(dir, { recursive: true });
  const s = openSession(await loadWorkbook(workbook));
  const lines: string[] = [title];
  const files: string[] = [];
  const save = (name: string, data: unknown): void => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
    files.push(file);
  };
  return { dir, s, lines, files, save };
}

export async function runCycle(workbook: string, outDir: string): Promise<CycleResult> {
  const { dir, s, lines, files, save } = await startCycle(workbook, outDir, '担当課', '— 担当課とのやりとり（入力依頼 → 入力 → 提出状況 → 督促 → 集計）—');

  const addresses = giveAddresses(s);
  lines.push(`1. 「担当課」シートに連絡先を入力（${Object.keys(addresses).length} 課。${NO_ADDRESS} はアドレスなし）`);

  const prot = s.run('protectDepartments').result as ProtectSummary;
  save('保護.json', prot);
  lines.push(`2. 担当課ごとに保護: ${prot.message}`);

  const deadline = isoInDays(14);
  const preview = s.run('previewRequests', { period: CYCLE_PERIOD, deadline, message: '今年度から、実績が取れない場合は理由をコメント欄にお書きください。', kind: 'request' }).result as {
    mails: unknown[]; recipients: number; quota: number; skipped: { department: string }[];
  };
  lines.push(`3. 入力依頼の確認: ${preview.mails.length} 課へ（宛先 ${preview.recipients} 件／今日の残り ${preview.quota} 件、送らない課: ${preview.skipped.map((x) => x.department).join('、') || 'なし'}）`);
  const sent = s.run('sendRequests', { period: CYCLE_PERIOD, deadline, message: '今年度から、実績が取れない場合は理由をコメント欄にお書きください。', kind: 'request' }).result as SendResult;
  save('入力依頼メール.json', s.mail.sent.map((m) => ({ to: m.to, subject: m.subject, body: m.body })));
  lines.push(`   ${sent.message}`);

  lines.push('4. 担当課の入力（スプレッドシートに直接）');
  typeEntries(s, ON_TIME, addresses[ON_TIME], 1, lines);
  typeEntries(s, LATE, addresses[LATE], 0.4, lines);
  const progress = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  try {
    s.asUser(addresses[ON_TIME], () => progress.getRange(2, 1).setValue('書き換え'));
    lines.push(`  （注意: ${ON_TIME}が他課の行を書き換えられました）`);
  } catch (e) {
    lines.push(`  ${ON_TIME}が他課の行（2行目）を書き換えようとすると拒否: ${(e as Error).message}`);
  }

  const status = s.run('getDepartmentStatus', CYCLE_PERIOD).result as RequestsOverview;
  save('提出状況.json', s.sheetRecords(SHEETS.submissions));
  const done = status.departments.filter((d) => d.complete).map((d) => d.department);
  const partial = status.departments.filter((d) => !d.complete && d.filled > 0).map((d) => `${d.department} ${d.filled}/${d.expected}`);
  lines.push(`5. 提出状況（${status.periodLabel}）: 完了 ${done.join('、') || 'なし'}／入力中 ${partial.join('、') || 'なし'}／未着手 ${status.departments.filter((d) => d.filled === 0 && d.expected > 0).length} 課`);

  const before = s.mail.sent.length;
  const remind = s.run('sendRequests', { period: CYCLE_PERIOD, deadline, message: '', kind: 'remind' }).result as SendResult;
  save('督促メール.json', s.mail.sent.slice(before).map((m) => ({ to: m.to, subject: m.subject, body: m.body })));
  const late = s.mail.sent.slice(before).find((m) => m.to.includes(addresses[LATE]));
  lines.push(`6. 督促: ${remind.message}（${ON_TIME}には送らず、${LATE}には「${late?.body.split('\n')[3] ?? ''}」）`);

  s.run('setAutoRemind', { period: CYCLE_PERIOD, deadline, daysBefore: 3, message: '' });
  lines.push(`   自動督促: 毎朝のトリガー ${s.triggers.triggers.length} 件（期限の 3 日前に未完了の課へ 1 回送信し、削除されます）`);
  save('入力依頼履歴.json', s.sheetRecords(SHEETS.requestHistory));

  // The 事務局 moves the evaluation to the new year and aggregates.
  const settings = s.runtime.spreadsheet.getSheetByName(SHEETS.settings)!;
  const sv = settings.getDataRange().getValues();
  const yearRow = sv.findIndex((r) => r[0] === '評価年度');
  if (yearRow >= 0) settings.getRange(yearRow + 1, 2).setValue('令和5年度');
  s.run('menuAggregate');
  const goals = s.sheetRecords(SHEETS.goals);
  save('目標別評価.json', goals);
  const ratings = new Map<string, number>();
  for (const g of goals?.rows ?? []) ratings.set(String(g['採用評価']), (ratings.get(String(g['採用評価'])) ?? 0) + 1);
  lines.push(`7. 集計（評価年度を令和5年度に変更）: 基本目標 ${goals?.rows.length ?? 0} 件（${[...ratings].map(([k, n]) => `${k} ${n}`).join('、')}）`);

  const saved = join(dir, '担当課サイクル.xlsx');
  await saveWorkbook(s.runtime.spreadsheet, saved);
  files.push(saved);
  lines.push(`出力: ${dir}/（入力依頼メール.json、督促メール.json、提出状況.json、入力依頼履歴.json、保護.json、目標別評価.json、担当課サイクル.xlsx）`);
  return { session: s, lines, files };
}
