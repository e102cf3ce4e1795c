// XML text for OOXML parts: escaping, and characters XML 1.0 forbids removed (a control character
// pasted into a cell would otherwise make Word and Drive refuse the whole file).

// C0 controls but tab, LF, CR; U+FFFE/U+FFFF; surrogates that are not part of a pair.
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe as element content or as a double-quoted attribute value. */
export function esc(s: string): string {
  return s.replace(ILLEGAL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An element with attributes (undefined ones left out) and inner XML ('' → self-closing). */
export function el(name: string, attrs: Record<string, string | number | undefined> = {}, inner = ''): string {
  let a = '';
  for (const k of Object.keys(attrs)) {
    const v = attrs[k];
    if (v !== undefined) a += ` ${k}="${esc(String(v))}"`;
  }
  return inner === '' ? `<${name}${a}/>` : `<${name}${a}>${inner}</${name}>`;
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
