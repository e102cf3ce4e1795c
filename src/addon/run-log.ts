// The 実行ログ sheet: one row per command that changed something (when, who, what, counts,
// duration), so the 事務局 can tell who ran 集計 or a merge and when.
import type { Issue } from '../core/model';
import { SHEETS } from '../core/schema';
import type { Inputs } from './inputs';
import { prepareLogRow, type WriteBatch } from './sheets';

const LOG_HEADER = ['日時', '実行者', '処理', 'プラン数', '成果指標数', 'エラー', '警告', '所要時間(秒)'];

/**
 * Who runs the command: the active user's address; where Apps Script hides it (blank) or the
 * call throws (some add-on contexts), the effective user's (an add-on runs as the person using
 * it); else （不明）.
 */
export function currentUser(): string {
  for (const get of [() => Session.getActiveUser(), () => Session.getEffectiveUser()]) {
    try {
      const email = get().getEmail();
      if (email) return email;
    } catch {
      // Try the next source: who ran it is worth recording, not worth failing the command for.
    }
  }
  return '（不明）';
}

let lastLabel: { time: number; label: string } | null = null;

/** 'yyyy-MM-dd HH:mm' in Japan time; a command labels one instant several times, formatted once. */
export function nowLabel(date: Date): string {
  const time = date.getTime();
  if (lastLabel?.time !== time) lastLabel = { time, label: Utilities.formatDate(date, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm') };
  return lastLabel.label;
}

export interface LogEntry {
  what: string;
  who: string;
  at: Date;
  started: number;
  plans: number;
  indicators: number;
  issues: readonly Issue[];
}

/** Prepares the 実行ログ row of a command, written with the command's other writes. */
export function prepareRunLog(batch: WriteBatch, inputs: Inputs, e: LogEntry): void {
  const errors = e.issues.filter((i) => i.severity === 'エラー').length;
  prepareLogRow(batch, SHEETS.runLog, LOG_HEADER, [
    nowLabel(e.at), e.who, e.what, e.plans, e.indicators, errors, e.issues.length - errors,
    Math.round((Date.now() - e.started) / 100) / 10,
  ], inputs.sheets.get(SHEETS.runLog));
}
