// Local PropertiesService, following
// https://developers.google.com/apps-script/reference/properties/properties-service,
// https://developers.google.com/apps-script/reference/properties/properties and the limits in
// https://developers.google.com/apps-script/guides/services/quotas
// ("Properties value size: 9 KB / val", "Properties total storage: 500 KB / property store").

import type { CallCounter } from './counter';
import { signatureError } from './utilities';

export type PropertyStoreKind = 'document' | 'script' | 'user';

/** 9 KB per value (measured in UTF-8 bytes). */
export const MAX_VALUE_BYTES = 9 * 1024;
/** 500 KB per store (keys and values, UTF-8 bytes). */
export const MAX_STORE_BYTES = 500 * 1024;

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Stores outlive one Properties object: every getXxxProperties() call sees the same map. */
type Store = Map<string, string>;

function toKey(method: string, key: unknown, extra: unknown[] = []): string {
  if (typeof key !== 'string') throw signatureError(method, [key, ...extra]);
  // The reference is silent on empty keys; refusing them is the stricter choice.
  if (key === '') throw new Error(`${method}: the key is empty.`);
  return key;
}

function toValue(method: string, key: unknown, value: unknown): string {
  // Apps Script converts a number or boolean to its string form. Other values (null, undefined,
  // objects) would be stored as "null"/"[object Object]": the reference types the value as String,
  // so the stricter choice is to refuse them.
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw signatureError(method, [key, value]);
}

function storeBytes(store: Store): number {
  let n = 0;
  for (const [k, v] of store) n += utf8Length(k) + utf8Length(v);
  return n;
}

function checkValueSize(value: string): void {
  if (utf8Length(value) > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
}

function checkStoreSize(store: Store): void {
  if (storeBytes(store) > MAX_STORE_BYTES) {
    throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
  }
}

/** https://developers.google.com/apps-script/reference/properties/properties */
export class LocalProperties implements GoogleAppsScript.Properties.Properties {
  constructor(
    private readonly counter: CallCounter,
    private readonly store: Store,
  ) {}

  getProperty(key: string): string | null {
    this.counter.count('Properties.getProperty');
    const k = toKey('Properties.getProperty', key);
    return this.store.has(k) ? this.store.get(k)! : null;
  }

  setProperty(key: string, value: string): LocalProperties {
    this.counter.count('Properties.setProperty');
    const k = toKey('Properties.setProperty', key, [value]);
    const v = toValue('Properties.setProperty', key, value);
    checkValueSize(v);
    const next = new Map(this.store).set(k, v);
    checkStoreSize(next);
    this.store.set(k, v);
    return this;
  }

  /** A copy: changing it does not change the store. */
  getProperties(): { [key: string]: string } {
    this.counter.count('Properties.getProperties');
    const out: { [key: string]: string } = {};
    for (const [k, v] of this.store) out[k] = v;
    return out;
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): LocalProperties {
    this.counter.count('Properties.setProperties');
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
      throw signatureError('Properties.setProperties', [properties, deleteAllOthers]);
    }
    if (typeof deleteAllOthers !== 'boolean') {
      throw signatureError('Properties.setProperties', [properties, deleteAllOthers]);
    }
    // Validate everything first so a bad entry leaves the store untouched.
    const next: Store = deleteAllOthers ? new Map() : new Map(this.store);
    for (const key of Object.keys(properties)) {
      const k = toKey('Properties.setProperties', key);
      const v = toValue('Properties.setProperties', key, properties[key]);
      checkValueSize(v);
      next.set(k, v);
    }
    checkStoreSize(next);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
    return this;
  }

  deleteProperty(key: string): LocalProperties {
    this.counter.count('Properties.deleteProperty');
    this.store.delete(toKey('Properties.deleteProperty', key));
    return this;
  }

  deleteAllProperties(): LocalProperties {
    this.counter.count('Properties.deleteAllProperties');
    this.store.clear();
    return this;
  }

  getKeys(): string[] {
    this.counter.count('Properties.getKeys');
    return [...this.store.keys()];
  }
}

/** https://developers.google.com/apps-script/reference/properties/properties-service */
export class LocalPropertiesService implements GoogleAppsScript.Properties.PropertiesService {
  private readonly stores: Record<PropertyStoreKind, Store> = {
    document: new Map(),
    script: new Map(),
    user: new Map(),
  };

  constructor(
    private readonly counter: CallCounter,
    initial: Partial<Record<PropertyStoreKind, Record<string, string>>> = {},
  ) {
    for (const kind of Object.keys(initial) as PropertyStoreKind[]) {
      for (const [k, v] of Object.entries(initial[kind] ?? {})) this.stores[kind].set(k, v);
    }
  }

  getDocumentProperties(): LocalProperties {
    this.counter.count('PropertiesService.getDocumentProperties');
    return new LocalProperties(this.counter, this.stores.document);
  }

  getScriptProperties(): LocalProperties {
    this.counter.count('PropertiesService.getScriptProperties');
    return new LocalProperties(this.counter, this.stores.script);
  }

  getUserProperties(): LocalProperties {
    this.counter.count('PropertiesService.getUserProperties');
    return new LocalProperties(this.counter, this.stores.user);
  }

  /** Test hook (not Apps Script): a copy of every store, without counting a call. */
  localSnapshot(): Record<PropertyStoreKind, Record<string, string>> {
    const copy = (s: Store): Record<string, string> => Object.fromEntries(s);
    return { document: copy(this.stores.document), script: copy(this.stores.script), user: copy(this.stores.user) };
  }
}
