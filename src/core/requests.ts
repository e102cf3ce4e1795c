// The departments' side of the cycle, pure: which rows each 担当課 still has to fill for a
// period, its 提出状況 (expected / filled / with errors / last change), and the Japanese mails of
// 入力依頼 and 督促. No Apps Script here: src/addon/requests.ts reads, sends and writes.
import type { Department, Indicator, Issue, Period, ProgressData } from './model';
import type { Layout } from './layout';
import { comparePeriods, periodKey, periodLabel } from './periods';
import { warekiDate } from './wareki';

export type RequestKind = 'request' | 'remind' | 'auto';

export const REQUEST_KIND_LABELS: Record<RequestKind, string> = { request: '入力依頼', remind: '督促', auto: '自動督促' };

/** 入力依頼履歴 (add-on-owned): one row per department per send; earlier rows are kept. */
export const REQUEST_HISTORY_COLUMNS = [
  '送信日時', '送信者', '種別', '対象期間', '入力期限', '担当課', '宛先', '未入力の件数', '結果',
] as const;

/** 提出状況 (add-on-owned): rewritten by each 提出状況 run. */
export const STATUS_COLUMNS = [
  '担当課', '宛先', '対象', '入力済み', '未入力', 'エラーのある行', '状態', '最終変更', '最終依頼',
] as const;

/** Plans that no longer report: nothing is asked of them. */
const ENDED = new Set(['中止']);

export interface PeriodOption {
  key: string;
  label: string;
}

/** The periods people can be asked for: the actual columns of the progress sheet, latest first. */
export function requestPeriods(layout: Layout): PeriodOption[] {
  const seen = new Map<string, Period>();
  for (const pc of layout.periods) if (pc.period.kind === 'year' || pc.period.kind === 'mid') seen.set(periodKey(pc.period), pc.period);
  return [...seen.values()].sort((a, b) => comparePeriods(b, a)).map((p) => ({ key: periodKey(p), label: periodLabel(p) }));
}

export function parsePeriodKey(key: string): Period | null {
  const m = /^(\d{4}):(year|mid)$/.exec(key);
  return m ? { fiscalYear: Number(m[1]), kind: m[2] as 'year' | 'mid' } : null;
}

/** One indicator row a department is expected to fill for the period. */
export interface ExpectedRow {
  planId: string;
  planName: string;
  indicator: string;
  unit: string;
  department: string;
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** A1 of the period's cell on that row. */
  cell: string;
  filled: boolean;
  /** The text typed (for the change fingerprint). */
  text: string;
  /** エラー findings on the row (入力チェック). */
  errors: number;
}

export interface DepartmentStatus {
  department: string;
  /** Addresses on 担当課 (empty: no mail can be sent, protection is warning-only). */
  emails: string[];
  /** Listed on 担当課 at all. */
  known: boolean;
  expected: number;
  filled: number;
  errors: number;
  missing: ExpectedRow[];
  rows: ExpectedRow[];
}

function actualOf(ind: Indicator, period: Period) {
  return ind.actuals.find((a) => a.period.fiscalYear === period.fiscalYear && a.period.kind === period.kind);
}

/**
 * Expected rows per department for `period`: every indicator of every plan still reporting that
 * has a cell for the period, under the indicator's department (the plan's 主担当課 unless the
 * row names another). Departments on 担当課 without rows are listed with nothing expected.
 */
export function departmentStatuses(data: ProgressData, issues: readonly Issue[], period: Period): DepartmentStatus[] {
  const errorsByRow = new Map<string, number>();
  for (const i of issues) {
    if (i.severity !== 'エラー') continue;
    const k = `${i.sheet}\u0000${i.row}`;
    errorsByRow.set(k, (errorsByRow.get(k) ?? 0) + 1);
  }
  const byName = new Map<string, DepartmentStatus>();
  const deptOf = new Map<string, Department>(data.departments.map((d) => [d.name, d]));
  const status = (name: string): DepartmentStatus => {
    let s = byName.get(name);
    if (!s) {
      const d = deptOf.get(name);
      s = { department: name, emails: d ? [...d.emails] : [], known: !!d, expected: 0, filled: 0, errors: 0, missing: [], rows: [] };
      byName.set(name, s);
    }
    return s;
  };
  for (const d of data.departments) status(d.name);
  for (const plan of data.plans) {
    if (ENDED.has(plan.status)) continue;
    for (const ind of plan.indicators) {
      const a = actualOf(ind, period);
      if (!a) continue;
      const name = ind.department || plan.mainDept || '（担当課なし）';
      const errors = errorsByRow.get(`${ind.sheet}\u0000${ind.row}`) ?? 0;
      const row: ExpectedRow = {
        planId: plan.id, planName: plan.name, indicator: ind.name, unit: ind.unit, department: name,
        sheet: ind.sheet, row: ind.row, cell: a.cell, filled: a.value.kind !== 'empty', text: a.value.text, errors,
      };
      const s = status(name);
      s.rows.push(row);
      s.expected++;
      if (row.filled) s.filled++;
      else s.missing.push(row);
      if (errors) s.errors++;
    }
  }
  return [...byName.values()];
}

/** Complete: every expected row filled and none with an error. */
export function isComplete(s: DepartmentStatus): boolean {
  return s.expected > 0 && s.missing.length === 0 && s.errors === 0;
}

export function statusLabel(s: DepartmentStatus): string {
  if (s.expected === 0) return '対象なし';
  if (isComplete(s)) return '完了';
  if (s.missing.length === 0) return 'エラーあり';
  return s.filled === 0 ? '未着手' : '入力中';
}

/**
 * A short fingerprint of what the department typed for the period (FNV-1a over the cells'
 * text): 提出状況 compares it with the last one seen to tell when the department last changed
 * something, without reading the sheet's edit history (which Apps Script does not expose).
 */
export function fingerprint(s: DepartmentStatus): string {
  let h = 0x811c9dc5;
  const text = s.rows.map((r) => `${r.cell}=${r.text}`).join('\u0001');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** '2026-05-29' → '令和8年5月29日（金）'; null when not a real date. */
export function deadlineLabel(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${warekiDate(y, mo, d)}（${'日月火水木金土'[date.getUTCDay()]}）`;
}

/** Whole days from `today` to `deadline` (both yyyy-mm-dd): 0 on the day, negative after it. */
export function daysUntil(today: string, deadline: string): number {
  const t = Date.parse(today + 'T00:00:00Z');
  const d = Date.parse(deadline + 'T00:00:00Z');
  return Math.round((d - t) / 86400000);
}

export interface MailContext {
  kind: RequestKind;
  planName: string;
  /** 担当部署 on 設定 (the 事務局), signs the mail. */
  office: string;
  period: Period;
  /** yyyy-mm-dd */
  deadline: string;
  message: string;
  url: string;
}

export interface DepartmentMail {
  department: string;
  to: string[];
  subject: string;
  body: string;
  /** Rows listed (still to fill). */
  rows: number;
}

/** Rows listed in one mail; the rest are summarised (a mail is not the place for 300 rows). */
export const MAIL_ROW_LIMIT = 100;

/** One plain-text Japanese mail for a department: exactly its rows still to fill. */
export function composeMail(s: DepartmentStatus, ctx: MailContext): DepartmentMail {
  const period = periodLabel(ctx.period);
  const deadline = deadlineLabel(ctx.deadline) ?? ctx.deadline;
  const office = ctx.office || '事務局';
  const plan = ctx.planName || '進捗管理';
  const again = ctx.kind !== 'request';
  const subject = `【${again ? '再依頼' : '入力依頼'}】${plan} ${period}の入力のお願い（${deadline}まで）`;
  const lines: string[] = [];
  lines.push(`${s.department} ご担当者様`, '', `${office}です。`);
  if (again) {
    lines.push(`${plan}の${period}について、まだ入力されていない項目があります（${s.expected}件中${s.filled}件入力済み）。`,
      `お忙しいところ恐れ入りますが、${deadline}までに入力をお願いします。`);
  } else {
    lines.push(`${plan}の${period}の入力をお願いします。`, `入力期限: ${deadline}`);
  }
  if (ctx.message.trim()) lines.push('', ctx.message.trim());
  lines.push('', `■ 入力が必要な項目（${s.missing.length}件）`);
  for (const r of s.missing.slice(0, MAIL_ROW_LIMIT)) {
    const ind = r.indicator ? `${r.indicator}${r.unit ? `（${r.unit}）` : ''}` : '（成果指標）';
    lines.push(`・${r.planId} ${r.planName} ― ${ind}: 「${r.sheet}」シート ${r.cell}`);
  }
  if (s.missing.length > MAIL_ROW_LIMIT) lines.push(`・ほか ${s.missing.length - MAIL_ROW_LIMIT} 件（スプレッドシートでご確認ください）`);
  lines.push('', '■ 入力先', ctx.url, '',
    '数値は単位ごと（例: 1,020件、30%）でも入力できます。取得できない場合は「取得不可」と理由をコメント欄に書いてください。',
    `ご不明な点は${office}までお問い合わせください。`, '', `（このメールは${plan}の進捗管理アドオンから${office}が送信しています）`);
  return { department: s.department, to: [...s.emails], subject, body: lines.join('\n'), rows: s.missing.length };
}

export interface MailPlan {
  mails: DepartmentMail[];
  /** Departments with rows to fill that get no mail, and why. */
  skipped: { department: string; reason: string }[];
  /** Recipients the sending will use from the daily quota. */
  recipients: number;
}

/**
 * Who gets a mail: departments with rows still to fill and at least one address on 担当課.
 * A complete department, or one with nothing expected, gets nothing. Addresses come only from
 * 担当課 (DepartmentStatus.emails): nothing else can end up in `to`.
 */
export function planMails(statuses: readonly DepartmentStatus[], ctx: MailContext, only?: readonly string[]): MailPlan {
  const mails: DepartmentMail[] = [];
  const skipped: MailPlan['skipped'] = [];
  const wanted = only ? new Set(only) : null;
  for (const s of statuses) {
    if (wanted && !wanted.has(s.department)) continue;
    if (s.missing.length === 0) continue;
    if (!s.known) {
      skipped.push({ department: s.department, reason: '「担当課」シートにない課です。課名を直すか、担当課シートに追加してください。' });
      continue;
    }
    if (s.emails.length === 0) {
      skipped.push({ department: s.department, reason: '「担当課」シートにメールアドレスがありません。' });
      continue;
    }
    mails.push(composeMail(s, ctx));
  }
  return { mails, skipped, recipients: mails.reduce((n, m) => n + m.to.length, 0) };
}
