// The deploy path, checked as far as offline allows: .clasp.json is written from what a person
// pastes, placeholders are refused, and clasp itself (show-file-status, no network) pushes exactly
// the three built files.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('refuses the placeholders and says where the ID is', () => {
    expect(() => parseScriptId('REPLACE_WITH_YOUR_SCRIPT_ID')).toThrow('プロジェクトの設定');
    const example = JSON.parse(readFileSync(join(root, '.clasp.json.example'), 'utf8')) as { scriptId: string };
    expect(() => parseScriptId(example.scriptId)).toThrow('スクリプト ID ではありません');
  });

  it('refuses a spreadsheet URL with what to paste instead', () => {
    expect(() => parseScriptId(`https://docs.google.com/spreadsheets/d/${ID}/edit`)).toThrow('スプレッドシートの URL です');
  });
});

describe('.clasp.json', () => {
  it('is not committed: a fresh clone has only the example', () => {
    const tracked = execFileSync('git', ['ls-files', '.clasp.json', '.clasp.json.example'], { cwd: root, encoding: 'utf8' });
    expect(tracked.trim().split('\n')).toEqual(['.clasp.json.example']);
    const ignored = execFileSync('git', ['check-ignore', '.clasp.json'], { cwd: root, encoding: 'utf8' });
    expect(ignored.trim()).toBe('.clasp.json');
  });

  it('check names what is wrong: missing, placeholder, wrong rootDir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clasp-'));
    expect(checkProject(dir)[0]).toContain('npm run clasp:use');
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
