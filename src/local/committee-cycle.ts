// The committee's side of the cycle on the sample, end to end, through the built bundle:
// 委員評価フォーム → the members answer (one of them is not on 委員名簿) → 取り込み → 確定 →
// a department changes a confirmed figure and it is flagged → 年度更新 (and its undo is
// available). Runs on its own copy of the workbook and writes what each step produced to
// DIR/委員会/. `npm run demo` runs it after the main demo.
import { join } from 'node:path';
import { saveWorkbook } from './workbook';
import type { AddonSession } from './session';
import { startCycle } from './cycle';
import type { CheckSummary, CommitteeSummary, ConfirmSummary, FormMailSummary, FormSummary, RolloverSummary } from '../addon/api';
import { MEMBER_CHOICES, SHEET_MEMBER_OPINIONS, SHEET_MEMBER_RATINGS } from '../core/committee';
import { SHEET_CONFIRMED } from '../core/confirm';
import { SHEETS } from '../core/schema';

export interface CommitteeCycleResult {
  session: AddonSession;
  lines: string[];
  files: string[];
}

/**
 * A member's answers: mostly the computed rating, one step stricter on every third goal for the
 * second member, and an opinion on the first goal of each 基本方針 from the chair.
 */
function answersOf(s: AddonSession, formId: string, n: number): Record<string, string> {
  const form = s.forms.forms.get(formId)!;
  const answers: Record<string, string> = {};
  let section = '';
  let goal = 0;
  for (const [i, item] of form.items.entries()) {
    if (item.type === 'PAGE_BREAK' || item.type === 'SECTION_HEADER') section = item.title;
    if (item.type !== 'MULTIPLE_CHOICE') continue;
    const computed = /集計の評価: (\S+?)（/.exec(item.helpText)?.[1] ?? '概ね良好';
    const idx = Math.max(0, MEMBER_CHOICES.indexOf(computed as (typeof MEMBER_CHOICES)[number]));
    const stricter = n === 1 && goal % 3 === 0 ? Math.min(2, idx + 1) : idx;
    answers[item.title] = MEMBER_CHOICES[stricter];
    const next = form.items[i + 1];
    if (n === 0 && next?.type === 'PARAGRAPH_TEXT' && section) {
      answers[next.title] = `${section.replace(/^基本方針\S*\s*/, '')}について、取組の成果を市民にわかりやすく示してください。`;
      section = '';
    }
    goal++;
  }
  return answers;
}

export async function runCommitteeCycle(workbook: string, outDir: string): Promise<CommitteeCycleResult> {
  const { dir, s, lines, files, save } = await startCycle(workbook, outDir, '委員会', '— 委員会とのやりとり（委員評価フォーム → 回答 → 取り込み → 確定 → 確定後の変更 → 年度更新）—');

  const deadline = new Date(Date.now() + 14 * 86400000 + 9 * 3600000).toISOString().slice(0, 10);
  const form = s.run('createMemberForm', deadline).result as FormSummary;
  lines.push(`1. 委員評価フォームを作成: ${form.message}`);
  const mail = s.run('sendMemberForm').result as FormMailSummary;
  save('委員評価フォーム送信メール.json', s.mail.sent.map((m) => ({ to: m.to, subject: m.subject, body: m.body })));
  lines.push(`2. ${mail.message}`);

  const stored = [...s.forms.forms.values()][0];
  [...stored.publishedReaders].forEach((email, n) => {
    // Two members have not answered yet.
    if (n >= stored.publishedReaders.size - 2) return;
    s.forms.respond(stored.id, email, answersOf(s, stored.id, n));
  });
  // Someone let in by hand on the form, not on 委員名簿: not counted.
  stored.publishedReaders.add('guest@example.jp');
  s.forms.respond(stored.id, 'guest@example.jp', answersOf(s, stored.id, 2));
  save('委員評価フォーム.json', {
    title: stored.title, description: stored.description,
    items: stored.items.map((i) => ({ type: i.type, title: i.title, help: i.helpText, required: i.required, choices: i.choices })),
  });
  lines.push(`3. 委員の回答: ${stored.responses.length} 件（うち委員名簿にないアドレス 1 件）`);

  const imported = s.run('importMemberRatings').result as CommitteeSummary;
  save('委員評価.json', s.sheetRecords(SHEET_MEMBER_RATINGS));
  save('委員意見.json', s.sheetRecords(SHEET_MEMBER_OPINIONS));
  lines.push(`4. 取り込み: ${imported.message}`);
  if (imported.missing.length) lines.push(`   未回答: ${imported.missing.join('、')}`);

  const confirmed = s.run('confirmPeriod').result as ConfirmSummary;
  save('確定値.json', s.sheetRecords(SHEET_CONFIRMED));
  lines.push(`5. 確定: ${confirmed.message}`);

  // A department corrects a confirmed figure afterwards.
  const progress = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const header = progress.getRange(1, 1, 1, progress.getLastColumn()).getValues()[0].map(String);
  const col = header.indexOf('令和4年度実績') + 1;
  const before = String(progress.getRange(2, col).getDisplayValue());
  progress.getRange(2, col).setValue('1,100件');
  const check = s.run('runCheck').result as CheckSummary;
  const flagged = check.issues.filter((i) => i.message.includes('確定済み'));
  lines.push(`6. 確定後に ${progress.getRange(2, col).getA1Notation()} を「${before}」→「1,100件」に変更: 入力チェックの警告 ${flagged.length} 件`);
  if (flagged[0]) lines.push(`   「${flagged[0].message.slice(0, 90)}…」`);
  s.run('runAggregate');
  save('変更履歴.json', s.sheetRecords(SHEETS.changes));

  // Next spring: the year is rolled over (the sample keeps columns up to 令和6年度 already).
  const rollover = s.run('runRollover').result as RolloverSummary;
  lines.push(`7. 年度更新: ${rollover.message}`);

  const saved = join(dir, '委員会サイクル.xlsx');
  await saveWorkbook(s.runtime.spreadsheet, saved);
  files.push(saved);
  lines.push(`出力: ${dir}/（委員評価フォーム.json、委員評価.json、委員意見.json、確定値.json、変更履歴.json、委員会サイクル.xlsx ほか）`);
  return { session: s, lines, files };
}
