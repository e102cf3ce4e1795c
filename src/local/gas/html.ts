// Local HtmlService, following https://developers.google.com/apps-script/reference/html/html-service,
// https://developers.google.com/apps-script/reference/html/html-output and
// https://developers.google.com/apps-script/reference/html/html-template.
// Where the reference is silent the stricter behaviour is chosen (see test/local/gas/html.test.ts).

import { escapeHtml } from '../../core/text';
import type { CallCounter } from './counter';
import { LocalBlob, signatureError } from './utilities';

type SandboxMode = GoogleAppsScript.HTML.SandboxMode;
type XFrameOptionsMode = GoogleAppsScript.HTML.XFrameOptionsMode;

/** Apps Script enums are objects whose values print as their names; strings model that. */
export const LocalSandboxMode = {
  EMULATED: 'EMULATED',
  IFRAME: 'IFRAME',
  NATIVE: 'NATIVE',
} as unknown as typeof GoogleAppsScript.HTML.SandboxMode;

export const LocalXFrameOptionsMode = {
  ALLOWALL: 'ALLOWALL',
  DEFAULT: 'DEFAULT',
} as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;

/** The reference (HtmlOutput.addMetaTag): "Only the following meta tags are allowed". */
export const ALLOWED_META_TAGS: readonly string[] = [
  'apple-mobile-web-app-capable',
  'google-site-verification',
  'mobile-web-app-capable',
  'viewport',
];

export { escapeHtml };

function requireString(method: string, v: unknown): string {
  if (typeof v !== 'string') throw signatureError(method, [v]);
  return v;
}

function requireSize(method: string, v: unknown): number {
  if (typeof v !== 'number') throw signatureError(method, [v]);
  // Integer in the reference; it is silent on negative or fractional sizes, so they are refused.
  if (!Number.isInteger(v) || v < 0) throw new Error(`${method}: expected a non-negative integer, got ${v}.`);
  return v;
}

function isBlobSource(v: unknown): v is GoogleAppsScript.Base.BlobSource {
  return v !== null && typeof v === 'object' && typeof (v as { getBlob?: unknown }).getBlob === 'function';
}

/** https://developers.google.com/apps-script/reference/html/html-output-meta-tag */
export class LocalHtmlOutputMetaTag implements GoogleAppsScript.HTML.HtmlOutputMetaTag {
  constructor(
    private readonly counter: CallCounter,
    private readonly name: string,
    private readonly content: string,
  ) {}

  getName(): string {
    this.counter.count('HtmlOutputMetaTag.getName');
    return this.name;
  }

  getContent(): string {
    this.counter.count('HtmlOutputMetaTag.getContent');
    return this.content;
  }
}

/** https://developers.google.com/apps-script/reference/html/html-output */
export class LocalHtmlOutput implements GoogleAppsScript.HTML.HtmlOutput {
  private title = '';
  // The reference documents no defaults for the dialog size; 0 means "not set".
  private width = 0;
  private height = 0;
  private faviconUrl = '';
  private readonly metaTags: Array<{ name: string; content: string }> = [];
  private xFrameOptionsMode: XFrameOptionsMode = LocalXFrameOptionsMode.DEFAULT;

  constructor(
    private readonly counter: CallCounter,
    private content: string,
  ) {}

  getContent(): string {
    this.counter.count('HtmlOutput.getContent');
    return this.content;
  }

  setContent(content: string): LocalHtmlOutput {
    this.counter.count('HtmlOutput.setContent');
    this.content = requireString('HtmlOutput.setContent', content);
    return this;
  }

  /** Trusted content: appended as is. */
  append(addedContent: string): LocalHtmlOutput {
    this.counter.count('HtmlOutput.append');
    this.content += requireString('HtmlOutput.append', addedContent);
    return this;
  }

  /** Untrusted content: escaped (the local runtime escapes for the HTML text context). */
  appendUntrusted(addedContent: string): LocalHtmlOutput {
    this.counter.count('HtmlOutput.appendUntrusted');
    this.content += escapeHtml(requireString('HtmlOutput.appendUntrusted', addedContent));
    return this;
  }

  clear(): LocalHtmlOutput {
    this.counter.count('HtmlOutput.clear');
    this.content = '';
    return this;
  }

  asTemplate(): LocalHtmlTemplate {
    this.counter.count('HtmlOutput.asTemplate');
    return new LocalHtmlTemplate(this.counter, this.content);
  }

  getBlob(): LocalBlob {
    this.counter.count('HtmlOutput.getBlob');
    return new LocalBlob(this.counter, Buffer.from(this.content, 'utf8'), 'text/html', null);
  }

  getAs(contentType: string): LocalBlob {
    this.counter.count('HtmlOutput.getAs');
    if (requireString('HtmlOutput.getAs', contentType) !== 'text/html') {
      // Conversions (e.g. to PDF) happen on Google's servers.
      throw new Error(`HtmlOutput.getAs: the local runtime cannot convert HTML to ${contentType}.`);
    }
    return new LocalBlob(this.counter, Buffer.from(this.content, 'utf8'), 'text/html', null);
  }

  getTitle(): string {
    this.counter.count('HtmlOutput.getTitle');
    return this.title;
  }

  setTitle(title: string): LocalHtmlOutput {
    this.counter.count('HtmlOutput.setTitle');
    this.title = requireString('HtmlOutput.setTitle', title);
    return this;
  }

  getWidth(): number {
    this.counter.count('HtmlOutput.getWidth');
    return this.width;
  }

  setWidth(width: number): LocalHtmlOutput {
    this.counter.count('HtmlOutput.setWidth');
    this.width = requireSize('HtmlOutput.setWidth', width);
    return this;
  }

  getHeight(): number {
    this.counter.count('HtmlOutput.getHeight');
    return this.height;
  }

  setHeight(height: number): LocalHtmlOutput {
    this.counter.count('HtmlOutput.setHeight');
    this.height = requireSize('HtmlOutput.setHeight', height);
    return this;
  }

  /** The reference: "This method now has no effect" (only IFRAME exists); the value is still checked. */
  setSandboxMode(mode: SandboxMode): LocalHtmlOutput {
    this.counter.count('HtmlOutput.setSandboxMode');
    if (!(Object.values(LocalSandboxMode) as unknown[]).includes(mode)) {
      throw signatureError('HtmlOutput.setSandboxMode', [mode]);
    }
    return this;
  }

  setXFrameOptionsMode(mode: XFrameOptionsMode): LocalHtmlOutput {
    this.counter.count('HtmlOutput.setXFrameOptionsMode');
    if (!(Object.values(LocalXFrameOptionsMode) as unknown[]).includes(mode)) {
      throw signatureError('HtmlOutput.setXFrameOptionsMode', [mode]);
    }
    this.xFrameOptionsMode = mode;
    return this;
  }

  addMetaTag(name: string, content: string): LocalHtmlOutput {
    this.counter.count('HtmlOutput.addMetaTag');
    if (typeof name !== 'string' || typeof content !== 'string') {
      throw signatureError('HtmlOutput.addMetaTag', [name, content]);
    }
    // The reference lists the allowed names but not what happens otherwise: refuse (stricter).
    if (!ALLOWED_META_TAGS.includes(name)) {
      throw new Error(`HtmlOutput.addMetaTag: meta tag "${name}" is not allowed (${ALLOWED_META_TAGS.join(', ')}).`);
    }
    this.metaTags.push({ name, content });
    return this;
  }

  getMetaTags(): LocalHtmlOutputMetaTag[] {
    this.counter.count('HtmlOutput.getMetaTags');
    return this.metaTags.map((t) => new LocalHtmlOutputMetaTag(this.counter, t.name, t.content));
  }

  setFaviconUrl(iconUrl: string): LocalHtmlOutput {
    this.counter.count('HtmlOutput.setFaviconUrl');
    const url = requireString('HtmlOutput.setFaviconUrl', iconUrl);
    // The reference is silent on validation; an absolute http(s) URL is required (stricter).
    if (!/^https?:\/\/[^\s]+$/i.test(url)) {
      throw new Error(`HtmlOutput.setFaviconUrl: "${url}" is not an absolute http(s) URL.`);
    }
    this.faviconUrl = url;
    return this;
  }

  getFaviconUrl(): string {
    this.counter.count('HtmlOutput.getFaviconUrl');
    return this.faviconUrl;
  }

  /** Test hook (not Apps Script): the X-Frame-Options mode the page would be served with. */
  localXFrameOptionsMode(): string {
    return String(this.xFrameOptionsMode);
  }
}

// ---------------------------------------------------------------------------
// Templates: https://developers.google.com/apps-script/guides/html/templates
// <? code ?> runs code, <?= expr ?> prints escaped, <?!= expr ?> prints as is.

interface Segment {
  kind: 'text' | 'code' | 'print' | 'force';
  text: string;
}

function parseTemplate(raw: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf('<?', i);
    if (open < 0) {
      segments.push({ kind: 'text', text: raw.slice(i) });
      break;
    }
    if (open > i) segments.push({ kind: 'text', text: raw.slice(i, open) });
    const close = raw.indexOf('?>', open + 2);
    if (close < 0) throw new Error(`HtmlTemplate: unterminated scriptlet at offset ${open}.`);
    let body = raw.slice(open + 2, close);
    let kind: Segment['kind'] = 'code';
    if (body.startsWith('!=')) {
      kind = 'force';
      body = body.slice(2);
    } else if (body.startsWith('=')) {
      kind = 'print';
      body = body.slice(1);
    }
    segments.push({ kind, text: body });
    i = close + 2;
  }
  return segments;
}

function compileTemplate(raw: string, withComments: boolean): string {
  const lines: string[] = [];
  for (const s of parseTemplate(raw)) {
    if (s.kind === 'text') lines.push(`__out.push(${JSON.stringify(s.text)});`);
    else if (s.kind === 'code') lines.push(s.text + (withComments ? ' // <? ?>' : ''));
    else if (s.kind === 'print') lines.push(`__out.push(__esc(${s.text}));` + (withComments ? ' // <?= ?>' : ''));
    else lines.push(`__out.push(__raw(${s.text}));` + (withComments ? ' // <?!= ?>' : ''));
  }
  return lines.join('\n');
}

const printable = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** https://developers.google.com/apps-script/reference/html/html-template */
export class LocalHtmlTemplate implements GoogleAppsScript.HTML.HtmlTemplate {
  // Template variables are assigned as properties, so internals are kept out of enumeration.
  [propName: string]: any;
  readonly #counter: CallCounter;
  readonly #raw: string;

  constructor(counter: CallCounter, raw: string) {
    this.#counter = counter;
    this.#raw = raw;
  }

  evaluate(): LocalHtmlOutput {
    this.#counter.count('HtmlTemplate.evaluate');
    const vars: Record<string, unknown> = {};
    for (const key of Object.keys(this)) vars[key] = this[key];
    const out: string[] = [];
    // Sloppy-mode function so `with` gives scriptlets the template variables, as in Apps Script.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const run = new Function('__vars', '__out', '__esc', '__raw', `with (__vars) {\n${compileTemplate(this.#raw, false)}\n}`);
    run(vars, out, (v: unknown) => escapeHtml(printable(v)), printable);
    return new LocalHtmlOutput(this.#counter, out.join(''));
  }

  getCode(): string {
    this.#counter.count('HtmlTemplate.getCode');
    return compileTemplate(this.#raw, false);
  }

  getCodeWithComments(): string {
    this.#counter.count('HtmlTemplate.getCodeWithComments');
    return compileTemplate(this.#raw, true);
  }

  getRawContent(): string {
    this.#counter.count('HtmlTemplate.getRawContent');
    return this.#raw;
  }
}

// ---------------------------------------------------------------------------

/** https://developers.google.com/apps-script/reference/html/html-service */
export class LocalHtmlService implements GoogleAppsScript.HTML.HtmlService {
  readonly SandboxMode = LocalSandboxMode;
  readonly XFrameOptionsMode = LocalXFrameOptionsMode;

  /** @param files project HTML files by name, e.g. { 'sidebar.html': '...' } or { sidebar: '...' }. */
  constructor(
    private readonly counter: CallCounter,
    private readonly files: Record<string, string>,
  ) {}

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): LocalHtmlOutput {
    this.counter.count('HtmlService.createHtmlOutput');
    return new LocalHtmlOutput(this.counter, this.htmlFrom('HtmlService.createHtmlOutput', html));
  }

  createHtmlOutputFromFile(filename: string): LocalHtmlOutput {
    this.counter.count('HtmlService.createHtmlOutputFromFile');
    return new LocalHtmlOutput(this.counter, this.readFile('HtmlService.createHtmlOutputFromFile', filename));
  }

  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): LocalHtmlTemplate {
    this.counter.count('HtmlService.createTemplate');
    if (html === undefined) throw signatureError('HtmlService.createTemplate', []);
    return new LocalHtmlTemplate(this.counter, this.htmlFrom('HtmlService.createTemplate', html));
  }

  createTemplateFromFile(filename: string): LocalHtmlTemplate {
    this.counter.count('HtmlService.createTemplateFromFile');
    return new LocalHtmlTemplate(this.counter, this.readFile('HtmlService.createTemplateFromFile', filename));
  }

  /**
   * The reference: returns null "for most script executions if not used in a web app's doGet()
   * or doPost()"; an add-on sidebar is such an execution.
   */
  getUserAgent(): string {
    this.counter.count('HtmlService.getUserAgent');
    return null as unknown as string;
  }

  private htmlFrom(method: string, html: unknown): string {
    if (html === undefined) return '';
    if (typeof html === 'string') return html;
    if (isBlobSource(html)) return html.getBlob().getDataAsString();
    throw signatureError(method, [html]);
  }

  private readFile(method: string, filename: unknown): string {
    const name = requireString(method, filename);
    const own = (k: string): boolean => Object.prototype.hasOwnProperty.call(this.files, k);
    if (own(name)) return this.files[name];
    if (own(name + '.html')) return this.files[name + '.html'];
    throw new Error(`No HTML file named ${name} was found.`);
  }
}
