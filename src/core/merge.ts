// Merging similar plans into a unified plan (統合プラン), and undoing it. Pure.
//
// What the committee asked for, and where it is enforced:
// - the goal (基本目標) is never picked for the user: goalCode is required even when all members
//   share one, and members under different goals raise goalChoiceWarning (validateMergeRequest);
// - one 主担当課 chosen among the members' departments, every other member department becomes a
//   関係課, and every indicator stays attributed to its own plan and department (buildUnifiedPlan);
// - lineage: member plans are not deleted or rewritten, they only get the add-on-owned 統合先
//   cell; the unified record keeps who/when and a snapshot of the members; undoing a merge
//   clears exactly the cells the merge wrote and keeps the record, marked 解除済 (planUnmerge).

import * as z from 'zod/mini';
import type { CellValue, HierarchyItem, Plan } from './model';
import { SHEETS, UNIFIED_COLUMNS } from './schema';

export interface MergeRequest {
  /** Plan IDs to merge (at least two). */
  memberIds: string[];
  /** Name of the unified plan. */
  name: string;
  /** 基本目標 of the unified plan: always chosen by a person. */
  goalCode: string;
  /** 主担当課: one of the members' departments. */
  mainDept: string;
  /** Extra 関係課 (the members' other departments are always added). */
  relatedDepts: string[];
  /** Why this goal was chosen; recorded for the committee (asked for when members' goals differ). */
  goalReason?: string;
  note?: string;
}

/** One indicator of a member plan, as it stays attributed after the merge. */
export interface UnifiedIndicator {
  key: string;
  planId: string;
  name: string;
  unit: string;
  /** The department accountable for it: the indicator's own, else its plan's 主担当課. */
  department: string;
}

/** A member plan as it was when merged (for lineage and for undoing). */
export interface UnifiedMember {
  planId: string;
  name: string;
  policyCode: string;
  goalCode: string;
  measureCode: string;
  mainDept: string;
  relatedDepts: string[];
  status: string;
  /** Rows of the progress sheet that carry this plan (plan row and indicator rows). */
  sheet: string;
  rows: number[];
}

export type UnifiedStatus = '有効' | '解除済';

export interface UnifiedPlan {
  /** 'U-001' … */
  id: string;
  name: string;
  policyCode: string;
  goalCode: string;
  /** Distinct 基本目標 of the members: what the goal was chosen from. */
  goalCandidates: string[];
  goalReason: string;
  mainDept: string;
  relatedDepts: string[];
  memberIds: string[];
  members: UnifiedMember[];
  indicators: UnifiedIndicator[];
  status: UnifiedStatus;
  /** Who merged (e-mail or name) and when (ISO 8601). */
  who: string;
  when: string;
  releasedBy?: string;
  releasedAt?: string;
  note: string;
}

export type MergeValidation =
  | { ok: true; request: MergeRequest; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

const text = (label: string) =>
  z.pipe(z.string({ error: `${label}は文字で指定してください。` }), z.transform((s: string) => s.trim()));

/** Shape of a merge request as it comes from the sidebar (validated before anything else). */
export const MergeRequestSchema = z.object({
  memberIds: z.array(text('プランID'), { error: '統合するプランIDを一覧で指定してください。' }),
  name: z._default(text('統合プラン名'), ''),
  goalCode: z._default(text('基本目標'), ''),
  mainDept: z._default(text('主担当課'), ''),
  relatedDepts: z._default(z.array(text('関係課'), { error: '関係課は一覧で指定してください。' }), []),
  goalReason: z.optional(text('基本目標の選択理由')),
  note: z.optional(text('メモ')),
});

const ENDED = new Set(['完了', '中止']);

function where(plan: Plan): string {
  return plan.sheet && plan.row ? `（${plan.sheet}シート ${plan.row}行目）` : '';
}

function uniq(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = String(v ?? '').trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Departments of a plan, lead first: 主担当課, 関係課, then its indicators' departments. */
function departmentsOf(plan: Plan): string[] {
  return uniq([plan.mainDept, ...(plan.relatedDepts ?? []), ...(plan.indicators ?? []).map((i) => i.department)]);
}

export interface GoalChoiceWarning {
  goals: Array<{ goalCode: string; planIds: string[] }>;
  message: string;
}

/**
 * When the members sit under different 基本目標, the unified plan's goal is a deliberate choice to
 * be reviewed by the committee members: this says so, and lists the candidates. Null otherwise.
 */
export function goalChoiceWarning(members: Plan[]): GoalChoiceWarning | null {
  const goals: Array<{ goalCode: string; planIds: string[] }> = [];
  for (const p of members) {
    const code = String(p.goalCode ?? '').trim() || '（未設定）';
    const g = goals.find((x) => x.goalCode === code);
    if (g) g.planIds.push(p.id);
    else goals.push({ goalCode: code, planIds: [p.id] });
  }
  if (goals.length < 2) return null;
  const list = goals.map((g) => `${g.goalCode}（${g.planIds.join('、')}）`).join('、');
  return {
    goals,
    message: `統合するプランの基本目標が異なります：${list}。統合プランの基本目標は自動では決めません。`
      + 'どの基本目標に置くかを選び、その理由を記録して、委員の確認を受けてください。',
  };
}

/** Known 基本目標 codes: from 施策体系 when given, else the goals the plans use. */
function knownGoals(plans: Plan[], hierarchy: HierarchyItem[]): Set<string> {
  const goals = hierarchy.filter((h) => h.level === '基本目標').map((h) => h.code.trim());
  return new Set(goals.length > 0 ? goals : plans.map((p) => String(p.goalCode ?? '').trim()).filter((g) => g !== ''));
}

/**
 * Checks a merge request against the plans, the existing unified plans and the hierarchy.
 * Errors and warnings are Japanese and name the plan IDs (and their sheet rows).
 */
export function validateMergeRequest(
  req: unknown,
  plans: Plan[],
  existingUnified: UnifiedPlan[],
  hierarchy: HierarchyItem[] = [],
): MergeValidation {
  const parsed = MergeRequestSchema.safeParse(req);
  if (!parsed.success) {
    const errors = uniq(parsed.error.issues.map((i) =>
      i.code === 'invalid_type' && i.path.length === 0 ? '統合の指定が空です。統合するプランを選んでください。' : i.message));
    return { ok: false, errors, warnings: [] };
  }
  const r = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  const byId = new Map(plans.map((p) => [p.id, p]));
  const activeUnified = existingUnified.filter((u) => u.status !== '解除済');

  // Members.
  const ids = r.memberIds.filter((id) => id !== '');
  for (const id of uniq(ids)) {
    if (ids.filter((x) => x === id).length > 1) errors.push(`プランID「${id}」が重複して選ばれています。1回だけ選んでください。`);
  }
  const memberIds = uniq(ids);
  if (memberIds.length < 2) {
    errors.push(`統合するプランを2件以上選んでください（選ばれているのは${memberIds.length}件${memberIds.length ? `：${memberIds.join('、')}` : ''}）。`);
  }
  const members: Plan[] = [];
  for (const id of memberIds) {
    const plan = byId.get(id);
    if (!plan) {
      const unified = activeUnified.find((u) => u.id === id);
      errors.push(unified
        ? `「${id}」は統合プランです。統合プランをさらに統合することはできません。元のプランIDを選んでください。`
        : `プランID「${id}」は「${SHEETS.progress}」シートにありません。IDを確かめてください。`);
      continue;
    }
    const into = String(plan.mergedInto ?? '').trim() || activeUnified.find((u) => u.memberIds.includes(id))?.id || '';
    if (into !== '') {
      errors.push(`プラン「${id}」${where(plan)}は既に ${into} に統合されています。統合済みのプランは選べません（先に ${into} の統合を解除してください）。`);
      continue;
    }
    if (plan.status === '統合済') {
      errors.push(`プラン「${id}」${where(plan)}は状態が「統合済」です。統合済みのプランは選べません。`);
      continue;
    }
    if (ENDED.has(plan.status)) {
      errors.push(`プラン「${id}」${where(plan)}は状態が「${plan.status}」のため統合できません。実施中・未着手のプランを選んでください。`);
      continue;
    }
    members.push(plan);
  }

  // Name.
  if (r.name === '') errors.push('統合プランの名前を入力してください。');
  else {
    const same = activeUnified.find((u) => u.name.trim() === r.name);
    if (same) warnings.push(`同じ名前の統合プラン ${same.id}「${same.name}」があります。区別できる名前にすることをお勧めします。`);
  }

  // Goal: required, existing, never defaulted.
  const goalWarning = goalChoiceWarning(members);
  const candidates = uniq(members.map((m) => m.goalCode));
  if (r.goalCode === '') {
    errors.push(`統合プランの基本目標を選んでください（自動では決めません）。${candidates.length ? `統合するプランの基本目標：${candidates.join('、')}` : ''}`);
  } else if (!knownGoals(plans, hierarchy).has(r.goalCode)) {
    errors.push(`基本目標「${r.goalCode}」は「${SHEETS.hierarchy}」シートにありません。${SHEETS.hierarchy}の基本目標のコード（例：${[...knownGoals(plans, hierarchy)].slice(0, 3).join('、') || '1-1'}）を選んでください。`);
  } else if (members.length > 0 && !candidates.includes(r.goalCode)) {
    warnings.push(`選んだ基本目標「${r.goalCode}」は、統合するどのプランの基本目標（${candidates.join('、')}）とも異なります。意図した選択か確かめてください。`);
  }
  if (goalWarning) {
    warnings.push(goalWarning.message);
    // The committee reviews this choice, so its reason is part of the record.
    if (!r.goalReason) errors.push('統合するプランの基本目標が異なるため、選んだ基本目標の理由を入力してください（委員会で確認します）。');
  }

  // Departments.
  const memberDepts = uniq(members.flatMap(departmentsOf));
  if (r.mainDept === '') {
    errors.push(`主担当課を1つ選んでください。${memberDepts.length ? `候補：${memberDepts.join('、')}` : ''}`);
  } else if (members.length > 0 && !memberDepts.includes(r.mainDept)) {
    errors.push(`主担当課「${r.mainDept}」は統合するプランの担当課ではありません。次から選んでください：${memberDepts.join('、') || '（担当課が未入力です）'}`);
  }
  const noDept = members.filter((m) => departmentsOf(m).length === 0).map((m) => m.id);
  if (noDept.length > 0) warnings.push(`担当課が入力されていないプランがあります：${noDept.join('、')}。責任の所在が分かるよう、主担当課を入力してください。`);

  if (errors.length > 0) return { ok: false, errors, warnings };
  const request: MergeRequest = {
    memberIds,
    name: r.name,
    goalCode: r.goalCode,
    mainDept: r.mainDept,
    relatedDepts: uniq(r.relatedDepts),
    ...(r.goalReason ? { goalReason: r.goalReason } : {}),
    ...(r.note ? { note: r.note } : {}),
  };
  return { ok: true, request, warnings };
}

/** The next unified plan ID: 'U-001', 'U-002' … (after the highest in use, released ones included). */
export function nextUnifiedId(existing: Array<UnifiedPlan | string>): string {
  let max = 0;
  for (const u of existing) {
    const m = /^U-(\d+)$/.exec(typeof u === 'string' ? u : u.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `U-${String(max + 1).padStart(3, '0')}`;
}

function rowsOf(plan: Plan): number[] {
  return [...new Set([plan.row, ...(plan.indicators ?? []).map((i) => i.row)].filter((r) => Number.isInteger(r) && r > 0))].sort((a, b) => a - b);
}

/** Every member indicator, attributed to its own plan and department. */
export function attributeIndicators(members: Plan[]): UnifiedIndicator[] {
  return members.flatMap((p) => (p.indicators ?? []).map((i) => ({
    key: i.key,
    planId: p.id,
    name: i.name,
    unit: i.unit,
    department: String(i.department ?? '').trim() || p.mainDept,
  })));
}

/**
 * The unified plan record for a validated request. `when` is an ISO 8601 string, `nextId` comes
 * from nextUnifiedId. Throws if a member is unknown (validate first).
 */
export function buildUnifiedPlan(
  req: MergeRequest,
  plans: Plan[],
  who: string,
  when: string,
  nextId: string,
  hierarchy: HierarchyItem[] = [],
): UnifiedPlan {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const members = req.memberIds.map((id) => {
    const p = byId.get(id);
    if (!p) throw new Error(`プランID「${id}」が見つかりません。統合の指定を確かめてください。`);
    return p;
  });
  const goalItem = hierarchy.find((h) => h.level === '基本目標' && h.code === req.goalCode);
  const policyCode = goalItem?.parentCode ?? members.find((m) => m.goalCode === req.goalCode)?.policyCode ?? '';
  // Responsibility does not blur: every department of every member stays named.
  const relatedDepts = uniq([...members.flatMap(departmentsOf), ...req.relatedDepts]).filter((d) => d !== req.mainDept);
  return {
    id: nextId,
    name: req.name.trim(),
    policyCode,
    goalCode: req.goalCode,
    goalCandidates: uniq(members.map((m) => m.goalCode)),
    goalReason: req.goalReason ?? '',
    mainDept: req.mainDept,
    relatedDepts,
    memberIds: members.map((m) => m.id),
    members: members.map((m) => ({
      planId: m.id,
      name: m.name,
      policyCode: m.policyCode,
      goalCode: m.goalCode,
      measureCode: m.measureCode,
      mainDept: m.mainDept,
      relatedDepts: [...(m.relatedDepts ?? [])],
      status: m.status,
      sheet: m.sheet,
      rows: rowsOf(m),
    })),
    indicators: attributeIndicators(members),
    status: '有効',
    who,
    when,
    note: req.note ?? '',
  };
}

/** A change to the add-on-owned 統合先 cells of one plan: expected value before, value after. */
export interface MergedIntoChange {
  planId: string;
  sheet: string;
  rows: number[];
  from: string;
  to: string;
}

/** The 統合先 cells a merge writes (the only change to the members' rows). */
export function mergeWrites(unified: UnifiedPlan, plans: Plan[]): MergedIntoChange[] {
  const byId = new Map(plans.map((p) => [p.id, p]));
  return unified.memberIds.flatMap((id) => {
    const p = byId.get(id);
    return p ? [{ planId: id, sheet: p.sheet, rows: rowsOf(p), from: String(p.mergedInto ?? ''), to: unified.id }] : [];
  });
}

export interface UnmergePlan {
  unifiedId: string;
  ok: boolean;
  errors: string[];
  warnings: string[];
  /** 統合先 cells to clear: they hold the unified ID now and go back to empty. */
  clearMergedInto: MergedIntoChange[];
  /** The unified record is kept for lineage, marked 解除済 with who and when. */
  unifiedUpdate: { id: string; status: '解除済'; releasedBy: string; releasedAt: string } | null;
  /** The members as they were when merged (goal, departments, status) for the person to compare. */
  restoredMembers: UnifiedMember[];
}

/**
 * Exactly what undoing a merge restores: the members' 統合先 cells that still say this unified
 * plan are cleared (rows as they are now, since people move rows); cells that say something else
 * are left alone and reported; the unified record stays, marked 解除済.
 */
export function planUnmerge(unified: UnifiedPlan, plans: Plan[], who: string, when: string): UnmergePlan {
  const errors: string[] = [];
  const warnings: string[] = [];
  const clear: MergedIntoChange[] = [];
  if (unified.status === '解除済') {
    errors.push(`統合プラン ${unified.id}「${unified.name}」は既に統合が解除されています${unified.releasedAt ? `（${unified.releasedAt}）` : ''}。`);
  } else {
    const byId = new Map(plans.map((p) => [p.id, p]));
    for (const id of unified.memberIds) {
      const p = byId.get(id);
      if (!p) {
        warnings.push(`プラン「${id}」が「${SHEETS.progress}」シートに見つかりません（行が削除された可能性があります）。このプランの統合先は戻せません。`);
        continue;
      }
      const now = String(p.mergedInto ?? '').trim();
      if (now === unified.id) clear.push({ planId: id, sheet: p.sheet, rows: rowsOf(p), from: now, to: '' });
      else if (now === '') warnings.push(`プラン「${id}」${where(p)}の統合先は既に空です。書き換えません。`);
      else warnings.push(`プラン「${id}」${where(p)}の統合先は ${now} になっています。${unified.id} ではないため書き換えません。`);
    }
  }
  const ok = errors.length === 0;
  return {
    unifiedId: unified.id,
    ok,
    errors,
    warnings,
    clearMergedInto: ok ? clear : [],
    unifiedUpdate: ok ? { id: unified.id, status: '解除済', releasedBy: who, releasedAt: when } : null,
    restoredMembers: ok ? unified.members.map((m) => ({ ...m, relatedDepts: [...m.relatedDepts], rows: [...m.rows] })) : [],
  };
}

const LIST_SEPARATOR = '、';
const splitList = (v: string) => uniq(v.split(/[、,，\n]/));

/** The 統合プラン sheet row of a unified plan, in UNIFIED_COLUMNS order (the writer escapes it). */
export function unifiedPlanToRow(u: UnifiedPlan): string[] {
  const byColumn: Record<(typeof UNIFIED_COLUMNS)[number], string> = {
    統合プランID: u.id,
    統合プラン名: u.name,
    基本方針: u.policyCode,
    基本目標: u.goalCode,
    基本目標の候補: u.goalCandidates.join(LIST_SEPARATOR),
    基本目標の選択理由: u.goalReason,
    主担当課: u.mainDept,
    関係課: u.relatedDepts.join(LIST_SEPARATOR),
    統合元プランID: u.memberIds.join(LIST_SEPARATOR),
    状態: u.status,
    統合者: u.who,
    統合日時: u.when,
    解除者: u.releasedBy ?? '',
    解除日時: u.releasedAt ?? '',
    メモ: u.note,
  };
  return UNIFIED_COLUMNS.map((c) => byColumn[c]);
}

/**
 * A unified plan read back from its 統合プラン row (UNIFIED_COLUMNS order). Members and indicators
 * are taken from the plans as they are now (their rows are never rewritten by a merge).
 * Null for a row without an ID.
 */
export function unifiedPlanFromRow(row: CellValue[], plans: Plan[]): UnifiedPlan | null {
  const cell = (c: (typeof UNIFIED_COLUMNS)[number]) => {
    const v = row[UNIFIED_COLUMNS.indexOf(c)];
    return v instanceof Date ? v.toISOString() : String(v ?? '').trim();
  };
  const id = cell('統合プランID');
  if (id === '') return null;
  const memberIds = splitList(cell('統合元プランID'));
  const byId = new Map(plans.map((p) => [p.id, p]));
  const members = memberIds.map((m) => byId.get(m)).filter((p): p is Plan => p !== undefined);
  const releasedBy = cell('解除者');
  const releasedAt = cell('解除日時');
  return {
    id,
    name: cell('統合プラン名'),
    policyCode: cell('基本方針'),
    goalCode: cell('基本目標'),
    goalCandidates: splitList(cell('基本目標の候補')),
    goalReason: cell('基本目標の選択理由'),
    mainDept: cell('主担当課'),
    relatedDepts: splitList(cell('関係課')),
    memberIds,
    members: members.map((m) => ({
      planId: m.id, name: m.name, policyCode: m.policyCode, goalCode: m.goalCode, measureCode: m.measureCode,
      mainDept: m.mainDept, relatedDepts: [...(m.relatedDepts ?? [])], status: m.status, sheet: m.sheet, rows: rowsOf(m),
    })),
    indicators: attributeIndicators(members),
    status: cell('状態') === '解除済' ? '解除済' : '有効',
    who: cell('統合者'),
    when: cell('統合日時'),
    ...(releasedBy ? { releasedBy } : {}),
    ...(releasedAt ? { releasedAt } : {}),
    note: cell('メモ'),
  };
}
