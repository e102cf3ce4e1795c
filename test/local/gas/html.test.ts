import { CallCounter } from '../../../src/local/gas/counter';
import { LocalHtmlService } from '../../../src/local/gas/html';
import { LocalUtilities } from '../../../src/local/gas/utilities';

const SERVICE = 'https://developers.google.com/apps-script/reference/html/html-service';
const OUTPUT = 'https://developers.google.com/apps-script/reference/html/html-output';
const META = 'https://developers.google.com/apps-script/reference/html/html-output-meta-tag';
const TEMPLATE = 'https://developers.google.com/apps-script/reference/html/html-template';
const TEMPLATES_GUIDE = 'https://developers.google.com/apps-script/guides/html/templates';

const FILES = {
  'sidebar.html': '<!DOCTYPE html><html><body>進捗</body></html>',
  Dialog: '<p>dialog</p>',
  'report.html': '<h1><?= title ?></h1><? for (const r of rows) { ?><li><?= r ?></li><? } ?><?!= raw ?>',
};

function setup() {
  const counter = new CallCounter();
  return { counter, html: new LocalHtmlService(counter, FILES) };
}

describe(`HtmlService.createHtmlOutputFromFile (${SERVICE}#createHtmlOutputFromFile(String))`, () => {
  it('reads a project file by name, with or without the .html extension', () => {
    const { counter, html } = setup();
    expect(html.createHtmlOutputFromFile('sidebar').getContent()).toBe(FILES['sidebar.html']);
    expect(html.createHtmlOutputFromFile('sidebar.html').getContent()).toBe(FILES['sidebar.html']);
    expect(html.createHtmlOutputFromFile('Dialog').getContent()).toBe('<p>dialog</p>');
    expect(counter.snapshot()).toMatchObject({
      'HtmlService.createHtmlOutputFromFile': 3,
      'HtmlOutput.getContent': 3,
    });
  });

  it('throws like Apps Script for an unknown file', () => {
    const { html } = setup();
    expect(() => html.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
    expect(() => html.createHtmlOutputFromFile('toString')).toThrow('No HTML file named toString was found.');
  });

  it('file names are case-sensitive, as in the script editor', () => {
    const { html } = setup();
    expect(() => html.createHtmlOutputFromFile('Sidebar')).toThrow('No HTML file named Sidebar was found.');
  });
});

describe(`HtmlService.createHtmlOutput (${SERVICE}#createHtmlOutput(), #createHtmlOutput(String), #createHtmlOutput(BlobSource))`, () => {
  it('with no argument, an empty output; with a string, that content', () => {
    const { html } = setup();
    expect(html.createHtmlOutput().getContent()).toBe('');
    expect(html.createHtmlOutput('<b>Hello world!</b>').getContent()).toBe('<b>Hello world!</b>');
  });

  it('from a BlobSource, its data', () => {
    const { counter, html } = setup();
    const blob = new LocalUtilities(counter).newBlob('<i>blob</i>', 'text/html');
    expect(html.createHtmlOutput(blob).getContent()).toBe('<i>blob</i>');
  });

  it('anything else does not match the signature', () => {
    const { html } = setup();
    expect(() => html.createHtmlOutput(42 as never)).toThrow(
      "The parameters (number) don't match the method signature for HtmlService.createHtmlOutput.",
    );
  });

  it('getUserAgent is null outside a web app doGet/doPost', () => {
    const { html } = setup();
    expect(html.getUserAgent()).toBeNull();
  });
});

describe(`HtmlOutput content (${OUTPUT})`, () => {
  it('setContent replaces, append adds trusted content as is, clear empties', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('<b>Hello, world!</b>');
    expect(out.append('<p>Hello again, world.</p>')).toBe(out);
    expect(out.getContent()).toBe('<b>Hello, world!</b><p>Hello again, world.</p>');
    expect(out.setContent('<p>new</p>').getContent()).toBe('<p>new</p>');
    expect(out.clear().getContent()).toBe('');
  });

  it('appendUntrusted escapes ("contextual escaping")', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('<div>');
    out.appendUntrusted('<b>Hello, world!</b>').append('</div>');
    expect(out.getContent()).toBe('<div>&lt;b&gt;Hello, world!&lt;/b&gt;</div>');
  });

  it('getBlob returns the content as a text/html blob', () => {
    const { html } = setup();
    const blob = html.createHtmlOutput('<p>進捗</p>').getBlob();
    expect(blob.getContentType()).toBe('text/html');
    expect(blob.getDataAsString()).toBe('<p>進捗</p>');
    expect(() => html.createHtmlOutput('x').getAs('application/pdf')).toThrow(/cannot convert/);
  });
});

describe(`HtmlOutput page settings (${OUTPUT}#setTitle(String), #setWidth(Integer), #setHeight(Integer))`, () => {
  it('title, width and height round-trip and chain', () => {
    const { counter, html } = setup();
    const out = html.createHtmlOutput('x').setTitle('進捗管理').setWidth(300).setHeight(480);
    expect(out.getTitle()).toBe('進捗管理');
    expect(out.getWidth()).toBe(300);
    expect(out.getHeight()).toBe(480);
    expect(counter.snapshot()).toMatchObject({ 'HtmlOutput.setTitle': 1, 'HtmlOutput.setWidth': 1, 'HtmlOutput.getHeight': 1 });
  });

  it('reference silent on defaults: title "" and sizes 0 until set', () => {
    const { html } = setup();
    const out = html.createHtmlOutput();
    expect(out.getTitle()).toBe('');
    expect(out.getWidth()).toBe(0);
    expect(out.getHeight()).toBe(0);
  });

  it('reference types sizes as Integer and is silent otherwise: fractional or negative sizes are refused (stricter)', () => {
    const { html } = setup();
    const out = html.createHtmlOutput();
    expect(() => out.setWidth(300.5)).toThrow(/non-negative integer/);
    expect(() => out.setHeight(-1)).toThrow(/non-negative integer/);
    expect(() => out.setWidth('300' as never)).toThrow(/method signature for HtmlOutput.setWidth/);
    expect(() => out.setTitle(1 as never)).toThrow(/method signature for HtmlOutput.setTitle/);
  });
});

describe(`HtmlOutput modes (${OUTPUT}#setSandboxMode(SandboxMode), #setXFrameOptionsMode(XFrameOptionsMode))`, () => {
  it('HtmlService exposes the SandboxMode and XFrameOptionsMode enums', () => {
    const { html } = setup();
    expect(String(html.SandboxMode.IFRAME)).toBe('IFRAME');
    expect(String(html.XFrameOptionsMode.ALLOWALL)).toBe('ALLOWALL');
  });

  it('setSandboxMode "now has no effect" but takes only enum values', () => {
    const { html } = setup();
    const out = html.createHtmlOutput();
    expect(out.setSandboxMode(html.SandboxMode.IFRAME)).toBe(out);
    expect(() => out.setSandboxMode('IFRAMES' as never)).toThrow(/method signature/);
  });

  it('X-Frame-Options is DEFAULT unless set ("Apps Script uses DEFAULT mode as the default")', () => {
    const { html } = setup();
    const out = html.createHtmlOutput();
    expect(out.localXFrameOptionsMode()).toBe('DEFAULT');
    out.setXFrameOptionsMode(html.XFrameOptionsMode.ALLOWALL);
    expect(out.localXFrameOptionsMode()).toBe('ALLOWALL');
    expect(() => out.setXFrameOptionsMode('SAMEORIGIN' as never)).toThrow(/method signature/);
  });
});

describe(`HtmlOutput meta tags and favicon (${OUTPUT}#addMetaTag(String,String), ${META}, ${OUTPUT}#setFaviconUrl(String))`, () => {
  it('addMetaTag records the tag; getMetaTags returns name and content (the reference example)', () => {
    const { html } = setup();
    const output = html.createHtmlOutput('<b>Hello, world!</b>');
    output.addMetaTag('viewport', 'width=device-width, initial-scale=1');
    const tags = output.getMetaTags();
    expect(tags).toHaveLength(1);
    expect(tags[0].getName()).toBe('viewport');
    expect(tags[0].getContent()).toBe('width=device-width, initial-scale=1');
  });

  it('"Only the following meta tags are allowed": others are refused (the reference does not say how; stricter)', () => {
    const { html } = setup();
    const out = html.createHtmlOutput();
    for (const name of ['apple-mobile-web-app-capable', 'google-site-verification', 'mobile-web-app-capable']) {
      out.addMetaTag(name, 'yes');
    }
    expect(() => out.addMetaTag('description', 'x')).toThrow(/not allowed/);
    expect(out.getMetaTags()).toHaveLength(3);
  });

  it('setFaviconUrl/getFaviconUrl round-trip; reference silent: only absolute http(s) URLs (stricter), "" until set', () => {
    const { html } = setup();
    const out = html.createHtmlOutput();
    expect(out.getFaviconUrl()).toBe('');
    expect(out.setFaviconUrl('https://example.com/icon.png').getFaviconUrl()).toBe('https://example.com/icon.png');
    expect(() => out.setFaviconUrl('icon.png')).toThrow(/absolute http\(s\) URL/);
  });
});

describe(`HtmlTemplate (${TEMPLATE}, ${SERVICE}#createTemplateFromFile(String), scriptlets: ${TEMPLATES_GUIDE})`, () => {
  it('evaluates <? ?>, <?= ?> (escaped) and <?!= ?> (as is) with variables set as properties', () => {
    const { counter, html } = setup();
    const t = html.createTemplateFromFile('report');
    t.title = '計画 <1>';
    t.rows = ['a&b', 'c'];
    t.raw = '<hr>';
    expect(t.evaluate().getContent()).toBe('<h1>計画 &lt;1&gt;</h1><li>a&amp;b</li><li>c</li><hr>');
    expect(counter.snapshot()).toMatchObject({ 'HtmlService.createTemplateFromFile': 1, 'HtmlTemplate.evaluate': 1 });
  });

  it('getRawContent returns the source; createTemplate and asTemplate build templates from strings', () => {
    const { html } = setup();
    expect(html.createTemplateFromFile('report').getRawContent()).toBe(FILES['report.html']);
    const t = html.createTemplate('<?= 1 + 1 ?>');
    expect(t.evaluate().getContent()).toBe('2');
    expect(html.createHtmlOutput('<?= "x" ?>').asTemplate().evaluate().getContent()).toBe('x');
    expect(t.getCode()).toContain('1 + 1');
  });

  it('an unknown template file throws like createHtmlOutputFromFile; a missing variable throws on evaluate', () => {
    const { html } = setup();
    expect(() => html.createTemplateFromFile('Nope')).toThrow('No HTML file named Nope was found.');
    expect(() => html.createTemplate('<?= missing ?>').evaluate()).toThrow(ReferenceError);
  });
});
