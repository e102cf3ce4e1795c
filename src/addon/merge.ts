// 類似プランの統合: suggestions for the sidebar, and merges carried out under the document lock.
// A merge writes only add-on-owned cells: a row on 統合プラン and the members' 統合先 cells.
// Nothing is deleted; 統合解除 marks the row 解除済 and clears exactly the cells the merge set.
import type { MergeCandidates, MergeOutcome, MergePageRequest, MergeRequestInput, PlanOption, UnifiedView } from './api';
import type { Grid, Plan } from '../core/model';
import type { Layout } from '../core/layout';
import { readProgress, type ReadResult } from '../core/reader';
import { effectiveSynonyms, isMergeCandidate, suggestMerges } from '../core/similarity';
import {
  buildUnifiedPlan, mergeWrites, nextUnifiedId, planUnmerge, unifiedPlanToRow, validateMergeRequest,
  type MergedIntoChange, type UnifiedPlan,
} from '../core/merge';
import { readAllUnified } from '../core/unified-sheet';
import { escapeCell } from '../core/cells';
import { cellText } from '../core/text';
import { OWNED_COLUMNS, SHEETS, UNIFIED_COLUMNS } from '../core/schema';
import { UserError } from './errors';
import { readInputs, type Inputs } from './inputs';
import { withDocumentLock } from './lock';
import { prepareAppend, prepareOwnedColumn, withFreshReads, WriteBatch } from './sheets';
import { currentUser, nowLabel, prepareRunLog } from './run-log';
import { openCandidateCache, type GroupRecord, type PageFrame } from './merge-cache';
import { pageOffset } from '../core/merge-store';
import { candidateColumns } from '../core/partial-grid';

function departmentsOf(plan: Plan): string[] {
  return [...new Set([plan.mainDept, ...plan.relatedDepts, ...plan.indicators.map((i) => i.department)].filter(Boolean))];
}

function unifiedView(u: UnifiedPlan): UnifiedView {
  return {
    id: u.id, name: u.name, goalCode: u.goalCode, mainDept: u.mainDept, relatedDepts: u.relatedDepts,
    memberIds: u.memberIds, status: u.status, who: u.who, when: u.when,
  };
}

/** What every merge command reads. */
const MERGE_READS = [SHEETS.progress, SHEETS.hierarchy, SHEETS.settings, SHEETS.unified];

function parse(inputs: Inputs): { inputs: Inputs; read: ReadResult; unified: ReturnType<typeof readAllUnified> } {
  const read = readProgress(inputs.grids, { today: new Date(), mapping: inputs.mapping });
  if (read.layout.error) throw new UserError(read.layout.error);
  return { inputs, read, unified: readAllUnified(inputs.grids[SHEETS.unified], read.data.plans) };
}

function load(): { inputs: Inputs; read: ReadResult; unified: ReturnType<typeof readAllUnified> } {
  return parse(readInputs(MERGE_READS, [SHEETS.runLog]));
}

/**
 * What the suggestions and the plan search read: the progress sheet only in the columns the
 * suggestions are computed from (core/partial-grid.ts; about a third of its cells), the other
 * sheets whole. The plans parsed from it carry everything the suggestions and the sidebar use.
 */
function readForCandidates(): Inputs {
  return readInputs(MERGE_READS, [], { progressColumns: candidateColumns });
}

function planOption(p: Plan): PlanOption {
  return { id: p.id, name: p.name, goalCode: p.goalCode, mainDept: p.mainDept, departments: departmentsOf(p), eligible: isMergeCandidate(p) };
}

/** The goals and unified plans every page carries (cheap, from the sheets read). */
function frameOf(read: ReadResult, unified: ReturnType<typeof readAllUnified>): PageFrame {
  return {
    goals: read.data.hierarchy.filter((h) => h.level === '基本目標').map((h) => ({ code: h.code, name: h.name })),
    unified: unified.map((u) => unifiedView(u.plan)),
  };
}

function page(records: GroupRecord[], total: number, offset: number, limit: number, frame: PageFrame): MergeCandidates {
  return {
    groups: records.map((r) => r.g),
    total,
    offset,
    limit,
    plans: records.flatMap((r) => r.p),
    goals: frame.goals,
    unified: frame.unified,
  };
}

/**
 * One page of merge suggestions. Only the page's groups and their plans cross to the sidebar, so
 * the payload stays small whatever the number of plans (other plans are found with findPlans).
 * The suggestions are computed once and kept in the document cache (merge-cache.ts): the next
 * page, or the same page again, is read back from there while the sheets say the same.
 */
export function mergeCandidates(req: MergePageRequest): MergeCandidates {
  const inputs = readForCandidates();
  const cache = openCandidateCache(inputs);
  // 1. The sheets are exactly as when the result was stored: no parsing at all.
  const hit = cache?.byInputs(req.offset, req.limit);
  if (hit) return page(hit.records, hit.total, hit.offset, req.limit, hit.frame);

  const { read, unified } = parse(inputs);
  const { plans, settings } = read.data;
  const frame = frameOf(read, unified);
  const synonyms = effectiveSynonyms(settings.synonyms);
  // 2. The sheets changed, but not what the suggestions are computed from (figures typed …).
  const found = cache?.byPlans(plans, synonyms, frame, req.offset, req.limit);
  if (found) return page(found.records, found.total, found.offset, req.limit, frame);

  // 3. Computed, stored, and the page served from what was computed.
  const groups = suggestMerges(plans, { synonyms });
  const byId = new Map(plans.map((p) => [p.id, p]));
  const records: GroupRecord[] = groups.map((g) => ({
    g: { id: g.id, score: g.score, reasons: g.reasons, planIds: g.planIds, goalCodes: g.goalCodes, goalChoiceNeeded: g.goalChoiceNeeded },
    p: g.planIds.map((id) => byId.get(id)).filter((p): p is Plan => p !== undefined).map(planOption),
  }));
  cache?.store(records, frame);
  const offset = pageOffset(records.length, req.offset, req.limit);
  return page(records.slice(offset, offset + req.limit), records.length, offset, req.limit, frame);
}

/** Plans that can join a group, by ID or name (case and width folded), at most `limit`. */
export function findPlans(query: string, limit = 20): PlanOption[] {
  const q = query.normalize('NFKC').toLowerCase().trim();
  if (q === '') return [];
  const { read } = parse(readForCandidates());
  const out: PlanOption[] = [];
  for (const p of read.data.plans) {
    if (!isMergeCandidate(p)) continue;
    if (!p.id.normalize('NFKC').toLowerCase().includes(q) && !p.name.normalize('NFKC').toLowerCase().includes(q)) continue;
    out.push(planOption(p));
    if (out.length >= limit) break;
  }
  return out;
}

export const MERGED_INTO_NOTE = '進捗管理アドオンが書き込む列です（統合先の統合プランID）。編集しないでください。';

/**
 * Prepares the progress sheet's 統合先 column with the changes applied: one setValues over the
 * column (other rows keep what the column held), plus the header when the column is new.
 * The rows are those whose plan IDs were read; the sheet is read again just before writing, and
 * if rows moved meanwhile the command starts over rather than mark the wrong plans.
 */
function prepareMergedInto(batch: WriteBatch, inputs: Inputs, layout: Layout, changes: MergedIntoChange[]): void {
  if (changes.length === 0) return;
  const grid = inputs.grids[layout.sheet] as Grid;
  const sheet = inputs.sheets.get(layout.sheet)!;
  const mapped = layout.columns.mergedInto;
  const col = mapped ?? Math.max(layout.headers.length, ...grid.values.map((r) => r.length));
  const first = layout.firstDataRow;
  const values = grid.values.slice(first).map((r) => [mapped === undefined ? '' : cellText(r[col])]);
  for (const ch of changes) for (const row of ch.rows) values[row - 1 - first] = [ch.to];
  // Rows below the plans marked cannot move them: only the rows down to the one just below the
  // lowest (a row added to the last plan) are read again.
  const lowest = Math.max(...changes.flatMap((ch) => ch.rows));
  batch.recheck(sheet, layout.sheet, grid, [layout.columns.check, mapped].filter((c): c is number => c !== undefined), undefined, lowest + 1);
  prepareOwnedColumn(batch, {
    sheet, name: layout.sheet, grid, headerRow: layout.headerRow + 1, col: col + 1, mapped: mapped !== undefined,
    header: OWNED_COLUMNS.mergedInto, note: MERGED_INTO_NOTE, firstRow: first + 1, legacy: /^U-\d+$/,
    values: values.map((v) => [escapeCell(v[0])]),
    current: grid.values.slice(first).map((r) => r[col]),
  });
}

function logMerge(batch: WriteBatch, inputs: Inputs, read: ReadResult, what: string, who: string, started: number): void {
  const { plans } = read.data;
  prepareRunLog(batch, inputs, {
    what, who, at: new Date(), started, plans: plans.length,
    indicators: plans.reduce((n, p) => n + p.indicators.length, 0), issues: [],
  });
}

export function applyMerge(request: MergeRequestInput): MergeOutcome {
  return withDocumentLock('統合', () => withFreshReads('統合', () => {
    const started = Date.now();
    const { inputs, read, unified } = load();
    const { plans, hierarchy } = read.data;
    const existing = unified.map((u) => u.plan);
    const check = validateMergeRequest(request, plans, existing, hierarchy);
    if (!check.ok) throw new UserError(check.errors.join('\n'));
    const who = currentUser();
    const plan = buildUnifiedPlan(check.request, plans, who, nowLabel(new Date()), nextUnifiedId(existing), hierarchy);
    // Validation passed and everything is computed: check every write, then write them together.
    const batch = new WriteBatch(inputs.ss);
    prepareAppend(batch, SHEETS.unified, UNIFIED_COLUMNS, [unifiedPlanToRow(plan).map(escapeCell)], inputs.sheets.get(SHEETS.unified));
    prepareMergedInto(batch, inputs, read.layout, mergeWrites(plan, plans));
    logMerge(batch, inputs, read, `統合 ${plan.id}（${plan.memberIds.join('、')}）`, who, started);
    batch.commit();
    const message = `${plan.memberIds.join('、')} を統合プラン ${plan.id}「${plan.name}」にまとめました（主担当課: ${plan.mainDept}）。評価に反映するには「集計」を実行してください。`;
    inputs.ss.toast(message, '統合');
    return { message, unifiedId: plan.id, warnings: check.warnings };
  }));
}

export function unmerge(unifiedId: string): MergeOutcome {
  return withDocumentLock('統合解除', () => withFreshReads('統合解除', () => {
    const started = Date.now();
    const { inputs, read, unified } = load();
    const found = unified.find((u) => u.plan.id === unifiedId);
    if (!found) throw new UserError(`統合プラン「${unifiedId}」が「${SHEETS.unified}」シートに見つかりません。`);
    const who = currentUser();
    const undo = planUnmerge(found.plan, read.data.plans, who, nowLabel(new Date()));
    if (!undo.ok || !undo.unifiedUpdate) throw new UserError(undo.errors.join('\n'));
    const released: UnifiedPlan = {
      ...found.plan, status: '解除済', releasedBy: undo.unifiedUpdate.releasedBy, releasedAt: undo.unifiedUpdate.releasedAt,
    };
    const sheet = inputs.sheets.get(SHEETS.unified)!;
    const batch = new WriteBatch(inputs.ss);
    // The row is the one read: if 統合プラン changed meanwhile, start over.
    batch.recheck(sheet, SHEETS.unified, inputs.grids[SHEETS.unified]);
    batch.write(batch.plan(SHEETS.unified, sheet), { row: found.row, col: 1, values: [unifiedPlanToRow(released).map(escapeCell)] });
    prepareMergedInto(batch, inputs, read.layout, undo.clearMergedInto);
    logMerge(batch, inputs, read, `統合解除 ${unifiedId}`, who, started);
    batch.commit();
    const message = `統合プラン ${unifiedId}「${found.plan.name}」の統合を解除しました。統合前のプラン（${found.plan.memberIds.join('、')}）に戻り、記録は「${SHEETS.unified}」に「解除済」として残ります。`;
    inputs.ss.toast(message, '統合解除');
    return { message, unifiedId, warnings: undo.warnings };
  }));
}
