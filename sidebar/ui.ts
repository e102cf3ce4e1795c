// Shared sidebar pieces: status line, busy state, rating chips.
import { byId, h } from './dom';
import { errorMessage } from './rpc';

const RATING_CLASS: Record<string, string> = {
  良好: 'good', 概ね良好: 'fair', 良好ではない: 'poor', A: 'good', B: 'good', C: 'fair', D: 'poor',
  shared: 'good', skipped: 'none', failed: 'poor',
};

export function chip(label: string, cls?: string): HTMLElement {
  return h('span', { class: `chip ${cls ?? RATING_CLASS[label] ?? 'none'}` }, label);
}

export function ratingClass(label: string): string | undefined {
  return RATING_CLASS[label];
}

export function setStatus(text: string, kind: 'idle' | 'busy' | 'error' = 'idle'): void {
  const el = byId('status');
  el.className = `status ${kind === 'idle' ? '' : kind}`;
  el.textContent = text;
}

/** Runs a server call with every button disabled and a spinner; errors go to the status line. */
export async function withBusy<T>(label: string, task: () => Promise<T>): Promise<T | undefined> {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('main button'));
  const wasDisabled = buttons.map((b) => b.disabled);
  buttons.forEach((b) => (b.disabled = true));
  setStatus(label, 'busy');
  try {
    const result = await task();
    setStatus('');
    return result;
  } catch (e) {
    setStatus(errorMessage(e), 'error');
    return undefined;
  } finally {
    buttons.forEach((b, i) => (b.disabled = wasDisabled[i]));
  }
}
