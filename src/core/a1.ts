// A1 notation. Rows and columns are 1-based, as in Apps Script's Range API.

/** 1 → A, 26 → Z, 27 → AA. */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 1) throw new RangeError(`column must be a positive integer: ${col}`);
  let n = col;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A → 1, AA → 27; null when not letters. */
export function columnNumber(letters: string): number | null {
  if (!/^[A-Za-z]+$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** (12, 13) → "M12". */
export function a1(row: number, col: number): string {
  if (!Number.isInteger(row) || row < 1) throw new RangeError(`row must be a positive integer: ${row}`);
  return `${columnLetters(col)}${row}`;
}

/** "M12" / "$M$12" → { row: 12, col: 13 }; null when not a single-cell A1 reference. */
export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9]\d*)$/.exec(ref.trim());
  if (!m) return null;
  return { row: Number(m[2]), col: columnNumber(m[1])! };
}

/** A rectangular range "A2:C10"; open-ended rows ("A2:A") when endRow is omitted. */
export function rangeA1(row: number, col: number, endRow: number | undefined, endCol: number): string {
  const end = endRow === undefined ? columnLetters(endCol) : a1(endRow, endCol);
  return `${a1(row, col)}:${end}`;
}

/** Sheet-qualified reference, quoted as Sheets expects: 'プラン・指標'!M12. */
export function sheetA1(sheet: string, ref: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${ref}`;
}
