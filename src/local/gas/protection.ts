// Local Protection, following https://developers.google.com/apps-script/reference/spreadsheet/protection,
// Range.protect (reference/spreadsheet/range#protect()), Sheet.protect / getProtections
// (reference/spreadsheet/sheet) and Spreadsheet.getProtections (reference/spreadsheet/spreadsheet).
// Storage is ProtectionModel (spreadsheet-model.ts), which also enforces protections on edits
// (SheetModel.checkProtected) and moves RANGE protections with inserted and deleted rows.
// Where the reference is silent the stricter behaviour is chosen (test/local/gas/protection.test.ts).

import type { CallCounter } from './counter';
import type { ProtectionModel, SpreadsheetModel } from './spreadsheet-model';
import { LocalUser } from './session';
import { makeEnum } from './spreadsheet-ui';
import { signatureError } from './utilities';

type GasRange = GoogleAppsScript.Spreadsheet.Range;

const SPREADSHEET_SCOPES = ['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/spreadsheets'];
/** Scopes each method needs, from its reference page: any spreadsheet scope. */
export const PROTECTION_SCOPES: Record<string, readonly string[]> = Object.fromEntries(
  ['Range.protect', 'Sheet.protect', 'Sheet.getProtections', 'Spreadsheet.getProtections', 'Protection.addEditor', 'Protection.addEditors',
    'Protection.removeEditor', 'Protection.removeEditors', 'Protection.getEditors', 'Protection.setDescription', 'Protection.getDescription',
    'Protection.setWarningOnly', 'Protection.isWarningOnly', 'Protection.remove', 'Protection.canEdit', 'Protection.getRange',
    'Protection.getProtectionType', 'Protection.setDomainEdit', 'Protection.canDomainEdit', 'Protection.setRange'].map((m) => [m, SPREADSHEET_SCOPES]),
);

export const ProtectionTypeEnum = makeEnum<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(['RANGE', 'SHEET']);

// Not in the reference (stricter choices, see the contract tests).
export const WARNING_ONLY_EDITORS_MESSAGE = 'Editors are not supported with warning-only protection.';
export const CANNOT_REMOVE_MESSAGE = 'You do not have permission to remove this protection.';
export const REMOVED_MESSAGE = 'This protection has been removed.';

function emailOf(method: string, x: unknown): string {
  if (typeof x === 'string') return x.trim().toLowerCase();
  if (x && typeof (x as { getEmail?: unknown }).getEmail === 'function') return String((x as GoogleAppsScript.Base.User).getEmail()).toLowerCase();
  throw signatureError(method, [x]);
}

/** Editors a new protection starts with: "the permissions mirror those of the spreadsheet itself". */
export function newProtection(book: SpreadsheetModel, init: Omit<ProtectionModel, 'id' | 'editors' | 'description' | 'warningOnly' | 'domainEdit' | 'removed'>): ProtectionModel {
  const editors = new Set<string>([...book.editors]);
  if (book.owner) editors.add(book.owner.toLowerCase());
  const user = (book.env.user ?? '').toLowerCase();
  if (user) editors.add(user);
  const p: ProtectionModel = { ...init, id: book.newProtectionId(), editors, description: '', warningOnly: false, domainEdit: false, removed: false };
  book.protections.push(p);
  return p;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/protection */
export class LocalProtection {
  constructor(
    readonly model: ProtectionModel,
    private readonly counter: CallCounter,
    private readonly rangeOf: (p: ProtectionModel) => GasRange,
  ) {}

  private c(method: string): void {
    this.counter.count('Protection.' + method);
  }

  private live(): ProtectionModel {
    // Reference silent on a removed protection; stricter: using it again is an error.
    if (this.model.removed) throw new Error(REMOVED_MESSAGE);
    return this.model;
  }

  private book(): SpreadsheetModel {
    return this.model.sheet.book;
  }

  private user(): string {
    return (this.book().env.user ?? '').toLowerCase() || this.book().owner.toLowerCase();
  }

  addEditor(emailAddress: string | GoogleAppsScript.Base.User): this {
    this.c('addEditor');
    const p = this.live();
    if (p.warningOnly) throw new Error(WARNING_ONLY_EDITORS_MESSAGE);
    p.editors.add(emailOf('Protection.addEditor', emailAddress));
    return this;
  }

  addEditors(emailAddresses: string[]): this {
    this.c('addEditors');
    const p = this.live();
    if (!Array.isArray(emailAddresses)) throw signatureError('Protection.addEditors', [emailAddresses]);
    if (p.warningOnly) throw new Error(WARNING_ONLY_EDITORS_MESSAGE);
    for (const e of emailAddresses.map((x) => emailOf('Protection.addEditors', x))) p.editors.add(e);
    return this;
  }

  /** The reference: "Neither the owner of the spreadsheet nor the current user can be removed." */
  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): this {
    this.c('removeEditor');
    this.remove1(emailOf('Protection.removeEditor', emailAddress));
    return this;
  }

  removeEditors(emailAddresses: Array<string | GoogleAppsScript.Base.User>): this {
    this.c('removeEditors');
    if (!Array.isArray(emailAddresses)) throw signatureError('Protection.removeEditors', [emailAddresses]);
    for (const e of emailAddresses) this.remove1(emailOf('Protection.removeEditors', e));
    return this;
  }

  private remove1(email: string): void {
    const p = this.live();
    if (email === this.book().owner.toLowerCase() || email === this.user()) return;
    p.editors.delete(email);
  }

  getEditors(): LocalUser[] {
    this.c('getEditors');
    return [...this.live().editors].sort().map((e) => new LocalUser(this.counter, e));
  }

  /** "The owner of the spreadsheet is always able to edit protected ranges and sheets." */
  canEdit(): boolean {
    this.c('canEdit');
    const p = this.live();
    const u = this.user();
    return u === this.book().owner.toLowerCase() || p.editors.has(u);
  }

  canDomainEdit(): boolean {
    this.c('canDomainEdit');
    return this.live().domainEdit;
  }

  setDomainEdit(editable: boolean): this {
    this.c('setDomainEdit');
    if (typeof editable !== 'boolean') throw signatureError('Protection.setDomainEdit', [editable]);
    this.live().domainEdit = editable;
    return this;
  }

  getDescription(): string {
    this.c('getDescription');
    return this.live().description;
  }

  setDescription(description: string): this {
    this.c('setDescription');
    if (typeof description !== 'string') throw signatureError('Protection.setDescription', [description]);
    this.live().description = description;
    return this;
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    this.c('getProtectionType');
    return ProtectionTypeEnum[this.live().type];
  }

  getRange(): GasRange {
    this.c('getRange');
    return this.rangeOf(this.live());
  }

  /** Moves a RANGE protection to another range of the same sheet (reference: setRange(range)). */
  setRange(range: GasRange): this {
    this.c('setRange');
    const p = this.live();
    const r = range as unknown as { sheetModel?: unknown; row: number; col: number; numRows: number; numCols: number };
    if (!r || r.sheetModel !== p.sheet || p.type !== 'RANGE') throw signatureError('Protection.setRange', [range]);
    Object.assign(p, { row: r.row, col: r.col, numRows: r.numRows, numCols: r.numCols });
    return this;
  }

  isWarningOnly(): boolean {
    this.c('isWarningOnly');
    return this.live().warningOnly;
  }

  /** "Warning-based protection means that every user can edit data in the area, except editing prompts a warning." */
  setWarningOnly(warningOnly: boolean): this {
    this.c('setWarningOnly');
    if (typeof warningOnly !== 'boolean') throw signatureError('Protection.setWarningOnly', [warningOnly]);
    this.live().warningOnly = warningOnly;
    return this;
  }

  /** "Unprotects the range or sheet." Reference silent on who may; stricter: only who canEdit. */
  remove(): void {
    this.c('remove');
    const p = this.live();
    const u = this.user();
    if (u !== this.book().owner.toLowerCase() && !p.editors.has(u)) throw new Error(CANNOT_REMOVE_MESSAGE);
    p.removed = true;
    const i = this.book().protections.indexOf(p);
    if (i >= 0) this.book().protections.splice(i, 1);
  }
}
