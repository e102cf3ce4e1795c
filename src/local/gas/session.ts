// Local Session and User, following https://developers.google.com/apps-script/reference/base/session
// and https://developers.google.com/apps-script/reference/base/user.

import { createHash } from 'node:crypto';
import type { CallCounter } from './counter';
import { assertTimeZone } from './utilities';

export interface LocalSessionOptions {
  /** '' models a context where the active user's identity is hidden (e.g. a simple trigger). */
  activeUser: string;
  effectiveUser: string;
  /** IANA zone, e.g. 'Asia/Tokyo'. */
  timeZone: string;
  /** Defaults to 'ja': the add-on's users are Japanese municipalities. */
  locale?: string;
  /** When set, getActiveUser() throws an Error with this message (some add-on contexts do). */
  activeUserError?: string;
}

/**
 * What Base.User and Drive.User (https://developers.google.com/apps-script/reference/drive/user)
 * share: a user known by an email address, whose calls count as `User.*`.
 */
export abstract class LocalUserBase {
  constructor(
    protected readonly counter: CallCounter,
    protected readonly email: string,
  ) {}

  getEmail(): string {
    this.counter.count('User.getEmail');
    return this.email;
  }
}

/** https://developers.google.com/apps-script/reference/base/user */
export class LocalUser extends LocalUserBase implements GoogleAppsScript.Base.User {
  /** Deprecated in Apps Script; it returned the email address. */
  getUserLoginId(): string {
    this.counter.count('User.getUserLoginId');
    return this.email;
  }
}

/** https://developers.google.com/apps-script/reference/base/session */
export class LocalSession implements GoogleAppsScript.Base.Session {
  private readonly opts: Required<Omit<LocalSessionOptions, 'activeUserError'>> & Pick<LocalSessionOptions, 'activeUserError'>;

  constructor(
    private readonly counter: CallCounter,
    opts: LocalSessionOptions,
  ) {
    // Fail at setup rather than later inside Utilities.formatDate.
    assertTimeZone(opts.timeZone);
    this.opts = { locale: 'ja', ...opts };
  }

  getActiveUser(): LocalUser {
    this.counter.count('Session.getActiveUser');
    if (this.opts.activeUserError !== undefined) throw new Error(this.opts.activeUserError);
    return new LocalUser(this.counter, this.shown(this.opts.activeUser));
  }

  getEffectiveUser(): LocalUser {
    this.counter.count('Session.getEffectiveUser');
    return new LocalUser(this.counter, this.shown(this.opts.effectiveUser));
  }

  /**
   * The reference (base/user getEmail) says the address is blank where policy hides it. It is
   * silent on a manifest without userinfo.email; the stricter choice: blank then too.
   */
  private shown(email: string): string {
    const guard = this.counter.scopes;
    return guard && !guard.has('userinfo.email') ? '' : email;
  }

  getActiveUserLocale(): string {
    this.counter.count('Session.getActiveUserLocale');
    return this.opts.locale;
  }

  getScriptTimeZone(): string {
    this.counter.count('Session.getScriptTimeZone');
    return this.opts.timeZone;
  }

  /**
   * The reference: "a temporary key that is unique to the active user but does not reveal the
   * user identity". Stable within one runtime, derived one-way from the address.
   */
  getTemporaryActiveUserKey(): string {
    this.counter.count('Session.getTemporaryActiveUserKey');
    return createHash('sha256')
      .update('local-gas-temporary-user-key\u0000' + this.opts.activeUser)
      .digest('base64')
      .replace(/=+$/, '');
  }

  /** Deprecated alias of getScriptTimeZone. */
  getTimeZone(): string {
    this.counter.count('Session.getTimeZone');
    return this.opts.timeZone;
  }

  /** Deprecated alias of getActiveUser. */
  getUser(): LocalUser {
    this.counter.count('Session.getUser');
    return new LocalUser(this.counter, this.opts.activeUser);
  }
}
