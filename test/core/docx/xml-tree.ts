// A strict XML parse for the tests (saxes: well-formedness and namespace prefixes checked) into a
// small tree, with helpers to query it.
import { SaxesParser } from 'saxes';

export interface XNode { name: string; attrs: Record<string, string>; children: XNode[]; parent: XNode | null; text: string }

export function parseXml(xml: string): XNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XNode = { name: '#root', attrs: {}, children: [], parent: null, text: '' };
  let cur = root;
  parser.on('error', (e) => { throw e; });
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(t.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    const n: XNode = { name: t.name, attrs, children: [], parent: cur, text: '' };
    cur.children.push(n);
    cur = n;
  });
  parser.on('text', (s) => { cur.text += s; });
  parser.on('closetag', () => { cur = cur.parent!; });
  parser.write(xml).close();
  return root.children[0];
}

/** Every descendant named `name`, in document order. */
export function all(n: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  const walk = (x: XNode): void => { for (const c of x.children) { if (c.name === name) out.push(c); walk(c); } };
  walk(n);
  return out;
}

export const first = (n: XNode, name: string): XNode | undefined => all(n, name)[0];
export const kids = (n: XNode, name: string): XNode[] => n.children.filter((c) => c.name === name);

/** The visible text of a paragraph (w:t, w:tab as \t, w:br as \n), field instructions left out. */
export function textOf(n: XNode): string {
  let s = '';
  const walk = (x: XNode): void => {
    for (const c of x.children) {
      if (c.name === 'w:t') s += c.text;
      else if (c.name === 'w:tab' && c.parent?.name === 'w:r') s += '\t';
      else if (c.name === 'w:br') s += '\n';
      else walk(c);
    }
  };
  walk(n);
  // The writer's word joiners (core/tokens.ts: no line break inside 「49件/年」) are not text.
  return s.replace(/\u2060/g, '');
}

/** The paragraph style id of a w:p ('' for none). */
export const styleOf = (p: XNode): string => kids(kids(p, 'w:pPr')[0] ?? p, 'w:pStyle')[0]?.attrs['w:val'] ?? '';
export const has = (n: XNode | undefined, name: string): boolean => !!n && n.children.some((c) => c.name === name);
