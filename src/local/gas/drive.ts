// Local DriveApp, following https://developers.google.com/apps-script/reference/drive/drive-app,
// https://developers.google.com/apps-script/reference/drive/file,
// https://developers.google.com/apps-script/reference/drive/folder,
// https://developers.google.com/apps-script/reference/drive/access and
// https://developers.google.com/apps-script/reference/drive/permission.
// Where the reference is silent the stricter behaviour is chosen (see test/local/gas/drive.test.ts).
//
// One LocalDriveApp is one user's Drive (the script's effective user, `owner`). Every sharing call
// (addViewer/addCommenter/addEditor, setSharing) is written to `sharingLog`, including the ones
// that throw, so a test can prove what was and was not shared.

import { createHash } from 'node:crypto';
import type { CallCounter } from './counter';
import { LocalUserBase } from './session';
import { LocalBlob, signatureError } from './utilities';
import type { ImportedDoc } from './docx-import';

type Access = GoogleAppsScript.Drive.Access;
type Permission = GoogleAppsScript.Drive.Permission;
type GasFile = GoogleAppsScript.Drive.File;
type GasFolder = GoogleAppsScript.Drive.Folder;
type GasUser = GoogleAppsScript.Drive.User;

/** Apps Script enums are objects whose values print as their names; strings model that. */
export const LocalAccess = {
  ANYONE: 'ANYONE',
  ANYONE_WITH_LINK: 'ANYONE_WITH_LINK',
  DOMAIN: 'DOMAIN',
  DOMAIN_WITH_LINK: 'DOMAIN_WITH_LINK',
  PRIVATE: 'PRIVATE',
} as unknown as typeof GoogleAppsScript.Drive.Access;

export const LocalPermission = {
  VIEW: 'VIEW',
  EDIT: 'EDIT',
  COMMENT: 'COMMENT',
  OWNER: 'OWNER',
  ORGANIZER: 'ORGANIZER',
  FILE_ORGANIZER: 'FILE_ORGANIZER',
  NONE: 'NONE',
} as unknown as typeof GoogleAppsScript.Drive.Permission;

export const GOOGLE_DOCS_MIME = 'application/vnd.google-apps.document';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** What Apps Script prints for an ID it cannot open (getFileById / getFolderById). */
export const NO_ITEM_MESSAGE =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

/** A user's role on one file, as the Drive API names it. */
export type Role = 'reader' | 'commenter' | 'writer' | 'owner';

export interface SharingLogEntry {
  /** 1-based order of the call within this Drive. */
  seq: number;
  /** e.g. 'File.addCommenter', 'File.setSharing', 'Folder.addViewer'. */
  method: string;
  fileId: string;
  fileName: string;
  /** An email address, or for setSharing the Access class (ANYONE, DOMAIN …). */
  who: string;
  /** Role asked for, or for setSharing the Permission (VIEW, COMMENT, EDIT …). */
  role: string;
  /** granted: access changed; unchanged: the user already had that much; rejected: threw. */
  outcome: 'granted' | 'unchanged' | 'rejected';
  /** Drive mails a share notification to a user given access (DriveApp has no way to turn it off). */
  notified: boolean;
  /** The text of the notification mail, when one was sent with a message (Drive API emailMessage). */
  message?: string;
  error?: string;
}

export interface LocalDriveOptions {
  /** The effective user: owner of everything created through this Drive. */
  owner: string;
  /**
   * Google Workspace domain of the owner. Without it the account is a consumer account, for which
   * the reference says DOMAIN / DOMAIN_WITH_LINK throw in setSharing.
   */
  workspaceDomain?: string;
  /** Clock for creation dates (defaults to the real clock). */
  now?: () => Date;
}

// Plain and strict: one @, no spaces, a dot in the domain. Drive refuses what it cannot deliver to.
const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isValidEmail(s: string): boolean {
  return typeof s === 'string' && s.length <= 254 && EMAIL_RE.test(s);
}

const ROLE_RANK: Record<Role, number> = { reader: 1, commenter: 2, writer: 3, owner: 4 };
const ROLE_PERMISSION: Record<Role, string> = { reader: 'VIEW', commenter: 'COMMENT', writer: 'EDIT', owner: 'OWNER' };

export interface ItemRecord {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  parents: Set<string>;
  /** Explicit per-user roles (owner excluded), in the order they were granted. */
  roles: Map<string, Role>;
  access: string;
  permission: string;
  created: Date;
  updated: Date;
  trashed: boolean;
  description: string | null;
  content: Buffer;
  isFolder: boolean;
  /**
   * Created or opened by this app (script project): what the drive.file scope lets it see
   * (https://developers.google.com/workspace/drive/api/guides/api-specific-auth). Items a person made
   * in Drive are not, until picked with Google Picker.
   */
  appVisible: boolean;
  /** On a shared drive: the Drive API finds it only with supportsAllDrives=true; it has no owner. */
  sharedDrive: boolean;
  /** A Google Doc made by importing a .docx (Drive API): what DocumentApp opens. */
  imported?: ImportedDoc;
  /** The file that was imported, as uploaded (local only: Drive keeps no copy of it). */
  importSource?: Buffer;
}

/**
 * What a blob holds, read without counting service calls: the runtime reading a blob it was
 * handed is not a call the script makes (a LocalBlob is read directly; any other BlobSource
 * through its public methods).
 */
export function blobContent(source: GoogleAppsScript.Base.BlobSource): { bytes: Buffer; contentType: string | null; name: string | null } {
  if (source instanceof LocalBlob) {
    const raw = source as unknown as { bytes: Buffer; contentType: string | null; name: string | null };
    return { bytes: Buffer.from(raw.bytes), contentType: raw.contentType, name: raw.name };
  }
  const blob = source.getBlob();
  return { bytes: Buffer.from(blob.getBytes().map((b) => b & 0xff)), contentType: blob.getContentType(), name: blob.getName() };
}

function idFor(kind: string, n: number, length: number): string {
  // Deterministic IDs in Drive's alphabet, so test output is stable from run to run.
  return '1' + createHash('sha256').update(`local-drive:${kind}:${n}`).digest('base64url').slice(0, length - 1);
}

function requireString(method: string, v: unknown, extra: unknown[] = []): string {
  if (typeof v !== 'string') throw signatureError(method, [v, ...extra]);
  return v;
}

function emailOf(method: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && typeof (v as GasUser).getEmail === 'function') {
    return (v as GasUser).getEmail();
  }
  throw signatureError(method, [v]);
}

/** https://developers.google.com/apps-script/reference/drive/user */
export class LocalDriveUser extends LocalUserBase implements Pick<GasUser, 'getEmail' | 'getName' | 'getDomain' | 'getPhotoUrl'> {
  /** The reference: "returns null if the user's name is not available"; the local Drive knows no names. */
  getName(): string {
    this.counter.count('User.getName');
    return null as unknown as string;
  }

  getDomain(): string {
    this.counter.count('User.getDomain');
    return this.email.slice(this.email.indexOf('@') + 1);
  }

  getPhotoUrl(): string {
    this.counter.count('User.getPhotoUrl');
    return null as unknown as string;
  }
}

const asUser = (u: LocalDriveUser): GasUser => u as unknown as GasUser;

/**
 * Shared by File and Folder: identity, ownership, the per-user sharing rules and the methods the
 * two references define alike. `Self` is what the chaining methods return (File or Folder).
 */
abstract class LocalDriveItem<Self> {
  constructor(
    protected readonly drive: LocalDriveApp,
    protected readonly counter: CallCounter,
    protected readonly rec: ItemRecord,
  ) {}

  protected abstract readonly kind: 'File' | 'Folder';

  protected count(method: string): void {
    this.counter.count(`${this.kind}.${method}`);
  }

  protected self(): Self {
    return this as unknown as Self;
  }

  getId(): string {
    this.count('getId');
    return this.rec.id;
  }

  getName(): string {
    this.count('getName');
    return this.rec.name;
  }

  getOwner(): GasUser {
    this.count('getOwner');
    return asUser(new LocalDriveUser(this.counter, this.rec.owner));
  }

  getParents(): GoogleAppsScript.Drive.FolderIterator {
    this.count('getParents');
    return this.drive.folderIterator([...this.rec.parents]);
  }

  addViewer(emailAddress: string | GoogleAppsScript.Base.User): Self {
    this.count('addViewer');
    this.grant(`${this.kind}.addViewer`, emailAddress, 'reader');
    return this.self();
  }

  addEditor(emailAddress: string | GoogleAppsScript.Base.User): Self {
    this.count('addEditor');
    this.grant(`${this.kind}.addEditor`, emailAddress, 'writer');
    return this.self();
  }

  /** The reference: "Gets the list of viewers and commenters for this File" (or Folder); the owner is not included. */
  getViewers(): GasUser[] {
    this.count('getViewers');
    return this.usersWith(['reader', 'commenter']);
  }

  /** The reference: "Gets the list of editors for this File" (or Folder). The owner is not listed (silent; as observed). */
  getEditors(): GasUser[] {
    this.count('getEditors');
    return this.usersWith(['writer']);
  }

  getAccess(email: string | GoogleAppsScript.Base.User): Permission {
    this.count('getAccess');
    return this.accessOf(email, `${this.kind}.getAccess`);
  }

  setSharing(accessType: Access, permissionType: Permission): Self {
    this.count('setSharing');
    this.applySharing(`${this.kind}.setSharing`, accessType, permissionType);
    return this.self();
  }

  /** A new item is private: only its owner and the users explicitly added. */
  getSharingAccess(): Access {
    this.count('getSharingAccess');
    return this.rec.access as unknown as Access;
  }

  getSharingPermission(): Permission {
    this.count('getSharingPermission');
    return this.rec.permission as unknown as Permission;
  }

  isTrashed(): boolean {
    this.count('isTrashed');
    return this.rec.trashed;
  }

  /**
   * The reference, File.addViewer: "If the user was already on the list of editors, this method
   * has no effect"; addCommenter/addEditor: "promotes the user out of the list of viewers".
   * So a role only ever goes up. An address Drive cannot use throws 'Invalid argument: …'.
   */
  protected grant(method: string, who: unknown, role: Role): void {
    let email = '';
    try {
      email = emailOf(method, who);
      if (!isValidEmail(email)) throw new Error(`Invalid argument: ${email}`);
    } catch (e) {
      this.drive.log({ method, fileId: this.rec.id, fileName: this.rec.name, who: String(email || who), role, outcome: 'rejected', notified: false, error: (e as Error).message });
      throw e;
    }
    const key = email.toLowerCase();
    const current: Role | undefined = key === this.rec.owner.toLowerCase() ? 'owner' : this.rec.roles.get(key);
    const raise = current === undefined || ROLE_RANK[role] > ROLE_RANK[current];
    if (raise) this.rec.roles.set(key, role);
    this.drive.log({ method, fileId: this.rec.id, fileName: this.rec.name, who: email, role, outcome: raise ? 'granted' : 'unchanged', notified: raise });
  }

  protected grantAll(method: string, emails: unknown, role: Role): void {
    if (!Array.isArray(emails)) throw signatureError(method, [emails]);
    // Checked before any is granted: a bad address in the list changes nothing (stricter).
    for (const e of emails) {
      if (typeof e !== 'string') throw signatureError(method, [emails]);
      if (!isValidEmail(e)) {
        this.drive.log({ method, fileId: this.rec.id, fileName: this.rec.name, who: e, role, outcome: 'rejected', notified: false, error: `Invalid argument: ${e}` });
        throw new Error(`Invalid argument: ${e}`);
      }
    }
    for (const e of emails) this.grant(method, e, role);
  }

  protected revoke(method: string, who: unknown, roles: Role[]): void {
    const key = emailOf(method, who).toLowerCase();
    const current = this.rec.roles.get(key);
    if (current !== undefined && roles.includes(current)) this.rec.roles.delete(key);
  }

  protected usersWith(roles: Role[]): GasUser[] {
    const out: GasUser[] = [];
    for (const [email, role] of this.rec.roles) if (roles.includes(role)) out.push(asUser(new LocalDriveUser(this.counter, email)));
    return out;
  }

  protected accessOf(who: unknown, method: string): Permission {
    const email = emailOf(method, who);
    if (!isValidEmail(email)) throw new Error(`Invalid argument: ${email}`);
    const key = email.toLowerCase();
    if (key === this.rec.owner.toLowerCase()) return LocalPermission.OWNER;
    const role = this.rec.roles.get(key);
    if (role) return ROLE_PERMISSION[role] as unknown as Permission;
    // Not explicitly shared: the general access applies (the reference's Access classes).
    if (this.rec.access === 'ANYONE' || this.rec.access === 'ANYONE_WITH_LINK') return this.rec.permission as unknown as Permission;
    return LocalPermission.NONE;
  }

  protected applySharing(method: string, accessType: unknown, permissionType: unknown): void {
    const access = String(accessType);
    const permission = String(permissionType);
    const entry = { method, fileId: this.rec.id, fileName: this.rec.name, who: access, role: permission, notified: false };
    const fail = (message: string): never => {
      this.drive.log({ ...entry, outcome: 'rejected', error: message });
      throw new Error(message);
    };
    if (!(Object.values(LocalAccess) as unknown[]).includes(accessType)) fail(signatureError(method, [accessType, permissionType]).message);
    if (!(Object.values(LocalPermission) as unknown[]).includes(permissionType)) fail(signatureError(method, [accessType, permissionType]).message);
    // The reference (Permission): OWNER, ORGANIZER, FILE_ORGANIZER "can be returned, but passing
    // it to File.setSharing(accessType, permissionType) throws an exception"; NONE only with PRIVATE.
    if (['OWNER', 'ORGANIZER', 'FILE_ORGANIZER'].includes(permission)) fail(`Invalid argument: permissionType (${permission})`);
    if (permission === 'NONE' && access !== 'PRIVATE') fail(`Invalid argument: permissionType (${permission})`);
    // The reference (Access): DOMAIN and DOMAIN_WITH_LINK are only for Google Workspace accounts.
    if ((access === 'DOMAIN' || access === 'DOMAIN_WITH_LINK') && !this.drive.workspaceDomain) {
      fail(`Invalid argument: accessType (${access} needs a Google Workspace account)`);
    }
    const changed = this.rec.access !== access || this.rec.permission !== (access === 'PRIVATE' ? 'NONE' : permission);
    this.rec.access = access;
    // A private item grants nothing beyond its explicit users.
    this.rec.permission = access === 'PRIVATE' ? 'NONE' : permission;
    this.drive.log({ ...entry, outcome: changed ? 'granted' : 'unchanged' });
  }

  protected touch(): void {
    this.rec.updated = this.drive.clock();
  }
}

/** https://developers.google.com/apps-script/reference/drive/file */
export class LocalDriveFile
  extends LocalDriveItem<GasFile>
  implements
    Pick<
      GasFile,
      | 'getId' | 'getName' | 'setName' | 'getUrl' | 'getMimeType' | 'getDescription' | 'setDescription'
      | 'getDateCreated' | 'getLastUpdated' | 'getOwner' | 'getParents' | 'moveTo'
      | 'addViewer' | 'addViewers' | 'addCommenter' | 'addCommenters' | 'addEditor' | 'addEditors'
      | 'removeViewer' | 'removeEditor' | 'getViewers' | 'getEditors' | 'getAccess'
      | 'setSharing' | 'getSharingAccess' | 'getSharingPermission' | 'isTrashed' | 'setTrashed' | 'getBlob' | 'getSize'
    >
{
  protected readonly kind = 'File' as const;

  setName(name: string): GasFile {
    this.count('setName');
    this.rec.name = requireString('File.setName', name);
    this.touch();
    return this.self();
  }

  /** Docs editor files open in their editor; other files in the Drive viewer. */
  getUrl(): string {
    this.count('getUrl');
    return this.rec.mimeType === GOOGLE_DOCS_MIME
      ? `https://docs.google.com/document/d/${this.rec.id}/edit?usp=drivesdk`
      : `https://drive.google.com/file/d/${this.rec.id}/view?usp=drivesdk`;
  }

  getMimeType(): string {
    this.count('getMimeType');
    return this.rec.mimeType;
  }

  getDescription(): string | null {
    this.count('getDescription');
    return this.rec.description;
  }

  setDescription(description: string): GasFile {
    this.count('setDescription');
    this.rec.description = requireString('File.setDescription', description);
    return this.self();
  }

  getDateCreated(): GoogleAppsScript.Base.Date {
    this.count('getDateCreated');
    return new Date(this.rec.created) as unknown as GoogleAppsScript.Base.Date;
  }

  getLastUpdated(): GoogleAppsScript.Base.Date {
    this.count('getLastUpdated');
    return new Date(this.rec.updated) as unknown as GoogleAppsScript.Base.Date;
  }

  /** The reference: "Moves this item to the provided destination folder" (it leaves every other parent). */
  moveTo(destination: GasFolder): GasFile {
    this.count('moveTo');
    const target = this.drive.recordOf(destination);
    if (!target || !target.isFolder) throw signatureError('File.moveTo', [destination]);
    this.rec.parents = new Set([target.id]);
    this.touch();
    return this.self();
  }

  addViewers(emailAddresses: string[]): GasFile {
    this.count('addViewers');
    this.grantAll('File.addViewers', emailAddresses, 'reader');
    return this.self();
  }

  addCommenter(emailAddress: string | GoogleAppsScript.Base.User): GasFile {
    this.count('addCommenter');
    this.grant('File.addCommenter', emailAddress, 'commenter');
    return this.self();
  }

  addCommenters(emailAddresses: string[]): GasFile {
    this.count('addCommenters');
    this.grantAll('File.addCommenters', emailAddresses, 'commenter');
    return this.self();
  }

  addEditors(emailAddresses: string[]): GasFile {
    this.count('addEditors');
    this.grantAll('File.addEditors', emailAddresses, 'writer');
    return this.self();
  }

  /** The reference: removes the user "from the list of viewers and commenters". */
  removeViewer(emailAddress: string | GoogleAppsScript.Base.User): GasFile {
    this.count('removeViewer');
    this.revoke('File.removeViewer', emailAddress, ['reader', 'commenter']);
    return this.self();
  }

  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): GasFile {
    this.count('removeEditor');
    this.revoke('File.removeEditor', emailAddress, ['writer']);
    return this.self();
  }

  setTrashed(trashed: boolean): GasFile {
    this.count('setTrashed');
    if (typeof trashed !== 'boolean') throw signatureError('File.setTrashed', [trashed]);
    this.rec.trashed = trashed;
    return this.self();
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    this.count('getBlob');
    // Converting a Google Doc to bytes happens on Google's servers.
    if (this.rec.mimeType === GOOGLE_DOCS_MIME) {
      throw new Error('File.getBlob: the local runtime cannot export a Google Docs file.');
    }
    return new LocalBlob(this.counter, this.rec.content, this.rec.mimeType, this.rec.name);
  }

  getSize(): number {
    this.count('getSize');
    // Google Docs files take no quota: Drive reports 0 for them.
    return this.rec.mimeType === GOOGLE_DOCS_MIME ? 0 : this.rec.content.length;
  }
}

/** https://developers.google.com/apps-script/reference/drive/folder */
export class LocalDriveFolder
  extends LocalDriveItem<GasFolder>
  implements
    Pick<
      GasFolder,
      | 'getId' | 'getName' | 'setName' | 'getUrl' | 'getOwner' | 'getParents'
      | 'createFile' | 'createFolder' | 'addFile' | 'removeFile' | 'getFiles' | 'getFilesByName' | 'getFolders'
      | 'addViewer' | 'addEditor' | 'getViewers' | 'getEditors' | 'getAccess'
      | 'setSharing' | 'getSharingAccess' | 'getSharingPermission' | 'isTrashed'
    >
{
  protected readonly kind = 'Folder' as const;

  setName(name: string): GasFolder {
    this.count('setName');
    this.rec.name = requireString('Folder.setName', name);
    return this.self();
  }

  getUrl(): string {
    this.count('getUrl');
    return `https://drive.google.com/drive/folders/${this.rec.id}`;
  }

  createFile(nameOrBlob: string | GoogleAppsScript.Base.BlobSource, content?: string, mimeType?: string): GasFile {
    this.count('createFile');
    return this.drive.newFileFrom('Folder.createFile', this.rec.id, nameOrBlob, content, mimeType);
  }

  createFolder(name: string): GasFolder {
    this.count('createFolder');
    return this.drive.newFolder(requireString('Folder.createFolder', name), this.rec.id);
  }

  /** The reference: adds the file to this folder "without removing it from its current parent". */
  addFile(child: GasFile): GasFolder {
    this.count('addFile');
    const rec = this.drive.recordOf(child);
    if (!rec || rec.isFolder) throw signatureError('Folder.addFile', [child]);
    rec.parents.add(this.rec.id);
    return this.self();
  }

  removeFile(child: GasFile): GasFolder {
    this.count('removeFile');
    const rec = this.drive.recordOf(child);
    if (!rec || rec.isFolder) throw signatureError('Folder.removeFile', [child]);
    rec.parents.delete(this.rec.id);
    return this.self();
  }

  getFiles(): GoogleAppsScript.Drive.FileIterator {
    this.count('getFiles');
    return this.drive.fileIterator((r) => !r.isFolder && !r.trashed && r.parents.has(this.rec.id));
  }

  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    this.count('getFilesByName');
    requireString('Folder.getFilesByName', name);
    return this.drive.fileIterator((r) => !r.isFolder && !r.trashed && r.parents.has(this.rec.id) && r.name === name);
  }

  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    this.count('getFolders');
    return this.drive.folderIterator(this.drive.childFolderIds(this.rec.id));
  }
}

/** https://developers.google.com/apps-script/reference/drive/file-iterator (and folder-iterator) */
class LocalIterator<T> {
  private i = 0;
  constructor(
    private readonly counter: CallCounter,
    private readonly name: 'FileIterator' | 'FolderIterator',
    private readonly items: T[],
  ) {}

  hasNext(): boolean {
    this.counter.count(`${this.name}.hasNext`);
    return this.i < this.items.length;
  }

  next(): T {
    this.counter.count(`${this.name}.next`);
    // The reference: next "Throws an exception if there are no more items" (Java's NoSuchElementException).
    if (this.i >= this.items.length) throw new Error('Cannot retrieve the next object: iterator has reached the end.');
    return this.items[this.i++];
  }

  getContinuationToken(): string {
    this.counter.count(`${this.name}.getContinuationToken`);
    return `local:${this.i}`;
  }
}

type DriveAppSubset = Pick<
  GoogleAppsScript.Drive.DriveApp,
  'Access' | 'Permission' | 'getRootFolder' | 'getFolderById' | 'getFileById' | 'createFolder' | 'createFile' | 'getFiles' | 'getFilesByName'
>;

/** https://developers.google.com/apps-script/reference/drive/drive-app */
export class LocalDriveApp implements DriveAppSubset {
  readonly Access = LocalAccess;
  readonly Permission = LocalPermission;
  /** Every sharing call, in order (test hook, not Apps Script). */
  readonly sharingLog: SharingLogEntry[] = [];
  readonly owner: string;
  readonly workspaceDomain: string | undefined;
  readonly clock: () => Date;

  private readonly items = new Map<string, ItemRecord>();
  private readonly handles = new WeakMap<object, ItemRecord>();
  private readonly rootId: string;
  private seq = 0;

  constructor(
    private readonly counter: CallCounter,
    opts: LocalDriveOptions,
  ) {
    if (!isValidEmail(opts.owner)) throw new Error(`LocalDriveApp: owner "${opts.owner}" is not an email address.`);
    this.owner = opts.owner;
    this.workspaceDomain = opts.workspaceDomain;
    this.clock = opts.now ?? (() => new Date());
    this.rootId = this.insert('マイドライブ', FOLDER_MIME, null, Buffer.alloc(0), true).id;
  }

  getRootFolder(): GasFolder {
    this.counter.count('DriveApp.getRootFolder');
    return this.folderHandle(this.items.get(this.rootId)!);
  }

  getFolderById(id: string): GasFolder {
    this.counter.count('DriveApp.getFolderById');
    requireString('DriveApp.getFolderById', id);
    // 'root' is Drive's alias of My Drive.
    const rec = this.items.get(id === 'root' ? this.rootId : id);
    if (!rec || !rec.isFolder) throw new Error(NO_ITEM_MESSAGE);
    return this.folderHandle(rec);
  }

  getFileById(id: string): GasFile {
    this.counter.count('DriveApp.getFileById');
    requireString('DriveApp.getFileById', id);
    const rec = this.items.get(id);
    if (!rec || rec.isFolder) throw new Error(NO_ITEM_MESSAGE);
    return this.fileHandle(rec);
  }

  createFolder(name: string): GasFolder {
    this.counter.count('DriveApp.createFolder');
    return this.newFolder(requireString('DriveApp.createFolder', name), this.rootId);
  }

  createFile(nameOrBlob: string | GoogleAppsScript.Base.BlobSource, content?: string, mimeType?: string): GasFile {
    this.counter.count('DriveApp.createFile');
    return this.newFileFrom('DriveApp.createFile', this.rootId, nameOrBlob, content, mimeType);
  }

  getFiles(): GoogleAppsScript.Drive.FileIterator {
    this.counter.count('DriveApp.getFiles');
    return this.fileIterator((r) => !r.isFolder && !r.trashed);
  }

  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    this.counter.count('DriveApp.getFilesByName');
    requireString('DriveApp.getFilesByName', name);
    return this.fileIterator((r) => !r.isFolder && !r.trashed && r.name === name);
  }

  // ---------------------------------------------------------------------------------------------
  // Runtime hooks (not Apps Script): used by the local DocumentApp and by tests; not counted.

  /** Creates a Google Docs file in My Drive owned by the owner; returns its ID. */
  localCreateDocsFile(name: string): string {
    return this.insert(name, GOOGLE_DOCS_MIME, this.rootId, Buffer.alloc(0), false).id;
  }

  localExists(id: string): boolean {
    return this.items.has(id) && !this.items.get(id)!.isFolder;
  }

  /** Marks a file as updated (a document was edited). */
  localTouch(id: string): void {
    const rec = this.items.get(id);
    if (rec) rec.updated = this.clock();
  }

  /** Test hook: a plain snapshot of one file or folder. */
  localItem(id: string): { id: string; name: string; mimeType: string; parents: string[]; roles: Record<string, Role>; access: string; permission: string } {
    const rec = this.items.get(id);
    if (!rec) throw new Error(`localItem: no item ${id}`);
    return {
      id: rec.id,
      name: rec.name,
      mimeType: rec.mimeType,
      parents: [...rec.parents],
      roles: Object.fromEntries(rec.roles),
      access: rec.access,
      permission: rec.permission,
    };
  }

  /** Renames a file (Document.setName renames its Drive file), without counting Drive calls. */
  localRename(id: string, name: string): void {
    const rec = this.items.get(id);
    if (!rec) throw new Error(`localRename: no item ${id}`);
    rec.name = name;
    rec.updated = this.clock();
  }

  /** Runtime hook for the local DocumentApp: Google Docs made by an import, in creation order. */
  localImportedDocIds(): string[] {
    return [...this.items.values()].filter((r) => r.imported && !r.trashed).map((r) => r.id);
  }

  /** Test hook: the bytes last imported into a Google Doc (the .docx the script uploaded), or undefined. */
  localImportSource(id: string): Uint8Array | undefined {
    const src = this.items.get(id)?.importSource;
    return src ? new Uint8Array(src) : undefined;
  }

  /** Runtime hook: each item's creation order. */
  localOrder(): Map<string, number> {
    return new Map([...this.items.keys()].map((id, i) => [id, i]));
  }

  /** Runtime hook for the Drive API fake: the record of an item (undefined when there is none). */
  localRecord(id: string): ItemRecord | undefined {
    return this.items.get(id);
  }

  /** Runtime hook for the Drive API fake: a new item owned by the owner, visible to the app. */
  localInsert(name: string, mimeType: string, parentId: string | null, content: Buffer = Buffer.alloc(0)): ItemRecord {
    return this.insert(name, mimeType, parentId ?? this.rootId, content, mimeType === FOLDER_MIME);
  }

  /**
   * Test hook: a folder (or Google Doc) a person made in Drive, outside this app. Under drive.file
   * the app does not see it until it is picked (localPick).
   */
  localCreateByPerson(name: string, opts: { folder?: boolean; parentId?: string; sharedDrive?: boolean } = {}): string {
    const folder = opts.folder ?? true;
    const rec = this.insert(name, folder ? FOLDER_MIME : GOOGLE_DOCS_MIME, opts.parentId ?? this.rootId, Buffer.alloc(0), folder);
    rec.appVisible = false;
    rec.sharedDrive = opts.sharedDrive ?? false;
    return rec.id;
  }

  /** Test hook: the person picked this item in Google Picker, which opens it to the app (drive.file). */
  localPick(id: string): void {
    const rec = this.items.get(id);
    if (!rec) throw new Error(`localPick: no item ${id}`);
    rec.appVisible = true;
  }

  /** Test hook: trash or restore an item as a person would in Drive. */
  localTrash(id: string, trashed = true): void {
    const rec = this.items.get(id);
    if (!rec) throw new Error(`localTrash: no item ${id}`);
    rec.trashed = trashed;
  }

  /** Test hook: the ID of My Drive. */
  localRootId(): string {
    return this.rootId;
  }

  /** Test hook: sets the general access of an item without a log entry (e.g. a folder someone shared). */
  localSetAccess(id: string, access: string, permission: string): void {
    const rec = this.items.get(id);
    if (!rec) throw new Error(`localSetAccess: no item ${id}`);
    rec.access = access;
    rec.permission = permission;
  }

  log(entry: Omit<SharingLogEntry, 'seq'>): void {
    this.sharingLog.push({ seq: this.sharingLog.length + 1, ...entry });
  }

  recordOf(handle: unknown): ItemRecord | undefined {
    return handle !== null && typeof handle === 'object' ? this.handles.get(handle) : undefined;
  }

  folderIterator(ids: string[]): GoogleAppsScript.Drive.FolderIterator {
    const folders = ids.map((id) => this.items.get(id)).filter((r): r is ItemRecord => !!r && r.isFolder && !r.trashed);
    return new LocalIterator(this.counter, 'FolderIterator', folders.map((r) => this.folderHandle(r))) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }

  fileIterator(pred: (r: ItemRecord) => boolean): GoogleAppsScript.Drive.FileIterator {
    const files = [...this.items.values()].filter(pred);
    return new LocalIterator(this.counter, 'FileIterator', files.map((r) => this.fileHandle(r))) as unknown as GoogleAppsScript.Drive.FileIterator;
  }

  childFolderIds(parentId: string): string[] {
    return [...this.items.values()].filter((r) => r.isFolder && r.parents.has(parentId)).map((r) => r.id);
  }

  newFolder(name: string, parentId: string): GasFolder {
    return this.folderHandle(this.insert(name, FOLDER_MIME, parentId, Buffer.alloc(0), true));
  }

  newFileFrom(method: string, parentId: string, nameOrBlob: unknown, content?: unknown, mimeType?: unknown): GasFile {
    let name: string;
    let bytes: Buffer;
    let type: string;
    if (typeof nameOrBlob === 'string') {
      if (typeof content !== 'string' || (mimeType !== undefined && typeof mimeType !== 'string')) {
        throw signatureError(method, [nameOrBlob, content, mimeType].filter((v) => v !== undefined));
      }
      name = nameOrBlob;
      bytes = Buffer.from(content, 'utf8');
      type = (mimeType as string | undefined) ?? 'text/plain';
      // The reference: "Throws an exception if content is larger than 10MB" (with a MIME type) / 50 MB.
      const limit = mimeType === undefined ? 50 * 1024 * 1024 : 10 * 1024 * 1024;
      if (bytes.length > limit) throw new Error(`${method}: content is larger than ${limit / 1024 / 1024} MB.`);
      // Google Apps MIME types cannot be created from content.
      if (type.startsWith('application/vnd.google-apps.')) throw new Error(`Invalid argument: mimeType (${type})`);
    } else if (nameOrBlob !== null && typeof nameOrBlob === 'object' && typeof (nameOrBlob as GoogleAppsScript.Base.BlobSource).getBlob === 'function') {
      const blob = blobContent(nameOrBlob as GoogleAppsScript.Base.BlobSource);
      name = blob.name ?? 'Untitled';
      type = blob.contentType ?? 'application/octet-stream';
      bytes = blob.bytes;
    } else {
      throw signatureError(method, [nameOrBlob]);
    }
    return this.fileHandle(this.insert(name, type, parentId, bytes, false));
  }

  private insert(name: string, mimeType: string, parentId: string | null, content: Buffer, isFolder: boolean): ItemRecord {
    const n = ++this.seq;
    const now = this.clock();
    const rec: ItemRecord = {
      // Drive folder IDs are 33 characters, document IDs 44.
      id: idFor(isFolder ? 'folder' : 'file', n, isFolder ? 33 : 44),
      name,
      mimeType,
      owner: this.owner,
      parents: new Set(parentId ? [parentId] : []),
      roles: new Map(),
      access: 'PRIVATE',
      permission: 'NONE',
      created: now,
      updated: now,
      trashed: false,
      description: null,
      content,
      isFolder,
      appVisible: true,
      sharedDrive: false,
    };
    this.items.set(rec.id, rec);
    return rec;
  }

  private fileHandle(rec: ItemRecord): GasFile {
    const h = new LocalDriveFile(this, this.counter, rec);
    this.handles.set(h, rec);
    return h as unknown as GasFile;
  }

  private folderHandle(rec: ItemRecord): GasFolder {
    const h = new LocalDriveFolder(this, this.counter, rec);
    this.handles.set(h, rec);
    return h as unknown as GasFolder;
  }
}
