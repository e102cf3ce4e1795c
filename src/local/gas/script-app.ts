// Local ScriptApp triggers, following
//   https://developers.google.com/apps-script/reference/script/script-app
//   https://developers.google.com/apps-script/reference/script/trigger-builder
//   https://developers.google.com/apps-script/reference/script/clock-trigger-builder
//   https://developers.google.com/apps-script/reference/script/trigger
//   https://developers.google.com/apps-script/guides/triggers/installable (restrictions)
//   https://developers.google.com/workspace/add-ons/concepts/editor-triggers (add-on restrictions:
//   "one trigger of each type, per user, per document"; time-driven at most once per hour)
// A TriggerStore holds the project's installable triggers for every user; tests fire a clock
// trigger by hand (TriggerStore.due / the session's fireTrigger), since no clock runs here.
// Where the reference is silent the stricter behaviour is chosen (test/local/gas/script-app.test.ts).

import type { CallCounter } from './counter';
import { makeEnum } from './spreadsheet-ui';
import { signatureError } from './utilities';

const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';
/** Scopes each method needs, from its reference page (Authorization section). */
export const SCRIPT_APP_SCOPES: Record<string, readonly string[]> = {
  'ScriptApp.newTrigger': [SCRIPTAPP_SCOPE],
  'ScriptApp.getProjectTriggers': [SCRIPTAPP_SCOPE],
  'ScriptApp.getUserTriggers': [SCRIPTAPP_SCOPE],
  'ScriptApp.deleteTrigger': [SCRIPTAPP_SCOPE],
  'ClockTriggerBuilder.create': [SCRIPTAPP_SCOPE],
};

export const EventType = makeEnum<typeof GoogleAppsScript.Script.EventType>(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']);
export const TriggerSource = makeEnum<typeof GoogleAppsScript.Script.TriggerSource>(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
export const AuthMode = makeEnum<typeof GoogleAppsScript.Script.AuthMode>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const WeekDay = makeEnum<typeof GoogleAppsScript.Base.Weekday>(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY']);

/** Quotas page: 20 triggers per user per script. */
export const MAX_TRIGGERS_PER_USER = 20;
/** The reference for everyMinutes(n): "n must be 1, 5, 10, 15 or 30". */
const MINUTE_STEPS = [1, 5, 10, 15, 30];

// The reference pages do not give these messages; they say what is wrong like Apps Script does.
export const ADDON_ONE_PER_TYPE_MESSAGE = 'This add-on has created too many time-based triggers in this document for this Google user account.';
export const ADDON_HOURLY_MESSAGE = 'Add-ons may not create time-based triggers that run more often than once per hour.';
export const TOO_MANY_TRIGGERS_MESSAGE = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export interface Schedule {
  /** Interval in minutes (everyMinutes/everyHours/everyDays/everyWeeks), or null for one-off. */
  everyMinutes: number | null;
  atHour: number | null;
  nearMinute: number | null;
  weekDay: string | null;
  monthDay: number | null;
  /** One-off run time (at/atDate/after). */
  at: Date | null;
  timeZone: string | null;
}

export interface StoredTrigger {
  id: string;
  owner: string;
  handler: string;
  eventType: 'CLOCK';
  schedule: Schedule;
  created: Date;
}

/** The project's installable triggers, every user's. */
export class TriggerStore {
  readonly triggers: StoredTrigger[] = [];
  private seq = 0;
  now: () => Date = () => new Date();

  nextId(): string {
    return String(1_000_000 + ++this.seq);
  }

  of(owner: string): StoredTrigger[] {
    return this.triggers.filter((t) => t.owner === owner);
  }
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/** https://developers.google.com/apps-script/reference/script/trigger */
export class LocalTrigger {
  constructor(
    private readonly counter: CallCounter,
    readonly stored: StoredTrigger,
  ) {}

  getUniqueId(): string {
    this.counter.count('Trigger.getUniqueId');
    return this.stored.id;
  }

  getHandlerFunction(): string {
    this.counter.count('Trigger.getHandlerFunction');
    return this.stored.handler;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.counter.count('Trigger.getEventType');
    return EventType.CLOCK;
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.counter.count('Trigger.getTriggerSource');
    return TriggerSource.CLOCK;
  }

  /** The reference: null for a time-driven trigger. */
  getTriggerSourceId(): string | null {
    this.counter.count('Trigger.getTriggerSourceId');
    return null;
  }
}

/** https://developers.google.com/apps-script/reference/script/clock-trigger-builder */
export class LocalClockTriggerBuilder {
  private readonly s: Schedule = { everyMinutes: null, atHour: null, nearMinute: null, weekDay: null, monthDay: null, at: null, timeZone: null };

  constructor(
    private readonly app: LocalScriptApp,
    private readonly handler: string,
  ) {}

  private c(method: string): void {
    this.app.counter.count('ClockTriggerBuilder.' + method);
  }

  private interval(method: string, n: unknown, minutes: number): this {
    this.c(method);
    if (!isInt(n) || n < 1) throw signatureError('ClockTriggerBuilder.' + method, [n]);
    this.s.everyMinutes = n * minutes;
    return this;
  }

  everyMinutes(n: number): this {
    if (!MINUTE_STEPS.includes(n)) {
      this.c('everyMinutes');
      throw new Error('The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.');
    }
    return this.interval('everyMinutes', n, 1);
  }

  everyHours(n: number): this {
    return this.interval('everyHours', n, 60);
  }

  everyDays(n: number): this {
    return this.interval('everyDays', n, 24 * 60);
  }

  everyWeeks(n: number): this {
    return this.interval('everyWeeks', n, 7 * 24 * 60);
  }

  atHour(hour: number): this {
    this.c('atHour');
    if (!isInt(hour) || hour < 0 || hour > 23) throw signatureError('ClockTriggerBuilder.atHour', [hour]);
    this.s.atHour = hour;
    return this;
  }

  nearMinute(minute: number): this {
    this.c('nearMinute');
    if (!isInt(minute) || minute < 0 || minute > 59) throw signatureError('ClockTriggerBuilder.nearMinute', [minute]);
    this.s.nearMinute = minute;
    return this;
  }

  onWeekDay(day: GoogleAppsScript.Base.Weekday): this {
    this.c('onWeekDay');
    this.s.weekDay = String(day);
    return this;
  }

  onMonthDay(day: number): this {
    this.c('onMonthDay');
    if (!isInt(day) || day < 1 || day > 31) throw signatureError('ClockTriggerBuilder.onMonthDay', [day]);
    this.s.monthDay = day;
    return this;
  }

  inTimezone(timezone: string): this {
    this.c('inTimezone');
    new Intl.DateTimeFormat('en-US', { timeZone: timezone }); // throws on an unknown zone
    this.s.timeZone = timezone;
    return this;
  }

  after(durationMilliseconds: number): this {
    this.c('after');
    if (!isInt(durationMilliseconds) || durationMilliseconds < 0) throw signatureError('ClockTriggerBuilder.after', [durationMilliseconds]);
    this.s.at = new Date(this.app.store.now().getTime() + durationMilliseconds);
    return this;
  }

  at(date: Date): this {
    this.c('at');
    if (Object.prototype.toString.call(date) !== '[object Date]') throw signatureError('ClockTriggerBuilder.at', [date]);
    this.s.at = new Date(date.getTime());
    return this;
  }

  atDate(year: number, month: number, day: number): this {
    this.c('atDate');
    if (!isInt(year) || !isInt(month) || !isInt(day)) throw signatureError('ClockTriggerBuilder.atDate', [year, month, day]);
    this.s.at = new Date(Date.UTC(year, month - 1, day));
    return this;
  }

  create(): LocalTrigger {
    this.c('create');
    const s = this.s;
    // Stricter than the reference, which does not say: a builder with no schedule is a bug.
    if (s.everyMinutes === null && s.at === null) {
      throw new Error('A time-based trigger needs a schedule: call everyMinutes/everyHours/everyDays/everyWeeks, at, atDate or after before create().');
    }
    // The reference shows atHour/nearMinute with everyDays/everyWeeks only and is silent on other
    // uses: stricter, anything else is refused.
    if ((s.atHour !== null || s.nearMinute !== null) && (s.everyMinutes === null || s.everyMinutes < 24 * 60)) {
      throw new Error('atHour and nearMinute can only be used with everyDays or everyWeeks.');
    }
    return this.app.addTrigger(this.handler, { ...s });
  }
}

/** https://developers.google.com/apps-script/reference/script/trigger-builder */
export class LocalTriggerBuilder {
  constructor(
    private readonly app: LocalScriptApp,
    private readonly handler: string,
  ) {}

  timeBased(): LocalClockTriggerBuilder {
    this.app.counter.count('TriggerBuilder.timeBased');
    return new LocalClockTriggerBuilder(this.app, this.handler);
  }
}

export interface ScriptAppOptions {
  /**
   * Apply the editor add-on restrictions (one trigger of each type per user per document; clock
   * triggers at most hourly). Default true: the product is an add-on.
   */
  addon?: boolean;
}

/** https://developers.google.com/apps-script/reference/script/script-app */
export class LocalScriptApp {
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthMode = AuthMode;
  readonly WeekDay = WeekDay;
  private readonly addon: boolean;

  constructor(
    readonly counter: CallCounter,
    readonly store: TriggerStore,
    /** The effective user: triggers belong to, and run as, the user who created them. */
    private readonly user: string,
    opts: ScriptAppOptions = {},
  ) {
    this.addon = opts.addon ?? true;
  }

  newTrigger(functionName: string): LocalTriggerBuilder {
    this.counter.count('ScriptApp.newTrigger');
    if (typeof functionName !== 'string' || functionName === '') throw signatureError('ScriptApp.newTrigger', [functionName]);
    return new LocalTriggerBuilder(this, functionName);
  }

  /** The reference: "Gets all installable triggers associated with the current project and current user." */
  getProjectTriggers(): LocalTrigger[] {
    this.counter.count('ScriptApp.getProjectTriggers');
    return this.store.of(this.user).map((t) => new LocalTrigger(this.counter, t));
  }

  /** Clock triggers are not bound to a document; the user's triggers of this project are these. */
  getUserTriggers(document: unknown): LocalTrigger[] {
    this.counter.count('ScriptApp.getUserTriggers');
    void document;
    return this.store.of(this.user).map((t) => new LocalTrigger(this.counter, t));
  }

  /** Removes the trigger; a trigger that is not the current user's (or already gone) throws. */
  deleteTrigger(trigger: LocalTrigger): void {
    this.counter.count('ScriptApp.deleteTrigger');
    if (!(trigger instanceof LocalTrigger)) throw signatureError('ScriptApp.deleteTrigger', [trigger]);
    const i = this.store.triggers.findIndex((t) => t.id === trigger.stored.id && t.owner === this.user);
    // Reference silent: deleting a trigger that no longer exists is reported rather than ignored.
    if (i < 0) throw new Error('No trigger with the given ID could be found.');
    this.store.triggers.splice(i, 1);
  }

  /**
   * https://developers.google.com/apps-script/reference/script/script-app#getOAuthToken():
   * "the OAuth 2.0 access token for the effective user" (what a Google Picker dialog needs). The
   * local token is an opaque marker, never a real credential.
   */
  getOAuthToken(): string {
    this.counter.count('ScriptApp.getOAuthToken');
    return `local-oauth-token-for-${this.user}`;
  }

  /** Called by ClockTriggerBuilder.create. */
  addTrigger(handler: string, schedule: Schedule): LocalTrigger {
    const mine = this.store.of(this.user);
    if (mine.length >= MAX_TRIGGERS_PER_USER) throw new Error(TOO_MANY_TRIGGERS_MESSAGE);
    if (this.addon) {
      if (schedule.everyMinutes !== null && schedule.everyMinutes < 60) throw new Error(ADDON_HOURLY_MESSAGE);
      if (mine.some((t) => t.eventType === 'CLOCK')) throw new Error(ADDON_ONE_PER_TYPE_MESSAGE);
    }
    const stored: StoredTrigger = { id: this.store.nextId(), owner: this.user, handler, eventType: 'CLOCK', schedule, created: this.store.now() };
    this.store.triggers.push(stored);
    return new LocalTrigger(this.counter, stored);
  }
}
