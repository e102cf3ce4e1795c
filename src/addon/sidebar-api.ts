// The server side of the sidebar (google.script.run). Types: src/addon/api.ts.
import * as z from 'zod/mini';
import { MERGE_PAGE_MAX, type Overview, type ServerApi } from './api';
import { warekiLabel } from '../core/periods';
import { SHEETS } from '../core/schema';
import { parseA1 } from '../core/a1';
import { endpoint } from './endpoint';
import { setReportFolder } from './picker';
import { readSettings } from '../core/settings';
import { ColumnRoleSchema } from '../core/mapping';
import { getColumnMapping, resetColumnMapping, saveColumnMapping } from './column-mapping';
import { takeSidebarTab } from './sidebar';
import { UserError } from './errors';
import { docProperty, readInputs } from './inputs';
import { inferredNote, readProgress } from '../core/reader';
import { runCheck } from './check';
import { runAggregate, LAST_RUN_KEY } from './aggregate';
import { runReport } from './report';
import { lastReport } from './last-report';
import { createMemberForm, importMemberRatings, sendMemberForm } from './committee';
import { protectByDepartment, unprotectAll } from './protect';
import { clearAutoRemind, departmentOverview, previewRequests, sendRequests, setAutoRemind } from './requests';
import { confirmPeriod, reopenPeriod } from './confirm';
import { runRollover, undoRollover } from './rollover';
import { applyMerge as apply, findPlans, mergeCandidates, unmerge as undo } from './merge';

/** Sheets the overview counts from; a missing one is pointed out. */
const OVERVIEW_SHEETS = [SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members, SHEETS.settings];

const getOverview = endpoint(z.tuple([]), (): Overview => {
  const { grids, sheets, mapping, props } = readInputs(OVERVIEW_SHEETS);
  const { data, sheets: found } = readProgress(grids, { today: new Date(), mapping });
  // A sheet found under another name (体系, 委員一覧 …) is not missing.
  const roleOf: Record<string, string> = {
    [SHEETS.progress]: 'progress', [SHEETS.hierarchy]: 'hierarchy', [SHEETS.departments]: 'departments',
    [SHEETS.members]: 'members', [SHEETS.settings]: 'settings',
  };
  const s = data.settings;
  return {
    planName: s.planName,
    evaluationLabel: `${warekiLabel(s.evaluationYear)} ${s.evaluationKind === 'mid' ? '中間評価' : '年度末評価'}${s.inferred?.length ? '（推定）' : ''}`,
    evaluationNote: inferredNote(s),
    plans: data.plans.length,
    indicators: data.plans.reduce((n, p) => n + p.indicators.length, 0),
    goals: data.hierarchy.filter((h) => h.level === '基本目標').length,
    departments: data.departments.length,
    missingSheets: OVERVIEW_SHEETS.filter((n) => !sheets.get(n) && !(found as Record<string, string | undefined>)[roleOf[n]]),
    lastRun: docProperty(props, LAST_RUN_KEY) ?? '',
    initialTab: takeSidebarTab(),
  };
});


const PLAN_ID = z.string().check(z.trim(), z.minLength(1), z.maxLength(50));
// The shape only; what the IDs, goal and departments mean is checked by validateMergeRequest.
const MergeInput = z.object({
  memberIds: z.array(PLAN_ID).check(z.maxLength(100)),
  name: z.string().check(z.maxLength(200)),
  goalCode: z.string().check(z.maxLength(50)),
  goalReason: z.string().check(z.maxLength(1000)),
  mainDept: z.string().check(z.maxLength(100)),
  relatedDepts: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(100)),
});
const applyMerge = endpoint(z.tuple([MergeInput]), apply);
const MergePage = z.object({
  offset: z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)),
  limit: z.number().check(z.int(), z.minimum(1), z.maximum(MERGE_PAGE_MAX)),
});
const unmerge = endpoint(z.tuple([z.string().check(z.regex(/^U-\d{1,6}$/))]), undo);

// The shape only; whether the columns make a readable sheet is checked by saveColumnMapping.
const MappingInput = z.object({
  headerRow: z.number().check(z.int(), z.gte(1), z.lte(10)),
  headerRows: z.number().check(z.int(), z.gte(1), z.lte(2)),
  columns: z.array(z.object({ col: z.number().check(z.int(), z.gte(0), z.lte(500)), role: ColumnRoleSchema })).check(z.maxLength(500)),
});

const A1_CELL = /^[A-Z]{1,3}[1-9][0-9]{0,6}$/;

const selectCell = endpoint(z.tuple([z.string().check(z.minLength(1), z.maxLength(100)), z.string().check(z.regex(A1_CELL))]), (name, a1) => {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new UserError(`「${name}」シートが見つかりません。シート名が変わっていないか確認してください。`);
  // Checked here: beyond the grid getRange fails with an English message.
  const ref = parseA1(a1);
  const rows = sheet.getMaxRows();
  const cols = sheet.getMaxColumns();
  if (!ref || ref.row > rows || ref.col > cols) {
    throw new UserError(`「${name}」シートにセル ${a1} はありません（${rows}行 × ${cols}列）。行や列が削除されていないか確認し、入力チェックをやり直してください。`);
  }
  sheet.activate();
  sheet.getRange(ref.row, ref.col).activate();
  return true;
});

const PERIOD_KEY = z.string().check(z.regex(/^(\d{4}:(year|mid))?$/));
const ISO_DATE = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const MESSAGE = z.string().check(z.maxLength(2000));
const RequestInputSchema = z.object({
  period: PERIOD_KEY,
  deadline: ISO_DATE,
  message: MESSAGE,
  // 'auto' is the trigger's own: the sidebar sends by hand only.
  kind: z.enum(['request', 'remind']),
  departments: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(500))),
});
const AutoRemindSchema = z.object({
  period: PERIOD_KEY,
  deadline: ISO_DATE,
  daysBefore: z.int().check(z.minimum(0), z.maximum(60)),
  message: MESSAGE,
});

/**
 * Every function google.script.run may call, each validating its arguments. Typed as ServerApi,
 * so the sidebar and the server cannot drift apart.
 */
export const serverApi: ServerApi = {
  getOverview,
  runCheck: endpoint(z.tuple([]), runCheck),
  runAggregate: endpoint(z.tuple([]), runAggregate),
  selectCell,
  createReport: endpoint(z.tuple([]), runReport),
  getLastReport: endpoint(z.tuple([]), lastReport),
  setReportFolder: endpoint(z.tuple([z.string().check(z.regex(/^[A-Za-z0-9_-]{10,200}$/))]), (id) => {
    // Read 設定 only to say whether a typed folder ID takes precedence over the picked one.
    const { grids } = readInputs([SHEETS.settings]);
    return setReportFolder(id, readSettings(grids[SHEETS.settings]).settings.reportFolderId);
  }),
  getMergeCandidates: endpoint(z.tuple([MergePage]), mergeCandidates),
  findPlans: endpoint(z.tuple([z.string().check(z.maxLength(100))]), (q) => findPlans(q)),
  applyMerge,
  unmerge,
  createMemberForm: endpoint(z.tuple([z.string().check(z.maxLength(20))]), createMemberForm),
  importMemberRatings: endpoint(z.tuple([]), importMemberRatings),
  sendMemberForm: endpoint(z.tuple([]), sendMemberForm),
  getDepartmentStatus: endpoint(z.tuple([PERIOD_KEY]), departmentOverview),
  previewRequests: endpoint(z.tuple([RequestInputSchema]), previewRequests),
  sendRequests: endpoint(z.tuple([RequestInputSchema]), sendRequests),
  setAutoRemind: endpoint(z.tuple([AutoRemindSchema]), setAutoRemind),
  clearAutoRemind: endpoint(z.tuple([]), clearAutoRemind),
  protectDepartments: endpoint(z.tuple([]), protectByDepartment),
  unprotectDepartments: endpoint(z.tuple([]), unprotectAll),
  confirmPeriod: endpoint(z.tuple([]), confirmPeriod),
  reopenPeriod: endpoint(z.tuple([z.string().check(z.maxLength(500))]), reopenPeriod),
  runRollover: endpoint(z.tuple([]), runRollover),
  undoRollover: endpoint(z.tuple([]), undoRollover),
  getColumnMapping: endpoint(z.tuple([]), getColumnMapping),
  saveColumnMapping: endpoint(z.tuple([MappingInput]), saveColumnMapping),
  resetColumnMapping: endpoint(z.tuple([]), resetColumnMapping),
};
