// Contract tests of the local ScriptApp triggers (reference/script/script-app,
// reference/script/clock-trigger-builder, reference/script/trigger, guides/triggers/installable and
// add-ons/concepts/editor-triggers). Where the reference is silent the test says so and the fake
// takes the stricter behaviour.
import { CallCounter } from '../../../src/local/gas/counter';
import {
  ADDON_HOURLY_MESSAGE, ADDON_ONE_PER_TYPE_MESSAGE, LocalScriptApp, MAX_TRIGGERS_PER_USER, SCRIPT_APP_SCOPES, TOO_MANY_TRIGGERS_MESSAGE, TriggerStore,
} from '../../../src/local/gas/script-app';

const ME = 'jimukyoku@example.jp';

function setup(addon = true) {
  const counter = new CallCounter();
  const store = new TriggerStore();
  return { counter, store, app: new LocalScriptApp(counter, store, ME, { addon }) };
}

describe('ScriptApp.newTrigger().timeBased() … create() (reference/script/clock-trigger-builder)', () => {
  test('a daily trigger at an hour is stored with its handler and schedule', () => {
    const { app, store } = setup();
    const t = app.newTrigger('remindDepartments').timeBased().everyDays(1).atHour(9).inTimezone('Asia/Tokyo').create();
    expect(t.getHandlerFunction()).toBe('remindDepartments');
    expect(String(t.getEventType())).toBe('CLOCK');
    expect(String(t.getTriggerSource())).toBe('CLOCK');
    expect(t.getTriggerSourceId()).toBeNull();
    expect(store.triggers[0].schedule).toMatchObject({ everyMinutes: 24 * 60, atHour: 9, timeZone: 'Asia/Tokyo' });
  });

  test('everyMinutes takes only 1, 5, 10, 15 or 30 (reference)', () => {
    const { app } = setup(false);
    expect(() => app.newTrigger('f').timeBased().everyMinutes(7)).toThrow('1, 5, 10, 15 or 30');
    expect(app.newTrigger('f').timeBased().everyMinutes(5).create().getHandlerFunction()).toBe('f');
  });

  test('atHour out of 0..23 is a signature error; an unknown time zone throws', () => {
    const { app } = setup();
    expect(() => app.newTrigger('f').timeBased().everyDays(1).atHour(24)).toThrow('ClockTriggerBuilder.atHour');
    expect(() => app.newTrigger('f').timeBased().inTimezone('Mars/Base')).toThrow();
  });

  test('reference silent: create() without a schedule, or atHour with an hourly schedule, is refused (stricter)', () => {
    const { app, store } = setup();
    expect(() => app.newTrigger('f').timeBased().create()).toThrow('needs a schedule');
    expect(() => app.newTrigger('f').timeBased().everyHours(2).atHour(9).create()).toThrow('everyDays or everyWeeks');
    expect(store.triggers).toHaveLength(0);
  });
});

describe('getProjectTriggers / deleteTrigger (reference/script/script-app)', () => {
  test('"installable triggers associated with the current project and current user": another user\'s are not listed', () => {
    const { app, store, counter } = setup();
    app.newTrigger('f').timeBased().everyDays(1).create();
    new LocalScriptApp(counter, store, 'other@example.jp').newTrigger('g').timeBased().everyDays(1).create();
    expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['f']);
    expect(store.triggers).toHaveLength(2);
  });

  test('deleteTrigger removes exactly that trigger; deleting it again throws (reference silent: stricter)', () => {
    const { app, store } = setup(false);
    const a = app.newTrigger('a').timeBased().everyDays(1).create();
    app.newTrigger('b').timeBased().everyDays(1).create();
    app.deleteTrigger(a);
    expect(store.triggers.map((t) => t.handler)).toEqual(['b']);
    expect(() => app.deleteTrigger(a)).toThrow('No trigger');
  });

  test('quotas page: at most 20 triggers per user per script', () => {
    const { app } = setup(false);
    for (let i = 0; i < MAX_TRIGGERS_PER_USER; i++) app.newTrigger('f' + i).timeBased().everyDays(1).create();
    expect(() => app.newTrigger('x').timeBased().everyDays(1).create()).toThrow(TOO_MANY_TRIGGERS_MESSAGE);
  });
});

describe('editor add-on restrictions (add-ons/concepts/editor-triggers)', () => {
  test('"one trigger of each type, per user, per document": a second clock trigger is refused', () => {
    const { app, store, counter } = setup(true);
    app.newTrigger('f').timeBased().everyDays(1).create();
    expect(() => app.newTrigger('g').timeBased().everyDays(1).create()).toThrow(ADDON_ONE_PER_TYPE_MESSAGE);
    // Another user of the same document has their own set.
    new LocalScriptApp(counter, store, 'other@example.jp', { addon: true }).newTrigger('g').timeBased().everyDays(1).create();
    expect(store.triggers).toHaveLength(2);
  });

  test('time-driven triggers may run at most once per hour', () => {
    const { app } = setup(true);
    expect(() => app.newTrigger('f').timeBased().everyMinutes(30).create()).toThrow(ADDON_HOURLY_MESSAGE);
    expect(app.newTrigger('f').timeBased().everyHours(1).create().getHandlerFunction()).toBe('f');
  });

  test('every ScriptApp call the add-on makes is counted and declares script.scriptapp', () => {
    const { app, counter } = setup();
    const t = app.newTrigger('f').timeBased().everyDays(1).atHour(8).create();
    app.getProjectTriggers();
    app.deleteTrigger(t);
    const calls = counter.snapshot();
    for (const m of ['ScriptApp.newTrigger', 'ClockTriggerBuilder.create', 'ScriptApp.getProjectTriggers', 'ScriptApp.deleteTrigger']) {
      expect(calls[m]).toBe(1);
      expect(SCRIPT_APP_SCOPES[m]).toEqual(['https://www.googleapis.com/auth/script.scriptapp']);
    }
  });
});
