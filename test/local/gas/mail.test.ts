// Contract tests of the local MailApp (reference/mail/mail-app and guides/services/quotas).
// Where the reference is silent the test says so and the fake takes the stricter behaviour.
import { CallCounter } from '../../../src/local/gas/counter';
import {
  LocalMailApp, MailStore, MAIL_SCOPES, NO_RECIPIENT_MESSAGE, PER_MESSAGE_MESSAGE, QUOTA_MESSAGE, BODY_SIZE_MESSAGE,
} from '../../../src/local/gas/mail';

const ME = 'jimukyoku@example.jp';

function setup(quota = 100) {
  const counter = new CallCounter();
  const store = new MailStore(quota);
  return { counter, store, app: new LocalMailApp(counter, store, ME) };
}

describe('MailApp.sendEmail (reference/mail/mail-app)', () => {
  test('sendEmail(recipient, subject, body) records one message from the effective user', () => {
    const { app, store } = setup();
    app.sendEmail('a@example.jp', '件名', '本文');
    expect(store.sent).toHaveLength(1);
    expect(store.sent[0]).toMatchObject({ from: ME, to: ['a@example.jp'], subject: '件名', body: '本文', cc: [], bcc: [] });
  });

  test('sendEmail(recipient, subject, body, options): cc, bcc, name, replyTo, htmlBody, noReply', () => {
    const { app, store } = setup();
    app.sendEmail('a@example.jp,b@example.jp', '件名', '本文', {
      cc: 'c@example.jp', bcc: 'd@example.jp', name: '情報政策課', replyTo: 'jimukyoku@example.jp', htmlBody: '<p>本文</p>', noReply: false,
    });
    const m = store.sent[0];
    expect(m.to).toEqual(['a@example.jp', 'b@example.jp']);
    expect(m.cc).toEqual(['c@example.jp']);
    expect(m.bcc).toEqual(['d@example.jp']);
    expect(m.name).toBe('情報政策課');
    expect(m.replyTo).toBe('jimukyoku@example.jp');
    expect(m.htmlBody).toBe('<p>本文</p>');
    expect(store.inbox('D@example.jp')).toHaveLength(1);
  });

  test('sendEmail(message) object form and sendEmail(to, replyTo, subject, body)', () => {
    const { app, store } = setup();
    app.sendEmail({ to: 'a@example.jp', subject: 's', body: 'b', name: 'N' });
    app.sendEmail('a@example.jp', 'reply@example.jp', 's2', 'b2');
    expect(store.sent.map((m) => m.subject)).toEqual(['s', 's2']);
    expect(store.sent[1].replyTo).toBe('reply@example.jp');
  });

  test('wrong argument types throw the signature error', () => {
    const { app } = setup();
    expect(() => (app.sendEmail as (...a: unknown[]) => void)('a@example.jp', 1, 'b')).toThrow("don't match the method signature for MailApp.sendEmail");
    expect(() => (app.sendEmail as (...a: unknown[]) => void)()).toThrow('MailApp.sendEmail');
  });

  test('no recipient, or a malformed address, sends nothing (reference silent on the text: Apps Script\'s own messages)', () => {
    const { app, store } = setup();
    expect(() => app.sendEmail({ to: '', subject: 's', body: 'b' })).toThrow(NO_RECIPIENT_MESSAGE);
    expect(() => app.sendEmail('a@example.jp, not-an-address', 's', 'b')).toThrow('Invalid email: not-an-address');
    expect(store.sent).toHaveLength(0);
    expect(app.getRemainingDailyQuota()).toBe(100);
  });

  test('quotas page: at most 50 recipients per message; body size limited', () => {
    const { app, store } = setup(1000);
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@example.jp`).join(',');
    expect(() => app.sendEmail(many, 's', 'b')).toThrow(PER_MESSAGE_MESSAGE);
    expect(() => app.sendEmail('a@example.jp', 's', 'x'.repeat(200 * 1024 + 1))).toThrow(BODY_SIZE_MESSAGE);
    expect(store.sent).toHaveLength(0);
  });
});

describe('MailApp.getRemainingDailyQuota and the daily quota (reference/mail/mail-app, guides/services/quotas)', () => {
  test('"the number of recipients you can send emails to for the rest of the day": counts recipients, not messages', () => {
    const { app } = setup(10);
    expect(app.getRemainingDailyQuota()).toBe(10);
    app.sendEmail('a@example.jp,b@example.jp', 's', 'b', { cc: 'c@example.jp' });
    expect(app.getRemainingDailyQuota()).toBe(7);
  });

  test('a message that does not fit the rest of the quota is refused whole, with Apps Script\'s quota message', () => {
    const { app, store } = setup(2);
    app.sendEmail('a@example.jp', 's', 'b');
    expect(() => app.sendEmail('b@example.jp,c@example.jp', 's', 'b')).toThrow(QUOTA_MESSAGE);
    expect(store.sent).toHaveLength(1);
    expect(app.getRemainingDailyQuota()).toBe(1);
  });

  test('the quota is per sender and renews the next day', () => {
    const { counter, store, app } = setup(1);
    let now = new Date('2026-05-01T01:00:00Z');
    store.now = () => now;
    app.sendEmail('a@example.jp', 's', 'b');
    expect(app.getRemainingDailyQuota()).toBe(0);
    expect(new LocalMailApp(counter, store, 'other@example.jp').getRemainingDailyQuota()).toBe(1);
    now = new Date('2026-05-02T01:00:00Z');
    expect(app.getRemainingDailyQuota()).toBe(1);
  });

  test('every call is counted by Class.method, and each method declares script.send_mail', () => {
    const { app, counter } = setup();
    app.getRemainingDailyQuota();
    app.sendEmail('a@example.jp', 's', 'b');
    expect(counter.snapshot()).toEqual({ 'MailApp.getRemainingDailyQuota': 1, 'MailApp.sendEmail': 1 });
    for (const m of Object.keys(counter.snapshot())) expect(MAIL_SCOPES[m]).toEqual(['https://www.googleapis.com/auth/script.send_mail']);
  });
});
