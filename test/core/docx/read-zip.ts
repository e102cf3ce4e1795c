// A strict reader for the tests: walks the end record, the central directory and each local
// header, checks they agree, and returns the files (stored or deflated) with their CRC checked.
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';

export interface ZipFile { name: string; data: Buffer; method: number; flags: number }

export function readZip(bytes: Uint8Array): ZipFile[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = b.length - 22; // no archive comment
  if (b.readUInt32LE(eocd) !== 0x06054b50) throw new Error('no end of central directory record');
  const count = b.readUInt16LE(eocd + 10);
  if (b.readUInt16LE(eocd + 8) !== count) throw new Error('entry counts differ');
  const cdSize = b.readUInt32LE(eocd + 12);
  let p = b.readUInt32LE(eocd + 16);
  if (p + cdSize !== eocd) throw new Error('central directory does not end at the end record');
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    if (b.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const usize = b.readUInt32LE(p + 24);
    const nlen = b.readUInt16LE(p + 28);
    const xlen = b.readUInt16LE(p + 30);
    const clen = b.readUInt16LE(p + 32);
    const off = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nlen).toString('utf8');
    p += 46 + nlen + xlen + clen;
    // The local header repeats the same facts.
    if (b.readUInt32LE(off) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    if (b.readUInt16LE(off + 8) !== method || b.readUInt32LE(off + 14) !== crc || b.readUInt32LE(off + 18) !== csize || b.readUInt32LE(off + 22) !== usize) {
      throw new Error(`local and central headers differ for ${name}`);
    }
    const lnlen = b.readUInt16LE(off + 26);
    const lxlen = b.readUInt16LE(off + 28);
    if (b.subarray(off + 30, off + 30 + lnlen).toString('utf8') !== name) throw new Error(`names differ for ${name}`);
    const raw = b.subarray(off + 30 + lnlen + lxlen, off + 30 + lnlen + lxlen + csize);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`unknown method ${method} for ${name}`);
    if (data.length !== usize) throw new Error(`size differs for ${name}`);
    if (zlibCrc32(data) !== crc) throw new Error(`CRC differs for ${name}`);
    files.push({ name, data, method, flags });
  }
  if (p !== eocd) throw new Error('central directory has trailing bytes');
  return files;
}
