// Words of the report that must not break across lines: a figure with its unit (「49件/年」,
// 「1,303,598件」, 「14,082.9%」) and the rating words (「良好ではない」). Japanese line breaking
// allows a break between almost any two characters (LibreOffice even breaks 「4｜9件」 and
// 「3,｜060,985件」), so the .docx joins their characters with U+2060 WORD JOINER (Unicode's
// zero-width no-break: UAX #14 class WJ, "prohibit line breaks before and after"), and table
// columns are made at least as wide as their longest such token. Pure.

/** U+2060 WORD JOINER: no line break on either side, no width. */
export const WJ = '\u2060';

// A figure: optional sign or mark, digits with separators and decimals.
const VALUE = String.raw`[-−+△▲]?\d[\d,，]*(?:\.\d+)?`;
// Its unit: %, a short Latin unit (ID, km), 1–2 kanji (件, 手続, 教室; か所, か国語, ヶ月), or a
// katakana word (ポイント); then an optional 「/年」 per-unit.
const UNIT = String.raw`(?:%|％|[A-Za-z]{1,4}|[かヶケカ]?[\u4e00-\u9fff々〆]{1,2}|[\u30a1-\u30fa\u30fc]{2,6})`;
const PER = String.raw`(?:[/／][\u4e00-\u9fff]{1,2}|[/／][A-Za-z]{1,3})?`;
// A year or code written with letters before it (R6, H29, 令和5年度) keeps them.
const PREFIX = String.raw`(?:令和|平成|昭和|[A-Za-z]{1,2})?`;
/** Rating and grade words shown in cells and sentences. */
export const RATING_WORDS = ['良好ではない', '概ね良好', '評価不能', '良好'];

const TOKEN = new RegExp(`${PREFIX}${VALUE}(?:${UNIT}${PER})?|${RATING_WORDS.join('|')}`, 'g');

/** The text without its joiners, and its unbreakable tokens (matches of two characters or more). */
function tokenMatches(text: string): { plain: string; matches: RegExpMatchArray[] } {
  const plain = text.replace(/\u2060/g, '');
  return { plain, matches: [...plain.matchAll(TOKEN)].filter((m) => [...m[0]].length > 1) };
}

/** The unbreakable tokens of a text, in order (figures with units, rating words). */
export function unbreakableTokens(text: string): string[] {
  return tokenMatches(text).matches.map((m) => m[0]);
}

/**
 * The text with every unbreakable token's characters joined by WORD JOINER (joinChars), so no
 * viewer breaks a line inside it. Other text is untouched; applying it twice changes nothing.
 */
export function joinTokens(text: string): string {
  return tokenSegments(text).map((s) => s.text).join('');
}

/**
 * A token's characters with WORD JOINER only where Unicode line breaking (UAX #14) would allow a
 * break: next to a Japanese character and after a slash (「4⁠9⁠件⁠/⁠年」 needs three, 「1,303,598」
 * none: digits, separators and % never break apart). A Doc counts each joiner as a character.
 */
export function joinChars(token: string): string {
  const cs = [...token];
  return cs.map((c, i) => {
    if (i === 0) return c;
    const a = cs[i - 1];
    const wide = (x: string): boolean => x > '\x7e';
    const breakable = ((wide(a) || wide(c)) && c !== '/') || a === '/' || a === '／';
    return breakable ? WJ + c : c;
  }).join('');
}

/**
 * The text cut into its unbreakable tokens (characters joined by WORD JOINER) and the text
 * between them. The .docx puts each token in a run of its own: LibreOffice (7.4) breaks Japanese
 * text between any two characters, word joiners or not, unless the run is tagged as not
 * Japanese (then its Unicode line breaking, which honours WJ, applies).
 */
export function tokenSegments(text: string): { text: string; token: boolean }[] {
  const { plain, matches } = tokenMatches(text);
  const out: { text: string; token: boolean }[] = [];
  let last = 0;
  for (const m of matches) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: plain.slice(last, at), token: false });
    out.push({ text: joinChars(m[0]), token: true });
    last = at + m[0].length;
  }
  if (last < plain.length) out.push({ text: plain.slice(last), token: false });
  return out;
}

/**
 * Width of a text in em of its font: full-width characters 1, digits and narrow Latin less, and
 * a quarter em where Latin meets Japanese (the space Word and LibreOffice add there: autoSpaceDE/DN).
 */
export function emWidth(s: string): number {
  let n = 0;
  let prev = '';
  for (const ch of s) {
    if (ch === WJ) continue;
    const wide = ch > '\x7e';
    if (prev && /[0-9A-Za-z]/.test(wide ? prev : ch) && (prev > '\x7e') !== wide) n += 0.25;
    prev = ch;
    // A little wide for proportional Japanese Gothic fonts (digits about 0.55, % about 0.85).
    if (/[0-9]/.test(ch)) n += 0.6;
    else if (/[,.:;'`|!il ]/.test(ch)) n += 0.3;
    else if (/[%&@#MW]/.test(ch)) n += 0.9;
    else if (/[A-Z]/.test(ch)) n += 0.68;
    else if (/[\x21-\x7e]/.test(ch)) n += 0.56;
    // Half-width katakana and the like.
    else if (/[\uff61-\uff9f]/.test(ch)) n += 0.5;
    else n += 1;
  }
  return n;
}

/** The widest unbreakable token of a text, in em (0 when it has none). */
export function longestToken(text: string): number {
  // An opening bracket never ends a line and a closing one or a comma never starts one (kinsoku):
  // 「（R6目標）」 takes the width of the brackets too.
  const { plain, matches } = tokenMatches(text);
  return Math.max(0, ...matches.map((m) => {
    const at = m.index ?? 0;
    const before = /[（(「『［\[]/.test(plain[at - 1] ?? '') ? plain[at - 1] : '';
    const after = /[）)」』］\]、。，．]/.test(plain[at + m[0].length] ?? '') ? plain[at + m[0].length] : '';
    return emWidth(before + m[0] + after);
  }));
}

// ---------------------------------------------------------------------------------------------
// Column widths

/** Text width of a table in em of its 9 pt font (A4, 2 cm margins: 9,638 twips). */
export const TABLE_EM = 53.5;
/**
 * Cell margins and slack: the table style asks 2 × 80 twips, but a viewer may keep its own default
 * (Word's 2 × 108 twips, 1.2 em at 9 pt), plus borders and the viewer's font.
 */
export const CELL_PAD_EM = 1.4;
/** A header line up to this wide is kept on one line (見出しの「目標値」「評価と所見」); longer ones wrap. */
const HEADER_LINE_EM = 7;

/** A cell line this short (再計算, 確定値) is a word of its own: it is not wrapped either. */
const SHORT_CELL_EM = 4;

/** The narrowest a column's body can be without breaking a token of its cells or a short cell word. */
export function bodyMinEm(cells: readonly string[]): number {
  const line = (l: string): number => (emWidth(l) <= SHORT_CELL_EM ? emWidth(l) : longestToken(l));
  return Math.max(0, ...cells.map((c) => Math.max(0, ...c.split('\n').map(line)))) + CELL_PAD_EM;
}

/** The narrowest a column can be without breaking a token of its cells or a short header line. */
export function columnMinEm(header: string, cells: readonly string[]): number {
  // Header text is bold: a little wider.
  const head = Math.max(0, ...header.split('\n').map((l) => (emWidth(l) <= HEADER_LINE_EM ? emWidth(l) : longestToken(l)) * 1.05));
  return Math.max(head + CELL_PAD_EM, bodyMinEm(cells));
}

/**
 * Relative widths (any unit) adjusted so every column is at least its minimum (columnMinEm),
 * taking the width from the columns that have room to spare, in proportion to that room. When
 * the minimums alone are wider than the table, the body's tokens keep their width and the headers
 * share what is left (a header then wraps); only when the tokens alone are wider are they shared
 * out in proportion. Returns em summing to TABLE_EM.
 */
export function fitToTokens(widths: readonly number[], header: readonly string[], rows: readonly (readonly string[])[], total = TABLE_EM): number[] {
  const n = header.length;
  const rel = widths.length === n ? widths.map((w) => Math.max(0, w)) : header.map(() => 1);
  const sum = rel.reduce((a, b) => a + b, 0) || n;
  const want = rel.map((w) => (sum > 0 ? (w * total) / sum : total / n));
  const cells = (c: number): string[] => rows.map((r) => r[c] ?? '');
  const min = header.map((h, c) => columnMinEm(h, cells(c)));
  const minSum = min.reduce((a, b) => a + b, 0);
  if (minSum >= total) {
    // Too many columns for their headers: the body's figures stay whole, the headers wrap. Each
    // column gets its body minimum, and what is left goes to the headers in proportion to their need.
    const body = header.map((_, c) => bodyMinEm(cells(c)));
    const bodySum = body.reduce((a, b) => a + b, 0);
    if (bodySum >= total) return body.map((m) => (m * total) / bodySum);
    // Shared fairly (max–min): a header needing less than an equal share gets all it needs, the
    // others split the rest equally, so no header is starved down to its column's figures.
    const need = min.map((m, c) => m - body[c]);
    const out = [...body];
    let left = total - bodySum;
    let open = need.map((_, c) => c).filter((c) => need[c] > 0);
    while (open.length && left > 1e-9) {
      const share = left / open.length;
      const done = open.filter((c) => need[c] <= share);
      if (!done.length) { for (const c of open) out[c] += share; left = 0; break; }
      for (const c of done) { out[c] += need[c]; left -= need[c]; }
      open = open.filter((c) => need[c] > share);
    }
    return out;
  }
  const deficit = want.reduce((a, w, c) => a + Math.max(0, min[c] - w), 0);
  if (deficit === 0) return want;
  const room = want.map((w, c) => Math.max(0, w - min[c]));
  const roomSum = room.reduce((a, b) => a + b, 0);
  return want.map((w, c) => (w < min[c] ? min[c] : w - (deficit * room[c]) / roomSum));
}
