// Counts every call into the local Apps Script services by "Class.method".
// Service calls are what an add-on pays for in Apps Script, so the benchmark reports them.
// Every call passes here, so this is also where the OAuth scopes of the manifest are enforced.

import type { ScopeGuard } from './scopes';

export class CallCounter {
  private readonly counts = new Map<string, number>();
  /** Set by the runtime when it runs under a manifest: calls its scopes do not allow throw. */
  scopes: ScopeGuard | null = null;

  count(name: string): void {
    this.scopes?.check(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Counts sorted by name, for stable JSON output. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) out[key] = this.counts.get(key)!;
    return out;
  }

  /** Total calls, optionally only those whose name starts with `prefix` (e.g. "Range."). */
  total(prefix = ''): number {
    let sum = 0;
    for (const [key, n] of this.counts) if (key.startsWith(prefix)) sum += n;
    return sum;
  }

  reset(): void {
    this.counts.clear();
  }
}
