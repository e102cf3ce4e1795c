// npm run bench: 集計 and 入力チェック through the built bundle in the local runtime on synthetic
// workbooks of 100, 1,000 and 10,000 plans. Reports Spreadsheet service calls per run (they
// must not grow with the number of plans) and the time per run on this machine.
import { spreadsheetFromGrids } from './workbook';
import { openSession } from './session';
import { syntheticGrids } from './synthetic';

const SIZES = [100, 1000, 10000];
const COMMANDS: [string, string][] = [['集計', 'menuAggregate'], ['入力チェック', 'menuCheck'], ['報告書作成', 'createReport']];

function callsMatching(calls: Record<string, number>, pattern: RegExp): number {
  return Object.entries(calls).filter(([k]) => pattern.test(k)).reduce((s, [, n]) => s + n, 0);
}

const SPREADSHEET = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DataValidation\w*)\./;
/** DocumentApp, DriveApp and the objects they hand out (Body, Table, File …). */
const DOCS_DRIVE = /^(DocumentApp|Document|Body|Paragraph|Table|TableRow|TableCell|ListItem|InlineImage|Text|HorizontalRule|PageBreak|DriveApp|File|Folder)\./;

export interface BenchRow {
  plans: number;
  command: string;
  spreadsheetCalls: number;
  docsDriveCalls: number;
  allCalls: number;
  ms: number;
}

export function bench(sizes = SIZES): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const plans of sizes) {
    const session = openSession(spreadsheetFromGrids('bench', syntheticGrids(plans)));
    for (const [label, fn] of COMMANDS) {
      // Second run: the output sheets exist, as in steady use.
      session.run(fn);
      const t0 = process.hrtime.bigint();
      const { calls } = session.run(fn);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      rows.push({
        plans, command: label, spreadsheetCalls: callsMatching(calls, SPREADSHEET), docsDriveCalls: callsMatching(calls, DOCS_DRIVE),
        allCalls: Object.values(calls).reduce((a, b) => a + b, 0), ms,
      });
    }
  }
  return rows;
}

if (require.main === module) {
  const rows = bench();
  console.log('| プラン数 | 処理 | Spreadsheet 呼び出し | Document・Drive 呼び出し | 全サービス呼び出し | 時間 (ms) |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.plans.toLocaleString('en-US')} | ${r.command} | ${r.spreadsheetCalls} | ${r.docsDriveCalls} | ${r.allCalls} | ${r.ms.toLocaleString('en-US', { maximumFractionDigits: 0 })} |`);
  }
}
