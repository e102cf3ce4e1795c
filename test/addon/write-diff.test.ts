// The diff behind WriteBatch.writeChanged: which cells already hold what a write would store, and
// how changed rows are grouped into rectangles (few calls, few cells).
import { changedAreas, holds } from '../../src/addon/sheets';

describe('holds: a cell already holds what setValues would store', () => {
  test('text less the leading apostrophe that keeps it text; numbers and booleans by type', () => {
    expect(holds('−', "'−")).toBe(true);
    expect(holds('=A1', "'=A1")).toBe(true);
    expect(holds('abc', 'abc')).toBe(true);
    expect(holds('abc ', 'abc')).toBe(false);
    expect(holds(12, 12)).toBe(true);
    expect(holds('12', 12)).toBe(false);
    expect(holds(12, "'12")).toBe(false);
    expect(holds(true, true)).toBe(true);
    expect(holds('TRUE', true)).toBe(false);
  });

  test('blank is blank whatever the read returned; anything uncertain counts as different', () => {
    for (const b of ['', undefined]) expect(holds(b, '')).toBe(true);
    expect(holds(0, '')).toBe(false);
    expect(holds('', 0)).toBe(false);
    expect(holds(new Date(2025, 3, 1), '2025/4/1')).toBe(false);
  });
});

describe('changedAreas', () => {
  const table = (n: number, w: number, f = (r: number, c: number) => `${r}-${c}`) =>
    Array.from({ length: n }, (_, r) => Array.from({ length: w }, (_, c) => f(r, c)));

  test('nothing changed: no area', () => {
    expect(changedAreas(table(50, 5), table(50, 5))).toEqual([]);
  });

  test('one changed cell: that cell; with fullRows, its row', () => {
    const now = table(50, 5);
    const next = table(50, 5);
    next[10][3] = 'x';
    expect(changedAreas(next, now)).toEqual([{ r0: 10, r1: 10, c0: 3, c1: 3 }]);
    expect(changedAreas(next, now, true)).toEqual([{ r0: 10, r1: 10, c0: 0, c1: 4 }]);
  });

  test('rows close together share a rectangle; rows far apart (more unchanged cells than a call costs) do not', () => {
    const w = 20;
    const now = table(2000, w);
    const next = table(2000, w);
    next[10][2] = 'x';
    next[30][5] = 'y';
    next[1500][1] = 'z';
    expect(changedAreas(next, now)).toEqual([{ r0: 10, r1: 30, c0: 2, c1: 5 }, { r0: 1500, r1: 1500, c0: 1, c1: 1 }]);
  });

  test('rows past what the sheet holds: blanks need no write, values do', () => {
    const next = [['a', ''], ['', ''], ['', 'b']];
    expect(changedAreas(next, [['a']])).toEqual([{ r0: 2, r1: 2, c0: 1, c1: 1 }]);
  });
});

test('changedAreas: the dearer a rectangle of its own (more calls), the farther apart rows still share one', () => {
  const table = (n: number) => Array.from({ length: n }, (_, r) => Array.from({ length: 20 }, (_, c) => `${r}-${c}`));
  const now = table(2000);
  const next = table(2000);
  next[30][5] = 'y';
  next[1500][1] = 'z';
  expect(changedAreas(next, now, false, { calls: 3, cellsPerColumn: 2 })).toHaveLength(2);
  expect(changedAreas(next, now, false, { calls: 30, cellsPerColumn: 2 })).toEqual([{ r0: 30, r1: 1500, c0: 1, c1: 5 }]);
});

test('changedAreas: inside a shared rectangle, columns no row changes are left out when they outweigh a call', () => {
  const w = 30;
  const table = (n: number) => Array.from({ length: n }, (_, r) => Array.from({ length: w }, (_, c) => `${r}-${c}`));
  const now = table(3000);
  const next = table(3000);
  // Rows 0..999 change in columns 2 and 25: 22 columns in between that no row changes.
  for (let r = 0; r < 1000; r += 10) {
    next[r][2] = 'x';
    next[r][25] = 'y';
  }
  expect(changedAreas(next, now, false, { calls: 2, cellsPerColumn: 2 })).toEqual([
    { r0: 0, r1: 990, c0: 2, c1: 2 }, { r0: 0, r1: 990, c0: 25, c1: 25 },
  ]);
  // Two rows only: the gap is cheaper than a call, one rectangle.
  const few = table(3000);
  few[5][2] = 'x';
  few[6][25] = 'y';
  expect(changedAreas(few, now, false, { calls: 2, cellsPerColumn: 2 })).toEqual([{ r0: 5, r1: 6, c0: 2, c1: 25 }]);
});
