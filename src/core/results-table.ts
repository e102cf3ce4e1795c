// The 2-D tables the add-on writes to 集計結果 and 目標別評価 (one setValues and one
// setBackgrounds per sheet), and the read-back of the columns people type into
// (上書き評価, 上書きの理由, 所見(事務局記入)) so that a new 集計 carries them over by key.
// Deterministic: no timestamps; the same AggregateResult gives the same tables.

import type { CellValue, Grid, Indicator, Issue } from './model';
import { shortLabel } from './periods';
import { ACCUMULATION_LABELS, DIRECTION_LABELS, SHEETS } from './schema';
import { cellText as rawCellText } from './text';
import { a1, gridCellText as cellText, escapeCell, formatNumber, formatPercent, fyLabel } from './cells';
import type {
  AggregateResult, CellRef, FindingOverride, GoalOverride, GoalResult, IndicatorResult, Overrides, PlanOverride, PlanResult,
} from './aggregate';
import type { Achievement } from './achievement';
import type { Grade, GoalRating } from './rating';

export { escapeCell } from './cells';

export const RESULT_COLUMNS = [
  'プランID', '基本目標', 'プラン名', '主担当課', '成果指標', '単位', '方向', '中間の見方', '基準値', '目標値', '実績値(期間)',
  '達成率', '見込み', '指標の評価', '評価不能の理由', 'プランの評価(計算)', '上書き評価', '上書きの理由', '採用評価', '統合先', '評価の根拠', '注記',
  '推移',
] as const;

export const GOAL_COLUMNS = [
  'コード', '名称', 'プラン数', 'A', 'B', 'C', 'D', '−', '今期の評価(計算)', '計画期間通算の評価(計算)',
  '上書き評価', '上書きの理由', '採用評価', '所見(自動案)', '所見(事務局記入)',
  '委員評価（最多）', '委員評価の内訳', '委員評価と集計',
] as const;

/** What 委員評価を取り込む found for one goal (blank columns until the members answered). */
export interface MemberView {
  consensus: string;
  breakdown: string;
  differs: string;
}

/** Columns people type into; everything else is rewritten by 集計. */
export const USER_RESULT_COLUMNS = ['上書き評価', '上書きの理由'] as const;
export const USER_GOAL_COLUMNS = ['上書き評価', '上書きの理由', '所見(事務局記入)'] as const;

/** Columns whose cells are coloured by their grade or rating (the others are never coloured). */
export const TONE_RESULT_COLUMNS = ['見込み', '指標の評価', 'プランの評価(計算)', '上書き評価', '採用評価'] as const;
export const TONE_GOAL_COLUMNS = ['今期の評価(計算)', '計画期間通算の評価(計算)', '上書き評価', '採用評価'] as const;

/** Muted backgrounds; the text always says the rating too (colour is never the only cue). */
export const COLORS = {
  plain: '#ffffff',
  header: '#f1f3f4',
  good: '#d9ead3', // A, 良好, 達成見込み
  fairGood: '#e9f2dc', // B
  fair: '#fff2cc', // C, 概ね良好, 概ね達成見込み
  bad: '#f4cccc', // D, 良好ではない, 達成困難
  none: '#e6e6e6', // −, 評価不能
} as const;

const GRADE_COLOR: Record<Grade, string> = { A: COLORS.good, B: COLORS.fairGood, C: COLORS.fair, D: COLORS.bad, '−': COLORS.none };
const RATING_COLOR: Record<GoalRating, string> = { 良好: COLORS.good, 概ね良好: COLORS.fair, 良好ではない: COLORS.bad, 評価不能: COLORS.none };

export interface SheetTable {
  sheet: string;
  /** Header row first; strings already escaped. */
  values: CellValue[][];
  /** Same shape as values, for one setBackgrounds call. */
  backgrounds: string[][];
}

function col<T extends readonly string[]>(cols: T, name: T[number]): number {
  return cols.indexOf(name);
}

function withYear(text: string, fy: number | undefined, extra = ''): string {
  const t = text.trim();
  if (!t) return '';
  const parts = [fy !== undefined ? fyLabel(fy) : '', extra].filter(Boolean);
  return parts.length ? `${t}（${parts.join('・')}）` : t;
}

function ratioText(a: Achievement): string {
  if (!a.assessable || a.ratio === null) return '';
  const withinYear = a.basis === 'mid' && a.mid?.accumulates ? a.mid.expectedShare : null;
  if (!a.interim) {
    if (withinYear !== null) return `${formatPercent(a.ratio)}（目安${formatPercent(withinYear)}）`;
    return formatPercent(a.ratio) + (a.regressed ? '（後退）' : '');
  }
  // 目標年度までの按分: the ratio against the final target stays shown, next to the expected share.
  const notes = withinYear !== null
    ? [`目安${formatPercent(withinYear)}`, `按分目安${formatPercent(a.interim.expectedShare)}`]
    : [`目安${formatPercent(a.interim.expectedShare)}`, ...(a.regressed ? ['後退'] : [])];
  return `${formatPercent(a.ratio)}（${notes.join('・')}）`;
}

function outlookText(a: Achievement, unit: string): string {
  if (!a.assessable || !a.mid) return '';
  const extra: string[] = [];
  if (a.mid.accumulates && a.mid.projectedValue !== null) extra.push(`年度末 ${formatNumber(a.mid.projectedValue)}${unit}`);
  if (a.regressed) extra.push('後退の見込み');
  return a.mid.outlook + (extra.length ? `（${extra.join('・')}）` : '');
}

function outlookColor(text: string): string {
  if (!text) return COLORS.plain;
  if (text.startsWith('達成見込み')) return COLORS.good;
  if (text.startsWith('概ね達成見込み')) return COLORS.fair;
  return COLORS.bad;
}

/** 中間の見方: 積み上げ / 水準 as typed, or inferred with the words that decided (kind.ts). */
function kindText(ind: IndicatorResult['indicator']): string {
  if (ind.direction === 'milestone' || ind.direction === 'range') return '';
  const label = ind.accumulates ? ACCUMULATION_LABELS.accumulates : ACCUMULATION_LABELS.level;
  if (!ind.accumulatesInferred) return label;
  return ind.accumulatesCue ? `${label}（推定: ${ind.accumulatesCue}）` : `${label}（推定）`;
}

/** 評価の根拠: whether the plan grade came from figures, the department's 自己評価, or a status. */
function sourceText(p: PlanResult): string {
  if (p.override?.applied) return '上書き';
  const r = p.period;
  if (r.source === '自己評価' && r.selfAssessment) return `自己評価（${fyLabel(r.selfAssessment.fiscalYear)}: ${r.selfAssessment.text}）`;
  return r.source ?? '';
}

function lineage(p: PlanResult): string {
  if (p.kind === 'unified') return p.memberIds.length ? `統合前: ${p.memberIds.join(', ')}` : '';
  return p.mergedInto;
}

function row(cols: readonly string[], cells: Partial<Record<string, CellValue>>): { values: CellValue[]; bg: string[] } {
  const values: CellValue[] = cols.map((c) => {
    const v = cells[c];
    if (v === undefined) return '';
    return typeof v === 'string' ? escapeCell(v) : v;
  });
  return { values, bg: cols.map(() => COLORS.plain) };
}

/** "R4 1,049件 → R5中間 1,100件 → R5 1,200件": every period with a figure, in order (the 推移 column). */
export function seriesText(ind: Indicator): string {
  return ind.actuals
    .filter((a) => a.value.kind !== 'empty' && a.value.text.trim())
    .map((a) => `${shortLabel(a.period)} ${a.value.text.trim()}`)
    .join(' → ');
}

/** 集計結果: one row per indicator (plan columns repeated; user columns on the plan's first row). */
export function buildResultsTable(result: AggregateResult): SheetTable {
  const cols = RESULT_COLUMNS;
  const values: CellValue[][] = [cols.map((c) => escapeCell(c))];
  const backgrounds: string[][] = [cols.map(() => COLORS.header)];
  const c = (name: (typeof RESULT_COLUMNS)[number]) => col(cols, name);

  for (const p of result.plans) {
    const items: (IndicatorResult | null)[] = p.indicators.length ? p.indicators : [null];
    // The override goes back on the row it was typed on (the plan's first row by default).
    const label = (item: IndicatorResult | null) => (item
      ? (p.kind === 'unified' && item.sourcePlanId ? `${item.indicator.name}（${item.sourcePlanId}）` : item.indicator.name)
      : '（指標の設定なし）');
    const typedOn = p.override?.at?.indicator;
    const home = Math.max(0, typedOn === undefined ? 0 : items.findIndex((item) => label(item) === typedOn));
    items.forEach((item, i) => {
      const cells: Partial<Record<string, CellValue>> = {
        'プランID': p.id, '基本目標': p.goalCode, 'プラン名': p.name, '主担当課': p.mainDept,
        'プランの評価(計算)': p.period.grade, '採用評価': p.adopted, '統合先': lineage(p),
        '評価の根拠': sourceText(p),
      };
      let reason = '';
      if (item) {
        const ind = item.indicator;
        const a = item.period;
        cells['成果指標'] = label(item);
        cells['単位'] = ind.unit;
        cells['方向'] = DIRECTION_LABELS[ind.direction] + (ind.directionInferred ? '（推定）' : '');
        cells['中間の見方'] = kindText(ind);
        cells['基準値'] = withYear(ind.baseline.value.text, ind.baseline.fiscalYear);
        cells['目標値'] = withYear(ind.target.value.text, ind.target.fiscalYear, ind.target.cumulative ? '期間合計' : '');
        // A year judged against its own target shows it, with the final target beside it.
        if (a.yearTarget) cells['目標値'] = `${withYear(a.yearTarget.text, a.yearTarget.fiscalYear, '年度目標')} ／ 最終 ${cells['目標値']}`;
        cells['実績値(期間)'] = a.actualText;
        cells['推移'] = seriesText(ind);
        cells['達成率'] = ratioText(a);
        cells['見込み'] = outlookText(a, ind.unit);
        cells['指標の評価'] = a.grade;
        reason = a.reason?.message ?? '';
        cells['注記'] = a.notes.join('／');
      } else {
        cells['成果指標'] = '（指標の設定なし）';
        cells['指標の評価'] = '−';
        reason = p.period.reason;
      }
      if (p.period.gap === 'stopped') reason = reason ? `${p.period.reason}／${reason}` : p.period.reason;
      cells['評価不能の理由'] = reason;
      if (i === home && p.override) {
        cells['上書き評価'] = p.override.raw;
        cells['上書きの理由'] = p.override.reason;
      }
      const r = row(cols, cells);
      r.bg[c('指標の評価')] = GRADE_COLOR[(cells['指標の評価'] as Grade) ?? '−'];
      r.bg[c('プランの評価(計算)')] = GRADE_COLOR[p.period.grade];
      r.bg[c('採用評価')] = GRADE_COLOR[p.adopted];
      if (i === home && p.override?.applied && p.override.value) r.bg[c('上書き評価')] = GRADE_COLOR[p.override.value];
      r.bg[c('見込み')] = outlookColor(String(cells['見込み'] ?? ''));
      values.push(r.values);
      backgrounds.push(r.bg);
    });
  }

  // Overrides typed for plans that no longer exist: kept, never erased.
  for (const o of result.orphans.plans) {
    const r = row(cols, {
      'プランID': o.planId, '成果指標': '（このプランは現在ありません）', '上書き評価': o.grade, '上書きの理由': o.reason,
    });
    values.push(r.values);
    backgrounds.push(r.bg);
  }
  return { sheet: SHEETS.results, values, backgrounds };
}

/** 目標別評価: one row per 基本目標. */
export function buildGoalsTable(result: AggregateResult, members: ReadonlyMap<string, MemberView> = new Map()): SheetTable {
  const cols = GOAL_COLUMNS;
  const values: CellValue[][] = [cols.map((c) => escapeCell(c))];
  const backgrounds: string[][] = [cols.map(() => COLORS.header)];
  const c = (name: (typeof GOAL_COLUMNS)[number]) => col(cols, name);

  const push = (g: GoalResult) => {
    const k = g.period.counts;
    const r = row(cols, {
      'コード': g.code, '名称': g.name, 'プラン数': g.planIds.length,
      'A': k.A, 'B': k.B, 'C': k.C, 'D': k.D, '−': k['−'],
      '今期の評価(計算)': g.period.rating, '計画期間通算の評価(計算)': g.sofar.rating,
      '上書き評価': g.override?.raw ?? '', '上書きの理由': g.override?.reason ?? '', '採用評価': g.adopted,
      '所見(自動案)': g.findingAuto, '所見(事務局記入)': g.findingManual,
      '委員評価（最多）': members.get(g.code)?.consensus ?? '', '委員評価の内訳': members.get(g.code)?.breakdown ?? '',
      '委員評価と集計': members.get(g.code)?.differs ?? '',
    });
    r.bg[c('今期の評価(計算)')] = RATING_COLOR[g.period.rating];
    r.bg[c('計画期間通算の評価(計算)')] = RATING_COLOR[g.sofar.rating];
    r.bg[c('採用評価')] = RATING_COLOR[g.adopted];
    if (g.override?.applied && g.override.value) r.bg[c('上書き評価')] = RATING_COLOR[g.override.value];
    values.push(r.values);
    backgrounds.push(r.bg);
  };
  result.goals.forEach(push);

  // Orphans (goal codes that no longer exist), merged by code.
  const orphanCodes: string[] = [];
  const orphanGoal = new Map<string, GoalOverride>();
  const orphanFinding = new Map<string, FindingOverride>();
  for (const o of result.orphans.goals) {
    if (!orphanGoal.has(o.goalCode)) orphanGoal.set(o.goalCode, o);
    if (!orphanCodes.includes(o.goalCode)) orphanCodes.push(o.goalCode);
  }
  for (const f of result.orphans.findings) {
    if (!orphanFinding.has(f.goalCode)) orphanFinding.set(f.goalCode, f);
    if (!orphanCodes.includes(f.goalCode)) orphanCodes.push(f.goalCode);
  }
  for (const code of orphanCodes) {
    const r = row(cols, {
      'コード': code, '名称': '（この基本目標は現在ありません）',
      '上書き評価': orphanGoal.get(code)?.rating ?? '', '上書きの理由': orphanGoal.get(code)?.reason ?? '',
      '所見(事務局記入)': orphanFinding.get(code)?.text ?? '',
    });
    values.push(r.values);
    backgrounds.push(r.bg);
  }
  return { sheet: SHEETS.goals, values, backgrounds };
}

export function buildTables(result: AggregateResult, members?: ReadonlyMap<string, MemberView>): { results: SheetTable; goals: SheetTable } {
  return { results: buildResultsTable(result), goals: buildGoalsTable(result, members) };
}

// ---------------------------------------------------------------------------------------
// Read-back of user-owned columns.

function headerIndex(grid: Grid): Map<string, number> {
  const m = new Map<string, number>();
  const width = Math.max(grid.values[0]?.length ?? 0, grid.display?.[0]?.length ?? 0);
  for (let c = 0; c < width; c++) {
    const h = cellText(grid, 0, c).normalize('NFKC').replace(/\s/g, '');
    if (h && !m.has(h)) m.set(h, c);
  }
  return m;
}

/** A cell's text as typed (not trimmed). */
function typedText(grid: Grid, r: number, c: number): string {
  return rawCellText(grid.values[r]?.[c], grid.display?.[r]?.[c]);
}

function findCol(h: Map<string, number>, name: string): number | undefined {
  return h.get(name.normalize('NFKC').replace(/\s/g, ''));
}

interface Collected { key: string; value: string; valueAt?: CellRef; reasons: string[]; reasonAt?: CellRef; extra: string[] }

/**
 * Read 上書き評価 / 上書きの理由 (集計結果, keyed by プランID) and 上書き評価 / 上書きの理由 /
 * 所見(事務局記入) (目標別評価, keyed by コード) from the previous output sheets.
 * An エラー issue means a key or user column could not be found: the caller must not rewrite
 * that sheet, or what people typed would be lost.
 */
export function readOverrides(prevResults: Grid | null, prevGoals: Grid | null): { overrides: Overrides; issues: Issue[] } {
  const issues: Issue[] = [];
  const overrides: Overrides = { plans: [], goals: [], findings: [] };

  const plans = collect(prevResults, SHEETS.results, 'プランID', '上書き評価', '上書きの理由', null, issues);
  for (const p of plans) {
    const o: PlanOverride = { planId: p.key, grade: p.value, reason: p.reasons.join(' / ') };
    const at = p.valueAt ?? p.reasonAt;
    if (at) o.at = at;
    overrides.plans.push(o);
  }
  const goals = collect(prevGoals, SHEETS.goals, 'コード', '上書き評価', '上書きの理由', '所見(事務局記入)', issues);
  for (const g of goals) {
    if (g.value || g.reasons.length) {
      const o: GoalOverride = { goalCode: g.key, rating: g.value, reason: g.reasons.join(' / ') };
      const at = g.valueAt ?? g.reasonAt;
      if (at) o.at = at;
      overrides.goals.push(o);
    }
    if (g.extra.length) overrides.findings.push({ goalCode: g.key, text: g.extra.join('\n') });
  }
  return { overrides, issues };
}

function collect(
  grid: Grid | null, sheet: string, keyName: string, valueName: string, reasonName: string, extraName: string | null,
  issues: Issue[],
): Collected[] {
  if (!grid || grid.values.length === 0) return [];
  const h = headerIndex(grid);
  const names = [keyName, valueName, reasonName, ...(extraName ? [extraName] : [])];
  const missing = names.filter((n) => findCol(h, n) === undefined);
  if (missing.length) {
    // An empty sheet (no header at all) has nothing to carry over.
    if (h.size === 0) return [];
    issues.push({ severity: 'エラー', sheet, cell: 'A1', row: 1, col: 1,
      message: `「${sheet}」シートの1行目に見出し「${missing.join('」「')}」が見つかりません。見出しを元に戻してから集計してください（入力済みの上書き評価や所見を消さないため、このシートは書き換えません）。` });
    return [];
  }
  const kc = findCol(h, keyName) as number;
  const vc = findCol(h, valueName) as number;
  const rc = findCol(h, reasonName) as number;
  const xc = extraName ? (findCol(h, extraName) as number) : -1;
  // Which of a plan's rows it was typed on (one row per indicator): written back there.
  const ic = keyName === 'プランID' ? findCol(h, '成果指標') ?? -1 : -1;

  const byKey = new Map<string, Collected>();
  const order: Collected[] = [];
  const height = Math.max(grid.values.length, grid.display?.length ?? 0);
  for (let r = 1; r < height; r++) {
    const value = cellText(grid, r, vc);
    // Reasons and 所見 are carried over exactly as typed (leading spaces, tabs, indents); blank
    // is judged on the trimmed text.
    const reason = typedText(grid, r, rc);
    const extra = xc >= 0 ? typedText(grid, r, xc) : '';
    if (!value && !reason.trim() && !extra.trim()) continue;
    const key = cellText(grid, r, kc);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key, value: '', reasons: [], extra: [] };
      byKey.set(key, entry);
      order.push(entry);
    }
    const ref = (c: number): CellRef => {
      const at: CellRef = { sheet, cell: a1(r + 1, c + 1), row: r + 1, col: c + 1, reasonCell: a1(r + 1, rc + 1) };
      if (ic >= 0) at.indicator = cellText(grid, r, ic);
      return at;
    };
    if (value) {
      if (!entry.value) {
        entry.value = value;
        entry.valueAt = ref(vc);
      } else if (value !== entry.value) {
        const issue: Issue = { severity: '警告', sheet, cell: a1(r + 1, vc + 1), row: r + 1, col: vc + 1,
          message: `「${sheet}」シートの ${a1(r + 1, vc + 1)}: 「${key}」の上書き評価が複数あります（「${entry.value}」と「${value}」）。先の「${entry.value}」（${entry.valueAt?.cell}）を使い、「${value}」は次の集計で消えます。残す方を1か所にまとめてください。` };
        if (keyName === 'プランID') issue.planId = key;
        issues.push(issue);
      }
    }
    if (reason.trim() && !entry.reasons.includes(reason)) {
      entry.reasons.push(reason);
      if (!entry.reasonAt) entry.reasonAt = ref(rc);
    }
    if (extra.trim() && !entry.extra.includes(extra)) entry.extra.push(extra);
  }
  return order;
}
