// Browser side of the local sidebar harness: google.script.run and google.script.host bridged
// over HTTP to the bundle running in the local runtime. Arguments go through the same
// serialisation rules as Apps Script (a Date fails the call, undefined in arrays becomes null).
import { toScriptRunArguments } from './gas/script-run';

type Handler = (value: unknown, userObject?: unknown) => void;

interface RunnerState {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}

function makeRunner(state: RunnerState): unknown {
  return new Proxy(
    {},
    {
      get(_target, prop: string) {
        if (prop === 'withSuccessHandler') return (fn: Handler) => makeRunner({ ...state, success: fn });
        if (prop === 'withFailureHandler') return (fn: Handler) => makeRunner({ ...state, failure: fn });
        if (prop === 'withUserObject') return (obj: unknown) => makeRunner({ ...state, userObject: obj });
        return (...args: unknown[]) => invoke(prop, args, state);
      },
    },
  );
}

function fail(state: RunnerState, message: string): void {
  const error = new Error(message);
  if (state.failure) state.failure(error, state.userObject);
  else console.error(error);
}

function invoke(name: string, args: unknown[], state: RunnerState): void {
  let payload: unknown;
  try {
    payload = toScriptRunArguments(args);
  } catch (e) {
    // Apps Script rejects the call on the client before it reaches the server.
    setTimeout(() => fail(state, (e as Error).message), 0);
    return;
  }
  fetch(`/rpc/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
    .then((r) => r.json())
    .then((body: { ok: boolean; value?: unknown; error?: string }) => {
      if (body.ok) state.success?.(body.value ?? null, state.userObject);
      else fail(state, body.error ?? 'Error');
    })
    .catch((e: Error) => fail(state, e.message));
}

const w = window as unknown as { google: unknown };
w.google = {
  script: {
    run: makeRunner({}),
    host: {
      close: () => document.body.setAttribute('data-closed', 'true'),
      setHeight: () => undefined,
      setWidth: () => undefined,
      editor: { focus: () => undefined },
    },
  },
};
