// The invariant suite (issue 11): random workbooks (workbooks.ts) and random sequences of a
// person's edits and the add-on's commands, run on the built bundle in the local runtime. After
// every command:
//   1. every cell a person typed (value, formula, format, note, validation) is unchanged;
//   2. no plan silently disappears: after 入力チェック every data row of the progress sheet is in
//      a plan or named in 検証結果;
//   3. a refused command writes nothing (the whole workbook, and no Doc is made);
//   4. no string the add-on writes starts with = + - @ unescaped, and it writes no formula;
//   5. 年度更新 moves people's cells only with the columns it inserts (and writes 評価年度 only), and
//      its undo right after it restores the whole workbook but the run log.
// `npm test` runs a fixed seed and a bounded count; `npm run fuzz` runs many more (FUZZ_RUNS,
// FUZZ_SEED).
import fc from 'fast-check';
import { LocalRange, LocalSheet } from '../../src/local/gas/spreadsheet';
import type { SheetModel } from '../../src/local/gas/spreadsheet-model';
import type { LocalDocumentApp } from '../../src/local/gas/document';
import type { AddonSession } from '../../src/local/session';
import type { Grid } from '../../src/core/model';
import { readProgress } from '../../src/core/reader';
import { OWNED_COLUMNS, MEMBER_OWNED_COLUMNS, SHEETS } from '../../src/core/schema';
import { workbookState } from '../addon/helpers';
import { applyEdit, baseSession, HumanCells, INPUT_SHEET_NAMES, RESERVED_NAMES, scenario, type Command, type Scenario } from './workbooks';
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
  const read = readProgress(grids, { today: new Date() });
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

// ---- running a command -----------------------------------------------------------------------------

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
function check(sc: Scenario): { ran: string[]; restored: number } {
  const ran: string[] = [];
  let restored = 0;
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
  }
  return { ran, restored };
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
      .toEqual({ ran: ['runRollover +2 columns', 'undoRollover -2 columns'], restored: 1 });
    expect(at([{ k: 'cmd', name: 'runRollover' }, { k: 'cmd', name: 'undoRollover' }]))
      .toEqual({ ran: ['runRollover 0 columns', 'undoRollover 0 columns'], restored: 1 });
    expect(at([{ k: 'lastYear' }, { k: 'dropdown', sheet: INPUT_SHEET_NAMES.indexOf(SHEETS.settings), row: EVAL_YEAR_ROW, col: 1 }, { k: 'cmd', name: 'runRollover' }]).ran)
      .toEqual(['runRollover (refused)']);
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
