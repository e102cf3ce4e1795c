// Local LockService, following https://developers.google.com/apps-script/reference/lock/lock-service
// and https://developers.google.com/apps-script/reference/lock/lock.
//
// One Node process is one Apps Script execution. Each kind (document/script/user) has one lock
// state shared by every Lock object of that kind; another execution holding the lock is simulated
// with holdByAnotherProcess(). Nothing waits in real time: a timeout only decides whether a
// simulated holder would have released in time.

import type { CallCounter } from './counter';
import { signatureError } from './utilities';

export type LockKind = 'document' | 'script' | 'user';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

interface OtherHolder {
  /** Virtual milliseconds after which the other execution releases; Infinity = never. */
  releaseAfterMs: number;
}

interface LockState {
  holder: LocalLock | OtherHolder | null;
}

function checkTimeout(method: string, timeoutInMillis: unknown): number {
  if (typeof timeoutInMillis !== 'number') throw signatureError(method, [timeoutInMillis]);
  // The reference types the timeout as Integer and is silent on negative or fractional values;
  // the stricter choice refuses them.
  if (!Number.isInteger(timeoutInMillis) || timeoutInMillis < 0) {
    throw new Error(`${method}: timeoutInMillis must be a non-negative integer (got ${timeoutInMillis}).`);
  }
  return timeoutInMillis;
}

/** https://developers.google.com/apps-script/reference/lock/lock */
export class LocalLock implements GoogleAppsScript.Lock.Lock {
  constructor(
    private readonly counter: CallCounter,
    private readonly state: LockState,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    this.counter.count('Lock.tryLock');
    return this.acquire(checkTimeout('Lock.tryLock', timeoutInMillis));
  }

  waitLock(timeoutInMillis: number): void {
    this.counter.count('Lock.waitLock');
    // The reference: the same as tryLock, but throws instead of returning false.
    if (!this.acquire(checkTimeout('Lock.waitLock', timeoutInMillis))) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  releaseLock(): void {
    this.counter.count('Lock.releaseLock');
    // The reference: no effect if the lock has not been acquired.
    if (this.state.holder === this) this.state.holder = null;
  }

  hasLock(): boolean {
    this.counter.count('Lock.hasLock');
    return this.state.holder === this;
  }

  private acquire(timeoutMs: number): boolean {
    const holder = this.state.holder;
    // The reference: tryLock "has no effect if the lock has already been acquired".
    if (holder === this) return true;
    if (holder === null) {
      this.state.holder = this;
      return true;
    }
    if (holder instanceof LocalLock) {
      // Another Lock object of the same kind in this execution. The reference is silent; the
      // stricter choice treats it as a different holder that never releases while we wait.
      return false;
    }
    if (holder.releaseAfterMs <= timeoutMs) {
      this.state.holder = this;
      return true;
    }
    return false;
  }
}

/** https://developers.google.com/apps-script/reference/lock/lock-service */
export class LocalLockService implements GoogleAppsScript.Lock.LockService {
  private readonly states: Record<LockKind, LockState> = {
    document: { holder: null },
    script: { holder: null },
    user: { holder: null },
  };

  constructor(private readonly counter: CallCounter) {}

  getDocumentLock(): LocalLock {
    this.counter.count('LockService.getDocumentLock');
    return new LocalLock(this.counter, this.states.document);
  }

  getScriptLock(): LocalLock {
    this.counter.count('LockService.getScriptLock');
    return new LocalLock(this.counter, this.states.script);
  }

  getUserLock(): LocalLock {
    this.counter.count('LockService.getUserLock');
    return new LocalLock(this.counter, this.states.user);
  }

  /**
   * Test hook (not Apps Script): another execution takes the lock of this kind. With
   * `releaseAfterMs`, a waiter whose timeout is at least that long gets the lock.
   */
  holdByAnotherProcess(kind: LockKind, opts: { releaseAfterMs?: number } = {}): void {
    const state = this.states[kind];
    if (state.holder instanceof LocalLock) {
      throw new Error(`holdByAnotherProcess: this execution holds the ${kind} lock; release it first.`);
    }
    state.holder = { releaseAfterMs: opts.releaseAfterMs ?? Infinity };
  }

  /** Test hook (not Apps Script): the other execution releases the lock of this kind. */
  releaseByAnotherProcess(kind: LockKind): void {
    const state = this.states[kind];
    if (state.holder !== null && !(state.holder instanceof LocalLock)) state.holder = null;
  }

  /**
   * Runtime hook (not Apps Script): the execution ends. The reference: "The lock is automatically
   * released when the script terminates".
   */
  localEndExecution(): void {
    for (const state of Object.values(this.states)) {
      if (state.holder instanceof LocalLock) state.holder = null;
    }
  }

  /** Test hook (not Apps Script): who holds the lock of this kind. */
  localHolder(kind: LockKind): 'none' | 'this-execution' | 'another-process' {
    const h = this.states[kind].holder;
    return h === null ? 'none' : h instanceof LocalLock ? 'this-execution' : 'another-process';
  }
}
