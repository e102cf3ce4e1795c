import { CallCounter } from '../../../src/local/gas/counter';
import { LOCK_TIMEOUT_MESSAGE, LocalLockService } from '../../../src/local/gas/lock';

const LOCK = 'https://developers.google.com/apps-script/reference/lock/lock';
const SERVICE = 'https://developers.google.com/apps-script/reference/lock/lock-service';

function setup() {
  const counter = new CallCounter();
  return { counter, service: new LocalLockService(counter) };
}

describe(`LockService (${SERVICE})`, () => {
  it('getDocumentLock, getScriptLock and getUserLock return locks, counted', () => {
    const { counter, service } = setup();
    for (const lock of [service.getDocumentLock(), service.getScriptLock(), service.getUserLock()]) {
      expect(lock.hasLock()).toBe(false);
    }
    expect(counter.snapshot()).toMatchObject({
      'LockService.getDocumentLock': 1,
      'LockService.getScriptLock': 1,
      'LockService.getUserLock': 1,
      'Lock.hasLock': 3,
    });
  });

  it('the three kinds are independent', () => {
    const { service } = setup();
    expect(service.getScriptLock().tryLock(0)).toBe(true);
    expect(service.getDocumentLock().tryLock(0)).toBe(true);
    expect(service.getUserLock().tryLock(0)).toBe(true);
  });
});

describe(`Lock.tryLock (${LOCK}#tryLock(Integer))`, () => {
  it('acquires a free lock and returns true; hasLock is then true', () => {
    const { counter, service } = setup();
    const lock = service.getScriptLock();
    expect(lock.tryLock(10000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(counter.snapshot()['Lock.tryLock']).toBe(1);
  });

  it('returns false when another execution holds the lock past the timeout', () => {
    const { service } = setup();
    service.holdByAnotherProcess('script');
    const lock = service.getScriptLock();
    expect(lock.tryLock(10000)).toBe(false);
    expect(lock.hasLock()).toBe(false);
  });

  it('acquires once the other execution releases within the timeout', () => {
    const { service } = setup();
    service.holdByAnotherProcess('document', { releaseAfterMs: 5000 });
    expect(service.getDocumentLock().tryLock(1000)).toBe(false);
    const lock = service.getDocumentLock();
    expect(lock.tryLock(5000)).toBe(true);
    expect(service.localHolder('document')).toBe('this-execution');
  });

  it('acquires after releaseByAnotherProcess', () => {
    const { service } = setup();
    service.holdByAnotherProcess('user');
    const lock = service.getUserLock();
    expect(lock.tryLock(0)).toBe(false);
    service.releaseByAnotherProcess('user');
    expect(lock.tryLock(0)).toBe(true);
  });

  it('"This method has no effect if the lock has already been acquired": re-entrant for the same Lock object', () => {
    const { service } = setup();
    const lock = service.getScriptLock();
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });

  it('reference silent: a second Lock object of the same kind does not get a held lock (stricter)', () => {
    const { service } = setup();
    const first = service.getScriptLock();
    const second = service.getScriptLock();
    expect(first.tryLock(0)).toBe(true);
    expect(second.tryLock(30000)).toBe(false);
    expect(second.hasLock()).toBe(false);
    first.releaseLock();
    expect(second.tryLock(0)).toBe(true);
  });

  it('reference silent on negative or fractional timeouts: refused (stricter); non-numbers fail the signature', () => {
    const { service } = setup();
    const lock = service.getScriptLock();
    expect(() => lock.tryLock(-1)).toThrow(/non-negative integer/);
    expect(() => lock.tryLock(1.5)).toThrow(/non-negative integer/);
    expect(() => lock.tryLock('10' as unknown as number)).toThrow(
      "The parameters (String) don't match the method signature for Lock.tryLock.",
    );
  });
});

describe(`Lock.waitLock (${LOCK}#waitLock(Integer))`, () => {
  it('acquires a free lock', () => {
    const { service } = setup();
    const lock = service.getScriptLock();
    lock.waitLock(30000);
    expect(lock.hasLock()).toBe(true);
  });

  it('throws the Apps Script timeout message when it cannot get the lock', () => {
    const { counter, service } = setup();
    service.holdByAnotherProcess('script');
    const lock = service.getScriptLock();
    expect(() => lock.waitLock(30000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(LOCK_TIMEOUT_MESSAGE).toBe('Lock timeout: another process was holding the lock for too long.');
    expect(lock.hasLock()).toBe(false);
    expect(counter.snapshot()['Lock.waitLock']).toBe(1);
  });

  it('succeeds when the other execution finishes within the timeout', () => {
    const { service } = setup();
    service.holdByAnotherProcess('script', { releaseAfterMs: 20000 });
    const lock = service.getScriptLock();
    lock.waitLock(30000);
    expect(lock.hasLock()).toBe(true);
  });
});

describe(`Lock.releaseLock and hasLock (${LOCK}#releaseLock(), ${LOCK}#hasLock())`, () => {
  it('hasLock is false if tryLock/waitLock were never called', () => {
    const { service } = setup();
    expect(service.getScriptLock().hasLock()).toBe(false);
  });

  it('releaseLock lets another Lock object acquire; hasLock is false after release', () => {
    const { service } = setup();
    const a = service.getScriptLock();
    a.waitLock(1000);
    a.releaseLock();
    expect(a.hasLock()).toBe(false);
    expect(service.getScriptLock().tryLock(0)).toBe(true);
  });

  it('"This method has no effect if the lock has not been acquired"', () => {
    const { service } = setup();
    const holder = service.getScriptLock();
    holder.waitLock(0);
    const other = service.getScriptLock();
    other.releaseLock();
    expect(holder.hasLock()).toBe(true);
    service.holdByAnotherProcess('user');
    service.getUserLock().releaseLock();
    expect(service.localHolder('user')).toBe('another-process');
  });

  it('"The lock is automatically released when the script terminates" (localEndExecution)', () => {
    const { service } = setup();
    service.getScriptLock().waitLock(0);
    service.getDocumentLock().waitLock(0);
    service.localEndExecution();
    expect(service.localHolder('script')).toBe('none');
    expect(service.localHolder('document')).toBe('none');
  });

  it('test hook refuses to simulate another holder while this execution holds the lock', () => {
    const { service } = setup();
    service.getScriptLock().waitLock(0);
    expect(() => service.holdByAnotherProcess('script')).toThrow(/release it first/);
  });
});
