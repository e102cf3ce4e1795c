// The deploy path, checked as far as offline allows: .clasp.json is written from what a person
// pastes, placeholders are refused, and clasp itself (show-file-status, no network) pushes exactly
// the three built files.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkProject, parseScriptId, projectJson } from '../../scripts/clasp-project';

const root = resolve(__dirname, '../..');
const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdefghijklmnopqr';

describe('parseScriptId', () => {
  it('takes a bare script ID', () => {
    expect(parseScriptId(` ${ID} `)).toBe(ID);
  });

  it('takes the Apps Script editor URL (both forms)', () => {
    expect(parseScriptId(`https://script.google.com/home/projects/${ID}/edit`)).toBe(ID);
    expect(parseScriptId(`https://script.google.com/d/${ID}/edit?usp=sharing`)).toBe(ID);
  });

  it('refuses placeholders and says where the ID is', () => {
    expect(() => parseScriptId('REPLACE_WITH_YOUR_SCRIPT_ID')).toThrow('プロジェクトの設定');
    expect(() => parseScriptId('進捗管理')).toThrow('スクリプト ID ではありません');
  });

  it('refuses a spreadsheet URL with what to paste instead', () => {
    expect(() => parseScriptId(`https://docs.google.com/spreadsheets/d/${ID}/edit`)).toThrow('スプレッドシートの URL です');
  });
});

describe('.clasp.json', () => {
  it('is committed with rootDir only: no fake script ID, so clasp create-script is not blocked', () => {
    const tracked = execFileSync('git', ['ls-files', '.clasp.json'], { cwd: root, encoding: 'utf8' });
    expect(tracked.trim()).toBe('.clasp.json');
    const committed = execFileSync('git', ['show', 'HEAD:.clasp.json'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(committed)).toEqual({ rootDir: 'dist' });
    // clasp refuses to create a project only when a scriptId is set ("Project file already exists").
    // Offline it gets as far as asking for credentials.
    const dir = mkdtempSync(join(tmpdir(), 'clasp-'));
    writeFileSync(join(dir, '.clasp.json'), committed);
    const clasp = join(root, 'node_modules/@google/clasp/build/src/index.js');
    let out = '';
    try {
      out = execFileSync(process.execPath, [clasp, 'create-script', '--type', 'sheets', '--title', 'x', '--rootDir', 'dist'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      out = `${err.stdout ?? ''}${err.stderr ?? ''}`;
    }
    expect(out).not.toContain('Project file already exists');
    expect(out).toContain('No credentials found');
  });

  it('check names what is wrong: missing, no script ID yet, placeholder, wrong rootDir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clasp-'));
    expect(checkProject(dir)[0]).toContain('npm run clasp:use');
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ rootDir: 'dist' }));
    expect(checkProject(dir)).toEqual([expect.stringContaining('スクリプト ID がまだありません')]);
    writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ scriptId: 'REPLACE_WITH_YOUR_SCRIPT_ID', rootDir: 'src' }));
    const problems = checkProject(dir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('scriptId');
    expect(problems[1]).toContain('rootDir');
    writeFileSync(join(dir, '.clasp.json'), projectJson(ID));
    expect(checkProject(dir)).toEqual([]);
  });

  it('clasp pushes exactly the built Code.js, sidebar.html and manifest (clasp show-file-status)', () => {
    expect(existsSync(join(root, 'dist/Code.js'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'clasp-'));
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, '.clasp.json'), projectJson(ID));
    const clasp = join(root, 'node_modules/@google/clasp/build/src/index.js');
    const out = execFileSync(process.execPath, [clasp, 'show-file-status', '--json'], { cwd: dir, encoding: 'utf8' });
    const status = JSON.parse(out) as { filesToPush: string[]; untrackedFiles: string[] };
    expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/appsscript.json', 'dist/sidebar.html']);
    expect(status.untrackedFiles).toEqual([]);
  });
});
