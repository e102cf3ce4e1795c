// Contract tests of the local FormApp. Each names the reference page it follows; where the
// reference is silent the test says so and the fake takes the stricter behaviour.
import { CallCounter } from '../../../src/local/gas/counter';
import { FormStore, LocalFormApp, NO_FORM_MESSAGE } from '../../../src/local/gas/forms';

const OWNER = 'jimukyoku@example.jp';

function setup() {
  const counter = new CallCounter();
  const store = new FormStore();
  const app = new LocalFormApp(counter, store, OWNER);
  return { counter, store, app };
}

function ratingForm(app: LocalFormApp) {
  const form = app.create('委員評価');
  const q = form.addMultipleChoiceItem().setTitle('基本目標1-1').setChoiceValues(['良好', '概ね良好', '良好ではない']).setRequired(true);
  const o = form.addParagraphTextItem().setTitle('意見');
  return { form, q, o };
}

describe('FormApp.create / openById (reference/forms/form-app)', () => {
  test('create returns an empty form with an ID and URLs; openById opens it again', () => {
    const { app } = setup();
    const form = app.create('委員評価');
    expect(form.getTitle()).toBe('委員評価');
    expect(form.getItems()).toHaveLength(0);
    expect(form.getPublishedUrl()).toContain(form.getId());
    expect(form.getEditUrl()).toMatch(/\/edit$/);
    expect(app.openById(form.getId()).getTitle()).toBe('委員評価');
  });

  test('openById throws for an unknown ID and for a form of another user', () => {
    const { app, store, counter } = setup();
    expect(() => app.openById('nope')).toThrow(NO_FORM_MESSAGE);
    const other = new LocalFormApp(counter, store, 'someone@example.jp').create('他人のフォーム');
    expect(() => app.openById(other.getId())).toThrow(NO_FORM_MESSAGE);
  });

  test('every call is counted by Class.method', () => {
    const { app, counter } = setup();
    ratingForm(app);
    const calls = counter.snapshot();
    expect(calls['FormApp.create']).toBe(1);
    expect(calls['Form.addMultipleChoiceItem']).toBe(1);
    expect(calls['MultipleChoiceItem.setChoiceValues']).toBe(1);
    expect(calls['ParagraphTextItem.setTitle']).toBe(1);
  });
});

describe('publishing (workspace/forms/api/guides/api-changes-to-google-forms, reference/forms/form)', () => {
  test('a form created by a script starts unpublished and takes no responses', () => {
    const { app, store } = setup();
    const { form } = ratingForm(app);
    expect(form.isPublished()).toBe(false);
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => store.respond(form.getId(), 'a@example.jp', { '基本目標1-1': '良好' })).toThrow('not published');
  });

  test('setAcceptingResponses(true) before publishing is refused; setPublished(true) also accepts', () => {
    const { app } = setup();
    const { form } = ratingForm(app);
    expect(() => form.setAcceptingResponses(true)).toThrow('published');
    form.setPublished(true);
    expect(form.isAcceptingResponses()).toBe(true);
    form.setAcceptingResponses(false);
    expect(form.isPublished()).toBe(true);
    expect(form.isAcceptingResponses()).toBe(false);
  });

  test('a closed form refuses responses with its custom closed message', () => {
    const { app, store } = setup();
    const { form } = ratingForm(app);
    form.setPublished(true).setCustomClosedFormMessage('締切を過ぎました').setAcceptingResponses(false);
    expect(() => store.respond(form.getId(), 'a@example.jp', { '基本目標1-1': '良好' })).toThrow('締切を過ぎました');
  });

  test('addPublishedReaders restricts who may respond (case-insensitive) and refuses an invalid address', () => {
    const { app, store } = setup();
    const { form } = ratingForm(app);
    form.setPublished(true).addPublishedReaders(['Member@Example.jp']);
    expect(form.getPublishedReaders()).toEqual(['member@example.jp']);
    expect(() => store.respond(form.getId(), 'stranger@example.jp', { '基本目標1-1': '良好' })).toThrow('permission');
    expect(store.respond(form.getId(), 'MEMBER@example.jp', { '基本目標1-1': '良好' }).answers.size).toBe(1);
    expect(() => form.addPublishedReaders(['yamada@'])).toThrow('Invalid email');
  });
});

describe('responses (reference/forms/form-response, reference/forms/item-response)', () => {
  test('collected e-mail, item responses in item order, the item they answer', () => {
    const { app, store } = setup();
    const { form, q, o } = ratingForm(app);
    form.setCollectEmail(true).setPublished(true);
    store.respond(form.getId(), 'a@example.jp', { 意見: '良い取組', '基本目標1-1': '概ね良好' });
    const [r] = form.getResponses();
    expect(r.getRespondentEmail()).toBe('a@example.jp');
    const items = r.getItemResponses();
    expect(items.map((i) => i.getItem().getId())).toEqual([q.getId(), o.getId()]);
    expect(items.map((i) => i.getResponse())).toEqual(['概ね良好', '良い取組']);
  });

  test('without collecting e-mail the respondent address is blank', () => {
    const { app, store } = setup();
    const { form } = ratingForm(app);
    form.setPublished(true);
    store.respond(form.getId(), 'a@example.jp', { '基本目標1-1': '良好' });
    expect(form.getResponses()[0].getRespondentEmail()).toBe('');
  });

  test('a required question left blank and a choice not offered are refused', () => {
    const { app, store } = setup();
    const { form } = ratingForm(app);
    form.setPublished(true);
    expect(() => store.respond(form.getId(), 'a@example.jp', { 意見: 'x' })).toThrow('required');
    expect(() => store.respond(form.getId(), 'a@example.jp', { '基本目標1-1': 'とても良い' })).toThrow('not a choice');
  });

  test('one response per user: a second one is refused, or replaces the first when edits are allowed', () => {
    const { app, store } = setup();
    const { form } = ratingForm(app);
    form.setCollectEmail(true).setLimitOneResponsePerUser(true).setPublished(true);
    const first = store.respond(form.getId(), 'a@example.jp', { '基本目標1-1': '良好' });
    expect(() => store.respond(form.getId(), 'a@example.jp', { '基本目標1-1': '概ね良好' })).toThrow('only fill out this form once');
    form.setAllowResponseEdits(true);
    const edited = store.respond(form.getId(), 'a@example.jp', { '基本目標1-1': '概ね良好' });
    expect(edited.id).toBe(first.id);
    expect(form.getResponses()).toHaveLength(1);
    expect(form.getResponses()[0].getItemResponses()[0].getResponse()).toBe('概ね良好');
  });

  test('reference silent on limiting without e-mail collection: the fake refuses it (stricter)', () => {
    const { app } = setup();
    const { form } = ratingForm(app);
    expect(() => form.setLimitOneResponsePerUser(true)).toThrow('collecting e-mail');
  });

  test('createResponse().withItemResponse().submit() answers as the script user', () => {
    const { app } = setup();
    const { form, q } = ratingForm(app);
    form.setCollectEmail(true).setPublished(true);
    const r = form.createResponse().withItemResponse(q.asMultipleChoiceItem().createResponse('良好')).submit();
    expect(r.getRespondentEmail()).toBe(OWNER);
    expect(() => q.asMultipleChoiceItem().createResponse('最高')).toThrow('not one of the choices');
  });
});

describe('items (reference/forms/multiple-choice-item, reference/forms/item)', () => {
  test('as…Item casts only to the item own type', () => {
    const { app } = setup();
    const { form, o } = ratingForm(app);
    const [first, second] = form.getItems();
    expect(first.asMultipleChoiceItem().getTitle()).toBe('基本目標1-1');
    expect(() => second.asMultipleChoiceItem()).toThrow("can't be cast");
    expect(second.getId()).toBe(o.getId());
  });

  test('reference silent on an empty choice list: refused (stricter)', () => {
    const { app } = setup();
    const item = app.create('x').addMultipleChoiceItem();
    expect(() => item.setChoiceValues([])).toThrow('Invalid argument');
  });

  test('page breaks cannot be required', () => {
    const { app } = setup();
    expect(() => app.create('x').addPageBreakItem().setRequired(true)).toThrow('cannot be required');
  });
});
