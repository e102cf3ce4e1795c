import { CallCounter } from '../../../src/local/gas/counter';
import { LocalDriveApp, NO_ITEM_MESSAGE, isValidEmail } from '../../../src/local/gas/drive';
import { LocalUtilities } from '../../../src/local/gas/utilities';

const DRIVE_APP = 'https://developers.google.com/apps-script/reference/drive/drive-app';
const FILE = 'https://developers.google.com/apps-script/reference/drive/file';
const FOLDER = 'https://developers.google.com/apps-script/reference/drive/folder';
const ACCESS = 'https://developers.google.com/apps-script/reference/drive/access';
const PERMISSION = 'https://developers.google.com/apps-script/reference/drive/permission';

const OWNER = 'jimukyoku@city.example.lg.jp';

function setup(opts: { workspaceDomain?: string } = {}) {
  const counter = new CallCounter();
  const drive = new LocalDriveApp(counter, { owner: OWNER, now: () => new Date('2026-11-21T05:05:00Z'), ...opts });
  return { counter, drive };
}

const emails = (users: GoogleAppsScript.Drive.User[]): string[] => users.map((u) => u.getEmail());

describe(`DriveApp folders (${DRIVE_APP})`, () => {
  it('getRootFolder is My Drive; createFolder creates there; getFolderById finds it', () => {
    const { counter, drive } = setup();
    const root = drive.getRootFolder();
    const folder = drive.createFolder('報告書');
    expect(folder.getName()).toBe('報告書');
    expect(folder.getId()).toMatch(/^[A-Za-z0-9_-]{33}$/);
    expect(drive.getFolderById(folder.getId()).getName()).toBe('報告書');
    const parents = folder.getParents();
    expect(parents.hasNext()).toBe(true);
    expect(parents.next().getId()).toBe(root.getId());
    expect(parents.hasNext()).toBe(false);
    expect(counter.snapshot()).toMatchObject({ 'DriveApp.getRootFolder': 1, 'DriveApp.createFolder': 1, 'DriveApp.getFolderById': 1 });
  });

  it(`getFolderById throws "a scripting exception if the folder does not exist" (${DRIVE_APP}#getFolderById(String))`, () => {
    const { drive } = setup();
    expect(() => drive.getFolderById('1doesNotExist')).toThrow(NO_ITEM_MESSAGE);
    // A file's ID is not a folder's.
    const file = drive.createFile('memo.txt', 'x');
    expect(() => drive.getFolderById(file.getId())).toThrow(NO_ITEM_MESSAGE);
    expect(() => drive.getFileById('1doesNotExist')).toThrow(NO_ITEM_MESSAGE);
  });

  it('"root" is the alias of My Drive', () => {
    const { drive } = setup();
    expect(drive.getFolderById('root').getId()).toBe(drive.getRootFolder().getId());
  });

  it(`Folder.createFile, getFiles and addFile (${FOLDER}#addFile(File)) keep a file in several folders`, () => {
    const { drive } = setup();
    const a = drive.createFolder('A');
    const b = drive.createFolder('B');
    const f = a.createFile('memo.txt', 'hello', 'text/plain');
    b.addFile(f);
    const inB = b.getFiles();
    expect(inB.next().getName()).toBe('memo.txt');
    expect(inB.hasNext()).toBe(false);
    expect(() => inB.next()).toThrow();
    expect(a.getFilesByName('memo.txt').hasNext()).toBe(true);
    expect(drive.localItem(f.getId()).parents.sort()).toEqual([a.getId(), b.getId()].sort());
  });

  it(`File.moveTo (${FILE}#moveTo(Folder)) leaves every other parent`, () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    const dest = drive.createFolder('保存先');
    f.moveTo(dest);
    expect(drive.localItem(f.getId()).parents).toEqual([dest.getId()]);
    expect(drive.getRootFolder().getFiles().hasNext()).toBe(false);
  });

  it(`createFile(blob) takes name and type from the blob (${DRIVE_APP}#createFile(BlobSource))`, () => {
    const { counter, drive } = setup();
    const blob = new LocalUtilities(counter).newBlob([1, 2, 3], 'image/png', 'chart.png');
    const f = drive.createFile(blob);
    expect(f.getName()).toBe('chart.png');
    expect(f.getMimeType()).toBe('image/png');
    expect(f.getBlob().getBytes()).toEqual([1, 2, 3]);
    expect(f.getUrl()).toBe(`https://drive.google.com/file/d/${f.getId()}/view?usp=drivesdk`);
  });

  it('Google Apps MIME types cannot be created from content (stricter; the reference is silent)', () => {
    const { drive } = setup();
    expect(() => drive.createFile('doc', 'x', 'application/vnd.google-apps.document')).toThrow('Invalid argument');
  });
});

describe(`File sharing with users (${FILE}#addViewer(String), #addCommenter(String), #addEditor(String))`, () => {
  it('a new file is private to its owner', () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    expect(String(f.getSharingAccess())).toBe('PRIVATE');
    expect(String(f.getSharingPermission())).toBe('NONE');
    expect(f.getViewers()).toEqual([]);
    expect(f.getEditors()).toEqual([]);
    expect(f.getOwner().getEmail()).toBe(OWNER);
    expect(String(f.getAccess(OWNER))).toBe('OWNER');
    expect(String(f.getAccess('someone@example.jp'))).toBe('NONE');
  });

  it('getViewers lists "viewers and commenters"; getEditors the editors; getAccess tells them apart', () => {
    const { counter, drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    f.addViewer('viewer@example.jp').addCommenter('commenter@example.jp').addEditor('editor@example.jp');
    expect(emails(f.getViewers())).toEqual(['viewer@example.jp', 'commenter@example.jp']);
    expect(emails(f.getEditors())).toEqual(['editor@example.jp']);
    expect(String(f.getAccess('viewer@example.jp'))).toBe('VIEW');
    expect(String(f.getAccess('commenter@example.jp'))).toBe('COMMENT');
    expect(String(f.getAccess('editor@example.jp'))).toBe('EDIT');
    expect(counter.snapshot()).toMatchObject({ 'File.addViewer': 1, 'File.addCommenter': 1, 'File.addEditor': 1, 'File.getViewers': 1 });
  });

  it('addViewer on an editor "has no effect"; addCommenter/addEditor promote a viewer', () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    f.addEditor('e@example.jp').addViewer('e@example.jp');
    expect(String(f.getAccess('e@example.jp'))).toBe('EDIT');
    f.addViewer('v@example.jp').addCommenter('v@example.jp');
    expect(String(f.getAccess('v@example.jp'))).toBe('COMMENT');
    f.addEditor('v@example.jp');
    expect(String(f.getAccess('v@example.jp'))).toBe('EDIT');
    expect(emails(f.getViewers())).toEqual([]);
    // Sharing with the owner changes nothing.
    f.addViewer(OWNER);
    expect(String(f.getAccess(OWNER))).toBe('OWNER');
    expect(drive.sharingLog.map((e) => e.outcome)).toEqual(['granted', 'unchanged', 'granted', 'granted', 'granted', 'unchanged']);
  });

  it('addresses compare case-insensitively, as Google accounts do', () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    f.addCommenter('Iin@Example.jp');
    f.addCommenter('iin@example.jp');
    expect(f.getViewers()).toHaveLength(1);
    expect(drive.sharingLog.map((e) => e.outcome)).toEqual(['granted', 'unchanged']);
  });

  it("an address Drive cannot use throws 'Invalid argument: …' and is logged as rejected", () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    for (const bad of ['', 'not-an-address', 'a@b', 'two@@example.jp', 'space in@example.jp', 'iin@example.jp ']) {
      expect(() => f.addCommenter(bad)).toThrow(`Invalid argument: ${bad}`);
    }
    expect(f.getViewers()).toEqual([]);
    expect(drive.sharingLog.every((e) => e.outcome === 'rejected' && !e.notified)).toBe(true);
    expect(drive.sharingLog).toHaveLength(6);
  });

  it('addCommenters checks the whole list first: one bad address shares with nobody (stricter)', () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    expect(() => f.addCommenters(['ok@example.jp', 'bad'])).toThrow('Invalid argument: bad');
    expect(f.getViewers()).toEqual([]);
    f.addCommenters(['ok@example.jp', 'ok2@example.jp']);
    expect(emails(f.getViewers())).toEqual(['ok@example.jp', 'ok2@example.jp']);
  });

  it('removeViewer removes viewers and commenters, not editors', () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    f.addCommenter('c@example.jp').addEditor('e@example.jp');
    f.removeViewer('c@example.jp').removeViewer('e@example.jp');
    expect(f.getViewers()).toEqual([]);
    expect(emails(f.getEditors())).toEqual(['e@example.jp']);
  });

  it('each grant is in the audit log with who, role, file and the notification Drive sends', () => {
    const { drive } = setup();
    const f = drive.createFile('報告書', 'x');
    f.addCommenter('iin@example.jp');
    expect(drive.sharingLog).toEqual([
      { seq: 1, method: 'File.addCommenter', fileId: f.getId(), fileName: '報告書', who: 'iin@example.jp', role: 'commenter', outcome: 'granted', notified: true },
    ]);
  });
});

describe(`File.setSharing (${FILE}#setSharing(Access,Permission), ${ACCESS}, ${PERMISSION})`, () => {
  it('changes the general access and is recorded in the audit log', () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    f.setSharing(drive.Access.ANYONE_WITH_LINK, drive.Permission.VIEW);
    expect(String(f.getSharingAccess())).toBe('ANYONE_WITH_LINK');
    expect(String(f.getSharingPermission())).toBe('VIEW');
    expect(String(f.getAccess('stranger@example.jp'))).toBe('VIEW');
    expect(drive.sharingLog[0]).toMatchObject({ method: 'File.setSharing', who: 'ANYONE_WITH_LINK', role: 'VIEW', outcome: 'granted' });
    f.setSharing(drive.Access.PRIVATE, drive.Permission.NONE);
    expect(String(f.getSharingPermission())).toBe('NONE');
    expect(String(f.getAccess('stranger@example.jp'))).toBe('NONE');
  });

  it('OWNER, ORGANIZER and FILE_ORGANIZER "can be returned, but passing it to File.setSharing … throws"', () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    for (const p of [drive.Permission.OWNER, drive.Permission.ORGANIZER, 'FILE_ORGANIZER' as unknown as GoogleAppsScript.Drive.Permission]) {
      expect(() => f.setSharing(drive.Access.ANYONE, p)).toThrow('Invalid argument');
    }
    expect(String(f.getSharingAccess())).toBe('PRIVATE');
    expect(drive.sharingLog.every((e) => e.outcome === 'rejected')).toBe(true);
  });

  it('DOMAIN is "available only for users of a Google Workspace domain"', () => {
    const consumer = setup();
    const f = consumer.drive.createFile('memo.txt', 'x');
    expect(() => f.setSharing(consumer.drive.Access.DOMAIN, consumer.drive.Permission.VIEW)).toThrow('Google Workspace');
    const workspace = setup({ workspaceDomain: 'city.example.lg.jp' });
    const g = workspace.drive.createFile('memo.txt', 'x');
    g.setSharing(workspace.drive.Access.DOMAIN, workspace.drive.Permission.COMMENT);
    expect(String(g.getSharingAccess())).toBe('DOMAIN');
  });

  it('refuses values that are not enum members, with the Apps Script signature message', () => {
    const { drive } = setup();
    const f = drive.createFile('memo.txt', 'x');
    expect(() => f.setSharing('EVERYONE' as never, drive.Permission.VIEW)).toThrow("don't match the method signature for File.setSharing");
  });

  it('folders record sharing too', () => {
    const { drive } = setup();
    const folder = drive.createFolder('共有');
    folder.setSharing(drive.Access.ANYONE, drive.Permission.VIEW);
    expect(String(folder.getSharingAccess())).toBe('ANYONE');
    expect(drive.sharingLog[0]).toMatchObject({ method: 'Folder.setSharing', who: 'ANYONE' });
  });
});

describe('isValidEmail (what the local Drive accepts; the reference is silent, so it is strict)', () => {
  it.each([
    ['iin@example.jp', true],
    ['taro.yamada+committee@city.sukagawa.example.lg.jp', true],
    ['iin@example', false],
    ['iin@@example.jp', false],
    ['ｉｉｎ@example.jp', false],
    ['iin@example.jp\n', false],
    ['iin @example.jp', false],
    ['', false],
  ])('%j → %s', (s, ok) => {
    expect(isValidEmail(s)).toBe(ok);
  });
});
