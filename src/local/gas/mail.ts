// Local MailApp, following https://developers.google.com/apps-script/reference/mail/mail-app and
// the mail quotas of https://developers.google.com/apps-script/guides/services/quotas.
// Nothing leaves the machine: one MailStore is the outbox of this local Google; every message the
// add-on sends is recorded there, with its sender, recipients and content, so tests read what each
// department received. Where the reference is silent the stricter behaviour is chosen
// (see test/local/gas/mail.test.ts).

import type { CallCounter } from './counter';
import { signatureError } from './utilities';

/** Scopes each method needs, from its reference page (Authorization section). */
export const MAIL_SCOPES: Record<string, readonly string[]> = {
  'MailApp.getRemainingDailyQuota': ['https://www.googleapis.com/auth/script.send_mail'],
  'MailApp.sendEmail': ['https://www.googleapis.com/auth/script.send_mail'],
};

/**
 * Quotas page: a consumer (gmail.com) account may mail 100 recipients a day, a Google Workspace
 * account 1,500; 50 recipients per message. A municipality uses Workspace, but the stricter
 * consumer figure is the default so a test that fits it fits everywhere.
 */
export const DEFAULT_DAILY_RECIPIENTS = 100;
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
/** Quotas page: "Email body size" 200 KB per message for consumer accounts. */
export const MAX_BODY_BYTES = 200 * 1024;

/** What Apps Script throws when the day's recipients are used up (quotas page, "Troubleshooting"). */
export const QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
export const PER_MESSAGE_MESSAGE = 'Limit Exceeded: Email Recipients Per Message.';
export const BODY_SIZE_MESSAGE = 'Limit Exceeded: Email Body Size.';
export const NO_RECIPIENT_MESSAGE = 'Failed to send email: no recipient';

export interface SentMail {
  from: string;
  /** The sender display name (options.name), '' when not given. */
  name: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string;
  subject: string;
  body: string;
  htmlBody: string;
  noReply: boolean;
  attachments: number;
  at: Date;
}

/** Every mail of this local Google: what was sent, and each sender's quota for the day. */
export class MailStore {
  readonly sent: SentMail[] = [];
  /** Recipients each sender may still reach today; absent means the full daily quota. */
  private readonly used = new Map<string, { day: string; count: number }>();
  now: () => Date = () => new Date();

  constructor(public dailyQuota = DEFAULT_DAILY_RECIPIENTS) {}

  private day(): string {
    // Quotas reset 24 hours after the first request; a calendar day (UTC) is close enough and
    // never more generous within one test.
    return this.now().toISOString().slice(0, 10);
  }

  remaining(sender: string): number {
    const u = this.used.get(sender);
    const count = u && u.day === this.day() ? u.count : 0;
    return Math.max(0, this.dailyQuota - count);
  }

  /** Test hook: spend part of a sender's quota, as earlier executions of the day would have. */
  spend(sender: string, recipients: number): void {
    const day = this.day();
    const u = this.used.get(sender);
    const count = u && u.day === day ? u.count : 0;
    this.used.set(sender, { day, count: count + recipients });
  }

  /** Messages that reached `address` (in to, cc or bcc). */
  inbox(address: string): SentMail[] {
    const a = address.toLowerCase();
    return this.sent.filter((m) => [...m.to, ...m.cc, ...m.bcc].some((x) => x.toLowerCase() === a));
  }
}

type MailOptions = {
  to?: unknown; cc?: unknown; bcc?: unknown; replyTo?: unknown; name?: unknown; subject?: unknown;
  body?: unknown; htmlBody?: unknown; noReply?: unknown; attachments?: unknown; inlineImages?: unknown;
};

// A plain address, as the add-on and the reference examples use (no "Name <addr>" forms).
const ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

function addresses(field: string, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') throw signatureError('MailApp.sendEmail', [value]);
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) {
    // The reference is silent on the message; Apps Script reports "Invalid email: <address>".
    if (!ADDRESS.test(a)) throw new Error(`Invalid email: ${a}`);
  }
  void field;
  return list;
}

/** https://developers.google.com/apps-script/reference/mail/mail-app */
export class LocalMailApp {
  constructor(
    private readonly counter: CallCounter,
    readonly store: MailStore,
    /** The effective user: mail is sent from, and counted against, this account. */
    private readonly sender: string,
  ) {}

  /** "Returns the number of recipients you can send emails to for the rest of the day." */
  getRemainingDailyQuota(): number {
    this.counter.count('MailApp.getRemainingDailyQuota');
    return this.store.remaining(this.sender);
  }

  /**
   * sendEmail(message), (recipient, subject, body), (recipient, subject, body, options) and
   * (to, replyTo, subject, body). All checks run before anything is sent: a refused message is
   * not sent to anyone and costs no quota.
   */
  sendEmail(...args: unknown[]): void {
    this.counter.count('MailApp.sendEmail');
    let o: MailOptions;
    if (args.length === 1 && args[0] !== null && typeof args[0] === 'object') {
      o = args[0] as MailOptions;
    } else if (args.length === 3 && args.every((a) => typeof a === 'string')) {
      o = { to: args[0], subject: args[1], body: args[2] };
    } else if (args.length === 4 && typeof args[3] === 'string' && args.slice(0, 3).every((a) => typeof a === 'string')) {
      o = { to: args[0], replyTo: args[1], subject: args[2], body: args[3] };
    } else if (args.length === 4 && args.slice(0, 3).every((a) => typeof a === 'string') && args[3] !== null && typeof args[3] === 'object') {
      o = { ...(args[3] as MailOptions), to: args[0], subject: args[1], body: args[2] };
    } else {
      throw signatureError('MailApp.sendEmail', args);
    }
    for (const k of ['subject', 'body', 'htmlBody', 'name', 'replyTo'] as const) {
      if (o[k] !== undefined && typeof o[k] !== 'string') throw signatureError('MailApp.sendEmail', args);
    }
    if (o.noReply !== undefined && typeof o.noReply !== 'boolean') throw signatureError('MailApp.sendEmail', args);
    if (o.attachments !== undefined && !Array.isArray(o.attachments)) throw signatureError('MailApp.sendEmail', args);
    const to = addresses('to', o.to);
    const cc = addresses('cc', o.cc);
    const bcc = addresses('bcc', o.bcc);
    const replyTo = addresses('replyTo', o.replyTo);
    const recipients = to.length + cc.length + bcc.length;
    if (recipients === 0) throw new Error(NO_RECIPIENT_MESSAGE);
    if (recipients > MAX_RECIPIENTS_PER_MESSAGE) throw new Error(PER_MESSAGE_MESSAGE);
    const body = (o.body as string | undefined) ?? '';
    const htmlBody = (o.htmlBody as string | undefined) ?? '';
    if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES || Buffer.byteLength(htmlBody, 'utf8') > MAX_BODY_BYTES) {
      throw new Error(BODY_SIZE_MESSAGE);
    }
    // The quota counts recipients; a message that does not fit is refused whole.
    if (recipients > this.store.remaining(this.sender)) throw new Error(QUOTA_MESSAGE);
    this.store.spend(this.sender, recipients);
    this.store.sent.push({
      from: this.sender,
      name: (o.name as string | undefined) ?? '',
      to, cc, bcc,
      replyTo: replyTo.join(','),
      subject: (o.subject as string | undefined) ?? '',
      body, htmlBody,
      noReply: (o.noReply as boolean | undefined) ?? false,
      attachments: Array.isArray(o.attachments) ? o.attachments.length : 0,
      at: this.store.now(),
    });
  }
}
