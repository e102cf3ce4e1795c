// The 統合プラン sheet read back. A merge that was undone stays on the sheet as 解除済 (for the
// lineage) but no longer counts: 集計 rates only the active unified plans.
import type { Grid, Plan } from './model';
import { unifiedPlanFromRow, type UnifiedPlan } from './merge';

/** Every unified plan on the sheet, with its 1-based sheet row. */
export function readAllUnified(grid: Grid | undefined, plans: Plan[]): { plan: UnifiedPlan; row: number }[] {
  if (!grid) return [];
  const out: { plan: UnifiedPlan; row: number }[] = [];
  grid.values.forEach((r, i) => {
    if (i === 0) return;
    const plan = unifiedPlanFromRow(r, plans);
    if (plan) out.push({ plan, row: i + 1 });
  });
  return out;
}

export function readUnifiedPlans(grid: Grid | undefined, plans: Plan[]): UnifiedPlan[] {
  return readAllUnified(grid, plans).map((u) => u.plan).filter((u) => u.status === '有効');
}
