// OAuth scopes in the local runtime: every service method the runtime counts ("Class.method")
// declares the scopes Apps Script requires for it, from the "Authorization" section of its
// reference page (cited per group below). With a manifest loaded, a call whose scopes the
// manifest does not grant throws what Apps Script throws. Apps Script grants exactly the
// manifest's oauthScopes when the manifest lists them explicitly, as this add-on's does
// (https://developers.google.com/apps-script/concepts/scopes#setting_explicit_scopes).

const AUTH = 'https://www.googleapis.com/auth/';
export const scope = (s: string): string => AUTH + s;

/** Any one of these scopes allows the call; [] = the reference lists no authorization. */
type Rule = readonly string[];

const SHEETS: Rule = ['spreadsheets.currentonly', 'spreadsheets'];
const DOCS_ELEMENT: Rule = ['documents.currentonly', 'documents'];
const DOCS_OPEN: Rule = ['documents'];
const CONTAINER_UI: Rule = ['script.container.ui'];
const DRIVE_READ: Rule = ['drive.readonly', 'drive'];
const DRIVE_WRITE: Rule = ['drive'];
const FORMS_ELEMENT: Rule = ['forms.currentonly', 'forms'];
const SCRIPTAPP: Rule = ['script.scriptapp'];
const NONE: Rule = [];

/**
 * By class: every method of the class needs the same scopes. References:
 * - Spreadsheet service (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app,
 *   …/spreadsheet, …/sheet, …/range, …/data-validation, …/data-validation-builder):
 *   spreadsheets.currentonly or spreadsheets.
 * - Document service elements (https://developers.google.com/apps-script/reference/document/document,
 *   …/body, …/paragraph, …/table, …/table-row, …/table-cell, …/inline-image …):
 *   documents.currentonly or documents.
 * - Base/HTML/Properties/Lock/Utilities/Logger/console and Menu, PromptResponse: no authorization
 *   section on their reference pages (https://developers.google.com/apps-script/reference/html/html-service,
 *   …/properties/properties-service, …/lock/lock-service, …/utilities/utilities, …/base/menu).
 * - Session (https://developers.google.com/apps-script/reference/base/session) and User
 *   (…/base/user): no scope; getEmail returns "" where the address may not be shown (see session.ts).
 */
const BY_CLASS: Record<string, Rule> = {
  SpreadsheetApp: SHEETS,
  Spreadsheet: SHEETS,
  Sheet: SHEETS,
  Range: SHEETS,
  RangeList: SHEETS,
  DataValidation: SHEETS,
  DataValidationBuilder: SHEETS,
  Protection: SHEETS,
  Document: DOCS_ELEMENT,
  Body: DOCS_ELEMENT,
  Paragraph: DOCS_ELEMENT,
  ListItem: DOCS_ELEMENT,
  Table: DOCS_ELEMENT,
  TableRow: DOCS_ELEMENT,
  TableCell: DOCS_ELEMENT,
  InlineImage: DOCS_ELEMENT,
  HorizontalRule: DOCS_ELEMENT,
  PageBreak: DOCS_ELEMENT,
  // …/header-section, …/footer-section, …/table-of-contents, …/unsupported-element: the same.
  HeaderSection: DOCS_ELEMENT,
  FooterSection: DOCS_ELEMENT,
  TableOfContents: DOCS_ELEMENT,
  UnsupportedElement: DOCS_ELEMENT,
  Ui: NONE,
  Menu: NONE,
  PromptResponse: NONE,
  HtmlService: NONE,
  HtmlOutput: NONE,
  HtmlOutputMetaTag: NONE,
  HtmlTemplate: NONE,
  PropertiesService: NONE,
  Properties: NONE,
  // Cache service (https://developers.google.com/apps-script/reference/cache/cache-service,
  // …/cache/cache): no authorization section.
  CacheService: NONE,
  Cache: NONE,
  LockService: NONE,
  Lock: NONE,
  Utilities: NONE,
  Blob: NONE,
  Logger: NONE,
  console: NONE,
  Session: NONE,
  User: NONE,
  ScriptApp: NONE,
  // Charts service (https://developers.google.com/apps-script/reference/charts/charts, …/chart,
  // …/data-table-builder, …/bar-chart-builder): no authorization section.
  Charts: NONE,
  Chart: NONE,
  DataTableBuilder: NONE,
  BarChartBuilder: NONE,
  // Forms service (https://developers.google.com/apps-script/reference/forms/form, …/item,
  // …/multiple-choice-item, …/form-response …): forms.currentonly or forms; FormApp.create and
  // openById need forms (overrides below).
  FormApp: FORMS_ELEMENT,
  Form: FORMS_ELEMENT,
  Item: FORMS_ELEMENT,
  MultipleChoiceItem: FORMS_ELEMENT,
  ParagraphTextItem: FORMS_ELEMENT,
  PageBreakItem: FORMS_ELEMENT,
  SectionHeaderItem: FORMS_ELEMENT,
  FormResponse: FORMS_ELEMENT,
  ItemResponse: FORMS_ELEMENT,
  // https://developers.google.com/apps-script/reference/mail/mail-app: script.send_mail.
  MailApp: ['script.send_mail'],
  // https://developers.google.com/apps-script/reference/script/script-app#newTrigger(String),
  // …/script/trigger, …/clock-trigger-builder: script.scriptapp.
  Trigger: SCRIPTAPP,
  TriggerBuilder: SCRIPTAPP,
  ClockTriggerBuilder: SCRIPTAPP,
  // DriveApp as a whole: https://developers.google.com/apps-script/reference/drive/drive-app —
  // readers need drive.readonly or drive, writers drive (overrides below). Never drive.file.
  DriveApp: DRIVE_READ,
  File: DRIVE_READ,
  Folder: DRIVE_READ,
  FileIterator: DRIVE_READ,
  FolderIterator: DRIVE_READ,
};

/** By method, where a class's methods differ. */
const BY_METHOD: Record<string, Rule> = {
  // https://developers.google.com/apps-script/reference/document/document-app#create(String),
  // #openById(String), #openByUrl(String): documents only.
  'DocumentApp.create': DOCS_OPEN,
  'DocumentApp.openById': DOCS_OPEN,
  'DocumentApp.openByUrl': DOCS_OPEN,
  // https://developers.google.com/apps-script/reference/base/ui#showSidebar(Object),
  // #showModalDialog(Object,String), #showModelessDialog(Object,String): script.container.ui.
  'Ui.showSidebar': CONTAINER_UI,
  'Ui.showModalDialog': CONTAINER_UI,
  'Ui.showModelessDialog': CONTAINER_UI,
  'FormApp.create': ['forms'],
  'FormApp.openById': ['forms'],
  'FormApp.openByUrl': ['forms'],
  'ScriptApp.newTrigger': SCRIPTAPP,
  'ScriptApp.getProjectTriggers': SCRIPTAPP,
  'ScriptApp.getUserTriggers': SCRIPTAPP,
  'ScriptApp.deleteTrigger': SCRIPTAPP,
  // https://developers.google.com/apps-script/reference/script/script-app#getOAuthToken(): none.
  // DriveApp / File / Folder writers: the reference lists only https://www.googleapis.com/auth/drive.
  'DriveApp.createFolder': DRIVE_WRITE,
  'DriveApp.createFile': DRIVE_WRITE,
  ...Object.fromEntries(
    ['setName', 'setDescription', 'moveTo', 'addViewer', 'addViewers', 'addCommenter', 'addCommenters', 'addEditor', 'addEditors',
      'removeViewer', 'removeEditor', 'setSharing', 'setTrashed', 'createFile', 'createFolder', 'addFile', 'removeFile']
      .flatMap((m) => [[`File.${m}`, DRIVE_WRITE], [`Folder.${m}`, DRIVE_WRITE]]),
  ),
  // Advanced Drive service = Drive API v3 (https://developers.google.com/apps-script/advanced/drive);
  // scopes from the API reference, e.g. https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create.
  'Drive.Files.create': ['drive', 'drive.appdata', 'drive.file'],
  'Drive.Files.get': ['drive', 'drive.appdata', 'drive.file', 'drive.metadata', 'drive.metadata.readonly', 'drive.photos.readonly', 'drive.readonly'],
  'Drive.Files.update': ['drive', 'drive.appdata', 'drive.file', 'drive.metadata', 'drive.scripts'],
  'Drive.Permissions.list': ['drive', 'drive.file', 'drive.metadata', 'drive.metadata.readonly', 'drive.photos.readonly', 'drive.readonly'],
  'Drive.Permissions.create': ['drive', 'drive.file'],
};

/** The scopes that allow `name` ("Class.method"), as full URLs; [] when none is needed. */
export function requiredScopes(name: string): string[] {
  const rule = BY_METHOD[name] ?? BY_CLASS[name.slice(0, name.indexOf('.'))];
  if (!rule) {
    // Stricter than guessing: a method without a rule is a gap in this table, found at once.
    throw new Error(`Local runtime: no OAuth scope rule for ${name}. Add it to src/local/gas/scopes.ts with its reference page.`);
  }
  return rule.map(scope);
}

/** The message Apps Script gives for a built-in service call the granted scopes do not cover. */
export function builtinScopeMessage(name: string, needed: readonly string[]): string {
  const list = needed.length === 1 ? needed[0] : `(${needed.join(' || ')})`;
  return `Specified permissions are not sufficient to call ${name}. Required permissions: ${list}`;
}

/** Apps Script's `Exception` for a built-in service (its name in the execution log). */
export class ScriptException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** An advanced service's failure: the API's error as Apps Script wraps it. */
export class GoogleJsonResponseException extends Error {
  readonly details: { code: number; message: string };
  constructor(apiMethod: string, code: number, reason: string) {
    super(`API call to ${apiMethod} failed with error: ${reason}`);
    this.name = 'GoogleJsonResponseException';
    this.details = { code, message: reason };
  }
}

/** The OAuth scopes a manifest grants (its oauthScopes), and the advanced services it enables. */
export interface Manifest {
  oauthScopes?: string[];
  dependencies?: { enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[] };
}

/** Checks calls against the granted scopes; one per runtime, attached to its CallCounter. */
export class ScopeGuard {
  readonly granted: ReadonlySet<string>;

  constructor(manifest: Manifest) {
    if (!Array.isArray(manifest.oauthScopes)) {
      // Without explicit scopes Apps Script infers them from the code; the add-on always lists them.
      throw new Error('Local runtime: the manifest has no oauthScopes; list them explicitly.');
    }
    this.granted = new Set(manifest.oauthScopes);
  }

  has(s: string): boolean {
    return this.granted.has(s.startsWith('https://') ? s : scope(s));
  }

  /** Throws as Apps Script does when `name` needs a scope the manifest does not grant. */
  check(name: string): void {
    const needed = requiredScopes(name);
    if (needed.length === 0 || needed.some((s) => this.granted.has(s))) return;
    if (name.startsWith('Drive.')) {
      // Drive.Files.create → drive.files.create, as the API names it.
      const api = name.split('.').map((p) => p.charAt(0).toLowerCase() + p.slice(1)).join('.');
      throw new GoogleJsonResponseException(api, 403, 'Request had insufficient authentication scopes.');
    }
    throw new ScriptException(builtinScopeMessage(name, needed));
  }
}
