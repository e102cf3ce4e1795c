// The local Ui (https://developers.google.com/apps-script/reference/base/ui) and Menu
// (https://developers.google.com/apps-script/reference/base/menu), plus the Apps Script enum
// objects the Spreadsheet service exposes. Everything the add-on shows is recorded on a
// LocalUiState so tests can assert menus, toasts, alerts, prompts, sidebars and dialogs.

import type { CallCounter } from './counter';

type GasButton = GoogleAppsScript.Base.Button;
type GasButtonSet = GoogleAppsScript.Base.ButtonSet;
type GasHtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

/** One Apps Script enum value: an object that prints as its name (e.g. `String(Button.OK) === 'OK'`). */
export interface LocalEnumValue {
  name(): string;
  toString(): string;
  toJSON(): string;
  ordinal(): number;
}

/**
 * Apps Script enums are objects, not strings: `ui.alert(...) === 'YES'` is false there, and it is
 * false here too (only `==` against a string matches, through toString).
 */
export function makeEnum<T>(keys: readonly string[]): T {
  const out: Record<string, LocalEnumValue> = {};
  keys.forEach((k, i) => {
    out[k] = Object.freeze({ name: () => k, toString: () => k, toJSON: () => k, ordinal: () => i });
  });
  return Object.freeze(out) as unknown as T;
}

export function enumName(v: unknown): string | undefined {
  if (v && typeof v === 'object' && typeof (v as LocalEnumValue).name === 'function') {
    return (v as LocalEnumValue).name();
  }
  return undefined;
}

export type ButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';
export type ButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

export const Button = makeEnum<typeof GoogleAppsScript.Base.Button>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = makeEnum<typeof GoogleAppsScript.Base.ButtonSet>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

const BUTTONS_OF: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

// ---------------------------------------------------------------------------
// What was shown

/** One menu entry: an item (caption + functionName), a separator, or a submenu (caption + items). */
export interface RecordedMenuEntry {
  kind: 'item' | 'separator' | 'submenu';
  caption?: string;
  functionName?: string;
  items?: RecordedMenuEntry[];
}

export interface RecordedMenu {
  /** The caption; for createAddonMenu() the add-on's name. */
  title: string;
  addon: boolean;
  items: RecordedMenuEntry[];
}

export interface RecordedToast {
  message: string;
  title: string;
  timeoutSeconds: number | null;
}

export interface RecordedAlert {
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  response: ButtonName;
}

export interface RecordedPrompt extends RecordedAlert {
  responseText: string;
}

/**
 * A sidebar or dialog. The HtmlOutput is kept as shown; the getters read it when a test asks
 * (each read is an HtmlOutput call on the counter, so read them after taking counts).
 * For a dialog, getTitle() is the title passed to showModalDialog/showModelessDialog.
 */
export class RecordedHtml {
  constructor(
    readonly output: GasHtmlOutput,
    readonly kind: 'sidebar' | 'modal' | 'modeless',
    private readonly dialogTitle?: string,
  ) {}

  getTitle(): string {
    return this.dialogTitle ?? this.output.getTitle();
  }

  getContent(): string {
    return this.output.getContent();
  }

  getWidth(): number {
    return this.output.getWidth();
  }

  getHeight(): number {
    return this.output.getHeight();
  }

  get title(): string {
    return this.getTitle();
  }

  get content(): string {
    return this.getContent();
  }
}

export class LocalUiState {
  readonly menus: RecordedMenu[] = [];
  readonly toasts: RecordedToast[] = [];
  readonly alerts: RecordedAlert[] = [];
  readonly prompts: RecordedPrompt[] = [];
  readonly sidebars: RecordedHtml[] = [];
  readonly dialogs: RecordedHtml[] = [];
  private readonly alertQueue: ButtonName[] = [];
  private readonly promptQueue: Array<{ text: string; button: ButtonName }> = [];

  constructor(
    /** What createAddonMenu() is titled with (the add-on's name in the Extensions menu). */
    public addonName = '進捗管理',
    /** False models a trigger or another context without a UI (getUi() throws). */
    public available = true,
  ) {}

  /** Scripts the next alert responses (the person's clicks), in order. */
  queueAlertResponse(...buttons: ButtonName[]): void {
    this.alertQueue.push(...buttons);
  }

  queuePromptResponse(text: string, button: ButtonName = 'OK'): void {
    this.promptQueue.push({ text, button });
  }

  /** The queued alert responses not consumed yet. */
  pendingAlertResponses(): readonly ButtonName[] {
    return this.alertQueue.slice();
  }

  takeAlertResponse(set: ButtonSetName): ButtonName {
    return checkResponse(this.alertQueue.shift() ?? BUTTONS_OF[set][0], set);
  }

  takePromptResponse(set: ButtonSetName): { text: string; button: ButtonName } {
    const next = this.promptQueue.shift() ?? { text: '', button: BUTTONS_OF[set][0] };
    return { text: next.text, button: checkResponse(next.button, set) };
  }

  recordMenu(menu: RecordedMenu): void {
    // Adding a menu with the same caption again replaces it, as a re-run of onOpen does.
    const at = this.menus.findIndex((m) => m.title === menu.title && m.addon === menu.addon);
    if (at >= 0) this.menus.splice(at, 1, menu);
    else this.menus.push(menu);
  }
}

function checkResponse(button: ButtonName, set: ButtonSetName): ButtonName {
  // CLOSE is always possible: the person can dismiss the dialog.
  if (button !== 'CLOSE' && !BUTTONS_OF[set].includes(button)) {
    throw new Error(`Local runtime: queued response ${button} is not a button of ButtonSet.${set}.`);
  }
  return button;
}

// ---------------------------------------------------------------------------

type MenuKeys = 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi';

/** https://developers.google.com/apps-script/reference/base/menu */
export class LocalMenu implements Pick<GoogleAppsScript.Base.Menu, MenuKeys> {
  readonly items: RecordedMenuEntry[] = [];

  constructor(
    private readonly counter: CallCounter,
    private readonly state: LocalUiState,
    readonly caption: string,
    readonly addon: boolean,
  ) {}

  addItem(caption: string, functionName: string): GoogleAppsScript.Base.Menu {
    this.counter.count('Menu.addItem');
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      throw new Error(`The parameters (${typeof caption},${typeof functionName}) don't match the method signature for Menu.addItem.`);
    }
    this.items.push({ kind: 'item', caption, functionName });
    return this as unknown as GoogleAppsScript.Base.Menu;
  }

  addSeparator(): GoogleAppsScript.Base.Menu {
    this.counter.count('Menu.addSeparator');
    this.items.push({ kind: 'separator' });
    return this as unknown as GoogleAppsScript.Base.Menu;
  }

  addSubMenu(menu: GoogleAppsScript.Base.Menu): GoogleAppsScript.Base.Menu {
    this.counter.count('Menu.addSubMenu');
    const sub = menu as unknown as LocalMenu;
    if (!(sub instanceof LocalMenu)) throw new Error('Menu.addSubMenu: not a Menu.');
    this.items.push({ kind: 'submenu', caption: sub.caption, items: sub.items });
    return this as unknown as GoogleAppsScript.Base.Menu;
  }

  addToUi(): void {
    this.counter.count('Menu.addToUi');
    this.state.recordMenu({ title: this.caption, addon: this.addon, items: this.items.slice() });
  }
}

type UiKeys =
  | 'Button'
  | 'ButtonSet'
  | 'alert'
  | 'prompt'
  | 'createMenu'
  | 'createAddonMenu'
  | 'showSidebar'
  | 'showModalDialog'
  | 'showModelessDialog';

function buttonSetName(v: unknown): ButtonSetName | undefined {
  const name = enumName(v);
  return name && Object.values(ButtonSet).includes(v as GasButtonSet) ? (name as ButtonSetName) : undefined;
}

function requireHtml(method: string, output: unknown): GasHtmlOutput {
  const o = output as GasHtmlOutput | null;
  if (!o || typeof o.getContent !== 'function' || typeof o.getTitle !== 'function') {
    throw new Error(`The parameters (${output === null ? 'null' : typeof output}) don't match the method signature for Ui.${method}.`);
  }
  return o;
}

/** https://developers.google.com/apps-script/reference/base/ui */
export class LocalUi implements Pick<GoogleAppsScript.Base.Ui, UiKeys> {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly counter: CallCounter,
    readonly state: LocalUiState,
  ) {}

  alert(prompt: string, buttons?: GasButtonSet | string, third?: GasButtonSet): GasButton {
    this.counter.count('Ui.alert');
    const { title, text, set } = this.dialogArgs('alert', prompt, buttons, third, arguments.length);
    const response = this.state.takeAlertResponse(set);
    this.state.alerts.push({ title, prompt: text, buttons: set, response });
    return Button[response];
  }

  prompt(prompt: string, buttons?: GasButtonSet | string, third?: GasButtonSet): GoogleAppsScript.Base.PromptResponse {
    this.counter.count('Ui.prompt');
    const { title, text, set } = this.dialogArgs('prompt', prompt, buttons, third, arguments.length);
    const r = this.state.takePromptResponse(set);
    this.state.prompts.push({ title, prompt: text, buttons: set, response: r.button, responseText: r.text });
    const counter = this.counter;
    return {
      getResponseText(): string {
        counter.count('PromptResponse.getResponseText');
        return r.text;
      },
      getSelectedButton(): GasButton {
        counter.count('PromptResponse.getSelectedButton');
        return Button[r.button];
      },
    };
  }

  private dialogArgs(
    method: string,
    a: unknown,
    b: unknown,
    c: unknown,
    n: number,
  ): { title: string; text: string; set: ButtonSetName } {
    // alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons)
    if (n === 1 && typeof a === 'string') return { title: '', text: a, set: 'OK' };
    if (n === 2 && typeof a === 'string' && buttonSetName(b)) return { title: '', text: a, set: buttonSetName(b)! };
    if (n === 3 && typeof a === 'string' && typeof b === 'string' && buttonSetName(c)) {
      return { title: a, text: b, set: buttonSetName(c)! };
    }
    const types = [a, b, c].slice(0, n).map((v) => (v === null ? 'null' : typeof v === 'string' ? 'String' : typeof v));
    throw new Error(`The parameters (${types.join(',')}) don't match the method signature for Ui.${method}.`);
  }

  createMenu(caption: string): GoogleAppsScript.Base.Menu {
    this.counter.count('Ui.createMenu');
    return new LocalMenu(this.counter, this.state, caption, false) as unknown as GoogleAppsScript.Base.Menu;
  }

  createAddonMenu(): GoogleAppsScript.Base.Menu {
    this.counter.count('Ui.createAddonMenu');
    return new LocalMenu(this.counter, this.state, this.state.addonName, true) as unknown as GoogleAppsScript.Base.Menu;
  }

  showSidebar(userInterface: GasHtmlOutput): void {
    this.counter.count('Ui.showSidebar');
    this.state.sidebars.push(new RecordedHtml(requireHtml('showSidebar', userInterface), 'sidebar'));
  }

  showModalDialog(userInterface: GasHtmlOutput, title: string): void {
    this.counter.count('Ui.showModalDialog');
    this.state.dialogs.push(new RecordedHtml(requireHtml('showModalDialog', userInterface), 'modal', String(title)));
  }

  showModelessDialog(userInterface: GasHtmlOutput, title: string): void {
    this.counter.count('Ui.showModelessDialog');
    this.state.dialogs.push(new RecordedHtml(requireHtml('showModelessDialog', userInterface), 'modeless', String(title)));
  }
}
