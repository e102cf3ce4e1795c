// The invariant suite (issue 11): random workbooks (workbooks.ts) and random sequences of a
// person's edits and the add-on's commands, run on the built bundle in the local runtime. After
// every command:
//   1. every cell a person typed (value, formula, format, note, validation) is unchanged;
//   2. no plan silently disappears: after 入力チェック every data row of the progress sheet is in
//      a plan or named in 検証結果;
//   3. a refused command writes nothing (the whole workbook, and no Doc is made);
//   4. no string the add-on writes starts with = + - @ unescaped, and it writes no formula;
//   5. 年度更新 moves people's cells only with the columns it inserts (and writes 評価年度 only), and
//      its undo right after it restores the whole workbook but the run log;
//   6. protections people set are never changed or removed; 保護を解除 removes exactly the
//      add-on's (none of them is left); a refused command changes no protection;
//   7. 入力依頼／督促 mail goes only to addresses typed on 担当課; a refused send mails no one;
//   8. 列の対応: a refused save keeps the stored mapping; a stored one is always readable, and the
//      other commands (and invariant 2) read the sheet with it.
// `npm test` runs a fixed seed and a bounded count; `npm run fuzz` runs many more (FUZZ_RUNS,
// FUZZ_SEED).
import fc from 'fast-check';
import { LocalRange, LocalSheet } from '../../src/local/gas/spreadsheet';
import type { SheetModel } from '../../src/local/gas/spreadsheet-model';
import type { LocalDocumentApp } from '../../src/local/gas/document';
import type { AddonSession } from '../../src/local/session';
import type { Grid } from '../../src/core/model';
import { readProgress } from '../../src/core/reader';
import { MAPPING_PROPERTY, parseMapping, type MappingView } from '../../src/core/mapping';
import { isAddonProtection } from '../../src/addon/protect';
import { OWNED_COLUMNS, MEMBER_OWNED_COLUMNS, SHEETS } from '../../src/core/schema';
import { workbookState } from '../addon/helpers';
import {
  applyEdit, baseSession, HumanCells, INPUT_SHEET_NAMES, MAPPING_ROLES, RESERVED_NAMES, scenario, type Command, type Scenario,
} from './workbooks';
import { sukagawaGrids } from '../../src/local/sample/sukagawa';

/** 0-based row of 評価年度 on the sample's 設定 (a fixed scenario puts a dropdown there). */
const EVAL_YEAR_ROW = sukagawaGrids()[SHEETS.settings].findIndex((r) => r[0] === '評価年度');

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261201);

// ---- 4. what the add-on writes, recorded at the service boundary ------------------------------

const written: { method: string; value: unknown }[] = [];
let recording = false;

function record(proto: object, method: string, values: (args: unknown[]) => unknown[]): void {
  const p = proto as Record<string, (...args: unknown[]) => unknown>;
  const original = p[method];
  p[method] = function (this: unknown, ...args: unknown[]) {
    if (recording) for (const v of values(args)) written.push({ method, value: v });
    return original.apply(this, args);
  };
}
record(LocalRange.prototype, 'setValues', (a) => (a[0] as unknown[][]).flat());
record(LocalRange.prototype, 'setValue', (a) => [a[0]]);
record(LocalSheet.prototype, 'appendRow', (a) => a[0] as unknown[]);
record(LocalRange.prototype, 'setFormula', (a) => [`formula:${String(a[0])}`]);
record(LocalRange.prototype, 'setFormulas', (a) => (a[0] as unknown[][]).flat().map((f) => `formula:${String(f)}`));

function unescaped(): string[] {
  return written
    .filter((w) => typeof w.value === 'string' && (/^[=+\-@]/.test(w.value) || w.value.startsWith('formula:')))
    .map((w) => `${w.method}: ${String(w.value)}`);
}

// ---- 1. cells people typed ---------------------------------------------------------------------

const OWNED_HEADERS: readonly string[] = [OWNED_COLUMNS.check, OWNED_COLUMNS.mergedInto, MEMBER_OWNED_COLUMNS.shareResult];
const ADDON_NOTE = /アドオンが/;

function isAddonSheet(s: SheetModel): boolean {
  return (RESERVED_NAMES as readonly string[]).includes(s.name) && ADDON_NOTE.test(s.notes.get(0, 0) ?? '');
}

/** Columns of a person's sheet that are the add-on's: an owned header carrying the add-on's note. */
function ownedColumns(s: SheetModel): Set<number> {
  const owned = new Set<number>();
  for (let r = 0; r < 3; r++) {
    const row = s.values.rows[r];
    if (!row) continue;
    row.forEach((v, c) => {
      if (OWNED_HEADERS.includes(String(v)) && ADDON_NOTE.test(s.notes.get(r, c) ?? '')) owned.add(c);
    });
  }
  return owned;
}

function attrs(s: SheetModel, r: number, c: number): string {
  return JSON.stringify(s.layers().map((l) => {
    const v = l.get(r, c);
    if (v && typeof v === 'object' && 'criteria' in (v as object)) {
      const rule = v as { criteria: string; args: unknown[]; allowInvalid: boolean };
      return [rule.criteria, Array.isArray(rule.args[0]) ? rule.args[0] : null, rule.allowInvalid];
    }
    return v instanceof Date ? v.getTime() : v;
  }));
}

/** Every cell people typed: on their sheets all but the add-on's columns; on the add-on's, theirs. */
function humanCells(session: AddonSession, human: HumanCells): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of session.runtime.spreadsheet.model.sheets) {
    const addon = isAddonSheet(s);
    const owned = addon ? new Set<number>() : ownedColumns(s);
    const seen = new Set<string>();
    for (const layer of s.layers()) {
      layer.rows.forEach((row, r) => row?.forEach((v, c) => {
        if (v === undefined || owned.has(c)) return;
        if (addon && !human.has(s.name, r + 1, c + 1)) return;
        const key = `${s.name}!${r},${c}`;
        if (seen.has(key)) return;
        seen.add(key);
        out.set(key, attrs(s, r, c));
      }));
    }
  }
  return out;
}

/**
 * Columns 年度更新 inserted (by > 0) or its undo removed (by < 0) at 0-based column `at`: people's
 * cells to the right moved with them; removed columns were the add-on's. `exempt` are cells the
 * command writes by design (評価年度 on 設定).
 */
interface Moved {
  sheet: string;
  at: number;
  by: number;
  exempt: Set<string>;
}

function changedHumanCells(session: AddonSession, before: Map<string, string>, moved?: Moved): string[] {
  const model = session.runtime.spreadsheet.model;
  const changed: string[] = [];
  for (const [key, was] of before) {
    if (moved?.exempt.has(key)) continue;
    const [name, pos] = key.split('!');
    let [r, c] = pos.split(',').map(Number);
    if (moved && name === moved.sheet && c >= moved.at) {
      if (moved.by < 0 && c < moved.at - moved.by) continue;
      c += moved.by;
    }
    const s = model.sheet(name);
    const now = s ? attrs(s, r, c) : 'sheet gone';
    if (now !== was) changed.push(`${key}: ${was} → ${now}`);
  }
  return changed;
}

// ---- 2. no plan silently disappears --------------------------------------------------------------

function gridOf(session: AddonSession, name: string): Grid | null {
  const model = session.runtime.spreadsheet.model;
  if (!model.sheet(name)) return null;
  return { name, values: model.grid(name) as Grid['values'], display: model.displayGrid(name) };
}

function silentlyLost(session: AddonSession): string[] {
  const grids: Record<string, Grid> = {};
  for (const name of [SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members, SHEETS.settings, SHEETS.recommendations]) {
    const g = gridOf(session, name);
    if (g) grids[name] = g;
  }
  const checks = session.sheetRecords(SHEETS.checks)?.rows ?? [];
  const named = new Set<number>();
  let sheetWide = false;
  for (const i of checks) {
    if (i['シート'] !== SHEETS.progress) continue;
    const m = /(\d+)$/.exec(String(i['セル']));
    if (m) named.add(Number(m[1]));
    else sheetWide = true;
  }
  const read = readProgress(grids, { today: new Date(), mapping: parseMapping(storedMapping(session)) });
  if (read.layout.error || sheetWide) return [];
  const inPlan = new Set(read.data.plans.flatMap((p) => [p.row, ...p.indicators.map((i) => i.row)]));
  const cols = [read.layout.columns.id, read.layout.columns.name, read.layout.columns.indicator].filter((c): c is number => c !== undefined);
  const values = grids[SHEETS.progress]?.values ?? [];
  const lost: string[] = [];
  for (let r = read.layout.firstDataRow; r < values.length; r++) {
    const typed = cols.some((c) => String(values[r][c] ?? '').trim() !== '');
    if (typed && !inPlan.has(r + 1) && !named.has(r + 1)) lost.push(`row ${r + 1}: ${JSON.stringify(values[r].slice(0, 8))}`);
  }
  return lost;
}

// ---- 6. protections, 7. mail, 8. the stored mapping ----------------------------------------------------

/** Every protection of the workbook, as a sortable line. */
function protections(s: AddonSession): string[] {
  const app = s.runtime.globals.SpreadsheetApp;
  return [app.ProtectionType.RANGE, app.ProtectionType.SHEET]
    .flatMap((t) => s.runtime.spreadsheet.getProtections(t))
    .map((p) => JSON.stringify([
      p.getDescription(), p.getRange().getSheet().getName(), p.getRange().getA1Notation(), String(p.getProtectionType()),
      p.getEditors().map((u) => u.getEmail()).sort(), p.isWarningOnly(),
    ]))
    .sort();
}

const isPeoples = (line: string) => !isAddonProtection((JSON.parse(line) as string[])[0]);

function storedMapping(s: AddonSession): string | null {
  return s.runtime.globals.PropertiesService.getDocumentProperties().getProperty(MAPPING_PROPERTY);
}

/** Addresses typed on 担当課 (any column), lower-cased: the only ones a request may go to. */
function departmentAddresses(s: AddonSession): Set<string> {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.departments);
  const out = new Set<string>();
  if (!sheet || sheet.getLastRow() === 0) return out;
  for (const row of sheet.getDataRange().getValues()) {
    for (const v of row) for (const m of String(v).matchAll(/[^\s、,;]+@[^\s、,;]+/g)) out.add(m[0].toLowerCase());
  }
  return out;
}

// ---- running a command -----------------------------------------------------------------------------

/** 列の対応 as the panel would save it: the view's columns, one set to the step's role. */
function mappingRequest(s: AddonSession, c: Extract<Command, { name: 'saveColumnMapping' }>): unknown {
  const v = s.run('getColumnMapping').result as MappingView;
  const first = Math.min(10, Math.max(1, (v.headerRows[0] ?? 1) + c.headerShift));
  const headerRows = c.rows === 0 ? Math.max(1, v.headerRows.length) : c.rows;
  const columns = v.columns.map((col) => ({ col: col.col, role: col.role }));
  if (columns.length) columns[c.col % columns.length] = { col: columns[c.col % columns.length].col, role: MAPPING_ROLES[c.role] as never };
  // The panel sends no column choices when the header rows change (the columns are read anew).
  const same = first === v.headerRows[0] && headerRows === v.headerRows.length;
  return { headerRow: first, headerRows, columns: same ? columns : [] };
}

const MERGE = {
  memberIds: ['5-4', '9-3'], name: 'ホームページの充実（統合）', goalCode: '9',
  goalReason: '市全体の情報発信として電子行政の目標で管理する', mainDept: '秘書広報課', relatedDepts: [],
};

/** Runs the command; true when the add-on refused it (an alert from a menu, a throw from the sidebar). */
function runCommand(s: AddonSession, c: Command): boolean {
  const alerts = s.runtime.ui.alerts.length;
  try {
    if (c.name === 'applyMerge') s.run('applyMerge', MERGE);
    else if (c.name === 'unmerge') s.run('unmerge', 'U-001');
    else if (c.name === 'runRollover' || c.name === 'undoRollover') s.run(c.name);
    else if (c.name === 'sendRequests') s.run('sendRequests', { period: c.period, deadline: '2031-05-29', message: '', kind: c.kind });
    else if (c.name === 'saveColumnMapping') s.run('saveColumnMapping', mappingRequest(s, c));
    else if (c.name === 'protectDepartments' || c.name === 'unprotectDepartments' || c.name === 'resetColumnMapping') s.run(c.name);
    else if (c.name === 'onEdit') {
      const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress);
      if (!sheet || sheet.getLastRow() === 0) return false;
      const range = sheet.getRange(1 + (c.row % sheet.getLastRow()), 1 + (c.col % sheet.getLastColumn()));
      s.run('onEdit', { range, source: s.runtime.spreadsheet, value: range.getValue() });
    } else s.run(c.name);
  } catch {
    return true;
  }
  return s.runtime.ui.alerts.length > alerts;
}

// ---- 5. 年度更新 and its undo ----------------------------------------------------------------------

interface RolloverRecord {
  sheet: string;
  firstCol: number;
  count: number;
  setting: { row: number; col: number } | null;
}

function rolloverRecord(s: AddonSession): RolloverRecord | null {
  const props = s.runtime.globals.PropertiesService as unknown as { localSnapshot(): { document: Record<string, string> } };
  const raw = props.localSnapshot().document['rollover:last'];
  return raw ? JSON.parse(raw) as RolloverRecord : null;
}

function movedBy(step: Command, refused: boolean, before: RolloverRecord | null, after: RolloverRecord | null): Moved | undefined {
  const rec = step.name === 'runRollover' ? after : step.name === 'undoRollover' ? before : null;
  if (refused || !rec) return undefined;
  const exempt = new Set(rec.setting ? [`${SHEETS.settings}!${rec.setting.row},${rec.setting.col}`] : []);
  return { sheet: rec.sheet, at: rec.firstCol - 1, by: step.name === 'runRollover' ? rec.count : -rec.count, exempt };
}

/** The whole workbook but the run log (年度更新 and its undo both log themselves). */
function stateWithoutLog(s: AddonSession): string {
  const all = JSON.parse(workbookState(s)) as { name: string }[];
  return JSON.stringify(all.filter((sh) => sh.name !== SHEETS.runLog));
}

/** Checks a scenario; returns what ran (with refusals) and how many undos were compared whole. */
function check(sc: Scenario): { ran: string[]; restored: number; sent: number; saved: number } {
  const ran: string[] = [];
  let restored = 0;
  let sent = 0;
  let saved = 0;
  const s = baseSession(sc.base);
  const docs = s.runtime.globals.DocumentApp as unknown as LocalDocumentApp;
  const human = new HumanCells();
  // The workbook just before a 年度更新 that nothing has followed yet: its undo must restore it.
  let beforeRollover: string | null = null;
  for (const step of sc.steps) {
    if (step.k !== 'cmd') {
      applyEdit(s, step, human);
      beforeRollover = null;
      continue;
    }
    const cells = humanCells(s, human);
    const state = workbookState(s);
    const recBefore = rolloverRecord(s);
    const plain = step.name === 'runRollover' ? stateWithoutLog(s) : null;
    const docCount = docs.localDocumentIds().length;
    const protectedBefore = protections(s);
    const mailsBefore = s.mail.sent.length;
    const addresses = departmentAddresses(s);
    const mappingBefore = storedMapping(s);
    written.length = 0;
    recording = true;
    let refused: boolean;
    try {
      refused = runCommand(s, step);
    } finally {
      recording = false;
    }
    const what = `${step.name}${refused ? ' (refused)' : ''}`;
    const moved = movedBy(step, refused, recBefore, rolloverRecord(s));
    expect({ what, changed: changedHumanCells(s, cells, moved) }).toEqual({ what, changed: [] });
    ran.push(moved ? `${what} ${moved.by > 0 ? '+' : ''}${moved.by} columns` : what);
    if (step.name === 'undoRollover' && !refused && beforeRollover !== null) {
      expect({ what, restored: stateWithoutLog(s) === beforeRollover }).toEqual({ what, restored: true });
      restored++;
    }
    beforeRollover = step.name === 'runRollover' && !refused ? plain : null;
    expect({ what, unescaped: unescaped() }).toEqual({ what, unescaped: [] });
    if (refused) {
      expect({ what, same: workbookState(s) === state, docs: docs.localDocumentIds().length }).toEqual({ what, same: true, docs: docCount });
    }
    if (step.name === 'menuCheck' && !refused) expect({ what, lost: silentlyLost(s) }).toEqual({ what, lost: [] });

    // 6. protections
    const protectedAfter = protections(s);
    expect({ what, peoples: protectedAfter.filter(isPeoples) }).toEqual({ what, peoples: protectedBefore.filter(isPeoples) });
    if (refused) expect({ what, protections: protectedAfter }).toEqual({ what, protections: protectedBefore });
    if (step.name === 'unprotectDepartments' && !refused) {
      expect({ what, addons: protectedAfter.filter((p) => !isPeoples(p)) }).toEqual({ what, addons: [] });
    }
    // 7. mail
    const mails = s.mail.sent.slice(mailsBefore);
    if (refused) expect({ what, mails: mails.length }).toEqual({ what, mails: 0 });
    const strangers = mails.flatMap((m) => [...m.to, ...m.cc, ...m.bcc]).map((a) => a.toLowerCase()).filter((a) => !addresses.has(a));
    expect({ what, strangers }).toEqual({ what, strangers: [] });
    if (mails.length) sent += mails.length;
    // 8. the stored mapping
    const mappingAfter = storedMapping(s);
    if (refused) expect({ what, mapping: mappingAfter }).toEqual({ what, mapping: mappingBefore });
    if (mappingAfter !== null) expect({ what, readable: parseMapping(mappingAfter) !== null }).toEqual({ what, readable: true });
    if (step.name === 'saveColumnMapping' && !refused) saved++;
  }
  return { ran, restored, sent, saved };
}

describe('invariants over random workbooks and edits', () => {
  const error = jest.spyOn(console, 'error');
  beforeAll(() => error.mockImplementation(() => undefined));
  afterAll(() => error.mockRestore());

  test(`after every command: people's cells kept, no plan lost silently, refusals write nothing, writes escaped (${RUNS} runs, seed ${SEED})`, () => {
    fc.assert(fc.property(scenario, (sc) => { check(sc); }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, 600000);

  test.each<[string, Scenario]>([
    ['a person\'s column on 集計結果 under one of its own headers (統合先) was blanked', {
      base: 'template',
      steps: [
        { k: 'cmd', name: 'menuAggregate' },
        { k: 'humanColumn', onResults: true, header: '統合先' },
        { k: 'cmd', name: 'menuAggregate' },
      ],
    }],
    ['年度更新 at the last year adds columns; its undo restores the workbook exactly', {
      base: 'sample',
      steps: [{ k: 'lastYear' }, { k: 'cmd', name: 'runRollover' }, { k: 'cmd', name: 'undoRollover' }],
    }],
    ['年度更新 on the template, after 集計; undo after 入力チェック', {
      base: 'template',
      steps: [{ k: 'cmd', name: 'menuAggregate' }, { k: 'lastYear' }, { k: 'cmd', name: 'runRollover' }, { k: 'cmd', name: 'menuCheck' }, { k: 'cmd', name: 'undoRollover' }],
    }],
    ['a person\'s dropdown on 評価年度: 年度更新 refused, nothing written', {
      base: 'sample',
      steps: [
        { k: 'lastYear' },
        { k: 'dropdown', sheet: INPUT_SHEET_NAMES.indexOf(SHEETS.settings), row: EVAL_YEAR_ROW, col: 1 },
        { k: 'cmd', name: 'runRollover' },
      ],
    }],
  ])('found by the suite, stays fixed: %s', (_what, sc) => {
    check(sc);
  });

  test('年度更新 in the suite is not vacuous: columns added and removed, the undo compared whole, a refusal seen', () => {
    const at = (steps: Scenario['steps'], base: Scenario['base'] = 'sample') => check({ base, steps });
    expect(at([{ k: 'lastYear' }, { k: 'cmd', name: 'runRollover' }, { k: 'cmd', name: 'undoRollover' }]))
      .toMatchObject({ ran: ['runRollover +2 columns', 'undoRollover -2 columns'], restored: 1 });
    expect(at([{ k: 'cmd', name: 'runRollover' }, { k: 'cmd', name: 'undoRollover' }]))
      .toMatchObject({ ran: ['runRollover 0 columns', 'undoRollover 0 columns'], restored: 1 });
    expect(at([{ k: 'lastYear' }, { k: 'dropdown', sheet: INPUT_SHEET_NAMES.indexOf(SHEETS.settings), row: EVAL_YEAR_ROW, col: 1 }, { k: 'cmd', name: 'runRollover' }]).ran)
      .toEqual(['runRollover (refused)']);
  });

  test('入力依頼, 保護 and 列の対応 in the suite are not vacuous: mail sent and refused, protections set and removed, a mapping saved and refused', () => {
    const at = (steps: Scenario['steps'], base: Scenario['base'] = 'sample') => check({ base, steps });
    // Without addresses nothing can be sent: refused, no mail.
    expect(at([{ k: 'cmd', name: 'sendRequests', period: '2024:year', kind: 'request' }])).toMatchObject({ ran: ['sendRequests (refused)'], sent: 0 });
    const mailed = at([{ k: 'emails', bad: true }, { k: 'cmd', name: 'sendRequests', period: '2024:year', kind: 'request' }]);
    expect(mailed).toMatchObject({ ran: ['sendRequests'] });
    expect(mailed.sent).toBeGreaterThan(0);
    expect(at([
      { k: 'protect', row: 3, col: 5, wholeSheet: false }, { k: 'protect', row: 2, col: 0, wholeSheet: true },
      { k: 'cmd', name: 'protectDepartments' }, { k: 'cmd', name: 'protectDepartments' }, { k: 'cmd', name: 'unprotectDepartments' },
    ]).ran).toEqual(['protectDepartments', 'protectDepartments', 'unprotectDepartments']);
    // 自己評価 for 令和6年度 on a column, then every command reads the sheet with it.
    expect(at([
      { k: 'cmd', name: 'saveColumnMapping', col: 7, role: 3, headerShift: 0, rows: 0 }, { k: 'cmd', name: 'menuCheck' }, { k: 'cmd', name: 'menuAggregate' },
      { k: 'cmd', name: 'resetColumnMapping' },
    ])).toMatchObject({ ran: ['saveColumnMapping', 'menuCheck', 'menuAggregate', 'resetColumnMapping'], saved: 1 });
    // The plan IDs and names set to 使わない: the sheet cannot be read, so nothing is saved.
    expect(at([{ k: 'cmd', name: 'saveColumnMapping', col: 0, role: 0, headerShift: 1, rows: 1 }], 'template').ran).toEqual(['saveColumnMapping (refused)']);
  });

  test('the recorder sees what the add-on writes (so invariant 4 is not vacuous)', () => {
    const s = baseSession('sample');
    written.length = 0;
    recording = true;
    try {
      s.run('menuCheck');
    } finally {
      recording = false;
    }
    expect(written.length).toBeGreaterThan(100);
    expect(written.some((w) => typeof w.value === 'string' && w.value.startsWith("'"))).toBe(true);
  });
});
