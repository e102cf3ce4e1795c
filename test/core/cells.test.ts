import { formatNumber, formatPercent } from '../../src/core/cells';

describe('formatPercent / formatNumber never show Infinity or NaN (issue 11 finding 10)', () => {
  test('non-finite and overflowing values show −', () => {
    for (const x of [Infinity, -Infinity, NaN, 1e308]) {
      expect(formatPercent(x)).toBe('−');
      expect(formatNumber(x)).toBe('−');
    }
  });
  test('large finite ratios are grouped like other figures', () => {
    expect(formatPercent(2.1454)).toBe('214.5%');
    expect(formatPercent(12345.678)).toBe('1,234,567.8%');
    expect(formatPercent(-0.5)).toBe('−50.0%');
    expect(formatNumber(1049)).toBe('1,049');
  });
});
