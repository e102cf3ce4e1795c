// Local advanced Drive service (Drive API v3), following
// https://developers.google.com/apps-script/advanced/drive and the API reference:
// https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create, …/files/get,
// …/files/update, …/permissions/list and …/permissions/create.
// It works on the same store as the local DriveApp (one user's Drive). Where the reference is
// silent the stricter behaviour is chosen (see test/local/gas/drive-api.test.ts).
//
// What the app can see: with the drive.file scope only, files the app created or that the person
// opened with it (Google Picker); anything else is "File not found", as the API answers
// (https://developers.google.com/workspace/drive/api/guides/api-specific-auth). Items on a shared
// drive are found only with supportsAllDrives=true.

import type { CallCounter } from './counter';
import { FOLDER_MIME, GOOGLE_DOCS_MIME, blobContent, isValidEmail, type ItemRecord, type LocalDriveApp, type Role } from './drive';
import { GoogleJsonResponseException, scope } from './scopes';
import { DOCX_MIME, PackageError, importDocx, type ImportedDoc } from './docx-import';

/**
 * What Drive converts into a Google Doc (about.importFormats for application/vnd.google-apps.document,
 * https://developers.google.com/workspace/drive/api/reference/rest/v3/about and the guide
 * https://developers.google.com/workspace/drive/api/guides/manage-uploads#import-docs). Only .docx
 * is modelled here; the others are accepted by Drive but refused locally as not modelled.
 */
const DOCS_IMPORT_SOURCES = new Set([
  DOCX_MIME,
  'application/msword', 'application/rtf', 'text/rtf', 'text/plain', 'text/html', 'application/vnd.oasis.opendocument.text',
  'application/x-vnd.oasis.opendocument.text', 'application/vnd.ms-word.document.macroenabled.12',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template', 'application/vnd.ms-word.template.macroenabled.12',
  'text/richtext', 'image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/pjpeg', 'image/x-bmp', 'image/x-png', 'application/pdf',
]);
/**
 * Google Drive Help, "Files you can store in Google Drive" (https://support.google.com/drive/answer/37603):
 * documents hold up to 1.02 million characters, and an uploaded document converted to Google Docs
 * format can be at most 50 MB.
 */
export const DOCS_IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const DOCS_MAX_CHARS = 1_020_000;

type FileResource = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
type PermissionResource = GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission;
type PermissionList = GoogleAppsScript.Drive_v3.Drive.V3.Schema.PermissionList;
type Args = Record<string, unknown>;

/** The API's default response fields when `fields` is not given. */
const DEFAULT_FILE_FIELDS = ['kind', 'id', 'name', 'mimeType'];
const DEFAULT_PERMISSION_FIELDS = ['kind', 'id', 'type', 'role'];
const ROLES = ['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'];
const TYPES = ['user', 'group', 'domain', 'anyone'];

/** Keeps the fields asked for: "id,name,parents" or "permissions(id,role),nextPageToken". */
function pick<T extends object>(obj: T, fields: string | undefined, defaults: string[]): Partial<T> {
  const wanted = fields ? fields.split(',').map((f) => f.trim()).filter(Boolean) : defaults;
  if (wanted.includes('*')) return { ...obj };
  const out: Record<string, unknown> = {};
  for (const f of wanted) {
    const key = f.replace(/\(.*$/, '');
    if (key in obj) out[key] = (obj as Record<string, unknown>)[key];
  }
  return out as Partial<T>;
}

/** "permissions(id,role,emailAddress)" → "id,role,emailAddress". */
function innerFields(fields: string | undefined, key: string): string | undefined {
  if (!fields) return undefined;
  const m = new RegExp(`${key}\\(([^)]*)\\)`).exec(fields);
  if (m) return m[1];
  return fields.split(',').map((f) => f.trim()).includes(key) ? '*' : undefined;
}

function permissionId(email: string): string {
  // Drive's permission IDs are opaque digits; derive a stable one from the address.
  let h = 0;
  for (const ch of email.toLowerCase()) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return String(10_000_000_000_000 + h);
}

export interface DriveApiLogEntry {
  method: string;
  fileId: string;
  args: Args;
}

class FilesCollection {
  constructor(private readonly api: LocalDriveApi) {}

  /** https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create */
  create(resource: FileResource, mediaData?: GoogleAppsScript.Base.Blob | null, optionalArgs: Args = {}): FileResource {
    const api = this.api;
    api.count('Drive.Files.create');
    const method = 'drive.files.create';
    if (resource === null || typeof resource !== 'object') throw api.error(method, 400, 'Invalid Value');
    // Media: the blob's bytes are the file's content; its type applies when the resource names
    // none. With a Google Docs MIME type the upload is imported (converted) into a Google Doc.
    let content: Buffer = Buffer.alloc(0);
    let mediaType: string | null = null;
    let imported: ImportedDoc | undefined;
    let blobBytes: Buffer = Buffer.alloc(0);
    if (mediaData !== undefined && mediaData !== null) {
      if (typeof (mediaData as GoogleAppsScript.Base.BlobSource).getBlob !== 'function') throw api.error(method, 400, 'Invalid Value');
      const blob = blobContent(mediaData);
      content = blob.bytes;
      mediaType = blob.contentType;
      if ((resource?.mimeType ?? '').startsWith('application/vnd.google-apps.')) {
        imported = api.importUpload(method, String(resource.mimeType), blob.contentType, blob.bytes);
        blobBytes = blob.bytes;
        content = Buffer.alloc(0);
      }
    }
    const name = typeof resource.name === 'string' && resource.name !== '' ? resource.name : 'Untitled';
    const mimeType = resource.mimeType ?? mediaType ?? 'application/octet-stream';
    const parents = resource.parents ?? [];
    // The reference: "parents … If not specified … the file is placed directly in the user's My Drive
    // folder"; v3 allows a single parent.
    if (!Array.isArray(parents) || parents.length > 1) throw api.error(method, 400, 'Increased number of parents is not allowed.');
    let parent: ItemRecord | null = null;
    if (parents.length === 1) {
      parent = api.visible(method, String(parents[0]), optionalArgs);
      if (!parent.isFolder) throw api.error(method, 400, `The specified parent is not a folder.`);
      if (parent.trashed) throw api.error(method, 400, `The specified parent is trashed.`);
    }
    const rec = api.drive.localInsert(name, mimeType, parent ? parent.id : null, content);
    if (parent?.sharedDrive) rec.sharedDrive = true;
    if (imported) {
      rec.imported = imported;
      rec.importSource = Buffer.from(blobBytes);
    }
    api.log.push({ method: 'Drive.Files.create', fileId: rec.id, args: { ...optionalArgs } });
    return pick(api.fileResource(rec), optionalArgs.fields as string | undefined, DEFAULT_FILE_FIELDS);
  }

  /** https://developers.google.com/workspace/drive/api/reference/rest/v3/files/get */
  get(fileId: string, optionalArgs: Args = {}): FileResource {
    const api = this.api;
    api.count('Drive.Files.get');
    const rec = api.visible('drive.files.get', fileId, optionalArgs);
    return pick(api.fileResource(rec), optionalArgs.fields as string | undefined, DEFAULT_FILE_FIELDS);
  }

  /**
   * https://developers.google.com/workspace/drive/api/reference/rest/v3/files/update (name, trashed,
   * addParents/removeParents, new content). New content for a Google Doc is imported like an
   * upload to files.create: a .docx replaces the Doc's content (same ID, link and sharing).
   */
  update(resource: FileResource, fileId: string, mediaData?: GoogleAppsScript.Base.Blob | null, optionalArgs: Args = {}): FileResource {
    const api = this.api;
    api.count('Drive.Files.update');
    const method = 'drive.files.update';
    const rec = api.visible(method, fileId, optionalArgs);
    let media: { content: Buffer; imported?: ImportedDoc; source?: Buffer } | null = null;
    if (mediaData !== undefined && mediaData !== null) {
      if (typeof (mediaData as GoogleAppsScript.Base.BlobSource).getBlob !== 'function') throw api.error(method, 400, 'Invalid Value');
      const blob = blobContent(mediaData);
      // The reference: mimeType "cannot be changed unless a new revision is uploaded"; a Google
      // Doc's new revision is an import again.
      const target = resource?.mimeType ?? rec.mimeType;
      if (target.startsWith('application/vnd.google-apps.')) {
        if (target !== rec.mimeType) throw api.error(method, 400, 'Local runtime: changing a file into another Google format is not modelled.');
        media = { content: Buffer.alloc(0), imported: api.importUpload(method, target, blob.contentType, blob.bytes), source: blob.bytes };
      } else {
        if (rec.mimeType.startsWith('application/vnd.google-apps.')) throw api.error(method, 400, 'Local runtime: turning a Google Docs file into an uploaded file is not modelled.');
        media = { content: blob.bytes };
      }
    }
    const add = String(optionalArgs.addParents ?? '').split(',').filter(Boolean);
    const remove = String(optionalArgs.removeParents ?? '').split(',').filter(Boolean);
    const targets = add.map((id) => api.visible(method, id, optionalArgs));
    for (const t of targets) if (!t.isFolder) throw api.error(method, 400, 'The specified parent is not a folder.');
    const parents = new Set(rec.parents);
    for (const id of remove) parents.delete(id);
    for (const t of targets) parents.add(t.id);
    // Drive's single-parent model: an item has exactly one parent folder; a second is refused
    // (checked before anything changes).
    if (parents.size > 1) throw api.error(method, 403, 'Increased number of parents is not allowed.');
    if (resource && typeof resource === 'object') {
      if (typeof resource.name === 'string') rec.name = resource.name;
      if (typeof resource.trashed === 'boolean') rec.trashed = resource.trashed;
    }
    rec.parents = parents;
    if (media) {
      rec.content = media.content;
      if (media.imported) {
        rec.imported = media.imported;
        rec.importSource = media.source;
      }
      api.drive.localTouch(rec.id);
    }
    api.log.push({ method: 'Drive.Files.update', fileId: rec.id, args: { ...optionalArgs } });
    return pick(api.fileResource(rec), optionalArgs.fields as string | undefined, DEFAULT_FILE_FIELDS);
  }
}

class PermissionsCollection {
  constructor(private readonly api: LocalDriveApi) {}

  /** https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/list */
  list(fileId: string, optionalArgs: Args = {}): PermissionList {
    const api = this.api;
    api.count('Drive.Permissions.list');
    const rec = api.visible('drive.permissions.list', fileId, optionalArgs);
    const all = api.permissionsOf(rec);
    const size = Math.min(100, Math.max(1, Number(optionalArgs.pageSize ?? 100)));
    const start = Number(String(optionalArgs.pageToken ?? '0')) || 0;
    const page = all.slice(start, start + size);
    const fields = optionalArgs.fields as string | undefined;
    const inner = innerFields(fields, 'permissions');
    const out: PermissionList = {
      kind: 'drive#permissionList',
      permissions: page.map((p) => pick(p, inner === '*' ? undefined : inner, DEFAULT_PERMISSION_FIELDS) as PermissionResource),
    };
    if (start + size < all.length) out.nextPageToken = String(start + size);
    return fields ? (pick(out, fields, []) as PermissionList) : out;
  }

  /** https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/create */
  create(resource: PermissionResource, fileId: string, optionalArgs: Args = {}): PermissionResource {
    const api = this.api;
    api.count('Drive.Permissions.create');
    const method = 'drive.permissions.create';
    const rec = api.visible(method, fileId, optionalArgs);
    const type = String(resource?.type ?? '');
    const role = String(resource?.role ?? '');
    const email = String(resource?.emailAddress ?? '');
    const notify = optionalArgs.sendNotificationEmail !== false;
    const message = typeof optionalArgs.emailMessage === 'string' ? optionalArgs.emailMessage : undefined;
    const reject = (code: number, reason: string): never => {
      api.drive.log({ method: 'Drive.Permissions.create', fileId: rec.id, fileName: rec.name, who: email || type, role, outcome: 'rejected', notified: false, error: reason });
      throw api.error(method, code, reason);
    };
    if (!TYPES.includes(type)) reject(400, 'Invalid Value');
    if (!ROLES.includes(role)) reject(400, 'Invalid Value');
    // The local Drive holds per-user roles; anyone/domain grants change the general access instead.
    if (type === 'group') reject(400, 'Local runtime: group permissions are not modelled.');
    if (role === 'owner' && optionalArgs.transferOwnership !== true) {
      reject(403, 'The transferOwnership parameter must be enabled when the permission role is \'owner\'.');
    }
    if (role === 'organizer' || role === 'fileOrganizer') reject(403, 'The requested role is only valid for shared drives.');
    // The reference: emailMessage is "a plain text custom message to include in the notification email".
    // Sent only with the notification; with sendNotificationEmail=false Drive refuses it (stricter).
    if (message !== undefined && !notify) reject(400, 'emailMessage requires sendNotificationEmail to be true.');
    if (type === 'anyone' || type === 'domain') {
      if (type === 'domain' && !api.drive.workspaceDomain) reject(403, 'Invalid sharing request: domain sharing needs a Google Workspace account.');
      rec.access = type === 'anyone' ? (resource.allowFileDiscovery ? 'ANYONE' : 'ANYONE_WITH_LINK') : (resource.allowFileDiscovery ? 'DOMAIN' : 'DOMAIN_WITH_LINK');
      rec.permission = role === 'reader' ? 'VIEW' : role === 'commenter' ? 'COMMENT' : 'EDIT';
      api.drive.log({ method: 'Drive.Permissions.create', fileId: rec.id, fileName: rec.name, who: type === 'anyone' ? rec.access : rec.access, role, outcome: 'granted', notified: false });
      return pick({ kind: 'drive#permission', id: type === 'anyone' ? 'anyoneWithLink' : 'domainWithLink', type, role }, optionalArgs.fields as string | undefined, DEFAULT_PERMISSION_FIELDS);
    }
    if (!isValidEmail(email)) reject(400, `Invalid Value: emailAddress (${email})`);
    // Drive can share with an address that has no Google account only by sending the invitation.
    if (!notify && api.isNonGoogle(email)) {
      reject(400, `Bad Request. User message: "You are trying to invite ${email}. Since there is no Google account associated with this email address, you must check the 'Notify people' box to invite this recipient."`);
    }
    const key = email.toLowerCase();
    if (!rec.sharedDrive && key === rec.owner.toLowerCase()) reject(403, 'The user already owns this item.');
    const current = rec.roles.get(key);
    rec.roles.set(key, role as Role);
    api.drive.log({
      method: 'Drive.Permissions.create', fileId: rec.id, fileName: rec.name, who: email, role,
      outcome: current === role ? 'unchanged' : 'granted', notified: notify, ...(notify && message !== undefined ? { message } : {}),
    });
    return pick({ kind: 'drive#permission', id: permissionId(email), type: 'user', role, emailAddress: key }, optionalArgs.fields as string | undefined, DEFAULT_PERMISSION_FIELDS);
  }
}

export interface LocalDriveApiOptions {
  /** Addresses without a Google account (Drive can invite them only by mail). */
  nonGoogleAddresses?: string[];
}

/** The `Drive` global of an Apps Script project that enabled the advanced Drive service (v3). */
export class LocalDriveApi {
  readonly Files: FilesCollection;
  readonly Permissions: PermissionsCollection;
  /** Every successful create/update, with its optional arguments (test hook, not Apps Script). */
  readonly log: DriveApiLogEntry[] = [];
  private readonly nonGoogle: Set<string>;

  constructor(
    private readonly counter: CallCounter,
    readonly drive: LocalDriveApp,
    opts: LocalDriveApiOptions = {},
  ) {
    this.Files = new FilesCollection(this);
    this.Permissions = new PermissionsCollection(this);
    this.nonGoogle = new Set((opts.nonGoogleAddresses ?? []).map((a) => a.toLowerCase()));
  }

  count(name: string): void {
    this.counter.count(name);
  }

  error(method: string, code: number, reason: string): GoogleJsonResponseException {
    return new GoogleJsonResponseException(method, code, reason);
  }

  /**
   * Converts an upload into a Google format, as Drive's import does; refuses what Drive refuses:
   * a source type Drive cannot convert to the target (400 conversionUnsupportedConversionPath, the
   * message seen in https://github.com/googleworkspace/php-samples/issues/147), more than 50 MB or
   * a document over 1.02 million characters (Drive Help 37603; the wording of Drive's refusal is
   * not documented — stricter: 400 with a plain reason), and a file that is not a readable .docx
   * (Drive answers a corrupt upload with a server error,
   * https://github.com/googleapis/google-api-go-client/issues/35: 503 Backend Error — the local
   * reason is kept on the exception's localReason).
   */
  importUpload(method: string, target: string, sourceType: string | null, bytes: Uint8Array): ImportedDoc {
    if (target !== GOOGLE_DOCS_MIME) throw this.error(method, 400, `Local runtime: importing into ${target} is not modelled.`);
    if (!sourceType || !DOCS_IMPORT_SOURCES.has(sourceType.toLowerCase())) {
      throw this.error(method, 400, 'Conversion of the uploaded content to the requested output type is not supported.');
    }
    if (sourceType.toLowerCase() !== DOCX_MIME) throw this.error(method, 400, `Local runtime: importing ${sourceType} is not modelled (only .docx).`);
    if (bytes.length > DOCS_IMPORT_MAX_BYTES) throw this.error(method, 400, 'The uploaded file is too large to be converted to a Google Docs document (50 MB at most).');
    let doc: ImportedDoc;
    try {
      doc = importDocx(bytes);
    } catch (e) {
      if (!(e instanceof PackageError)) throw e;
      const err = this.error(method, 503, 'Backend Error');
      (err as GoogleJsonResponseException & { localReason?: string }).localReason = e.message;
      throw err;
    }
    if (doc.chars > DOCS_MAX_CHARS) throw this.error(method, 400, `The document is too large to be converted: ${doc.chars} characters (a Google Doc holds 1,020,000 at most).`);
    return doc;
  }

  isNonGoogle(email: string): boolean {
    return this.nonGoogle.has(email.toLowerCase());
  }

  /**
   * The item, if this app may see it: created or picked by the app, or any of the user's items
   * when the full drive (or drive.readonly) scope is granted. Otherwise 404, as the API answers.
   */
  visible(method: string, id: unknown, args: Args): ItemRecord {
    if (typeof id !== 'string' || id === '') throw this.error(method, 400, 'Invalid Value');
    const rec = this.drive.localRecord(id === 'root' ? this.drive.localRootId() : id);
    const guard = this.counter.scopes;
    const reads = method.endsWith('.get') || method.endsWith('.list');
    const wide = !!guard && (guard.has(scope('drive')) || (reads && guard.has(scope('drive.readonly'))));
    if (!rec || (!rec.appVisible && !wide) || (rec.sharedDrive && args.supportsAllDrives !== true)) {
      throw this.error(method, 404, `File not found: ${id}.`);
    }
    return rec;
  }

  fileResource(rec: ItemRecord): FileResource {
    const base = rec.mimeType === GOOGLE_DOCS_MIME
      ? `https://docs.google.com/document/d/${rec.id}/edit?usp=drivesdk`
      : rec.mimeType === FOLDER_MIME
        ? `https://drive.google.com/drive/folders/${rec.id}`
        : `https://drive.google.com/file/d/${rec.id}/view?usp=drivesdk`;
    return {
      kind: 'drive#file',
      id: rec.id,
      name: rec.name,
      mimeType: rec.mimeType,
      parents: [...rec.parents],
      trashed: rec.trashed,
      webViewLink: base,
      createdTime: rec.created.toISOString(),
      modifiedTime: rec.updated.toISOString(),
      // Files on a shared drive have no owners (the reference: "Not populated for items in shared drives").
      ...(rec.sharedDrive ? { driveId: 'shared-drive' } : { owners: [{ kind: 'drive#user', emailAddress: rec.owner, me: true }] }),
    } as FileResource;
  }

  permissionsOf(rec: ItemRecord): PermissionResource[] {
    const out: PermissionResource[] = [];
    if (!rec.sharedDrive) out.push({ kind: 'drive#permission', id: permissionId(rec.owner), type: 'user', role: 'owner', emailAddress: rec.owner.toLowerCase() });
    for (const [email, role] of rec.roles) out.push({ kind: 'drive#permission', id: permissionId(email), type: 'user', role, emailAddress: email });
    const general = rec.permission === 'VIEW' ? 'reader' : rec.permission === 'COMMENT' ? 'commenter' : 'writer';
    if (rec.access === 'ANYONE' || rec.access === 'ANYONE_WITH_LINK') {
      out.push({ kind: 'drive#permission', id: 'anyoneWithLink', type: 'anyone', role: general, allowFileDiscovery: rec.access === 'ANYONE' });
    } else if (rec.access === 'DOMAIN' || rec.access === 'DOMAIN_WITH_LINK') {
      out.push({ kind: 'drive#permission', id: 'domainWithLink', type: 'domain', role: general, domain: this.drive.workspaceDomain ?? '', allowFileDiscovery: rec.access === 'DOMAIN' });
    }
    return out;
  }
}
