import { UserError } from './errors';

/** How long to wait for someone else's run to finish before giving up. */
const LOCK_WAIT_MS = 10000;

/**
 * Runs `fn` under the document lock so two people running 集計 at once cannot interleave
 * their writes. Output is computed before any write, so a refused run writes nothing.
 */
export function withDocumentLock<T>(what: string, fn: () => T): T {
  // getDocumentLock is null outside a document (the reference); the script lock still
  // serialises runs there.
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new UserError(`他の方が「${what}」などを実行中です。少し待ってから、もう一度実行してください。`);
  }
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
