// 集計: read every sheet once → parse, validate, rate → write 集計結果 and 目標別評価 once each.
// Overrides and 所見 people typed on the previous output are read back and carried over.
import type { AggregateSummary } from './api';
import { aggregate, type AggregateResult } from '../core/aggregate';
import { buildTables, readOverrides } from '../core/results-table';
import { GOAL_RATINGS, GRADES } from '../core/rating';
import { warekiLabel } from '../core/periods';
import { SHEETS } from '../core/schema';
import { UserError } from './errors';
import { readInputs } from './inputs';
import { withDocumentLock } from './lock';
import { appendLog, gridSize, writeOutputSheet } from './sheets';

const LOG_HEADER = ['日時', '実行者', '処理', 'プラン数', '成果指標数', 'エラー', '警告', '所要時間(秒)'];
export const LAST_RUN_KEY = 'lastAggregate';

export function currentUser(): string {
  return Session.getActiveUser().getEmail() || '（不明）';
}

export function nowLabel(date: Date): string {
  return Utilities.formatDate(date, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm');
}

export function summarizeAggregate(result: AggregateResult, indicators: number): AggregateSummary {
  const counted = result.plans.filter((p) => p.counted);
  const grades = GRADES.map((g) => ({ label: g, count: counted.filter((p) => p.adopted === g).length }));
  const ratings = GOAL_RATINGS.map((r) => ({ label: r, count: result.goals.filter((g) => g.adopted === r).length }))
    .filter((r) => r.count > 0)
    .map((r) => `${r.label} ${r.count}`)
    .join('、');
  const period = `${warekiLabel(result.config.evaluationYear)}${result.config.evaluationKind === 'mid' ? '（中間）' : ''}`;
  return {
    message: `${period}: プラン ${counted.length} 件、基本目標 ${result.goals.length} 件を評価しました（${ratings}）。`,
    plans: counted.length,
    indicators,
    goals: result.goals.map((g) => ({ code: g.code, name: g.name, rating: g.adopted, overall: g.sofar.rating })),
    grades,
  };
}

export function runAggregate(): AggregateSummary {
  return withDocumentLock('集計', () => {
    const started = Date.now();
    // 委員名簿 and 提言 play no part in the ratings.
    const inputs = readInputs([SHEETS.results, SHEETS.goals, SHEETS.unified], [SHEETS.members, SHEETS.recommendations]);
    const { ss, grids, read, sheets } = inputs;
    if (read.layout.error) throw new UserError(read.layout.error);
    const prev = readOverrides(grids[SHEETS.results] ?? null, grids[SHEETS.goals] ?? null);
    const blocking = prev.issues.filter((i) => i.severity === 'エラー');
    if (blocking.length) {
      // Rewriting would lose the overrides people typed: stop before writing anything.
      throw new UserError(`${blocking[0].message}（集計は中止しました。何も書き換えていません。）`);
    }
    const result = aggregate(read.data, { overrides: prev.overrides });
    const tables = buildTables(result);
    writeOutputSheet(ss, SHEETS.results, { values: tables.results.values as (string | number | boolean)[][], backgrounds: tables.results.backgrounds }, sheets.get(SHEETS.results), gridSize(grids[SHEETS.results]));
    writeOutputSheet(ss, SHEETS.goals, { values: tables.goals.values as (string | number | boolean)[][], backgrounds: tables.goals.backgrounds }, sheets.get(SHEETS.goals), gridSize(grids[SHEETS.goals]));

    const indicators = read.data.plans.reduce((n, p) => n + p.indicators.length, 0);
    const issues = [...read.issues, ...result.issues, ...prev.issues];
    const errors = issues.filter((i) => i.severity === 'エラー').length;
    const now = new Date();
    appendLog(ss, SHEETS.runLog, LOG_HEADER, [
      nowLabel(now), currentUser(), '集計', read.data.plans.length, indicators, errors, issues.length - errors,
      Math.round((Date.now() - started) / 100) / 10,
    ], sheets.get(SHEETS.runLog) ?? null);
    PropertiesService.getDocumentProperties().setProperty(LAST_RUN_KEY, `${nowLabel(now)}（${currentUser()}）`);
    const summary = summarizeAggregate(result, indicators);
    ss.toast(summary.message + (errors ? ` 入力エラー ${errors} 件の指標は評価から除外しています。` : ''), '集計');
    return summary;
  });
}
