import { CallCounter } from '../../../src/local/gas/counter';
import { LocalSession } from '../../../src/local/gas/session';

const SESSION = 'https://developers.google.com/apps-script/reference/base/session';
const USER = 'https://developers.google.com/apps-script/reference/base/user';

function setup(activeUser = 'tanaka@city.example.lg.jp', effectiveUser = 'owner@city.example.lg.jp') {
  const counter = new CallCounter();
  return { counter, session: new LocalSession(counter, { activeUser, effectiveUser, timeZone: 'Asia/Tokyo' }) };
}

describe(`Session users (${SESSION}#getActiveUser(), ${SESSION}#getEffectiveUser(), ${USER}#getEmail())`, () => {
  it('getActiveUser().getEmail() is the current user; getEffectiveUser() the user the script runs as', () => {
    const { counter, session } = setup();
    expect(session.getActiveUser().getEmail()).toBe('tanaka@city.example.lg.jp');
    expect(session.getEffectiveUser().getEmail()).toBe('owner@city.example.lg.jp');
    expect(counter.snapshot()).toMatchObject({
      'Session.getActiveUser': 1,
      'Session.getEffectiveUser': 1,
      'User.getEmail': 2,
    });
  });

  it('"If security policies do not allow access to the user\'s identity, User.getEmail() returns a blank string"', () => {
    const { session } = setup('');
    expect(session.getActiveUser().getEmail()).toBe('');
  });
});

describe(`Session settings (${SESSION}#getScriptTimeZone(), ${SESSION}#getActiveUserLocale())`, () => {
  it('getScriptTimeZone returns the script time zone', () => {
    const { session } = setup();
    expect(session.getScriptTimeZone()).toBe('Asia/Tokyo');
  });

  it('getActiveUserLocale returns the language as a string ("en for English"): ja here', () => {
    const { session } = setup();
    expect(session.getActiveUserLocale()).toBe('ja');
  });

  it('an unknown time zone is refused when the runtime is set up (stricter than a silent GMT fallback)', () => {
    expect(
      () => new LocalSession(new CallCounter(), { activeUser: '', effectiveUser: '', timeZone: 'Asia/Nowhere' }),
    ).toThrow('Invalid time zone: Asia/Nowhere');
  });
});

describe(`Session.getTemporaryActiveUserKey (${SESSION}#getTemporaryActiveUserKey())`, () => {
  it('is "unique to the active user but does not reveal the user identity"', () => {
    const a = setup('a@example.com').session;
    const b = setup('b@example.com').session;
    const keyA = a.getTemporaryActiveUserKey();
    expect(keyA).toBe(a.getTemporaryActiveUserKey());
    expect(keyA).not.toBe(b.getTemporaryActiveUserKey());
    expect(keyA).not.toContain('a@example.com');
    expect(keyA.length).toBeGreaterThan(20);
  });
});
