// 入力依頼・提出状況・督促: read the inputs once, work out per department what is still to fill
// (src/core/requests.ts), then mail each department once (MailApp), record every send on the
// add-on-owned 入力依頼履歴, and write 提出状況. Addresses come only from 担当課. The automatic
// 督促 is one daily time-driven trigger of the user who set it (add-ons: one per user and document).
import type {
  AutoRemindInput, AutoRemindView, DepartmentStatusView, RequestInput, RequestPreview, RequestsOverview, SendResult,
} from './api';
import type { ReadResult } from '../core/reader';
import { readProgress } from '../core/reader';
import { escapeCell } from '../core/cells';
import { periodKey, periodLabel } from '../core/periods';
import {
  REQUEST_HISTORY_COLUMNS, REQUEST_KIND_LABELS, STATUS_COLUMNS, daysUntil, deadlineLabel, departmentStatuses, fingerprint,
  isComplete, parsePeriodKey, planMails, requestPeriods, statusLabel,
  type DepartmentStatus, type MailContext, type MailPlan, type RequestKind,
} from '../core/requests';
import type { Period } from '../core/model';
import { SHEETS } from '../core/schema';
import { UserError } from './errors';
import { INPUT_SHEETS, readInputs, type Inputs } from './inputs';
import { withDocumentLock } from './lock';
import { WriteBatch, prepareAppend, prepareOutputSheet } from './sheets';
import { currentUser, nowLabel } from './run-log';

/** Handler of the automatic 督促 trigger (a global function of main.ts). */
export const AUTO_REMIND_HANDLER = 'autoRemind';
const AUTO_KEY = 'depts.autoRemind';
const fpKey = (p: Period) => `depts.fp.${periodKey(p)}`;
const sentKey = (p: Period) => `depts.sent.${periodKey(p)}`;
/** Hour (script time zone) the daily trigger runs near. */
const AUTO_HOUR = 8;

interface AutoConfig {
  period: string;
  deadline: string;
  daysBefore: number;
  message: string;
  owner: string;
  createdAt: string;
}

interface Loaded {
  inputs: Inputs;
  read: ReadResult;
  period: Period;
  statuses: DepartmentStatus[];
}

function todayIso(): string {
  return Utilities.formatDate(new Date(), 'Asia/Tokyo', 'yyyy-MM-dd');
}

function load(periodKeyText: string | null): Loaded {
  const inputs = readInputs(INPUT_SHEETS, [SHEETS.submissions, SHEETS.requestHistory]);
  const read = readProgress(inputs.grids, { today: new Date() });
  if (read.layout.error) throw new UserError(read.layout.error);
  const options = requestPeriods(read.layout);
  if (options.length === 0) {
    throw new UserError(`「${read.layout.sheet}」シートに実績の列（例: 令和7年度実績、R7中間）が見つかりません。実績を入力する列の見出しに年度を書いてください。`);
  }
  const s = read.data.settings;
  const fallback = options.find((o) => o.key === periodKey({ fiscalYear: s.evaluationYear, kind: s.evaluationKind })) ?? options[0];
  const key = periodKeyText || fallback.key;
  const period = parsePeriodKey(key);
  if (!period || !options.some((o) => o.key === key)) {
    throw new UserError(`対象期間「${key}」は「${read.layout.sheet}」シートにありません。一覧から選び直してください。`);
  }
  return { inputs, read, period, statuses: departmentStatuses(read.data, read.issues, period) };
}

function readJson<T>(key: string): T | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

type Fingerprints = Record<string, { fp: string; at: string }>;

/**
 * When each department last changed its entries: its fingerprint now against the one stored at
 * the previous look (提出状況 or a send). Returns the labels and saves the new fingerprints.
 */
function trackChanges(period: Period, statuses: readonly DepartmentStatus[], now: Date): Record<string, string> {
  const stored = readJson<Fingerprints>(fpKey(period)) ?? {};
  const next: Fingerprints = {};
  const labels: Record<string, string> = {};
  let changed = false;
  for (const s of statuses) {
    if (s.expected === 0) continue;
    const fp = fingerprint(s);
    const prev = stored[s.department];
    if (!prev) {
      // First look: when it was typed is unknown; "seen by" the time of this look.
      next[s.department] = { fp, at: s.filled ? `${nowLabel(now)}以前` : '' };
      changed = true;
    } else if (prev.fp !== fp) {
      next[s.department] = { fp, at: nowLabel(now) };
      changed = true;
    } else {
      next[s.department] = prev;
    }
    labels[s.department] = next[s.department].at;
  }
  if (changed) PropertiesService.getDocumentProperties().setProperty(fpKey(period), JSON.stringify(next));
  return labels;
}

function statusViews(l: Loaded, changes: Record<string, string>): DepartmentStatusView[] {
  const sent = readJson<Record<string, string>>(sentKey(l.period)) ?? {};
  return l.statuses
    .filter((s) => s.expected > 0 || s.emails.length > 0)
    .map((s) => ({
      department: s.department,
      emails: s.emails,
      expected: s.expected,
      filled: s.filled,
      missing: s.missing.length,
      errors: s.errors,
      status: statusLabel(s),
      complete: isComplete(s),
      lastChange: changes[s.department] ?? '',
      lastRequest: sent[s.department] ?? '',
    }))
    .sort((a, b) => Number(a.complete) - Number(b.complete) || b.missing - a.missing || (a.department < b.department ? -1 : 1));
}

function appendHistory(l: Loaded, rows: string[][]): void {
  const batch = new WriteBatch(l.inputs.ss);
  prepareAppend(batch, SHEETS.requestHistory, REQUEST_HISTORY_COLUMNS, rows.map((row) => row.map((v) => escapeCell(v))), l.inputs.sheets.get(SHEETS.requestHistory));
  batch.commit();
}

function writeStatusSheet(l: Loaded, views: readonly DepartmentStatusView[]): void {
  const values: (string | number)[][] = [[...STATUS_COLUMNS], ...views.map((v) => [
    escapeCell(v.department), escapeCell(v.emails.join(', ') || '（なし）'), v.expected, v.filled, v.missing, v.errors,
    v.status, escapeCell(v.lastChange), escapeCell(v.lastRequest),
  ])];
  const title = `${periodLabel(l.period)}の提出状況（${nowLabel(new Date())} 時点）`;
  values.push([], [escapeCell(title)]);
  const batch = new WriteBatch(l.inputs.ss);
  prepareOutputSheet(batch, SHEETS.submissions, {
    values,
    backgrounds: values.map((row, r) => row.map((_, c) => (r > 0 && r <= views.length && c === 6 ? (views[r - 1].complete ? '#d9ead3' : views[r - 1].missing ? '#fce8b2' : null) : null))),
    widths: [130, 220, 50, 60, 60, 90, 80, 140, 140],
  }, l.inputs.sheets.get(SHEETS.submissions));
  batch.commit();
}

function autoView(): AutoRemindView | null {
  const c = readJson<AutoConfig>(AUTO_KEY);
  if (!c) return null;
  const p = parsePeriodKey(c.period);
  return {
    period: c.period, periodLabel: p ? periodLabel(p) : c.period, deadline: c.deadline, deadlineLabel: deadlineLabel(c.deadline) ?? c.deadline,
    daysBefore: c.daysBefore, owner: c.owner,
  };
}

/** 提出状況: per department, in the sidebar and on the 提出状況 sheet. */
export function departmentOverview(periodKeyText: string): RequestsOverview {
  return withDocumentLock('提出状況', () => {
    const l = load(periodKeyText || null);
    const views = statusViews(l, trackChanges(l.period, l.statuses, new Date()));
    writeStatusSheet(l, views);
    return {
      periods: requestPeriods(l.read.layout),
      period: periodKey(l.period),
      periodLabel: periodLabel(l.period),
      quota: MailApp.getRemainingDailyQuota(),
      departments: views,
      auto: autoView(),
      noAddress: l.statuses.filter((s) => s.expected > 0 && s.emails.length === 0).map((s) => s.department),
    };
  });
}

function mailContext(l: Loaded, kind: RequestKind, deadline: string, message: string): MailContext {
  const s = l.read.data.settings;
  return { kind, planName: s.planName, office: s.office, period: l.period, deadline, message, url: l.inputs.ss.getUrl() };
}

function checkDeadline(deadline: string): void {
  if (!deadlineLabel(deadline)) throw new UserError(`入力期限「${deadline}」が日付として読めません。カレンダーから日付を選んでください。`);
}

function selection(l: Loaded, input: RequestInput): MailPlan {
  // 督促 goes to departments that are not complete; a department complete since the preview drops out.
  return planMails(l.statuses, mailContext(l, input.kind, input.deadline, input.message), input.departments);
}

/** The mails as they would be sent, and the quota: nothing is sent or written. */
export function previewRequests(input: RequestInput): RequestPreview {
  checkDeadline(input.deadline);
  const l = load(input.period);
  const plan = selection(l, input);
  const quota = MailApp.getRemainingDailyQuota();
  return {
    periodLabel: periodLabel(l.period),
    deadlineLabel: deadlineLabel(input.deadline) ?? input.deadline,
    mails: plan.mails,
    skipped: plan.skipped,
    complete: l.statuses.filter(isComplete).map((s) => s.department),
    recipients: plan.recipients,
    quota,
    enough: plan.recipients <= quota,
  };
}

interface SendOutcome {
  department: string;
  to: string[];
  rows: number;
  result: string;
  ok: boolean;
}

/**
 * Sends one mail per department, after checking the day's quota covers every recipient: either
 * all fit or nothing is sent. A failure midway (the quota used elsewhere meanwhile) stops the
 * run; what was sent and what was not is recorded on 入力依頼履歴 either way.
 */
function send(l: Loaded, input: RequestInput, who: string): SendResult {
  const plan = selection(l, input);
  const label = REQUEST_KIND_LABELS[input.kind];
  if (plan.mails.length === 0) {
    const why = plan.skipped.length ? `（メールアドレスのない課: ${plan.skipped.map((s) => s.department).join('、')}）` : '';
    throw new UserError(`${periodLabel(l.period)}について、${label}を送る課はありません。すべての課が入力済みか、宛先がありません${why}。`);
  }
  const quota = MailApp.getRemainingDailyQuota();
  if (plan.recipients > quota) {
    throw new UserError(
      `今日送信できるメールの宛先は残り ${quota} 件で、今回の${label}には ${plan.recipients} 件必要です。何も送信していません。` +
      '明日以降に送るか、対象の課を絞って送ってください。',
    );
  }
  // The record must be writable before anything is sent (a person's sheet under that name, an
  // input rule): checked by preparing a throwaway append, which writes nothing.
  prepareAppend(new WriteBatch(l.inputs.ss), SHEETS.requestHistory, REQUEST_HISTORY_COLUMNS,
    [REQUEST_HISTORY_COLUMNS.map(() => '')], l.inputs.sheets.get(SHEETS.requestHistory));
  const office = l.read.data.settings.office;
  const outcomes: SendOutcome[] = [];
  let stopped = '';
  for (const m of plan.mails) {
    if (stopped) {
      outcomes.push({ department: m.department, to: m.to, rows: m.rows, result: `未送信: ${stopped}`, ok: false });
      continue;
    }
    try {
      const replyTo = who.includes('@') ? who : undefined;
      MailApp.sendEmail({ to: m.to.join(','), subject: m.subject, body: m.body, name: office || '進捗管理 事務局', ...(replyTo ? { replyTo } : {}) });
      outcomes.push({ department: m.department, to: m.to, rows: m.rows, result: '送信', ok: true });
    } catch (e) {
      const detail = (e as { message?: string })?.message ?? String(e);
      stopped = /too many times|Limit Exceeded/i.test(detail) ? '送信上限に達しました' : `送信できませんでした（${detail}）`;
      outcomes.push({ department: m.department, to: m.to, rows: m.rows, result: `未送信: ${stopped}`, ok: false });
    }
  }
  const now = new Date();
  const when = nowLabel(now);
  const deadline = deadlineLabel(input.deadline) ?? input.deadline;
  appendHistory(l, [
    ...outcomes.map((o) => [when, who, label, periodLabel(l.period), deadline, o.department, o.to.join(', '), String(o.rows), o.result]),
    ...plan.skipped.map((s) => [when, who, label, periodLabel(l.period), deadline, s.department, '', '', `未送信: ${s.reason}`]),
  ]);
  const sentMap = readJson<Record<string, string>>(sentKey(l.period)) ?? {};
  for (const o of outcomes) if (o.ok) sentMap[o.department] = `${when} ${label}`;
  PropertiesService.getDocumentProperties().setProperty(sentKey(l.period), JSON.stringify(sentMap));
  trackChanges(l.period, l.statuses, now);
  const sent = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  return {
    message: failed.length
      ? `${sent.length} 課に${label}を送信しましたが、${failed.length} 課には送信できませんでした（${stopped}）。「${SHEETS.requestHistory}」シートに記録しました。`
      : `${sent.length} 課に${label}を送信し、「${SHEETS.requestHistory}」シートに記録しました。`,
    sent: sent.map((o) => ({ department: o.department, to: o.to, rows: o.rows })),
    failed: [...failed.map((o) => ({ department: o.department, reason: o.result })), ...plan.skipped],
    quota: MailApp.getRemainingDailyQuota(),
  };
}

/** 入力依頼 / 督促 by hand (sidebar). */
export function sendRequests(input: RequestInput): SendResult {
  checkDeadline(input.deadline);
  return withDocumentLock(REQUEST_KIND_LABELS[input.kind], () => send(load(input.period), input, currentUser()));
}

function myTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === AUTO_REMIND_HANDLER);
}

/**
 * Sets the automatic 督促: one daily trigger (add-ons may have one time-driven trigger per user
 * and document, and run it at most hourly), replacing this user's earlier one.
 */
export function setAutoRemind(input: AutoRemindInput): AutoRemindView {
  checkDeadline(input.deadline);
  return withDocumentLock('自動督促の設定', () => {
    const l = load(input.period);
    const today = todayIso();
    if (daysUntil(today, input.deadline) < 0) throw new UserError('入力期限が過ぎています。これからの日付を選んでください。');
    const who = currentUser();
    const existing = readJson<AutoConfig>(AUTO_KEY);
    if (existing && existing.owner !== who) {
      throw new UserError(`自動督促は ${existing.owner} さんが設定済みです。変更するときは、その方が「自動督促を解除」してから設定してください。`);
    }
    for (const t of myTriggers()) ScriptApp.deleteTrigger(t);
    ScriptApp.newTrigger(AUTO_REMIND_HANDLER).timeBased().everyDays(1).atHour(AUTO_HOUR).create();
    const config: AutoConfig = {
      period: periodKey(l.period), deadline: input.deadline, daysBefore: input.daysBefore, message: input.message, owner: who,
      createdAt: nowLabel(new Date()),
    };
    PropertiesService.getDocumentProperties().setProperty(AUTO_KEY, JSON.stringify(config));
    return autoView()!;
  });
}

/** Removes the automatic 督促: this user's trigger and the setting. */
export function clearAutoRemind(): string {
  return withDocumentLock('自動督促の解除', () => {
    const existing = readJson<AutoConfig>(AUTO_KEY);
    const who = currentUser();
    const mine = myTriggers();
    for (const t of mine) ScriptApp.deleteTrigger(t);
    if (existing && existing.owner !== who && mine.length === 0) {
      // Another user's trigger is invisible here; without the setting it stops at its next run.
      PropertiesService.getDocumentProperties().deleteProperty(AUTO_KEY);
      return `自動督促を解除しました（${existing.owner} さんのトリガーは次の実行時に止まります）。`;
    }
    PropertiesService.getDocumentProperties().deleteProperty(AUTO_KEY);
    return existing || mine.length ? '自動督促を解除しました。' : '自動督促は設定されていません。';
  });
}

/**
 * The daily trigger: from N days before the deadline, once, mails the departments not complete;
 * then removes itself. Runs without a UI, so everything is recorded on 入力依頼履歴.
 */
export function runAutoRemind(): void {
  const config = readJson<AutoConfig>(AUTO_KEY);
  if (!config) {
    for (const t of myTriggers()) ScriptApp.deleteTrigger(t);
    return;
  }
  const left = daysUntil(todayIso(), config.deadline);
  if (left < 0) {
    for (const t of myTriggers()) ScriptApp.deleteTrigger(t);
    PropertiesService.getDocumentProperties().deleteProperty(AUTO_KEY);
    return;
  }
  if (left > config.daysBefore) return;
  withDocumentLock('自動督促', () => {
    const l = load(config.period);
    const input: RequestInput = { kind: 'auto', period: config.period, deadline: config.deadline, message: config.message };
    try {
      send(l, input, config.owner);
    } catch (e) {
      // Nothing to send (all complete) or the quota: say so on the history, where the 事務局 looks.
      const reason = e instanceof UserError ? e.message : String((e as { message?: string })?.message ?? e);
      appendHistory(l, [[
        nowLabel(new Date()), config.owner, REQUEST_KIND_LABELS.auto, periodLabel(l.period), deadlineLabel(config.deadline) ?? config.deadline,
        '', '', '', `未送信: ${reason}`,
      ]]);
    }
  });
  for (const t of myTriggers()) ScriptApp.deleteTrigger(t);
  PropertiesService.getDocumentProperties().deleteProperty(AUTO_KEY);
}
