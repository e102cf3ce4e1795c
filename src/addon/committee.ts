// 委員評価フォームを作成 / 委員評価を取り込む: the committee members judge each 基本目標 through a
// Google Form; their answers come back into two add-on-owned sheets (委員評価: per goal the
// distribution, consensus, spread and difference from 集計; 委員意見: opinions per 基本方針, which
// the 事務局 marks 採用 to use as 提言). One form per evaluation period, remembered in the
// document properties so that a second run reuses it.
import type { CommitteeSummary, FormMailSummary, FormSummary } from './api';
import {
  MEMBER_CHOICES, SHEET_MEMBER_OPINIONS, SHEET_MEMBER_RATINGS, consensusLabel, formSpec, opinionRows, periodKey,
  formMail, periodName, policyOfGoals, ratingRows, reachableMembers, tally, type MemberAnswer,
} from '../core/committee';
import type { Member } from '../core/model';
import { compute } from '../core/pipeline';
import { SHEETS } from '../core/schema';
import { UserError } from './errors';
import { readInputs, type Inputs } from './inputs';
import { withDocumentLock } from './lock';
import { prepareOutputSheet, WriteBatch } from './sheets';
import { currentUser, nowLabel, prepareRunLog } from './run-log';

type Form = GoogleAppsScript.Forms.Form & {
  // Publishing (2025–26): forms a script creates start unpublished and take no responses.
  setPublished(enabled: boolean): Form;
  isPublished(): boolean;
  addPublishedReaders(emails: string[]): Form;
};

/** What is remembered per period: the form and which item asks what. */
interface FormRecord {
  id: string;
  url: string;
  editUrl: string;
  deadline: string;
  /** goal code → [rating item ID, opinion item ID] */
  items: Record<string, [number, number]>;
}

const FORM_KEY = 'memberForm:';
const COMMITTEE_READS = [SHEETS.progress, SHEETS.hierarchy, SHEETS.settings, SHEETS.members, SHEETS.results, SHEETS.goals, SHEETS.unified];

function computeFor(inputs: Inputs) {
  const c = compute(inputs.grids, new Date(), inputs.mapping);
  if (c.read.layout.error) throw new UserError(c.read.layout.error);
  return c;
}

function loadRecord(key: string): FormRecord | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(FORM_KEY + key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as FormRecord;
  } catch {
    return null;
  }
}

function openForm(record: FormRecord): Form | null {
  try {
    return FormApp.openById(record.id) as Form;
  } catch {
    // Deleted or no longer ours: a new form is made (create) or the user is told (import).
    return null;
  }
}

function memberEmails(members: Member[]): string[] {
  return [...new Set(reachableMembers(members).map((m) => m.email.trim()))];
}

/** yyyy-mm-dd, or '' for none. */
function checkDeadline(deadline: string): string {
  const d = deadline.trim();
  if (!d) return '';
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(d);
  if (!m || +m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > 31) {
    throw new UserError(`締切「${d}」を日付として読めません。2026-02-15 のように 年-月-日 で入力してください。`);
  }
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

export function createMemberForm(deadline = ''): FormSummary {
  return withDocumentLock('委員評価フォームを作成', () => {
    const started = Date.now();
    const due = checkDeadline(deadline);
    const inputs = readInputs(COMMITTEE_READS, [SHEETS.runLog]);
    const c = computeFor(inputs);
    const { data } = c.read;
    const emails = memberEmails(data.members);
    if (emails.length === 0) {
      throw new UserError(`「${SHEETS.members}」に、共有の要否が「要」でメールアドレスのある委員がいません。メール列に各委員のアドレスを入力してから実行してください。`);
    }
    if (c.result.goals.length === 0) throw new UserError('評価する基本目標がありません。先に「集計」を実行して結果を確認してください。');
    const key = periodKey(c.result);
    const period = periodName(c.result);
    const props = PropertiesService.getDocumentProperties();

    const existing = loadRecord(key);
    const reopened = existing ? openForm(existing) : null;
    if (existing && reopened) {
      // Same period: the same form. Members added to 委員名簿 since may answer too.
      reopened.addPublishedReaders(emails);
      if (due && due !== existing.deadline) {
        existing.deadline = due;
        props.setProperty(FORM_KEY + key, JSON.stringify(existing));
      }
      return { message: `${period}の委員評価フォームは作成済みです（同じフォームを使います）。`, url: existing.url, editUrl: existing.editUrl, reused: true, questions: Object.keys(existing.items).length, members: emails.length };
    }

    const spec = formSpec(c.result, data.hierarchy, data.plans, data.settings.planName, due);
    const form = FormApp.create(spec.title) as Form;
    form.setDescription(spec.description)
      .setConfirmationMessage(spec.confirmation)
      .setCollectEmail(true)
      .setLimitOneResponsePerUser(true)
      .setAllowResponseEdits(true);
    const items: FormRecord['items'] = {};
    spec.sections.forEach((section, i) => {
      // The first section is the form's first page; the others start a page each.
      const head = i === 0 ? form.addSectionHeaderItem() : form.addPageBreakItem();
      head.setTitle(section.title).setHelpText(section.help);
      for (const q of section.questions) {
        const rating = form.addMultipleChoiceItem().setTitle(q.title).setHelpText(q.help).setChoiceValues([...MEMBER_CHOICES]).setRequired(true);
        const opinion = form.addParagraphTextItem().setTitle(q.opinionTitle);
        items[q.goalCode] = [rating.getId(), opinion.getId()];
      }
    });
    // Only the members may answer; publishing opens it to them.
    form.addPublishedReaders(emails);
    form.setPublished(true);
    const record: FormRecord = { id: form.getId(), url: form.getPublishedUrl(), editUrl: form.getEditUrl(), deadline: due, items };
    props.setProperty(FORM_KEY + key, JSON.stringify(record));
    const log = new WriteBatch(inputs.ss);
    prepareRunLog(log, inputs, { what: '委員評価フォーム作成', who: currentUser(), at: new Date(), started, plans: data.plans.length, indicators: 0, issues: [] });
    log.commit();
    return {
      message: `${period}の委員評価フォームを作成しました（基本目標 ${Object.keys(items).length} 件、回答できる委員 ${emails.length} 名）。リンクを委員に送ってください。`,
      url: record.url, editUrl: record.editUrl, reused: false, questions: Object.keys(items).length, members: emails.length,
    };
  });
}

/** Responses as answers keyed by goal code, through the item IDs remembered at creation. */
function readAnswers(form: Form, record: FormRecord): MemberAnswer[] {
  const goalOf = new Map<number, { code: string; opinion: boolean }>();
  for (const [code, [r, o]] of Object.entries(record.items)) {
    goalOf.set(r, { code, opinion: false });
    goalOf.set(o, { code, opinion: true });
  }
  return form.getResponses().map((resp) => {
    const answer: MemberAnswer = { email: resp.getRespondentEmail(), timestamp: resp.getTimestamp() as unknown as Date, ratings: {}, opinions: {} };
    for (const ir of resp.getItemResponses()) {
      const g = goalOf.get(ir.getItem().getId());
      if (!g) continue;
      const v = String(ir.getResponse());
      if (g.opinion) answer.opinions[g.code] = v;
      else answer.ratings[g.code] = v;
    }
    return answer;
  });
}

function todayIso(): string {
  return Utilities.formatDate(new Date(), 'Asia/Tokyo', 'yyyy-MM-dd');
}

export function importMemberRatings(): CommitteeSummary {
  return withDocumentLock('委員評価を取り込む', () => {
    const started = Date.now();
    const inputs = readInputs([...COMMITTEE_READS, SHEET_MEMBER_OPINIONS], [SHEET_MEMBER_RATINGS, SHEETS.runLog]);
    const c = computeFor(inputs);
    const { data } = c.read;
    const key = periodKey(c.result);
    const period = periodName(c.result);
    const record = loadRecord(key);
    if (!record) throw new UserError(`${period}の委員評価フォームがまだありません。先に「委員評価フォームを作成」を実行してください。`);
    const form = openForm(record);
    if (!form) throw new UserError(`${period}の委員評価フォームを開けません（削除されたか、権限がありません）。「委員評価フォームを作成」でもう一度作成してください。`);

    const answers = readAnswers(form, record);
    const policyOf = policyOfGoals(c.result, data.hierarchy, data.plans);
    const t = tally(c.result, policyOf, answers, data.members);
    const ratings = ratingRows(t, period);
    const opinions = opinionRows(t, inputs.grids[SHEET_MEMBER_OPINIONS], nowLabel);

    // Checked together before the first write (a person's sheet of the same name, input rules).
    const batch = new WriteBatch(inputs.ss);
    prepareOutputSheet(batch, SHEET_MEMBER_RATINGS, { values: ratings }, inputs.sheets.get(SHEET_MEMBER_RATINGS), inputs.grids[SHEET_MEMBER_RATINGS]);
    prepareOutputSheet(batch, SHEET_MEMBER_OPINIONS, { values: opinions }, inputs.sheets.get(SHEET_MEMBER_OPINIONS), inputs.grids[SHEET_MEMBER_OPINIONS]);
    prepareRunLog(batch, inputs, { what: '委員評価の取り込み', who: currentUser(), at: new Date(), started, plans: data.plans.length, indicators: 0, issues: [] });
    batch.commit();

    let closed = false;
    if (record.deadline && todayIso() > record.deadline && form.isAcceptingResponses()) {
      form.setCustomClosedFormMessage(`回答の締切（${record.deadline}）を過ぎたため、受付を終了しました。`);
      form.setAcceptingResponses(false);
      closed = true;
    }

    const answered = reachableMembers(data.members).length - t.missing.length;
    const differing = t.goals.filter((g) => g.differs);
    const parts = [`${period}の委員評価を取り込みました（委員 ${answered} 名が回答、意見 ${t.opinions.length} 件）。`];
    if (t.ignored.length) parts.push(`委員名簿にないアドレスからの回答 ${t.ignored.length} 件は集計していません。`);
    if (differing.length) parts.push(`委員の評価が集計の評価と異なる基本目標: ${differing.map((g) => `${g.code}（${consensusLabel(g)}）`).join('、')}。`);
    if (closed) parts.push('締切を過ぎたため、フォームの受付を終了しました。');
    const message = parts.join(' ');
    inputs.ss.toast(message, '委員評価');
    return {
      message,
      answered,
      missing: t.missing.map((m) => m.name),
      ignored: t.ignored.length,
      opinions: t.opinions.length,
      goals: t.goals.map((g) => ({ code: g.code, name: g.name, computed: g.computed, consensus: consensusLabel(g), spread: g.spread, differs: g.differs })),
      closed,
    };
  });
}

/**
 * Sends each member (共有の要否 要, valid address) one mail with the form's link. Checks the
 * day's remaining mail quota first; never mails an address that is not on 委員名簿.
 */
export function sendMemberForm(): FormMailSummary {
  return withDocumentLock('委員評価フォームを送る', () => {
    const started = Date.now();
    const inputs = readInputs(COMMITTEE_READS, [SHEETS.runLog]);
    const c = computeFor(inputs);
    const { data } = c.read;
    const period = periodName(c.result);
    const record = loadRecord(periodKey(c.result));
    if (!record || !openForm(record)) throw new UserError(`${period}の委員評価フォームがまだありません。先に「委員評価フォームを作成」を実行してください。`);
    const members = reachableMembers(data.members);
    if (members.length === 0) throw new UserError(`「${SHEETS.members}」に、共有の要否が「要」でメールアドレスのある委員がいません。`);
    const quota = MailApp.getRemainingDailyQuota();
    if (quota < members.length) {
      throw new UserError(`今日送信できるメールの宛先は残り ${quota} 件で、委員 ${members.length} 名には足りません。何も送信していません。明日以降にもう一度実行してください。`);
    }
    // The run log must be writable before anything is sent.
    const batch = new WriteBatch(inputs.ss);
    const sent: string[] = [];
    const failed: string[] = [];
    for (const m of members) {
      const mail = formMail(m, data.settings.planName, period, record.url, record.deadline, data.settings.office);
      try {
        MailApp.sendEmail({ to: m.email.trim(), subject: mail.subject, body: mail.body, name: data.settings.office || '進捗管理 事務局' });
        sent.push(m.name);
      } catch (e) {
        failed.push(`${m.name}（${(e as Error).message}）`);
      }
    }
    prepareRunLog(batch, inputs, { what: `委員評価フォームを送信（${sent.length} 名）`, who: currentUser(), at: new Date(), started, plans: 0, indicators: 0, issues: [] });
    batch.commit();
    const message = `委員 ${sent.length} 名に委員評価フォームのリンクを送信しました。` + (failed.length ? ` 送信できなかった委員: ${failed.join('、')}。` : '');
    inputs.ss.toast(message, '委員評価');
    return { message, sent, failed };
  });
}
