import { ScriptRunError, toScriptRunArguments, toScriptRunValue } from '../../../src/local/gas/script-run';
import * as vm from 'node:vm';

const RUN = 'https://developers.google.com/apps-script/guides/html/reference/run';
const COMM = 'https://developers.google.com/apps-script/guides/html/communication';

function failure(fn: () => unknown): ScriptRunError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScriptRunError) return e;
    throw e;
  }
  throw new Error('expected a ScriptRunError');
}

describe(`google.script.run legal values (${RUN}#myFunction(...), ${COMM})`, () => {
  it('passes numbers, booleans, strings and null unchanged', () => {
    for (const v of [0, -1.5, 42, true, false, '', '進捗', null]) {
      expect(toScriptRunValue(v, 'argument')).toBe(v);
      expect(toScriptRunValue(v, 'return')).toBe(v);
    }
  });

  it('passes objects and arrays composed of primitives, objects and arrays', () => {
    const v = { name: '計画', rows: [{ id: 1, done: false, tags: ['a', 'b'] }, null], nested: { deep: [[1], [2]] } };
    expect(toScriptRunValue(v, 'argument')).toEqual(v);
    expect(toScriptRunValue(v, 'return')).toEqual(v);
  });

  it('"an object passed to the server becomes a copy of the original"', () => {
    const original = { rows: [{ id: 1 }] };
    const received = toScriptRunValue(original, 'argument') as { rows: Array<{ id: number }> };
    expect(received).not.toBe(original);
    received.rows[0].id = 99;
    expect(original.rows[0].id).toBe(1);
  });

  it('accepts objects with a null prototype and objects from another realm (the bundle runs in vm)', () => {
    const bare = Object.assign(Object.create(null), { a: 1 });
    expect(toScriptRunValue(bare, 'return')).toEqual({ a: 1 });
    const foreign = vm.runInNewContext('({ a: [1, { b: "x" }] })');
    expect(toScriptRunValue(foreign, 'return')).toEqual({ a: [1, { b: 'x' }] });
  });

  it('accepts the same object reached twice (shared, not circular)', () => {
    const shared = { x: 1 };
    expect(toScriptRunValue({ a: shared, b: shared }, 'return')).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });
});

describe(`google.script.run prohibited values fail the call (${RUN}#myFunction(...))`, () => {
  it('fails for a Date, naming the property like Apps Script ("Failed due to illegal value in property")', () => {
    const e = failure(() => toScriptRunValue({ plan: { due: new Date(0) } }, 'argument'));
    expect(e.message).toMatch(/^Failed due to illegal value in property: due /);
    expect(e.path).toBe('argument.plan.due');
    expect(e.found).toBe('a Date');
  });

  it('fails for a Date from another realm too', () => {
    const foreignDate = vm.runInNewContext('new Date(0)');
    expect(() => toScriptRunValue([foreignDate], 'return')).toThrow(ScriptRunError);
  });

  it('fails for a Function, at top level and inside arrays', () => {
    expect(() => toScriptRunValue(() => 1, 'argument')).toThrow(ScriptRunError);
    const e = failure(() => toScriptRunValue([1, [2, () => 3]], 'return'));
    expect(e.path).toBe('return value[1][1]');
    expect(e.property).toBe('1');
  });

  it('fails for circular references ("Objects that create circular references will also fail")', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(failure(() => toScriptRunValue(a, 'argument')).found).toBe('a circular reference');
    const arr: unknown[] = [];
    arr.push(arr);
    expect(() => toScriptRunValue(arr, 'return')).toThrow(ScriptRunError);
  });

  it('return values have "the same restrictions as parameter types"', () => {
    expect(() => toScriptRunValue({ when: new Date() }, 'return')).toThrow(ScriptRunError);
  });

  it('reference silent: Map, Set, RegExp, class instances, boxed primitives, typed arrays, Error fail (stricter: "other prohibited type")', () => {
    class Plan {
      constructor(readonly id: number) {}
    }
    const bad: unknown[] = [
      new Map(),
      new Set(),
      /x/,
      new Plan(1),
      new String('s'),
      new Uint8Array(2),
      new Error('x'),
      Promise.resolve(1),
    ];
    for (const v of bad) {
      expect(() => toScriptRunValue({ v }, 'argument')).toThrow(ScriptRunError);
      expect(() => toScriptRunValue([v], 'return')).toThrow(ScriptRunError);
    }
    expect(failure(() => toScriptRunValue(new Plan(1), 'return')).found).toBe('an instance of Plan');
  });

  it('reference silent: Symbol and BigInt values, and symbol keys, fail (stricter)', () => {
    expect(() => toScriptRunValue(Symbol('s'), 'argument')).toThrow(ScriptRunError);
    expect(() => toScriptRunValue({ n: BigInt(1) }, 'return')).toThrow(ScriptRunError);
    expect(() => toScriptRunValue({ [Symbol('k')]: 1 }, 'return')).toThrow(ScriptRunError);
  });

  it('reference silent: NaN and ±Infinity fail although they are Numbers (stricter; JSON cannot carry them)', () => {
    for (const n of [NaN, Infinity, -Infinity]) {
      expect(() => toScriptRunValue(n, 'return')).toThrow(ScriptRunError);
      expect(() => toScriptRunValue({ rate: n }, 'argument')).toThrow(/illegal value in property: rate/);
    }
  });
});

describe(`google.script.run undefined handling (${RUN}, ${COMM})`, () => {
  it('"undefined fields within arrays become null", holes too', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(toScriptRunValue([1, undefined, , 4], 'argument')).toEqual([1, null, null, 4]);
    expect(toScriptRunValue({ a: [undefined] }, 'return')).toEqual({ a: [null] });
  });

  it('reference silent: undefined object properties are dropped (the key does not arrive)', () => {
    const received = toScriptRunValue({ a: 1, b: undefined }, 'return') as Record<string, unknown>;
    expect(received).toEqual({ a: 1 });
    expect('b' in received).toBe(false);
  });

  it('reference silent: a top-level undefined (a void server function) arrives as null, so clients cannot rely on undefined', () => {
    expect(toScriptRunValue(undefined, 'return')).toBeNull();
    expect(toScriptRunValue(undefined, 'argument')).toBeNull();
  });
});

describe(`google.script.run arguments list (${RUN}#myFunction(...))`, () => {
  it('checks each argument and names its index', () => {
    expect(toScriptRunArguments(['x', { n: 1 }, undefined])).toEqual(['x', { n: 1 }, null]);
    const e = failure(() => toScriptRunArguments(['ok', new Date()]));
    expect(e.path).toBe('argument[1]');
    expect(e.message).toMatch(/^Failed due to illegal value in property: 1 /);
  });

  it('reference: a DOM element other than a form fails; the local runtime has no DOM, so forms are not modelled', () => {
    // A stand-in with a non-plain prototype, as any DOM node would have.
    class HTMLInputElementLike {}
    expect(() => toScriptRunArguments([new HTMLInputElementLike()])).toThrow(ScriptRunError);
  });
});
