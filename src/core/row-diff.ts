// Which rows of a table were inserted and deleted between two versions, by each row's key (Myers'
// O((N+M)·D) diff, giving up past a number of edits): lets an output sheet move its rows instead of
// rewriting every row below a new one.

/** Rows [p0, p0 + del) of the old table replaced by rows [n0, n0 + ins) of the new one. */
export interface Hunk {
  p0: number;
  del: number;
  n0: number;
  ins: number;
}

/** The hunks turning `prev` into `next` (in order), or null when it takes more than `maxEdits` rows inserted or deleted. */
export function diffKeys(prev: readonly string[], next: readonly string[], maxEdits: number): Hunk[] | null {
  const n = prev.length;
  const m = next.length;
  const max = Math.min(maxEdits, n + m);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && prev[x] === next[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice());
        return hunks(backtrack(trace, n, m, off));
      }
    }
    trace.push(v.slice());
  }
  return null;
}

type Edit = { del: boolean; p: number; n: number };

function backtrack(trace: Int32Array[], n: number, m: number, off: number): Edit[] {
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d - 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? k + 1 : k - 1;
    const px = v[off + prevK];
    const py = px - prevK;
    while (x > px && y > py) {
      x--;
      y--;
    }
    // From (px, py): one step down (a row of next inserted) or right (a row of prev deleted).
    if (x === px) edits.push({ del: false, p: px, n: py });
    else edits.push({ del: true, p: px, n: py });
    x = px;
    y = py;
  }
  return edits.reverse();
}

function hunks(edits: Edit[]): Hunk[] {
  const out: Hunk[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && e.p === last.p0 + last.del && e.n === last.n0 + last.ins) {
      if (e.del) last.del++;
      else last.ins++;
      continue;
    }
    out.push({ p0: e.p, del: e.del ? 1 : 0, n0: e.n, ins: e.del ? 0 : 1 });
  }
  return out;
}
