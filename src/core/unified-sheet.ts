// The 統合プラン sheet read back as the unified plans 集計 rates: active rows only (a merge
// that was undone stays on the sheet as 解除済, for the lineage, but no longer counts).
import type { Grid } from './model';
import type { UnifiedPlanInput } from './aggregate';
import { UNIFIED_COLUMNS } from './schema';
import { cellText } from './text';

const LIST_SEPARATOR = /[、,，]\s*/;

function list(text: string): string[] {
  return text.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
}

export function readUnifiedPlans(grid: Grid | undefined): UnifiedPlanInput[] {
  if (!grid || grid.values.length < 2) return [];
  const header = grid.values[0].map((h) => cellText(h));
  const col = (name: (typeof UNIFIED_COLUMNS)[number]) => header.indexOf(name);
  const at = (row: readonly unknown[], name: (typeof UNIFIED_COLUMNS)[number]) => {
    const c = col(name);
    return c < 0 ? '' : cellText(row[c] as never);
  };
  const out: UnifiedPlanInput[] = [];
  for (const row of grid.values.slice(1)) {
    const id = at(row, '統合プランID');
    if (!id || at(row, '状態') !== '有効') continue;
    out.push({
      id,
      name: at(row, '統合プラン名'),
      goalCode: at(row, '基本目標'),
      mainDept: at(row, '主担当課'),
      relatedDepts: list(at(row, '関係課')),
      memberIds: list(at(row, '統合元プランID')),
    });
  }
  return out;
}
