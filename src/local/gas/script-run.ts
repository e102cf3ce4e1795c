// The google.script.run value rules, from
// https://developers.google.com/apps-script/guides/html/reference/run and
// https://developers.google.com/apps-script/guides/html/communication:
//
//   "Legal parameters are JavaScript primitives like a Number, Boolean, String, or null, as well as
//    JavaScript objects and arrays that are composed of primitives, objects, and arrays. ...
//    Requests fail if you attempt to pass a Date, Function, DOM element besides a form, or other
//    prohibited type, including prohibited types inside objects or arrays. Objects that create
//    circular references will also fail, and undefined fields within arrays become null. Note that
//    an object passed to the server becomes a copy of the original."
//   Return values: "subject to the same restrictions as parameter types, except that a form
//    element is not a legal return type".
//
// Where the reference is silent, the stricter behaviour is chosen:
//   - NaN and ±Infinity fail (they are Numbers, but JSON cannot carry them).
//   - Map, Set, RegExp, class instances, boxed primitives, typed arrays, symbol keys, BigInt and
//     Symbol fail ("other prohibited type").
//   - undefined object properties are dropped; a top-level undefined becomes null.
//   - Form elements are not modelled: the local runtime has no DOM, so they fail too.
// The objects may come from another realm (the bundle runs in a vm context), so type checks use
// Object.prototype.toString and prototype shape instead of instanceof.

export type ScriptRunDirection = 'argument' | 'return';

export class ScriptRunError extends Error {
  constructor(
    /** Apps Script's client-side wording names the offending property. */
    readonly property: string,
    /** Where the value sits, e.g. "argument[0].rows[2].due" or "return value.items[1]". */
    readonly path: string,
    /** What the value is, e.g. "Date". */
    readonly found: string,
    readonly direction: ScriptRunDirection,
  ) {
    super(
      `Failed due to illegal value in property: ${property} ` +
        `(${path} is ${found}; google.script.run carries only numbers, booleans, strings, null, ` +
        `and plain objects and arrays of these)`,
    );
    this.name = 'ScriptRunError';
  }
}

function tag(v: object): string {
  return Object.prototype.toString.call(v).slice(8, -1);
}

/** A plain object from any realm: prototype null, or a prototype whose own prototype is null. */
function isPlainObject(v: object): boolean {
  if (tag(v) !== 'Object') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto === null) return true;
  if (Object.getPrototypeOf(proto) !== null) return false;
  const ctor = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name === 'Object';
}

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'function') return 'a Function';
  if (typeof v === 'symbol') return 'a Symbol';
  if (typeof v === 'bigint') return 'a BigInt';
  if (v !== null && typeof v === 'object') {
    const t = tag(v);
    if (t !== 'Object') return `a ${t}`;
    const ctor = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor;
    return ctor?.name ? `an instance of ${ctor.name}` : 'a non-plain object';
  }
  return typeof v;
}

function copy(
  value: unknown,
  path: string,
  property: string,
  ancestors: Set<object>,
  direction: ScriptRunDirection,
): unknown {
  const fail = (found: string): never => {
    throw new ScriptRunError(property, path, found, direction);
  };
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : fail(describe(value));
    case 'undefined':
      return null;
    case 'object':
      break;
    default:
      return fail(describe(value));
  }
  const obj = value as object;
  if (ancestors.has(obj)) fail('a circular reference');
  ancestors.add(obj);
  try {
    if (Array.isArray(obj)) {
      const out: unknown[] = new Array(obj.length);
      // Holes and undefined elements become null, as the reference says.
      for (let i = 0; i < obj.length; i++) out[i] = copy(obj[i], `${path}[${i}]`, String(i), ancestors, direction);
      return out;
    }
    if (!isPlainObject(obj)) fail(describe(obj));
    if (Object.getOwnPropertySymbols(obj).some((s) => Object.prototype.propertyIsEnumerable.call(obj, s))) {
      fail('an object with Symbol keys');
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      const v = (obj as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const childPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      out[key] = copy(v, childPath, key, ancestors, direction);
    }
    return out;
  } finally {
    ancestors.delete(obj);
  }
}

/**
 * Returns what the other side of google.script.run receives for `value` (a deep copy), or throws
 * ScriptRunError where Apps Script would fail the call.
 */
export function toScriptRunValue(value: unknown, direction: ScriptRunDirection): unknown {
  const root = direction === 'argument' ? 'argument' : 'return value';
  return copy(value, root, '0', new Set(), direction);
}

/** All arguments of one call: each is checked, its index named in the error. */
export function toScriptRunArguments(args: readonly unknown[]): unknown[] {
  return args.map((a, i) => copy(a, `argument[${i}]`, String(i), new Set(), 'argument'));
}
