// npm run cli -- <command> <workbook.xlsx> [--out DIR]
// Loads the workbook into the local Apps Script runtime as the active spreadsheet, runs the
// add-on's own menu functions from the built bundle (dist/Code.js), and writes to DIR the
// workbook after the run, one JSON file per result sheet and the service-call counts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadWorkbook, saveWorkbook } from './workbook';
import { openSession, type AddonSession } from './session';
import { SHEETS } from '../core/schema';
import { MERGE_PAGE_MAX, type MergeCandidates } from '../addon/api';
import type { LocalDriveApp } from './gas/drive';
import { runCycle } from './cycle';
import { runCommitteeCycle } from './committee-cycle';
import { renderHtml } from './report-html';
import { readReportDocx } from './report-docx-read';

export interface Command {
  /** Global function of the bundle the menu item calls. */
  entry: string;
  /** Add-on-owned sheets this command writes, exported as JSON. */
  sheets: string[];
  describe: string;
  /** Also write the function's return value to this JSON file (e.g. the merge suggestions). */
  resultFile?: string;
  /** Arguments of the entry; `paged`: the entry returns MergeCandidates pages, all of them are gathered. */
  paged?: boolean;
  /** Node-side step after the run (e.g. the local .docx/.html of the report); returns files. */
  after?: (session: AddonSession, outDir: string) => Promise<string[]>;
  /** Title of the menu's alert when the add-on refuses or fails (errors.ts runFromMenu). */
  title?: string;
}

export const COMMANDS: Record<string, Command> = {
  template: { entry: 'menuTemplate', title: 'テンプレートを作成', sheets: [], describe: 'テンプレートを作成（不足しているシートと列を追加）' },
  check: { entry: 'menuCheck', title: '入力チェック', sheets: [SHEETS.checks], describe: '入力チェック → 検証結果' },
  aggregate: { entry: 'menuAggregate', title: '集計', sheets: [SHEETS.results, SHEETS.goals], describe: '集計 → 集計結果・目標別評価' },
  suggest: {
    entry: 'getMergeCandidates', sheets: [], resultFile: '統合候補.json', paged: true,
    describe: '統合候補 → 統合候補.json（候補の組・理由・類似度、プラン一覧、統合プラン）',
  },
  report: {
    entry: 'menuReport', title: '報告書作成', sheets: [SHEETS.reports, SHEETS.members], describe: '報告書作成 → 報告書.docx・報告書.html・報告書履歴',
    after: writeLocalReport,
  },
};

/**
 * 報告書.docx is exactly the file the add-on uploaded and Drive converted into the Google Doc
 * members receive (taken from the local Drive, so it follows the saved column mapping and 確定
 * figures as the add-on did). The .html and .json are the report model the add-on embedded in
 * that very file (core/docx/model-part.ts), so all three always say the same; anyone can read
 * the .html without Word or Google.
 */
async function writeLocalReport(session: AddonSession, outDir: string): Promise<string[]> {
  const docx = join(outDir, '報告書.docx');
  const html = join(outDir, '報告書.html');
  const json = join(outDir, '報告書.json');
  const history = session.sheetRecords(SHEETS.reports)?.rows ?? [];
  const fileId = String(history.at(-1)?.['ファイルID'] ?? '');
  const uploaded = fileId ? (session.runtime.globals.DriveApp as unknown as LocalDriveApp).localImportSource(fileId) : undefined;
  if (!uploaded) throw new Error(`報告書履歴の最後の行（ファイルID「${fileId}」）に、アップロードされた .docx がありません。`);
  const { model } = readReportDocx(uploaded);
  writeFileSync(docx, uploaded);
  writeFileSync(html, renderHtml(model));
  writeFileSync(json, JSON.stringify(model, null, 2) + '\n');
  return [docx, html, json];
}

export const DEMO_COMMANDS = ['check', 'aggregate', 'suggest', 'report'];
export const SAMPLE = resolve(__dirname, '../../samples/sukagawa.xlsx');

export interface CommandOutput {
  command: string;
  result: unknown;
  calls: Record<string, number>;
  files: string[];
  /** Why the add-on refused or failed (its Japanese message), or null when it ran. */
  refused: string | null;
  /** Every toast and alert the add-on showed during the command, as printed. */
  messages: string[];
}

/** Every page of the merge suggestions as one result (groups and their plans), calls summed. */
function allPages(session: AddonSession, entry: string): { result: MergeCandidates; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  let all: MergeCandidates | undefined;
  for (let offset = 0; all === undefined || offset < all.total; offset += MERGE_PAGE_MAX) {
    const page = session.run(entry, { offset, limit: MERGE_PAGE_MAX });
    for (const [k, n] of Object.entries(page.calls)) calls[k] = (calls[k] ?? 0) + n;
    const r = page.result as MergeCandidates;
    if (all === undefined) all = { ...r, offset: 0, limit: r.total };
    else {
      const known = new Set(all.plans.map((p) => p.id));
      all = { ...all, groups: [...all.groups, ...r.groups], plans: [...all.plans, ...r.plans.filter((p) => !known.has(p.id))] };
    }
  }
  return { result: all as MergeCandidates, calls };
}

/** What the add-on showed (toasts, alerts, dialogs) since the given counts, as lines to print. */
function shown(session: AddonSession, since: { toasts: number; alerts: number; dialogs: number }): { lines: string[]; alerts: { title: string; prompt: string }[] } {
  const ui = session.runtime.ui;
  const lines: string[] = [];
  for (const t of ui.toasts.slice(since.toasts)) lines.push(`［通知］${t.title ? `${t.title}: ` : ''}${t.message}`);
  const alerts = ui.alerts.slice(since.alerts).map((a) => ({ title: String(a.title ?? ''), prompt: String(a.prompt ?? '') }));
  for (const a of alerts) lines.push(`［警告］${a.title ? `${a.title}: ` : ''}${a.prompt}`);
  for (const d of ui.dialogs.slice(since.dialogs)) lines.push(`［画面］${d.title}`);
  return { lines, alerts };
}

/**
 * Runs one command in a session and writes its JSON results to `outDir`. Prints every toast
 * and alert the add-on showed. A command the add-on refused (its alert) or that failed writes
 * no file: its sheets were not rewritten and a report must not look made.
 */
export async function runCommand(session: AddonSession, name: string, outDir: string): Promise<CommandOutput> {
  const cmd = COMMANDS[name];
  if (!cmd) throw new Error(`unknown command: ${name} (${Object.keys(COMMANDS).join(', ')})`);
  const ui = session.runtime.ui;
  const since = { toasts: ui.toasts.length, alerts: ui.alerts.length, dialogs: ui.dialogs.length };
  let result: unknown = null;
  let calls: Record<string, number> = {};
  let refused: string | null = null;
  try {
    ({ result, calls } = cmd.paged ? allPages(session, cmd.entry) : session.run(cmd.entry));
  } catch (e) {
    // Sidebar-called entries throw their Japanese message.
    refused = (e as Error).message ?? String(e);
    calls = session.runtime.counter.snapshot();
  }
  const { lines, alerts } = shown(session, since);
  const failure = alerts.find((a) => cmd.title !== undefined && a.title === cmd.title);
  if (!refused && failure) refused = failure.prompt;
  for (const line of lines) (line.startsWith('［警告］') ? console.error : console.log)(`${name}: ${line}`);
  if (refused !== null) {
    if (!failure) console.error(`${name}: ［中止］${refused}`);
    return { command: name, result, calls, files: [], refused, messages: lines };
  }
  const files: string[] = [];
  if (cmd.resultFile) {
    const file = join(outDir, cmd.resultFile);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    files.push(file);
  }
  for (const sheet of cmd.sheets) {
    const records = session.sheetRecords(sheet);
    if (!records) continue;
    const file = join(outDir, `${sheet}.json`);
    writeFileSync(file, JSON.stringify(records, null, 2) + '\n');
    files.push(file);
  }
  if (cmd.after) files.push(...(await cmd.after(session, outDir)));
  return { command: name, result, calls, files, refused: null, messages: lines };
}

export interface CliRun {
  session: AddonSession;
  outputs: CommandOutput[];
  /** 0: every command ran; 2: the add-on refused or failed a command (the rest were not run). */
  exitCode: number;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  const outIdx = argv.indexOf('--out');
  const outDir = resolve(outIdx >= 0 ? argv[outIdx + 1] : 'out');
  const positional = argv.filter((a, i) => !a.startsWith('--') && (outIdx < 0 || i !== outIdx + 1));
  const [command, workbookArg] = positional;
  const isDemo = command === 'demo';
  if (!command || (!isDemo && !COMMANDS[command]) || (!isDemo && !workbookArg)) {
    throw new Error(usage());
  }
  const workbook = resolve(workbookArg ?? SAMPLE);
  mkdirSync(outDir, { recursive: true });
  const session = openSession(await loadWorkbook(workbook));
  const outputs: CommandOutput[] = [];
  for (const c of isDemo ? DEMO_COMMANDS : [command]) {
    const o = await runCommand(session, c, outDir);
    outputs.push(o);
    // The next commands build on this one (the report on 集計): stop at the first refusal.
    if (o.refused !== null) break;
  }
  const saved = join(outDir, basename(workbook).replace(/\.xlsx$/i, '') + '.xlsx');
  await saveWorkbook(session.runtime.spreadsheet, saved);
  const calls = Object.fromEntries(outputs.map((o) => [o.command, o.calls]));
  writeFileSync(join(outDir, 'calls.json'), JSON.stringify(calls, null, 2) + '\n');
  const refused = outputs.find((o) => o.refused !== null);
  if (isDemo && !refused) {
    printDemoSummary(session, outputs, outDir);
    // The departments' side of the cycle, on its own copy of the workbook.
    const cycle = await runCycle(workbook, outDir);
    for (const line of cycle.lines) console.log(line);
    // The committee's side of the cycle, on its own copy too.
    const committee = await runCommitteeCycle(workbook, outDir);
    for (const line of committee.lines) console.log(line);
  }
  for (const o of outputs) {
    console.log(`${o.command}: Spreadsheet 呼び出し ${countSheets(o.calls)} 回 → ${o.refused !== null ? '中止（ファイルなし）' : o.files.map((f) => basename(f)).join(', ') || '（JSONなし）'}`);
  }
  console.log(`ブック: ${saved}`);
  if (refused) console.error(`${refused.command} はアドオンが中止しました（終了コード 2）: ${refused.refused}`);
  return { session, outputs, exitCode: refused ? 2 : 0 };
}

function countSheets(calls: Record<string, number>): number {
  return Object.entries(calls).filter(([k]) => /^(Range|Sheet|Spreadsheet|SpreadsheetApp)\./.test(k)).reduce((s, [, n]) => s + n, 0);
}

function printDemoSummary(session: AddonSession, outputs: CommandOutput[], outDir: string): void {
  console.log('— 進捗管理アドオン デモ（第5次須賀川市地域情報化計画 実施計画の公開データ）—');
  const goals = session.sheetRecords(SHEETS.goals);
  if (goals) {
    console.log('基本目標の評価（今期／計画期間通算）:');
    for (const g of goals.rows) {
      console.log(`  ${String(g['コード']).padStart(2)} ${g['名称']}: ${g['採用評価']}／${g['計画期間通算の評価(計算)'] ?? ''}`);
    }
  }
  const suggest = outputs.find((o) => o.command === 'suggest')?.result as MergeCandidates | undefined;
  if (suggest) {
    const names = new Map(suggest.plans.map((p) => [p.id, p.name]));
    console.log(`統合候補: ${suggest.groups.length} 組`);
    for (const g of suggest.groups.slice(0, 3)) {
      console.log(`  ${g.planIds.map((id) => `${id} ${names.get(id) ?? ''}`).join(' ＋ ')}（${g.reasons[0] ?? ''}）`);
    }
  }
  console.log(`結果: ${outDir}`);
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(10)} ${c.describe}`);
  return ['使い方: npm run cli -- <command> <workbook.xlsx> [--out DIR]', '       npm run demo', ...lines].join('\n');
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((run) => {
    process.exitCode = run.exitCode;
  }).catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
