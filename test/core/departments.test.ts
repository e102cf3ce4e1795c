// 担当課 contacts: several addresses per department, each validated like 委員名簿's.
import { readDepartments } from '../../src/core/reader';

const grid = (rows: string[][]) => ({ name: '担当課', values: [['担当課', '部局', 'メール'], ...rows] });

describe('readDepartments: contacts', () => {
  test('one cell may hold several addresses (comma, 、, semicolon, space, line break)', () => {
    const { items, issues } = readDepartments(grid([
      ['防災課', '総務部', 'bousai@city.example.lg.jp, bousai2@city.example.lg.jp'],
      ['商工課', '産業部', 'shoko@city.example.lg.jp、kanko@city.example.lg.jp\nsangyo@city.example.lg.jp'],
      ['税務課', '総務部', ''],
    ]));
    expect(issues).toEqual([]);
    expect(items.map((d) => [d.name, d.emails, d.row])).toEqual([
      ['防災課', ['bousai@city.example.lg.jp', 'bousai2@city.example.lg.jp'], 2],
      ['商工課', ['shoko@city.example.lg.jp', 'kanko@city.example.lg.jp', 'sangyo@city.example.lg.jp'], 3],
      ['税務課', [], 4],
    ]);
    expect(items[0].email).toBe('bousai@city.example.lg.jp');
  });

  test('a malformed address is reported with its cell and left out; the others stay', () => {
    const { items, issues } = readDepartments(grid([['防災課', '総務部', 'bousai@city.example.lg.jp; bousai@']]));
    expect(items[0].emails).toEqual(['bousai@city.example.lg.jp']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: '警告', sheet: '担当課', cell: 'C2' });
    expect(issues[0].message).toContain('「bousai@」はメールアドレスとして読めません');
    expect(issues[0].message).toContain('name@example.jp の形で');
  });

  test('a department on several rows gathers its addresses once each (case-insensitive)', () => {
    const { items } = readDepartments(grid([
      ['防災課', '総務部', 'a@city.example.lg.jp'],
      ['防災課', '', 'A@city.example.lg.jp, b@city.example.lg.jp'],
    ]));
    expect(items).toHaveLength(1);
    expect(items[0].emails).toEqual(['a@city.example.lg.jp', 'b@city.example.lg.jp']);
  });

  test('full-width input is normalised before validation', () => {
    const { items, issues } = readDepartments(grid([['防災課', '総務部', 'ｂｏｕｓａｉ＠city.example.lg.jp']]));
    expect(issues).toEqual([]);
    expect(items[0].emails).toEqual(['bousai@city.example.lg.jp']);
  });
});
