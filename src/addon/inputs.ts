// Reads what a command needs: each named sheet looked up by name and read once. Sheets are
// looked up by name rather than listed, so the cost does not grow with the other sheets people
// keep in the workbook.
import type { Grid } from '../core/model';
import { SHEETS } from '../core/schema';
import { readGrid } from './sheets';
import { readPartialGrid } from './partial-read';
import { assemble, type PartialGrid } from '../core/partial-grid';
import type { Layout } from '../core/layout';
import { MAPPING_PROPERTY, parseMapping, type ColumnMapping } from '../core/mapping';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheets people type into. */
export const INPUT_SHEETS: readonly string[] = [
  SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members, SHEETS.settings, SHEETS.recommendations,
];

export interface Inputs {
  ss: Spreadsheet;
  /**
   * Every sheet looked up, by name: null when it does not exist. Writers take it from here
   * (a name not looked up is undefined, and the writer looks it up itself).
   */
  sheets: Map<string, Sheet | null>;
  /** Grids of the sheets read that exist. */
  grids: Record<string, Grid>;
  /** The column mapping saved in 列の対応 (null when none), read with the inputs. */
  mapping: ColumnMapping | null;
  /**
   * The document properties, read once with the progress sheet (undefined when it was not read):
   * later look-ups in the run (確定 state …) take the values from here instead of another call.
   */
  props?: DocumentProps;
  /** Sheets read only in part (ReadOptions.progressColumns), by name: what was read of them. */
  partial?: Record<string, PartialGrid>;
}

/** The document properties as read once at the start of a run, and the store to write to. */
export interface DocumentProps {
  store: GoogleAppsScript.Properties.Properties;
  values: Readonly<Record<string, string>>;
}

/**
 * Every document property in one call (getProperties) instead of one getProperty per look-up:
 * each call is a round trip (docs/performance.md). The store holds at most 500 KB.
 */
export function readDocumentProps(): DocumentProps {
  const store = docStore();
  return { store, values: store.getProperties() };
}

/** The document properties store: the one read with the run's inputs when given. */
export function docStore(props?: DocumentProps): GoogleAppsScript.Properties.Properties {
  return props?.store ?? PropertiesService.getDocumentProperties();
}

/** A document property: from the values read at the start of the run when given, else looked up. */
export function docProperty(props: DocumentProps | undefined, key: string): string | null {
  if (props) return Object.prototype.hasOwnProperty.call(props.values, key) ? props.values[key] : null;
  return docStore().getProperty(key);
}

/** The saved 列の対応 (document properties); null when none or unreadable. */
export function loadMapping(props?: DocumentProps): ColumnMapping | null {
  return parseMapping(docProperty(props, MAPPING_PROPERTY));
}

export interface ReadOptions {
  /**
   * Read the progress sheet only in part (統合候補): its first rows whole, where the layout is
   * found, then only the columns this names for that layout (core/partial-grid.ts). The grid in
   * `grids` is what the reader parses; `partial` holds what was read.
   */
  progressColumns?: (layout: Layout) => number[];
}

/**
 * Reads the sheets in `read` (one batch each) and looks up those in `find` (to write to them
 * later without another look-up). When an input sheet is asked for but absent under its name,
 * every other sheet is read so the reader can find it under another name or by its contents
 * (体系, 委員一覧 …; core/reader.ts locateInputs).
 */
export function readInputs(read: readonly string[], find: readonly string[] = [], options: ReadOptions = {}): Inputs {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheets = new Map<string, Sheet | null>();
  const grids: Record<string, Grid> = {};
  const props = read.includes(SHEETS.progress) ? readDocumentProps() : undefined;
  const mapping = props ? loadMapping(props) : null;
  // The progress sheet mapped in 列の対応 may have another name: read it with the others.
  const names = mapping && !read.includes(mapping.sheet) ? [...read, mapping.sheet] : read;
  const inPart = (name: string) => options.progressColumns !== undefined && (name === SHEETS.progress || name === mapping?.sheet);
  for (const name of [...names, ...find]) {
    if (sheets.has(name)) continue;
    const sheet = ss.getSheetByName(name);
    sheets.set(name, sheet);
    // Display strings matter where people type figures ("86.50%" reads back as 0.865).
    if (sheet && names.includes(name) && !inPart(name)) grids[name] = readGrid(sheet, name, name === SHEETS.progress || name === mapping?.sheet);
  }
  let partial: Record<string, PartialGrid> | undefined;
  if (options.progressColumns) {
    // The sheet the reader takes for the progress sheet (locateInputs): the mapped one when it
    // exists, else the one under the template's name. The other is not read (nothing uses it).
    const name = mapping && sheets.get(mapping.sheet) ? mapping.sheet : SHEETS.progress;
    const sheet = sheets.get(name);
    if (sheet) {
      const p = readPartialGrid(sheet, name, mapping, options.progressColumns);
      partial = { [name]: p };
      grids[name] = assemble(p);
    }
  }
  if (read.some((name) => INPUT_SHEETS.includes(name) && !sheets.get(name))) {
    const known = new Set<string>(Object.values(SHEETS));
    for (const sheet of ss.getSheets()) {
      const name = sheet.getName();
      if (known.has(name)) continue;
      sheets.set(name, sheet);
      grids[name] = readGrid(sheet, name, true);
    }
  }
  return { ss, sheets, grids, mapping, props, ...(partial ? { partial } : {}) };
}
