// Loads the built add-on (dist/Code.js) into a bare V8 context that holds only the Apps Script
// globals of the local runtime: no require, process, Buffer or module, as in Apps Script.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext, runInContext, type Context } from 'node:vm';

export const DIST = resolve(__dirname, '../../dist');

export interface LoadedBundle {
  context: Context;
  /** Calls a global function of the bundle as Apps Script would (menu, trigger, google.script.run). */
  call(name: string, ...args: unknown[]): unknown;
  /** Own global names the script defined (what Apps Script would list as functions). */
  globalNames(): string[];
}

export function readDist(file: string): string {
  return readFileSync(join(DIST, file), 'utf8');
}

export function loadBundle(globals: Record<string, unknown>, code = readDist('Code.js')): LoadedBundle {
  const context = createContext({ ...globals });
  const before = new Set(Object.getOwnPropertyNames(context));
  runInContext(code, context, { filename: 'Code.js' });
  return {
    context,
    call(name, ...args) {
      const fn = (context as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
      return (fn as (...a: unknown[]) => unknown)(...args);
    },
    globalNames() {
      return Object.getOwnPropertyNames(context).filter((n) => !before.has(n));
    },
  };
}
