// The local Apps Script runtime: the global service objects an Apps Script project sees, wired to
// one CallCounter, one active spreadsheet and one record of what the UI showed.
// DocumentApp, DriveApp and the like are added through `extraGlobals`.

import { CallCounter } from './counter';
import { LocalCacheService } from './cache';
import { LocalCharts } from './charts';
import { LocalHtmlService } from './html';
import { LocalLockService } from './lock';
import { LocalPropertiesService } from './properties';
import { LocalSession } from './session';
import { LocalSpreadsheet, LocalSpreadsheetApp, createSpreadsheet, spreadsheetFromGrids, type GridCell, type GridOptions } from './spreadsheet';
import { type ButtonName, LocalUiState } from './spreadsheet-ui';
import { LocalLogger, LocalUtilities } from './utilities';
import { ScopeGuard, type Manifest } from './scopes';

export { LocalSpreadsheet, createSpreadsheet, spreadsheetFromGrids } from './spreadsheet';
export type { GridCell, GridOptions } from './spreadsheet';
export { LocalUiState } from './spreadsheet-ui';
export type { ButtonName, RecordedAlert, RecordedHtml, RecordedMenu, RecordedMenuEntry, RecordedPrompt, RecordedToast } from './spreadsheet-ui';

export interface GasRuntimeOptions {
  /** The active spreadsheet; a new empty one (sheet シート1) when absent. */
  spreadsheet?: LocalSpreadsheet;
  /** HTML files of the project by name (HtmlService.createHtmlOutputFromFile('sidebar')). */
  htmlFiles?: Record<string, string>;
  activeUser?: string;
  /** Defaults to activeUser (the add-on runs as the person using it). */
  effectiveUser?: string;
  /** Script time zone (Session.getScriptTimeZone) and that of a spreadsheet created here. Default Asia/Tokyo. */
  timeZone?: string;
  /** Title of createAddonMenu(). Default 進捗管理. */
  addonName?: string;
  /** False models a trigger context: SpreadsheetApp.getUi() throws. Default true. */
  uiAvailable?: boolean;
  /** Initial PropertiesService stores. */
  properties?: Partial<Record<'document' | 'script' | 'user', Record<string, string>>>;
  /** The clock used where typed input needs the current year ("1-2"). Default: the real clock. */
  now?: () => Date;
  /**
   * The project's manifest (appsscript.json). With it, every service call is checked against its
   * oauthScopes and fails as in Apps Script when a needed scope is missing. Without it, no check.
   */
  manifest?: Manifest;
  /** Session.getActiveUser() throws this message (seen in some add-on contexts). */
  activeUserError?: string;
  /** More globals (DocumentApp, DriveApp …); they override the built-in ones of the same name. */
  extraGlobals?: Record<string, unknown>;
}

export interface ConsoleEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  args: unknown[];
}

/** Apps Script's console (Cloud Logging): entries are recorded, not printed. */
export class LocalConsole {
  constructor(
    private readonly counter: CallCounter,
    readonly entries: ConsoleEntry[],
  ) {}

  log(...args: unknown[]): void {
    this.counter.count('console.log');
    this.entries.push({ level: 'log', args });
  }

  info(...args: unknown[]): void {
    this.counter.count('console.info');
    this.entries.push({ level: 'info', args });
  }

  warn(...args: unknown[]): void {
    this.counter.count('console.warn');
    this.entries.push({ level: 'warn', args });
  }

  error(...args: unknown[]): void {
    this.counter.count('console.error');
    this.entries.push({ level: 'error', args });
  }

  time(label = 'default'): void {
    this.counter.count('console.time');
    void label;
  }

  timeEnd(label = 'default'): void {
    this.counter.count('console.timeEnd');
    void label;
  }
}

export interface GasGlobals {
  SpreadsheetApp: LocalSpreadsheetApp;
  HtmlService: LocalHtmlService;
  LockService: LocalLockService;
  PropertiesService: LocalPropertiesService;
  CacheService: LocalCacheService;
  Session: LocalSession;
  Utilities: LocalUtilities;
  Logger: LocalLogger;
  console: LocalConsole;
  /**
   * The Date the services build their values with. A script run in its own vm context gets this
   * one too, so `value instanceof Date` holds for getValues() dates as it does in Apps Script.
   */
  Date: DateConstructor;
  [name: string]: unknown;
}

export interface GasRuntime {
  globals: GasGlobals;
  counter: CallCounter;
  spreadsheet: LocalSpreadsheet;
  /** What the add-on showed: menus, toasts, alerts, prompts, sidebars, dialogs. */
  ui: LocalUiState;
  /** console.* entries. */
  consoleEntries: ConsoleEntry[];
  /** Scripts the person's answers to the next Ui.alert calls (default: OK, or YES for YES_NO sets). */
  queueAlertResponse(...buttons: ButtonName[]): void;
  queuePromptResponse(text: string, button?: ButtonName): void;
}

export function createGasRuntime(opts: GasRuntimeOptions = {}): GasRuntime {
  const counter = new CallCounter();
  if (opts.manifest) counter.scopes = new ScopeGuard(opts.manifest);
  const timeZone = opts.timeZone ?? 'Asia/Tokyo';
  const spreadsheet = opts.spreadsheet ?? createSpreadsheet('進捗管理', { timeZone });
  const ui = new LocalUiState(opts.addonName ?? '進捗管理', opts.uiAvailable ?? true);
  // The spreadsheet counts into this runtime's counter and shows toasts in this runtime's UI.
  const env = spreadsheet.model.env;
  env.counter = counter;
  env.ui = ui;
  env.DateCtor = Date;
  if (opts.now) env.now = opts.now;

  const activeUser = opts.activeUser ?? 'user@example.com';
  // The person at work edits as themselves; a spreadsheet with no owner yet is theirs.
  env.user = activeUser;
  if (!spreadsheet.model.owner) spreadsheet.model.owner = activeUser.toLowerCase();
  const consoleEntries: ConsoleEntry[] = [];
  const globals: GasGlobals = {
    SpreadsheetApp: new LocalSpreadsheetApp(counter, spreadsheet, ui),
    HtmlService: new LocalHtmlService(counter, opts.htmlFiles ?? {}),
    LockService: new LocalLockService(counter),
    PropertiesService: new LocalPropertiesService(counter, opts.properties ?? {}),
    // Expirations follow the runtime's clock; the user cache is that of the person at work.
    CacheService: new LocalCacheService(counter, { now: () => env.now().getTime(), user: () => env.user ?? activeUser }),
    Session: new LocalSession(counter, { activeUser, effectiveUser: opts.effectiveUser ?? activeUser, timeZone, activeUserError: opts.activeUserError }),
    Utilities: new LocalUtilities(counter),
    Logger: new LocalLogger(counter),
    Charts: new LocalCharts(counter),
    console: new LocalConsole(counter, consoleEntries),
    Date,
    ...(opts.extraGlobals ?? {}),
  };

  return {
    globals,
    counter,
    spreadsheet,
    ui,
    consoleEntries,
    queueAlertResponse: (...buttons) => ui.queueAlertResponse(...buttons),
    queuePromptResponse: (text, button) => ui.queuePromptResponse(text, button),
  };
}

/** Test helper: a runtime over a spreadsheet built from sheet name → rows (see spreadsheetFromGrids). */
export function runtimeFromGrids(
  grids: Record<string, readonly (readonly GridCell[])[]>,
  opts: GasRuntimeOptions & { name?: string; grid?: GridOptions } = {},
): GasRuntime {
  const spreadsheet = spreadsheetFromGrids(opts.name ?? '進捗管理', grids, { timeZone: opts.timeZone, ...opts.grid });
  return createGasRuntime({ ...opts, spreadsheet });
}
