// The writer goes into the Apps Script bundle: it must stay small and use nothing Apps Script
// lacks (no Buffer, TextEncoder, require, Node modules).
import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { aggregate, NO_OVERRIDES } from '../../../src/core/aggregate';
import { reportDocx } from '../../../src/core/docx';
import { buildReport } from '../../../src/core/report';
import { seed004 } from '../fixtures';

test('src/core/docx bundles to under 30 KB of plain script (the report model left out; the layout rules of core/tokens in)', async () => {
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
  expect(Buffer.byteLength(code)).toBeLessThan(30 * 1024);
  expect(code).not.toMatch(/\b(Buffer|TextEncoder|TextDecoder|process|require)\b/);
});

test('the bundled writer runs in a bare V8 context (no Buffer, TextEncoder, require) and gives the same bytes', async () => {
  const r = await build({
    stdin: { contents: "export { reportDocx } from './src/core/docx';", resolveDir: join(__dirname, '../../..'), loader: 'ts' },
    bundle: true, write: false, format: 'iife', globalName: 'writer', platform: 'neutral', target: 'es2019', logLevel: 'silent',
  });
  const d = seed004();
  const model = buildReport(d, aggregate(d, { overrides: NO_OVERRIDES }), { now: new Date('2026-11-21T05:05:00Z') });
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const images = new Map([[1, { png, width: 600, height: 300 }]]);
  const sandbox: Record<string, unknown> = { model: JSON.parse(JSON.stringify(model)), images };
  runInNewContext(`${r.outputFiles[0].text}\nthis.out = writer.reportDocx(model, images);`, sandbox);
  for (const name of ['Buffer', 'TextEncoder', 'require', 'process']) expect(name in sandbox).toBe(false);
  const out = sandbox.out as Uint8Array;
  expect(Buffer.from(out)).toEqual(Buffer.from(reportDocx(model, images)));
});
