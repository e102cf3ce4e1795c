// Every function google.script.run can call validates its arguments server-side (the sidebar
// is just a web page, so anything may arrive) and fails with a Japanese message only.
import * as z from 'zod/mini';
import { UserError, userMessage } from './errors';

export function endpoint<A extends readonly [z.core.SomeType, ...z.core.SomeType[]] | readonly [], R>(
  args: z.ZodMiniTuple<A, null>,
  fn: (...a: z.infer<z.ZodMiniTuple<A, null>>) => R,
): (...raw: unknown[]) => R {
  return (...raw: unknown[]) => {
    const parsed = args.safeParse(raw);
    if (!parsed.success) {
      throw new UserError('サイドバーからの要求の形式が正しくありません。サイドバーを閉じて開き直してください。');
    }
    try {
      return fn(...(parsed.data as z.infer<z.ZodMiniTuple<A, null>>));
    } catch (e) {
      // The sidebar shows the message as is: always Japanese, never a stack trace.
      throw new Error(userMessage(e));
    }
  };
}
