// Synthetic workbooks for the benchmark: the real Sukagawa rows (with their oddities) repeated
// under new plan IDs until the requested number of plans, so the mix of values stays realistic.
import { sukagawaGrids } from './sample/sukagawa';
import { SHEETS } from '../core/schema';

type Row = (string | number)[];

export function syntheticGrids(plans: number): Record<string, Row[]> {
  const grids = sukagawaGrids();
  const [header, ...rows] = grids[SHEETS.progress];
  const idCol = header.indexOf('プランID');
  // Plan blocks: a row with an ID and the continuation rows under it.
  const blocks: Row[][] = [];
  for (const row of rows) {
    if (String(row[idCol]).trim()) blocks.push([row]);
    else blocks[blocks.length - 1].push(row);
  }
  const out: Row[] = [header];
  for (let i = 0; i < plans; i++) {
    const block = blocks[i % blocks.length];
    const id = `${String(block[0][idCol])}-${String(Math.floor(i / blocks.length) + 1).padStart(4, '0')}`;
    block.forEach((row, k) => {
      const copy = row.slice();
      if (k === 0) copy[idCol] = id;
      out.push(copy);
    });
  }
  return { ...grids, [SHEETS.progress]: out };
}
