// Runs `fn` as another signed-in user of the local spreadsheet (protections and editors are per user),
// then restores the previous user even when `fn` throws.
import type { createSpreadsheet } from '../../../src/local/gas/runtime';

export function asUser<T>(ss: ReturnType<typeof createSpreadsheet>, user: string, fn: () => T): T {
  const before = ss.model.env.user;
  ss.model.env.user = user;
  try {
    return fn();
  } finally {
    ss.model.env.user = before;
  }
}
