import { CallCounter } from '../../../src/local/gas/counter';
import { LocalPropertiesService, MAX_VALUE_BYTES } from '../../../src/local/gas/properties';

const PROPS = 'https://developers.google.com/apps-script/reference/properties/properties';
const SERVICE = 'https://developers.google.com/apps-script/reference/properties/properties-service';
const QUOTAS = 'https://developers.google.com/apps-script/guides/services/quotas';

function setup() {
  const counter = new CallCounter();
  return { counter, service: new LocalPropertiesService(counter) };
}

describe(`PropertiesService (${SERVICE})`, () => {
  it('document, script and user stores are separate', () => {
    const { service } = setup();
    service.getDocumentProperties().setProperty('k', 'doc');
    service.getScriptProperties().setProperty('k', 'script');
    service.getUserProperties().setProperty('k', 'user');
    expect(service.getDocumentProperties().getProperty('k')).toBe('doc');
    expect(service.getScriptProperties().getProperty('k')).toBe('script');
    expect(service.getUserProperties().getProperty('k')).toBe('user');
  });

  it('every Properties object of a kind sees the same store', () => {
    const { service } = setup();
    const a = service.getDocumentProperties();
    const b = service.getDocumentProperties();
    a.setProperty('last', '1');
    expect(b.getProperty('last')).toBe('1');
  });

  it('counts calls by Class.method', () => {
    const { counter, service } = setup();
    const p = service.getUserProperties();
    p.setProperty('a', 'b');
    p.getProperty('a');
    p.getProperty('a');
    expect(counter.snapshot()).toMatchObject({
      'PropertiesService.getUserProperties': 1,
      'Properties.setProperty': 1,
      'Properties.getProperty': 2,
    });
  });

  it('can start from initial values (runtime seeding, not Apps Script)', () => {
    const counter = new CallCounter();
    const service = new LocalPropertiesService(counter, { document: { x: '1' } });
    expect(service.getDocumentProperties().getProperty('x')).toBe('1');
    expect(service.localSnapshot()).toEqual({ document: { x: '1' }, script: {}, user: {} });
  });
});

describe(`Properties getProperty / setProperty (${PROPS}#getProperty(String), ${PROPS}#setProperty(String,String))`, () => {
  it('getProperty returns null when no such key exists', () => {
    const { service } = setup();
    expect(service.getScriptProperties().getProperty('missing')).toBeNull();
  });

  it('setProperty stores the value and returns the Properties store for chaining', () => {
    const { service } = setup();
    const p = service.getScriptProperties();
    expect(p.setProperty('a', '1').setProperty('b', '2')).toBe(p);
    expect(p.getProperties()).toEqual({ a: '1', b: '2' });
  });

  it('values are strings: a number or boolean is stored in its string form', () => {
    const { service } = setup();
    const p = service.getScriptProperties();
    p.setProperty('n', 42 as unknown as string);
    p.setProperty('t', true as unknown as string);
    expect(p.getProperty('n')).toBe('42');
    expect(p.getProperty('t')).toBe('true');
  });

  it('reference silent: null, undefined and objects are refused rather than stored as "null"/"[object Object]" (stricter)', () => {
    const { service } = setup();
    const p = service.getScriptProperties();
    expect(() => p.setProperty('a', null as unknown as string)).toThrow(
      "The parameters (String,null) don't match the method signature for Properties.setProperty.",
    );
    expect(() => p.setProperty('a', undefined as unknown as string)).toThrow(/method signature/);
    expect(() => p.setProperty('a', { x: 1 } as unknown as string)).toThrow(/method signature/);
    expect(p.getKeys()).toEqual([]);
  });

  it('reference silent: an empty or non-string key is refused (stricter)', () => {
    const { service } = setup();
    const p = service.getScriptProperties();
    expect(() => p.setProperty('', 'v')).toThrow(/key is empty/);
    expect(() => p.getProperty(3 as unknown as string)).toThrow(/method signature/);
  });
});

describe(`Properties limits (${QUOTAS}: "Properties value size 9 KB / val", "500 KB / property store")`, () => {
  it('a value up to 9 KB is stored; one byte more throws "Argument too large: value"', () => {
    const { service } = setup();
    const p = service.getDocumentProperties();
    p.setProperty('ok', 'x'.repeat(MAX_VALUE_BYTES));
    expect(p.getProperty('ok')).toHaveLength(9216);
    expect(() => p.setProperty('big', 'x'.repeat(MAX_VALUE_BYTES + 1))).toThrow('Argument too large: value');
    expect(p.getProperty('big')).toBeNull();
  });

  it('the size is measured in UTF-8 bytes (Japanese text is 3 bytes a character)', () => {
    const { service } = setup();
    const p = service.getDocumentProperties();
    p.setProperty('ok', '進'.repeat(3072)); // 9216 bytes
    expect(() => p.setProperty('big', '進'.repeat(3073))).toThrow('Argument too large: value');
  });

  it('the store refuses to grow past 500 KB (keys and values) and keeps its previous content', () => {
    const { service } = setup();
    const p = service.getUserProperties();
    const v = 'x'.repeat(9000);
    // 56 entries: 56 * 9000 bytes of values + 158 bytes of keys = 504,158 bytes <= 512,000.
    for (let i = 0; i < 56; i++) p.setProperty(`k${i}`, v);
    expect(() => p.setProperty('k56', v)).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(p.getKeys()).toHaveLength(56);
    expect(p.getProperty('k56')).toBeNull();
    // Freeing space makes room again.
    p.deleteProperty('k0');
    p.setProperty('k56', v);
    expect(p.getProperty('k56')).toBe(v);
  });
});

describe(`Properties bulk methods (${PROPS}#getProperties(), ${PROPS}#setProperties(Object,Boolean), ${PROPS}#getKeys())`, () => {
  it('getProperties returns a copy of all key-value pairs', () => {
    const { service } = setup();
    const p = service.getScriptProperties().setProperty('a', '1');
    const copy = p.getProperties();
    copy.a = 'changed';
    copy.b = 'new';
    expect(p.getProperties()).toEqual({ a: '1' });
  });

  it('setProperties sets every pair and keeps others by default', () => {
    const { service } = setup();
    const p = service.getScriptProperties().setProperty('keep', 'k');
    expect(p.setProperties({ a: '1', b: 2 as unknown as string })).toBe(p);
    expect(p.getProperties()).toEqual({ keep: 'k', a: '1', b: '2' });
  });

  it('setProperties(properties, true) deletes all other properties', () => {
    const { service } = setup();
    const p = service.getScriptProperties().setProperty('old', 'x');
    p.setProperties({ a: '1' }, true);
    expect(p.getProperties()).toEqual({ a: '1' });
  });

  it('setProperties with one bad value changes nothing (validated before writing)', () => {
    const { service } = setup();
    const p = service.getScriptProperties().setProperty('old', 'x');
    expect(() => p.setProperties({ a: '1', big: 'x'.repeat(MAX_VALUE_BYTES + 1) }, true)).toThrow(
      'Argument too large: value',
    );
    expect(p.getProperties()).toEqual({ old: 'x' });
  });

  it('getKeys returns all keys', () => {
    const { service } = setup();
    const p = service.getDocumentProperties().setProperties({ a: '1', b: '2' });
    expect(p.getKeys().sort()).toEqual(['a', 'b']);
  });
});

describe(`Properties deletion (${PROPS}#deleteProperty(String), ${PROPS}#deleteAllProperties())`, () => {
  it('deleteProperty deletes one key and returns the store; deleting a missing key is fine', () => {
    const { service } = setup();
    const p = service.getUserProperties().setProperties({ a: '1', b: '2' });
    expect(p.deleteProperty('a')).toBe(p);
    p.deleteProperty('missing');
    expect(p.getProperties()).toEqual({ b: '2' });
  });

  it('deleteAllProperties empties only its own store', () => {
    const { service } = setup();
    service.getScriptProperties().setProperty('s', '1');
    const p = service.getUserProperties().setProperty('u', '1');
    expect(p.deleteAllProperties()).toBe(p);
    expect(p.getKeys()).toEqual([]);
    expect(service.getScriptProperties().getProperty('s')).toBe('1');
  });
});
