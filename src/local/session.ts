// One add-on session on a workbook: the local runtime holding the spreadsheet, the built bundle
// loaded into it, and helpers to run menu items and read back what the add-on wrote.
import { createGasRuntime, type GasRuntime, type LocalSpreadsheet } from './gas/runtime';
import { createDocsAndDrive } from './gas/document';
import { LocalDriveApi } from './gas/drive-api';
import type { Manifest } from './gas/scopes';
import { FormStore, createFormApp } from './gas/forms';
import { LocalMailApp, MailStore } from './gas/mail';
import { LocalScriptApp, TriggerStore } from './gas/script-app';
import { loadBundle, readDist, type LoadedBundle } from './bundle';
import type { CellValue } from '../core/model';


export interface AddonSession {
  runtime: GasRuntime;
  bundle: LoadedBundle;
  /** Runs a global function and returns the calls it made and the cells they moved, by service method. */
  run(fn: string, ...args: unknown[]): { result: unknown; calls: Record<string, number>; cells: Record<string, number> };
  /** Every Google Form of this local Google: tests answer as members through forms.respond. */
  forms: FormStore;
  /** The outbox of this local Google: every mail the add-on sent, and the senders' daily quota. */
  mail: MailStore;
  /** The project's installable triggers (every user's). */
  triggers: TriggerStore;
  /**
   * Runs a clock trigger's handler as Apps Script would when it fires: in a context without a
   * UI (SpreadsheetApp.getUi throws), with the time-driven event object.
   */
  fireTrigger(id: string, at?: Date): { result: unknown; calls: Record<string, number> };
  /**
   * Runs `fn` as another person editing the sheet (a department's staff typing figures): edits
   * are checked against protections for that address. They are made an editor of the spreadsheet.
   */
  asUser<T>(email: string, fn: () => T): T;
  /** A sheet the add-on wrote, as records keyed by its header row (null when absent). */
  sheetRecords(name: string): SheetRecords | null;
}

export interface SheetRecords {
  sheet: string;
  columns: string[];
  rows: Record<string, CellValue>[];
}

export const DEFAULT_USER = 'jimukyoku@example.jp';

export interface SessionOptions {
  activeUser?: string;
  extraGlobals?: Record<string, unknown>;
  /**
   * The manifest whose scopes are enforced: by default the one the build ships
   * (dist/appsscript.json); null runs without scope checks.
   */
  manifest?: Manifest | null;
  /** Session.getActiveUser() throws (some add-on contexts). */
  activeUserError?: string;
  /** Addresses without a Google account (Drive can invite them only with a notification). */
  nonGoogleAddresses?: string[];
  forms?: FormStore;
  mail?: MailStore;
  triggers?: TriggerStore;
}

export function distManifest(): Manifest {
  return JSON.parse(readDist('appsscript.json')) as Manifest;
}

export function openSession(spreadsheet: LocalSpreadsheet, opts: SessionOptions = {}): AddonSession {
  const manifest = opts.manifest === undefined ? distManifest() : opts.manifest ?? undefined;
  const runtime = createGasRuntime({
    spreadsheet,
    htmlFiles: { sidebar: readDist('sidebar.html') },
    activeUser: opts.activeUser ?? DEFAULT_USER,
    extraGlobals: opts.extraGlobals,
    manifest,
    activeUserError: opts.activeUserError,
  });
  // DocumentApp and DriveApp count into the same counter as the other services.
  const docs = createDocsAndDrive(runtime.counter, opts.activeUser ?? DEFAULT_USER);
  Object.assign(runtime.globals, docs);
  // Advanced services exist only when the manifest enables them (else `Drive` is not defined).
  const advanced = manifest?.dependencies?.enabledAdvancedServices ?? (manifest ? [] : [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }]);
  for (const svc of advanced) {
    if (svc.serviceId !== 'drive' || svc.version !== 'v3') throw new Error(`Local runtime: advanced service ${svc.serviceId} ${svc.version} is not modelled.`);
    runtime.globals[svc.userSymbol] = new LocalDriveApi(runtime.counter, docs.DriveApp, { nonGoogleAddresses: opts.nonGoogleAddresses });
  }
  const forms = opts.forms ?? new FormStore();
  runtime.globals.FormApp = createFormApp(runtime.counter, forms, opts.activeUser ?? DEFAULT_USER);
  const mail = opts.mail ?? new MailStore();
  runtime.globals.MailApp = new LocalMailApp(runtime.counter, mail, opts.activeUser ?? DEFAULT_USER);
  const triggers = opts.triggers ?? new TriggerStore();
  runtime.globals.ScriptApp = new LocalScriptApp(runtime.counter, triggers, opts.activeUser ?? DEFAULT_USER);
  const bundle = loadBundle(runtime.globals);
  return {
    runtime,
    bundle,
    forms,
    mail,
    triggers,
    run(fn, ...args) {
      runtime.counter.reset();
      const result = bundle.call(fn, ...args);
      return { result, calls: runtime.counter.snapshot(), cells: runtime.counter.cellSnapshot() };
    },
    asUser(email, fn) {
      const env = runtime.spreadsheet.model.env;
      const before = env.user;
      runtime.spreadsheet.model.editors.add(email.toLowerCase());
      env.user = email;
      try {
        return fn();
      } finally {
        env.user = before;
      }
    },
    fireTrigger(id, at = new Date()) {
      const t = triggers.triggers.find((x) => x.id === id);
      if (!t) throw new Error(`no trigger ${id}`);
      // guides/triggers/events: the time-driven event object.
      const event = {
        authMode: 'FULL', triggerUid: t.id, year: at.getUTCFullYear(), month: at.getUTCMonth() + 1,
        'day-of-month': at.getUTCDate(), hour: at.getUTCHours(), minute: at.getUTCMinutes(), second: at.getUTCSeconds(), timezone: 'UTC',
      };
      const ui = runtime.ui.available;
      runtime.ui.available = false;
      runtime.counter.reset();
      try {
        const result = bundle.call(t.handler, event);
        return { result, calls: runtime.counter.snapshot() };
      } finally {
        runtime.ui.available = ui;
      }
    },
    sheetRecords(name) {
      const sheet = runtime.spreadsheet.getSheetByName(name);
      if (!sheet) return null;
      const values = sheet.getDataRange().getValues() as CellValue[][];
      const [header = [], ...rows] = values;
      const columns = header.map(String);
      return {
        sheet: name,
        columns,
        rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))),
      };
    },
  };
}
