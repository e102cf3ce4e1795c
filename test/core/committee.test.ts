import { unescapeCell } from '../../src/core/cells';
import { adoptedOpinions, consensusLabel, opinionRows, tally, type MemberAnswer } from '../../src/core/committee';
import type { AggregateResult } from '../../src/core/aggregate';
import type { Member } from '../../src/core/model';

// Only what tally reads of a result: the goals with their adopted rating.
const result = {
  goals: [
    { code: '1-1', name: '行政のデジタル化', adopted: '良好' },
    { code: '2-1', name: '地域のデジタル化', adopted: '概ね良好' },
  ],
} as unknown as AggregateResult;
const policyOf = new Map([['1-1', '1'], ['2-1', '2']]);
const member = (name: string, email: string): Member => ({ name, title: '委員', email, share: true, role: 'commenter', row: 2 });
const members = [member('甲', 'a@example.jp'), member('乙', 'b@example.jp'), member('丙', 'c@example.jp'), member('丁', 'broken@')];
const at = (d: number) => new Date(Date.UTC(2026, 0, d));
const answer = (email: string, d: number, r1: string, r2: string, o1 = ''): MemberAnswer => ({
  email, timestamp: at(d), ratings: { '1-1': r1, '2-1': r2 }, opinions: o1 ? { '1-1': o1 } : {},
});

describe('tally', () => {
  test('counts each member once (the latest answer), matching addresses case-insensitively', () => {
    const t = tally(result, policyOf, [
      answer('A@Example.jp', 2, '良好', '良好'),
      answer('a@example.jp', 1, '良好ではない', '良好ではない'),
      answer('b@example.jp', 1, '良好', '良好ではない'),
    ], members);
    expect(t.goals[0].counts).toEqual({ 良好: 2, 概ね良好: 0, 良好ではない: 0 });
    expect(t.goals[0].spread).toBe('一致');
    expect(t.goals[0].differs).toBe(false);
    // 2-1: 良好 and 良好ではない, one each: a tie, both ends.
    expect(consensusLabel(t.goals[1])).toBe('同数（良好・良好ではない）');
    expect(t.goals[1].spread).toBe('分かれる');
    // A tie never counts as differing from 集計: the committee has not decided.
    expect(t.goals[1].differs).toBe(false);
    // 丁 has no valid address: neither expected nor missing.
    expect(t.missing.map((m) => m.name)).toEqual(['丙']);
  });

  test('answers from addresses not on 委員名簿 are listed, not counted', () => {
    const t = tally(result, policyOf, [answer('x@example.jp', 1, '良好', '良好'), answer('c@example.jp', 1, '概ね良好', '概ね良好')], members);
    expect(t.ignored).toEqual(['x@example.jp']);
    expect(t.goals[0].responses).toBe(1);
    expect(t.goals[0].consensus).toEqual(['概ね良好']);
    expect(t.goals[0].differs).toBe(true);
    expect(t.goals[1].differs).toBe(false);
  });

  test('opinions carry the member name and the goal policy; nobody answering gives —', () => {
    const none = tally(result, policyOf, [], members);
    expect(none.goals.map(consensusLabel)).toEqual(['—', '—']);
    expect(none.goals[0].spread).toBe('—');
    const t = tally(result, policyOf, [answer('b@example.jp', 1, '良好', '良好', '  ペーパーレスを更に  ')], members);
    expect(t.opinions).toEqual([expect.objectContaining({ policyCode: '1', goalCode: '1-1', member: '乙', text: 'ペーパーレスを更に' })]);
  });
});

describe('委員意見 rows and 採用', () => {
  test('opinion text is escaped against formulas; 採用 marks come back for the same member, goal and text', () => {
    const t = tally(result, policyOf, [answer('a@example.jp', 1, '良好', '良好', '=1+1')], members);
    const rows = opinionRows(t, { name: '委員意見', values: [['基本方針', '基本目標', '委員', '役職', '意見', '回答日時', '採用'], ['1', '1-1', '甲', '委員', '=1+1', 'x', '✓']] }, () => 't');
    expect(rows[1][4]).toBe("'=1+1");
    expect(rows[1][6]).toBe('✓');
    // What Sheets hands back: the text without the escaping apostrophe.
    const readBack = rows.map((r) => r.map((v) => unescapeCell(String(v))));
    expect(adoptedOpinions({ name: '委員意見', values: readBack })).toEqual([{ policyCode: '1', member: '甲', text: '=1+1' }]);
  });

  test('adoptedOpinions reads only marked rows and tolerates a missing sheet or column', () => {
    expect(adoptedOpinions(undefined)).toEqual([]);
    expect(adoptedOpinions({ name: 'x', values: [['基本方針', '委員', '意見']] })).toEqual([]);
    const grid = { name: 'x', values: [['基本方針', '委員', '意見', '採用'], ['1', '甲', '採る', '採用'], ['2', '乙', '採らない', ''], ['2', '丙', '採る2', 'TRUE']] };
    expect(adoptedOpinions(grid).map((o) => o.text)).toEqual(['採る', '採る2']);
  });
});
