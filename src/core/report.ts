// 報告書: the report model built from 集計 results, and its layout as a flat list of blocks that
// every renderer (Google Doc, .docx, HTML) draws the same way. Pure and deterministic.
//
// Every figure of a plan (目標値, 実績値, 達成率, 見込み, 評価) is read from the very table that
// 集計 writes to 集計結果 (buildResultsTable), so the report and the sheet cannot disagree.

import type { MemberView } from './results-table';
import type { PreviousYear, YearRow } from './history';
import type { HierarchyItem, Issue, Member, PlanText, ProgressData } from './model';
import { textFieldsOf } from './layout';
import { SETTING_KEYS, SHEETS } from './schema';
import { formatNumber, formatPercent, fyLabel } from './cells';
import { attentions, exclusions, type Attention } from './exclusions';
import type { Indicator, Parsed } from './model';
import { unitsCompatible } from './values';
import { warekiLabel } from './periods';
import type { AggregateResult, GoalComputed, GoalResult, PlanResult, UnifiedPlanInput } from './aggregate';
import { RESULT_COLUMNS, buildResultsTable } from './results-table';
import { DEFAULT_STATUS_GRADES, expectedShare, type Grade, type GoalRating } from './rating';
import { formatStatusGrades } from './settings';
import { GRADE_COLORS, TONE_COLORS, chartHeight, chartLabels, type ChartSpec, type Tone } from './chart';
import { CELL_PAD_EM, TABLE_EM, columnMinEm, emWidth } from './tokens';
import { clip } from './text';
import type { PlanGap } from './findings';
import { coverDate, stamp, warekiFromIso } from './wareki';

// ---------------------------------------------------------------------------------------------
// Model

/** A recorded change of an indicator or its target during the plan (seed 002: 指標と目標値の変更). */
export interface IndicatorChange {
  planId: string;
  /** Indicator name (before the change when the name itself changed). */
  indicator: string;
  /** What changed: 指標, 目標値, 目標年度, 単位 … */
  item: string;
  before: string;
  after: string;
  /** When: 令和5年度, 2024-03-15 … as recorded. */
  when: string;
  reason: string;
}

/** A table as the renderers draw it: header row, body rows, relative column widths. */
export interface ReportTable {
  header: string[];
  rows: string[][];
  /** Relative widths (any unit); same length as header. */
  widths: number[];
  /** 'kv': a two-column label/value table, label column shaded. */
  variant?: 'grid' | 'kv';
  /** Per-column alignment of the body cells (renderers that can align per column do). */
  align?: ('left' | 'center' | 'right')[];
  /** Column whose body cells are filled by their grade or rating (CELL_FILLS). */
  toneColumn?: number;
  /** 'sum': a summary row (a plan's overall grade under its indicators), shaded lightly. */
  rowKinds?: ('body' | 'sum')[];
}

/** Fill of a grade or rating cell (the colours of 集計結果). */
export const CELL_FILLS: Record<string, string> = {
  A: '#d9ead3', B: '#e2efda', C: '#fff2cc', D: '#f4cccc', '−': '#eeeeee',
  良好: '#d9ead3', 概ね良好: '#fff2cc', 良好ではない: '#f4cccc', 評価不能: '#eeeeee',
};

/** The fill of a tone-column cell: its text up to a mark (※) or a line break. */
export function cellFill(text: string): string | null {
  const key = text.split(/[※\n（]/)[0].trim();
  return CELL_FILLS[key] ?? null;
}

/** Fill of a summary row. */
export const SUM_ROW_FILL = '#f5f7fb';

export interface ReportCover {
  planName: string;
  /** 計画期間　令和4年度〜令和6年度（2022年度〜2024年度）, '' when not set. */
  planPeriodLine: string;
  /** 須賀川市, committee name: lines under the date ('' when not set). */
  city: string;
  committee: string;
  /** True while any 提言 is still the placeholder: the report is a draft (（案）). */
  draft: boolean;
  /** 進捗状況報告書 */
  reportName: string;
  /** 令和4年度 / 令和5年度（中間） */
  periodLabel: string;
  /** The evaluation year on the cover, 和暦 and 西暦: 令和4年度（2022年度）, …（中間）. */
  yearLine: string;
  /** 令和4年度末時点の実績による評価 … */
  basisLine: string;
  /** 令和8年11月21日（2026年11月21日） */
  dateLine: string;
  office: string;
}

export interface ReportPlanRow {
  planId: string;
  /** Table rows of the plan (one per indicator, then a 'sum' row when it has several). */
  rows: string[][];
  kinds: ('body' | 'sum')[];
  grade: Grade;
  overridden: boolean;
}

export interface ReportGoal {
  code: string;
  name: string;
  heading: string;
  /** 説明 of the goal on 施策体系 ('' when none). */
  text: string;
  plans: ReportPlanRow[];
  planTable: ReportTable;
  /** Notes under the plan table (footnotes ※1…, overrides with their reasons). */
  notes: string[];
  /**
   * Per plan, what the departments wrote (取組実績／課題／今後の方向性／備考, labelled, in that
   * order), in plan order; plans without text left out, empty items omitted, texts kept whole.
   */
  narrative: ReportNarrative[];
  period: { label: string; rating: GoalRating; detail: string };
  sofar: { label: string; rating: GoalRating; detail: string };
  finding: string;
  ratingTable: ReportTable;
}

export interface ReportNarrative {
  planId: string;
  /** 1-2 プラン名 */
  title: string;
  /** プラン名（主担当課） */
  name: string;
  items: { label: string; text: string }[];
}

export interface ReportFigure {
  chart: ChartSpec;
  /** Caption without its number: reportBlocks prefixes 図n. */
  caption: string;
}

export interface ReportRecommendation {
  member: string;
  title: string;
  text: string;
}

export interface ReportPolicy {
  code: string;
  name: string;
  heading: string;
  text: string;
  goals: ReportGoal[];
  recommendations: ReportRecommendation[];
  /** Shown when there is no recommendation yet. */
  recommendationPlaceholder: string;
  /** 委員評価 of the policy's goals (委員評価を取り込む), when the members have answered. */
  memberTable: ReportTable | null;
}

export interface ReportAppendix {
  heading: string;
  lead: string;
  table: ReportTable | null;
  /** More tables after the first (with a short heading each), e.g. 要確認 after 除外. */
  more?: { heading: string; lead: string; table: ReportTable | null; empty: string }[];
  /** Shown instead of the table when there is nothing to list. */
  empty: string;
}

/** The lists of 総括 that name plans or indicators one an item. */
export type OverviewList = 'regressed' | 'down' | 'up' | 'unrated';

export interface ReportModel {
  /** 第5次須賀川市地域情報化計画 報告書（令和4年度） */
  title: string;
  /** Document name: title + ' ' + yyyy-mm-dd HH:MM (local time). */
  docName: string;
  timestamp: string;
  cover: ReportCover;
  summary: {
    intro: string[];
    method: string[];
    gradeTable: ReportTable;
    /** Counted plans per adopted grade. */
    gradeCounts: Record<Grade, number>;
    goalTable: ReportTable;
    /** 総括: one page, in words (counts, 後退, 評価不能 with reasons). */
    overview: {
      lead: string[]; regressed: string[]; unrated: string[]; down: string[]; up: string[]; compared: boolean;
      /**
       * A split report (report-size.ts): per list cut short in the body, how many items it has in
       * all and the line saying where the rest are.
       */
      more?: Partial<Record<OverviewList, { total: number; note: string }>>;
    };
    /** Figures of the summary, in order (numbered 図1 … by reportBlocks). */
    charts: ReportFigure[];
    /** Grade distribution per year when the sheet holds several years (年度別評価); else null. */
    yearTable: ReportTable | null;
    /** 図 年度別の評価の分布, with the year table; null with fewer than two years. */
    yearChart: ReportFigure | null;
  };
  policies: ReportPolicy[];
  /** Recommendations not tied to a 基本方針 of the plan. */
  generalRecommendations: ReportRecommendation[];
  appendices: ReportAppendix[];
}

/**
 * Header of the plan tables: 基準値・目標値 with their year when every indicator shares it,
 * 前年度・実績 with the year of the evaluation; 見込み only in a mid-year report.
 */
export function planTableHeader(fy: number, mid: boolean, baseYear?: number, targetYear?: number): string[] {
  // The year on a line of its own: a narrow column never splits 「（R2）」.
  const y = (n: number | undefined): string => (n === undefined ? '\n（年度）' : `\n（${fyLabel(n)}）`);
  return [
    'プラン', '成果指標', `基準値${y(baseYear)}`, `前年度${y(mid ? fy - 1 : fy - 1)}`,
    `実績${mid ? `\n（${fyLabel(fy)}中間）` : y(fy)}`, `目標値${y(targetYear)}`, mid ? '達成率／見込み' : '達成率', '評価',
  ];
}

export interface ReportOptions {
  now: Date;
  /** IANA zone for the cover date and the timestamp (default Asia/Tokyo). */
  timeZone?: string;
  /** Unified plans as given to 集計 (adds plans the result could not rate, e.g. with errors). */
  unified?: UnifiedPlanInput[];
  changes?: IndicatorChange[];
  /** The members' view per goal code (委員評価 of the same period). */
  members?: ReadonlyMap<string, MemberView>;
  /** Grade distribution of each year with figures (history.ts), oldest first. */
  years?: YearRow[];
  /** The previous year's grades (history.ts previousYear): the 総括 says what changed. */
  previous?: PreviousYear;
}

/** Columns of a plan table; the period columns carry their year (planTableHeader). */
export const PLAN_TABLE_COLUMNS = ['プラン', '成果指標', '基準値', '前年度', '実績', '目標値', '達成率', '評価'] as const;
/** Index of 前年度 in PLAN_TABLE_COLUMNS (and in every ReportPlanRow's rows, which keep all columns). */
export const PREVIOUS_COLUMN = 3;

/** A row or header without column `c`. */
export function dropColumn<T>(xs: readonly T[], c: number): T[] {
  return xs.filter((_, i) => i !== c);
}

/** True when no row of a plan table has a figure of the previous year (every 前年度 cell — or empty). */
export function previousColumnEmpty(rows: readonly string[][]): boolean {
  return rows.every((r) => {
    const v = (r[PREVIOUS_COLUMN] ?? '').trim();
    return v === '' || v === DASH;
  });
}

/** The plan table without its 前年度 column (header, rows, alignment, tone column), with `widths`. */
function dropPreviousColumn(t: ReportTable, widths: number[]): void {
  t.header = dropColumn(t.header, PREVIOUS_COLUMN);
  t.rows = t.rows.map((r) => dropColumn(r, PREVIOUS_COLUMN));
  if (t.align) t.align = dropColumn(t.align, PREVIOUS_COLUMN);
  if (t.toneColumn !== undefined && t.toneColumn > PREVIOUS_COLUMN) t.toneColumn--;
  t.widths = widths;
}
export const NO_ATTENTION_TEXT = '確認が必要な数値はありません。';
export const NO_CHANGES_TEXT = '記録された変更はありません。';
export const NO_UNIFIED_TEXT = '統合したプランはありません。';
export const NO_EXCLUDED_TEXT = '集計から除いた入力はありません。';
/** 年度ごとの評価の推移: plans per grade and goals per rating, one row a year (two years or more). */
function yearTable(years: YearRow[] | undefined): ReportTable | null {
  if (!years || years.length < 2) return null;
  const grades = ['A', 'B', 'C', 'D', '−'];
  const ratings = ['良好', '概ね良好', '良好ではない', '評価不能'];
  return {
    // Two-line headers: a narrow column never breaks inside 「プラン」 or 「良好ではない」.
    header: ['年度', '根拠', ...grades.map((g) => `プラン\n${g}`), ...ratings.map((r) => `基本目標\n${r}`)],
    rows: years.map((y) => [warekiLabel(y.fiscalYear), y.source, ...grades.map((g) => String(y.grades[g] ?? 0)), ...ratings.map((r) => String(y.ratings[r] ?? 0))]),
    widths: [11, 8, 7, 7, 7, 7, 7, 8, 10, 13, 10],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  };
}

const GRADE_ORDER: Grade[] = ['A', 'B', 'C', 'D', '−'];
const GRADE_CHART_NOTE = '棒の長さはプランの件数、色はA〜D・評価不能の内訳です。';

/**
 * A stacked bar per row of plans per grade (A … D, 評価不能), in the grade colours of 集計結果; the
 * axis in whole steps of plans. Figures by 基本方針 and by 年度 share it.
 */
export function gradeChart(title: string, rows: { label: string; counts: Record<string, number> }[]): ChartSpec {
  const maxTotal = Math.max(1, ...rows.map((r) => GRADE_ORDER.reduce((n, k) => n + (r.counts[k] ?? 0), 0)));
  const step = maxTotal <= 10 ? 2 : maxTotal <= 25 ? 5 : maxTotal <= 50 ? 10 : Math.ceil(maxTotal / 50) * 10;
  const axisMax = Math.ceil(maxTotal / step) * step;
  return {
    title,
    categories: rows.map((r) => r.label),
    series: GRADE_ORDER.map((k) => ({ name: k === '−' ? '評価不能' : k, color: GRADE_COLORS[k], values: rows.map((r) => r.counts[k] || null) })),
    axis: { min: 0, max: axisMax, ticks: Array.from({ length: axisMax / step + 1 }, (_, i) => i * step), unit: '件', title: 'プランの件数' },
    width: 640,
    height: chartHeight(rows.length),
  };
}

/** 図 年度別の評価の分布: plans per grade of each year (two years or more), oldest first. */
function yearFigure(years: YearRow[] | undefined): ReportFigure | null {
  if (!years || years.length < 2) return null;
  const span = `${warekiLabel(years[0].fiscalYear)}〜${warekiLabel(years[years.length - 1].fiscalYear)}`;
  const chart = gradeChart(
    `年度別の評価の分布（${span}）`,
    years.map((y) => ({ label: `${warekiLabel(y.fiscalYear)}${y.source === '確定値' ? '（確定値）' : ''}`, counts: y.grades })),
  );
  const confirmed = years.some((y) => y.source === '確定値');
  return {
    chart,
    caption: `${chart.title}。${GRADE_CHART_NOTE}各年度の年度末の評価で、` +
      (confirmed ? '「（確定値）」の年度は確定した評価、ほかの年度は現在の入力から同じ方法で計算し直した評価です。' : '現在の入力から同じ方法で計算し直した評価です。'),
  };
}

/** The 委員の評価 row of a goal's rating table (none until the members have answered). */
function memberRow(v: MemberView | undefined): string[][] {
  if (!v || !v.consensus || v.consensus === DASH) return [];
  const note = v.differs === '異なる' ? ' ※集計の評価と異なります' : '';
  return [['委員の評価', `${v.consensus}　${v.breakdown}${note}`]];
}

/** 委員評価 of a 基本方針: per goal, 集計's rating beside the members' (none when nobody answered). */
function memberTable(goals: GoalResult[], members: ReadonlyMap<string, MemberView> | undefined): ReportTable | null {
  const rows = goals
    .map((g) => ({ g, v: members?.get(g.code) }))
    .filter((x): x is { g: GoalResult; v: MemberView } => !!x.v && !!x.v.consensus && x.v.consensus !== DASH)
    .map(({ g, v }) => [goalHeading(g.code, g.name), g.adopted, v.consensus, v.breakdown]);
  if (rows.length === 0) return null;
  return { header: ['基本目標', '集計の評価', '委員の評価（最多）', '内訳'], rows, widths: [34, 14, 20, 32], align: ['left', 'center', 'center', 'left'], toneColumn: 1 };
}

export const RECOMMENDATION_PLACEHOLDER = '（委員からの提言は、委員会での審議を踏まえて記載します。）';
export const DASH = '—';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * Why a plan has no grade, worded for the committee. 評価不能の理由 on 集計結果 tells the
 * secretariat what to type instead; the report only says why there is no grade.
 */
export const GAP_TEXT: Partial<Record<PlanGap, string>> = {
  'no-indicator': '成果指標が設定されていないため、評価していません。',
  'no-actual': '実績値が未入力のため、評価していません。',
  unavailable: '実績値を取得できないため、評価していません。',
  state: '実績が数値で示されていないため、評価していません。',
  'invalid-actual': '実績値を数値として読み取れないため、評価していません。',
  'no-target': '目標値が数値で設定されていないため、評価していません。',
  'unit-mismatch': '実績値と目標値の単位が異なるため、評価していません。',
  'direction-mismatch': '目標値と指標の方向が合わないため、評価していません。',
  'no-range': '目標とする範囲が設定されていないため、評価していません。',
  'no-direction': '成果指標の方向（高いほど良い・低いほど良いなど）が定まらないため、評価していません。',
  stopped: '中止したプランのため、評価の対象外です。',
  mixed: '評価できる成果指標がないため、評価していません。',
};

// ---------------------------------------------------------------------------------------------
// Reading 集計結果 back, row by row, in the order buildResultsTable writes it.

type ResultRow = Record<(typeof RESULT_COLUMNS)[number], string>;

/** Undo escapeCell: it only ever adds one leading apostrophe. */
function unescapeCell(v: unknown): string {
  if (typeof v === 'string') return v.startsWith("'") ? v.slice(1) : v;
  if (v === null || v === undefined) return '';
  return String(v);
}

function resultRowsByPlan(result: AggregateResult): Map<string, ResultRow[]> {
  const table = buildResultsTable(result);
  const header = table.values[0].map(unescapeCell);
  const byPlan = new Map<string, ResultRow[]>();
  let r = 1;
  for (const p of result.plans) {
    const n = Math.max(1, p.indicators.length);
    const rows = table.values.slice(r, r + n).map((values) => {
      const row = {} as ResultRow;
      header.forEach((h, i) => ((row as Record<string, string>)[h] = unescapeCell(values[i])));
      return row;
    });
    // The table is written plan by plan; anything else is a programming error, not bad data.
    if (rows.length !== n || rows.some((x) => x['プランID'] !== p.id)) {
      throw new Error(`report: the ${SHEETS.results} rows of plan ${p.id} are not where expected.`);
    }
    byPlan.set(p.id, rows);
    r += n;
  }
  return byPlan;
}

// ---------------------------------------------------------------------------------------------

function periodLabelOf(result: AggregateResult): string {
  const fy = warekiLabel(result.config.evaluationYear);
  return result.config.evaluationKind === 'mid' ? `${fy}（中間）` : fy;
}

/** True when some 基本方針 (or the plan as a whole) has no 提言 yet. */
function policyItemsDraft(data: ProgressData, given: string[]): boolean {
  const codes = new Set(data.hierarchy.filter((h) => h.level === '基本方針').map((h) => h.code));
  if (codes.size === 0) return given.length === 0;
  return [...codes].some((c) => !given.includes(c));
}

function basisLineOf(result: AggregateResult): string {
  const fy = warekiLabel(result.config.evaluationYear);
  if (result.config.evaluationKind === 'mid') {
    const asOf = warekiFromIso(result.config.midAsOf) ?? result.config.midAsOf;
    return `${asOf}時点の中間実績による評価（年度末の達成見込み）`;
  }
  return `${fy}末時点の実績による評価`;
}

const pct = (n: number): string => `${Math.round(n * 100) / 100}%`;

function shareText(g: GoalComputed): string {
  const assessable = g.counts.A + g.counts.B + g.counts.C + g.counts.D;
  if (g.share === null) return g.reason || '評価できるプランがありません';
  const ab = g.counts.A + g.counts.B;
  return `評価対象${assessable}件のうちA・B評価${ab}件（${formatPercent(g.share / 100)}）`;
}

function toneOf(r: GoalRating): Tone {
  return r === '良好' ? 'good' : r === '概ね良好' ? 'fair' : r === '良好ではない' ? 'bad' : 'none';
}

function numbered(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return items.map((s, i) => `${CIRCLED[i] ?? `(${i + 1})`}${s}`).join('\n');
}

const orDash = (s: string): string => (s.trim() === '' ? DASH : s);

/** Short reason in the 達成率 cell of an indicator without a grade. */
const SHORT_REASON: Record<string, string> = {
  'no-indicator': '指標なし', 'no-actual': '実績未入力', unavailable: '実績取得不可', state: '実績が数値でない',
  'invalid-actual': '実績を読み取れない', 'no-target': '目標値なし', 'unit-mismatch': '単位の違い',
  'direction-mismatch': '目標と方向の不一致', 'no-direction': '方向が未定', 'no-range': '範囲が未設定',
};

interface PlanTableCtx {
  mid: boolean;
  fy: number;
  /** Years in the header (undefined: the year goes into each cell). */
  baseYear?: number;
  targetYear?: number;
  /** Footnote marks per indicator key and field. */
  marks: Map<string, { field: string; mark: string }[]>;
}

type NumberParsed = Parsed & { kind: 'number' };

/**
 * A figure as the table shows it: as typed, except a figure or status read out of a sentence
 * (「…を追加した。【実績】158手続」): the table shows what was read (158手続), and the sentence
 * goes to the plan's 取組実績 (sentencesOf).
 */
function figureOf(p: Parsed): string {
  if (p.kind === 'number' && p.read) return formatNumber(p.value) + p.unit;
  if (p.kind === 'state' && p.read) return p.state;
  return squashText(p.text) || (p.kind === 'number' ? formatNumber(p.value) + p.unit : '');
}

/** The sentences typed as the evaluation period's actuals of a plan (a table kept in words). */
function sentencesOf(p: PlanResult, fy: number, mid: boolean): string[] {
  const out: string[] = [];
  for (const ir of p.indicators) {
    const v = ir.indicator.actuals.find((a) => a.period.fiscalYear === fy && a.period.kind === (mid ? 'mid' : 'year'))?.value;
    if (!v || !(v.kind === 'number' || v.kind === 'state') || !v.read) continue;
    const text = v.text.trim();
    // Only words beyond the figure say what was done: not 「【実績】47件」 or 「結果／目標 14／15箇所」.
    let rest = text;
    if (v.kind === 'number') for (const q of [v.read.quote, v.read.target?.quote]) if (q) rest = rest.split(q).join('');
    if (rest.replace(/[\s\d,.、。・／/()（）【】「」:：%％]|目標|実績|結果/g, '').length < 6) continue;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

function squashText(s: string): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** Year in the cell only when it differs from the header's. */
function withCellYear(text: string, fy: number | undefined, headerYear: number | undefined): string {
  if (!text) return DASH;
  return fy !== undefined && fy !== headerYear ? `${text}\n（${fyLabel(fy)}）` : text;
}

function marksOf(ctx: PlanTableCtx, key: string, field: string): string {
  // After a space: a narrow cell breaks before the mark, not inside the figure.
  const marks = (ctx.marks.get(key) ?? []).filter((m) => m.field === field).map((m) => m.mark).join('');
  return marks ? ` ${marks}` : '';
}

/** 前年度比 as a signed percent, when both figures are numbers in the same unit. */
function yearOnYear(ind: Indicator, prev: Parsed | undefined, cur: Parsed | undefined): string {
  if (!prev || !cur || prev.kind !== 'number' || cur.kind !== 'number' || prev.value === 0) return '';
  if (!unitsCompatible((prev as NumberParsed).unit || ind.unit, (cur as NumberParsed).unit || ind.unit)) return '';
  const r = (cur.value - prev.value) / Math.abs(prev.value);
  const sign = r > 0 ? '+' : r < 0 ? '' : '±';
  return `前年度比 ${sign}${formatPercent(r)}`;
}

function planRow(p: PlanResult, rows: ResultRow[], ctx: PlanTableCtx): ReportPlanRow {
  const overridden = !!p.override?.applied;
  const adopted = rows[0]['採用評価'] as Grade;
  // Grades not computed from figures say where they came from (自己評価, 状況), docs/ratings.md §4.
  const source = !overridden && adopted !== '−' && p.period.source && p.period.source !== '実績' ? `\n（${p.period.source}）` : '';
  const gradeText = adopted + (overridden ? '※' : '') + source;
  const dept = p.mainDept ? `\n（${p.mainDept}${p.relatedDepts.length ? `・${p.relatedDepts.join('・')}` : ''}）` : '';
  const planCell = `${p.id} ${p.name}${dept}`;
  if (p.indicators.length === 0) {
    const reason = SHORT_REASON[p.period.gap ?? ''] ?? '評価できる指標なし';
    return {
      planId: p.id, grade: adopted, overridden, kinds: ['body'],
      rows: [[planCell, '（指標の設定なし）', DASH, DASH, DASH, DASH, adopted === '−' ? `評価不能\n（${reason}）` : DASH, gradeText]],
    };
  }
  const several = p.indicators.length > 1;
  const out: string[][] = [];
  p.indicators.forEach((ir, i) => {
    const ind = ir.indicator;
    const r = rows[i];
    const find = (fy: number, kind: 'year' | 'mid') =>
      ind.actuals.find((a) => a.period.fiscalYear === fy && a.period.kind === kind && a.value.kind !== 'empty')?.value;
    const prev = find(ctx.fy - 1, 'year');
    const cur = find(ctx.fy, ctx.mid ? 'mid' : 'year');
    let actual = ind.target.cumulative ? r['実績値(期間)'] : cur ? figureOf(cur) : '';
    actual = actual ? actual + marksOf(ctx, ind.key, 'actual') : DASH;
    const trend = ctx.mid ? '' : yearOnYear(ind, prev, cur);
    const grade = r['指標の評価'];
    let rate = ctx.mid ? [r['達成率'], r['見込み']].filter(Boolean).join('\n') : r['達成率'];
    if (ir.period.method === 'status' && ir.period.status) {
      rate = `状況「${ir.period.status.status}」`;
    } else if (grade === '−' || !rate) {
      const code = ir.period.reason?.code ?? '';
      // A target typed in words (平成25年発行分まで) is there, just not a number.
      const short = code === 'no-target' && ind.target.value.kind !== 'empty' ? '目標値が数値でない' : SHORT_REASON[code];
      rate = `評価不能\n（${short ?? '評価できない'}）`;
    }
    out.push([
      i === 0 ? planCell : '',
      several ? `${CIRCLED[i] ?? `(${i + 1})`}${ind.name}` : ind.name || DASH,
      withCellYear(ind.baseline.value.kind === 'empty' ? '' : figureOf(ind.baseline.value) + marksOf(ctx, ind.key, 'baseline'), ind.baseline.fiscalYear, ctx.baseYear),
      prev ? figureOf(prev) : DASH,
      trend ? `${actual}\n${trend}` : actual,
      // Judged against the year's own target: that target first, the final one under it.
      ir.period.yearTarget && ir.period.yearTarget.text !== (ind.target.value.kind === 'empty' ? '' : figureOf(ind.target.value))
        ? `${ir.period.yearTarget.text}\n（${fyLabel(ir.period.yearTarget.fiscalYear)}目標）` +
          (ind.target.value.kind === 'empty' ? '' : `\n最終 ${figureOf(ind.target.value)}${marksOf(ctx, ind.key, 'target')}`)
        : withCellYear(ind.target.value.kind === 'empty' ? '' : figureOf(ind.target.value) + marksOf(ctx, ind.key, 'target'), ind.target.fiscalYear, ctx.targetYear),
      rate,
      several ? grade : gradeText,
    ]);
  });
  const kinds: ('body' | 'sum')[] = out.map(() => 'body');
  if (several) {
    const score = p.period.score;
    const counted = p.period.assessableCount;
    const scoreText = score === null
      ? `評価不能\n（${SHORT_REASON[p.period.gap ?? ''] ?? '評価できる指標なし'}）`
      : `平均 ${formatPercent(score)}${counted < p.indicators.length ? `\n（評価できる${counted}指標）` : ''}`;
    out.push(['', `プランの評価（${p.indicators.length}指標の平均）`, '', '', '', '', scoreText, gradeText]);
    kinds.push('sum');
  }
  return { planId: p.id, rows: out, kinds, grade: adopted, overridden };
}

/** Labels of the columns of words in the report. */
export const TEXT_LABELS: Record<PlanText['field'], string> = {
  achievements: '取組実績', issues: '課題', outlook: '今後の方向性', comment: '備考',
};
const TEXT_ORDER: PlanText['field'][] = ['achievements', 'issues', 'outlook', 'comment'];

/** The label of one column of words: what its header says (成果と課題 → 取組実績・課題). */
function textLabel(t: PlanText): string {
  if (t.field === 'comment') {
    const h = t.header.replace(/\s+/g, '');
    return !h || /^(コメント|備考)$/.test(h) || h.length > 10 ? TEXT_LABELS.comment : h;
  }
  const named = textFieldsOf(t.header);
  return (named.length ? named : [t.field]).map((f) => TEXT_LABELS[f]).join('・');
}

/**
 * A plan's texts for the report of `fy`: columns without a year, and of the columns that name a
 * year (令和6年度の課題) the latest up to `fy`; in the order 取組実績, 課題, 今後の方向性, 備考.
 */
export function narrativeItems(texts: readonly PlanText[] | undefined, fy: number): { label: string; text: string }[] {
  const list = texts ?? [];
  const out: { label: string; text: string }[] = [];
  for (const field of TEXT_ORDER) {
    const of = list.filter((t) => t.field === field && t.text.trim());
    const dated = of.filter((t) => t.fiscalYear !== undefined && t.fiscalYear <= fy);
    const latest = dated.length ? Math.max(...dated.map((t) => t.fiscalYear as number)) : undefined;
    for (const t of of) {
      if (t.fiscalYear !== undefined && t.fiscalYear !== latest) continue;
      const label = textLabel(t);
      const same = out.find((x) => x.label === label);
      if (same) same.text = `${same.text}\n${t.text.trim()}`;
      else out.push({ label, text: t.text.trim() });
    }
  }
  return out;
}

/**
 * The 総括's sentence on the change since last year: the counts then and now, or why there is no
 * comparison (the plan's first year, a mid-year outlook, no figures of the previous year).
 */
function changeSinceLastYear(
  result: AggregateResult, firstYear: number | undefined, prev: PreviousYear | undefined, moves: { up: boolean }[],
): string {
  const fy = result.config.evaluationYear;
  if (!prev) {
    if (firstYear !== undefined && fy <= firstYear) return `${warekiLabel(fy)}は計画期間の初年度のため、前年度との比較はありません。`;
    if (result.config.evaluationKind === 'mid') return '中間の評価（年度末の見込み）のため、前年度の評価とは比べていません（年度末の評価で比べます）。';
    return `前年度（${warekiLabel(fy - 1)}）の年度末の実績が入力されていないため、前年度との比較はしていません。`;
  }
  const ab = (grades: Iterable<string>): number => [...grades].filter((g) => g === 'A' || g === 'B').length;
  const counted = result.plans.filter((p) => p.counted);
  const nowAB = ab(counted.map((p) => p.adopted));
  const thenAB = ab(prev.plans.values());
  const nowGood = result.goals.filter((g) => g.adopted === '良好').length;
  const thenGood = [...prev.goals.values()].filter((r) => r === '良好').length;
  const diff = (a: number, b: number): string => (b === a ? '（増減なし）' : `（${b > a ? '+' : '−'}${Math.abs(b - a)}件）`);
  const up = moves.filter((m) => m.up).length;
  const down = moves.length - up;
  const basis = prev.source === '確定値' ? '確定した評価' : '現在の入力から同じ方法で計算した年度末の評価';
  return `前年度（${warekiLabel(prev.fiscalYear)}、${basis}）と比べると、A・B評価のプランは${thenAB}件から${nowAB}件${diff(thenAB, nowAB)}、` +
    `「良好」の基本目標は${thenGood}件から${nowGood}件${diff(thenGood, nowGood)}になりました。評価が上がったプランは${up}件、下がったプランは${down}件です。`;
}

/** The one year every indicator shares (for the header), else undefined. */
function commonYear(years: (number | undefined)[]): number | undefined {
  const set = new Set(years.filter((y): y is number => y !== undefined));
  return set.size === 1 && !years.includes(undefined) ? [...set][0] : undefined;
}

/**
 * Relative column widths (em of the table font) from the content: each column at least as wide
 * as its longest unbreakable token (a figure with its unit, a rating word: core/tokens.ts) and its
 * header, so no viewer splits 「1,303,598件」; the flexible text columns share what is left.
 */
export function fitWidths(header: string[], rows: string[][], flexible: number[]): number[] {
  const min = header.map((h, c) => columnMinEm(h, rows.map((r) => r[c] ?? '')));
  // Text columns share what is left of the line, at least 7 em each (or their longest token):
  // narrower, a plan name wraps every few characters and its row grows taller than the figures need.
  const flexMin = flexible.map((c) => Math.max(7 + CELL_PAD_EM, min[c]));
  const fixed = min.reduce((a, b, c) => a + (flexible.includes(c) ? 0 : b), 0);
  const left = TABLE_EM - fixed;
  const flexSum = flexMin.reduce((a, b) => a + b, 0);
  if (left < flexSum) {
    // Too many wide figures for the line: everything in proportion to its minimum.
    const all = fixed + flexSum;
    return min.map((m, c) => Math.round(((flexible.includes(c) ? flexMin[flexible.indexOf(c)] : m) * TABLE_EM * 10) / all) / 10);
  }
  // The room above the minimums goes to the text columns by the square root of their length.
  const weight = flexible.map((c) => Math.sqrt(Math.max(1, ...rows.map((r) => emWidth(r[c] ?? '')))));
  const wsum = weight.reduce((a, b) => a + b, 0);
  const extra = left - flexSum;
  return min.map((m, c) => {
    const k = flexible.indexOf(c);
    return Math.round((k < 0 ? m : flexMin[k] + (extra * weight[k]) / wsum) * 10) / 10;
  });
}

function hierarchyIndex(items: HierarchyItem[]): { policies: HierarchyItem[]; goals: Map<string, HierarchyItem> } {
  const policies = items.filter((h) => h.level === '基本方針');
  const goals = new Map<string, HierarchyItem>();
  for (const h of items) if (h.level === '基本目標' && !goals.has(h.code)) goals.set(h.code, h);
  return { policies, goals };
}

function memberTitle(members: Member[], name: string): string {
  return members.find((m) => m.name === name)?.title ?? '';
}

function goalHeading(code: string, name: string): string {
  if (!code) return name || '（基本目標未設定）';
  return `基本目標${code}　${name}`.trim();
}

/** Build the report model. Numbers equal those of 集計結果 (same table, same text). */
export function buildReport(data: ProgressData, result: AggregateResult, opts: ReportOptions): ReportModel {
  const tz = opts.timeZone ?? 'Asia/Tokyo';
  const s = data.settings;
  const mid = result.config.evaluationKind === 'mid';
  const periodLabel = periodLabelOf(result);
  const planName = s.planName.trim() || '地域情報化計画';
  // Draft (（案）) while any 基本方針 still shows the placeholder instead of 提言.
  const recsGiven = data.recommendations.filter((r) => r.text.trim());
  const draft = policyItemsDraft(data, recsGiven.map((r) => r.policyCode));
  const reportName = (mid ? '進捗状況報告書（中間）' : '進捗状況報告書') + (draft ? '（案）' : '');
  // The running header repeats the cover's title word for word.
  // 中間 is said once: 進捗状況報告書（中間）（令和7年度）, not …（中間）（令和7年度（中間））.
  const title = `${planName} ${reportName.replace(/（案）$/, '')}（${warekiLabel(result.config.evaluationYear)}）${draft ? '（案）' : ''}`;
  const timestamp = stamp(opts.now, tz);
  const rowsByPlan = resultRowsByPlan(result);
  const plansById = new Map(result.plans.map((p) => [p.id, p]));
  // A plan made without the reader (no texts) still shows its コメント.
  const textsOf = new Map(data.plans.map((p) => [p.id, p.texts ?? (p.comment.trim() ? [{ field: 'comment' as const, header: 'コメント', text: p.comment }] : [])]));
  const { policies: policyItems, goals: goalItems } = hierarchyIndex(data.hierarchy);
  const t = result.config.thresholds;
  const rule = result.config.goalRule;

  // A unified plan shows what each of its original plans' departments wrote, under its ID.
  const narrativeFor = (p: PlanResult): ReportNarrative['items'] => {
    const items = typedNarrative(p);
    // Actuals written as sentences are what was done that year: 取組実績 unless a column says it.
    const said = sentencesOf(p, result.config.evaluationYear, mid);
    if (said.length && !items.some((i) => i.label.startsWith(TEXT_LABELS.achievements))) {
      items.unshift({ label: TEXT_LABELS.achievements, text: said.join('\n') });
    }
    return items;
  };
  const typedNarrative = (p: PlanResult): ReportNarrative['items'] => {
    if (p.kind !== 'unified') return narrativeItems(textsOf.get(p.id), result.config.evaluationYear);
    const byLabel = new Map<string, string[]>();
    for (const id of p.memberIds) {
      for (const it of narrativeItems(textsOf.get(id), result.config.evaluationYear)) {
        if (!byLabel.has(it.label)) byLabel.set(it.label, []);
        (byLabel.get(it.label) as string[]).push(`${id}: ${it.text}`);
      }
    }
    return [...byLabel].map(([label, texts]) => ({ label, text: texts.join('\n') }));
  };

  // Footnotes: figures to check (要確認), numbered across the report in plan order.
  const attention = attentions(result);
  const marks = new Map<string, { field: string; mark: string }[]>();
  const footnoteOf = new Map<Attention, string>();
  attention.forEach((a, i) => {
    const mark = `※${i + 1}`;
    footnoteOf.set(a, mark);
    if (!marks.has(a.key)) marks.set(a.key, []);
    (marks.get(a.key) as { field: string; mark: string }[]).push({ field: a.outlier.field, mark });
  });
  const allIndicators = result.plans.filter((p) => p.counted).flatMap((p) => p.indicators.map((ir) => ir.indicator));
  const tableCtx: PlanTableCtx = {
    mid, fy: result.config.evaluationYear, marks,
    baseYear: commonYear(allIndicators.filter((i) => i.baseline.value.kind !== 'empty').map((i) => i.baseline.fiscalYear)),
    targetYear: commonYear(allIndicators.filter((i) => i.target.value.kind !== 'empty').map((i) => i.target.fiscalYear)),
  };
  const planHeader = planTableHeader(result.config.evaluationYear, mid, tableCtx.baseYear, tableCtx.targetYear);

  // --- goals ---------------------------------------------------------------------------------
  const periodName = mid ? `${warekiLabel(result.config.evaluationYear)} 中間の評価（年度末の見込み）` : `${periodLabel}の評価`;
  const sofarName = `計画期間通算の評価（${warekiLabel(result.config.evaluationYear)}まで）`;

  const buildGoal = (g: GoalResult): ReportGoal => {
    const plans = g.planIds.map((id) => plansById.get(id)).filter((p): p is PlanResult => !!p);
    const rows = plans.map((p) => planRow(p, rowsByPlan.get(p.id) as ResultRow[], tableCtx));
    const ids = new Set(plans.flatMap((p) => [p.id, ...p.memberIds]));
    const notes = attention
      .filter((a) => ids.has(a.planId))
      .map((a) => `${footnoteOf.get(a)} ${a.planId}「${a.indicator}」: ${a.text}。桁や単位に誤りがないか、担当課に確認しています（要確認）。`);
    notes.push(...plans
      .filter((p) => p.override?.applied)
      .map((p) => `※ ${p.id}「${p.name}」は、計算上の評価「${p.period.grade}」を事務局の判断で「${p.adopted}」としました（理由: ${p.override?.reason}）。`));
    notes.push(...plans
      .filter((p) => !p.override?.applied && p.period.grade !== '−' && (p.period.source === '自己評価' || p.period.source === '状況'))
      .map((p) => (p.period.source === '自己評価' && p.period.selfAssessment
        ? `${p.id}「${p.name}」は数値で評価できる指標がないため、担当課の自己評価「${p.period.selfAssessment.text}」（${warekiLabel(p.period.selfAssessment.fiscalYear)}）により「${p.period.grade}」としました。`
        : `${p.id}「${p.name}」は数値で評価できる指標がないため、取組の状況（${[...new Set(p.indicators.map((i) => i.period.status?.status).filter(Boolean))].join('・')}）により「${p.period.grade}」としました。`)));
    const narrative = plans
      .map((p) => ({ planId: p.id, title: `${p.id} ${p.name}`, name: `${p.name}${p.mainDept ? `（${p.mainDept}）` : ''}`, items: narrativeFor(p) }))
      .filter((n) => n.items.length);
    const item = goalItems.get(g.code);
    let periodDetail = shareText(g.period);
    if (g.override?.applied) {
      periodDetail = `計算上の評価は「${g.period.rating}」（${shareText(g.period)}）ですが、事務局の判断により「${g.adopted}」としました。理由: ${g.override.reason}`;
    }
    const sofarDetail = shareText(g.sofar);
    const ratingTable: ReportTable = {
      header: ['区分', '評価と根拠'],
      rows: [
        // In the plan's first year (or whenever both say the same) one row, not the same line twice.
        ...(!g.override?.applied && g.sofar.rating === g.adopted && sofarDetail === periodDetail
          ? [[`${periodName}（計画期間通算も同じ）`, `${g.adopted}　${periodDetail}`]]
          : [[periodName, `${g.adopted}　${periodDetail}`], [sofarName, `${g.sofar.rating}　${sofarDetail}`]]),
        // The goal's rating last year (year-end), when there is one to compare with.
        ...(opts.previous?.goals.get(g.code)
          ? [[`前年度（${warekiLabel(opts.previous.fiscalYear)}）の評価`, `${opts.previous.goals.get(g.code)}${opts.previous.source === '確定値' ? '（確定値）' : ''}`]]
          : []),
        ['所見', orDash(g.finding)],
        ...memberRow(opts.members?.get(g.code)),
      ],
      widths: [28, 72],
      variant: 'kv',
    };
    return {
      code: g.code,
      name: g.name,
      heading: goalHeading(g.code, g.name),
      text: item?.text ?? '',
      plans: rows,
      planTable: {
        header: planHeader,
        rows: rows.flatMap((r) => r.rows),
        rowKinds: rows.flatMap((r) => r.kinds),
        widths: [],
        align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'center'],
        toneColumn: 7,
      },
      notes,
      narrative,
      period: { label: periodName, rating: g.adopted, detail: periodDetail },
      sofar: { label: sofarName, rating: g.sofar.rating, detail: sofarDetail },
      finding: g.finding,
      ratingTable,
    };
  };

  // --- policies --------------------------------------------------------------------------------
  const policyOfGoal = (g: GoalResult): string => {
    const item = goalItems.get(g.code);
    if (item?.parentCode) return item.parentCode;
    const p = data.plans.find((x) => x.goalCode === g.code && x.policyCode);
    if (p) return p.policyCode;
    const prefix = g.code.split('-')[0];
    return policyItems.some((x) => x.code === prefix) ? prefix : '';
  };
  const policyOrder: string[] = policyItems.map((p) => p.code);
  const goalsByPolicy = new Map<string, GoalResult[]>();
  for (const g of result.goals) {
    const pc = policyOfGoal(g);
    if (!goalsByPolicy.has(pc)) goalsByPolicy.set(pc, []);
    (goalsByPolicy.get(pc) as GoalResult[]).push(g);
    if (!policyOrder.includes(pc)) policyOrder.push(pc);
  }
  const recs = data.recommendations.filter((r) => r.text.trim());
  const policies: ReportPolicy[] = policyOrder
    .filter((code) => goalsByPolicy.has(code) || policyItems.some((p) => p.code === code))
    .map((code) => {
      const item = policyItems.find((p) => p.code === code);
      const name = item?.name ?? '';
      // A plan with no 基本方針 at all: its goals are the chapter (not 'goals without a policy').
      const heading = code ? `基本方針${code}　${name}`.trim() : policyOrder.some((c) => c !== '') ? '基本方針未設定の基本目標' : '基本目標ごとの進捗';
      return {
        code,
        name,
        heading,
        text: item?.text ?? '',
        goals: (goalsByPolicy.get(code) ?? []).map(buildGoal),
        recommendations: recs
          .filter((r) => code !== '' && r.policyCode === code)
          .map((r) => ({ member: r.member, title: memberTitle(data.members, r.member), text: r.text.trim() })),
        recommendationPlaceholder: RECOMMENDATION_PLACEHOLDER,
        memberTable: memberTable(goalsByPolicy.get(code) ?? [], opts.members),
      };
    });
  const policyCodes = new Set(policies.map((p) => p.code).filter(Boolean));
  // One set of column widths for every plan table, fitted to all of them: the tables line up.
  const planTables = policies.flatMap((p) => p.goals.map((g) => g.planTable));
  const planWidths = fitWidths(planHeader, planTables.flatMap((t) => t.rows), [0, 1]);
  for (const t of planTables) t.widths = planWidths;
  // A 前年度 column with no figure in it (the plan's first year) is left out of its table; the
  // tables without it share their own widths, fitted to the same rows.
  const withoutPrevious = planTables.filter((t) => previousColumnEmpty(t.rows));
  if (withoutPrevious.length) {
    const shortWidths = fitWidths(dropColumn(planHeader, PREVIOUS_COLUMN), planTables.flatMap((t) => t.rows.map((r) => dropColumn(r, PREVIOUS_COLUMN))), [0, 1]);
    for (const t of withoutPrevious) dropPreviousColumn(t, shortWidths);
  }
  const generalRecommendations = recs
    .filter((r) => !policyCodes.has(r.policyCode))
    .map((r) => ({ member: r.member, title: memberTitle(data.members, r.member), text: r.text.trim() }));

  // --- summary -------------------------------------------------------------------------------
  const gradeCounts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0, '−': 0 };
  for (const g of result.goals) for (const k of Object.keys(gradeCounts) as Grade[]) gradeCounts[k] += g.period.counts[k];
  const totalPlans = Object.values(gradeCounts).reduce((a, b) => a + b, 0);
  const meaning: Record<Grade, string> = mid
    ? {
        A: `年度末に目標を達成する見込み（見込みの達成率${pct(t.a)}以上）`,
        B: `年度末に概ね達成する見込み（${pct(t.b)}以上${pct(t.a)}未満）`,
        C: `達成が困難な見込み（${pct(t.c)}以上${pct(t.b)}未満）`,
        D: `達成が困難な見込み（${pct(t.c)}未満、または基準値から後退の見込み）`,
        '−': '評価不能（実績値の未入力、指標の未設定など）',
      }
    : {
        A: `目標を達成（達成率${pct(t.a)}以上）`,
        B: `概ね達成（達成率${pct(t.b)}以上${pct(t.a)}未満）`,
        C: `一部達成（達成率${pct(t.c)}以上${pct(t.b)}未満）`,
        D: `未達成（達成率${pct(t.c)}未満、または基準値から後退）`,
        '−': '評価不能（実績値の未入力、指標の未設定など）',
      };
  const gradeTable: ReportTable = {
    header: ['評価', '内容', 'プラン数', '構成比'],
    rows: (['A', 'B', 'C', 'D', '−'] as Grade[]).map((k) => [
      k, meaning[k], `${gradeCounts[k]}件`, totalPlans ? formatPercent(gradeCounts[k] / totalPlans) : DASH,
    ]).concat([['計', '', `${totalPlans}件`, totalPlans ? formatPercent(1) : DASH]]),
    widths: [8, 62, 14, 16],
    align: ['center', 'left', 'right', 'right'],
  };
  const goalTable: ReportTable = {
    header: ['番号', '基本目標', '件数', 'A', 'B', 'C', 'D', '−', 'A・B\n割合', '今期の評価', '通算の評価'],
    rows: result.goals.map((g) => [
      g.code || DASH, g.name || DASH, `${g.planIds.length}`,
      `${g.period.counts.A}`, `${g.period.counts.B}`, `${g.period.counts.C}`, `${g.period.counts.D}`, `${g.period.counts['−']}`,
      g.period.share === null ? DASH : formatPercent(g.period.share / 100),
      g.adopted + (g.override?.applied ? '※' : ''), g.sofar.rating,
    ]),
    widths: [6, 30, 6, 4.5, 4.5, 4.5, 4.5, 4.5, 9, 13, 13],
    align: ['center', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'center', 'center'],
  };
  // 図: A・B share per goal, each bar in its rating's colour; the thresholds are gridlines.
  const ratingSeries: { name: GoalRating; tone: Tone }[] = [
    { name: '良好', tone: 'good' }, { name: '概ね良好', tone: 'fair' }, { name: '良好ではない', tone: 'bad' },
  ];
  // In a title already in brackets: 令和7年度 中間, not 令和7年度（中間）.
  const chartPeriod = mid ? `${warekiLabel(result.config.evaluationYear)} 中間` : periodLabel;
  // Labels both renderers show whole: 基本目標1 …, the names in the caption when they are long.
  const goalLabels = chartLabels('基本目標', result.goals.map((g) => ({ code: g.code, name: g.name })));
  const goalChart: ChartSpec = {
    title: `基本目標別 A・B評価のプランの割合（${chartPeriod}）`,
    // The Charts service draws no text on bars: a goal without a share says so in its label.
    categories: result.goals.map((g, i) => goalLabels.labels[i] + (g.period.share === null ? '（評価不能）' : '')),
    series: ratingSeries.map((r) => ({
      name: r.name,
      color: TONE_COLORS[r.tone],
      values: result.goals.map((g) => (g.period.share !== null && g.period.rating === r.name ? g.period.share : null)),
    })),
    axis: { min: 0, max: 100, ticks: [...new Set([0, rule.fairShare, rule.goodShare, 100])].sort((x, y) => x - y), unit: '%', title: '評価対象のプランのうちA・B評価の割合' },
    width: 640,
    height: chartHeight(result.goals.length),
  };
  const goalCaption =
    `${goalChart.title}。棒の色は今期の評価（良好・概ね良好・良好ではない）です。` +
    `目盛線の${pct(rule.fairShare)}と${pct(rule.goodShare)}は「概ね良好」と「良好」の基準です（設定シートで変更できます）。` +
    // The goal table right above names every goal by its number: the caption need not list them again.
    (goalLabels.key ? '基本目標の名前は上の表のとおりです。' : '');

  // 図: plans per grade in each 基本方針 (stacked counts).
  const shown = policies.filter((p) => p.goals.length);
  const policyLabels = chartLabels('基本方針', shown.map((p) => ({ code: p.code, name: p.code ? p.name : p.heading })));
  const byPolicy = shown.map((p, i) => {
    const counts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0, '−': 0 };
    for (const g of p.goals) {
      const r = result.goals.find((x) => x.code === g.code);
      if (r) for (const k of GRADE_ORDER) counts[k] += r.period.counts[k];
    }
    return { label: policyLabels.labels[i], counts };
  });
  const policyChart = gradeChart(`基本方針別 プランの評価の分布（${chartPeriod}）`, byPolicy);
  const policyCaption = `${policyChart.title}。${GRADE_CHART_NOTE}${policyLabels.key}`;
  const charts: ReportFigure[] = [];
  if (byPolicy.length > 1) charts.push({ chart: policyChart, caption: policyCaption });
  charts.push({ chart: goalChart, caption: goalCaption });

  const intro = [
    `本報告書は、${planName}に位置付けた推進プランについて、${periodLabel}の進捗状況と評価を取りまとめたものです。`,
    (mid
      ? `${warekiFromIso(result.config.midAsOf) ?? result.config.midAsOf}時点の中間実績により、年度末の達成見込みを評価しました。`
      : `${warekiLabel(result.config.evaluationYear)}末時点の実績により評価しました。`) +
      `対象は、${result.goals.length}の基本目標に属する${totalPlans}件のプランです。`,
  ];
  const asOf = warekiFromIso(result.config.midAsOf) ?? result.config.midAsOf;
  const midShare = expectedShare(result.config.midAsOf, result.config.evaluationYear);
  const planRowsText = policies.flatMap((p) => p.goals.flatMap((g) => g.planTable.rows.flat())).join('\n');
  const bySource = (src: string): boolean => result.plans.some((p) => p.counted && !p.override?.applied && p.period.grade !== '−' && p.period.source === src);
  const statusGrades = formatStatusGrades({ ...DEFAULT_STATUS_GRADES, ...(s.statusGrades ?? {}) });
  const yearTargetsUsed = result.plans.some((p) => p.counted && p.indicators.some((ir) => ir.period.yearTarget));
  const method = [
    ...(s.inferred?.length ? [`評価の年度と時点は、設定がないため入力されている数値から判断しました（${s.inferred.join('、')}）。`] : []),
    '成果指標ごとに達成率を計算しました。基準値があるときは「（実績値 − 基準値）÷（目標値 − 基準値）」、基準値がないとき（または数値でないとき）は「実績値 ÷ 目標値」です。低いほど良い指標（事故件数、作業時間など）は、基準値からの減少を目標までの減少と比べます（基準値がなければ「目標値 ÷ 実績値」）。',
    (s.interimRule === 'paced'
      ? '目標年度より前の年度は、基準年度から目標年度まで毎年同じだけ進むとした目安（例: 基準年度が令和2年度、目標年度が令和6年度なら、令和4年度末に基準値から目標値までの半分）と比べて評価しました（設定シートの「途中年度の評価」）。'
      : '目標年度より前の年度も、最終年度の目標値と比べています。そのため途中の年度では達成率が低く出ます（設定シートの「途中年度の評価」で、基準年度から目標年度まで一定の割合で進むとした目安と比べる方法も選べます）。') +
      '実績値が基準値より悪くなったものは「後退」とし、達成率にかかわらずD評価としました。',
    `指標の評価は、達成率${pct(t.a)}以上をA、${pct(t.b)}以上をB、${pct(t.c)}以上をC、それ未満をDとしました（設定シートの「${SETTING_KEYS.thresholdA}」「${SETTING_KEYS.thresholdB}」「${SETTING_KEYS.thresholdC}」）。実績値の未入力、数値でない実績、指標の未設定などで計算できないものは「−（評価不能）」とし、理由を示して計算から除きました（0%としては扱っていません）。`,
    '指標が複数あるプランは、評価できる指標の達成率の平均で評価しました。平均の前に、各指標の達成率は100%を上限とし（大きく上回った指標が他の未達を打ち消さないため）、後退した指標は0%として数えています。プランの表では指標ごとの評価と、その平均を示しています。',
    ...(bySource('自己評価') || bySource('状況')
      ? [`数値で評価できる指標がないプランは、担当課の自己評価があればそれにより、なければ取組の状況により評価しました（状況と評価の対応は ${statusGrades}。設定シートの「${SETTING_KEYS.statusGrades}」）。表の評価の下に（自己評価）（状況）と示しています。`]
      : []),
    ...(mid
      ? [`中間評価では、${asOf}時点の実績から年度末の達成見込みを判断しました。件数など年度内に積み上がる指標は、4月1日から基準日までの経過${midShare !== null ? `（${asOf}は年度の${formatPercent(midShare)}）` : ''}で実績を割り戻した年度末の見込みで評価し、割合や整備数など水準の指標はそのまま比べています。表の「達成率／見込み」には、いまの達成率と年度末の見込みを並べています（基準日は設定シートの「${SETTING_KEYS.midAsOf}」）。`]
      : []),
    ...(/前年度比/.test(planRowsText) ? ['プランの表の「前年度比」は、前年度の実績値からの増減の割合です。'] : []),
    ...(withoutPrevious.some((t) => t.rows.length)
      ? [withoutPrevious.filter((t) => t.rows.length).length === planTables.filter((t) => t.rows.length).length
          ? `プランの表の「前年度」の列は、前年度（${warekiLabel(result.config.evaluationYear - 1)}）の年度末の実績が入力されていないため省いています（前年度の実績がある年度から表示します）。`
          : `前年度（${warekiLabel(result.config.evaluationYear - 1)}）の年度末の実績がどの指標にもない基本目標では、プランの表の「前年度」の列を省いています。`]
      : []),
    '基本目標ごとの「今期の評価」は評価年度の実績によるもの、「計画期間通算の評価」は評価年度までで最も新しい実績を最終の目標値と比べたものです。' +
      (yearTargetsUsed ? '年度ごとの目標がある指標は、今期の評価をその年度の目標と比べています（表の目標値の欄に、その年度の目標と最終の目標値を並べています）。' : ''),
    `基本目標は、評価対象のプラン（評価不能を除く）のうちA・B評価の割合が${pct(rule.goodShare)}以上を「良好」、${pct(rule.fairShare)}以上を「概ね良好」、それ未満を「良好ではない」としました（設定シートの「${SETTING_KEYS.goodShare}」「${SETTING_KEYS.fairShare}」）。事務局の判断で評価を見直したものには「※」を付し、その理由を記載しています。桁や単位の誤りが疑われる数値には「※1」などの注を付け、資料3にまとめました。`,
  ];

  // --- 総括 ----------------------------------------------------------------------------------
  const counted = result.plans.filter((p) => p.counted);
  const goalRatings = { 良好: 0, 概ね良好: 0, 良好ではない: 0, 評価不能: 0 } as Record<GoalRating, number>;
  for (const g of result.goals) goalRatings[g.adopted] = (goalRatings[g.adopted] ?? 0) + 1;
  const assessed = counted.length - gradeCounts['−'];
  const codesOf = (r: GoalRating): string => {
    const codes = result.goals.filter((g) => g.adopted === r).map((g) => g.code).filter(Boolean);
    return codes.length ? `（基本目標${codes.join('・')}）` : '';
  };
  const ratingCount = (r: GoalRating): string => `「${r}」${goalRatings[r]}件${goalRatings[r] ? codesOf(r) : ''}`;
  const prev = opts.previous;
  const order = ['A', 'B', 'C', 'D'];
  const moves = prev
    ? counted.flatMap((p) => {
        const before = prev.plans.get(p.id) ?? '';
        const a = order.indexOf(before);
        const b = order.indexOf(p.adopted);
        return a >= 0 && b >= 0 && a !== b ? [{ p, before, up: b < a }] : [];
      })
    : [];
  const moveText = (x: { p: PlanResult; before: string }): string => `${x.p.id} ${x.p.name}：${x.before} → ${x.p.adopted}`;
  const overview = {
    lead: [
      `${periodLabel}は、${counted.length}件のプランのうち${assessed}件を評価しました。A評価${gradeCounts.A}件、B評価${gradeCounts.B}件、C評価${gradeCounts.C}件、D評価${gradeCounts.D}件で、A・B評価は評価した${assessed}件の${assessed ? formatPercent((gradeCounts.A + gradeCounts.B) / assessed) : DASH}です。評価できなかったプランは${gradeCounts['−']}件です。`,
      `基本目標${result.goals.length}件の評価は、${ratingCount('良好')}、${ratingCount('概ね良好')}、${ratingCount('良好ではない')}${goalRatings['評価不能'] ? `、${ratingCount('評価不能')}` : ''}です。`,
      changeSinceLastYear(result, s.planPeriod?.from, prev, moves),
    ],
    regressed: counted.flatMap((p) => p.indicators
      .filter((ir) => ir.period.regressed)
      .map((ir) => {
        const base = ir.indicator.baseline;
        // A baseline that names its own date (112件/年 (令和3年末)) gets no second year.
        const dated = /令和|平成|昭和|[RH]\d|\d{4}年/.test(base.value.text);
        const baseText = `${figureOf(base.value)}${base.fiscalYear !== undefined && !dated ? `（${fyLabel(base.fiscalYear)}）` : ''}`;
        return `${p.id} ${p.name}：${ir.indicator.name}　基準値 ${baseText} → 実績 ${ir.period.actualText}`;
      })),
    unrated: counted.filter((p) => p.adopted === '−').map((p) =>
      `${p.id} ${p.name}：${(GAP_TEXT[p.period.gap ?? 'mixed'] ?? '評価できる成果指標がないため、評価していません。').replace(/、評価していません。$|ため、評価の対象外です。$/, '')}`),
    /** Plans whose grade went down / up since the previous year (empty without one). */
    down: moves.filter((x) => !x.up).map(moveText),
    up: moves.filter((x) => x.up).map(moveText),
    /** True when there is a previous year to compare with (the lists above are meaningful). */
    compared: !!prev,
  };

  // --- appendices ------------------------------------------------------------------------------
  const unifiedIds = new Set(result.plans.filter((p) => p.kind === 'unified').map((p) => p.id));
  const unifiedRows: string[][] = [];
  const planLabel = (id: string): string => {
    const p = plansById.get(id);
    const src = data.plans.find((x) => x.id === id);
    const name = p?.name ?? src?.name ?? '';
    const goal = p?.goalCode ?? src?.goalCode ?? '';
    const dept = p?.mainDept ?? src?.mainDept ?? '';
    return `${id} ${name}${goal || dept ? `（${[goal ? `基本目標${goal}` : '', dept].filter(Boolean).join('・')}）` : ''}`;
  };
  for (const p of result.plans) {
    if (p.kind !== 'unified') continue;
    unifiedRows.push([
      orDash(p.memberIds.map(planLabel).join('\n')),
      `${p.id} ${p.name}`,
      p.goalCode ? `基本目標${p.goalCode}` : '未設定',
      orDash([p.mainDept, ...p.relatedDepts.map((d) => `関係課: ${d}`)].filter(Boolean).join('\n')),
      p.adopted,
    ]);
  }
  for (const u of opts.unified ?? []) {
    if (unifiedIds.has(u.id)) continue;
    unifiedRows.push([
      orDash(u.memberIds.map(planLabel).join('\n')),
      `${u.id} ${u.name}`,
      u.goalCode ? `基本目標${u.goalCode}` : '未設定',
      orDash([u.mainDept, ...u.relatedDepts.map((d) => `関係課: ${d}`)].filter(Boolean).join('\n')),
      '集計対象外（検証結果を参照）',
    ]);
  }
  const changes = opts.changes ?? [];
  const left = exclusions(data, result);
  const excludedRows = left.map((e) => [
    `${e.planId} ${e.planName}`, orDash(e.indicator), e.what, e.why,
  ]);
  const attentionRows = attention.map((a) => [`${a.planId} ${a.planName}`, orDash(a.indicator), `${a.text}（${footnoteOf.get(a)}）`]);
  const appendices: ReportAppendix[] = [
    {
      heading: '資料1　統合したプラン（統合前 → 統合後）',
      lead: '類似するプランを統合したものです。統合前のプランの成果指標は統合後のプランに引き継ぎ、各担当課の指標として評価しています。',
      table: unifiedRows.length
        ? { header: ['統合前', '統合後', '統合後の基本目標', '主担当課・関係課', '評価'], rows: unifiedRows, widths: [34, 24, 14, 18, 10] }
        : null,
      empty: NO_UNIFIED_TEXT,
    },
    {
      heading: '資料2　成果指標・目標値の変更',
      lead: '計画期間中に記録された成果指標または目標値の変更です。',
      table: changes.length
        ? {
            header: ['プラン', '成果指標', '変更項目', '変更前', '変更後', '時期', '理由'],
            rows: changes.map((c) => [
              plansById.has(c.planId) || data.plans.some((p) => p.id === c.planId) ? planLabel(c.planId) : c.planId,
              orDash(c.indicator), orDash(c.item), orDash(c.before), orDash(c.after), orDash(c.when), orDash(c.reason),
            ]),
            widths: [20, 18, 10, 13, 13, 10, 16],
          }
        : null,
      empty: NO_CHANGES_TEXT,
    },
    {
      heading: '資料3　集計から除いた入力と確認が必要な数値',
      lead: '入力内容の確認で問題があり、評価に使わなかったプランの入力です（数値を修正して集計し直すと評価に含まれます）。',
      table: excludedRows.length
        ? { header: ['プラン', '成果指標', '評価に使わなかったもの', '理由'], rows: excludedRows, widths: [24, 22, 24, 30] }
        : null,
      empty: NO_EXCLUDED_TEXT,
      more: [{
        heading: '確認が必要な数値（要確認）',
        lead: '評価には含めていますが、桁や単位の誤りの可能性があり、担当課に確認している数値です。',
        table: attentionRows.length ? { header: ['プラン', '成果指標', '内容'], rows: attentionRows, widths: [26, 24, 50] } : null,
        empty: NO_ATTENTION_TEXT,
      }],
    },
  ];

  return {
    title,
    docName: `${title} ${timestamp}`,
    timestamp,
    cover: {
      planName,
      reportName,
      planPeriodLine: s.planPeriod
        ? `計画期間　${warekiLabel(s.planPeriod.from)}〜${warekiLabel(s.planPeriod.to)}（${s.planPeriod.from}年度〜${s.planPeriod.to}年度）`
        : '',
      city: (s.city ?? '').trim(),
      committee: (s.committee ?? '').trim(),
      draft,
      periodLabel,
      yearLine: `${warekiLabel(result.config.evaluationYear)}（${result.config.evaluationYear}年度）${mid ? '　中間' : ''}`,
      basisLine: basisLineOf(result),
      dateLine: coverDate(opts.now, tz),
      office: s.office.trim(),
    },
    summary: { intro, method, gradeTable, gradeCounts, goalTable, charts, overview, yearTable: yearTable(opts.years), yearChart: yearFigure(opts.years) },
    policies,
    generalRecommendations,
    appendices,
  };
}

// ---------------------------------------------------------------------------------------------
// Layout: the blocks every renderer draws, in order.

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'coverLine'; text: string; emphasis?: boolean }
  /** newPage: the heading starts a page (page break before it: never a page-break paragraph). */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; newPage?: boolean }
  /** 目次: the level-1 and level-2 headings that follow, in order. */
  | { kind: 'toc'; entries: { level: 1 | 2; text: string }[] }
  | { kind: 'paragraph'; text: string; tone?: 'normal' | 'note' | 'placeholder' | 'quote' | 'attribution' | 'lead' | 'item' }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; chart: ChartSpec; caption: string; figure: number }
  | { kind: 'pageBreak' };

/** Headings of the 総括 lists (with their counts in the report). */
export const OVERVIEW_LISTS: Record<OverviewList, string> = {
  regressed: '基準値から後退した指標',
  down: '前年度から評価が下がったプラン',
  up: '前年度から評価が上がったプラン',
  unrated: '評価できなかったプランと理由',
};

/** A plan's texts as a label/value table headed by the plan (its ID over the labels, its name over the texts). */
export function narrativeTable(n: ReportNarrative): ReportTable {
  return { header: [n.planId, n.name], rows: n.items.map((i) => [i.label, i.text]), widths: [18, 82], variant: 'kv' };
}

/** The text, then who gave it on a line of its own (right-aligned by the renderers). */
function pushRecommendation(b: Block[], r: ReportRecommendation): void {
  b.push({ kind: 'paragraph', text: r.text });
  b.push({ kind: 'paragraph', text: `${r.member}${r.title ? `（${r.title}）` : ''}`, tone: 'attribution' });
}

export function reportBlocks(m: ReportModel): Block[] {
  const b: Block[] = [];
  // Cover.
  b.push({ kind: 'coverLine', text: m.cover.planName });
  b.push({ kind: 'title', text: m.cover.reportName });
  b.push({ kind: 'subtitle', text: m.cover.yearLine });
  if (m.cover.planPeriodLine) b.push({ kind: 'coverLine', text: m.cover.planPeriodLine });
  b.push({ kind: 'coverLine', text: m.cover.basisLine });
  b.push({ kind: 'coverLine', text: m.cover.dateLine, emphasis: true });
  const by = [m.cover.city, m.cover.committee].filter(Boolean).join('　');
  if (by) b.push({ kind: 'coverLine', text: by, emphasis: true });
  if (m.cover.office) b.push({ kind: 'coverLine', text: m.cover.office, emphasis: !by });

  // 目次 (filled in at the end, from the headings).
  const toc: { level: 1 | 2; text: string }[] = [];
  b.push({ kind: 'heading', level: 1, text: '目次', newPage: true });
  b.push({ kind: 'toc', entries: toc });

  // 総括.
  const o = m.summary.overview;
  b.push({ kind: 'heading', level: 1, text: '総括', newPage: true });
  for (const t of o.lead) b.push({ kind: 'paragraph', text: t });
  const list = (key: OverviewList, name: string): void => {
    b.push({ kind: 'heading', level: 3, text: `${name}（${o.more?.[key]?.total ?? o[key].length}件）` });
    if (o[key].length) for (const t of o[key]) b.push({ kind: 'paragraph', text: `・${t}`, tone: 'item' });
    else b.push({ kind: 'paragraph', text: `${name.replace(/と理由$/, '')}はありません。`, tone: 'placeholder' });
    const more = o.more?.[key];
    if (more) b.push({ kind: 'paragraph', text: more.note, tone: 'note' });
  };
  list('regressed', OVERVIEW_LISTS.regressed);
  if (o.compared) {
    list('down', OVERVIEW_LISTS.down);
    list('up', OVERVIEW_LISTS.up);
  }
  list('unrated', OVERVIEW_LISTS.unrated);

  // Summary.
  b.push({ kind: 'heading', level: 1, text: '評価の概要', newPage: true });
  for (const t of m.summary.intro) b.push({ kind: 'paragraph', text: t });
  b.push({ kind: 'heading', level: 2, text: '評価の方法' });
  for (const t of m.summary.method) b.push({ kind: 'paragraph', text: t });
  let figure = 0;
  const fig = (f: ReportFigure): void => {
    figure++;
    b.push({ kind: 'chart', chart: f.chart, caption: `図${figure}　${f.caption}`, figure });
  };
  const [policyFigure, goalFigure] = m.summary.charts.length > 1 ? m.summary.charts : [undefined, m.summary.charts[0]];
  b.push({ kind: 'heading', level: 2, text: 'プランの評価' });
  b.push({ kind: 'table', table: m.summary.gradeTable });
  if (policyFigure) fig(policyFigure);
  b.push({ kind: 'heading', level: 2, text: '基本目標の評価' });
  b.push({ kind: 'table', table: m.summary.goalTable });
  if (goalFigure) fig(goalFigure);
  if (m.summary.yearTable) {
    b.push({ kind: 'heading', level: 2, text: '年度ごとの評価の推移' });
    b.push({ kind: 'table', table: m.summary.yearTable });
    b.push({ kind: 'paragraph', text: '確定した年度は確定値、それ以外の年度は現在の入力から同じ方法で計算し直した値です（年度末の評価）。', tone: 'note' });
    if (m.summary.yearChart) fig(m.summary.yearChart);
  }

  // Per 基本方針.
  for (const p of m.policies) {
    b.push({ kind: 'heading', level: 1, text: p.heading, newPage: true });
    if (p.text) b.push({ kind: 'paragraph', text: p.text });
    for (const g of p.goals) {
      b.push({ kind: 'heading', level: 2, text: g.heading });
      if (g.text) b.push({ kind: 'paragraph', text: g.text, tone: 'quote' });
      b.push({ kind: 'heading', level: 3, text: 'プランの進捗' });
      if (g.planTable.rows.length) b.push({ kind: 'table', table: g.planTable });
      else b.push({ kind: 'paragraph', text: 'この基本目標に属するプランはありません。', tone: 'placeholder' });
      for (const n of g.notes) b.push({ kind: 'paragraph', text: n, tone: 'note' });
      if (g.narrative.length) {
        b.push({ kind: 'heading', level: 3, text: '取組の状況（担当課の記述）' });
        // Per plan a small card: the plan in the header row, then its texts labelled
        // (取組実績／課題／今後の方向性) one a row; compact, and a long text stays whole in its cell.
        for (const n of g.narrative) b.push({ kind: 'table', table: narrativeTable(n) });
      }
      b.push({ kind: 'heading', level: 3, text: '評価と所見' });
      b.push({ kind: 'table', table: g.ratingTable });
    }
    if (p.memberTable) {
      b.push({ kind: 'heading', level: 2, text: '委員評価' });
      b.push({ kind: 'table', table: p.memberTable });
    }
    b.push({ kind: 'heading', level: 2, text: '委員からの提言' });
    if (p.recommendations.length === 0) b.push({ kind: 'paragraph', text: p.recommendationPlaceholder, tone: 'placeholder' });
    for (const r of p.recommendations) pushRecommendation(b, r);
  }
  if (m.generalRecommendations.length) {
    b.push({ kind: 'heading', level: 1, text: '計画全体への提言' });
    for (const r of m.generalRecommendations) pushRecommendation(b, r);
  }

  // Appendices.
  b.push({ kind: 'heading', level: 1, text: '資料', newPage: true });
  for (const a of m.appendices) {
    b.push({ kind: 'heading', level: 2, text: a.heading });
    b.push({ kind: 'paragraph', text: a.lead });
    if (a.table) b.push({ kind: 'table', table: a.table });
    else b.push({ kind: 'paragraph', text: a.empty, tone: 'placeholder' });
    for (const m of a.more ?? []) {
      b.push({ kind: 'heading', level: 3, text: m.heading });
      b.push({ kind: 'paragraph', text: m.lead });
      if (m.table) b.push({ kind: 'table', table: m.table });
      else b.push({ kind: 'paragraph', text: m.empty, tone: 'placeholder' });
    }
  }
  for (const x of b) {
    if (x.kind === 'heading' && x.level <= 2 && x.text !== '目次') toc.push({ level: x.level as 1 | 2, text: x.text });
  }
  return b;
}
