// npm run bench: every command of the add-on and onEdit, through the built bundle in the local
// runtime, on synthetic workbooks of 100 / 1,000 / 10,000 / 50,000 plans (real Sukagawa rows
// repeated, src/local/synthetic.ts). Per command and size it prints the service calls, the cells
// they moved, the time and the peak memory on this machine, and a projected Apps Script time from
// documented per-call and per-cell costs (docs/performance.md gives the model and its sources).
//
//   npm run bench                              all sizes, all commands
//   npm run bench -- --sizes=100,1000          some sizes
//   npm run bench -- --commands=集計,onEdit     some commands
//   npm run bench -- --json=out/bench.json     also write the rows as JSON
//
// Each (size, command) runs in its own Node process, so the peak memory (max RSS) is that of one
// command on one workbook (it includes the workbook held by the local runtime).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { spreadsheetFromGrids } from './workbook';
import { openSession, type AddonSession } from './session';
import { syntheticGrids } from './synthetic';
import { SHEETS } from '../core/schema';

export const SIZES = [100, 1000, 10000, 50000];

/**
 * Projection model (docs/performance.md): each service call is a round trip to Google's servers,
 * each cell moved costs transfer and storage work on top. Both costs are taken from published
 * measurements (cited there); the JavaScript work is taken as the local CPU time.
 */
export const MS_PER_CALL = 30;
export const MS_PER_CELL = 0.0125;

interface Command {
  label: string;
  /** Brings the workbook to the state the measured run starts from (output sheets exist …). */
  setup(s: AddonSession): void;
  run(s: AddonSession): unknown;
}

/** The cell of a plan's actual value in the middle of the progress sheet, as a person would edit it. */
function editEvent(s: AddonSession): Record<string, unknown> {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const col = header.findIndex((h) => /年度実績|実績/.test(h)) + 1 || 1;
  const row = Math.max(2, Math.floor(sheet.getLastRow() / 2));
  const range = sheet.getRange(row, col);
  range.setValue('約千件');
  return { range, source: s.runtime.spreadsheet, value: '約千件' };
}

/**
 * A new plan typed on the first data row of the progress sheet: every row of 集計結果 moves down
 * one, so the next 集計 rewrites the whole table and checks it against input rules (a rerun over
 * unchanged data writes almost nothing).
 */
function insertPlanAtTop(s: AddonSession): void {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const width = sheet.getLastColumn();
  const first = sheet.getRange(2, 1, 1, width).getValues()[0];
  sheet.insertRowBefore(2);
  sheet.getRange(2, 1, 1, width).setValues([first.map((v, i) => (i === 0 ? `${String(v)}-新` : v))]);
}

/**
 * Departments typing their actuals: 50 plans' 実績 changed, spread evenly over the progress sheet
 * (the changed rows of 集計結果 are far apart, so few cells but many places change).
 */
function typeActualsSpread(s: AddonSession): void {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const col = header.findIndex((h) => /実績/.test(h)) + 1;
  const last = sheet.getLastRow();
  for (let i = 0; i < 50; i++) sheet.getRange(2 + Math.floor((i * (last - 2)) / 50), col).setValue(7 + i);
}

/** Two copies of Sukagawa plans under different 基本目標 (the pair the tests merge). */
const MERGE_REQUEST = {
  memberIds: ['5-4-0001', '9-3-0001'], name: 'ホームページの充実（統合）', goalCode: '9',
  goalReason: '市全体の情報発信として管理する', mainDept: '秘書広報課', relatedDepts: [],
};

export const COMMANDS: Command[] = [
  { label: 'テンプレートを作成', setup: (s) => s.run('menuTemplate'), run: (s) => s.run('menuTemplate') },
  { label: '入力チェック', setup: (s) => s.run('menuCheck'), run: (s) => s.run('menuCheck') },
  { label: '集計', setup: (s) => s.run('menuAggregate'), run: (s) => s.run('menuAggregate') },
  { label: '集計（全行が変わる）', setup: (s) => { s.run('menuAggregate'); insertPlanAtTop(s); }, run: (s) => s.run('menuAggregate') },
  { label: '集計（実績を散らばって入力）', setup: (s) => { s.run('menuAggregate'); typeActualsSpread(s); }, run: (s) => s.run('menuAggregate') },
  { label: 'onEdit', setup: (s) => s.run('menuCheck'), run: (s) => s.run('onEdit', editEvent(s)) },
  { label: '統合候補', setup: () => undefined, run: (s) => s.run('getMergeCandidates', { offset: 0, limit: 20 }) },
  // The sidebar's next page: the suggestions were computed for the first page and are read back
  // from the document cache (src/addon/merge-cache.ts).
  {
    label: '統合候補（次のページ）',
    setup: (s) => s.run('getMergeCandidates', { offset: 0, limit: 20 }),
    run: (s) => s.run('getMergeCandidates', { offset: 20, limit: 20 }),
  },
  // A figure typed between two pages: the sheets changed but not the plans, so the stored result
  // is found by the plans' fingerprint (the sheets are parsed, nothing is computed).
  {
    label: '統合候補（数値入力の後）',
    setup: (s) => { s.run('getMergeCandidates', { offset: 0, limit: 20 }); editEvent(s); },
    run: (s) => s.run('getMergeCandidates', { offset: 20, limit: 20 }),
  },
  { label: '統合', setup: () => undefined, run: (s) => s.run('applyMerge', MERGE_REQUEST) },
  { label: '統合解除', setup: (s) => s.run('applyMerge', MERGE_REQUEST), run: (s) => s.run('unmerge', 'U-001') },
  { label: '報告書作成', setup: (s) => s.run('createReport'), run: (s) => s.run('createReport') },
];

export interface BenchRow {
  plans: number;
  rows: number;
  command: string;
  calls: number;
  spreadsheetCalls: number;
  docsDriveCalls: number;
  cells: number;
  /** Wall time of the measured run (the machine is shared: see cpuMs). */
  ms: number;
  /** CPU time of the measured run (user + system): what the run costs whatever the machine's load. */
  cpuMs: number;
  peakMB: number;
  projectedS: number;
  error?: string;
}

function total(calls: Record<string, number>, pattern?: RegExp): number {
  return Object.entries(calls).filter(([k]) => !pattern || pattern.test(k)).reduce((s, [, n]) => s + n, 0);
}

const SPREADSHEET = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DataValidation\w*)\./;
/** DocumentApp, DriveApp, the advanced Drive service (Drive.Files …) and the objects they hand out (Body, Table, File, Blob …). */
const DOCS_DRIVE = /^(DocumentApp|Document|Body|Paragraph|Table|TableRow|TableCell|ListItem|InlineImage|Text|HorizontalRule|PageBreak|DriveApp|Drive|File|Folder|Blob)\./;

function firstLine(e: unknown): string {
  // The session rethrows the bundle's errors with their name in the message: shown once, not twice.
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/^Error: /, '');
}

/**
 * Why a child process ended without its row: the thrown error's line of its stderr (Node ends it
 * with its own version line, which says nothing), else its last line.
 */
export function childError(stderr: string, status: number | null): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const thrown = lines.find((l) => /^(FATAL ERROR|[A-Za-z]*Error\b)/.test(l));
  return thrown ?? lines.filter((l) => !/^Node\.js v\d/.test(l)).slice(-1)[0] ?? `exit ${status}`;
}

/** One command on one size, in this process. */
export function benchOne(plans: number, label: string): BenchRow {
  const command = COMMANDS.find((c) => c.label === label);
  if (!command) throw new Error(`unknown command ${label}`);
  const grids = syntheticGrids(plans);
  const rows = grids[SHEETS.progress].length - 1;
  const session = openSession(spreadsheetFromGrids('bench', grids));
  let error: string | undefined;
  let calls: Record<string, number> = {};
  let cells: Record<string, number> = {};
  // A setup that throws (e.g. the add-on refusing the workbook) is the row's result, not a crash:
  // the measured run is skipped and the row shows the message.
  try {
    command.setup(session);
  } catch (e) {
    error = `準備で失敗: ${firstLine(e)}`;
  }
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  if (!error) {
    try {
      const out = command.run(session) as { calls: Record<string, number>; cells: Record<string, number> };
      calls = out.calls;
      cells = out.cells;
    } catch (e) {
      error = firstLine(e);
      calls = session.runtime.counter.snapshot();
      cells = session.runtime.counter.cellSnapshot();
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const allCalls = total(calls);
  const allCells = total(cells);
  return {
    plans, rows, command: label, calls: allCalls, spreadsheetCalls: total(calls, SPREADSHEET), docsDriveCalls: total(calls, DOCS_DRIVE),
    cells: allCells, ms, cpuMs, peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
    projectedS: (allCalls * MS_PER_CALL + allCells * MS_PER_CELL + cpuMs) / 1000, error,
  };
}

/** Every (size, command) in a child process of its own. */
export function bench(sizes = SIZES, labels = COMMANDS.map((c) => c.label), onRow?: (r: BenchRow) => void): BenchRow[] {
  const out: BenchRow[] = [];
  for (const plans of sizes) {
    for (const label of labels) {
      const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', String(plans), label], {
        encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim() },
      });
      const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
      const row: BenchRow = line !== undefined ? JSON.parse(line) as BenchRow : {
        plans, rows: 0, command: label, calls: 0, spreadsheetCalls: 0, docsDriveCalls: 0, cells: 0, ms: 0, cpuMs: 0, peakMB: 0, projectedS: 0,
        error: childError(child.stderr ?? '', child.status),
      };
      out.push(row);
      onRow?.(row);
    }
  }
  return out;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function tableHeader(): string {
  return '| プラン数 | 行数 | 処理 | 呼び出し | うち Spreadsheet | うち Document・Drive | 移動したセル | 時間 (ms) | CPU 時間 (ms) | ピークメモリー (MB) | 推定 Apps Script 時間 (s) |\n'
    + '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|';
}

export function tableRow(r: BenchRow): string {
  const note = r.error ? ` ⚠ ${r.error}` : '';
  return `| ${fmt(r.plans)} | ${fmt(r.rows)} | ${r.command}${note} | ${fmt(r.calls)} | ${fmt(r.spreadsheetCalls)} | ${fmt(r.docsDriveCalls)} | ${fmt(r.cells)} | ${fmt(r.ms)} | ${fmt(r.cpuMs)} | ${fmt(r.peakMB)} | ${fmt(r.projectedS, 1)} |`;
}

function arg(name: string): string | undefined {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}

if (require.main === module) {
  if (process.argv[2] === '--child') {
    console.log(JSON.stringify(benchOne(Number(process.argv[3]), process.argv[4])));
  } else {
    const sizes = arg('sizes')?.split(',').map(Number) ?? SIZES;
    // A name selects the command and its variants: 統合候補 also runs 統合候補（次のページ）.
    const asked = arg('commands')?.split(',');
    const labels = COMMANDS.map((c) => c.label).filter((l) => !asked || asked.some((a) => l === a || l.startsWith(`${a}（`)));
    console.log(`Node ${process.version}; 推定 = 呼び出し × ${MS_PER_CALL} ms + セル × ${MS_PER_CELL * 1000} µs + 手元の CPU 時間（docs/performance.md）`);
    console.log(tableHeader());
    const rows = bench(sizes, labels, (r) => console.log(tableRow(r)));
    const json = arg('json');
    if (json) writeFileSync(json, JSON.stringify(rows, null, 2));
  }
}
