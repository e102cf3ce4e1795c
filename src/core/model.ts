// Shared domain types. Pure: no Apps Script globals, no Node APIs.

/** What Range.getValues() hands back for one cell. */
export type CellValue = string | number | boolean | Date;

/** A sheet as read once by the add-on: values and their display strings, same shape. */
export interface Grid {
  name: string;
  values: CellValue[][];
  /** Display strings (getDisplayValues). Optional: when absent, values are stringified. */
  display?: string[][];
}

export type Severity = 'エラー' | '警告';

/** A validation finding; `cell` is A1 notation on `sheet`. */
export interface Issue {
  severity: Severity;
  sheet: string;
  cell: string;
  row: number;
  col: number;
  planId?: string;
  /** Japanese, says what is wrong and what to type instead. */
  message: string;
}

/** Fiscal year (年度, April–March) as the Western year it starts in: 令和7年度 = 2025. */
export type PeriodKind = 'year' | 'mid' | 'target' | 'baseline';
export interface Period {
  fiscalYear: number;
  kind: PeriodKind;
}

/** Qualitative states are explicit, never errors and never zero. */
export type QualState = '未整備' | '導入中' | '移行中' | '実施中' | '未実施' | '検討中' | '取得不可' | '指標なし' | '実施済' | '中止';

/** A figure read out of a sentence (narrative.ts): shown in a 警告 and in 集計結果, never silently. */
export interface FigureRead {
  /** The words read, as typed: 「【実績】12回」. */
  quote: string;
  /** label: after 【実績】/実績:/結果／目標; single: the only figure in the text; unit: the only one in the indicator's unit. */
  how: 'label' | 'single' | 'unit';
  /** A target written in the same cell: 「（目標 10,000人）」, 「結果／目標 3／4箇所」. */
  target?: { value: number; unit: string; quote: string };
}

/** A status read from cue words in a sentence (narrative.ts). */
export interface StatusRead {
  cues: string[];
  decisive: string;
}

/** A parsed cell. The original text is always kept for display. */
export type Parsed =
  | { kind: 'number'; value: number; unit: string; text: string; note?: string; read?: FigureRead }
  | { kind: 'milestone'; done: boolean; text: string }
  | { kind: 'state'; state: QualState; text: string; note?: string; read?: StatusRead }
  | { kind: 'empty'; text: string }
  | { kind: 'invalid'; text: string; reason: string };

/** higher is better / lower is better / keep within a range / yes-no milestone */
export type Direction = 'up' | 'down' | 'range' | 'milestone';

export interface Actual {
  period: Period;
  value: Parsed;
  /** Where it was typed, for messages and for selecting the cell. */
  sheet: string;
  cell: string;
}

export interface Indicator {
  /** Stable key: `${planId}#${n}`, n = 1-based order within the plan. */
  key: string;
  planId: string;
  name: string;
  unit: string;
  direction: Direction;
  /** Counts that accumulate during the year (件/年, 人/年 …) vs levels (%, totals in place). */
  accumulates: boolean;
  department: string;
  /** `cell`: A1 of the value on `sheet`, when read from a sheet. */
  baseline: { value: Parsed; fiscalYear?: number; cell?: string };
  target: { value: Parsed; fiscalYear?: number; cumulative: boolean; cell?: string };
  /**
   * A year's own target (「令和2年度目標」 columns, 「【目標】11,000人」 in the year's 内容及び目標
   * cell): that year is evaluated against it; `target` (the final one) drives the 通算 view.
   */
  yearTargets?: { fiscalYear: number; value: Parsed; cell?: string }[];
  /** True when `direction` / `accumulates` were inferred, not typed in 方向 / 中間の見方. */
  directionInferred?: boolean;
  accumulatesInferred?: boolean;
  /** When `accumulates` was inferred: the words or unit that decided (kind.ts), shown in 集計結果. */
  accumulatesCue?: string;
  /** For direction 'range': the band to stay in. */
  range?: { min: number; max: number };
  actuals: Actual[];
  /** 1-based row on the progress sheet. */
  row: number;
  sheet: string;
}

export interface PlanText {
  field: 'achievements' | 'issues' | 'outlook' | 'comment';
  /** The column's header as typed (labels a combined column: 成果と課題). */
  header: string;
  text: string;
  /** The year the header names (令和6年度の課題), when it names one. */
  fiscalYear?: number;
}

export type PlanStatus = '' | '実施中' | '完了' | '中止' | '未着手' | '統合済';

export interface Plan {
  id: string;
  name: string;
  policyCode: string;
  goalCode: string;
  measureCode: string;
  /** 重点 / 推進 / 調査研究, when given. */
  measureClass: string;
  mainDept: string;
  relatedDepts: string[];
  status: PlanStatus;
  /** Unified plan ID this plan was merged into (add-on-owned column). */
  mergedInto: string;
  comment: string;
  /**
   * What the departments wrote about the plan in the columns of words (取組実績, 課題, 今後の方向性,
   * 備考 …: layout.ts TEXT_WORDS), one entry per column, its rows joined; empty ones left out.
   */
  texts?: PlanText[];
  indicators: Indicator[];
  /**
   * The department's own grade per period (自己評価 column: A–D, S–C, ◎○△×, 達成/概ね達成/未達成 …),
   * as typed; used as the plan grade when no figure can be assessed (aggregate.ts).
   */
  selfAssessments?: { period: Period; text: string; cell: string; current?: boolean }[];
  // current: typed in a 自己評価 column without a year, so it is the evaluation period's.
  /** First row of the plan on the progress sheet (1-based). */
  row: number;
  sheet: string;
}

export interface HierarchyItem {
  level: '基本方針' | '基本目標' | '個別施策';
  code: string;
  name: string;
  text: string;
  parentCode: string;
}

export interface Department {
  name: string;
  division: string;
  /** The first valid contact address ('' when none): kept for callers that need one. */
  email: string;
  /**
   * Every valid contact address typed for the department (one cell, separated by commas, 、,
   * semicolons, spaces or line breaks; or repeated rows of the same department). The only
   * addresses the add-on ever mails or grants edit rights to on the department's behalf.
   */
  emails: string[];
  /** 1-based row on 担当課 where the department is first listed (0 when not read from a sheet). */
  row: number;
}

export interface Member {
  name: string;
  title: string;
  email: string;
  share: boolean;
  role: 'commenter' | 'reader' | 'writer';
  row: number;
}

export interface Recommendation {
  policyCode: string;
  member: string;
  text: string;
}

/** Everything the add-on reads from the spreadsheet, parsed. */
export interface ProgressData {
  plans: Plan[];
  hierarchy: HierarchyItem[];
  departments: Department[];
  members: Member[];
  recommendations: Recommendation[];
  settings: Settings;
}

export interface Settings {
  planName: string;
  /** 計画期間 as fiscal years (first, last), for the report cover; absent when not typed. */
  planPeriod?: { from: number; to: number };
  /** 市区町村名 and 委員会名 for the report cover ('' when not typed). */
  city?: string;
  committee?: string;
  /** Section in charge (担当部署) printed on the report cover. */
  office: string;
  evaluationYear: number;
  /** Year-end or mid-year evaluation. */
  evaluationKind: 'year' | 'mid';
  /** ISO date (yyyy-mm-dd) the mid-year figures are as of. */
  midAsOf: string;
  /** Grade thresholds in percent: A ≥ a, B ≥ b, C ≥ c, else D. */
  thresholds: { a: number; b: number; c: number };
  /** Goal rating rule: share of assessable plans graded A or B needed. */
  goalRule: { goodShare: number; fairShare: number };
  /** Plan grade from its indicators: mean of capped achievement (default) or worst grade. */
  planRule?: 'mean' | 'worst';
  /**
   * 途中年度の評価: before the target year, judge against the final target ('final', default)
   * or against the share of the way expected by then, linear from the baseline year ('paced').
   */
  interimRule?: 'final' | 'paced';
  /** 状況の評価: grade of each progress status (実施済 → A …); missing statuses keep the default. */
  statusGrades?: Partial<Record<'実施済' | '実施中' | '検討中' | '未着手' | '中止', 'A' | 'B' | 'C' | 'D' | '−'>>;
  reportFolderId: string;
  /** 共有の通知メール: Drive mails each member when the report is shared (default true). */
  notifyMembers?: boolean;
  /** Groups of words treated as the same when proposing merges. */
  synonyms: string[][];
  /**
   * 事務局メンバー: addresses of the 事務局's members. Besides the person running a command (and
   * the owner), they may edit what the add-on protects for the 事務局 (確定値, 担当課ごとに保護).
   */
  secretariat?: string[];
  /**
   * What was not typed on 設定 but inferred from the figures (e.g. only 「R7中間」 typed for the
   * latest year → 令和7年度 中間), as Japanese clauses for the summary, the sidebar and the
   * report (reader.inferredNote joins them).
   */
  inferred?: string[];
}
