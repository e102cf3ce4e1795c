// 委員評価フォーム and 委員評価の取り込み through the built bundle on the sample workbook: the form's
// structure per goal, members answering (and someone who is not a member), consensus, spread,
// ties and the 採用 marks people typed on 委員意見 surviving a second import.
import { records, sampleSession } from './helpers';
import { SHEET_MEMBER_OPINIONS, SHEET_MEMBER_RATINGS } from '../../src/core/committee';
import type { CommitteeSummary, FormSummary } from '../../src/addon/api';
import type { AddonSession } from '../../src/local/session';

function createForm(session: AddonSession, deadline = ''): FormSummary {
  return session.run('createMemberForm', deadline).result as FormSummary;
}

function formOf(session: AddonSession) {
  const forms = [...session.forms.forms.values()];
  expect(forms).toHaveLength(1);
  return forms[0];
}

describe('委員評価フォームを作成', () => {
  test('one section per 基本方針; per goal a required rating with the three choices and an opinion box', () => {
    const session = sampleSession();
    const goals = (session.run('runAggregate').result as { goals: { code: string; rating: string }[] }).goals;
    const summary = createForm(session, '2026-02-15');
    expect(summary.reused).toBe(false);
    expect(summary.questions).toBe(goals.length);
    // 7 members: 共有の要否 要 with a valid address (yamada@ is invalid, 架空 四郎 is 不要).
    expect(summary.members).toBe(7);
    const f = formOf(session);
    expect(f.published).toBe(true);
    expect(f.collectEmail && f.limitOne && f.allowEdits).toBe(true);
    expect(f.publishedReaders.has('iinchou@example.jp')).toBe(true);
    expect(f.publishedReaders.size).toBe(7);
    expect(f.publishedReaders.has('chonaikai@example.jp')).toBe(false);
    expect(f.description).toContain('2026-02-15');
    const sections = f.items.filter((i) => i.type === 'PAGE_BREAK' || i.type === 'SECTION_HEADER');
    expect(sections[0].type).toBe('SECTION_HEADER');
    expect(sections.map((s) => s.title).every((t) => t.startsWith('基本方針'))).toBe(true);
    const questions = f.items.filter((i) => i.type === 'MULTIPLE_CHOICE');
    expect(questions).toHaveLength(goals.length);
    for (const [i, q] of questions.entries()) {
      expect(q.title).toContain(`基本目標${goals[i].code}`);
      expect(q.required).toBe(true);
      expect(q.choices).toEqual(['良好', '概ね良好', '良好ではない']);
      expect(q.helpText).toContain(`集計の評価: ${goals[i].rating}`);
      // The opinion box follows its question.
      const next = f.items[f.items.indexOf(q) + 1];
      expect(next.type).toBe('PARAGRAPH_TEXT');
      expect(next.required).toBe(false);
    }
  });

  test('a second run for the same period reuses the form', () => {
    const session = sampleSession();
    const first = createForm(session);
    const second = createForm(session);
    expect(second.reused).toBe(true);
    expect(second.url).toBe(first.url);
    expect(session.forms.forms.size).toBe(1);
  });

  test('without any member address it refuses and creates nothing', () => {
    const session = sampleSession((g) => {
      for (const row of g['委員名簿'].slice(1)) row[2] = '';
    });
    expect(() => session.bundle.call('createMemberForm', '')).toThrow('メールアドレスのある委員がいません');
    expect(session.forms.forms.size).toBe(0);
  });

  test('a deadline that is not a date is refused with what to type', () => {
    const session = sampleSession();
    expect(() => session.bundle.call('createMemberForm', '来週')).toThrow('2026-02-15 のように');
  });
});

describe('委員評価を取り込む', () => {
  function answerAll(session: AddonSession, choose: (email: string, goal: string, i: number) => string, opinion?: (email: string, goal: string) => string) {
    const f = formOf(session);
    const questions = f.items.filter((i) => i.type === 'MULTIPLE_CHOICE');
    const emails = [...f.publishedReaders];
    emails.forEach((email, n) => {
      const answers: Record<string, string> = {};
      for (const q of questions) {
        const code = /基本目標(\S+)/.exec(q.title)![1];
        answers[q.title] = choose(email, code, n);
        const text = opinion?.(email, code);
        if (text) answers[f.items[f.items.indexOf(q) + 1].title] = text;
      }
      session.forms.respond(f.id, email, answers);
    });
    return { questions, emails };
  }

  test('tallies members only: distribution, consensus, spread, ties and difference from 集計', () => {
    const session = sampleSession();
    createForm(session);
    const f = formOf(session);
    const firstGoal = /基本目標(\S+)/.exec(f.items.find((i) => i.type === 'MULTIPLE_CHOICE')!.title)![1];
    // Everybody 良好 except on the first goal: 3 良好 / 1 概ね良好 / 3 良好ではない (a tie, both ends chosen).
    answerAll(session, (_e, code, n) => (code === firstGoal ? (n < 3 ? '良好' : n < 6 ? '良好ではない' : '概ね良好') : '良好'),
      (email, code) => (email.startsWith('iinchou') && code === firstGoal ? '=HYPERLINK("x") 意見です' : ''));
    // Someone not on 委員名簿 was let in by hand on the form: not counted.
    f.publishedReaders.add('stranger@example.jp');
    const strangerAnswers: Record<string, string> = {};
    for (const q of f.items.filter((i) => i.type === 'MULTIPLE_CHOICE')) strangerAnswers[q.title] = '良好ではない';
    session.forms.respond(f.id, 'stranger@example.jp', strangerAnswers);

    const s = session.run('importMemberRatings').result as CommitteeSummary;
    expect(s.answered).toBe(7);
    expect(s.ignored).toBe(1);
    expect(s.missing).toEqual([]);
    const rows = records(session, SHEET_MEMBER_RATINGS);
    expect(rows).toHaveLength(s.goals.length);
    const tie = rows.find((r) => r['基本目標'] === firstGoal)!;
    expect([tie['良好'], tie['概ね良好'], tie['良好ではない'], tie['回答数']]).toEqual([3, 1, 3, 7]);
    expect(tie['委員の評価（最多）']).toBe('同数（良好・良好ではない）');
    expect(tie['ばらつき']).toBe('分かれる');
    for (const r of rows.filter((x) => x['基本目標'] !== firstGoal)) {
      expect(r['委員の評価（最多）']).toBe('良好');
      expect(r['ばらつき']).toBe('一致');
      expect(r['集計との違い']).toBe(r['集計の評価'] === '良好' ? '同じ' : '異なる');
    }
    // The opinion is kept as text, never as a formula.
    const opinions = records(session, SHEET_MEMBER_OPINIONS);
    expect(opinions).toHaveLength(1);
    expect(opinions[0]['委員']).toBe('見本 太郎');
    expect(opinions[0]['意見']).toBe('=HYPERLINK("x") 意見です');
    const sheet = session.runtime.spreadsheet.getSheetByName(SHEET_MEMBER_OPINIONS)!;
    expect(sheet.getRange(2, 5).getFormula()).toBe('');
  });

  test('採用 marks typed on 委員意見 survive a re-import; an edited answer replaces the earlier one', () => {
    const session = sampleSession();
    createForm(session);
    answerAll(session, () => '概ね良好', (email) => (email.startsWith('kinyu') ? '金融機関の意見' : email.startsWith('shoko') ? '商工の意見' : ''));
    session.run('importMemberRatings');
    const sheet = session.runtime.spreadsheet.getSheetByName(SHEET_MEMBER_OPINIONS)!;
    const rows = records(session, SHEET_MEMBER_OPINIONS);
    const adoptCol = Object.keys(rows[0]).indexOf('採用') + 1;
    const kinyuRow = rows.findIndex((r) => r['意見'] === '金融機関の意見') + 2;
    sheet.getRange(kinyuRow, adoptCol).setValue('採用');
    // kinyu edits its answer to the first goal (same text); shoko changes its opinion text.
    const f = formOf(session);
    const q = f.items.find((i) => i.type === 'MULTIPLE_CHOICE')!;
    const all: Record<string, string> = {};
    for (const item of f.items.filter((i) => i.type === 'MULTIPLE_CHOICE')) all[item.title] = '概ね良好';
    session.forms.respond(f.id, 'kinyu@example.jp', { ...all, [q.title]: '良好', [f.items[f.items.indexOf(q) + 1].title]: '金融機関の意見' });
    session.forms.respond(f.id, 'shoko@example.jp', { ...all, [f.items[f.items.indexOf(q) + 1].title]: '商工の新しい意見' });
    session.run('importMemberRatings');
    const after = records(session, SHEET_MEMBER_OPINIONS);
    expect(after.find((r) => r['意見'] === '金融機関の意見')!['採用']).toBe('採用');
    expect(after.find((r) => r['意見'] === '商工の新しい意見')!['採用']).toBe('');
    expect(after.some((r) => r['意見'] === '商工の意見')).toBe(false);
    const first = records(session, SHEET_MEMBER_RATINGS)[0];
    expect([first['良好'], first['概ね良好']]).toEqual([1, 6]);
    expect(first['ばらつき']).toBe('ややばらつき');
  });

  test('before a form exists it says what to run first, and writes nothing', () => {
    const session = sampleSession();
    expect(() => session.bundle.call('importMemberRatings')).toThrow('委員評価フォームを作成');
    expect(session.runtime.spreadsheet.getSheetByName(SHEET_MEMBER_RATINGS)).toBeNull();
  });
});

describe('目標別評価 shows the members view of the same period', () => {
  test('after 取り込み, the next 集計 fills 委員評価 columns; another period leaves them blank', () => {
    const session = sampleSession();
    createForm(session);
    const f = formOf(session);
    const answers: Record<string, string> = {};
    for (const q of f.items.filter((i) => i.type === 'MULTIPLE_CHOICE')) answers[q.title] = '良好ではない';
    for (const email of f.publishedReaders) session.forms.respond(f.id, email, answers);
    session.run('importMemberRatings');
    session.run('runAggregate');
    const goals = records(session, '目標別評価').filter((g) => !String(g['名称']).startsWith('（'));
    expect(goals.length).toBeGreaterThan(0);
    for (const g of goals) {
      expect(g['委員評価（最多）']).toBe('良好ではない');
      expect(g['委員評価の内訳']).toBe('良好 0・概ね良好 0・良好ではない 7（回答 7）');
      expect(g['委員評価と集計']).toBe(g['採用評価'] === '良好ではない' ? '同じ' : '異なる');
    }
    // Another evaluation year: the members have not judged it, so the columns stay blank.
    const settings = session.runtime.spreadsheet.getSheetByName('設定')!;
    const keys = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
    settings.getRange(keys.indexOf('評価年度') + 1, 2).setValue('令和5年度');
    session.run('runAggregate');
    for (const g of records(session, '目標別評価')) expect(g['委員評価（最多）']).toBe('');
  });
});

describe('委員評価フォームを送る', () => {
  test('one mail per member on 委員名簿 (要, valid address) with the link and the deadline', () => {
    const session = sampleSession();
    const form = createForm(session, '2026-02-15');
    const r = session.bundle.call('sendMemberForm') as { sent: string[]; failed: string[] };
    expect(r.sent).toHaveLength(7);
    expect(r.failed).toEqual([]);
    const mails = session.mail.sent;
    expect(mails).toHaveLength(7);
    const to = mails.flatMap((m) => m.to).sort();
    expect(to).toEqual([...formOf(session).publishedReaders].sort());
    expect(mails[0].subject).toContain('委員評価のお願い');
    expect(mails[0].body).toContain(form.url);
    expect(mails[0].body).toContain('2026-02-15');
  });

  test('before the form exists, or without enough quota, nothing is sent', () => {
    const session = sampleSession();
    expect(() => session.bundle.call('sendMemberForm')).toThrow('委員評価フォームを作成');
    createForm(session);
    session.mail.spend('jimukyoku@example.jp', session.mail.dailyQuota - 3);
    expect(() => session.bundle.call('sendMemberForm')).toThrow('残り 3 件');
    expect(session.mail.sent).toHaveLength(0);
  });
});

describe('menu 委員評価フォームを作成', () => {
  test('asks for the deadline, then shows both links', () => {
    const session = sampleSession();
    session.runtime.queuePromptResponse('2026-03-01', 'OK');
    session.run('menuMemberForm');
    expect(formOf(session).description).toContain('2026-03-01');
    const dialog = session.runtime.ui.dialogs.at(-1);
    expect(dialog?.getTitle()).toBe('委員評価フォーム');
    expect(dialog?.getContent()).toContain('viewform');
  });

  test('cancel creates nothing', () => {
    const session = sampleSession();
    session.runtime.queuePromptResponse('', 'CANCEL');
    session.run('menuMemberForm');
    expect(session.forms.forms.size).toBe(0);
  });
});

describe('the report shows the members view and adopted opinions', () => {
  test('a 委員評価 table per 基本方針, a 委員の評価 row per goal, and opinions marked 採用 as 提言', () => {
    const session = sampleSession();
    createForm(session);
    const f = formOf(session);
    const q = f.items.find((i) => i.type === 'MULTIPLE_CHOICE')!;
    const answers: Record<string, string> = {};
    for (const item of f.items.filter((i) => i.type === 'MULTIPLE_CHOICE')) answers[item.title] = '概ね良好';
    for (const email of f.publishedReaders) {
      session.forms.respond(f.id, email, { ...answers, ...(email.startsWith('iinchou') ? { [f.items[f.items.indexOf(q) + 1].title]: '窓口のデジタル化を急いでください' } : {}) });
    }
    session.run('importMemberRatings');
    const sheet = session.runtime.spreadsheet.getSheetByName(SHEET_MEMBER_OPINIONS)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    sheet.getRange(2, header.indexOf('採用') + 1).setValue('✓');
    session.run('createReport');
    const docs = session.runtime.globals.DocumentApp as unknown as import('../../src/local/gas/document').LocalDocumentApp;
    const id = docs.localDocumentIds().at(-1)!;
    const nodes = docs.localStructure(id);
    // Word joiners keep figures with their units on one line (core/tokens.ts); they are not text.
    const text = nodes.map((n) => (n.type === 'TABLE' ? n.cells.flat().join('\n') : n.text)).join('\n').replace(/\u2060/g, '');
    expect(nodes.some((n) => n.type !== 'TABLE' && n.text === '委員評価')).toBe(true);
    expect(text).toContain('委員の評価');
    expect(text).toContain('良好 0・概ね良好 7・良好ではない 0（回答 7）');
    expect(text).toContain('窓口のデジタル化を急いでください');
    expect(text).toContain('見本 太郎');
  });
});
