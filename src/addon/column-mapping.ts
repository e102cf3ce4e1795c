// 列の対応 (sidebar): what each column of the progress sheet is read as, and the 事務局's
// corrections, stored with the document (document properties) so every command and onEdit
// read the sheet the same way (core/mapping.ts).
import type { Grid } from '../core/model';
import { detectLayout, isLayoutError, type Layout } from '../core/layout';
import {
  MAPPING_PROPERTY, describeMapping, mappingFromChoices, type ColumnMapping, type ColumnRole, type MappingView,
} from '../core/mapping';
import { locateInputs } from '../core/reader';
import { SHEETS } from '../core/schema';
import { UserError } from './errors';
import { readInputs } from './inputs';
import { withDocumentLock } from './lock';

export interface MappingRequest {
  /** 1-based first header row and the number of header rows (1 or 2). */
  headerRow: number;
  headerRows: number;
  columns: { col: number; role: ColumnRole }[];
}

function progressGrid(): { grid: Grid | undefined; mapping: ColumnMapping | null } {
  const inputs = readInputs([SHEETS.progress]);
  const found = locateInputs(inputs.grids, inputs.mapping?.sheet);
  return { grid: found.progress, mapping: inputs.mapping };
}

function emptyView(error: string): MappingView {
  return { sheet: '', headerRows: [], firstDataRow: 0, columns: [], notes: [], warnings: [], years: [], fields: [], saved: false, error };
}

function viewOf(grid: Grid | undefined, mapping: ColumnMapping | null): MappingView {
  if (!grid) return emptyView(`「${SHEETS.progress}」シートが見つかりません。進捗管理のシートを開いてから、もう一度表示してください。`);
  const auto = detectLayout(grid);
  const current = detectLayout(grid, mapping);
  if (isLayoutError(current)) {
    const view = emptyView(current.error);
    view.sheet = grid.name;
    view.saved = !!mapping;
    return view;
  }
  return describeMapping(grid, current, isLayoutError(auto) ? null : auto, mapping);
}

export function getColumnMapping(): MappingView {
  const { grid, mapping } = progressGrid();
  return viewOf(grid, mapping);
}

export function saveColumnMapping(req: MappingRequest): MappingView {
  return withDocumentLock('列の対応の保存', () => {
    const { grid } = progressGrid();
    if (!grid) throw new UserError(`「${SHEETS.progress}」シートが見つかりません。`);
    const pinned: ColumnMapping = { sheet: grid.name, headerRow: req.headerRow - 1, headerRows: req.headerRows, columns: [] };
    // The columns as the chosen header rows give them: the choices are what differs from that.
    const base = detectLayout(grid, pinned);
    const baseLayout: Layout = isLayoutError(base)
      ? { sheet: grid.name, headerRow: pinned.headerRow, headerRows: pinned.headerRows, firstDataRow: pinned.headerRow + pinned.headerRows,
        columns: {}, periods: [], targetPeriods: [], headers: headersOf(grid, pinned), ignored: [], notes: [] }
      : base;
    const mapping = mappingFromChoices(baseLayout, isLayoutError(base) ? null : base, req.columns);
    const check = detectLayout(grid, mapping);
    if (isLayoutError(check)) {
      throw new UserError(`この対応では「${grid.name}」シートを読めません。プランIDかプラン名、成果指標、目標値または年度の列を指定してください。（保存していません）`);
    }
    PropertiesService.getDocumentProperties().setProperty(MAPPING_PROPERTY, JSON.stringify(mapping));
    return viewOf(grid, mapping);
  });
}

export function resetColumnMapping(): MappingView {
  return withDocumentLock('列の対応の保存', () => {
    PropertiesService.getDocumentProperties().deleteProperty(MAPPING_PROPERTY);
    const { grid } = progressGrid();
    return viewOf(grid, null);
  });
}

function headersOf(grid: Grid, m: ColumnMapping): string[] {
  const rows = grid.values.slice(m.headerRow, m.headerRow + m.headerRows);
  const width = Math.max(0, ...rows.map((r) => r.length));
  const out: string[] = [];
  for (let c = 0; c < width; c++) out.push(rows.map((r) => String(r[c] ?? '').trim()).filter(Boolean).join(' '));
  return out;
}
