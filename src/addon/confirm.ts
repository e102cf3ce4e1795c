// 確定 / 確定を解除: snapshots the period's 集計結果 and 目標別評価 to add-on-owned, protected sheets,
// flags later changes to confirmed figures, and gives the report the confirmed figures.
// The state per period lives in the document properties (who, when, reopened with a reason).
import type { ConfirmSummary } from './api';
import type { CellValue, Grid, Issue } from '../core/model';
import type { Computation } from '../core/pipeline';
import { compute } from '../core/pipeline';
import { buildTables } from '../core/results-table';
import { CHANGE_COLUMNS } from '../core/changes';
import {
  CONFIRMED_COLUMNS, CONFIRMED_FIGURES, CONFIRMED_GOAL_COLUMNS, SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS, changesSinceConfirm, confirmIssues,
  confirmLabel, goalSnapshotRows, overlaySnapshot, readSnapshot, snapshotRows, type ConfirmState, type ConfirmedChange,
} from '../core/confirm';
import { escapeCell } from '../core/cells';
import { yearHistory, yearRows, yearsWithFigures } from '../core/history';
import { periodKey } from '../core/committee';
import { SHEETS } from '../core/schema';
import { UserError } from './errors';
import { docProperty, docStore, readInputs, type DocumentProps, type Inputs } from './inputs';
import { prepareAppend, readGrid, WriteBatch } from './sheets';
import { withDocumentLock } from './lock';
import { AGGREGATE_READS, prepareAggregate } from './aggregate';
import { currentUser, nowLabel, prepareRunLog } from './run-log';

const STATE_KEY = 'confirmed:';
/** Protections the add-on makes carry this description, so it removes only its own. */
export const CONFIRM_PROTECTION = '進捗管理アドオン: 確定値（編集は事務局のみ）';

/** The period's state; from the properties read at the start of the run when given. */
export function confirmState(c: Computation, props?: DocumentProps): ConfirmState | null {
  const raw = docProperty(props, STATE_KEY + periodKey(c.result));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ConfirmState;
  } catch {
    return null;
  }
}

function saveState(c: Computation, state: ConfirmState, props?: DocumentProps): void {
  docStore(props).setProperty(STATE_KEY + periodKey(c.result), JSON.stringify(state));
}

/** True when the period is confirmed and not reopened: its figures must not move silently. */
function locked(state: ConfirmState | null): state is ConfirmState {
  return !!state && !state.reopened;
}

/** A 確定値 sheet, read once and only when needed (it costs a read otherwise saved). */
function lazyGrid(inputs: Inputs, name: string): Grid | undefined {
  if (inputs.grids[name]) return inputs.grids[name];
  const sheet = inputs.sheets.has(name) ? inputs.sheets.get(name) : inputs.ss.getSheetByName(name);
  inputs.sheets.set(name, sheet ?? null);
  if (!sheet) return undefined;
  inputs.grids[name] = readGrid(sheet, name, false);
  return inputs.grids[name];
}

function snapshotGrid(inputs: Inputs): Grid | undefined {
  return lazyGrid(inputs, SHEET_CONFIRMED);
}

function anyConfirmed(props?: DocumentProps): boolean {
  const keys = props ? Object.keys(props.values) : docStore().getKeys();
  return keys.some((k) => k.startsWith(STATE_KEY));
}

/**
 * 年度別評価 when the sheet holds several years: per year the grade distribution, confirmed
 * years from 確定値, the others rated again from the current inputs. Null with fewer years.
 */
export function yearHistoryTable(inputs: Inputs, c: Computation): (string | number)[][] | null {
  if (yearsWithFigures(c.read.data).length < 2) return null;
  const confirmed = anyConfirmed(inputs.props);
  const plans = confirmed ? lazyGrid(inputs, SHEET_CONFIRMED) : undefined;
  const goals = confirmed ? lazyGrid(inputs, SHEET_CONFIRMED_GOALS) : undefined;
  return yearRows(yearHistory(c.read.data, c.unified, plans, goals));
}

export interface ConfirmCheck {
  state: ConfirmState;
  changes: ConfirmedChange[];
  issues: Issue[];
}

/** Changes to the confirmed figures of the period being evaluated; null when it is not confirmed. */
export function checkConfirmed(inputs: Inputs, c: Computation, resultsTable?: CellValue[][], fields?: readonly string[]): ConfirmCheck | null {
  const state = confirmState(c, inputs.props);
  if (!locked(state)) return null;
  const snapshot = readSnapshot(snapshotGrid(inputs), state.label);
  const table = resultsTable ?? buildTables(c.result).results.values;
  const changes = changesSinceConfirm(snapshot, c.result, table, fields);
  return { state, changes, issues: confirmIssues(changes, state) };
}

/**
 * 入力チェック's warnings for confirmed figures typed over. Costs nothing when no period was
 * ever confirmed (the property keys read with the inputs); otherwise rates the inputs once more.
 */
export function confirmedFigureIssues(inputs: Inputs): Issue[] {
  if (!anyConfirmed(inputs.props)) return [];
  const c = compute(inputs.grids, new Date());
  if (c.read.layout.error) return [];
  return checkConfirmed(inputs, c, undefined, CONFIRMED_FIGURES)?.issues ?? [];
}

/**
 * 変更履歴 rows for confirmed figures that changed, each recorded once (a change already on
 * 変更履歴 with the same plan, indicator, field and value is not repeated by the next 集計).
 */
export function prepareConfirmedChanges(batch: WriteBatch, inputs: Inputs, check: ConfirmCheck, when: string): number {
  if (check.changes.length === 0) return 0;
  const sheet = inputs.sheets.has(SHEETS.changes) ? inputs.sheets.get(SHEETS.changes) : inputs.ss.getSheetByName(SHEETS.changes);
  const seen = new Set<string>();
  if (sheet) {
    const grid = inputs.grids[SHEETS.changes] ?? readGrid(sheet, SHEETS.changes, false);
    for (const r of grid.values.slice(1)) seen.add(r.slice(1, 6).map((v) => String(v)).join('\u0000'));
  }
  const rows = check.changes
    .map((ch) => [when, ch.planId, ch.indicator, `${ch.field}（確定後）`, ch.before, ch.after, ''])
    .filter((r) => !seen.has(r.slice(1, 6).join('\u0000')))
    .map((r) => r.map((v) => escapeCell(v)));
  prepareAppend(batch, SHEETS.changes, CHANGE_COLUMNS, rows, sheet ?? null);
  return rows.length;
}

/**
 * What the report is built from: for a confirmed period the confirmed actuals are put back in
 * their cells and the ratings computed again, so the report shows the confirmed figures.
 */
export function reportBasis(inputs: Inputs, run: Computation): { basis: Computation; grids: Record<string, Grid>; note: string } {
  const state = confirmState(run, inputs.props);
  if (!locked(state)) return { basis: run, grids: inputs.grids, note: '' };
  const snapshot = readSnapshot(snapshotGrid(inputs), state.label);
  if (snapshot.length === 0) return { basis: run, grids: inputs.grids, note: '' };
  const indicators = run.read.data.plans.flatMap((p) => p.indicators);
  const { grids, missing } = overlaySnapshot(inputs.grids, snapshot, indicators, run.result);
  const basis = compute(grids, new Date());
  const note = `${state.label}は確定済みのため、確定値（${state.at}、${state.who}）で作成しました。` +
    (missing.length ? ` 確定後に見つからなくなった指標 ${missing.length} 件は現在の値です。` : '');
  return { basis, grids, note };
}

/**
 * Only the 事務局 may edit: the member who confirmed, the owner and the 事務局メンバー of 設定. A
 * rerun does not stack protections; members added to 設定 since are added (none is removed, so an
 * editor someone added by hand stays).
 */
function protect(sheet: GoogleAppsScript.Spreadsheet.Sheet, secretariat: readonly string[]): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).filter((p) => p.getDescription() === CONFIRM_PROTECTION);
  if (existing.length) {
    const p = existing[0];
    const have = new Set(p.getEditors().map((u) => u.getEmail().toLowerCase()));
    const missing = secretariat.filter((e) => !have.has(e.toLowerCase()));
    if (missing.length) p.addEditors(missing);
    return;
  }
  const p = sheet.protect().setDescription(CONFIRM_PROTECTION);
  const me = Session.getEffectiveUser();
  p.addEditor(me);
  p.removeEditors(p.getEditors().filter((u) => u.getEmail() !== me.getEmail()));
  if (secretariat.length) p.addEditors([...secretariat]);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}

export function confirmPeriod(): ConfirmSummary {
  return withDocumentLock('確定', () => {
    const started = Date.now();
    const inputs = readInputs(AGGREGATE_READS, [SHEETS.runLog, SHEETS.changes, SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS]);
    const before = compute(inputs.grids, new Date());
    const state = confirmState(before, inputs.props);
    const label = confirmLabel(before.result);
    if (locked(state)) {
      throw new UserError(`${label}は ${state.at} に ${state.who} が確定済みです。確定し直す場合は、先に「確定を解除」で理由を記録してください。`);
    }
    // 集計 with it: the snapshot is exactly what 集計結果 shows at this moment.
    const batch = new WriteBatch(inputs.ss);
    const run = prepareAggregate(batch, inputs, started);
    const tables = run.tables;
    const now = new Date();
    const at = nowLabel(now);
    const who = run.who;
    const rows = snapshotRows(run.result, tables.results.values, label, at, who);
    const goalRows = goalSnapshotRows(tables.goals.values, label, at, who);
    const cells = (table: CellValue[][]) => table.map((r) => r.map((v) => (v instanceof Date ? nowLabel(v) : v)));
    prepareAppend(batch, SHEET_CONFIRMED, CONFIRMED_COLUMNS, cells(rows), inputs.sheets.get(SHEET_CONFIRMED));
    prepareAppend(batch, SHEET_CONFIRMED_GOALS, CONFIRMED_GOAL_COLUMNS, cells(goalRows), inputs.sheets.get(SHEET_CONFIRMED_GOALS));
    prepareRunLog(batch, inputs, { what: `確定（${label}）`, who, at: now, started, plans: run.read.data.plans.length, indicators: run.indicators, issues: [] });
    batch.commit();
    for (const name of [SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS]) {
      const sheet = inputs.ss.getSheetByName(name);
      if (sheet) protect(sheet, run.read.data.settings.secretariat ?? []);
    }
    saveState(run, { period: periodKey(run.result), label, at, who, reopened: null }, inputs.props);
    const message = `${label}を確定しました（指標 ${rows.length} 行、基本目標 ${goalRows.length} 件を「${SHEET_CONFIRMED}」に記録）。以後、確定値が変わると入力チェックと集計でお知らせします。`;
    inputs.ss.toast(message, '確定');
    return { message, label, at, who, rows: rows.length, goals: goalRows.length, confirmed: true };
  });
}

export function reopenPeriod(reason: string): ConfirmSummary {
  return withDocumentLock('確定を解除', () => {
    const why = reason.trim();
    if (!why) throw new UserError('確定を解除する理由を入力してください（例: 委員会で実績値の訂正が認められたため）。');
    const started = Date.now();
    const inputs = readInputs(AGGREGATE_READS, [SHEETS.runLog]);
    const c = compute(inputs.grids, new Date());
    const state = confirmState(c, inputs.props);
    const label = confirmLabel(c.result);
    if (!locked(state)) throw new UserError(`${label}は確定されていません。`);
    const now = new Date();
    const who = currentUser();
    const batch = new WriteBatch(inputs.ss);
    prepareRunLog(batch, inputs, { what: `確定を解除（${label}、理由: ${why}）`, who, at: now, started, plans: c.read.data.plans.length, indicators: 0, issues: [] });
    batch.commit();
    state.reopened = { at: nowLabel(now), who, reason: why };
    saveState(c, state, inputs.props);
    const message = `${label}の確定を解除しました（理由: ${why}）。確定値の記録は「${SHEET_CONFIRMED}」に残っています。改めて「確定」すると新しい確定値を記録します。`;
    inputs.ss.toast(message, '確定を解除');
    return { message, label, at: state.at, who: state.who, rows: 0, goals: 0, confirmed: false };
  });
}
