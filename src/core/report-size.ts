// How big the report is as a Google Doc, checked before the Doc is created, and the shape it takes
// when the full report would not fit: per-goal summaries in the body, the full plan list (and any
// long appendix table) as appendix files (CSV in Drive, shared like the report and linked from it).
// Appendix files rather than sheets of the progress spreadsheet: committee members read the
// report but have no access to that spreadsheet.
//
// A Google Doc holds at most 1.02 million characters ("Files you can store in Google Drive",
// Google Drive Help, https://support.google.com/drive/answer/37603: "Documents: Up to 1.02 million
// characters"). The add-on aims well under it (DOC_CHAR_LIMIT) so the committee can still comment
// and the secretariat can edit, and counts what the Doc will hold: every text, plus the paragraph
// and cell ends the Doc stores as characters.
//
// Hook for the report code (src/addon/report.ts): fitReport(model) before rendering —
//   fits:    render model as it is;
//   split:   create one file per result.overflow entry (overflowCsv), render
//            linkOverflow(result.model, urls), share the files like the report;
//   refused: throw a UserError with result.message (nothing created).
import {
  OVERVIEW_LISTS, PLAN_TABLE_COLUMNS, PREVIOUS_COLUMN, dropColumn, reportBlocks,
  type Block, type OverviewList, type ReportModel, type ReportTable,
} from './report';

/** A Google Doc's capacity in characters (Google Drive Help, see above). */
export const DOC_CHAR_CAPACITY = 1_020_000;
/** What the add-on puts in one Doc at most: 80 % of the capacity, room for comments and edits. */
export const DOC_CHAR_LIMIT = 816_000;
/** Appendix tables longer than this many rows move to a sheet when the report is split. */
export const APPENDIX_ROWS_IN_BODY = 100;
/** Items of a 総括 list (後退, 評価不能 …) kept in the body when the report is split. */
export const LIST_ITEMS_IN_BODY = 100;
/** Notes under a goal's summary kept in the body when the report is split. */
export const NOTES_IN_BODY = 20;
/** Where the body points to a moved table; linkOverflow puts the file's URL there. */
export const OVERFLOW_LINK_TEXT = '（添付ファイルのURL）';

/** Characters a table stores: its texts, and one end mark per cell and per row. */
export function tableChars(t: ReportTable): number {
  let n = 0;
  for (const row of [t.header, ...t.rows]) {
    n += 1;
    for (const cell of row) n += cell.length + 1;
  }
  return n;
}

/** Characters one block stores in the Doc (text plus its paragraph end). */
export function blockChars(b: Block): number {
  switch (b.kind) {
    case 'table': return tableChars(b.table) + 1;
    case 'chart': return b.caption.length + 2;
    case 'pageBreak': return 1;
    case 'toc': return b.entries.reduce((n, e) => n + e.text.length + 1, 0);
    default: return b.text.length + 1;
  }
}

/** Characters the report stores as a Doc. */
export function reportChars(model: ReportModel): number {
  let n = 0;
  for (const b of reportBlocks(model)) n += blockChars(b);
  return n;
}

/** A table moved out of the Doc, with the name of the appendix file it goes to. */
export interface OverflowTable {
  file: string;
  /** What the body says about it (Japanese, shown before the link). */
  caption: string;
  table: ReportTable;
}

export type ReportFit =
  | { status: 'fits'; chars: number; limit: number; model: ReportModel }
  | { status: 'split'; chars: number; fullChars: number; limit: number; model: ReportModel; overflow: OverflowTable[] }
  | { status: 'refused'; chars: number; limit: number; message: string };

/** Appendix file (suffix of the report's name) that receives the full plan list of a split report. */
export const PLAN_LIST_FILE = 'プラン一覧.csv';
/** Appendix file with every item of the 総括 lists and every note of the goals cut short in the body. */
export const LISTS_FILE = '総括の一覧と注記.csv';

const GRADE_ORDER = ['A', 'B', 'C', 'D', '−'];

/**
 * The report in a shape a Doc can hold. Under the limit: as it is. Over: each goal's plan table
 * becomes a summary (plans per grade) and the departments' narratives leave the body; the plan
 * rows (with the goal and the narrative) go to PLAN_LIST_FILE, long appendix tables to files of
 * their own. If even that is over the limit, refused with a message saying what to do.
 */
export function fitReport(model: ReportModel, limit = DOC_CHAR_LIMIT): ReportFit {
  const full = reportChars(model);
  if (full <= limit) return { status: 'fits', chars: full, limit, model };
  const { model: small, overflow } = splitReport(model);
  const chars = reportChars(small);
  if (chars <= limit) return { status: 'split', chars, fullChars: full, limit, model: small, overflow };
  return {
    status: 'refused', chars, limit,
    message: `報告書が大きすぎて Google ドキュメント 1 つに収まりません（要約しても約 ${Math.ceil(chars / 10_000)} 万文字、上限の目安は ${Math.floor(limit / 10_000)} 万文字）。`
      + '「施策体系」の説明文や「提言」シートの文章が長すぎないか確認してください。',
  };
}

/** The per-goal summary form of the report and the tables moved out of it (pure; the model is not changed). */
export function splitReport(model: ReportModel): { model: ReportModel; overflow: OverflowTable[] } {
  // The list keeps 前年度 when any plan table does (plan.rows always hold every column).
  const tables = model.policies.flatMap((p) => p.goals).filter((g) => g.plans.length > 0).map((g) => g.planTable);
  const full = tables.find((t) => t.header.length === PLAN_TABLE_COLUMNS.length);
  const header = full?.header ?? tables[0]?.header ?? [];
  const columns = (r: string[]): string[] => (full || tables.length === 0 ? r : dropColumn(r, PREVIOUS_COLUMN));
  const listRows: string[][] = [];
  // Every list of the body that grows with the number of plans keeps its first items there and
  // moves whole to an appendix file, so the summary's size does not depend on the plan count.
  const listsFile = fileName(model, LISTS_FILE);
  const whereRest = (n: number): string => `ほか ${n} 件は添付ファイル「${listsFile}」に載せています${OVERFLOW_LINK_TEXT}。`;
  const movedItems: string[][] = [];
  const o = model.summary.overview;
  const overview = { ...o, more: { ...o.more } };
  for (const key of Object.keys(OVERVIEW_LISTS) as OverviewList[]) {
    if (o[key].length <= LIST_ITEMS_IN_BODY) continue;
    movedItems.push(...o[key].map((t) => [OVERVIEW_LISTS[key], t]));
    overview[key] = o[key].slice(0, LIST_ITEMS_IN_BODY);
    overview.more[key] = { total: o[key].length, note: whereRest(o[key].length - LIST_ITEMS_IN_BODY) };
  }
  const policies = model.policies.map((p) => ({
    ...p,
    goals: p.goals.map((g) => {
      const narrative = new Map(g.narrative.map((n) => [n.planId, n.items.map((i) => `【${i.label}】${i.text}`).join('\n')]));
      for (const plan of g.plans) {
        plan.rows.forEach((r, k) => listRows.push([g.code, ...columns(r), k === 0 ? narrative.get(plan.planId) ?? '' : '']));
      }
      const counts = new Map<string, number>();
      for (const plan of g.plans) counts.set(plan.grade, (counts.get(plan.grade) ?? 0) + 1);
      const grades = [...counts.keys()].sort((a, b) => GRADE_ORDER.indexOf(a) - GRADE_ORDER.indexOf(b));
      const summary: ReportTable = {
        header: ['評価', 'プラン数'],
        rows: grades.map((k) => [k, `${counts.get(k)}`]),
        widths: [1, 1],
        align: ['center', 'right'],
        toneColumn: 0,
      };
      if (g.notes.length > NOTES_IN_BODY) movedItems.push(...g.notes.map((n) => [`${g.heading} の注記`, n]));
      return {
        ...g,
        planTable: summary,
        narrative: [],
        notes: [
          `この基本目標のプラン ${g.plans.length} 件の進捗と担当課の記述は、報告書が Google ドキュメント 1 つに収まらないため添付ファイル「${fileName(model, PLAN_LIST_FILE)}」に載せています${OVERFLOW_LINK_TEXT}。`,
          ...g.notes.slice(0, NOTES_IN_BODY),
          ...(g.notes.length > NOTES_IN_BODY ? [`（注記はほかに ${g.notes.length - NOTES_IN_BODY} 件あります。全件は添付ファイル「${listsFile}」に載せています${OVERFLOW_LINK_TEXT}。）`] : []),
        ],
      };
    }),
  }));
  const overflow: OverflowTable[] = [{
    file: fileName(model, PLAN_LIST_FILE),
    caption: 'プランごとの進捗（全件）',
    table: { header: ['基本目標', ...header, '取組の状況（担当課の記述）'], rows: listRows, widths: [1, ...header.map(() => 1), 3] },
  }];
  if (movedItems.length) {
    overflow.push({ file: listsFile, caption: '総括の一覧と注記（全件）', table: { header: ['一覧', '内容'], rows: movedItems, widths: [1, 3] } });
  }
  // A long appendix table (and a long table after it, e.g. 要確認) keeps its first rows.
  const cut = <T extends { heading: string; lead: string; table: ReportTable | null }>(a: T, file: string): T => {
    if (!a.table || a.table.rows.length <= APPENDIX_ROWS_IN_BODY) return a;
    const name = fileName(model, file);
    overflow.push({ file: name, caption: a.heading, table: a.table });
    return {
      ...a,
      table: { ...a.table, rows: a.table.rows.slice(0, APPENDIX_ROWS_IN_BODY) },
      lead: `${a.lead}（全 ${a.table.rows.length} 件のうち最初の ${APPENDIX_ROWS_IN_BODY} 件。全件は添付ファイル「${name}」にあります${OVERFLOW_LINK_TEXT}。）`,
    };
  };
  const appendices = model.appendices.map((a, i) => {
    const first = cut(a, `資料${i + 1}.csv`);
    return a.more ? { ...first, more: a.more.map((m, j) => cut(m, `資料${i + 1}-${j + 2}.csv`)) } : first;
  });
  return { model: { ...model, summary: { ...model.summary, overview }, policies, appendices }, overflow };
}

function fileName(model: ReportModel, suffix: string): string {
  return `${model.docName} ${suffix}`;
}

/** A cell of a CSV file: quoted when needed; a leading = + - @ made text (CSV formula injection). */
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as CSV (RFC 4180, CRLF; a BOM so spreadsheet software reads it as UTF-8). */
export function overflowCsv(table: ReportTable): string {
  return '\ufeff' + [table.header, ...table.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The split model with each moved table's mark replaced by its file's URL (urls: file name → URL). */
export function linkOverflow(model: ReportModel, urls: Record<string, string>): ReportModel {
  const link = (text: string) => {
    for (const [file, url] of Object.entries(urls)) {
      if (text.includes(`「${file}」`)) return text.replace(OVERFLOW_LINK_TEXT, `（${url}）`);
    }
    return text;
  };
  const o = model.summary.overview;
  const more = o.more && Object.fromEntries(Object.entries(o.more).map(([k, v]) => [k, { ...v, note: link(v.note) }]));
  return {
    ...model,
    summary: { ...model.summary, overview: { ...o, more } },
    policies: model.policies.map((p) => ({ ...p, goals: p.goals.map((g) => ({ ...g, notes: g.notes.map(link) })) })),
    appendices: model.appendices.map((a) => ({
      ...a, lead: link(a.lead), ...(a.more ? { more: a.more.map((m) => ({ ...m, lead: link(m.lead) })) } : {}),
    })),
  };
}
