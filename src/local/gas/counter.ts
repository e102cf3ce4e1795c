// Counts every call into the local Apps Script services by "Class.method", and the cells those
// calls read or write. Service calls and cells moved are what an add-on pays for in Apps Script
// (docs/performance.md), so the benchmark reports both. Every call passes here, so this is also
// where the OAuth scopes of the manifest are enforced.

import type { ScopeGuard } from './scopes';

export class CallCounter {
  private readonly counts = new Map<string, number>();
  private readonly cellCounts = new Map<string, number>();
  /** Set by the runtime when it runs under a manifest: calls its scopes do not allow throw. */
  scopes: ScopeGuard | null = null;

  count(name: string): void {
    this.scopes?.check(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Cells a call read or wrote (values, display strings, formats, notes, validations). */
  countCells(name: string, cells: number): void {
    this.cellCounts.set(name, (this.cellCounts.get(name) ?? 0) + cells);
  }

  /** Counts sorted by name, for stable JSON output. */
  snapshot(): Record<string, number> {
    return sorted(this.counts);
  }

  /** Cells moved by method, sorted by name. */
  cellSnapshot(): Record<string, number> {
    return sorted(this.cellCounts);
  }

  /** Total calls, optionally only those whose name starts with `prefix` (e.g. "Range."). */
  total(prefix = ''): number {
    return sum(this.counts, prefix);
  }

  /** Total cells moved, optionally only by methods whose name starts with `prefix`. */
  cells(prefix = ''): number {
    return sum(this.cellCounts, prefix);
  }

  reset(): void {
    this.counts.clear();
    this.cellCounts.clear();
  }
}

function sorted(m: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [...m.keys()].sort()) out[key] = m.get(key)!;
  return out;
}

function sum(m: Map<string, number>, prefix: string): number {
  let s = 0;
  for (const [key, n] of m) if (key.startsWith(prefix)) s += n;
  return s;
}
