// The 集計 pipeline on sheets already read: parse and validate the inputs, read back what people
// typed on the previous output (overrides, 所見), the unified plans, and rate. Pure: the add-on
// runs it before writing, and the CLI runs it again on the written workbook for the local report.
import type { Grid, Issue } from './model';
import { readProgress, type ReadResult } from './reader';
import { readOverrides } from './results-table';
import { readUnifiedPlans } from './unified-sheet';
import { aggregate, type AggregateResult, type UnifiedPlanInput } from './aggregate';
import { buildReport, type ReportModel } from './report';
import { readChanges } from './changes';
import { SHEETS } from './schema';
import { SHEET_MEMBER_RATINGS, memberViews, periodName } from './committee';
import { previousYear, yearHistory, yearsWithFigures } from './history';
import { SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS } from './confirm';
import { evaluationYearIssue } from './settings';
import type { ColumnMapping } from './mapping';

export interface Computation {
  read: ReadResult;
  /** Problems reading the previous output; an エラー means it must not be rewritten. */
  overrideIssues: Issue[];
  unified: UnifiedPlanInput[];
  result: AggregateResult;
  /** Every finding: input validation, overrides, unified plans. */
  issues: Issue[];
  /**
   * Why the output must not be written (Japanese, names the cell), or null: the progress sheet
   * cannot be mapped, the 評価年度 cannot be rated, or rewriting would lose overrides people typed.
   */
  refusal: string | null;
}

export function compute(grids: Record<string, Grid>, today: Date, mapping?: ColumnMapping | null): Computation {
  const read = readProgress(grids, { today, mapping });
  const prev = readOverrides(grids[SHEETS.results] ?? null, grids[SHEETS.goals] ?? null);
  const unified = readUnifiedPlans(grids[SHEETS.unified], read.data.plans);
  const result = aggregate(read.data, { overrides: prev.overrides, unified });
  const yearIssue = evaluationYearIssue(grids[SHEETS.settings], read.data.settings, read.data.plans, today);
  const blocking = prev.issues.find((i) => i.severity === 'エラー');
  const refusal = read.layout.error ?? yearIssue?.message ?? blocking?.message ?? null;
  return {
    read, overrideIssues: prev.issues, unified, result, issues: [...read.issues, ...result.issues, ...prev.issues], refusal,
  };
}

/** Sheets whose findings come from 集計 rather than from reading the inputs. */
const OUTPUT_FINDING_SHEETS: ReadonlySet<string> = new Set([SHEETS.results, SHEETS.goals, SHEETS.unified]);

/**
 * The findings on what people typed on the add-on's output sheets (上書き評価 without a reason,
 * an invalid grade, an override for a plan that is gone) and on 統合プラン: 入力チェック lists
 * them on 検証結果 with the input findings. One rule: the findings are the ones 集計 made.
 */
export function outputFindings(c: Computation): Issue[] {
  return [...c.overrideIssues, ...c.result.issues.filter((i) => OUTPUT_FINDING_SHEETS.has(i.sheet))];
}

/** The report of a computation (what was left out comes from the rating itself: core/exclusions). */
export function reportOf(c: Computation, grids: Record<string, Grid>, now: Date): ReportModel {
  return buildReport(c.read.data, c.result, {
    now,
    unified: c.unified,
    changes: readChanges(grids[SHEETS.changes]),
    members: memberViews(grids[SHEET_MEMBER_RATINGS], periodName(c.result)),
    years: yearsWithFigures(c.read.data).length >= 2
      ? yearHistory(c.read.data, c.unified, grids[SHEET_CONFIRMED], grids[SHEET_CONFIRMED_GOALS])
      : undefined,
    previous: previousYear(
      c.read.data, c.result.config.evaluationYear, c.result.config.evaluationKind, c.unified,
      grids[SHEET_CONFIRMED], grids[SHEET_CONFIRMED_GOALS],
    ),
  });
}
