import { shiftHeader } from '../../src/core/rollover';

describe('shiftHeader: the same header one year on, in its own style', () => {
  test.each([
    ['令和7年度実績', '令和8年度実績'],
    ['R7中間', 'R8中間'],
    ['Ｒ７実績', 'Ｒ８実績'],
    ['2025年度', '2026年度'],
    ['実績値（令和7年度）', '実績値（令和8年度）'],
    ['r7', 'r8'],
  ])('%s → %s', (from, to) => {
    expect(shiftHeader(from, 2025, 2026)).toBe(to);
  });

  test('crossing into 令和: 平成30年度 → 令和元年度, H30 → R1', () => {
    expect(shiftHeader('平成30年度実績', 2018, 2019)).toBe('令和元年度実績');
    expect(shiftHeader('H30', 2018, 2019)).toBe('R1');
  });

  test('a header naming another year, or none, is not moved', () => {
    expect(shiftHeader('令和6年度実績', 2025, 2026)).toBeNull();
    expect(shiftHeader('実績', 2025, 2026)).toBeNull();
    // Letters around R do not make a year (PR7 is not 令和7).
    expect(shiftHeader('PR7', 2025, 2026)).toBeNull();
  });
});
