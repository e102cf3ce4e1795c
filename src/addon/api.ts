// The contract between the sidebar and the server: every function google.script.run may call,
// with its argument and return types. The sidebar imports these types only (erased at build).
// Values crossing the boundary obey google.script.run's rules: no Date, no undefined in arrays.
import type { UnifiedPlanInput } from '../core/aggregate';

export interface Overview {
  planName: string;
  evaluationLabel: string;
  /** What 設定 left blank and was inferred from the figures ('' when nothing was). */
  evaluationNote: string;
  plans: number;
  indicators: number;
  goals: number;
  departments: number;
  missingSheets: string[];
  lastRun: string;
  /** Tab to show first (the menu item that opened the sidebar). */
  initialTab: 'main' | 'merge' | 'report' | 'depts';
}

export interface IssueView {
  severity: 'エラー' | '警告';
  sheet: string;
  cell: string;
  message: string;
}

export interface DepartmentIssues {
  department: string;
  errors: number;
  warnings: number;
}

export interface CheckSummary {
  errors: number;
  warnings: number;
  issues: IssueView[];
  /** Issues beyond this list are on the 検証結果 sheet only. */
  truncated: number;
  /** Per lead department of the plans concerned, most errors first. */
  departments: DepartmentIssues[];
}

export interface RatingCount {
  label: string;
  count: number;
}

export interface AggregateSummary {
  message: string;
  plans: number;
  indicators: number;
  goals: { code: string; name: string; rating: string; overall: string }[];
  grades: RatingCount[];
}

export interface ShareOutcomeView {
  name: string;
  status: 'shared' | 'skipped' | 'failed';
  reason: string;
}

export interface FolderChoice {
  message: string;
  name: string;
  url: string;
}

export interface ReportSummary {
  message: string;
  name: string;
  url: string;
  shared: number;
  outcomes: ShareOutcomeView[];
  warnings: string[];
  /** The Drive folder the report was saved in. */
  folder: { name: string; url: string };
}

/** The latest report on 報告書履歴, shown on the 報告書 tab until a new one is made. */
export interface LastReportView {
  name: string;
  url: string;
  /** 作成日時 as shown on 報告書履歴. */
  when: string;
  who: string;
  /** 対象期間, e.g. 令和4年度（年度末）. */
  period: string;
  /** url '' when the folder is not known. */
  folder: { name: string; url: string };
  /** 共有した委員 / 共有できなかった委員 as recorded, e.g. 7名（…）. */
  shared: string;
  failed: string;
  notes: string;
  /** False when the Doc is in the trash or the add-on can no longer open it. */
  available: boolean;
}

export interface PlanOption {
  id: string;
  name: string;
  goalCode: string;
  mainDept: string;
  departments: string[];
  /** False for plans already merged or ended: they cannot be added to a group. */
  eligible: boolean;
}

export interface GoalOption {
  code: string;
  name: string;
}

export interface MergeGroupView {
  id: string;
  score: number;
  reasons: string[];
  planIds: string[];
  goalCodes: string[];
  goalChoiceNeeded: boolean;
}

/** A unified plan as listed in the sidebar: the record 集計 rates, with its state and author. */
export interface UnifiedView extends UnifiedPlanInput {
  status: '有効' | '解除済';
  who: string;
  when: string;
}

/** A page of suggested groups: the sidebar asks for one page at a time. */
export interface MergePageRequest {
  /** Index of the first group (0-based). */
  offset: number;
  /** Groups per page, at most MERGE_PAGE_MAX. */
  limit: number;
}

export const MERGE_PAGE_MAX = 50;

export interface MergeCandidates {
  /** The groups of the requested page, best first. */
  groups: MergeGroupView[];
  /** All groups found (the sidebar pages through them). */
  total: number;
  offset: number;
  limit: number;
  /** The plans of this page's groups only; others are found with findPlans. */
  plans: PlanOption[];
  goals: GoalOption[];
  unified: UnifiedView[];
}

/** What the 事務局 confirmed in the review. The goal is always an explicit choice. */
export interface MergeRequestInput {
  memberIds: string[];
  name: string;
  goalCode: string;
  goalReason: string;
  mainDept: string;
  relatedDepts: string[];
}

export interface MergeOutcome {
  message: string;
  unifiedId: string;
  warnings: string[];
}

export interface FormSummary {
  message: string;
  /** The link members answer at. */
  url: string;
  /** The form's edit link, for the 事務局. */
  editUrl: string;
  /** True when the period's form already existed and is used again. */
  reused: boolean;
  questions: number;
  members: number;
}

export interface FormMailSummary {
  message: string;
  /** Members mailed, by name. */
  sent: string[];
  /** Members not mailed, with the reason. */
  failed: string[];
}

export interface MemberGoalView {
  code: string;
  name: string;
  computed: string;
  consensus: string;
  spread: string;
  differs: boolean;
}

export interface CommitteeSummary {
  message: string;
  answered: number;
  /** Members on 委員名簿 who have not answered yet. */
  missing: string[];
  /** Answers from addresses not on 委員名簿 (not counted). */
  ignored: number;
  opinions: number;
  goals: MemberGoalView[];
  /** The deadline had passed and the form stopped accepting responses. */
  closed: boolean;
}

export interface PeriodOptionView {
  key: string;
  label: string;
}

/** One department's 提出状況 for a period. */
export interface DepartmentStatusView {
  department: string;
  emails: string[];
  expected: number;
  filled: number;
  missing: number;
  /** Expected rows with an エラー from 入力チェック. */
  errors: number;
  status: string;
  complete: boolean;
  /** When its entries last changed, as seen by 提出状況 ('' unknown). */
  lastChange: string;
  /** The last 入力依頼 / 督促 sent to it for the period. */
  lastRequest: string;
}

export interface AutoRemindView {
  period: string;
  periodLabel: string;
  deadline: string;
  deadlineLabel: string;
  daysBefore: number;
  owner: string;
}

export interface RequestsOverview {
  periods: PeriodOptionView[];
  period: string;
  periodLabel: string;
  /** MailApp.getRemainingDailyQuota(): recipients the user may still mail today. */
  quota: number;
  departments: DepartmentStatusView[];
  auto: AutoRemindView | null;
  /** Departments with rows to fill but no address on 担当課. */
  noAddress: string[];
}

export interface RequestInput {
  /** periodKey, e.g. '2025:year'. */
  period: string;
  /** yyyy-mm-dd */
  deadline: string;
  message: string;
  kind: 'request' | 'remind' | 'auto';
  /** Only these departments (督促 by hand of a chosen few); all when absent. */
  departments?: string[];
}

export interface MailPreviewView {
  department: string;
  to: string[];
  subject: string;
  body: string;
  rows: number;
}

export interface RequestPreview {
  periodLabel: string;
  deadlineLabel: string;
  mails: MailPreviewView[];
  skipped: { department: string; reason: string }[];
  /** Departments complete for the period: they get nothing. */
  complete: string[];
  recipients: number;
  quota: number;
  enough: boolean;
}

export interface SendResult {
  message: string;
  sent: { department: string; to: string[]; rows: number }[];
  failed: { department: string; reason: string }[];
  quota: number;
}

export interface AutoRemindInput {
  period: string;
  deadline: string;
  daysBefore: number;
  message: string;
}

export interface ConfirmSummary {
  message: string;
  /** e.g. R7年度（年度末） */
  label: string;
  /** When and by whom the period was confirmed. */
  at: string;
  who: string;
  rows: number;
  goals: number;
  /** False after 確定を解除. */
  confirmed: boolean;
}

export interface RolloverSummary {
  message: string;
  /** The year added (e.g. 令和8年度). */
  year: string;
  /** Headers of the columns added (empty after undo). */
  columns: string[];
  undone: boolean;
}

export interface ProtectSummary {
  message: string;
  protections: number;
  /** Earlier add-on protections replaced. */
  replaced: number;
  departments: { department: string; rows: number; editors: string[]; warningOnly: boolean; known: boolean }[];
  warnings: string[];
}

import type { MappingView } from '../core/mapping';
import type { MappingRequest } from './column-mapping';
export type { ColumnRole, ColumnView, MappingView } from '../core/mapping';
export type { MappingRequest } from './column-mapping';

export interface ServerApi {
  getOverview(): Overview;
  runCheck(): CheckSummary;
  runAggregate(): AggregateSummary;
  selectCell(sheet: string, a1: string): boolean;
  createReport(): ReportSummary;
  /** The latest report on 報告書履歴, or null before the first one. */
  getLastReport(): LastReportView | null;
  /** From the Google Picker dialog: the picked folder becomes the report folder. */
  setReportFolder(folderId: string): FolderChoice;
  getMergeCandidates(page: MergePageRequest): MergeCandidates;
  /** Plans whose ID or name contains the query (at most 20), to add to a group. */
  findPlans(query: string): PlanOption[];
  applyMerge(request: MergeRequestInput): MergeOutcome;
  unmerge(unifiedId: string): MergeOutcome;
  createMemberForm(deadline: string): FormSummary;
  importMemberRatings(): CommitteeSummary;
  sendMemberForm(): FormMailSummary;
  getDepartmentStatus(period: string): RequestsOverview;
  previewRequests(input: RequestInput): RequestPreview;
  sendRequests(input: RequestInput): SendResult;
  setAutoRemind(input: AutoRemindInput): AutoRemindView;
  clearAutoRemind(): string;
  protectDepartments(): ProtectSummary;
  unprotectDepartments(): string;
  confirmPeriod(): ConfirmSummary;
  reopenPeriod(reason: string): ConfirmSummary;
  runRollover(): RolloverSummary;
  undoRollover(): RolloverSummary;
  getColumnMapping(): MappingView;
  saveColumnMapping(request: MappingRequest): MappingView;
  resetColumnMapping(): MappingView;
}

export type ServerFunction = keyof ServerApi;
