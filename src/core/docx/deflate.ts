// DEFLATE (RFC 1951) with the fixed Huffman codes and LZ77 over the 32 KB window: small enough for
// the bundle, and the report's XML (hundreds of kilobytes of repeated markup) shrinks about tenfold.

// Lengths 3–258 and distances 1–32768: base value and extra bits of each code (RFC 1951 §3.2.5).
const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

const WINDOW = 32768;
const MAX_MATCH = 258;
const HASH_BITS = 15;
/** Candidates tried per position: enough for markup, bounded for speed in Apps Script. */
const MAX_CHAIN = 48;

const reverse = (code: number, len: number): number => {
  let r = 0;
  for (let i = 0; i < len; i++) { r = (r << 1) | (code & 1); code >>= 1; }
  return r;
};

interface Tables { litCode: Uint16Array; litLen: Uint8Array; lenSym: Uint8Array; distCode: Uint8Array }
let tables: Tables | null = null;

function fixedTables(): Tables {
  if (tables) return tables;
  // Fixed literal/length code (§3.2.6), bit-reversed because Huffman codes go out MSB first.
  const litCode = new Uint16Array(288);
  const litLen = new Uint8Array(288);
  for (let s = 0; s < 288; s++) {
    const [code, len] = s < 144 ? [0x30 + s, 8] : s < 256 ? [0x190 + s - 144, 9] : s < 280 ? [s - 256, 7] : [0xc0 + s - 280, 8];
    litCode[s] = reverse(code, len);
    litLen[s] = len;
  }
  // Length → index of its length code; distance code by bit-reversed 5-bit value.
  const lenSym = new Uint8Array(MAX_MATCH + 1);
  for (let i = 0; i < LEN_BASE.length; i++) {
    const end = i + 1 < LEN_BASE.length ? LEN_BASE[i + 1] : MAX_MATCH + 1;
    for (let l = LEN_BASE[i]; l < end && l <= MAX_MATCH; l++) lenSym[l] = i;
  }
  lenSym[MAX_MATCH] = 28;
  const distCode = new Uint8Array(30);
  for (let d = 0; d < 30; d++) distCode[d] = reverse(d, 5);
  tables = { litCode, litLen, lenSym, distCode };
  return tables;
}

function distIndex(d: number): number {
  let i = DIST_BASE.length - 1;
  while (DIST_BASE[i] > d) i--;
  return i;
}

/** Raw DEFLATE data (no zlib header) of the bytes: one final block with the fixed codes. */
export function deflateRaw(data: Uint8Array): Uint8Array {
  const t = fixedTables();
  let out = new Uint8Array(Math.max(64, (data.length >> 1) + 64));
  let o = 0;
  let bits = 0;
  let nbits = 0;
  const put = (value: number, n: number): void => {
    bits |= value << nbits;
    nbits += n;
    while (nbits >= 8) {
      if (o === out.length) { const bigger = new Uint8Array(out.length * 2); bigger.set(out); out = bigger; }
      out[o++] = bits & 0xff;
      bits >>>= 8;
      nbits -= 8;
    }
  };
  const lit = (s: number): void => put(t.litCode[s], t.litLen[s]);

  put(1, 1); // BFINAL
  put(1, 2); // BTYPE 01: fixed Huffman codes
  const n = data.length;
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW);
  const hash = (i: number): number => ((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) & ((1 << HASH_BITS) - 1);
  const insert = (i: number): void => {
    if (i + 2 >= n) return;
    const h = hash(i);
    prev[i & (WINDOW - 1)] = head[h];
    head[h] = i;
  };
  let i = 0;
  while (i < n) {
    let best = 0;
    let bestDist = 0;
    if (i + 2 < n) {
      const max = Math.min(MAX_MATCH, n - i);
      let cand = head[hash(i)];
      for (let chain = 0; cand >= 0 && chain < MAX_CHAIN && i - cand <= WINDOW; chain++) {
        if (data[cand + best] === data[i + best]) {
          let l = 0;
          while (l < max && data[cand + l] === data[i + l]) l++;
          if (l > best) { best = l; bestDist = i - cand; if (l === max) break; }
        }
        const next = prev[cand & (WINDOW - 1)];
        // The window's slots are reused: a chain only ever goes back in the data.
        if (next >= cand) break;
        cand = next;
      }
    }
    if (best >= 3) {
      const li = t.lenSym[best];
      lit(257 + li);
      if (LEN_EXTRA[li]) put(best - LEN_BASE[li], LEN_EXTRA[li]);
      const di = distIndex(bestDist);
      put(t.distCode[di], 5);
      if (DIST_EXTRA[di]) put(bestDist - DIST_BASE[di], DIST_EXTRA[di]);
      for (let k = 0; k < best; k++) insert(i + k);
      i += best;
    } else {
      lit(data[i]);
      insert(i);
      i++;
    }
  }
  lit(256); // end of block
  if (nbits > 0) put(0, 8 - nbits);
  return out.subarray(0, o);
}
