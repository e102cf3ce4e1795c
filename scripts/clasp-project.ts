// Writes and checks .clasp.json, the file that tells clasp which Apps Script project to push to.
// It is committed with rootDir only: every city has its own script, and a fake scriptId would make
// `clasp create-script` stop with "Project file already exists" (clasp checks for a scriptId).
//   npm run clasp:use -- <script ID or the Apps Script editor URL>   adds the city's scriptId
//   tsx scripts/clasp-project.ts --check                              (run by npm run push) checks it
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
export const PROJECT_FILE = '.clasp.json';
/** clasp pushes what the build writes, nothing else. */
export const ROOT_DIR = 'dist';

// Script IDs are long base64url-like tokens (57 characters today). The length floor only
// rejects obvious mistakes (a spreadsheet name, a pasted "REPLACE…" placeholder is caught below).
const ID = /^[A-Za-z0-9_-]{25,}$/;

/**
 * The script ID in what a person pasted: the bare ID, or an editor URL
 * (https://script.google.com/home/projects/<ID>/edit, https://script.google.com/d/<ID>/edit).
 * Throws a Japanese message saying what to paste instead.
 */
export function parseScriptId(input: string): string {
  const text = input.trim();
  const fromUrl = /script\.google\.com\/(?:home\/projects|d|macros\/d)\/([A-Za-z0-9_-]+)/.exec(text);
  const id = fromUrl ? fromUrl[1] : text;
  if (/spreadsheets\/d\//.test(text)) {
    throw new Error('これはスプレッドシートの URL です。スプレッドシートの「拡張機能 › Apps Script」で開いたエディタの URL か、「プロジェクトの設定」のスクリプト ID を指定してください。');
  }
  if (/REPLACE|YOUR/i.test(id) || !ID.test(id)) {
    throw new Error(`「${text}」はスクリプト ID ではありません。Apps Script エディタの「プロジェクトの設定 › ID › スクリプト ID」をコピーして指定してください。`);
  }
  return id;
}

export interface ClaspProject {
  scriptId: string;
  rootDir: string;
}

export function projectJson(scriptId: string): string {
  const project: ClaspProject = { scriptId: parseScriptId(scriptId), rootDir: ROOT_DIR };
  return `${JSON.stringify(project, null, 2)}\n`;
}

/** Problems with an existing .clasp.json, in Japanese; [] when it can be pushed to. */
export function checkProject(dir: string): string[] {
  const file = join(dir, PROJECT_FILE);
  const howTo = 'npm run clasp:use -- <スクリプトIDまたはエディタのURL> を実行してください（README「デプロイ」）。';
  if (!existsSync(file)) return [`${PROJECT_FILE} がありません。git checkout -- ${PROJECT_FILE} で戻してから、${howTo}`];
  let data: Partial<ClaspProject>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<ClaspProject>;
  } catch {
    return [`${PROJECT_FILE} が JSON として読めません。${howTo}`];
  }
  const problems: string[] = [];
  if (data.scriptId === undefined) {
    problems.push(`${PROJECT_FILE} に送り先のスクリプト ID がまだありません。${howTo}`);
  } else {
    try {
      parseScriptId(String(data.scriptId));
    } catch (e) {
      problems.push(`${PROJECT_FILE} の scriptId: ${(e as Error).message}`);
    }
  }
  if (data.rootDir !== ROOT_DIR) {
    problems.push(`${PROJECT_FILE} の rootDir が「${String(data.rootDir ?? '')}」です。ビルドの出力先「${ROOT_DIR}」にしてください（ほかのフォルダーを送るとソースが Apps Script に上がります）。`);
  }
  return problems;
}

function main(argv: string[]): number {
  if (argv[0] === '--check') {
    const problems = checkProject(root);
    for (const p of problems) console.error(p);
    return problems.length ? 1 : 0;
  }
  if (argv.length !== 1) {
    console.error('使い方: npm run clasp:use -- <スクリプトIDまたは Apps Script エディタの URL>');
    return 2;
  }
  try {
    writeFileSync(join(root, PROJECT_FILE), projectJson(argv[0]));
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  console.log(`${PROJECT_FILE} にスクリプト ID を書きました（rootDir: ${ROOT_DIR}）。npm run push で送ります。この変更はコミットしないでください（自治体ごとの値です）。`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
