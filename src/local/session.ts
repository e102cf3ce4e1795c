// One add-on session on a workbook: the local runtime holding the spreadsheet, the built bundle
// loaded into it, and helpers to run menu items and read back what the add-on wrote.
import { createGasRuntime, type GasRuntime, type LocalSpreadsheet } from './gas/runtime';
import { createDocsAndDrive } from './gas/document';
import { LocalDriveApi } from './gas/drive-api';
import type { Manifest } from './gas/scopes';
import { loadBundle, readDist, type LoadedBundle } from './bundle';
import type { CellValue } from '../core/model';


export interface AddonSession {
  runtime: GasRuntime;
  bundle: LoadedBundle;
  /** Runs a global function and returns the calls it made, by service method. */
  run(fn: string, ...args: unknown[]): { result: unknown; calls: Record<string, number> };
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
  const bundle = loadBundle(runtime.globals);
  return {
    runtime,
    bundle,
    run(fn, ...args) {
      runtime.counter.reset();
      const result = bundle.call(fn, ...args);
      return { result, calls: runtime.counter.snapshot() };
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
