// The ZIP writer and its pieces (UTF-8, CRC-32): valid archives that other readers accept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import JSZip from 'jszip';
import fc from 'fast-check';
import { inflateRawSync } from 'node:zlib';
import { crc32, deflateRaw, utf8, zip } from '../../../src/core/docx';
import { readZip } from './read-zip';

describe('utf8', () => {
  test.each([
    ['', 'empty'],
    ['ascii text <&>', 'ASCII'],
    ['進捗状況報告書（令和4年度）', 'Japanese'],
    ['é ß ¢ ©', 'two-byte'],
    ['𠮷野家 🍣', 'surrogate pairs (4 bytes)'],
  ])('%s (%s) encodes as Node does', (s) => {
    expect(Buffer.from(utf8(s))).toEqual(Buffer.from(s, 'utf8'));
  });

  test('a lone surrogate becomes U+FFFD, as TextEncoder does', () => {
    for (const s of ['a\ud800b', '\udc00', 'x\ud83d']) {
      expect(Buffer.from(utf8(s))).toEqual(Buffer.from(new TextEncoder().encode(s)));
    }
  });
});

describe('crc32', () => {
  test('the check value of CRC-32/ISO-HDLC', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  test('equals zlib on arbitrary bytes', () => {
    let seed = 7;
    for (const n of [1, 3, 255, 256, 4097]) {
      const bytes = new Uint8Array(n).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });
});

describe('deflateRaw', () => {
  const roundTrip = (b: Uint8Array): void => expect(inflateRawSync(deflateRaw(b))).toEqual(Buffer.from(b));

  test('edge cases inflate back to the input', () => {
    roundTrip(new Uint8Array(0));
    roundTrip(utf8('a'));
    roundTrip(utf8('ab'));
    roundTrip(new Uint8Array(1000).fill(7)); // runs longer than the longest match (258)
    roundTrip(utf8('abcabcabcabd'.repeat(50)));
    // A match exactly 32768 bytes back (the farthest distance) and beyond it.
    let seed = 1;
    const noise = new Uint8Array(40000).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const far = new Uint8Array(32768 + 300);
    far.set(noise.subarray(0, 300), 0);
    far.set(noise.subarray(300, 300 + 32468), 300);
    far.set(noise.subarray(0, 300), 32768);
    roundTrip(far);
    roundTrip(noise);
  });

  test('markup shrinks several times', () => {
    const xml = utf8('<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="right"/></w:pPr><w:r><w:t>1,020件</w:t></w:r></w:p>'.repeat(2000));
    const packed = deflateRaw(xml);
    expect(packed.length * 8).toBeLessThan(xml.length);
    expect(inflateRawSync(packed)).toEqual(Buffer.from(xml));
  });

  test('any bytes (random, and with repeats) inflate back to the input', () => {
    const repetitive = fc.array(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(utf8('<w:r>'), utf8('</w:t></w:r>'), utf8('報告書'))), { maxLength: 300 })
      .map((parts) => { const out: number[] = []; for (const p of parts) out.push(...p); return new Uint8Array(out); });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 3000 }), repetitive), (b) => {
      expect(inflateRawSync(deflateRaw(b))).toEqual(Buffer.from(b));
    }), { numRuns: 300 });
  });
});

describe('zip', () => {
  const entries = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
    { name: 'word/document.xml', data: '<w:document>報告書 𠮷</w:document>' },
    { name: 'word/media/image1.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]) },
    { name: 'empty.txt', data: '' },
    { name: '資料/名前.txt', data: 'UTF-8 name' },
    { name: 'word/styles.xml', data: '<w:style w:type="paragraph"><w:name w:val="Normal"/></w:style>'.repeat(200) },
  ];
  const bytes = zip(entries);

  test('the strict reader finds every entry, in order, with matching headers and CRC', () => {
    const files = readZip(bytes);
    expect(files.map((f) => f.name)).toEqual(entries.map((e) => e.name));
    files.forEach((f, i) => {
      const e = entries[i].data;
      expect(f.data).toEqual(Buffer.from(typeof e === 'string' ? utf8(e) : e));
      // Names flagged as UTF-8; deflated only where that is smaller (not the tiny or incompressible ones).
      expect(f.flags & 0x0800).toBe(0x0800);
      expect(f.method).toBe(f.name === 'word/styles.xml' ? 8 : 0);
    });
  });

  test('JSZip reads it with CRC checking', async () => {
    const z = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(await z.file('word/document.xml')!.async('string')).toBe('<w:document>報告書 𠮷</w:document>');
    expect(await z.file('資料/名前.txt')!.async('string')).toBe('UTF-8 name');
  });

  test('Info-ZIP unzip -t accepts it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    const file = join(dir, 'a.zip');
    writeFileSync(file, bytes);
    const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(out).toContain('No errors detected');
  });

  test('deflate: false stores every entry', () => {
    expect(readZip(zip(entries, { deflate: false })).map((f) => f.method)).toEqual(entries.map(() => 0));
  });

  test('the same input gives the same bytes (fixed timestamps)', () => {
    expect(Buffer.from(zip(entries))).toEqual(Buffer.from(bytes));
  });
});
