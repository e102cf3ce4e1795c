// Shared sidebar pieces: status line, busy state, rating chips, codes kept on one line.
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

/**
 * Codes such as plan IDs (1-2-3, 5-4), 1-①-ア or a cell (プラン・指標!C8): a line break inside
 * one makes 「9-」「3」 read as two things, so each is kept whole (white-space: nowrap).
 */
const CODE = /[0-9０-９]+(?:[-‐－―][0-9０-９①-⑳A-Za-zア-ンｱ-ﾝ]+)+|[^\s「」（）()、。:：]+![A-Z]{1,3}[0-9]{1,7}/g;

/** Text with its codes wrapped in <span class="code">; all of it as text nodes, never HTML. */
export function withCodes(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(CODE)) {
    const at = m.index ?? 0;
    if (at > last) out.appendChild(document.createTextNode(text.slice(last, at)));
    out.appendChild(h('span', { class: 'code' }, m[0]));
    last = at + m[0].length;
  }
  if (last < text.length) out.appendChild(document.createTextNode(text.slice(last)));
  return out;
}

/** A code on its own (plan ID, goal code), never broken across lines. */
export function code(text: string): HTMLElement {
  return h('span', { class: 'code' }, text);
}

/**
 * How alike a suggested group is, in words; the score (0..1) stays as a tooltip. The bands follow
 * docs/merge.md: from 0.3 the pairs were right 84 % of the time, from 0.5 nearly always.
 */
export function similarityWords(score: number): { label: string; cls: string } {
  if (score >= 0.5) return { label: 'よく似ている', cls: 'good' };
  if (score >= 0.3) return { label: '似ている', cls: 'fair' };
  return { label: '少し似ている', cls: 'none' };
}

export function setStatus(text: string, kind: 'idle' | 'busy' | 'error' = 'idle'): void {
  const el = byId('status');
  el.className = `status ${kind === 'idle' ? '' : kind}`;
  el.textContent = text;
}

/**
 * Shows a result card once it is filled: the panel's help folds away (it came before the results)
 * and the card scrolls into view with focus on its heading, for keyboard and screen-reader users.
 */
export function revealResult(card: HTMLElement, help?: HTMLDetailsElement | null): void {
  card.hidden = false;
  if (help) help.open = false;
  const heading = card.querySelector<HTMLElement>('h2[tabindex]');
  heading?.focus({ preventScroll: true });
  card.scrollIntoView({ block: 'start', behavior: 'auto' });
}

/**
 * Runs a server call with every button disabled, the pressed one marked busy and a spinner on
 * the status line (sticky, so it is seen from anywhere in the panel); errors go there too.
 */
export async function withBusy<T>(label: string, task: () => Promise<T>): Promise<T | undefined> {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('main button'));
  const wasDisabled = buttons.map((b) => b.disabled);
  const pressed = document.activeElement instanceof HTMLButtonElement && buttons.includes(document.activeElement)
    ? document.activeElement : null;
  buttons.forEach((b) => (b.disabled = true));
  pressed?.classList.add('busy');
  const main = document.querySelector('main');
  main?.setAttribute('aria-busy', 'true');
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
    pressed?.classList.remove('busy');
    main?.removeAttribute('aria-busy');
    // A button disabled while focused loses focus; give it back so the keyboard stays in place.
    if (pressed && pressed.isConnected && !pressed.disabled && document.activeElement === document.body) pressed.focus();
  }
}
