// Reading the input sheets (already read once into grids) into ProgressData.
//
// プラン・指標 may be the template or any reasonable layout (layout.ts). One row is one
// indicator; rows of the same plan either repeat its ID (one row per department, with a ○ in
// a 主担当 column for the lead) or leave the plan columns blank (continuation rows).

import type {
  Actual, CellValue, Department, Direction, Grid, HierarchyItem, Indicator, Issue, Member, Parsed,
  Period, Plan, ProgressData, Recommendation, Settings,
} from './model';
import { HIERARCHY_LEVELS, MEMBER_ROLE_LABELS, SETTING_KEYS, SHEETS } from './schema';
import { a1, columnLetters } from './a1';
import {
  classifyHeader, detectLayout, emptyLayout, isHeaderLikeRow, isLayoutError, looksLikeId, type FieldKey, type Layout,
} from './layout';
import { inferKind } from './kind';
import { parseFiscalYear, warekiLabel } from './periods';
import { evaluationYearIssue, readSettings } from './settings';
import type { ColumnMapping } from './mapping';
import { cellText, clip, formatDate, headerKey, nfkc, norm, normalizeCode, splitDepartments, squash } from './text';
import {
  DepartmentRowSchema, HierarchyRowSchema, MemberRowSchema, RecommendationRowSchema, makeIssue, parseRoleLabel, UNKNOWN_ROLE,
  parseShareLabel, validateProgress, zodRowIssues, type ProgressRow,
} from './validate';
import {
  normalizeUnit, parseAccumulationLabel, parseCell, parseDirectionLabel, parsePlanStatus, parseRange,
  parseText, unitsCompatible,
} from './values';

export interface ReadResult {
  data: ProgressData;
  issues: Issue[];
  /** The column map of プラン・指標 (empty, with `error`, when it could not be mapped). */
  layout: Layout;
  /** The progress rows as read, for re-validation and for writing 入力チェック per row. */
  rows: ProgressRow[];
  /** The sheet each input was read from (named as the template or found by name or content). */
  sheets: Partial<Record<InputRole | 'progress', string>>;
}

export interface ReadOptions {
  /** "Today" for the default evaluation year (tests pass a fixed date). */
  today?: Date;
  /** The column mapping saved in 列の対応 (document properties), applied over detection. */
  mapping?: ColumnMapping | null;
}

/** Read every input sheet; `grids` is keyed by sheet name (SHEETS, or any other name: see locateInputs). */
export function readProgress(grids: Record<string, Grid>, options: ReadOptions = {}): ReadResult {
  const issues: Issue[] = [];
  const found = locateInputs(grids, options.mapping?.sheet);
  const { settings, issues: settingIssues, yearGiven, kindGiven } = readSettings(found.grids.settings, options.today);
  const hierarchy = readHierarchy(found.grids.hierarchy);
  const departments = readDepartments(found.grids.departments);
  const members = readMembers(found.grids.members);
  const recommendations = readRecommendations(found.grids.recommendations);
  issues.push(...settingIssues, ...hierarchy.issues, ...departments.issues, ...members.issues, ...recommendations.issues);

  const data: ProgressData = {
    plans: [],
    hierarchy: hierarchy.items,
    departments: departments.items,
    members: members.items,
    recommendations: recommendations.items,
    settings,
  };

  const grid = found.progress;
  if (!grid) {
    const msg = `「${SHEETS.progress}」シートがありません。メニューの「テンプレートを作成」でシートを作るか、進捗管理のシート名を「${SHEETS.progress}」にしてください。`;
    issues.push(makeIssue('エラー', SHEETS.progress, 1, 1, msg));
    return { data, issues, layout: emptyLayout(SHEETS.progress, msg), rows: [], sheets: found.names };
  }
  const detected = detectLayout(grid, options.mapping);
  if (isLayoutError(detected)) {
    issues.push(makeIssue('エラー', grid.name, 1, 1, detected.error));
    return { data, issues, layout: emptyLayout(grid.name, detected.error), rows: [], sheets: found.names };
  }
  const layout = detected;
  for (const w of layout.warnings ?? []) issues.push(makeIssue('警告', grid.name, layout.headerRow + 1, 1, w));
  const items: RowRef[] = [];
  for (let gi = layout.firstDataRow; gi < grid.values.length; gi++) items.push({ gi, row: gi + 1 });
  const read = readPlanRows(grid, layout, items, settings);
  data.plans = read.plans;
  inferEvaluationPoint(settings, read.plans, yearGiven, kindGiven);
  const yearIssue = evaluationYearIssue(grids[SHEETS.settings], settings, read.plans, options.today ?? new Date());
  if (yearIssue) issues.push(yearIssue);
  if (data.hierarchy.length === 0) {
    // No 施策体系 sheet: the goals come from the progress sheet itself, from its 基本方針 /
    // 基本目標 columns (with their names) or from the block titles above the plans (seed 004).
    const items: HierarchyItem[] = read.levels.slice();
    for (const s of read.sections) {
      if (!items.some((x) => x.level === '基本目標' && x.code === s.code)) {
        items.push({ level: '基本目標', code: s.code, name: s.title, text: '', parentCode: '' });
      }
    }
    data.hierarchy = items;
  } else {
    // A plan without a goal column whose ID extends a goal code of 施策体系 (1-2-3 under 1-2).
    attachToHierarchy(read.plans, data.hierarchy);
  }
  const checks = validateProgress({
    layout, plans: read.plans, rows: read.rows, departments: data.departments,
    hierarchy: hierarchy.items, settings, scope: 'all',
  });
  issues.push(...sortIssues([...checks, ...read.issues]));
  return { data, issues, layout, rows: read.rows, sheets: found.names };
}

export interface RowContext {
  settings?: Settings;
  departments?: Department[];
  hierarchy?: HierarchyItem[];
  today?: Date;
}

/**
 * Re-read some rows for onEdit. `grid` holds the header rows exactly as on the sheet (rows 1 …
 * layout.firstDataRow) followed by the rows given, in order: grid.values[layout.firstDataRow + i]
 * is sheet row `rows[i]` (1-based). Pass whole plan blocks (layout.planBlock) so continuation
 * rows find their plan. Sheet-wide rules (duplicate IDs) are not checked here.
 */
export function readRows(grid: Grid, layout: Layout, rows: number[], ctx: RowContext = {}): { plans: Plan[]; issues: Issue[]; rows: ProgressRow[] } {
  const settings = ctx.settings ?? readSettings(undefined, ctx.today).settings;
  const items: RowRef[] = rows.map((row, i) => ({ gi: layout.firstDataRow + i, row }));
  const read = readPlanRows(grid, layout, items, settings);
  const issues = validateProgress({
    layout, plans: read.plans, rows: read.rows, departments: ctx.departments ?? [],
    hierarchy: ctx.hierarchy ?? [], settings, scope: 'rows',
  });
  return { plans: read.plans, issues: sortIssues([...issues, ...read.issues]), rows: read.rows };
}

/**
 * What 設定 leaves blank is taken from the figures: without 評価年度, the latest year that has
 * figures (not a year still empty); without 評価時点, 中間 when that year has mid-year figures
 * and no year-end one yet (a committee's autumn table with only 「R7中間」). Says so in
 * settings.inferred.
 */
function inferEvaluationPoint(settings: Settings, plans: Plan[], yearGiven: boolean, kindGiven: boolean): void {
  const notes: string[] = [];
  if (!yearGiven) {
    const latest = latestActualYear(plans, settings.evaluationYear);
    if (latest !== null && latest !== settings.evaluationYear) {
      settings.evaluationYear = latest;
      settings.midAsOf = `${latest}-09-30`;
    }
    if (latest !== null) notes.push(`評価年度は実績のある最新の年度（${warekiLabel(latest)}）`);
  }
  if (!kindGiven) {
    const fy = settings.evaluationYear;
    let mid = 0;
    let yearEnd = 0;
    for (const p of plans) {
      for (const ind of p.indicators) {
        for (const a of ind.actuals) {
          if (a.period.fiscalYear !== fy || a.value.kind === 'empty') continue;
          if (a.period.kind === 'mid') mid++;
          else if (a.period.kind === 'year') yearEnd++;
        }
      }
    }
    if (mid > 0 && yearEnd === 0) {
      settings.evaluationKind = 'mid';
      notes.push(`評価時点は${warekiLabel(fy)}の数値が中間の列にだけあるため「中間」`);
    }
  }
  if (notes.length) settings.inferred = notes;
}

/** One sentence for the 事務局 on what 設定 left blank and was inferred; '' when nothing was. */
export function inferredNote(settings: Settings): string {
  if (!settings.inferred?.length) return '';
  return `「${SHEETS.settings}」シートに指定がないため、${settings.inferred.join('、')}としました。` +
    `違うときは「${SHEETS.settings}」シートの「${SETTING_KEYS.evaluationYear}」「${SETTING_KEYS.evaluationKind}」に入力してください。`;
}

/**
 * 「1-2 安心・安全なまち」「基本目標1：…」「(1) …」 → code and name; a bare code → code only;
 * anything else → name only.
 */
export function splitCodeName(text: string): { code: string; name: string } {
  const original = squash(text);
  const t = squash(norm(text));
  if (!t) return { code: '', name: '' };
  if (looksLikeId(t)) return { code: normalizeCode(t), name: '' };
  const m = /^(基本方針|基本目標|方針|目標)?\s*([(（])?(\d{1,2}(?:[-－‐ー―](?:\d{1,2}|[①-⑳]|\(\d{1,2}\)))*|[①-⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])([)）])?([\s:：.．、]*)(.+)$/.exec(t);
  if (m && (m[1] || (m[2] && m[4]) || m[5])) {
    // The name as typed (full-width brackets kept) when normalising kept the length.
    const name = original.length === t.length ? original.slice(m[0].length - m[6].length).trim() : m[6].trim();
    return { code: normalizeCode(m[3]), name };
  }
  return { code: '', name: original };
}

/** Goal (and 個別施策) of plans whose ID extends a code of the hierarchy, when not typed. */
function attachToHierarchy(plans: Plan[], hierarchy: HierarchyItem[]): void {
  const byLevel = (level: HierarchyItem['level']) =>
    hierarchy.filter((h) => h.level === level && h.code).map((h) => h.code).sort((a, b) => b.length - a.length);
  const goals = byLevel('基本目標');
  const measures = byLevel('個別施策');
  for (const p of plans) {
    if (!p.measureCode) p.measureCode = measures.find((c) => p.id === c || p.id.startsWith(`${c}-`)) ?? '';
    if (!p.goalCode) {
      const from = p.measureCode || p.id;
      p.goalCode = goals.find((c) => from === c || from.startsWith(`${c}-`)) ?? '';
    }
  }
}

/** The latest fiscal year (up to `notAfter`) with a year-end or mid-year figure typed. */
function latestActualYear(plans: Plan[], notAfter: number): number | null {
  let latest: number | null = null;
  for (const p of plans) {
    for (const ind of p.indicators) {
      for (const a of ind.actuals) {
        const fy = a.period.fiscalYear;
        if (a.value.kind !== 'empty' && fy <= notAfter && (latest === null || fy > latest)) latest = fy;
      }
    }
  }
  return latest;
}

export type InputRole = 'hierarchy' | 'departments' | 'members' | 'settings' | 'recommendations';

const ROLE_SHEETS: Record<InputRole, string> = {
  hierarchy: SHEETS.hierarchy, departments: SHEETS.departments, members: SHEETS.members,
  settings: SHEETS.settings, recommendations: SHEETS.recommendations,
};

// Other names people give these sheets (compared after headerKey: no spaces, brackets, width).
const ROLE_NAMES: Record<InputRole, RegExp> = {
  hierarchy: /^(施策|計画|事業)?体系(表|図|一覧)?$|^施策体系|^計画の?体系|^基本目標(一覧|体系)?$|^基本方針(一覧|体系)?$|^施策一覧$|^目標一覧$/,
  departments: /^(担当)?課(一覧|名簿|リスト)?$|^担当課|^(所属|部署|担当部署|所管課)(一覧|名簿|リスト)?$|^課名(一覧)?$/,
  members: /^(委員|委員会)(名簿|一覧|リスト|名)?$|^委員名簿|^名簿$/,
  settings: /^設定|^(基本|集計|評価|初期)設定$|^設定値$|^パラメータ$|^SETTINGS?$/,
  recommendations: /^提言|^委員(の)?(意見|提言)/,
};

/** How well a sheet's first rows look like the given input sheet (0: not at all). */
function roleScore(grid: Grid, role: InputRole): number {
  const rows = grid.values.slice(0, 5).map((r, ri) => r.map((v, c) => headerKey(cellText(v, grid.display?.[ri]?.[c]))));
  const best = (rules: ColumnRules<string>, need: string[]): number => {
    let top = 0;
    for (const row of rows) {
      const hit = new Set<string>();
      for (const k of row) {
        if (!k) continue;
        for (const [key, re] of rules) if (re.test(k)) { hit.add(key); break; }
      }
      if (need.every((n) => hit.has(n))) top = Math.max(top, hit.size);
    }
    return top;
  };
  switch (role) {
    case 'hierarchy': {
      const wide = rows.reduce((m, row) => Math.max(m, row.filter((k) => WIDE_LEVEL.test(k)).length), 0);
      return Math.max(best(HIERARCHY_RULES, ['code', 'name']), wide >= 2 ? wide + 1 : 0);
    }
    case 'departments': {
      const n = best(DEPARTMENT_RULES, ['name']);
      return n >= 2 ? n : 0;
    }
    case 'members': {
      const n = best(MEMBER_RULES, ['name']);
      return n >= 2 ? n : 0;
    }
    case 'recommendations':
      return best(RECOMMENDATION_RULES, ['text']) >= 2 ? 2 : 0;
    case 'settings': {
      const keys = new Set(Object.values(SETTING_KEYS).map((k) => headerKey(k.replace(/（.*$/, ''))));
      let n = 0;
      for (const r of grid.values.slice(0, 40)) {
        if (r.slice(0, 2).some((v) => keys.has(headerKey(cellText(v)).replace(/\(.*$/, '')))) n++;
      }
      return n >= 2 ? n : 0;
    }
  }
}

/**
 * The input sheets, under the template's names or found among the other sheets: by a name
 * people use (体系, 施策体系表, 基本目標一覧, 委員一覧, 課一覧 …), else by what their header rows
 * hold. The progress sheet is found first, by its layout; each sheet serves one role.
 */
export function locateInputs(grids: Record<string, Grid>, progressSheet?: string): {
  progress?: Grid; grids: Partial<Record<InputRole, Grid>>; names: Partial<Record<InputRole | 'progress', string>>;
} {
  const out: Partial<Record<InputRole, Grid>> = {};
  const names: Partial<Record<InputRole | 'progress', string>> = {};
  // The sheet the 事務局 mapped in 列の対応 is the progress sheet.
  const mapped = progressSheet ? grids[progressSheet] : undefined;
  const progress = mapped ? { ...mapped, name: mapped.name || progressSheet! } : findProgressGrid(grids);
  if (progress) names.progress = progress.name;
  const taken = new Set<string>(progress ? [progress.name] : []);
  const known = new Set<string>(Object.values(SHEETS));
  const roles = Object.keys(ROLE_SHEETS) as InputRole[];
  for (const role of roles) {
    const g = grids[ROLE_SHEETS[role]];
    if (g) {
      out[role] = { ...g, name: g.name || ROLE_SHEETS[role] };
      taken.add(ROLE_SHEETS[role]);
    }
  }
  const others = Object.entries(grids).filter(([name]) => !known.has(name) && !taken.has(name));
  // By name first, then by content (the best-scoring sheet for each role still missing).
  for (const role of roles) {
    if (out[role]) continue;
    const hit = others.find(([name]) => !taken.has(name) && ROLE_NAMES[role].test(headerKey(name)));
    if (hit) {
      out[role] = { ...hit[1], name: hit[1].name || hit[0] };
      taken.add(hit[0]);
    }
  }
  for (const role of roles) {
    if (out[role]) continue;
    let best: [string, Grid, number] | null = null;
    for (const [name, g] of others) {
      if (taken.has(name)) continue;
      const score = roleScore(g, role);
      if (score > 0 && (!best || score > best[2])) best = [name, g, score];
    }
    if (best) {
      out[role] = { ...best[1], name: best[1].name || best[0] };
      taken.add(best[0]);
    }
  }
  for (const role of roles) if (out[role]) names[role] = out[role]!.name;
  return { progress, grids: out, names };
}

function findProgressGrid(grids: Record<string, Grid>): Grid | undefined {
  const named = grids[SHEETS.progress];
  if (named) return named;
  const known = new Set<string>(Object.values(SHEETS));
  for (const [name, g] of Object.entries(grids)) {
    if (known.has(name)) continue;
    if (!isLayoutError(detectLayout(g))) return { ...g, name: g.name || name };
  }
  return undefined;
}

function sortIssues(issues: Issue[]): Issue[] {
  return issues
    .map((x, i) => ({ x, i }))
    .sort((p, q) => p.x.row - q.x.row || p.x.col - q.x.col || p.i - q.i)
    .map((p) => p.x);
}

// --- progress rows --------------------------------------------------------------------------

interface RowRef {
  /** 0-based index into grid.values. */
  gi: number;
  /** 1-based sheet row. */
  row: number;
}

interface PlanAcc {
  plan: Plan;
  lead: string | null;
  first: string | null;
  depts: string[];
  /** Row contents already read for this plan (owned columns left out) → sheet row. */
  seen: Map<string, number>;
  /** The number typed in the ID column (the plan's ID unless the column groups several plans). */
  rawId: string;
}

/**
 * When the number column groups several 事業 (施策番号 1-2 over rows naming different 事業, in
 * many places of the sheet), each named row is its own plan: ID 1-2-1, 1-2-2 … in order, the
 * number kept as the 個別施策. A single such group stays a duplicate ID (reported). Returns the
 * plan ID of each row that starts such a plan (by grid index).
 */
function groupedIds(grid: Grid, layout: Layout, items: RowRef[]): Map<number, string> {
  const L = layout.columns;
  const out = new Map<number, string>();
  if (L.id === undefined || L.name === undefined || L.id === L.measure) return out;
  const txt = (gi: number, c: number) => squash(cellText(grid.values[gi]?.[c], grid.display?.[gi]?.[c]));
  const runs: { id: string; names: string[]; starts: number[] }[] = [];
  for (const { gi } of items) {
    const id = normalizeCode(txt(gi, L.id));
    if (!id || !looksLikeId(id)) continue;
    const name = txt(gi, L.name);
    const key = squash(norm(name)).replace(/\s+/g, '');
    let run = runs.at(-1);
    if (!run || run.id !== id) {
      run = { id, names: [], starts: [] };
      runs.push(run);
    }
    if (key && !FOLLOWS_LEAD.test(norm(name)) && !run.names.includes(key)) {
      run.names.push(key);
      run.starts.push(gi);
    }
  }
  const multi = runs.filter((r) => r.names.length >= 2);
  if (multi.length < 3 || multi.length < runs.length * 0.25) return out;
  for (const r of multi) r.starts.forEach((gi, k) => out.set(gi, `${r.id}-${k + 1}`));
  return out;
}

/** A related department's row that defers to the lead's (「主担当課に準ずる」, 「同上」, 「〃」). */
const FOLLOWS_LEAD = /主担当(課)?に準(ずる|じる)|主担当課と同じ|^同上$|^[〃″]$/;

/** Two names of the same plan: equal once spaces and width are normalised, or 同上 / 〃. */
function sameName(a: string, b: string): boolean {
  return squash(norm(a)).replace(/\s+/g, '') === squash(norm(b)).replace(/\s+/g, '') || FOLLOWS_LEAD.test(norm(a));
}

/** Cells of a column of words that say nothing: a dash, or a related department deferring to the lead. */
const NO_TEXT = /^[-—–―ー－‐・]+$|^(特に)?なし$|^該当なし$/;

/**
 * The plan's columns of words (layout.texts), this row's cell added to each. Rows of the same
 * plan (one per department, or continuation rows) add their text on a line of its own; a cell
 * repeating one already read, a dash or 「主担当課に準ずる」 adds nothing.
 */
function readTexts(plan: Plan, layout: Layout, cell: (c: number) => string): void {
  for (const t of layout.texts ?? []) {
    // Line breaks typed in the cell are kept (long texts in paragraphs); spaces within a line squashed.
    const text = cell(t.col).split(/\r?\n/).map(squash).filter(Boolean).join('\n');
    if (!text || NO_TEXT.test(norm(text)) || FOLLOWS_LEAD.test(norm(text))) continue;
    const texts = (plan.texts ??= []);
    const at = texts.find((x) => x.field === t.field && x.header === t.header && x.fiscalYear === t.fiscalYear);
    if (!at) texts.push({ field: t.field, header: t.header, text, ...(t.fiscalYear !== undefined ? { fiscalYear: t.fiscalYear } : {}) });
    else if (!at.text.includes(text)) at.text = `${at.text}\n${text}`;
  }
}

const LEAD_MARK = /^[○◯〇◎●✓✔]$/;
const CUMULATIVE = /合計|累計|累積|通算|延べ|期間中|期間内/;

function readPlanRows(grid: Grid, layout: Layout, items: RowRef[], settings: Settings) {
  const L = layout.columns;
  const sheet = grid.name || layout.sheet;
  const plans: Plan[] = [];
  const rows: ProgressRow[] = [];
  const sections: { code: string; title: string }[] = [];
  const counters = new Map<string, number>();
  let acc: PlanAcc | null = null;
  let section = '';
  let relisted = false;
  const sectionCodes = new Set<string>();
  const extra: Issue[] = [];
  const grouped = groupedIds(grid, layout, items);
  if (grouped.size && L.id !== undefined) {
    layout.notes.push(`${columnLetters(L.id + 1)}列「${layout.headers[L.id] ?? ''}」の番号は、名前の違う複数の事業の行に付いているため、事業ごとに枝番を付けたID（例: ${[...grouped.values()][0]}）で読みました。`);
  }
  // The leftmost column read, and the value columns (a title row has text only left of them).
  const firstCol = Math.min(...Object.entries(L).filter(([f]) => f !== 'check' && f !== 'mergedInto').map(([, c]) => c as number), Infinity);
  const valueColSet = new Set<number>([L.baseline, L.target, L.actual, L.mid, ...layout.periods.map((p) => p.col)].filter((c): c is number => c !== undefined));
  // A 施策 cell merged over its 取組 rows is read on the first of them only.
  let lastMeasure = '';
  const levelItems: HierarchyItem[] = [];
  const autoCodes = new Map<string, string>();

  // The cell above the IDs in the header may hold the first section's title (seed 004).
  if (L.id !== undefined) {
    const t = norm(cellText(grid.values[layout.headerRow]?.[L.id], grid.display?.[layout.headerRow]?.[L.id]));
    if (t && !classifyHeader(t).field) section = t;
  }

  const finish = () => {
    if (!acc) return;
    const { plan } = acc;
    plan.mainDept = acc.lead ?? acc.first ?? '';
    plan.relatedDepts = unique([...acc.depts, ...plan.relatedDepts]).filter((d) => d !== plan.mainDept);
    for (const ind of plan.indicators) if (!ind.department) ind.department = plan.mainDept;
    acc = null;
  };

  for (const { gi, row } of items) {
    const values = grid.values[gi] ?? [];
    const display = grid.display?.[gi];
    const raw = (c: number | undefined): CellValue => (c === undefined ? '' : values[c] ?? '');
    const txt = (c: number | undefined): string => (c === undefined ? '' : squash(cellText(values[c], display?.[c])));
    // A goal or policy cell may hold its code, its name or both (「1-2 安心・安全なまち」);
    // a name column beside it names it too. Names are kept for the hierarchy when the
    // workbook has no 施策体系 sheet; a name without a code gets a number in order of appearance.
    const levelCode = (level: '基本方針' | '基本目標', codeCol: number | undefined, nameCol: number | undefined, parent: string): string => {
      const split = splitCodeName(txt(codeCol));
      const name = txt(nameCol) || split.name;
      let code = split.code;
      if (!code && name) {
        const key = `${level}\u0001${norm(name)}`;
        code = autoCodes.get(key) ?? '';
        if (!code) {
          const used = new Set(levelItems.filter((x) => x.level === level).map((x) => x.code));
          const prefix = level === '基本目標' && parent ? `${parent}-` : '';
          let n = levelItems.filter((x) => x.level === level && x.parentCode === (prefix ? parent : '')).length + 1;
          while (used.has(`${prefix}${n}`)) n++;
          code = `${prefix}${n}`;
          autoCodes.set(key, code);
        }
      }
      if (code && !levelItems.some((x) => x.level === level && x.code === code)) {
        levelItems.push({ level, code, name, text: '', parentCode: level === '基本目標' ? parent : '' });
      } else if (code && name) {
        const item = levelItems.find((x) => x.level === level && x.code === code);
        if (item && !item.name) item.name = name;
      }
      return code;
    };
    const width = Math.max(values.length, display?.length ?? 0);
    const texts: string[] = [];
    for (let c = 0; c < width; c++) texts.push(norm(cellText(values[c], display?.[c])));
    const filled = texts.map((t, c) => (t ? c : -1)).filter((c) => c >= 0);
    if (filled.length === 0) continue;

    // Repeated header blocks and section titles (documents laid out per goal, like seed 004).
    // A row with a code in the ID column is data; only other rows can be a repeated header.
    const idText = L.id !== undefined ? texts[L.id] ?? '' : '';
    if (!(idText && looksLikeId(idText)) && isHeaderLikeRow(texts)) {
      const t = L.id !== undefined ? texts[L.id] : '';
      if (t && !classifyHeader(t).field && !classifyHeader(t).period && !looksLikeId(t)) section = t;
      finish();
      continue;
    }
    // A title alone in the first column (or left of the IDs): the block's goal (seed 002, 004).
    if (filled.length === 1 && filled[0] <= (L.id ?? firstCol) && !looksLikeId(texts[filled[0]]) && !valueColSet.has(filled[0])) {
      section = squash(cellText(values[filled[0]], display?.[filled[0]]));
      lastMeasure = '';
      finish();
      continue;
    }

    const idValue = raw(L.id);
    const idIsDate = idValue instanceof Date;
    // Sheets turned "1-2" into 2 January: the month and day are what was typed.
    const id = idIsDate ? `${(idValue as Date).getMonth() + 1}-${(idValue as Date).getDate()}` : normalizeCode(txt(L.id));
    const name = txt(L.name);
    const indicatorName = txt(L.indicator);
    const valueCols = [L.baseline, L.target, L.unit, ...layout.periods.map((p) => p.col), L.actual, L.mid];
    const hasValues = valueCols.some((c) => c !== undefined && texts[c] !== '');

    const record: ProgressRow = {
      row, planId: '', startsPlan: false, id: idIsDate ? formatDate(idValue as Date) : id, idIsDate,
      name, policy: txt(L.policy), goal: txt(L.goal), measure: txt(L.measure), measureClass: txt(L.measureClass),
      mainDept: txt(L.mainDept), relatedDepts: txt(L.relatedDepts), leadMark: txt(L.leadMark),
      indicator: indicatorName, unit: txt(L.unit), direction: txt(L.direction), accumulation: txt(L.accumulation),
      baselineYear: txt(L.baselineYear), targetYear: txt(L.targetYear), status: txt(L.status),
      comment: txt(L.comment), mergedInto: txt(L.mergedInto), orphan: false,
    };

    let startsPlan = false;
    if (id) {
      // The same ID on the next row is the same plan (one row per department or indicator)
      // unless the row names another plan: then it is a second plan with a duplicate ID,
      // reported by the duplicate-ID rule instead of vanishing into the first (11.3).
      startsPlan = !acc || acc.rawId !== id || (name !== '' && acc.plan.name !== '' && !sameName(name, acc.plan.name));
    } else if (name && (!acc || norm(name) !== norm(acc.plan.name))) {
      startsPlan = true;
    } else if (!acc) {
      // Continuation rows of a 再掲 row are part of that listing too.
      record.orphan = !relisted && (indicatorName !== '' || hasValues);
      rows.push(record);
      continue;
    }
    relisted = false;

    // 【再掲】: a plan listed again under another goal, with its ID. Its figures are the
    // original's, so the row is not read a second time (and is not a duplicate ID).
    if (startsPlan && id && /再掲/.test(name) && plans.some((p) => p.id === id)) {
      finish();
      relisted = true;
      record.planId = id;
      rows.push(record);
      continue;
    }

    if (startsPlan) {
      finish();
      const planId = grouped.get(gi) ?? (id || `行${row}`);
      let policyCode = levelCode('基本方針', L.policy, L.policyName, '');
      let goalCode = levelCode('基本目標', L.goal, L.goalName, policyCode);
      // A blank 基本方針 cell (merged in the printed table) is the goal's policy.
      if (!policyCode && goalCode) policyCode = levelItems.find((x) => x.level === '基本目標' && x.code === goalCode)?.parentCode ?? '';
      if (L.goal === undefined && section) {
        // The goal of a block is its title: the code in the title (「１－①：暮らしを変える」),
        // else the plan ID's prefix (seed 004: 2-3 under the second block), else the block's order.
        const titled = splitCodeName(section);
        const m = /^(.+)-[^-]+$/.exec(planId);
        goalCode = titled.code || (m ? m[1] : '');
        const title = titled.code ? titled.name || section : section;
        if (!goalCode) goalCode = sections.find((x) => x.title === title)?.code ?? String(sections.length + 1);
        if (!sectionCodes.has(goalCode)) {
          sectionCodes.add(goalCode);
          sections.push({ code: goalCode, title });
        }
      }
      // A 施策 column of 「（１）子育て」: its code, within the block's goal when relative; blank
      // cells (merged over several 取組) carry the one above.
      let measureCode = '';
      if (L.measure !== undefined) {
        const typed = txt(L.measure);
        if (typed) {
          const split = splitCodeName(typed);
          measureCode = split.code && !split.code.includes('-') && goalCode && L.id !== L.measure ? `${goalCode}-(${split.code.replace(/[()]/g, '')})` : split.code || normalizeCode(typed);
          lastMeasure = measureCode;
        } else measureCode = L.id === undefined ? lastMeasure : '';
      }
      const plan: Plan = {
        id: planId, name, policyCode, goalCode, measureCode,
        measureClass: txt(L.measureClass), mainDept: '', relatedDepts: [], status: parsePlanStatus(txt(L.status)) || '',
        mergedInto: normalizeCode(txt(L.mergedInto)), comment: '', indicators: [], row, sheet,
      };
      plans.push(plan);
      if (grouped.has(gi) && !plan.measureCode) plan.measureCode = id;
      acc = { plan, lead: null, first: null, depts: [], seen: new Map(), rawId: id };
    }
    const cur = acc!;
    const plan = cur.plan;
    record.planId = plan.id;
    record.startsPlan = startsPlan;
    rows.push(record);

    // Plan fields may be filled on any of its rows; the first value wins.
    if (!plan.name && name) plan.name = name;
    if (!plan.policyCode && txt(L.policy)) plan.policyCode = levelCode('基本方針', L.policy, L.policyName, '');
    if (!plan.goalCode && txt(L.goal)) plan.goalCode = levelCode('基本目標', L.goal, L.goalName, plan.policyCode);
    if (!plan.measureCode && txt(L.measure)) plan.measureCode = normalizeCode(txt(L.measure));
    if (!plan.measureClass && txt(L.measureClass)) plan.measureClass = txt(L.measureClass);
    if (!plan.status) plan.status = parsePlanStatus(txt(L.status)) || '';
    if (!plan.mergedInto && txt(L.mergedInto)) plan.mergedInto = normalizeCode(txt(L.mergedInto));
    const comment = txt(L.comment);
    if (comment) plan.comment = plan.comment ? `${plan.comment}\n${comment}` : comment;
    readTexts(plan, layout, (c) => cellText(values[c], display?.[c]));
    readSelfAssessments(plan, layout, settings, row, txt, L.leadMark !== undefined && LEAD_MARK.test(norm(txt(L.leadMark))));

    const depts = splitDepartments(txt(L.mainDept)).map(norm);
    if (depts.length) {
      if (L.leadMark !== undefined && LEAD_MARK.test(norm(txt(L.leadMark))) && !cur.lead) cur.lead = depts[0];
      if (!cur.first) cur.first = depts[0];
      cur.depts.push(...depts);
    }
    plan.relatedDepts.push(...splitDepartments(txt(L.relatedDepts)).map(norm));

    // The indicator of this row.
    if (!indicatorName && !hasValues) continue;
    // A row copied twice (same plan, same department, same indicator, same figures) would count
    // its indicator twice: read it once and name the copy in 検証結果.
    const signature = texts.map((t, c) => (c === L.check || c === L.mergedInto ? '' : t)).join('\u0001');
    const copyOf = cur.seen.get(signature);
    if (copyOf !== undefined) {
      extra.push(makeIssue('エラー', sheet, row, (L.id ?? 0) + 1,
        `「${sheet}」シートの${row}行目は${copyOf}行目と同じ内容です（プラン「${clip(plan.name || plan.id, 30)}」）。` +
        '重複した行なら削除してください。別の指標や年度なら、その内容に書き直してください（この行は集計に使っていません）。', plan.id));
      continue;
    }
    cur.seen.set(signature, row);
    const noIndicator = (() => {
      const p = indicatorName ? parseText(indicatorName) : null;
      if (!p || p.kind !== 'state' || p.state !== '指標なし') return false;
      return valueCols.every((c) => c === undefined || texts[c] === '' || parseText(texts[c]).kind === 'empty');
    })();
    if (noIndicator) continue;
    // A related department's row whose indicator and figures defer to the lead's row
    // (「主担当課に準ずる」) adds the department, not an indicator.
    const own = [L.indicator, ...valueCols].filter((c): c is number => c !== undefined && texts[c] !== '' && !/^[-—–―ー－‐]+$/.test(texts[c]));
    if (own.length && own.every((c) => FOLLOWS_LEAD.test(texts[c]))) continue;

    const n = (counters.get(plan.id) ?? 0) + 1;
    counters.set(plan.id, n);
    plan.indicators.push(buildIndicator({
      issues: extra, grid, layout, settings, row, gi, planId: plan.id, n, name: indicatorName, dept: depts[0] ?? '', sheet,
    }));
  }
  finish();
  return { plans, rows, sections, levels: levelItems, issues: extra };
}

/**
 * 自己評価 columns (per year, or one for the evaluation year): kept as typed on the plan; the
 * first row's value wins, except that the 主担当 (○) row's value replaces a related department's.
 */
function readSelfAssessments(plan: Plan, layout: Layout, settings: Settings, row: number, txt: (c: number | undefined) => string, lead: boolean): void {
  const cols: { col: number; period: Period; current?: boolean }[] = (layout.selfPeriods ?? []).map((p) => ({ col: p.col, period: p.period }));
  const single = layout.columns.selfAssessment;
  // Without a year in its header the column is the evaluation period's (whatever 集計 settles on).
  if (single !== undefined) cols.push({ col: single, period: { fiscalYear: settings.evaluationYear, kind: settings.evaluationKind }, current: true });
  for (const { col, period, current } of cols) {
    const text = txt(col);
    if (!text) continue;
    const list = (plan.selfAssessments ??= []);
    const at = list.findIndex((x) => x.period.fiscalYear === period.fiscalYear && x.period.kind === period.kind && !!x.current === !!current);
    const item = current ? { period, text, cell: a1(row, col + 1), current } : { period, text, cell: a1(row, col + 1) };
    if (at < 0) list.push(item);
    else if (lead) list[at] = item;
  }
}

interface IndicatorInput {
  /** Where warnings about the cells read go. */
  issues: Issue[];
  grid: Grid;
  layout: Layout;
  settings: Settings;
  row: number;
  gi: number;
  planId: string;
  n: number;
  name: string;
  dept: string;
  sheet: string;
}

function buildIndicator(x: IndicatorInput): Indicator {
  const { grid, layout, settings, row, gi } = x;
  const L = layout.columns;
  const values = grid.values[gi] ?? [];
  const display = grid.display?.[gi];
  const txt = (c: number | undefined) => (c === undefined ? '' : squash(cellText(values[c], display?.[c])));
  const cell = (c: number | undefined, unit?: string): Parsed =>
    c === undefined ? { kind: 'empty', text: '' } : parseCell(values[c] ?? '', display?.[c], unit ? { unit } : undefined);

  const typedUnit = normalizeUnit(txt(L.unit));
  const target = targetInText(cell(L.target, typedUnit), typedUnit);
  const hintUnit = typedUnit || (target.kind === 'number' ? target.unit : '');
  const baseline = cell(L.baseline, hintUnit);

  const actuals: Actual[] = layout.periods.map((pc) => ({
    period: pc.period,
    value: cell(pc.col, hintUnit),
    sheet: x.sheet,
    cell: a1(row, pc.col + 1),
  }));
  // Single 実績 / 中間 columns without a year belong to the evaluation year.
  for (const [field, kind] of [['actual', 'year'], ['mid', 'mid']] as const) {
    const c = L[field as FieldKey];
    if (c === undefined) continue;
    if (actuals.some((a) => a.period.fiscalYear === settings.evaluationYear && a.period.kind === kind)) continue;
    const value = c === layout.statusColumn ? asStatus(cell(c, hintUnit)) : cell(c, hintUnit);
    actuals.push({ period: { fiscalYear: settings.evaluationYear, kind }, value, sheet: x.sheet, cell: a1(row, c + 1) });
  }

  const unit = typedUnit || firstUnit([target, baseline, ...actuals.map((a) => a.value)]);
  const targetText = target.kind === 'number' ? `${target.text} ${target.note ?? ''}` : target.text;
  const cumulative = CUMULATIVE.test(norm(x.name)) || CUMULATIVE.test(norm(targetText));

  const typedDirection = parseDirectionLabel(txt(L.direction));
  const direction = typedDirection ?? inferDirection(x.name, unit, baseline, target);
  const typedAcc = parseAccumulationLabel(txt(L.accumulation));
  const kindGuess = inferKind(x.name, unit, cumulative);
  const accumulates = typedAcc ?? kindGuess.accumulates;

  const baseYear = L.baselineYear !== undefined ? parseFiscalYear(yearCell(values[L.baselineYear], display?.[L.baselineYear])) : null;
  const targetYear = L.targetYear !== undefined ? parseFiscalYear(yearCell(values[L.targetYear], display?.[L.targetYear])) : null;

  const ind: Indicator = {
    key: `${x.planId}#${x.n}`,
    planId: x.planId,
    name: x.name,
    unit,
    direction,
    accumulates,
    department: x.dept,
    baseline: { value: baseline },
    target: { value: target, cumulative },
    actuals,
    row,
    sheet: x.sheet,
  };
  const by = baseYear ?? layout.baselineYear;
  const ty = targetYear ?? layout.targetYear;
  if (by !== undefined && by !== null) ind.baseline.fiscalYear = by;
  if (ty !== undefined && ty !== null) ind.target.fiscalYear = ty;
  // Each year's own target; the final target is the latest year's (layout.ts).
  const yearTargets = layout.targetPeriods
    .map((tp) => ({ fiscalYear: tp.period.fiscalYear, value: targetInText(cell(tp.col, hintUnit), hintUnit), cell: a1(row, tp.col + 1) }))
    .filter((t) => t.value.kind !== 'empty');
  // A year's target read out of its 内容及び目標 sentence is said, as every figure read from words
  // is (the final target's is said by validate.ts).
  for (const t of yearTargets) {
    if (t.value.kind !== 'number' || !t.value.read || t.cell === (L.target !== undefined ? a1(row, L.target + 1) : '')) continue;
    const fig = `${t.value.value.toLocaleString('en-US')}${t.value.unit}`;
    const col = layout.targetPeriods.find((tp) => a1(row, tp.col + 1) === t.cell)!.col;
    x.issues.push(makeIssue('警告', x.sheet, row, col + 1,
      `「${x.sheet}」シートの${t.cell}: 『${clip(t.value.read.quote, 40)}』から ${fig} を${warekiLabel(t.fiscalYear)}の目標値として読みました。` +
      `違う場合は、このセルに数字と単位だけ（例: ${fig}）を入力してください。`, x.planId));
  }
  // A target written beside the year's result (「登録者数 9,813人（目標 10,000人）」) is that
  // year's own target when no column gives one.
  for (const a of actuals) {
    const t = a.value.kind === 'number' ? a.value.read?.target : undefined;
    if (!t || yearTargets.some((y) => y.fiscalYear === a.period.fiscalYear)) continue;
    yearTargets.push({ fiscalYear: a.period.fiscalYear, value: { kind: 'number', value: t.value, unit: t.unit, text: t.quote, read: { quote: t.quote, how: 'label' } }, cell: a.cell });
  }
  if (yearTargets.length) {
    ind.yearTargets = yearTargets;
    // No final target on the row: the latest year's own target stands for it.
    if (target.kind === 'empty') {
      const last = yearTargets.reduce((a, b) => (b.fiscalYear >= a.fiscalYear ? b : a));
      ind.target = { value: last.value, fiscalYear: last.fiscalYear, cumulative, cell: last.cell };
    }
  }
  if (L.baseline !== undefined) ind.baseline.cell = a1(row, L.baseline + 1);
  if (L.target !== undefined) ind.target.cell = a1(row, L.target + 1);
  if (typedDirection === null) ind.directionInferred = true;
  if (typedAcc === null) {
    ind.accumulatesInferred = true;
    ind.accumulatesCue = kindGuess.cue;
  }
  if (direction === 'range') {
    const r = parseRange(target.text);
    if (r) ind.range = { min: r.min, max: r.max };
  }
  return ind;
}

// A target written inside the year's plan: 「…を広げる。【目標】120手続」「登録を呼びかける。目標 8,000人」.
const TARGET_FIGURE = /(【\s*(?:目標値?|計画値?)\s*】\s*|(?:目標値?|計画値?)\s*[:：]?\s*)([▲△-]?\d[\d,]*(?:\.\d+)?\s*[^\s\d、。,()（）【】]{0,6})/;

/** A target cell that is a sentence with a labelled target in it → that figure (with the words read). */
function targetInText(p: Parsed, hintUnit: string): Parsed {
  if (p.kind !== 'invalid' && !(p.kind === 'state' && p.read) && !(p.kind === 'number' && p.read && !p.read.target)) return p;
  const m = TARGET_FIGURE.exec(nfkc(p.text));
  if (!m) return p;
  const fig = parseText(m[2].trim(), hintUnit ? { unit: hintUnit } : undefined);
  if (fig.kind !== 'number') return p;
  return { kind: 'number', value: fig.value, unit: fig.unit, text: p.text, read: { quote: m[0].trim(), how: 'label' } };
}

/**
 * A cell of a table kept in words (Layout.statusColumn): a mark there says how far the 取組 got,
 * not a yes/no target — 〇 done, × not started; 「※終了」 finished. Said with the words read.
 */
function asStatus(p: Parsed): Parsed {
  if (p.kind === 'milestone') {
    return { kind: 'state', state: p.done ? '実施済' : '未実施', text: p.text, read: { cues: [p.text], decisive: p.text } };
  }
  if (p.kind === 'invalid') {
    const m = /終了|完了|済み?$/.exec(norm(p.text));
    if (m && p.text.length <= 12) return { kind: 'state', state: '実施済', text: p.text, read: { cues: [m[0]], decisive: m[0] } };
  }
  return p;
}

function yearCell(v: CellValue | undefined, display: string | undefined): CellValue | null {
  if (v instanceof Date || typeof v === 'number') return v;
  const t = cellText(v, display);
  return t === '' ? null : t;
}

function firstUnit(ps: Parsed[]): string {
  for (const p of ps) if (p.kind === 'number' && p.unit) return normalizeUnit(p.unit);
  return '';
}

// Uses of a service: more is better even when a target was set below the baseline (seed 004,
// 7-2 ウェブサイト閲覧数 135,392件 → 目標 100,000件). Rating such an indicator as "lower is better"
// would turn a tenfold rise into a regression; as "higher is better" it is shown as not
// assessable, asking for the 方向 to be typed.
const UP_NAME = /閲覧|アクセス|利用|登録|ダウンロード|参加|受講|申請|申込|予約|入込|訪問|フォロワー|友だち|加入|普及/;

const DOWN_NAME = /事故|事件|漏えい|漏洩|インシデント|システム障害|障害件数|障害発生|苦情|待ち時間|待ち人数|作業時間|時間数|残業|超過勤務|誤り|ミス|不正アクセス|被害|犯罪|滞納|未収|故障|停止時間|排出量|廃棄量|紙の使用量|印刷枚数|コピー枚数/;

/**
 * Direction when 方向 is blank: ○/× targets are milestones; incidents, accidents, leaks and
 * hours of manual work are lower-is-better; so is a numeric target below its baseline;
 * everything else is higher-is-better.
 */
export function inferDirection(name: string, unit: string, baseline: Parsed, target: Parsed): Direction {
  if (target.kind === 'milestone') return 'milestone';
  const n = norm(name);
  if (DOWN_NAME.test(n)) return 'down';
  if (UP_NAME.test(n)) return 'up';
  if (baseline.kind === 'number' && target.kind === 'number' && target.value < baseline.value &&
    unitsCompatible(baseline.unit || unit, target.unit || unit)) return 'down';
  return 'up';
}

// 中間の見方 when blank: src/core/kind.ts (rule, cue shown in 集計結果, measured by npm run eval:kind).
export { inferAccumulates } from './kind';

function unique(xs: string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}

// --- the smaller sheets ---------------------------------------------------------------------

type ColumnRules<K extends string> = ReadonlyArray<[K, RegExp]>;

/**
 * Header row (first 5 rows) and columns of a simple sheet. `order` is the template's column
 * order, used when no header row is found (data from A1).
 */
function mapSimple<K extends string>(grid: Grid, rules: ColumnRules<K>, order: readonly K[]): { start: number; cols: Partial<Record<K, number>> } {
  for (let r = 0; r < Math.min(5, grid.values.length); r++) {
    const cols: Partial<Record<K, number>> = {};
    const row = grid.values[r] ?? [];
    let filled = 0;
    row.forEach((v, c) => {
      const k = headerKey(cellText(v, grid.display?.[r]?.[c]));
      if (!k) return;
      filled++;
      for (const [key, re] of rules) {
        if (cols[key] === undefined && re.test(k)) {
          cols[key] = c;
          break;
        }
      }
    });
    const found = Object.keys(cols).length;
    if (found >= 2 || (found === 1 && filled === 1)) return { start: r + 1, cols };
  }
  const cols: Partial<Record<K, number>> = {};
  order.forEach((key, i) => (cols[key] = i));
  return { start: 0, cols };
}

function reader(grid: Grid, r: number) {
  return (c: number | undefined) => (c === undefined ? '' : squash(cellText(grid.values[r]?.[c], grid.display?.[r]?.[c])));
}

const HIERARCHY_RULES: ColumnRules<'level' | 'code' | 'name' | 'text' | 'parentCode'> = [
  ['parentCode', /上位/],
  ['level', /^(区分|階層|種別|レベル)$/],
  ['code', /コード|番号|^NO$|^ID$/],
  ['name', /名称|名前|目標名|施策名|方針名|^基本目標$|^基本方針$|^個別施策$|^目標$/],
  ['text', /説明|内容|概要/],
];

/** Column headers of a hierarchy laid out one column per level (基本方針 | 基本目標 | 個別施策). */
const WIDE_LEVEL = /^(基本方針|基本目標|個別施策|方針|目標|施策)(名|名称)?$/;

function wideLevelOf(key: string): HierarchyItem['level'] | null {
  if (!WIDE_LEVEL.test(key)) return null;
  if (/方針/.test(key)) return '基本方針';
  if (/目標/.test(key)) return '基本目標';
  return '個別施策';
}

/**
 * A hierarchy laid out one column per level, a row per 個別施策 (or goal), each cell 「1-2 名前」
 * or a name; blank cells (merged in the printed table) repeat the one above.
 */
function readWideHierarchy(grid: Grid): HierarchyItem[] | null {
  for (let r = 0; r < Math.min(5, grid.values.length); r++) {
    const levels: [number, HierarchyItem['level']][] = [];
    (grid.values[r] ?? []).forEach((v, c) => {
      const l = wideLevelOf(headerKey(cellText(v, grid.display?.[r]?.[c])));
      if (l && !levels.some(([, x]) => x === l)) levels.push([c, l]);
    });
    if (levels.length < 2) continue;
    const items: HierarchyItem[] = [];
    const current = new Map<HierarchyItem['level'], string>();
    for (let i = r + 1; i < grid.values.length; i++) {
      const get = reader(grid, i);
      let parent = '';
      for (const [c, level] of levels) {
        const text = get(c);
        let code = current.get(level) ?? '';
        if (text) {
          const split = splitCodeName(text);
          code = split.code;
          if (!code) {
            const siblings = items.filter((x) => x.level === level && x.parentCode === parent);
            const same = siblings.find((x) => norm(x.name) === norm(split.name));
            code = same ? same.code : parent ? `${parent}-${siblings.length + 1}` : String(siblings.length + 1);
          }
          if (!items.some((x) => x.level === level && x.code === code)) {
            items.push({ level, code, name: split.name, text: '', parentCode: parent });
          }
          current.set(level, code);
          // A new upper level starts fresh lower levels.
          for (const [, lower] of levels.slice(levels.findIndex(([, x]) => x === level) + 1)) current.delete(lower);
        }
        if (code) parent = code;
      }
    }
    return items;
  }
  return null;
}

/** 施策体系: 区分 / コード / 名称 / 説明 / 上位コード; 区分 and 上位コード inferred from the code when blank. */
export function readHierarchy(grid?: Grid): { items: HierarchyItem[]; issues: Issue[] } {
  const items: HierarchyItem[] = [];
  const issues: Issue[] = [];
  if (!grid || !grid.values.length) return { items, issues };
  const sheet = grid.name || SHEETS.hierarchy;
  const wide = readWideHierarchy(grid);
  if (wide) return { items: wide, issues };
  const { start, cols } = mapSimple(grid, HIERARCHY_RULES, ['level', 'code', 'name', 'text', 'parentCode']);
  const labels = { level: '区分', code: 'コード', name: '名称', text: '説明', parentCode: '上位コード' };
  // A list of goals only (基本目標一覧, or a 基本目標 name column): codes like 1-1 are goals too.
  const nameHeader = start > 0 && cols.name !== undefined ? headerKey(cellText(grid.values[start - 1]?.[cols.name])) : '';
  const goalsOnly = /基本目標|^目標/.test(nameHeader) || /基本目標|目標一覧/.test(headerKey(sheet));
  for (let r = start; r < grid.values.length; r++) {
    const get = reader(grid, r);
    const rawCode = get(cols.code);
    if (!rawCode && !get(cols.name) && !get(cols.level)) continue;
    const code = normalizeCode(rawCode.replace(/^(基本方針|基本目標|個別施策)/, ''));
    const depth = code ? code.split('-').length : 0;
    const typedLevel = norm(get(cols.level));
    const level = typedLevel || (goalsOnly && depth ? '基本目標' : depth ? HIERARCHY_LEVELS[Math.min(depth, 3) - 1] : '');
    const parentCode = normalizeCode(get(cols.parentCode)) || (depth > 1 ? code.replace(/-[^-]+$/, '') : '');
    const row = { level, code, name: get(cols.name), text: get(cols.text), parentCode };
    const res = HierarchyRowSchema.safeParse(row);
    if (!res.success) {
      issues.push(...zodRowIssues(res.error, sheet, r + 1, row, (k) => cols[k as keyof typeof cols], labels));
      continue;
    }
    items.push(res.data);
  }
  return { items, issues };
}

const DEPARTMENT_RULES: ColumnRules<'name' | 'division' | 'email'> = [
  ['email', /メール|MAIL/],
  ['division', /部局|^部$|部名/],
  ['name', /担当課|課名|^名称$|^課$|所属|部署/],
];

/** Separators between several addresses typed in one メール cell. */
const ADDRESS_SEPARATORS = /[,，、;；\s]+/;

/**
 * 担当課: 担当課 / 部局 / メール. The メール cell may hold several addresses; each is validated like
 * 委員名簿's (a malformed one is reported with its cell and left out, the others kept). A department
 * listed on several rows gathers the addresses of all its rows.
 */
export function readDepartments(grid?: Grid): { items: Department[]; issues: Issue[] } {
  const items: Department[] = [];
  const issues: Issue[] = [];
  if (!grid || !grid.values.length) return { items, issues };
  const sheet = grid.name || SHEETS.departments;
  const { start, cols } = mapSimple(grid, DEPARTMENT_RULES, ['name', 'division', 'email']);
  const byName = new Map<string, Department>();
  for (let r = start; r < grid.values.length; r++) {
    const get = reader(grid, r);
    const name = norm(get(cols.name));
    if (!name) continue;
    const emails: string[] = [];
    for (const part of norm(get(cols.email)).split(ADDRESS_SEPARATORS).filter(Boolean)) {
      const row = { name, division: get(cols.division), email: part };
      const res = DepartmentRowSchema.safeParse(row);
      if (!res.success) {
        issues.push(...zodRowIssues(res.error, sheet, r + 1, row, (k) => cols[k as keyof typeof cols], { email: 'メール' }, undefined, () => '警告'));
        continue;
      }
      emails.push(part);
    }
    const known = byName.get(name);
    if (known) {
      for (const e of emails) if (!known.emails.some((x) => x.toLowerCase() === e.toLowerCase())) known.emails.push(e);
      known.email = known.emails[0] ?? '';
      continue;
    }
    const dept: Department = { name, division: get(cols.division), email: emails[0] ?? '', emails: dedupe(emails), row: r + 1 };
    byName.set(name, dept);
    items.push(dept);
  }
  return { items, issues };
}

function dedupe(emails: string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => !seen.has(e.toLowerCase()) && (seen.add(e.toLowerCase()), true));
}

const MEMBER_RULES: ColumnRules<'name' | 'title' | 'email' | 'share' | 'role'> = [
  ['email', /メール|MAIL/],
  ['share', /共有/],
  ['role', /権限/],
  ['name', /氏名|名前|委員名/],
  ['title', /役職|肩書|区分/],
];

/** 委員名簿: 氏名 / 役職 / メール / 共有の要否 / 権限. */
export function readMembers(grid?: Grid): { items: Member[]; issues: Issue[] } {
  const items: Member[] = [];
  const issues: Issue[] = [];
  if (!grid || !grid.values.length) return { items, issues };
  const sheet = grid.name || SHEETS.members;
  const { start, cols } = mapSimple(grid, MEMBER_RULES, ['name', 'title', 'email', 'share', 'role']);
  const labels = { name: '氏名', email: 'メール', share: '共有の要否', role: '権限' };
  for (let r = start; r < grid.values.length; r++) {
    const get = reader(grid, r);
    const name = get(cols.name);
    const email = norm(get(cols.email));
    if (!name && !email) continue;
    const shareRaw = cols.share === undefined ? undefined : grid.values[r]?.[cols.share];
    const shareText = typeof shareRaw === 'boolean' ? (shareRaw ? '要' : '不要') : get(cols.share);
    const share = parseShareLabel(shareText);
    const role = parseRoleLabel(get(cols.role));
    const row = { name, title: get(cols.title), email, share: share ?? false, role: role ?? UNKNOWN_ROLE };
    if (share === null) {
      issues.push(makeIssue('警告', sheet, r + 1, (cols.share ?? 0) + 1,
        `「${sheet}」シートの${a1(r + 1, (cols.share ?? 0) + 1)}の共有の要否「${shareText}」が分かりません。「要」か「不要」を選んでください（今は共有しません）。`));
    }
    if (role === null) {
      issues.push(makeIssue('警告', sheet, r + 1, (cols.role ?? 0) + 1,
        `「${sheet}」シートの${a1(r + 1, (cols.role ?? 0) + 1)}の権限「${get(cols.role)}」が分かりません。「閲覧者」「コメント可」「編集者」から選んでください（今は最も狭い「${MEMBER_ROLE_LABELS[UNKNOWN_ROLE]}」として扱います）。`));
    }
    const res = MemberRowSchema.safeParse(row);
    if (!res.success) {
      issues.push(...zodRowIssues(res.error, sheet, r + 1, row, (k) => cols[k as keyof typeof cols], labels));
      // The address stays as typed: sharing reports it as failed, with the reason, per member.
      if (!name) continue;
    }
    if (row.share && !row.email) {
      issues.push(makeIssue('エラー', sheet, r + 1, (cols.email ?? 0) + 1,
        `「${sheet}」シートの${a1(r + 1, (cols.email ?? 0) + 1)}: ${name}さんは共有「要」ですがメールアドレスがありません。Googleアカウントのメールアドレスを入力してください。`));
    }
    items.push({ ...row, row: r + 1 });
  }
  return { items, issues };
}

const RECOMMENDATION_RULES: ColumnRules<'policyCode' | 'member' | 'text'> = [
  ['policyCode', /基本方針|方針/],
  ['member', /委員|氏名/],
  ['text', /提言|内容|本文/],
];

/** 提言: 基本方針 / 委員 / 提言. */
export function readRecommendations(grid?: Grid): { items: Recommendation[]; issues: Issue[] } {
  const items: Recommendation[] = [];
  const issues: Issue[] = [];
  if (!grid || !grid.values.length) return { items, issues };
  const { start, cols } = mapSimple(grid, RECOMMENDATION_RULES, ['policyCode', 'member', 'text']);
  for (let r = start; r < grid.values.length; r++) {
    const get = reader(grid, r);
    const row = { policyCode: normalizeCode(get(cols.policyCode).replace(/^基本方針/, '')), member: get(cols.member), text: get(cols.text) };
    if (!row.text && !row.policyCode && !row.member) continue;
    const res = RecommendationRowSchema.safeParse(row);
    if (!res.success) {
      const sheet = grid.name || SHEETS.recommendations;
      issues.push(makeIssue('警告', sheet, r + 1, (cols.text ?? 0) + 1,
        `「${sheet}」シートの${a1(r + 1, (cols.text ?? 0) + 1)}の提言が空欄です。提言の本文を入力するか、この行を削除してください。`));
      continue;
    }
    items.push(res.data);
  }
  return { items, issues };
}
