// The column mapping the 事務局 confirmed or corrected in the sidebar (列の対応): what each column
// of the progress sheet is, stored with the document (document properties) and applied by every
// command and by onEdit on top of what layout.ts detects. Pure: the add-on reads and writes the
// JSON; this module validates it, applies it and describes a layout for the panel.
import * as z from 'zod/mini';
import type { Grid, Period } from './model';
import { columnLetters } from './a1';
import { FIELD_LABELS, type FieldKey, type HeaderClass, type Layout } from './layout';
import { shortLabel, warekiLabel } from './periods';
import { cellText, clip, headerKey, norm } from './text';

/** Document property holding the saved mapping (JSON). */
export const MAPPING_PROPERTY = 'columnMapping';

/**
 * What one column is read as. 'actual' / 'mid' / 'target' carry the fiscal year, and so do
 * 'self' / 'selfMid' (the department's own grade, 自己評価, for that year's end or its 中間);
 * a 自己評価 column without a year is the field 'selfAssessment' (the evaluation period's).
 */
export type ColumnRoleKind = 'field' | 'actual' | 'mid' | 'target' | 'self' | 'selfMid' | 'ignore';

/** Kinds that carry a fiscal year. */
const YEAR_KINDS: readonly ColumnRoleKind[] = ['actual', 'mid', 'target', 'self', 'selfMid'];

export interface ColumnRole {
  kind: ColumnRoleKind;
  /** For kind 'field'. */
  field?: FieldKey;
  /** For 'actual', 'mid', 'target', 'self', 'selfMid': the fiscal year (令和7年度 = 2025). */
  year?: number;
}

/** A column the 事務局 set by hand, recognised again by its header text. */
export interface ColumnChoice {
  /** 0-based column when saved. */
  col: number;
  /** Header text when saved (combined header rows). */
  header: string;
  role: ColumnRole;
}

export interface ColumnMapping {
  /** Sheet the mapping is for. */
  sheet: string;
  /** 0-based header row and the number of header rows, pinned when saved. */
  headerRow: number;
  headerRows: number;
  columns: ColumnChoice[];
}

/** Fields the panel offers (the add-on's own columns are not for people to assign). */
export const ASSIGNABLE_FIELDS: readonly FieldKey[] = [
  'id', 'policy', 'policyName', 'goal', 'goalName', 'measure', 'measureClass', 'name', 'mainDept', 'relatedDepts', 'leadMark',
  'indicator', 'unit', 'direction', 'accumulation', 'baseline', 'baselineYear', 'target', 'targetYear',
  'actual', 'mid', 'status', 'selfAssessment', 'achievements', 'issues', 'outlook', 'comment',
];

const FIELD_ENUM = z.enum(ASSIGNABLE_FIELDS as unknown as [FieldKey, ...FieldKey[]]);

export const ColumnRoleSchema = z.object({
  kind: z.enum(['field', 'actual', 'mid', 'target', 'self', 'selfMid', 'ignore']),
  field: z.optional(FIELD_ENUM),
  year: z.optional(z.number().check(z.int(), z.gte(1989), z.lte(2199))),
}).check(
  z.refine((r) => (r.kind === 'field') === (r.field !== undefined), { error: '項目の指定が正しくありません。' }),
  z.refine((r) => YEAR_KINDS.includes(r.kind) === (r.year !== undefined), { error: '年度の指定が正しくありません。' }),
);

export const ColumnMappingSchema = z.object({
  sheet: z.string().check(z.minLength(1), z.maxLength(100)),
  headerRow: z.number().check(z.int(), z.gte(0), z.lte(50)),
  headerRows: z.number().check(z.int(), z.gte(1), z.lte(2)),
  columns: z.array(z.object({
    col: z.number().check(z.int(), z.gte(0), z.lte(500)),
    header: z.string().check(z.maxLength(200)),
    role: ColumnRoleSchema,
  })).check(z.maxLength(500)),
});

/** The stored JSON → a mapping; null when absent or unreadable (the detected layout is used). */
export function parseMapping(json: string | null | undefined): ColumnMapping | null {
  if (!json) return null;
  try {
    const res = ColumnMappingSchema.safeParse(JSON.parse(json));
    return res.success ? (res.data as ColumnMapping) : null;
  } catch {
    return null;
  }
}

/** A role as a header class (layout.ts assigns columns from classes). */
export function roleToClass(role: ColumnRole): HeaderClass {
  switch (role.kind) {
    case 'field':
      return { field: role.field };
    case 'actual':
      return { period: { fiscalYear: role.year!, kind: 'year' } };
    case 'mid':
      return { period: { fiscalYear: role.year!, kind: 'mid' } };
    case 'target':
      return { field: 'target', period: { fiscalYear: role.year!, kind: 'target' } };
    case 'self':
      return { field: 'selfAssessment', period: { fiscalYear: role.year!, kind: 'year' } };
    case 'selfMid':
      return { field: 'selfAssessment', period: { fiscalYear: role.year!, kind: 'mid' } };
    case 'ignore':
      return {};
  }
}

/** What layout.ts made of a column, as a role. */
export function roleOfColumn(layout: Layout, col: number): ColumnRole {
  const p = layout.periods.find((x) => x.col === col);
  if (p) return { kind: p.period.kind === 'mid' ? 'mid' : 'actual', year: p.period.fiscalYear };
  const t = layout.targetPeriods.find((x) => x.col === col);
  if (t && layout.columns.target !== col) return { kind: 'target', year: t.period.fiscalYear };
  const self = layout.selfPeriods?.find((x) => x.col === col);
  if (self) return { kind: self.period.kind === 'mid' ? 'selfMid' : 'self', year: self.period.fiscalYear };
  const text = layout.texts?.find((x) => x.col === col);
  if (text) return { kind: 'field', field: text.field };
  for (const [f, c] of Object.entries(layout.columns)) if (c === col && f !== 'check' && f !== 'mergedInto') return { kind: 'field', field: f as FieldKey };
  return { kind: 'ignore' };
}

export function roleLabel(role: ColumnRole): string {
  switch (role.kind) {
    case 'field':
      return FIELD_LABELS[role.field!].replace(/（.*$/, '');
    case 'actual':
      return `${warekiLabel(role.year!)}の実績`;
    case 'mid':
      return `${warekiLabel(role.year!)}の中間実績`;
    case 'target':
      return `${warekiLabel(role.year!)}の目標`;
    case 'self':
      return `${warekiLabel(role.year!)}の自己評価`;
    case 'selfMid':
      return `${warekiLabel(role.year!)}の中間の自己評価`;
    case 'ignore':
      return '使わない';
  }
}

function sameRole(a: ColumnRole, b: ColumnRole): boolean {
  return a.kind === b.kind && a.field === b.field && a.year === b.year;
}

/**
 * The saved choices that apply to this header: each by its column when the header there is
 * unchanged, else by the same header text elsewhere (the column was moved). Choices whose
 * header is gone are returned as stale.
 */
export function matchChoices(mapping: ColumnMapping, headers: readonly string[]): { byCol: Map<number, ColumnRole>; stale: ColumnChoice[] } {
  const byCol = new Map<number, ColumnRole>();
  const stale: ColumnChoice[] = [];
  const key = (s: string) => headerKey(s);
  for (const ch of mapping.columns) {
    let col = key(headers[ch.col] ?? '') === key(ch.header) ? ch.col : -1;
    if (col < 0) col = headers.findIndex((h, i) => !byCol.has(i) && key(h) === key(ch.header) && key(h) !== '');
    if (col < 0) stale.push(ch);
    else byCol.set(col, ch.role);
  }
  return { byCol, stale };
}

// --- the panel ------------------------------------------------------------------------------

export interface ColumnView {
  col: number;
  letter: string;
  header: string;
  /** First filled values under the header (as text, clipped). */
  sample: string[];
  role: ColumnRole;
  label: string;
  /** What detection alone made of it. */
  auto: ColumnRole;
  autoLabel: string;
  /** Set by the 事務局 (saved), not detected. */
  chosen: boolean;
}

export interface MappingView {
  sheet: string;
  /** 1-based rows, as on the sheet. */
  headerRows: number[];
  firstDataRow: number;
  columns: ColumnView[];
  /** Notes on what was inferred, and problems (a changed header row, a saved choice whose header is gone). */
  notes: string[];
  warnings: string[];
  /** Years offered for period columns. */
  years: number[];
  fields: { value: FieldKey; label: string }[];
  saved: boolean;
  error: string;
}

/**
 * The panel's view of the progress sheet: each column with what it is read as now (`layout`,
 * saved choices applied) and what detection alone made of it (`auto`).
 */
export function describeMapping(grid: Grid, layout: Layout, auto: Layout | null, mapping: ColumnMapping | null): MappingView {
  const width = Math.max(layout.headers.length, ...grid.values.slice(0, layout.firstDataRow + 20).map((r) => r.length), 0);
  const chosen = mapping && mapping.sheet === layout.sheet ? matchChoices(mapping, layout.headers).byCol : new Map<number, ColumnRole>();
  const columns: ColumnView[] = [];
  for (let c = 0; c < width; c++) {
    if (c === layout.columns.check || c === layout.columns.mergedInto) continue;
    const header = layout.headers[c] ?? '';
    const sample: string[] = [];
    for (let r = layout.firstDataRow; r < grid.values.length && sample.length < 3; r++) {
      const t = norm(cellText(grid.values[r]?.[c], grid.display?.[r]?.[c]));
      if (t) sample.push(clip(t, 24));
    }
    if (!header && sample.length === 0) continue;
    const role = roleOfColumn(layout, c);
    const autoRole = auto ? roleOfColumn(auto, c) : role;
    columns.push({
      col: c, letter: columnLetters(c + 1), header, sample, role, label: roleLabel(role), auto: autoRole,
      autoLabel: roleLabel(autoRole), chosen: chosen.has(c) && !sameRole(chosen.get(c)!, autoRole),
    });
  }
  const years = new Set<number>();
  for (const p of [...layout.periods, ...layout.targetPeriods, ...(layout.selfPeriods ?? [])]) years.add(p.period.fiscalYear);
  const sorted = [...years].sort((a, b) => a - b);
  const from = (sorted[0] ?? new Date().getFullYear()) - 2;
  const to = (sorted.at(-1) ?? new Date().getFullYear()) + 2;
  const offered: number[] = [];
  for (let y = from; y <= to; y++) offered.push(y);
  const headerRows = Array.from({ length: layout.headerRows }, (_, i) => layout.headerRow + i + 1);
  return {
    sheet: layout.sheet,
    headerRows,
    firstDataRow: layout.firstDataRow + 1,
    columns,
    notes: layout.notes.slice(),
    warnings: (layout.warnings ?? []).slice(),
    years: offered,
    fields: ASSIGNABLE_FIELDS.map((f) => ({ value: f, label: f === 'selfAssessment' ? SELF_WITHOUT_YEAR : FIELD_LABELS[f] })),
    saved: !!mapping && mapping.sheet === layout.sheet,
    error: layout.error ?? '',
  };
}

/** The 自己評価 field in the panel: a column without a year is read for the period 集計 evaluates. */
const SELF_WITHOUT_YEAR = '自己評価（評価する年度・時点の）';

/** The choices to save: the columns whose role differs from detection, keyed by their header. */
export function mappingFromChoices(layout: Layout, auto: Layout | null, roles: { col: number; role: ColumnRole }[]): ColumnMapping {
  const columns: ColumnChoice[] = [];
  for (const { col, role } of roles) {
    const detected = auto ? roleOfColumn(auto, col) : { kind: 'ignore' as const };
    if (sameRole(role, detected)) continue;
    columns.push({ col, header: layout.headers[col] ?? '', role });
  }
  return { sheet: layout.sheet, headerRow: layout.headerRow, headerRows: layout.headerRows, columns };
}

/** 'R7中間' style label of a period, for notes. */
export function periodShort(p: Period): string {
  return shortLabel(p);
}
