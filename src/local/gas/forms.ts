// Local FormApp, following https://developers.google.com/apps-script/reference/forms/form-app,
// https://developers.google.com/apps-script/reference/forms/form,
// https://developers.google.com/apps-script/reference/forms/multiple-choice-item,
// https://developers.google.com/apps-script/reference/forms/paragraph-text-item,
// https://developers.google.com/apps-script/reference/forms/page-break-item,
// https://developers.google.com/apps-script/reference/forms/form-response and
// https://developers.google.com/apps-script/reference/forms/item-response.
// Publishing follows https://developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms:
// forms created by a script after 2026-06-30 start unpublished and take no responses until
// setPublished(true). Where the reference is silent the stricter behaviour is chosen
// (see test/local/gas/forms.test.ts).
//
// One FormStore is everybody's Forms: the add-on creates and reads forms through LocalFormApp,
// and tests play the committee members answering through FormStore.respond (what a member does
// in the browser), which enforces what Google Forms enforces on a respondent.

import type { CallCounter } from './counter';
import { signatureError } from './utilities';

type GasForm = GoogleAppsScript.Forms.Form;

export const LocalItemType = {
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  PAGE_BREAK: 'PAGE_BREAK',
  SECTION_HEADER: 'SECTION_HEADER',
} as const;
type ItemTypeName = (typeof LocalItemType)[keyof typeof LocalItemType];

/** The class a typed item view counts its calls under (MultipleChoiceItem.setTitle …). */
const ITEM_CLASS: Record<ItemTypeName, string> = {
  MULTIPLE_CHOICE: 'MultipleChoiceItem', PARAGRAPH_TEXT: 'ParagraphTextItem', PAGE_BREAK: 'PageBreakItem', SECTION_HEADER: 'SectionHeaderItem',
};

/** What Apps Script prints when openById cannot open a form. */
export const NO_FORM_MESSAGE = 'No item with the given ID could be found, or you do not have permission to access it.';

interface ItemData {
  id: number;
  type: ItemTypeName;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
}

export interface StoredResponse {
  id: string;
  email: string;
  timestamp: Date;
  /** item id → answer */
  answers: Map<number, string>;
}

interface FormData {
  id: string;
  owner: string;
  title: string;
  description: string;
  confirmation: string;
  closedMessage: string;
  collectEmail: boolean;
  limitOne: boolean;
  allowEdits: boolean;
  accepting: boolean;
  published: boolean;
  /** Who may respond; empty means anyone who can open the link (not used by the add-on). */
  publishedReaders: Set<string>;
  items: ItemData[];
  responses: StoredResponse[];
  trashed: boolean;
}

let seq = 0;
const newId = (prefix: string): string => `${prefix}${(++seq).toString(36).padStart(6, '0')}${'x'.repeat(30)}`;

/** Every form of this local Google, and the respondents' side of it. */
export class FormStore {
  readonly forms = new Map<string, FormData>();
  private itemSeq = 1000;
  /** The clock responses are stamped with. */
  now: () => Date = () => new Date();

  newItemId(): number {
    return ++this.itemSeq;
  }

  /**
   * A person answering the published form in the browser. Throws what the form tells them
   * (in English, as this is the test's side): unpublished, closed, not a responder, a required
   * question left blank, a choice not offered, a second response where only one is allowed.
   */
  respond(formId: string, email: string, answers: Record<string, string>, when?: Date): StoredResponse {
    const f = this.forms.get(formId);
    if (!f || f.trashed) throw new Error('Form not found');
    if (!f.published) throw new Error('This form is not published.');
    if (!f.accepting) throw new Error(f.closedMessage || 'This form is no longer accepting responses.');
    const who = email.trim().toLowerCase();
    if (f.publishedReaders.size && !f.publishedReaders.has(who) && who !== f.owner) {
      throw new Error('You need permission to respond to this form.');
    }
    const byTitle = new Map(f.items.map((i) => [i.title, i]));
    const stored = new Map<number, string>();
    for (const [key, value] of Object.entries(answers)) {
      const item = byTitle.get(key) ?? f.items.find((i) => String(i.id) === key);
      if (!item || item.type === 'PAGE_BREAK' || item.type === 'SECTION_HEADER') throw new Error(`No question "${key}"`);
      if (item.type === 'MULTIPLE_CHOICE' && value !== '' && !item.choices.includes(value)) throw new Error(`"${value}" is not a choice of "${item.title}"`);
      if (value !== '') stored.set(item.id, value);
    }
    for (const item of f.items) {
      if (item.required && !stored.has(item.id)) throw new Error(`This is a required question: ${item.title}`);
    }
    const existing = f.responses.find((r) => r.email === who);
    if (existing && f.limitOne) {
      if (!f.allowEdits) throw new Error('You can only fill out this form once.');
      // An edited response keeps its ID and takes the new answers and time.
      existing.answers = stored;
      existing.timestamp = when ?? this.now();
      return existing;
    }
    const r: StoredResponse = { id: newId('R'), email: f.collectEmail ? who : '', timestamp: when ?? this.now(), answers: stored };
    f.responses.push(r);
    return r;
  }
}

class Counted {
  constructor(protected readonly counter: CallCounter, private readonly klass: string) {}
  protected c(method: string): void {
    this.counter.count(`${this.klass}.${method}`);
  }
}

function str(method: string, v: unknown): string {
  if (typeof v !== 'string') throw signatureError(method, [v]);
  return v;
}

function bool(method: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw signatureError(method, [v]);
  return v;
}

/** An item: the generic Item and its typed views share one record. */
export class LocalItem extends Counted {
  constructor(counter: CallCounter, readonly data: ItemData, readonly form: FormData, cls = 'Item') {
    super(counter, cls);
  }

  getId(): number { this.c('getId'); return this.data.id; }
  getIndex(): number { this.c('getIndex'); return this.form.items.indexOf(this.data); }
  getTitle(): string { this.c('getTitle'); return this.data.title; }
  getHelpText(): string { this.c('getHelpText'); return this.data.helpText; }
  getType(): string { this.c('getType'); return this.data.type; }
  isRequired(): boolean { this.c('isRequired'); return this.data.required; }
  getChoiceValues(): string[] { return [...this.data.choices]; }

  setTitle(title: string): this { this.c('setTitle'); this.data.title = str(`${this.cls()}.setTitle`, title); return this; }
  setHelpText(text: string): this { this.c('setHelpText'); this.data.helpText = str(`${this.cls()}.setHelpText`, text); return this; }

  setRequired(enabled: boolean): this {
    this.c('setRequired');
    if (this.data.type === 'PAGE_BREAK' || this.data.type === 'SECTION_HEADER') throw new Error('This item cannot be required.');
    this.data.required = bool(`${this.cls()}.setRequired`, enabled);
    return this;
  }

  /** MultipleChoiceItem.setChoiceValues: an empty list is refused (a question needs choices). */
  setChoiceValues(values: string[]): this {
    this.c('setChoiceValues');
    if (this.data.type !== 'MULTIPLE_CHOICE') throw new Error('setChoiceValues is not a method of this item.');
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw signatureError('MultipleChoiceItem.setChoiceValues', [values]);
    if (values.length === 0) throw new Error('Invalid argument: values');
    this.data.choices = [...values];
    return this;
  }

  private view(type: ItemTypeName, cls: string): LocalItem {
    this.c(`as${cls}`);
    // The reference: "Throws an exception if the item is not of that type".
    if (this.data.type !== type) throw new Error(`Item can't be cast to ${cls}.`);
    return new LocalItem(this.counter, this.data, this.form, cls);
  }

  asMultipleChoiceItem(): LocalItem { return this.view('MULTIPLE_CHOICE', 'MultipleChoiceItem'); }
  asParagraphTextItem(): LocalItem { return this.view('PARAGRAPH_TEXT', 'ParagraphTextItem'); }
  asPageBreakItem(): LocalItem { return this.view('PAGE_BREAK', 'PageBreakItem'); }

  /** MultipleChoiceItem/ParagraphTextItem.createResponse: a response to submit with FormResponse. */
  createResponse(response: string): LocalItemResponse {
    this.c('createResponse');
    if (typeof response !== 'string') throw signatureError(`${this.cls()}.createResponse`, [response]);
    if (this.data.type === 'MULTIPLE_CHOICE' && !this.data.choices.includes(response)) {
      throw new Error(`Invalid response: "${response}" is not one of the choices.`);
    }
    return new LocalItemResponse(this.counter, this, response);
  }

  private cls(): string {
    return ITEM_CLASS[this.data.type];
  }
}

export class LocalItemResponse extends Counted {
  constructor(counter: CallCounter, private readonly item: LocalItem, private readonly value: string) {
    super(counter, 'ItemResponse');
  }
  getItem(): LocalItem { this.c('getItem'); return new LocalItem(this.counter, this.item.data, this.item.form); }
  getResponse(): string { this.c('getResponse'); return this.value; }
  itemId(): number { return this.item.data.id; }
}

export class LocalFormResponse extends Counted {
  private draft = new Map<number, string>();
  constructor(counter: CallCounter, private readonly form: FormData, private readonly store: FormStore, private readonly user: string, private stored: StoredResponse | null) {
    super(counter, 'FormResponse');
  }

  getId(): string {
    this.c('getId');
    // The reference: null before submit().
    return this.stored ? this.stored.id : (null as unknown as string);
  }
  getRespondentEmail(): string { this.c('getRespondentEmail'); return this.stored?.email ?? ''; }
  getTimestamp(): Date { this.c('getTimestamp'); return new Date((this.stored?.timestamp ?? new Date()).getTime()); }

  getItemResponses(): LocalItemResponse[] {
    this.c('getItemResponses');
    if (!this.stored) return [];
    const out: LocalItemResponse[] = [];
    for (const item of this.form.items) {
      const v = this.stored.answers.get(item.id);
      if (v !== undefined) out.push(new LocalItemResponse(this.counter, new LocalItem(this.counter, item, this.form), v));
    }
    return out;
  }

  withItemResponse(response: LocalItemResponse): this {
    this.c('withItemResponse');
    if (!(response instanceof LocalItemResponse)) throw signatureError('FormResponse.withItemResponse', [response]);
    this.draft.set(response.itemId(), response.getResponse());
    return this;
  }

  /** Submits as the user running the script, with the respondent's checks. */
  submit(): this {
    this.c('submit');
    const answers: Record<string, string> = {};
    for (const [id, v] of this.draft) answers[String(id)] = v;
    this.stored = this.store.respond(this.form.id, this.user, answers);
    return this;
  }
}

export class LocalForm extends Counted implements Pick<GasForm, 'getId' | 'getTitle' | 'getDescription' | 'getPublishedUrl' | 'getEditUrl' | 'isAcceptingResponses' | 'collectsEmail' | 'hasLimitOneResponsePerUser' | 'canEditResponse'> {
  constructor(counter: CallCounter, readonly data: FormData, private readonly store: FormStore, private readonly user: string) {
    super(counter, 'Form');
  }

  getId(): string { this.c('getId'); return this.data.id; }
  getTitle(): string { this.c('getTitle'); return this.data.title; }
  getDescription(): string { this.c('getDescription'); return this.data.description; }
  getPublishedUrl(): string { this.c('getPublishedUrl'); return `https://docs.google.com/forms/d/e/${this.data.id}/viewform`; }
  getEditUrl(): string { this.c('getEditUrl'); return `https://docs.google.com/forms/d/${this.data.id}/edit`; }
  isAcceptingResponses(): boolean { this.c('isAcceptingResponses'); return this.data.accepting; }
  isPublished(): boolean { this.c('isPublished'); return this.data.published; }
  collectsEmail(): boolean { this.c('collectsEmail'); return this.data.collectEmail; }
  hasLimitOneResponsePerUser(): boolean { this.c('hasLimitOneResponsePerUser'); return this.data.limitOne; }
  canEditResponse(): boolean { this.c('canEditResponse'); return this.data.allowEdits; }
  requiresLogin(): boolean { this.c('requiresLogin'); return this.data.limitOne; }
  getPublishedReaders(): string[] { this.c('getPublishedReaders'); return [...this.data.publishedReaders]; }

  setTitle(t: string): this { this.c('setTitle'); this.data.title = str('Form.setTitle', t); return this; }
  setDescription(t: string): this { this.c('setDescription'); this.data.description = str('Form.setDescription', t); return this; }
  setConfirmationMessage(t: string): this { this.c('setConfirmationMessage'); this.data.confirmation = str('Form.setConfirmationMessage', t); return this; }
  setCustomClosedFormMessage(t: string): this { this.c('setCustomClosedFormMessage'); this.data.closedMessage = str('Form.setCustomClosedFormMessage', t); return this; }
  setCollectEmail(b: boolean): this { this.c('setCollectEmail'); this.data.collectEmail = bool('Form.setCollectEmail', b); return this; }
  setAllowResponseEdits(b: boolean): this { this.c('setAllowResponseEdits'); this.data.allowEdits = bool('Form.setAllowResponseEdits', b); return this; }

  /**
   * One response per user needs respondents signed in, and the form must record who they are:
   * the reference says limiting requires login. The stricter choice here: it also turns on
   * e-mail collection being required — refused unless setCollectEmail(true) came first.
   */
  setLimitOneResponsePerUser(b: boolean): this {
    this.c('setLimitOneResponsePerUser');
    bool('Form.setLimitOneResponsePerUser', b);
    if (b && !this.data.collectEmail) throw new Error('Limiting to one response per user requires collecting e-mail addresses (setCollectEmail(true)).');
    this.data.limitOne = b;
    return this;
  }

  setAcceptingResponses(b: boolean): this {
    this.c('setAcceptingResponses');
    bool('Form.setAcceptingResponses', b);
    // An unpublished form cannot accept responses (Forms API change, 2026).
    if (b && !this.data.published) throw new Error('The form must be published before it can accept responses.');
    this.data.accepting = b;
    return this;
  }

  /** Publishing also starts accepting responses; unpublishing stops it. */
  setPublished(b: boolean): this {
    this.c('setPublished');
    bool('Form.setPublished', b);
    this.data.published = b;
    this.data.accepting = b;
    return this;
  }

  /** Restricts responders to these people (they get the "responder" role on the form). */
  addPublishedReaders(emails: string[]): this {
    this.c('addPublishedReaders');
    if (!Array.isArray(emails) || emails.some((e) => typeof e !== 'string')) throw signatureError('Form.addPublishedReaders', [emails]);
    for (const e of emails) {
      const who = e.trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(who)) throw new Error(`Invalid email: ${e}`);
      this.data.publishedReaders.add(who);
    }
    return this;
  }

  private add(type: ItemTypeName, method: string): LocalItem {
    this.c(method);
    const item: ItemData = { id: this.store.newItemId(), type, title: '', helpText: '', required: false, choices: [] };
    this.data.items.push(item);
    return new LocalItem(this.counter, item, this.data, ITEM_CLASS[type]);
  }

  addMultipleChoiceItem(): LocalItem { return this.add('MULTIPLE_CHOICE', 'addMultipleChoiceItem'); }
  addParagraphTextItem(): LocalItem { return this.add('PARAGRAPH_TEXT', 'addParagraphTextItem'); }
  addPageBreakItem(): LocalItem { return this.add('PAGE_BREAK', 'addPageBreakItem'); }
  addSectionHeaderItem(): LocalItem { return this.add('SECTION_HEADER', 'addSectionHeaderItem'); }

  getItems(): LocalItem[] {
    this.c('getItems');
    return this.data.items.map((i) => new LocalItem(this.counter, i, this.data));
  }

  getItemById(id: number): LocalItem | null {
    this.c('getItemById');
    if (typeof id !== 'number') throw signatureError('Form.getItemById', [id]);
    const item = this.data.items.find((i) => i.id === id);
    return item ? new LocalItem(this.counter, item, this.data) : null;
  }

  getResponses(): LocalFormResponse[] {
    this.c('getResponses');
    return this.data.responses.map((r) => new LocalFormResponse(this.counter, this.data, this.store, this.user, r));
  }

  createResponse(): LocalFormResponse {
    this.c('createResponse');
    return new LocalFormResponse(this.counter, this.data, this.store, this.user, null);
  }
}

export class LocalFormApp {
  readonly ItemType = LocalItemType;

  constructor(private readonly counter: CallCounter, readonly store: FormStore, private readonly user: string) {}

  /** A new, empty, unpublished form owned by the user running the script. */
  create(title: string): LocalForm {
    this.counter.count('FormApp.create');
    if (typeof title !== 'string') throw signatureError('FormApp.create', [title]);
    const data: FormData = {
      id: newId('1F'), owner: this.user.toLowerCase(), title, description: '', confirmation: '', closedMessage: '',
      collectEmail: false, limitOne: false, allowEdits: false, accepting: false, published: false,
      publishedReaders: new Set(), items: [], responses: [], trashed: false,
    };
    this.store.forms.set(data.id, data);
    return new LocalForm(this.counter, data, this.store, this.user);
  }

  /** The reference: throws when the form does not exist or the user cannot open it. */
  openById(id: string): LocalForm {
    this.counter.count('FormApp.openById');
    if (typeof id !== 'string') throw signatureError('FormApp.openById', [id]);
    const data = this.store.forms.get(id);
    if (!data || data.trashed || data.owner !== this.user.toLowerCase()) throw new Error(NO_FORM_MESSAGE);
    return new LocalForm(this.counter, data, this.store, this.user);
  }
}

/** FormApp for one runtime, counting into its counter. */
export function createFormApp(counter: CallCounter, store: FormStore, user: string): LocalFormApp {
  return new LocalFormApp(counter, store, user);
}
