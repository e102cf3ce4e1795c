// Typed promise wrapper around google.script.run: the server function names and their
// argument/return types come from src/addon/api.ts, so a typo or a wrong argument is a
// compile error in the sidebar rather than a runtime failure in Apps Script.
import type { ServerApi, ServerFunction } from '../src/addon/api';
import { accountProblem } from '../src/core/account';

interface ScriptRunner {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRunner;
  withFailureHandler(fn: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } };

export function call<K extends ServerFunction>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}

/**
 * The message of a failed call, as Apps Script hands it to the failure handler; an account or
 * authorization failure (several Google accounts signed in) becomes what to do, in Japanese.
 */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return accountProblem(text) ?? text.replace(/^(Exception|Error):\s*/, '');
}
