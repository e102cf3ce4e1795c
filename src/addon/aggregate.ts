// 集計: read every sheet once → parse, validate, rate → write 集計結果 and 目標別評価 once each.
// Overrides and 所見 people typed on the previous output are read back and carried over.
import type { AggregateSummary } from './api';
import type { AggregateResult } from '../core/aggregate';
import { buildTables, TONE_GOAL_COLUMNS, TONE_RESULT_COLUMNS, USER_GOAL_COLUMNS, USER_RESULT_COLUMNS } from '../core/results-table';
import type { Grid } from '../core/model';
import { compute, type Computation } from '../core/pipeline';
import { inferredNote } from '../core/reader';
import { GOAL_RATINGS, GRADES } from '../core/rating';
import { warekiLabel } from '../core/periods';
import { CHANGE_COLUMNS, changeRows, detectChanges } from '../core/changes';
import { SHEETS } from '../core/schema';
import { exclusions } from '../core/exclusions';
import { UserError } from './errors';
import { docStore, readInputs, type Inputs } from './inputs';
import { withDocumentLock } from './lock';
import { prepareAppend, prepareOutputSheet, withFreshReads, WriteBatch } from './sheets';
import { currentUser, nowLabel, prepareRunLog } from './run-log';
import { checkConfirmed, prepareConfirmedChanges, yearHistoryTable } from './confirm';
import { SHEET_YEARS } from '../core/history';
import { SHEET_MEMBER_RATINGS, memberViews, periodName } from '../core/committee';

export const LAST_RUN_KEY = 'lastAggregate';
/**
 * What 集計 reads: the inputs that play a part in the ratings (担当課, 委員名簿 and 提言 do not;
 * 入力チェック checks them), what people typed on the previous output, and the merges.
 */
export const AGGREGATE_READS = [
  SHEETS.progress, SHEETS.hierarchy, SHEETS.settings, SHEETS.results, SHEETS.goals, SHEETS.unified, SHEET_MEMBER_RATINGS,
];
/** Sheets 集計 appends to on every run (変更履歴 is looked up only when something changed). */
export const AGGREGATE_FINDS = [SHEETS.runLog];

export function summarizeAggregate(result: AggregateResult, indicators: number): AggregateSummary {
  const counted = result.plans.filter((p) => p.counted);
  const grades = GRADES.map((g) => ({ label: g, count: counted.filter((p) => p.adopted === g).length }));
  const ratings = GOAL_RATINGS.map((r) => ({ label: r, count: result.goals.filter((g) => g.adopted === r).length }))
    .filter((r) => r.count > 0)
    .map((r) => `${r.label} ${r.count}`)
    .join('、');
  const period = `${warekiLabel(result.config.evaluationYear)}${result.config.evaluationKind === 'mid' ? '（中間）' : ''}`;
  return {
    message: `${period}について、プラン ${counted.length} 件、基本目標 ${result.goals.length} 件を評価しました（${ratings}）。`,
    plans: counted.length,
    indicators,
    goals: result.goals.map((g) => ({ code: g.code, name: g.name, rating: g.adopted, overall: g.sofar.rating })),
    grades,
  };
}

/** Column widths (px) set when an output sheet is created, by header; others keep the default. */
const WIDTHS: Record<string, number> = {
  プランID: 64, 基本目標: 64, コード: 56, プラン名: 240, 名称: 260, 主担当課: 110, 成果指標: 240, 単位: 64, 方向: 120,
  基準値: 130, 目標値: 130, '実績値(期間)': 150, 達成率: 130, 見込み: 180, 評価不能の理由: 240, 上書きの理由: 180,
  '所見(自動案)': 420, '所見(事務局記入)': 320,
};

function widthsOf(header: readonly unknown[]): number[] {
  return header.map((h) => WIDTHS[String(h)] ?? 96);
}

/** Where people type on a previous output (by header); the recheck before writing reads only these. */
function typedColumns(grid: Grid, names: readonly string[]): number[] {
  const header = (grid.values[0] ?? []).map((h) => String(h ?? '').replace(/^'/, '').trim());
  return names.map((n) => header.indexOf(n)).filter((c) => c >= 0);
}

export interface AggregateRun extends Computation {
  /** Who ran it (for the logs). */
  who: string;
  indicators: number;
  summary: AggregateSummary;
  /** The 集計結果 and 目標別評価 tables as written. */
  tables: ReturnType<typeof buildTables>;
}

/**
 * Computes the ratings from inputs already read and prepares the output sheets in `batch`.
 * Everything is computed and checked before the first write, so a refused run writes nothing.
 * Caller holds the lock and commits.
 */
export function prepareAggregate(batch: WriteBatch, inputs: Inputs, started: number): AggregateRun {
  const { grids, sheets } = inputs;
  const computation = compute(grids, new Date(), inputs.mapping);
  const { read, result, issues } = computation;
  if (read.layout.error) throw new UserError(read.layout.error);
  // The members' view per goal (委員評価を取り込む) joins 目標別評価 for the same period.
  const tables = buildTables(result, memberViews(grids[SHEET_MEMBER_RATINGS], periodName(result)));
  const now = new Date();
  for (const [name, table] of [[SHEETS.results, tables.results], [SHEETS.goals, tables.goals]] as const) {
    const header = (table.values[0] ?? []).map((h) => String(h));
    const tones: readonly string[] = name === SHEETS.results ? TONE_RESULT_COLUMNS : TONE_GOAL_COLUMNS;
    prepareOutputSheet(batch, name, {
      values: table.values as (string | number | boolean)[][],
      backgrounds: table.backgrounds,
      paintColumns: tones.map((t) => header.indexOf(t)).filter((c) => c >= 0),
      // A plan's rows are named by its ID and indicator: a plan added or removed moves the rows below.
      ...(name === SHEETS.results ? { key: [header.indexOf('プランID'), header.indexOf('成果指標')] } : {}),
      widths: widthsOf(table.values[0] ?? []),
    }, sheets.get(name), grids[name]);
    // What people type there (overrides, 所見) is carried over: if they typed while this ran,
    // start over so it is not lost.
    const sheet = sheets.get(name);
    if (sheet && grids[name]) batch.recheck(sheet, name, grids[name], [], typedColumns(grids[name], name === SHEETS.results ? USER_RESULT_COLUMNS : USER_GOAL_COLUMNS));
  }
  // Refused before the first write: an unratable 評価年度, or rewriting would lose the overrides
  // people typed. Nothing is rewritten, no report is made.
  if (computation.refusal) throw new UserError(`${computation.refusal}（集計は中止しました。何も書き換えていません。）`);
  const changes = detectChanges(grids[SHEETS.results], tables.results.values, nowLabel(now));
  prepareAppend(batch, SHEETS.changes, CHANGE_COLUMNS, changeRows(changes), sheets.get(SHEETS.changes));
  // A confirmed period: every change to a confirmed figure or grade is flagged and recorded once.
  const confirmed = checkConfirmed(inputs, computation, tables.results.values);
  if (confirmed) prepareConfirmedChanges(batch, inputs, confirmed, nowLabel(now));
  // Several years on the sheet: their grade distributions side by side (confirmed ones as confirmed).
  const years = yearHistoryTable(inputs, computation);
  if (years) prepareOutputSheet(batch, SHEET_YEARS, { values: years, widths: [96, 150] }, inputs.sheets.get(SHEET_YEARS));

  const who = currentUser();
  const indicators = read.data.plans.reduce((n, p) => n + p.indicators.length, 0);
  const errors = issues.filter((i) => i.severity === 'エラー').length;
  prepareRunLog(batch, inputs, { what: '集計', who, at: now, started, plans: read.data.plans.length, indicators, issues });
  batch.then(() => docStore(inputs.props).setProperty(LAST_RUN_KEY, `${nowLabel(now)}（${who}）`));
  const summary = summarizeAggregate(result, indicators);
  const inferred = inferredNote(read.data.settings);
  if (inferred) summary.message += ` ${inferred}`;
  // The same rule as the report's appendix (core/exclusions): only plan data left out.
  const left = exclusions(read.data, result).filter((e) => e.scope !== 'baseline').length;
  if (left) summary.message += ` 入力の誤りで評価から除いた指標・プランが ${left} 件あります（理由は「${SHEETS.results}」の評価不能の理由にあります）。`;
  if (errors) summary.message += ` 入力エラー ${errors} 件は「入力チェック」で確認できます。`;
  if (changes.length) summary.message += ` 指標・目標値の変更 ${changes.length} 件を「${SHEETS.changes}」に記録しました。`;
  if (confirmed?.changes.length) summary.message += ` ${confirmed.state.label}は確定済みですが、確定値から ${confirmed.changes.length} 件変わっています（「${SHEETS.changes}」に「確定後」として記録）。`;
  return { ...computation, who, indicators, summary, tables };
}

/** prepareAggregate and commit. */
export function aggregateAndWrite(inputs: Inputs, started: number): AggregateRun {
  const batch = new WriteBatch(inputs.ss);
  const run = prepareAggregate(batch, inputs, started);
  batch.commit();
  return run;
}

export function runAggregate(): AggregateSummary {
  return withDocumentLock('集計', () => withFreshReads('集計', () => {
    const started = Date.now();
    const inputs = readInputs(AGGREGATE_READS, AGGREGATE_FINDS);
    const { summary } = aggregateAndWrite(inputs, started);
    inputs.ss.toast(summary.message, '集計');
    return summary;
  }));
}
