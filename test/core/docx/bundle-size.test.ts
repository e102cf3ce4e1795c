// The writer goes into the Apps Script bundle: it must stay small and use nothing Apps Script
// lacks (no Buffer, TextEncoder, require, Node modules).
import { build } from 'esbuild';
import { join } from 'node:path';

test('src/core/docx bundles to under 28 KB of plain script (the report model left out)', async () => {
  const r = await build({
    entryPoints: [join(__dirname, '../../../src/core/docx/index.ts')],
    bundle: true, write: false, format: 'iife', platform: 'neutral', target: 'es2019',
    minifySyntax: true, minifyWhitespace: true, charset: 'utf8', logLevel: 'silent',
    // The report model and its blocks are in the bundle already; measure the writer alone.
    plugins: [{
      name: 'model-stub',
      setup(b) {
        b.onResolve({ filter: /^\.\.\/report$/ }, () => ({ path: 'report', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: "export const cellFill = () => null, SUM_ROW_FILL = '', reportBlocks = () => [];", loader: 'js' }));
      },
    }],
  });
  const code = r.outputFiles[0].text;
  expect(Buffer.byteLength(code)).toBeLessThan(28 * 1024);
  expect(code).not.toMatch(/\b(Buffer|TextEncoder|TextDecoder|process|require)\b/);
});
