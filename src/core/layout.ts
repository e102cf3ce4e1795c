// Finding the header row(s) of a progress sheet laid out by people, and mapping its columns.
//
// Grid coordinates here are 0-based indexes into grid.values, and grid row 0 is sheet row 1,
// grid column 0 is column A (the adapter reads from A1). Messages convert to A1 via a1.ts.

import type { CellValue, Grid, Period } from './model';
import { parsePeriodHeader, yearInHeader } from './periods';
import { SHEETS } from './schema';
import { cellText, headerKey, nfkc, normalizeCode, norm } from './text';
import { columnLetters } from './a1';
import { matchChoices, roleLabel, roleToClass, type ColumnMapping, type ColumnRole } from './mapping';

export type FieldKey =
  | 'id' | 'policy' | 'policyName' | 'goal' | 'goalName' | 'measure' | 'measureClass' | 'name' | 'mainDept' | 'relatedDepts'
  | 'leadMark' | 'indicator' | 'unit' | 'direction' | 'accumulation' | 'baseline' | 'baselineYear'
  | 'target' | 'targetYear' | 'actual' | 'mid' | 'status' | 'comment' | 'check' | 'mergedInto' | 'selfAssessment'
  | 'achievements' | 'issues' | 'outlook';

/** Columns of words about a plan, shown in the report per plan (取組実績／課題／今後の方向性, 備考). */
export type TextField = 'achievements' | 'issues' | 'outlook' | 'comment';
export const TEXT_FIELDS: readonly TextField[] = ['achievements', 'issues', 'outlook', 'comment'];

export interface TextColumn {
  col: number;
  field: TextField;
  header: string;
  /** The year the header names (令和6年度の課題), when it names one. */
  fiscalYear?: number;
}

export interface PeriodColumn {
  /** 0-based column index. */
  col: number;
  period: Period;
  header: string;
}

export interface Layout {
  sheet: string;
  /** 0-based grid index of the (first) header row. */
  headerRow: number;
  /** 1, or 2 when a group row (基準値 / 実績値 / 目標値) sits above the years. */
  headerRows: number;
  /** 0-based grid index of the first data row. */
  firstDataRow: number;
  /** 0-based column index of each recognised field. */
  columns: Partial<Record<FieldKey, number>>;
  /** Actual-value columns (kind 'year' or 'mid'), in sheet order. */
  periods: PeriodColumn[];
  /** Target columns that name a year (R7目標, 目標値/令和6年度); the last year's is `columns.target`. */
  targetPeriods: PeriodColumn[];
  /** 自己評価 columns that name a year (令和5年度 自己評価); without a year: `columns.selfAssessment`. */
  selfPeriods?: PeriodColumn[];
  /** Year named by the baseline / target header (基準値 over 令和2年度). */
  baselineYear?: number;
  targetYear?: number;
  /** Combined header text of every column. */
  headers: string[];
  /** Columns with a header the add-on does not use. */
  ignored: number[];
  /** Japanese notes on what was inferred rather than read from a header. */
  notes: string[];
  /**
   * Japanese warnings the 事務局 must see (列の対応 panel, 検証結果): the header rows differ from
   * the ones saved, a saved column choice whose header is gone, a header row that looks like data.
   */
  warnings?: string[];
  /** Columns set by hand in 列の対応 (saved mapping applied). */
  chosen?: number[];
  /** Every column of words about a plan, in sheet order (several per field are all read). */
  texts?: TextColumn[];
  /** The 進捗 column of a table kept in words, read as the year's result (marks are statuses there). */
  statusColumn?: number;
  /** Set (with everything else empty) when the sheet could not be mapped. */
  error?: string;
}

export interface LayoutError {
  sheet: string;
  /** One Japanese message naming the headers looked for. */
  error: string;
  looked: string[];
}

export function isLayoutError(x: Layout | LayoutError): x is LayoutError {
  return (x as Layout).columns === undefined;
}

/** Japanese names of the fields, with the synonyms accepted, for messages and notes. */
export const FIELD_LABELS: Record<FieldKey, string> = {
  id: 'プランID（No.・番号・施策番号）',
  policy: '基本方針',
  policyName: '基本方針名',
  goal: '基本目標（目標コード）',
  goalName: '基本目標名',
  measure: '個別施策',
  measureClass: '施策区分',
  name: 'プラン名（事業名・施策名・推進プラン・取組）',
  mainDept: '主担当課（担当課・所管課・担当部署）',
  relatedDepts: '関係課',
  leadMark: '主担当（○）',
  indicator: '成果指標（指標・施策の指標）',
  unit: '単位',
  direction: '方向',
  accumulation: '中間の見方',
  baseline: '基準値（現状値）',
  baselineYear: '基準年度',
  target: '目標値（目標）',
  targetYear: '目標年度',
  actual: '実績値（実績）',
  mid: '中間実績',
  status: '状態',
  comment: 'コメント（備考）',
  achievements: '取組実績（取組内容・実施内容・進捗状況）',
  issues: '課題',
  outlook: '今後の方向性（今後の取組・改善策）',
  check: '入力チェック',
  mergedInto: '統合先',
  selfAssessment: '自己評価（担当課の評価）',
};

/**
 * Headers of the columns of words about a plan, by what they say. Real sheets name them in many
 * ways: 取組実績, 取組内容, 実施内容, 進捗状況, 主な取組, 事業の成果 / 課題, 問題点 / 今後の方向性,
 * 今後の取組, 今後の予定, 次年度の取組, 改善策. A header may say two (成果と課題, 課題・改善策).
 * Never a figure column: 成果指標 is an indicator, 取組状況（R6）a year's result (periods.ts).
 */
export const TEXT_WORDS: Readonly<Record<Exclude<TextField, 'comment'>, RegExp>> = {
  achievements: /取り?組み?(実績|内容|の?成果|状況|の?概要|結果)|実施(内容|状況|事項|概要|結果|実績)|主な(取り?組み?|実績|成果)|(事業|活動|取組)実績|実績(内容|の?概要|・?成果)|成果・?実績|^成果$|(事業|取組)の?成果|成果と|進捗(状況|内容|の?概要)|これまでの取り?組み?|(今|本|当)年度の取り?組み?/,
  issues: /課題|問題点|反省点/,
  outlook: /今後|次年度|来年度|翌年度|方向性|改善(策|方策|点|内容)|対応方針|取組方針|次期/,
};
// Anything TEXT_WORDS names (one regex for the ordered rules; textFieldOf picks the field).
const TEXT_MARK = new RegExp(Object.values(TEXT_WORDS).map((r) => r.source).join('|'));

/** The field of a header about a plan (the first it names, in report order), or undefined. */
export function textFieldOf(header: string): Exclude<TextField, 'comment'> | undefined {
  const k = headerKey(header);
  // A figure column is never words: 成果指標, 今後の目標値, 次年度目標.
  if (/指標|KPI|目標値?$|目標値|実績値|基準値/.test(k)) return undefined;
  return (Object.keys(TEXT_WORDS) as Exclude<TextField, 'comment'>[]).find((f) => TEXT_WORDS[f].test(k));
}

/** Every field a header names, in report order (成果と課題 → achievements, issues). */
export function textFieldsOf(header: string): Exclude<TextField, 'comment'>[] {
  const k = headerKey(header);
  return (Object.keys(TEXT_WORDS) as Exclude<TextField, 'comment'>[]).filter((f) => TEXT_WORDS[f].test(k));
}

// Ordered: the first rule that matches a header key wins, so specific names come first
// (目標年度 before 目標, 関係課 before 担当課, プランID before プラン).
const RULES: ReadonlyArray<[RegExp, FieldKey]> = [
  [/^入力チェック$/, 'check'],
  [/^統合先/, 'mergedInto'],
  [/中間の見方|中間値の見方|集計方法|積み上げ/, 'accumulation'],
  // Words about the plan (TEXT_WORDS) are tested here, before the names they contain: 取組実績 is
  // not the 取組's name, 担当課の課題 is not the department column.
  [TEXT_MARK, 'comment'],
  [/コメント|備考|所見|特記事項|^説明$/, 'comment'],
  [/^(指標の)?方向|^向き$|評価の方向|^増減$/, 'direction'],
  [/基準年度?$|基準値?の?年度|現状値?の?年度|基準時点/, 'baselineYear'],
  [/目標年度?$|目標値?の?年度|目標時点/, 'targetYear'],
  [/関係課|関連課|関係部署|関係部局|連携課|副担当|協力課|関係所属/, 'relatedDepts'],
  [/^主担当(区分|○|印)?$|^主$/, 'leadMark'],
  [/主担当課|担当課|所管課|担当部署|担当部局|所管部署|所管部局|担当所属|^所管$|^担当$|^課名$|^所属$|^部署$/, 'mainDept'],
  [/^(プランID|ID|NO|番号|施策番号|事業番号|プラン番号|プランNO|整理番号|項番|#|通し番号|管理番号)$/, 'id'],
  [/基本方針名|基本方針の?名称|方針名$/, 'policyName'],
  [/基本方針/, 'policy'],
  [/基本目標名|基本目標の?名称|^目標名$/, 'goalName'],
  [/基本目標|目標コード|目標番号/, 'goal'],
  [/個別施策|施策コード|^施策$/, 'measure'],
  [/施策区分|^区分$|^分類$|施策分類|^種別$/, 'measureClass'],
  [/指標|^KPI/, 'indicator'],
  [/^単位$/, 'unit'],
  [/基準値|現状値|^基準$|^現状$|策定時/, 'baseline'],
  [/目標値|^目標$|最終目標/, 'target'],
  [/中間実績|中間値|^中間$/, 'mid'],
  [/実績値|^実績$/, 'actual'],
  [/^状態$|ステータス|進捗区分|^進捗$/, 'status'],
  [/プラン名|事業名|推進プラン|施策名|取組|取り組み|事業内容|^事業$|^プラン$|実施事業|^名称$|事業概要|に向けた内容$|^内容$/, 'name'],
];

export interface HeaderClass {
  field?: FieldKey;
  period?: Period;
}

/** What one header cell means: a field, a period, or both (目標値 令和6年度). */
// The department's own grade (自己評価), per year or not: 「令和5年度 自己評価」「R7中間 担当課評価」.
// Only explicit words: a bare 「令和5年度評価」 stays a year's figures (periods.ts).
const SELF_ASSESSMENT = /自己評価|担当課評価|担当課の評価|所管課評価|所管課の評価|部局評価|内部評価|進捗評価|評価区分|評価ランク|達成度評価|評価結果/;

export function classifyHeader(text: string): HeaderClass {
  const t = text.trim();
  if (!t || t.length > 80) return {};
  const self = SELF_ASSESSMENT.exec(nfkc(t).replace(/\s/g, ''));
  if (self) {
    const rest = nfkc(t).replace(/\s/g, '').replace(self[0], '').replace(/[()（）【】・/]/g, '');
    if (!rest) return { field: 'selfAssessment' };
    const p = parsePeriodHeader(rest);
    if (p && (p.kind === 'year' || p.kind === 'mid')) return { field: 'selfAssessment', period: p };
  }
  const p = parsePeriodHeader(t);
  if (p) {
    if (p.kind === 'target') return { field: 'target', period: p };
    if (p.kind === 'baseline') return { field: 'baseline', period: p };
    return { period: p };
  }
  const k = headerKey(t);
  for (const [re, field] of RULES) {
    if (!re.test(k)) continue;
    if (re === TEXT_MARK) {
      const f = textFieldOf(t);
      if (f) return { field: f };
      continue;
    }
    return { field };
  }
  return {};
}

// Group headers that span period columns in a two-row header (merged cells: only the first
// cell of the merge holds the text).
const GROUP_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['baseline', 'target', 'actual', 'mid']);

function classifyPair(upper: string, lower: string): HeaderClass {
  if (!lower) return classifyHeader(upper);
  if (!upper) return classifyHeader(lower);
  const joined = parsePeriodHeader(upper + lower);
  if (joined) return classifyHeader(upper + lower);
  const cl = classifyHeader(lower);
  if (cl.field || cl.period) return cl;
  return classifyHeader(upper);
}

function rowTexts(grid: Grid, r: number): string[] {
  const vals = grid.values[r] ?? [];
  const disp = grid.display?.[r];
  const width = Math.max(vals.length, disp?.length ?? 0);
  const out: string[] = [];
  for (let c = 0; c < width; c++) out.push(norm(cellText(vals[c], disp?.[c])));
  return out;
}

/** True when most non-empty cells of a row are recognised headers (a repeated header block). */
export function isHeaderLikeRow(cells: readonly string[]): boolean {
  let nonEmpty = 0;
  let known = 0;
  for (const c of cells) {
    if (!c) continue;
    nonEmpty++;
    const h = classifyHeader(c);
    if (h.field || h.period) known++;
  }
  return known >= 2 && known >= nonEmpty * 0.6;
}

interface Candidate {
  headerRow: number;
  headerRows: number;
  classes: HeaderClass[];
  headers: string[];
  score: number;
}

function scoreClasses(classes: HeaderClass[]): number {
  let n = 0;
  const seen = new Set<FieldKey>();
  for (const h of classes) {
    if (h.field && !seen.has(h.field)) {
      seen.add(h.field);
      n++;
    } else if (h.period) n++;
  }
  if (seen.has('indicator')) n += 2;
  if (seen.has('name') || seen.has('id')) n += 2;
  if (seen.has('target')) n += 1;
  return n;
}

function single(texts: string[], r: number): Candidate {
  const classes = texts.map(classifyHeader);
  return { headerRow: r, headerRows: 1, classes, headers: texts.slice(), score: scoreClasses(classes) };
}

function pair(upper: string[], lower: string[], r: number, forced = false): Candidate | null {
  let nonEmpty = 0;
  let known = 0;
  for (let c = 0; c < lower.length; c++) {
    if (!lower[c]) continue;
    nonEmpty++;
    // A code under the ID header is the first plan, not a second header row (11.2: renaming
    // 目標年度 to 目標値 made 目標値 over 令和6年度 read as a two-row header).
    if (!forced && classifyHeader(upper[c] ?? '').field === 'id' && looksLikeId(lower[c])) return null;
    // The lower cell must mean something by itself or joined with the group above it (実績値
    // over 令和4年度); falling back to the upper header alone would count any data cell.
    const alone = classifyHeader(lower[c]);
    const joined = upper[c] ? parsePeriodHeader(upper[c] + lower[c]) : null;
    if (alone.field || alone.period || joined) known++;
    // A code or a value among unknown cells: the lower row is data (a sparse first row).
    else if (!forced && (looksLikeId(lower[c]) || /^[-▲△]?\d[\d,.]*\D{0,4}$/.test(lower[c]))) return null;
  }
  if (!forced && (nonEmpty === 0 || known < nonEmpty * 0.6)) return null;
  const width = Math.max(upper.length, lower.length);
  const classes: HeaderClass[] = [];
  const headers: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    let u = upper[c] ?? '';
    const l = lower[c] ?? '';
    if (u) {
      const cu = classifyHeader(u);
      group = (cu.field && GROUP_FIELDS.has(cu.field)) || cu.period ? u : '';
    } else if (l && group) {
      u = group; // inside a merged group header
    } else if (!l) {
      group = '';
    }
    classes.push(classifyPair(u, l));
    headers.push(u && l ? `${u} ${l}` : u || l);
  }
  return { headerRow: r, headerRows: 2, classes, headers, score: scoreClasses(classes) };
}

const SCAN_ROWS = 10;
/** Headers of a column that says in words how far a 取組 got (進捗管理, 取組状況 …). */
const PROGRESS_HEADER = /^(進捗(管理|状況|区分)?|取組状況|取り組み状況|実施状況|状況|達成状況|進行状況)$/;
const ID_LIKE = /^(\(?\d{1,3}\)?|[A-Za-z]{0,3}\d{1,4}|[A-Za-z]{1,3}(?=[-.]))([-.](\d{1,3}|[\u2460-\u2473]|[ァ-ヶア-ン]|[a-z]|\(\d{1,2}\)))*$/;

/** True for a value that looks like a plan/measure code: 1-2, 2-10, 1-①-ア, (3), A-12. */
export function looksLikeId(text: string): boolean {
  const t = normalizeCode(text);
  return t !== '' && t.length <= 16 && ID_LIKE.test(t);
}

/**
 * Find the header row(s) and map the columns of a progress sheet. A mapping saved in 列の対応
 * (mapping.ts) pins the header rows and the columns set by hand; when the sheet's header now
 * reads differently, the saved rows are kept and a warning says so.
 */
export function detectLayout(grid: Grid, mapping?: ColumnMapping | null): Layout | LayoutError {
  const rows = grid.values.length;
  const scan = Math.min(SCAN_ROWS, rows);
  const texts: string[][] = [];
  for (let r = 0; r < Math.min(Math.max(scan + 1, (mapping?.headerRow ?? 0) + 2), rows); r++) texts.push(rowTexts(grid, r));
  const pinned = mapping && mapping.sheet === grid.name ? mapping : null;
  const warnings: string[] = [];

  let best: Candidate | null = null;
  for (let r = 0; r < scan; r++) {
    const s = single(texts[r], r);
    if (!best || s.score > best.score) best = s;
    if (r + 1 < texts.length && texts[r].some(Boolean)) {
      // Two rows only when the upper row adds something to the lower one read alone.
      const p = pair(texts[r], texts[r + 1], r);
      const lowerAlone = single(texts[r + 1], r + 1).score;
      if (p && p.score > s.score && p.score > lowerAlone && (!best || p.score > best.score)) best = p;
    }
  }
  let chosen = new Map<number, ColumnRole>();
  if (pinned && texts[pinned.headerRow]) {
    const at = pinned.headerRows === 2 && texts[pinned.headerRow + 1]
      ? pair(texts[pinned.headerRow], texts[pinned.headerRow + 1], pinned.headerRow, true)
      : single(texts[pinned.headerRow], pinned.headerRow);
    if (at && best && (best.headerRow !== at.headerRow || best.headerRows !== at.headerRows)) {
      warnings.push(
        `「${grid.name}」シートの見出しは、保存した「列の対応」では${rowsLabel(at)}ですが、今の見出しからは${rowsLabel(best)}と読めます。` +
        `見出しを書き換えた場合、データの1行目が見出しとして扱われるおそれがあるため、保存した${rowsLabel(at)}のまま読みました。` +
        '正しければ、サイドバーの「列の対応」で保存し直してください。');
    }
    if (at) best = at;
    const matched = matchChoices(pinned, best!.headers);
    chosen = matched.byCol;
    for (const ch of matched.stale) {
      warnings.push(`「列の対応」で${columnLetters(ch.col + 1)}列「${ch.header}」を${roleLabel(ch.role)}としましたが、その見出しが見つかりません。列の対応を確かめてください。`);
    }
    if (chosen.size) best = { ...best!, classes: best!.classes.map((h, c) => (chosen.has(c) ? roleToClass(chosen.get(c)!) : h)) };
  } else if (best && best.headerRows === 2) {
    // A second header row with cells that are not headers may be the first plan (11.2).
    const lower = texts[best.headerRow + 1] ?? [];
    const odd = lower.map((t, c) => ({ t, c })).filter(({ t, c }) =>
      t && !classifyHeader(t).field && !classifyHeader(t).period && !parsePeriodHeader((texts[best!.headerRow][c] ?? '') + t));
    if (odd.length) {
      warnings.push(
        `「${grid.name}」シートの${best.headerRow + 1}〜${best.headerRow + 2}行目を見出しとして読みました。` +
        `${best.headerRow + 2}行目の${odd.slice(0, 3).map(({ t, c }) => `${columnLetters(c + 1)}列「${t}」`).join('・')}が見出しでなくデータなら、` +
        'サイドバーの「列の対応」で見出しを1行にしてください。');
    }
  }
  // A table kept in words only (seed 002): no figure columns, but a 進捗 / 取組状況 column whose
  // words say how far each 取組 got. That column is the year's result, read as a status.
  let qualitative: number | null = null;
  if (best && !acceptable(best.classes)) {
    const c = best.headers.findIndex((h, i) => PROGRESS_HEADER.test(headerKey(h)) && !best!.classes[i].period && !chosen.has(i));
    if (c >= 0) {
      const classes = best.classes.slice();
      classes[c] = { field: 'actual' };
      if (acceptable(classes)) {
        best = { ...best, classes };
        qualitative = c;
      }
    }
  }
  if (!best || !acceptable(best.classes)) return layoutError(grid.name, scan);

  const layout: Layout = {
    sheet: grid.name,
    headerRow: best.headerRow,
    headerRows: best.headerRows,
    firstDataRow: best.headerRow + best.headerRows,
    columns: {},
    periods: [],
    targetPeriods: [],
    headers: best.headers,
    ignored: [],
    notes: [],
  };
  if (warnings.length) layout.warnings = warnings;
  if (qualitative !== null) {
    layout.statusColumn = qualitative;
    layout.notes.push(`数値の列がないため、${columnLetters(qualitative + 1)}列「${best.headers[qualitative]}」を評価年度の実績（取組の状況）として読みました。`);
  }
  if (chosen.size) layout.chosen = [...chosen.keys()].sort((a, b) => a - b);
  assignColumns(layout, best.classes);
  inferFromContents(grid, layout);
  if (layout.columns.id === undefined && layout.columns.name === undefined) return layoutError(grid.name, scan);
  return layout;
}

function rowsLabel(c: Candidate): string {
  return c.headerRows === 2 ? `${c.headerRow + 1}〜${c.headerRow + 2}行目` : `${c.headerRow + 1}行目`;
}

function acceptable(classes: HeaderClass[]): boolean {
  const fields = new Set(classes.map((h) => h.field).filter(Boolean));
  const periods = classes.filter((h) => h.period && !h.field).length;
  const hasValues = fields.has('target') || fields.has('actual') || fields.has('mid') || periods > 0;
  const hasSubject = fields.has('indicator') || fields.has('name') || fields.has('id');
  const known = classes.filter((h) => h.field || h.period).length;
  return hasValues && hasSubject && known >= 3;
}

function assignColumns(layout: Layout, classes: HeaderClass[]): void {
  const cols = layout.columns;
  const targetWithYear: { col: number; fy: number }[] = [];
  const baselineWithYear: { col: number; fy: number }[] = [];
  classes.forEach((h, c) => {
    const header = layout.headers[c] ?? '';
    if (h.field === 'selfAssessment' && h.period) {
      (layout.selfPeriods ??= []).push({ col: c, period: h.period, header });
      return;
    }
    if (h.period && (h.period.kind === 'year' || h.period.kind === 'mid')) {
      layout.periods.push({ col: c, period: h.period, header });
      return;
    }
    if (h.field === 'target' && h.period) {
      layout.targetPeriods.push({ col: c, period: h.period, header });
      targetWithYear.push({ col: c, fy: h.period.fiscalYear });
      return;
    }
    if (h.field === 'baseline' && h.period) {
      baselineWithYear.push({ col: c, fy: h.period.fiscalYear });
      return;
    }
    if (h.field && (TEXT_FIELDS as readonly string[]).includes(h.field)) {
      // Every column of words is read (取組内容 and 取組実績 side by side are both the plan's).
      const year = yearInHeader(header);
      (layout.texts ??= []).push({ col: c, field: h.field as TextField, header, ...(year !== null ? { fiscalYear: year } : {}) });
      if (cols[h.field] === undefined) cols[h.field] = c;
      return;
    }
    if (h.field) {
      const prev = cols[h.field];
      if (prev === undefined) cols[h.field] = c;
      else if (layout.chosen?.includes(c) && !layout.chosen.includes(prev)) {
        // A column the 事務局 set by hand wins over one detected for the same field.
        cols[h.field] = c;
        layout.ignored.push(prev);
        layout.notes.push(`${columnLetters(prev + 1)}列の「${layout.headers[prev] ?? ''}」は、「列の対応」で${columnLetters(c + 1)}列を${FIELD_LABELS[h.field]}としたため使いません。`);
      } else {
        layout.ignored.push(c);
        layout.notes.push(`${columnLetters(c + 1)}列の「${header}」は${FIELD_LABELS[h.field]}の列が既にあるため使いません。`);
      }
      return;
    }
    if (header) layout.ignored.push(c);
  });
  // 「主な取組」 names the plans when no other column does (a plan's list of 取組).
  if (cols.name === undefined) {
    const t = layout.texts?.find((x) => /^主な取り?組み?$/.test(headerKey(x.header)));
    if (t) {
      layout.texts = layout.texts!.filter((x) => x !== t);
      if (cols[t.field] === t.col) {
        const next = layout.texts.find((x) => x.field === t.field);
        if (next) cols[t.field] = next.col;
        else delete cols[t.field];
      }
      cols.name = t.col;
    }
  }
  // The final target is the latest year's; earlier yearly targets stay in targetPeriods.
  if (cols.target === undefined && targetWithYear.length) {
    const last = targetWithYear.reduce((a, b) => (b.fy >= a.fy ? b : a));
    cols.target = last.col;
    layout.targetYear = last.fy;
  }
  // Yearly targets beside a final 目標値 column are each year's own target (reader: yearTargets).
  if (cols.baseline === undefined && baselineWithYear.length) {
    const first = baselineWithYear.reduce((a, b) => (b.fy < a.fy ? b : a));
    cols.baseline = first.col;
    layout.baselineYear = first.fy;
  }
  layout.periods.sort((a, b) => a.col - b.col);
  layout.ignored.sort((a, b) => a - b);
}

const DATA_SAMPLE = 60;

/**
 * The rows detectLayout looks at: the header rows it scans (or those pinned in 列の対応) and the
 * data rows it samples for columns without a header. A sheet read from row 1 down to here is laid
 * out exactly as the whole sheet (統合候補 reads the rest only in the columns it needs).
 */
export function layoutRows(mapping?: ColumnMapping | null): number {
  const pinned = mapping ? mapping.headerRow + Math.max(2, mapping.headerRows) : 0;
  return Math.max(SCAN_ROWS + 1, pinned) + DATA_SAMPLE;
}

/** ID / plan-name columns without a header (seed 004 puts the goal title above the IDs). */
function inferFromContents(grid: Grid, layout: Layout): void {
  const cols = layout.columns;
  const end = Math.min(grid.values.length, layout.firstDataRow + DATA_SAMPLE);
  const mapped = new Set<number>([
    ...Object.values(cols).filter((c): c is number => c !== undefined),
    ...layout.periods.map((p) => p.col),
    ...layout.targetPeriods.map((p) => p.col),
    ...(layout.selfPeriods ?? []).map((p) => p.col),
    // Columns set by hand (also those set to 使わない) are not guessed again.
    ...(layout.chosen ?? []),
  ]);
  const width = Math.max(layout.headers.length, ...grid.values.slice(layout.firstDataRow, end).map((r) => r.length));
  const limit = Math.min(
    cols.indicator ?? width,
    cols.name ?? width,
    cols.baseline ?? width,
    cols.target ?? width,
    layout.periods[0]?.col ?? width,
  );
  const sample = (c: number) => {
    const out: string[] = [];
    for (let r = layout.firstDataRow; r < end; r++) {
      const t = norm(cellText(grid.values[r]?.[c], grid.display?.[r]?.[c]));
      if (t) out.push(t);
    }
    return out;
  };

  /** Maps `field` to the first unmapped column in [from, to) whose sample passes `fits`, with a note. */
  const adoptFirst = (field: 'id' | 'name', label: string, from: number, to: number, fits: (vals: string[]) => boolean): void => {
    for (let c = from; c < to; c++) {
      if (mapped.has(c) || !fits(sample(c))) continue;
      cols[field] = c;
      mapped.add(c);
      layout.ignored = layout.ignored.filter((x) => x !== c);
      layout.notes.push(`${columnLetters(c + 1)}列を内容から${label}の列とみなしました（見出し「${layout.headers[c] || '空欄'}」）。`);
      return;
    }
  };

  const idLike = (vals: string[]) => vals.length >= 2 && vals.filter(looksLikeId).length >= vals.length * 0.6;
  // The tracked unit is the 個別施策 itself (one row per measure, each its own code, seed 001):
  // its code column is the plan ID too.
  if (cols.id === undefined && cols.measure !== undefined && !layout.chosen?.includes(cols.measure)) {
    const vals = sample(cols.measure);
    if (idLike(vals) && new Set(vals).size === vals.length) {
      cols.id = cols.measure;
      layout.notes.push(`${columnLetters(cols.measure + 1)}列「${layout.headers[cols.measure]}」の番号が行ごとに違うため、プランIDとしても使います。`);
    }
  }
  if (cols.id === undefined) {
    adoptFirst('id', 'プランID', 0, limit, idLike);
  }
  if (cols.name === undefined && cols.id !== undefined) {
    adoptFirst('name', 'プラン名', cols.id + 1, cols.indicator ?? limit, (vals) => {
      const words = vals.filter((v) => !/^[\d,.%\s-]+$/.test(v) && !looksLikeId(v)).length;
      return vals.length >= 1 && words >= vals.length * 0.6;
    });
  }
  // 主担当: a column of ○ marks; when it holds names it is the department column.
  if (cols.leadMark !== undefined && !layout.chosen?.includes(cols.leadMark)) {
    const vals = sample(cols.leadMark);
    const marks = vals.filter((v) => /^[○◯〇◎●✓✔]$/.test(v)).length;
    if (vals.length && marks < vals.length * 0.5) {
      if (cols.mainDept === undefined) cols.mainDept = cols.leadMark;
      else layout.ignored.push(cols.leadMark);
      delete cols.leadMark;
    }
  }
}

function layoutError(sheet: string, scanned: number): LayoutError {
  const looked = (['id', 'name', 'indicator', 'target', 'actual', 'mainDept'] as FieldKey[]).map((f) => FIELD_LABELS[f]);
  looked.splice(5, 0, '年度の列（例: 令和7年度実績・R7中間・2025年度）');
  const error =
    `「${sheet}」シートの1〜${Math.max(scanned, 1)}行目に見出し行が見つかりません。` +
    `1行目（または2行目まで）に次の見出しを入れてください: ${looked.join('、')}。` +
    'プランIDかプラン名、成果指標、目標値または年度の列の3つ以上が必要です。';
  return { sheet, error, looked };
}

/** A layout with nothing mapped, carrying the error (readProgress always returns a Layout). */
export function emptyLayout(sheet: string = SHEETS.progress, error?: string): Layout {
  const l: Layout = {
    sheet, headerRow: 0, headerRows: 1, firstDataRow: 1, columns: {}, periods: [], targetPeriods: [],
    headers: [], ignored: [], notes: [],
  };
  if (error) l.error = error;
  return l;
}

/**
 * The 1-based sheet rows of the plan that `row` belongs to, from the ID column alone (read
 * cheaply by onEdit): up to the row holding the plan's ID, down to the row before the next
 * different ID. `idColumn[i]` is the value of sheet row i + 1, read down to getLastRow().
 */
export function planBlock(idColumn: readonly CellValue[], layout: Layout, row: number): { first: number; last: number } {
  const idAt = (r: number) => normalizeCode(cellText(idColumn[r - 1]));
  const top = layout.firstDataRow + 1;
  let first = Math.max(row, top);
  while (first > top && idAt(first) === '') first--;
  const id = idAt(first);
  while (id && first > top && idAt(first - 1) === id) first--;
  let last = Math.max(row, first);
  // Blank IDs below a plan are its continuation rows. Read the ID column down to the sheet's
  // last row (getLastRow), so trailing blanks are rows that hold other data.
  while (last + 1 <= idColumn.length && (idAt(last + 1) === '' || idAt(last + 1) === id)) last++;
  return { first, last };
}
