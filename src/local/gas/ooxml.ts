// Reading an Office Open XML package (Node only): the ZIP container (stored and deflated
// entries, CRC-32 checked) and its XML parts as small element trees with canonical namespace
// prefixes (w:, r:, wp:, a:, pic:, mc:), whatever prefixes the writer chose.
// Used by the local Drive API to import a .docx as a Google Doc (docx-import.ts).

import { crc32, inflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';

/** A package that is not a readable ZIP or holds malformed XML. */
export class PackageError extends Error {}

/** The ZIP's entries by name (central directory order). */
export function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, searched backwards.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new PackageError('not a ZIP archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new PackageError('ZIP64 archives are not read');
  if (p + cdSize > eocd) throw new PackageError('central directory out of range');
  const out = new Map<string, Uint8Array>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new PackageError(`bad central directory entry ${n}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw new PackageError(`${name}: encrypted entries are not read`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new PackageError(`${name}: bad local header`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw new PackageError(`${name}: data out of range`);
    const raw = buf.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw);
      } catch (e) {
        throw new PackageError(`${name}: ${(e as Error).message}`);
      }
    } else throw new PackageError(`${name}: compression method ${method} is not read`);
    if (data.length !== size) throw new PackageError(`${name}: size ${data.length}, expected ${size}`);
    if (crc32(data) >>> 0 !== crc) throw new PackageError(`${name}: CRC-32 mismatch`);
    out.set(name, data);
  }
  return out;
}

export interface XmlElement {
  /** Canonical qualified name, e.g. 'w:p' (unknown namespaces keep their URI in braces). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NS: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

function qname(uri: string, local: string): string {
  if (!uri) return local;
  const prefix = NS[uri];
  return prefix ? `${prefix}:${local}` : `{${uri}}${local}`;
}

/** Parses one XML part; malformed XML throws a PackageError naming the part. */
export function parseXml(part: string, bytes: Uint8Array): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[qname(a.uri, a.local)] = a.value;
    }
    const el: XmlElement = { name: qname(tag.uri, tag.local), attrs, children: [] };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const text = (t: string): void => {
    stack[stack.length - 1].children.push(t);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  try {
    parser.write(Buffer.from(bytes).toString('utf8')).close();
  } catch (e) {
    failure ??= e as Error;
  }
  if (failure) throw new PackageError(`${part}: ${failure.message}`);
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) throw new PackageError(`${part}: no root element`);
  return top;
}

// --- small helpers over the tree ----------------------------------------------------------------

export function kids(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function kid(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** First descendant with this name (depth first). */
export function find(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) return c;
    const d = find(c, name);
    if (d) return d;
  }
  return undefined;
}

export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Resolves a relationship target against the part that holds it ('word/document.xml' + 'media/a.png'). */
export function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}
