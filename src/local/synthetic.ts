// Synthetic workbooks for the benchmark: the real Sukagawa rows (with their oddities) repeated
// under new plan IDs until the requested number of plans, so the mix of values stays realistic.
// A plain number typed into Sheets is stored as a number ("1,049" → 1049, a 基本目標 "1" → 1), so
// such cells are numbers here too; figures with units ("208件") stay text.
import { sukagawaGrids } from './sample/sukagawa';
import { SHEETS } from '../core/schema';

type Row = (string | number)[];

/** What Sheets stores for a typed text: a plain number becomes a number. */
function typed(v: string | number): string | number {
  if (typeof v !== 'string' || !/^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/.test(v.trim())) return v;
  return Number(v.replace(/,/g, ''));
}

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
      const copy = row.map(typed);
      if (k === 0) copy[idCol] = id;
      out.push(copy);
    });
  }
  return { ...grids, [SHEETS.progress]: out };
}
