// A ZIP archive writer (PKWARE APPNOTE 6.3): each entry deflated when that makes it smaller (the
// XML parts), else stored (PNG pictures are compressed already), with CRC-32. Pure and synchronous
// so it runs inside the Apps Script bundle.
import { deflateRaw } from './deflate';
import { utf8 } from './utf8';

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, no leading slash. */
  name: string;
  /** Contents: a string is stored as UTF-8. */
  data: Uint8Array | string;
}

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (ISO 3309, the one ZIP and PNG use) of the bytes, as an unsigned number. */
export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// 1980-01-01 00:00 in MS-DOS form: a fixed stamp keeps the archive the same for the same input.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8_FLAG = 0x0800;

/** The archive of the entries, in order (an OOXML package wants [Content_Types].xml first). */
export function zip(entries: readonly ZipEntry[], opts: { deflate?: boolean } = {}): Uint8Array {
  const files = entries.map((e) => {
    const data = typeof e.data === 'string' ? utf8(e.data) : e.data;
    const packed = opts.deflate === false || data.length < 64 ? null : deflateRaw(data);
    const body = packed !== null && packed.length < data.length ? packed : data;
    return { name: utf8(e.name), data, crc: crc32(data), method: body === data ? 0 : 8, body };
  });
  let size = 22;
  for (const f of files) size += 30 + f.name.length + f.body.length + 46 + f.name.length;
  if (size > 0xffffffff || files.length > 0xffff) throw new Error('zip: too large for a ZIP without ZIP64');
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let o = 0;
  const u16 = (v: number): void => { view.setUint16(o, v, true); o += 2; };
  const u32 = (v: number): void => { view.setUint32(o, v >>> 0, true); o += 4; };
  const bytes = (b: Uint8Array): void => { out.set(b, o); o += b.length; };
  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(o);
    u32(0x04034b50);
    u16(20); u16(UTF8_FLAG); u16(f.method); u16(DOS_TIME); u16(DOS_DATE);
    u32(f.crc); u32(f.body.length); u32(f.data.length);
    u16(f.name.length); u16(0);
    bytes(f.name);
    bytes(f.body);
  }
  const cd = o;
  files.forEach((f, i) => {
    u32(0x02014b50);
    u16(20); u16(20); u16(UTF8_FLAG); u16(f.method); u16(DOS_TIME); u16(DOS_DATE);
    u32(f.crc); u32(f.body.length); u32(f.data.length);
    u16(f.name.length); u16(0); u16(0); u16(0); u16(0); u32(0);
    u32(offsets[i]);
    bytes(f.name);
  });
  const cdSize = o - cd;
  u32(0x06054b50);
  u16(0); u16(0); u16(files.length); u16(files.length);
  u32(cdSize); u32(cd); u16(0);
  return out;
}
