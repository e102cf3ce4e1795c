import { CallCounter } from '../../../src/local/gas/counter';
import { createDocsAndDrive } from '../../../src/local/gas/document';
import { FOLDER_MIME, GOOGLE_DOCS_MIME } from '../../../src/local/gas/drive';
import { LocalDriveApi } from '../../../src/local/gas/drive-api';
import { ScopeGuard } from '../../../src/local/gas/scopes';

const ADVANCED = 'https://developers.google.com/apps-script/advanced/drive';
const FILES_CREATE = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create';
const FILES_GET = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/get';
const FILES_UPDATE = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/update';
const PERMS_LIST = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/list';
const PERMS_CREATE = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/create';
const SCOPES_GUIDE = 'https://developers.google.com/workspace/drive/api/guides/api-specific-auth';

const OWNER = 'jimukyoku@city.example.lg.jp';
const AUTH = 'https://www.googleapis.com/auth/';

function setup(scopes?: string[], opts: { nonGoogleAddresses?: string[] } = {}) {
  const counter = new CallCounter();
  if (scopes) counter.scopes = new ScopeGuard({ oauthScopes: scopes.map((s) => AUTH + s) });
  const { DocumentApp, DriveApp } = createDocsAndDrive(counter, OWNER, { workspaceDomain: 'city.example.lg.jp' });
  const Drive = new LocalDriveApi(counter, DriveApp, opts);
  return { counter, docs: DocumentApp, drive: DriveApp, Drive };
}

describe(`Drive.Files (${ADVANCED})`, () => {
  test(`create: a folder, then a Google Doc in it; only the default fields unless asked (${FILES_CREATE})`, () => {
    const { Drive, drive, counter } = setup(['drive.file']);
    const folder = Drive.Files.create({ name: '報告書', mimeType: FOLDER_MIME });
    expect(folder).toEqual({ kind: 'drive#file', id: folder.id, name: '報告書', mimeType: FOLDER_MIME });
    const doc = Drive.Files.create({ name: '報告書 R4', mimeType: GOOGLE_DOCS_MIME, parents: [folder.id!] }, null, { fields: 'id,webViewLink,parents' });
    expect(doc).toEqual({ id: doc.id, webViewLink: `https://docs.google.com/document/d/${doc.id}/edit?usp=drivesdk`, parents: [folder.id] });
    expect(drive.localItem(doc.id!).parents).toEqual([folder.id]);
    expect(counter.snapshot()).toEqual({ 'Drive.Files.create': 2 });
  });

  test('a Doc created through the API opens in DocumentApp as an empty document', () => {
    const { Drive, docs } = setup(['drive.file', 'documents']);
    const f = Drive.Files.create({ name: 'x', mimeType: GOOGLE_DOCS_MIME });
    const doc = docs.openById(f.id!);
    doc.getBody().appendParagraph('本文');
    expect(docs.localStructure(f.id!).map((n) => (n.type === 'TABLE' ? '' : n.text))).toEqual(['', '本文']);
  });

  test(`drive.file: an item the app did not create or was not given is "File not found" (${SCOPES_GUIDE})`, () => {
    const { Drive, drive } = setup(['drive.file']);
    const theirs = drive.localCreateByPerson('人のフォルダ');
    expect(() => Drive.Files.get(theirs)).toThrow(`API call to drive.files.get failed with error: File not found: ${theirs}.`);
    expect(() => Drive.Files.create({ name: 'x', parents: [theirs] })).toThrow('File not found');
    try {
      Drive.Files.get(theirs);
    } catch (e) {
      expect((e as Error).name).toBe('GoogleJsonResponseException');
      expect((e as { details: { code: number } }).details.code).toBe(404);
    }
    // Picked with Google Picker: now visible.
    drive.localPick(theirs);
    expect(Drive.Files.get(theirs, { fields: 'id,name' })).toEqual({ id: theirs, name: '人のフォルダ' });
    // With the full drive scope, everything of the user is visible.
    const wide = setup(['drive']);
    const other = wide.drive.localCreateByPerson('y');
    expect(wide.Drive.Files.get(other).id).toBe(other);
  });

  test(`shared drives: found only with supportsAllDrives=true (${FILES_GET})`, () => {
    const { Drive, drive } = setup(['drive.file']);
    const id = drive.localCreateByPerson('共有ドライブのフォルダ', { sharedDrive: true });
    drive.localPick(id);
    expect(() => Drive.Files.get(id)).toThrow('File not found');
    expect(Drive.Files.get(id, { supportsAllDrives: true }).id).toBe(id);
    const doc = Drive.Files.create({ name: 'd', mimeType: GOOGLE_DOCS_MIME, parents: [id] }, null, { supportsAllDrives: true, fields: 'id,owners,driveId' });
    // Items on a shared drive have no owner.
    expect(doc.owners).toBeUndefined();
  });

  test(`update: rename, trash, move with addParents/removeParents; one parent only (${FILES_UPDATE})`, () => {
    const { Drive, drive } = setup(['drive.file']);
    const a = Drive.Files.create({ name: 'A', mimeType: FOLDER_MIME });
    const b = Drive.Files.create({ name: 'B', mimeType: FOLDER_MIME });
    const f = Drive.Files.create({ name: 'f', mimeType: GOOGLE_DOCS_MIME, parents: [a.id!] });
    Drive.Files.update({ name: 'g' }, f.id!, null, { addParents: b.id, removeParents: a.id });
    expect(drive.localItem(f.id!)).toMatchObject({ name: 'g', parents: [b.id] });
    expect(() => Drive.Files.update({}, f.id!, null, { addParents: a.id })).toThrow('Increased number of parents is not allowed.');
    Drive.Files.update({ trashed: true }, f.id!);
    expect(Drive.Files.get(f.id!, { fields: 'trashed' })).toEqual({ trashed: true });
  });
});

describe('Drive.Permissions', () => {
  test(`list: the owner and each user, paged (${PERMS_LIST})`, () => {
    const { Drive } = setup(['drive.file']);
    const f = Drive.Files.create({ name: 'f', mimeType: GOOGLE_DOCS_MIME });
    for (let i = 0; i < 3; i++) Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: `m${i}@example.jp` }, f.id!);
    const page1 = Drive.Permissions.list(f.id!, { pageSize: 2, fields: 'nextPageToken,permissions(type,role,emailAddress)' });
    expect(page1.permissions).toEqual([
      { type: 'user', role: 'owner', emailAddress: OWNER }, { type: 'user', role: 'reader', emailAddress: 'm0@example.jp' },
    ]);
    const page2 = Drive.Permissions.list(f.id!, { pageSize: 2, pageToken: page1.nextPageToken, fields: 'nextPageToken,permissions(emailAddress)' });
    expect(page2.permissions).toEqual([{ emailAddress: 'm1@example.jp' }, { emailAddress: 'm2@example.jp' }]);
    expect(page2.nextPageToken).toBeUndefined();
  });

  test(`create: a user with a role; notification mail on by default, with emailMessage (${PERMS_CREATE})`, () => {
    const { Drive, drive } = setup(['drive.file']);
    const f = Drive.Files.create({ name: 'f', mimeType: GOOGLE_DOCS_MIME });
    const p = Drive.Permissions.create({ type: 'user', role: 'commenter', emailAddress: 'Iin@Example.jp' }, f.id!, { emailMessage: 'ご確認ください。' });
    expect(p).toMatchObject({ kind: 'drive#permission', type: 'user', role: 'commenter' });
    expect(drive.localItem(f.id!).roles).toEqual({ 'iin@example.jp': 'commenter' });
    expect(drive.sharingLog[0]).toMatchObject({ method: 'Drive.Permissions.create', notified: true, message: 'ご確認ください。', outcome: 'granted' });
    Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'b@example.jp' }, f.id!, { sendNotificationEmail: false });
    expect(drive.sharingLog[1]).toMatchObject({ notified: false });
  });

  test('create refuses: a bad address, owner without transferOwnership, a message without notification, a non-Google address without notification', () => {
    const { Drive } = setup(['drive.file'], { nonGoogleAddresses: ['x@gmail-less.example'] });
    const f = Drive.Files.create({ name: 'f', mimeType: GOOGLE_DOCS_MIME });
    expect(() => Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'yamada@' }, f.id!)).toThrow('Invalid Value');
    expect(() => Drive.Permissions.create({ type: 'user', role: 'owner', emailAddress: 'a@example.jp' }, f.id!)).toThrow('transferOwnership');
    expect(() => Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'a@example.jp' }, f.id!, { sendNotificationEmail: false, emailMessage: 'x' }))
      .toThrow('emailMessage requires sendNotificationEmail');
    expect(() => Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'x@gmail-less.example' }, f.id!, { sendNotificationEmail: false }))
      .toThrow("you must check the 'Notify people' box");
    expect(Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'x@gmail-less.example' }, f.id!).role).toBe('reader');
  });

  test('anyone / domain permissions change the general access and are listed as such', () => {
    const { Drive, drive } = setup(['drive.file']);
    const f = Drive.Files.create({ name: 'f', mimeType: FOLDER_MIME });
    Drive.Permissions.create({ type: 'anyone', role: 'reader' }, f.id!);
    expect(drive.localItem(f.id!).access).toBe('ANYONE_WITH_LINK');
    expect(Drive.Permissions.list(f.id!, { fields: 'permissions(type,role)' }).permissions).toContainEqual({ type: 'anyone', role: 'reader' });
  });
});
