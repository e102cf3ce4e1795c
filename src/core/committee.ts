// The committee's side of the cycle: the 委員評価フォーム (what it asks, per 基本方針 and 基本目標)
// and what the members' answers add up to (distribution, consensus, spread, difference from the
// computed rating, opinions per 基本方針 as drafts for 提言). Pure: the add-on reads the form and
// the sheets, this decides.
import type { AggregateResult, GoalResult } from './aggregate';
import type { Grid, HierarchyItem, Member, Plan } from './model';
import type { Computation } from './pipeline';
import type { MemberView } from './results-table';
import { escapeCell, gridCellText } from './cells';
import { warekiLabel } from './periods';
import * as z from 'zod/mini';

const EMAIL = z.email();

/**
 * Members the form is for: 共有の要否 要 and a valid address on 委員名簿 (the rule 入力チェック
 * applies). Only they may answer, get the link by mail, and are counted.
 */
export function reachableMembers(members: Member[]): Member[] {
  return members.filter((m) => m.share && EMAIL.safeParse(m.email.trim()).success);
}

/** The mail that sends a member the form's link. */
export function formMail(member: Member, planName: string, period: string, url: string, deadline: string, office: string): { subject: string; body: string } {
  const name = planName.trim() || '地域情報化計画';
  return {
    subject: `【${name}】委員評価のお願い（${period}）`,
    body: [
      `${member.name} 様`,
      '',
      `${name}の${period}の進捗について、基本目標ごとの評価（良好／概ね良好／良好ではない）とご意見を、次のフォームからお寄せください。`,
      '',
      url,
      '',
      deadline ? `回答の締切: ${deadline}（締切までは回答を修正できます）` : '回答は締切まで修正できます。',
      'フォームには、このメールを受け取った Google アカウントでログインして回答してください（回答にはメールアドレスが記録されます）。',
      '',
      office ? `${office}（進捗管理 事務局）` : '進捗管理 事務局',
    ].join('\n'),
  };
}

/** The choices a member gives per 基本目標, in the order the form shows them. */
export const MEMBER_CHOICES = ['良好', '概ね良好', '良好ではない'] as const;
export type MemberChoice = (typeof MEMBER_CHOICES)[number];

export const SHEET_MEMBER_RATINGS = '委員評価';
export const SHEET_MEMBER_OPINIONS = '委員意見';

export const MEMBER_RATING_COLUMNS = [
  '期間', '基本方針', '基本目標', '基本目標名', '集計の評価', '良好', '概ね良好', '良好ではない', '回答数', '委員の評価（最多）', 'ばらつき', '集計との違い',
] as const;

/** 採用 is typed by the 事務局 (✓ / 採用): the opinion is used as a 提言 in the report. */
export const MEMBER_OPINION_COLUMNS = ['基本方針', '基本目標', '委員', '役職', '意見', '回答日時', '採用'] as const;

export interface FormQuestion {
  goalCode: string;
  /** Title of the rating question (also the key a response is matched by, with the item ID). */
  title: string;
  help: string;
  opinionTitle: string;
}

export interface FormSection {
  policyCode: string;
  title: string;
  help: string;
  questions: FormQuestion[];
}

export interface FormSpec {
  title: string;
  description: string;
  confirmation: string;
  sections: FormSection[];
}

/** "2025:year" — the key a form is remembered by: one form per evaluation period. */
export function periodKey(result: AggregateResult): string {
  return `${result.config.evaluationYear}:${result.config.evaluationKind}`;
}

export function periodName(result: AggregateResult): string {
  return `${warekiLabel(result.config.evaluationYear)}${result.config.evaluationKind === 'mid' ? '（中間）' : ''}`;
}

/** The 基本方針 of each goal: the hierarchy's parent, else a plan's 基本方針, else the code's prefix. */
export function policyOfGoals(result: AggregateResult, hierarchy: HierarchyItem[], plans: Plan[]): Map<string, string> {
  const parent = new Map<string, string>();
  for (const h of hierarchy) if (h.level === '基本目標' && h.parentCode && !parent.has(h.code)) parent.set(h.code, h.parentCode);
  const fromPlans = new Map<string, string>();
  for (const p of plans) if (p.goalCode && p.policyCode && !fromPlans.has(p.goalCode)) fromPlans.set(p.goalCode, p.policyCode);
  const out = new Map<string, string>();
  for (const g of result.goals) out.set(g.code, parent.get(g.code) ?? fromPlans.get(g.code) ?? (g.code.includes('-') ? g.code.split('-')[0] : ''));
  return out;
}

function shareText(g: GoalResult): string {
  const s = g.period.share;
  return s === null ? 'A・B の割合 —' : `A・B の割合 ${Math.round(s)}%（A ${g.period.counts.A}・B ${g.period.counts.B}・C ${g.period.counts.C}・D ${g.period.counts.D}）`;
}

function goalTitle(g: GoalResult): string {
  return `基本目標${g.code}　${g.name}`.trim();
}

/** What the form asks: one section per 基本方針, per goal a required rating and an optional opinion. */
export function formSpec(
  result: AggregateResult, hierarchy: HierarchyItem[], plans: Plan[], planName: string, deadline: string,
): FormSpec {
  const period = periodName(result);
  const policyOf = policyOfGoals(result, hierarchy, plans);
  const policyNames = new Map(hierarchy.filter((h) => h.level === '基本方針').map((h) => [h.code, h.name]));
  const order: string[] = [];
  for (const g of result.goals) {
    const p = policyOf.get(g.code) ?? '';
    if (!order.includes(p)) order.push(p);
  }
  const sections: FormSection[] = order.map((code) => ({
    policyCode: code,
    title: code ? `基本方針${code}　${policyNames.get(code) ?? ''}`.trim() : '基本方針未設定の基本目標',
    help: '基本目標ごとに、事務局の集計結果と所見を参考に評価を選び、ご意見があれば記入してください。',
    questions: result.goals
      .filter((g) => (policyOf.get(g.code) ?? '') === code)
      .map((g) => ({
        goalCode: g.code,
        title: goalTitle(g),
        help: [`集計の評価: ${g.adopted}（${shareText(g)}）`, g.finding ? `所見: ${g.finding}` : ''].filter(Boolean).join('\n'),
        opinionTitle: `${goalTitle(g)} へのご意見（任意）`,
      })),
  }));
  const name = planName.trim() || '地域情報化計画';
  return {
    title: `${name} 委員評価（${period}）`,
    description: [
      `${name}の${period}の進捗について、基本目標ごとに評価（良好／概ね良好／良好ではない）とご意見をお寄せください。`,
      deadline ? `回答の締切: ${deadline}（締切までは回答を修正できます）` : '回答は締切まで修正できます。',
      '回答にはメールアドレスが記録されます。委員名簿に登録された委員の回答だけを集計します。',
    ].join('\n'),
    confirmation: 'ご回答ありがとうございました。締切までは、回答の編集リンクから修正できます。',
    sections,
  };
}

/** One member's answers, keyed by goal code. */
export interface MemberAnswer {
  email: string;
  timestamp: Date;
  ratings: Record<string, string>;
  opinions: Record<string, string>;
}

export interface GoalTally {
  code: string;
  name: string;
  policyCode: string;
  computed: string;
  counts: Record<MemberChoice, number>;
  responses: number;
  /** The most chosen rating; ties list every tied choice. Empty when nobody answered. */
  consensus: MemberChoice[];
  /** 一致 (all the same), ややばらつき (adjacent choices only), 分かれる (both ends chosen), — (none). */
  spread: string;
  /** Differs from the computed (adopted) rating: consensus is one choice and not the computed one. */
  differs: boolean;
}

export interface Opinion {
  policyCode: string;
  goalCode: string;
  member: string;
  title: string;
  email: string;
  text: string;
  at: Date;
}

export interface Tally {
  goals: GoalTally[];
  opinions: Opinion[];
  /** Addresses that answered but are not on 委員名簿: their answers are not counted. */
  ignored: string[];
  /** Members on 委員名簿 who have not answered. */
  missing: Member[];
}

const norm = (e: string): string => e.trim().toLowerCase();

/**
 * Adds up the answers of members on 委員名簿 (matched by address, case-insensitively); a member's
 * latest answer counts (a form allowing edits keeps one per member; this also holds if not).
 */
export function tally(result: AggregateResult, policyOf: Map<string, string>, answers: MemberAnswer[], members: Member[]): Tally {
  const roster = new Map<string, Member>();
  for (const m of reachableMembers(members)) roster.set(norm(m.email), m);
  const latest = new Map<string, MemberAnswer>();
  const ignored = new Set<string>();
  for (const a of answers) {
    const key = norm(a.email);
    if (!roster.has(key)) {
      ignored.add(a.email.trim() || '（アドレスなし）');
      continue;
    }
    const prev = latest.get(key);
    if (!prev || prev.timestamp.getTime() <= a.timestamp.getTime()) latest.set(key, a);
  }
  const counted = [...latest.entries()];
  const goals: GoalTally[] = result.goals.map((g) => {
    const counts: Record<MemberChoice, number> = { 良好: 0, 概ね良好: 0, 良好ではない: 0 };
    for (const [, a] of counted) {
      const v = a.ratings[g.code];
      if ((MEMBER_CHOICES as readonly string[]).includes(v)) counts[v as MemberChoice]++;
    }
    const responses = MEMBER_CHOICES.reduce((n, c) => n + counts[c], 0);
    const max = Math.max(...MEMBER_CHOICES.map((c) => counts[c]));
    const consensus = responses ? MEMBER_CHOICES.filter((c) => counts[c] === max) : [];
    const chosen = MEMBER_CHOICES.map((c, i) => (counts[c] > 0 ? i : -1)).filter((i) => i >= 0);
    const spread = !responses ? '—' : chosen.length === 1 ? '一致' : chosen[chosen.length - 1] - chosen[0] === 1 ? 'ややばらつき' : '分かれる';
    return {
      code: g.code, name: g.name, policyCode: policyOf.get(g.code) ?? '', computed: g.adopted,
      counts, responses, consensus, spread, differs: consensus.length === 1 && consensus[0] !== g.adopted,
    };
  });
  const opinions: Opinion[] = [];
  for (const g of result.goals) {
    for (const [key, a] of counted) {
      const text = (a.opinions[g.code] ?? '').trim();
      if (!text) continue;
      const m = roster.get(key) as Member;
      opinions.push({ policyCode: policyOf.get(g.code) ?? '', goalCode: g.code, member: m.name, title: m.title, email: m.email, text, at: a.timestamp });
    }
  }
  // Grouped by 基本方針 (stable: goal order, then member order within).
  opinions.sort((x, y) => x.policyCode.localeCompare(y.policyCode, 'ja'));
  const missing = reachableMembers(members).filter((m) => !latest.has(norm(m.email)));
  return { goals, opinions, ignored: [...ignored], missing };
}

/** 同数（良好・概ね良好） for ties, the choice itself otherwise. */
export function consensusLabel(t: GoalTally): string {
  if (t.consensus.length === 0) return '—';
  if (t.consensus.length === 1) return t.consensus[0];
  return `同数（${t.consensus.join('・')}）`;
}

export function ratingRows(t: Tally, period: string): (string | number)[][] {
  return [
    [...MEMBER_RATING_COLUMNS],
    ...t.goals.map((g) => [
      escapeCell(period), escapeCell(g.policyCode), escapeCell(g.code), escapeCell(g.name), g.computed,
      g.counts['良好'], g.counts['概ね良好'], g.counts['良好ではない'], g.responses,
      consensusLabel(g), g.spread, g.differs ? '異なる' : g.responses ? '同じ' : '—',
    ]),
  ];
}

/** Rows that count as adopted: 採用 holds ✓, ○, 採用, TRUE or yes. */
const ADOPTED = /^(✓|✔|○|〇|採用|true|yes|1)$/i;

function opinionKey(member: string, goalCode: string, text: string): string {
  return `${member}\u0000${goalCode}\u0000${text}`;
}

/**
 * The 委員意見 table; 採用 marks people typed on the previous table are kept for the same
 * member, goal and text (an opinion the member changed comes back unmarked).
 */
export function opinionRows(t: Tally, previous: Grid | undefined, formatTime: (d: Date) => string): (string | boolean)[][] {
  const kept = new Map<string, string>();
  if (previous && previous.values.length > 1) {
    const header = previous.values[0].map((v) => String(v).trim());
    const col = (name: string) => header.indexOf(name);
    const [cm, cg, ct, ca] = [col('委員'), col('基本目標'), col('意見'), col('採用')];
    if (cm >= 0 && cg >= 0 && ct >= 0 && ca >= 0) {
      for (let r = 1; r < previous.values.length; r++) {
        const mark = gridCellText(previous, r, ca);
        if (mark) kept.set(opinionKey(gridCellText(previous, r, cm), gridCellText(previous, r, cg), gridCellText(previous, r, ct)), mark);
      }
    }
  }
  return [
    [...MEMBER_OPINION_COLUMNS],
    ...t.opinions.map((o) => [
      escapeCell(o.policyCode), escapeCell(o.goalCode), escapeCell(o.member), escapeCell(o.title), escapeCell(o.text), formatTime(o.at),
      escapeCell(kept.get(opinionKey(o.member, o.goalCode, o.text)) ?? ''),
    ]),
  ];
}

export interface AdoptedOpinion {
  policyCode: string;
  member: string;
  text: string;
}

/** Opinions the 事務局 marked 採用 on 委員意見: they become 提言 in the report. */
export function adoptedOpinions(grid: Grid | undefined): AdoptedOpinion[] {
  if (!grid || grid.values.length < 2) return [];
  const header = grid.values[0].map((v) => String(v).trim());
  const [cp, cm, ct, ca] = ['基本方針', '委員', '意見', '採用'].map((n) => header.indexOf(n));
  if ([cp, cm, ct, ca].some((c) => c < 0)) return [];
  const out: AdoptedOpinion[] = [];
  for (let r = 1; r < grid.values.length; r++) {
    if (!ADOPTED.test(gridCellText(grid, r, ca))) continue;
    const text = gridCellText(grid, r, ct);
    if (text) out.push({ policyCode: gridCellText(grid, r, cp), member: gridCellText(grid, r, cm), text });
  }
  return out;
}

/**
 * The computation with the opinions marked 採用 added to the 提言 of their 基本方針 (after those
 * typed on 提言; an opinion already typed there word for word is not repeated).
 */
export function withAdoptedOpinions(c: Computation, opinions: Grid | undefined): Computation {
  const adopted = adoptedOpinions(opinions);
  if (adopted.length === 0) return c;
  const typed = new Set(c.read.data.recommendations.map((r) => `${r.policyCode}\u0000${r.text.trim()}`));
  const extra = adopted
    .filter((o) => !typed.has(`${o.policyCode}\u0000${o.text}`))
    .map((o) => ({ policyCode: o.policyCode, member: o.member, text: o.text }));
  const data = { ...c.read.data, recommendations: [...c.read.data.recommendations, ...extra] };
  return { ...c, read: { ...c.read, data } };
}

/** 委員評価 of `period` by goal code, for the 委員評価 columns of 目標別評価 (other periods ignored). */
export function memberViews(grid: Grid | undefined, period: string): Map<string, MemberView> {
  const out = new Map<string, MemberView>();
  if (!grid || grid.values.length < 2) return out;
  const header = grid.values[0].map((h) => String(h).trim());
  const ix = (n: string) => header.indexOf(n);
  const [cp, cg, cc, cd, ca, cb, cn, cr] = ['期間', '基本目標', '委員の評価（最多）', '集計との違い', '良好', '概ね良好', '良好ではない', '回答数'].map(ix);
  if ([cp, cg, cc].some((c) => c < 0)) return out;
  for (let r = 1; r < grid.values.length; r++) {
    if (gridCellText(grid, r, cp) !== period) continue;
    const n = (c: number) => (c >= 0 ? gridCellText(grid, r, c) || '0' : '0');
    out.set(gridCellText(grid, r, cg), {
      consensus: gridCellText(grid, r, cc),
      breakdown: `良好 ${n(ca)}・概ね良好 ${n(cb)}・良好ではない ${n(cn)}（回答 ${n(cr)}）`,
      differs: cd >= 0 ? gridCellText(grid, r, cd) : '',
    });
  }
  return out;
}
