// Validation of what people typed: row shapes (zod) and the rules on plans and indicators.
// Every issue names the sheet, the cell (A1) and what to type instead, in words a 事務局
// member understands.

import * as z from 'zod/mini';
import type {
  Department, HierarchyItem, Indicator, Issue, Parsed, Plan, Settings, Severity,
} from './model';
import { DIRECTION_LABELS, HIERARCHY_LEVELS, MEMBER_ROLE_LABELS, SHARE_LABELS, SHEETS } from './schema';
import { a1, parseA1 } from './a1';
import { figureOutliers } from './outliers';
import type { FieldKey, Layout } from './layout';
import { periodLabel } from './periods';
import { clip, closest, groupDigits, nfkc, splitDepartments, squash } from './text';
import {
  describeParsed, looksLikeComment, parseAccumulationLabel, parseDirectionLabel,
  parsePlanStatus, progressOf, referenceUnit, unitDiffers,
} from './values';

// --- row shapes -----------------------------------------------------------------------------

const text = z._default(z.string(), '');

/** One row of プラン・指標 as read (cell texts), before it is folded into plans. */
export const ProgressRowSchema = z.object({
  /** 1-based sheet row. */
  row: z.number().check(z.int(), z.positive()),
  /** The plan the row belongs to ('' when it belongs to none). */
  planId: text,
  /** This row starts a plan (as opposed to a continuation or department row). */
  startsPlan: z._default(z.boolean(), false),
  id: text.check(
    z.refine((s) => s.length <= 30, { error: 'は長すぎます。プランIDは短い番号（例: 2-8）にしてください。' }),
    z.refine((s) => !/[\n\r]/.test(s), { error: 'に改行が入っています。プランIDは1行の番号（例: 2-8）にしてください。' }),
  ),
  /** The ID cell came back as a Date (Sheets turned 1-2 into 2 January). */
  idIsDate: z._default(z.boolean(), false).check(z.refine((v) => !v, {
    error: 'は日付として扱われています。列の書式を「書式なしテキスト」にして、1-2 のように入力し直してください。',
  })),
  name: text,
  policy: text,
  goal: text,
  measure: text,
  measureClass: text,
  mainDept: text,
  relatedDepts: text,
  leadMark: text,
  indicator: text,
  unit: text,
  direction: text.check(z.refine((s) => s.trim() === '' || parseDirectionLabel(s) !== null, {
    error: `が分かりません。一覧から${Object.values(DIRECTION_LABELS).map((l) => `「${l}」`).join('・')}のどれかを選んでください。`,
  })),
  accumulation: text.check(z.refine((s) => s.trim() === '' || parseAccumulationLabel(s) !== null, {
    error: 'が分かりません。一覧から「積み上げ」（年度内に増えていく件数）か「水準」（その時点の値）を選んでください。空欄なら自動で判断します。',
  })),
  baselineYear: text,
  targetYear: text,
  status: text.check(z.refine((s) => parsePlanStatus(s) !== null, {
    error: 'が分かりません。一覧から「実施中」「未着手」「完了」「中止」のどれかを選んでください。',
  })),
  comment: text,
  mergedInto: text,
  /** The row has an indicator or a value but no plan to attach it to. */
  orphan: z._default(z.boolean(), false),
});
export type ProgressRow = z.infer<typeof ProgressRowSchema>;

/** Which progress-row fields map to which layout column, and how serious a bad value is. */
const ROW_FIELDS: Partial<Record<keyof ProgressRow, { field: FieldKey; label: string; severity: Severity }>> = {
  id: { field: 'id', label: 'プランID', severity: 'エラー' },
  idIsDate: { field: 'id', label: 'プランID', severity: 'エラー' },
  direction: { field: 'direction', label: '方向', severity: 'エラー' },
  accumulation: { field: 'accumulation', label: '中間の見方', severity: '警告' },
  status: { field: 'status', label: '状態', severity: '警告' },
};

const EMAIL_ERROR = 'はメールアドレスとして読めません。name@example.jp の形で入力してください。';

export const HierarchyRowSchema = z.object({
  level: z.enum(HIERARCHY_LEVELS, { error: `が分かりません。${HIERARCHY_LEVELS.join('・')}のどれかを選んでください。` }),
  code: z.string().check(z.minLength(1, { error: 'コードが空欄です。番号（例: 1-2）を入力してください。' })),
  name: z.string().check(z.minLength(1, { error: '名称が空欄です。基本目標などの名前を入力してください。' })),
  text: z.string(),
  parentCode: z.string(),
});

export const DepartmentRowSchema = z.object({
  name: z.string().check(z.minLength(1)),
  division: z.string(),
  email: z.union([z.literal(''), z.email({ error: EMAIL_ERROR })], { error: EMAIL_ERROR }),
});

export const MemberRowSchema = z.object({
  name: z.string().check(z.minLength(1, { error: '氏名が空欄です。委員の氏名を入力してください。' })),
  title: z.string(),
  email: z.union([z.literal(''), z.email({ error: EMAIL_ERROR })], { error: EMAIL_ERROR }),
  share: z.boolean(),
  role: z.enum(['commenter', 'reader', 'writer']),
});

export const RecommendationRowSchema = z.object({
  policyCode: z.string(),
  member: z.string(),
  text: z.string().check(z.minLength(1)),
});

/** Issues as the sidebar receives them (it validates what it is handed). */
export const IssueSchema = z.object({
  severity: z.enum(['エラー', '警告']),
  sheet: z.string(),
  cell: z.string(),
  row: z.number().check(z.int()),
  col: z.number().check(z.int()),
  planId: z.optional(z.string()),
  message: z.string(),
});

// --- helpers --------------------------------------------------------------------------------

export function makeIssue(severity: Severity, sheet: string, row: number, col: number, message: string, planId?: string): Issue {
  const r = Math.max(1, row);
  const c = Math.max(1, col);
  const issue: Issue = { severity, sheet, cell: a1(r, c), row: r, col: c, message };
  if (planId) issue.planId = planId;
  return issue;
}

function at(sheet: string, cell: string): string {
  return `「${sheet}」シートの${cell}`;
}

function q(s: string): string {
  return `「${clip(s, 40)}」`;
}

/** The zod issues of one row → Issues with Japanese messages at the right cells. */
export function zodRowIssues(
  error: z.core.$ZodError, sheet: string, row: number, values: Record<string, unknown>,
  colOf: (key: string) => number | undefined, labels: Record<string, string>, planId?: string,
  severityOf: (key: string) => Severity = () => 'エラー',
): Issue[] {
  const out: Issue[] = [];
  for (const zi of error.issues) {
    const key = String(zi.path[0] ?? '');
    const col = (colOf(key) ?? 0) + 1;
    const cell = a1(row, col);
    const value = values[key];
    const shown = typeof value === 'string' && value !== '' ? q(value) : '';
    const msg = zi.message.startsWith('は') || zi.message.startsWith('が') || zi.message.startsWith('に') || zi.message.startsWith('の')
      ? `${at(sheet, cell)}の${labels[key] ?? key}${shown}${zi.message}`
      : `${at(sheet, cell)}: ${zi.message}`;
    out.push(makeIssue(severityOf(key), sheet, row, col, msg, planId));
  }
  return out;
}

// --- the rules ------------------------------------------------------------------------------

export interface ValidationInput {
  layout: Layout;
  plans: Plan[];
  rows: ProgressRow[];
  departments: Department[];
  hierarchy: HierarchyItem[];
  settings: Settings;
  /** 'all': the whole sheet (also duplicate IDs); 'rows': only the rows read (onEdit). */
  scope?: 'all' | 'rows';
}

const INACTIVE = new Set(['中止', '統合済']);
const RATE_NAME = /率|割合/;
const GROWTH_NAME = /増加率|伸び率|前年比|対前年|成長率|倍率/;

/** All validation rules over the plans and rows read from プラン・指標. */
export function validateProgress(input: ValidationInput): Issue[] {
  const { layout, plans, rows, departments, hierarchy, settings } = input;
  const sheet = layout.sheet || SHEETS.progress;
  const issues: Issue[] = [];
  const cols = layout.columns;
  const colNo = (f: FieldKey) => (cols[f] ?? 0) + 1;
  const cellOf = (row: number, f: FieldKey) => a1(row, colNo(f));
  const push = (sev: Severity, row: number, f: FieldKey, message: string, planId?: string) =>
    issues.push(makeIssue(sev, sheet, row, colNo(f), message, planId));

  // Row shapes.
  for (const row of rows) {
    const parsed = ProgressRowSchema.safeParse(row);
    if (!parsed.success) {
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(ROW_FIELDS)) if (v) labels[k] = v.label;
      issues.push(...zodRowIssues(parsed.error, sheet, row.row, row as unknown as Record<string, unknown>,
        (k) => cols[ROW_FIELDS[k as keyof ProgressRow]?.field ?? 'id'], labels, row.planId || undefined,
        (k) => ROW_FIELDS[k as keyof ProgressRow]?.severity ?? 'エラー'));
    }
    if (row.orphan) {
      push('エラー', row.row, cols.indicator !== undefined ? 'indicator' : 'id',
        `${at(sheet, a1(row.row, colNo('id')))}の行には指標や値がありますが、プランIDもプラン名もありません。この行のプランIDを入力するか、プランの行のすぐ下に移してください。`);
    }
    if (row.startsPlan && row.id === '' && !row.idIsDate && cols.id !== undefined) {
      push('エラー', row.row, 'id',
        `${at(sheet, cellOf(row.row, 'id'))}にプランIDがありません（プラン名${q(row.name)}）。プランを区別する番号（例: 2-8）を入力してください。`, row.planId);
    }
  }

  // Departments typed per row (the lead and every other one in the cell).
  const deptNames = departments.map((d) => d.name).filter(Boolean);
  if (deptNames.length && cols.mainDept !== undefined) {
    const known = new Set(deptNames);
    for (const row of rows) {
      for (const [field, value] of [['mainDept', row.mainDept], ['relatedDepts', row.relatedDepts]] as const) {
        if (cols[field] === undefined) continue;
        for (const name of splitDepartments(value)) {
          if (known.has(name)) continue;
          const hint = closest(name, deptNames);
          push('警告', row.row, field,
            `${at(sheet, cellOf(row.row, field))}の「${name}」は「${SHEETS.departments}」シートにありません。` +
            (hint ? `「${hint}」のことなら、一覧から選び直してください。` : `一覧の課名（例: ${deptNames[0]}）を選ぶか、「${SHEETS.departments}」シートに追加してください。`),
            row.planId || undefined);
        }
      }
    }
  }

  // Columns the ratings need: without them every indicator is silently 評価不能.
  const headerRow = layout.headerRow + layout.headerRows;
  const unread = layout.ignored.map((c) => `${a1(headerRow, c + 1)}「${clip(layout.headers[c] ?? '', 20)}」`).filter((t) => !t.endsWith('「」'));
  const unreadHint = unread.length ? `（読み取れなかった見出し: ${unread.slice(0, 5).join('、')}${unread.length > 5 ? ' ほか' : ''}）` : '';
  const firstUnread = layout.ignored.length ? layout.ignored[0] + 1 : 1;
  const sheetWide = input.scope !== 'rows';
  // Plans reported in words, or with the target written in the figure's own cell (結果／目標 3／4箇所),
  // need no target column.
  const needsTarget = plans.some((p) => p.indicators.some((i) => i.direction !== 'milestone' &&
    i.actuals.some((a) => a.value.kind === 'number' && !a.value.read?.target)));
  if (sheetWide && needsTarget && cols.indicator !== undefined && cols.target === undefined && layout.targetPeriods.length === 0) {
    issues.push(makeIssue('エラー', sheet, headerRow, firstUnread,
      `「${sheet}」シートの${headerRow}行目に目標値の列が見つかりません${unreadHint}。目標値の列の見出しを「目標値」（または「目標」「令和7年度目標」）にしてください。目標値がないと達成度を計算できません。`));
  }
  if (sheetWide && plans.length && cols.indicator !== undefined && layout.periods.length === 0 && cols.actual === undefined && cols.mid === undefined) {
    issues.push(makeIssue('エラー', sheet, headerRow, firstUnread,
      `「${sheet}」シートの${headerRow}行目に実績の年度の列が見つかりません${unreadHint}。実績の列の見出しを「令和7年度」「R7中間」「2025年度」のように年度にしてください。`));
  }

  // Plans.
  const codes = codeIndex(hierarchy);
  const firstRowOf = new Map<string, number>();
  // Plans typed without an ID get a stand-in ID (行12); those are reported above, not as duplicates.
  const standIns = new Set(rows.filter((r) => r.startsPlan && r.id === '').map((r) => r.planId));
  for (const plan of plans) {
    if (input.scope !== 'rows' && plan.id && !standIns.has(plan.id)) {
      const first = firstRowOf.get(plan.id);
      if (first !== undefined) {
        push('エラー', plan.row, 'id',
          `${at(sheet, cellOf(plan.row, 'id'))}のプランID「${plan.id}」は${first}行目と重複しています。プランごとに別のID（例: ${plan.id}-2）を付けてください。同じプランの指標なら、${first}行目のすぐ下の行に移してください。`, plan.id);
      } else firstRowOf.set(plan.id, plan.row);
    }
    if (cols.name !== undefined && plan.name === '') {
      push('エラー', plan.row, 'name', `${at(sheet, cellOf(plan.row, 'name'))}のプラン名が空欄です（プランID「${plan.id}」）。事業の名前（例: 図書のWeb貸出予約等の推進）を入力してください。`, plan.id);
    }
    if (cols.goal !== undefined && plan.goalCode === '' && plan.status !== '統合済') {
      const example = [...(codes.get('基本目標') ?? [])][0] ?? '1-2';
      push('エラー', plan.row, 'goal', `${at(sheet, cellOf(plan.row, 'goal'))}の基本目標が空欄です（プラン「${clip(plan.name || plan.id, 30)}」）。施策体系の基本目標のコード（例: ${example}）を入力してください。空欄のままでは「（基本目標未設定）」としてまとめて評価されます。`, plan.id);
    }
    if (cols.mainDept !== undefined && plan.mainDept === '') {
      push('エラー', plan.row, 'mainDept', `${at(sheet, cellOf(plan.row, 'mainDept'))}の主担当課が空欄です（プラン「${clip(plan.name || plan.id, 30)}」）。責任をもつ課を1つ入力してください（例: ${deptNames[0] ?? '情報政策課'}）。`, plan.id);
    }
    for (const [field, level, code] of [
      ['policy', '基本方針', plan.policyCode], ['goal', '基本目標', plan.goalCode], ['measure', '個別施策', plan.measureCode],
    ] as const) {
      if (cols[field] === undefined || !code) continue;
      const known = codes.get(level);
      if (!known || known.size === 0 || known.has(code)) continue;
      push('エラー', plan.row, field,
        `${at(sheet, cellOf(plan.row, field))}の${level}「${code}」は「${SHEETS.hierarchy}」シートにありません。施策体系にあるコード（例: ${[...known][0]}）を入力するか、「${SHEETS.hierarchy}」シートに追加してください。`, plan.id);
    }
    for (const ind of plan.indicators) validateIndicator(ind, plan, { sheet, layout, settings, push, cellOf, issues });
  }
  return issues;
}

interface IndicatorCtx {
  sheet: string;
  layout: Layout;
  settings: Settings;
  issues: Issue[];
  push: (sev: Severity, row: number, f: FieldKey, message: string, planId?: string) => void;
  cellOf: (row: number, f: FieldKey) => string;
}

function validateIndicator(ind: Indicator, plan: Plan, ctx: IndicatorCtx): void {
  const { sheet, push } = ctx;
  const who = `${plan.id}「${clip(ind.name || plan.name, 30)}」`;
  const active = !INACTIVE.has(plan.status);
  const targetCell = ind.target.cell ?? ctx.cellOf(ind.row, 'target');
  const baselineCell = ind.baseline.cell ?? ctx.cellOf(ind.row, 'baseline');
  const issueAtCell = (sev: Severity, cell: string, message: string) => {
    const ref = parseA1(cell) ?? { row: ind.row, col: 1 };
    ctx.issues.push(makeIssue(sev, sheet, ref.row, ref.col, message, plan.id));
  };
  const unitHint = ind.unit ? `（例: 100${ind.unit}）` : '（例: 30件）';

  // A plan reported in words (no figure anywhere on the row) needs no indicator name.
  const fromText = (v: Parsed) => v.kind !== 'number' || !!v.read;
  const qualitative = fromText(ind.target.value) && fromText(ind.baseline.value) &&
    ind.actuals.every((a) => a.value.kind !== 'number' || !!a.value.read);
  if (ctx.layout.columns.indicator !== undefined && ind.name === '' && !qualitative) {
    push('警告', ind.row, 'indicator', `${at(sheet, ctx.cellOf(ind.row, 'indicator'))}の成果指標が空欄ですが、値が入力されています（プラン${plan.id}）。何を測る指標か（例: オンライン申請件数）を入力してください。`, plan.id);
  }

  // Target.
  const t = ind.target.value;
  const hasTargetCol = ctx.layout.columns.target !== undefined;
  if (hasTargetCol && active) {
    if (t.kind === 'empty') {
      issueAtCell('エラー', targetCell, `${at(sheet, targetCell)}（${who}）の目標値が空欄です。目標年度に目指す値を数字と単位で入力してください${unitHint}。達成・未達で見る指標は ○ を入力します。`);
    } else if (t.kind === 'invalid' && !(ind.direction === 'range' && ind.range)) {
      issueAtCell('エラー', targetCell, `${at(sheet, targetCell)}の目標値${q(t.text)}${commentAware(t)}`);
    } else if (t.kind === 'state' && t.state !== '指標なし') {
      issueAtCell('警告', targetCell, `${at(sheet, targetCell)}の目標値が${q(t.text)}のため、達成度を計算できません。目標が決まったら数字と単位で入力してください${unitHint}。`);
    }
  }

  // Figures and statuses read out of sentences (narrative.ts): used, and always said (警告).
  const readingNote = (p: Parsed, cell: string, what: string) => {
    if (p.kind === 'number' && p.read) {
      const fig = `${describeNumber(p.value)}${p.unit}`;
      const beside = p.read.target ? `（同じセルの『${p.read.target.quote}』は目標値として参考にします）` : '';
      issueAtCell('警告', cell, `${at(sheet, cell)}: 『${clip(p.read.quote, 40)}』から ${fig} を${what}として読みました${beside}。違う場合は、このセルに数字と単位だけ（例: ${fig}）を入力してください。`);
    } else if (p.kind === 'state' && p.read) {
      issueAtCell('警告', cell, `${at(sheet, cell)}: 『${clip(p.text, 40)}』から${what}の状況を「${progressOf(p.state) ?? p.state}」と読みました（手がかりの語: ${p.read.cues.join('・')}）。違う場合は、実施済・実施中・検討中・未着手・中止 のどれか、または数字と単位を入力してください。`);
    }
  };
  readingNote(t, targetCell, '目標値');

  // Baseline: informative, so problems are warnings.
  const b = ind.baseline.value;
  readingNote(b, baselineCell, '基準値');
  if (b.kind === 'invalid') {
    issueAtCell('警告', baselineCell, `${at(sheet, baselineCell)}の基準値${q(b.text)}${commentAware(b)}基準値が数値でないと、基準からの伸びは計算されません。`);
  }

  // Units: the rule 集計 applies (values.referenceUnit): a target or actual in another unit is
  // left out of the rating (エラー), a baseline in another unit is not used (警告).
  const typedUnit = ind.unit;
  const refUnit = referenceUnit(typedUnit, t);
  const refLabel = ctx.layout.columns.unit !== undefined && typedUnit && t.kind === 'number' && t.unit !== typedUnit
    ? '単位の列' : '目標値';
  const unitCheck = (p: Parsed, sev: Severity, cell: string, what: string) => {
    if (p.kind !== 'number' || !unitDiffers(p, refUnit)) return;
    issueAtCell(sev, cell, `${at(sheet, cell)}の${what}${q(p.text)}は単位（${p.unit}）が${refLabel}の単位（${refUnit}）と違います。同じ単位で入力してください（例: ${describeNumber(p.value)}${refUnit}）。`);
  };
  unitCheck(t, 'エラー', targetCell, '目標値');
  unitCheck(b, '警告', baselineCell, '基準値');

  // Actuals.
  for (const a of ind.actuals) {
    const v = a.value;
    const label = periodLabel(a.period);
    if (v.kind === 'invalid') {
      issueAtCell('エラー', a.cell, `${at(sheet, a.cell)}（${label}）${q(v.text)}${commentAware(v)}`);
      continue;
    }
    if (v.kind === 'milestone' && t.kind === 'number') {
      issueAtCell('エラー', a.cell, `${at(sheet, a.cell)}（${label}）${q(v.text)}は達成・未達の印ですが、目標値が数値（${describeParsed(t)}）です。実績も数字と単位で入力してください${unitHint}。`);
      continue;
    }
    if (v.kind === 'number' && (t.kind === 'milestone' || ind.direction === 'milestone')) {
      issueAtCell('警告', a.cell, `${at(sheet, a.cell)}（${label}）${q(v.text)}は数値ですが、この指標は達成・未達で見ます。達成なら ○、未達なら × を入力してください。`);
      continue;
    }
    readingNote(v, a.cell, label);
    unitCheck(v, 'エラー', a.cell, `${label}の実績値`);
  }

  // Implausible figures (the rule the report's 要確認 uses).
  for (const o of figureOutliers(ind, { target: targetCell, baseline: baselineCell })) {
    if (o.kind === 'over100') {
      issueAtCell('警告', o.cell, `${at(sheet, o.cell)}の${o.label}${q(o.figure.text)}は100%を超えています。割合の指標なので、入力を確認してください（例: 86.5%）。`);
    } else if (o.prev) {
      issueAtCell('警告', o.cell, `${at(sheet, o.cell)}（${o.label}）${q(o.figure.text)}は前の値（${o.prev.label} ${squash(o.prev.figure.text)}）の${o.up ? '10倍以上' : '10分の1以下'}です。桁や単位に誤りがないか確認してください。`);
    }
  }

  // The evaluation period's figure is missing.
  if (active && plan.status !== '未着手') {
    const want = { fiscalYear: ctx.settings.evaluationYear, kind: ctx.settings.evaluationKind };
    const cur = ind.actuals.find((a) => a.period.fiscalYear === want.fiscalYear && a.period.kind === want.kind);
    if (cur && cur.value.kind === 'empty' && t.kind !== 'state') {
      issueAtCell('警告', cur.cell, `${at(sheet, cur.cell)}（${who}）の${periodLabel(want)}が未入力です。数字と単位で入力してください${unitHint}。取得できない場合は「取得不可」と入力します。`);
    }
  }
}

function describeNumber(n: number): string {
  return groupDigits(n);
}

/** The parse reason, or the comment wording when the cell holds a remark. */
function commentAware(p: Parsed & { kind: 'invalid' }): string {
  if (looksLikeComment(p.text)) {
    return 'は文章です。説明は「コメント」列に書き、この欄には数字と単位だけ（例: 30件）を入力してください。';
  }
  return p.reason;
}

function codeIndex(hierarchy: HierarchyItem[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const h of hierarchy) {
    if (!m.has(h.level)) m.set(h.level, new Set());
    m.get(h.level)!.add(h.code);
  }
  return m;
}

export type MemberRole = 'commenter' | 'reader' | 'writer';

/**
 * The role given when 権限 cannot be read: the narrowest one. Never guess a wider right from a
 * word inside the cell (「編集不可」 contains 編集 but means the opposite).
 */
export const UNKNOWN_ROLE: MemberRole = 'reader';

// Whole-cell spellings only (NFKC, spaces removed, lower-case): a word with a negation
// (不可・なし・×…) or anything else is not understood and gets UNKNOWN_ROLE with a message.
const ROLE_WORDS: Record<MemberRole, string[]> = {
  reader: ['閲覧者', '閲覧', '閲覧のみ', '閲覧可', '閲覧可能', '閲覧権限', '閲覧者権限', '読み取り', '読み取りのみ', '読み取り専用',
    '参照', '参照のみ', 'viewer', 'reader', 'view'],
  commenter: ['コメント可', 'コメント', 'コメント可能', 'コメントのみ', 'コメント者', 'コメント権限', 'commenter', 'comment'],
  writer: ['編集者', '編集', '編集可', '編集可能', '編集権限', '編集者権限', 'editor', 'writer', 'edit'],
};
const ROLE_INDEX = new Map<string, MemberRole>(
  (Object.entries(ROLE_WORDS) as [MemberRole, string[]][]).flatMap(([role, words]) => [
    ...words.map((w): [string, MemberRole] => [roleKey(w), role]),
    [roleKey(MEMBER_ROLE_LABELS[role]), role],
  ]),
);

function roleKey(s: string): string {
  return nfkc(s).replace(/[\s\u3000]+/g, '').replace(/[「」『』]/g, '').toLowerCase();
}

/** Member 権限 label → role: '' is the default (コメント可); null when not understood. */
export function parseRoleLabel(text: string): MemberRole | null {
  const t = roleKey(text);
  if (t === '') return 'commenter';
  return ROLE_INDEX.get(t) ?? null;
}

export function parseShareLabel(text: string): boolean | null {
  const t = squash(text);
  if (t === SHARE_LABELS.yes || /^(○|◯|〇|はい|する|共有|TRUE|要る)$/i.test(t)) return true;
  if (t === SHARE_LABELS.no || t === '' || /^(×|いいえ|しない|FALSE|不要)$/i.test(t)) return false;
  return null;
}
