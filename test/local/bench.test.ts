// The bench's row when a child process ended without printing one: the error, not Node's version line.
import { childError } from '../../src/local/bench';

describe('bench child errors', () => {
  test('the thrown error line, not the Node.js version line Node ends with', () => {
    const stderr = [
      '/work/dist/Code.js:1',
      '    throw new UserError(msg);',
      '    ^',
      '',
      'UserError: 報告書が大きすぎて Google ドキュメント 1 つに収まりません',
      '    at runReport (/work/dist/Code.js:10:5)',
      '',
      'Node.js v20.11.1',
      '',
    ].join('\n');
    expect(childError(stderr, 1)).toBe('UserError: 報告書が大きすぎて Google ドキュメント 1 つに収まりません');
  });

  test('out of memory and other endings', () => {
    expect(childError('\n<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n', 134))
      .toBe('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory');
    expect(childError('something odd\nNode.js v20.11.1\n', 1)).toBe('something odd');
    expect(childError('', null)).toBe('exit null');
  });
});
