// The template of the input sheets, as data. The Apps Script adapter applies it (headers,
// notes, dropdowns, formats, widths, frozen rows); nothing here calls Apps Script.
//
// Value columns (基準値, 目標値, every period column) and code columns are plain text ("@"):
// Sheets would otherwise turn "1-2" into 2 January, "4/5" into a date and "86.5%" into 0.865,
// and would drop the unit people type (30件). values.ts reads the text as typed.

import type { Settings } from './model';
import {
  ACCUMULATION_LABELS, DEPARTMENT_COLUMNS, DIRECTION_LABELS, HIERARCHY_COLUMNS, HIERARCHY_LEVELS,
  MEMBER_COLUMNS, MEMBER_ROLE_LABELS, OWNED_COLUMNS, PLAN_STATUSES, PROGRESS_COLUMNS,
  PROGRESS_TEXT_COLUMNS, PROGRESS_TRAILING_COLUMNS, RECOMMENDATION_COLUMNS, SETTINGS_COLUMNS, SHARE_LABELS, SHEETS,
} from './schema';
import { periodLabel, warekiLabel } from './periods';
import { defaultSettings, settingRows } from './settings';

export type ValidationSpec =
  /** A dropdown of fixed values. */
  | { kind: 'list'; values: string[]; allowInvalid: boolean }
  /** A dropdown of the values in a range of another sheet (A1 on that sheet, open-ended "A2:A"). */
  | { kind: 'range'; sheet: string; range: string; allowInvalid: boolean };

export interface ColumnSpec {
  header: string;
  /** Japanese note on the header cell: what to type, with an example. */
  note: string;
  /** Column width in pixels. */
  width: number;
  /** Number format of the data cells: "@" is plain text. */
  numberFormat: string;
  validation?: ValidationSpec;
  /** Wrap long text in the data cells. */
  wrap?: boolean;
  /** Written by the add-on only (OWNED_COLUMNS); people should not edit it. */
  owned?: boolean;
}

export interface SheetSpec {
  name: string;
  /** One line describing the sheet (Japanese). */
  description: string;
  columns: ColumnSpec[];
  frozenRows: number;
  frozenColumns: number;
  /** Rows written under the header when the sheet is created (設定 defaults); else empty. */
  rows: string[][];
  /** How many rows below the header the formats and dropdowns cover. */
  dataRows: number;
}

export interface TemplateOptions {
  /** Defaults for 設定 (the evaluation year defaults to the last fiscal year given). */
  settings?: Settings;
  dataRows?: number;
}

const TEXT = '@';
const DEFAULT_DATA_ROWS = 500;

function col(header: string, note: string, width: number, extra: Partial<ColumnSpec> = {}): ColumnSpec {
  return { header, note, width, numberFormat: TEXT, ...extra };
}

function list(values: readonly string[], allowInvalid = false): ValidationSpec {
  return { kind: 'list', values: [...values], allowInvalid };
}

/** Clean, sorted, de-duplicated fiscal years in a sane range. */
function cleanYears(fiscalYears: readonly number[]): number[] {
  const ys = fiscalYears.filter((y) => Number.isInteger(y) && y >= 1989 && y <= 2199);
  return [...new Set(ys)].sort((a, b) => a - b);
}

/** Period headers that follow 目標年度 on プラン・指標: 令和7年度中間, 令和7年度実績, … */
export function periodHeaders(fiscalYears: readonly number[]): string[] {
  return cleanYears(fiscalYears).flatMap((fy) => [
    periodLabel({ fiscalYear: fy, kind: 'mid' }),
    periodLabel({ fiscalYear: fy, kind: 'year' }),
  ]);
}

function progressSheet(fiscalYears: number[], dataRows: number): SheetSpec {
  const [id, policy, goal, measure, name, mainDept, related, indicator, unit, direction, accumulation,
    baseline, baselineYear, target, targetYear] = PROGRESS_COLUMNS;
  const columns: ColumnSpec[] = [
    col(id, 'プランを区別する番号です（例: 2-8）。書式なしテキストなので「1-2」が日付に変わりません。指標が複数あるプランは、2行目以降のIDを空欄にするか同じIDを入れます。', 70),
    col(policy, '基本方針の番号です（例: 1）。「施策体系」シートのコードと同じにします。', 70),
    col(goal, '基本目標のコードです（例: 1-2）。「施策体系」シートにあるコードを入力します。', 80),
    col(measure, '個別施策のコードです（例: 1-2-4）。', 80),
    col(name, '推進プラン（事業）の名前です（例: 図書のWeb貸出予約等の推進）。', 240, { wrap: true }),
    col(mainDept, '責任をもつ課を1つ、「担当課」シートの一覧から選びます（例: 中央図書館）。', 120, {
      validation: { kind: 'range', sheet: SHEETS.departments, range: 'A2:A', allowInvalid: true },
    }),
    col(related, '一緒に取り組む課です。複数なら「、」で区切ります（例: 都市計画課、下水道施設課）。', 140, { wrap: true }),
    col(indicator, '進み具合を測る指標です（例: Webによる貸出予約数）。期間の合計が目標なら「（3年間合計）」と書き添えます。指標がないプランは「指標の設定はありません」と入力します。', 220, { wrap: true }),
    col(unit, '数値の単位です（例: 件/年、人、%、ID、か国語。1校当たりの教室数なら 教室/校）。', 70),
    col(direction, `${Object.values(DIRECTION_LABELS).join('・')}から選びます。事故件数や作業時間のように少ないほど良い指標は「${DIRECTION_LABELS.down}」。空欄なら指標名から推定します。目標が ○・実施・導入・予算化 の指標は、この列が「増加」などでも達成・未達として評価します。`, 100, {
      validation: list(Object.values(DIRECTION_LABELS)),
    }),
    col(accumulation, `中間の数値の見方です。「${ACCUMULATION_LABELS.accumulates}」は年度内に増えていく件数（例: オンライン申請件数 件/年、受講者数、開催回数）、「${ACCUMULATION_LABELS.level}」はその時点の値（例: 電子決裁率 %、友だち登録者数、導入台数）。空欄なら単位と指標名から推定し、集計結果に「（推定）」と決め手の語を表示します。`, 90, {
      validation: list(Object.values(ACCUMULATION_LABELS)),
    }),
    col(baseline, '計画を始めたときの値を数字と単位で入力します（例: 3,955件/年、0%）。', 100),
    col(baselineYear, '基準値の年度です（例: 令和2年度、R2、2020）。', 90),
    col(target, '目標年度に目指す値を数字と単位で入力します（例: 5,300件/年、80%）。達成・未達で見る指標は ○（または 実施・導入・予算化・可）と入力します。', 100),
    col(targetYear, '目標値の年度です（例: 令和6年度）。', 90),
  ];
  for (const fy of cleanYears(fiscalYears)) {
    const w = warekiLabel(fy);
    columns.push(
      col(periodLabel({ fiscalYear: fy, kind: 'mid' }), `${w}の中間（9月末ごろ）の実績を数字と単位だけで入力します（例: 1,020件、45%）。取得できないときは「取得不可」、未整備なら「未整備」。説明はコメント列に書きます。`, 100),
      col(periodLabel({ fiscalYear: fy, kind: 'year' }), `${w}末の実績を数字と単位だけで入力します（例: 7,995件、86.5%）。達成・未達の指標は ○ または ×。「約」「程度」は付けません。文章で書かれた場合は、中の数値（例: 【実績】12回）か、数値がなければ取組の状況（実施済・実施中・検討中・未着手・中止）を読み取り、入力チェックで「○○から12回を読みました」と知らせます。`, 100),
    );
  }
  // The words of the year, typed next to its figures: the report shows them under each plan.
  const [achievements, issues, outlook] = PROGRESS_TEXT_COLUMNS;
  columns.push(
    col(achievements, '評価年度に行った取組とその成果を文章で書きます（例: 税・国保の手続をオンライン申請に追加した）。報告書の「取組の状況（担当課の記述）」にプランごとに載ります。', 260, { wrap: true }),
    col(issues, '取組を進めるうえでの課題を書きます（例: 高齢の方への周知が不十分）。報告書に載ります。', 220, { wrap: true }),
    col(outlook, '課題を踏まえた次年度以降の方向性を書きます（例: 地区ごとのスマホ教室で案内する）。報告書に載ります。', 220, { wrap: true }),
  );
  const [status, comment] = PROGRESS_TRAILING_COLUMNS;
  columns.push(
    col(status, `プランの状態を選びます（${PLAN_STATUSES.join('・')}）。`, 80, { validation: list(PLAN_STATUSES) }),
    col(comment, '数値に添える説明を書きます（例: リプレイス未実施のため実績値を取得できませんでした）。報告書には「備考」として載ります。', 300, { wrap: true }),
    col(OWNED_COLUMNS.check, 'アドオンが入力内容の確認結果を書き込む列です。編集しないでください。', 260, { wrap: true, owned: true }),
    col(OWNED_COLUMNS.mergedInto, 'プランを統合したとき、統合先のプランIDをアドオンが書き込みます。編集しないでください。', 80, { owned: true }),
  );
  return {
    name: SHEETS.progress,
    description: '推進プランと成果指標、年度ごとの実績を各担当課が入力するシートです。1行に1つの指標を書きます。数値の指標がない取組は、実績の欄に状況を文章で書けます（例: 「システムを構築した」→ 実施済 → A）。「令和7年度 自己評価」のような列を加えると、数値で評価できないプランにはその自己評価（A〜D、S〜C、◎○△×、達成・概ね達成・未達成 など）を使います。',
    columns,
    frozenRows: 1,
    frozenColumns: 1,
    rows: [],
    dataRows,
  };
}

function hierarchySheet(dataRows: number): SheetSpec {
  const [level, code, name, text, parent] = HIERARCHY_COLUMNS;
  return {
    name: SHEETS.hierarchy,
    description: '計画の施策体系（基本方針・基本目標・個別施策）の一覧です。',
    columns: [
      col(level, `${HIERARCHY_LEVELS.join('・')}から選びます。`, 90, { validation: list(HIERARCHY_LEVELS) }),
      col(code, '番号です（例: 基本方針 1、基本目標 1-2、個別施策 1-2-4）。書式なしテキストなので日付に変わりません。', 80),
      col(name, '名称です（例: いつでも、どこでも、誰でも簡単に受けられる行政サービス）。', 280, { wrap: true }),
      col(text, '説明です（計画書の文章をそのまま貼り付けられます）。', 360, { wrap: true }),
      col(parent, '上位のコードです（例: 基本目標 1-2 なら 1）。空欄ならコードから判断します。', 90),
    ],
    frozenRows: 1,
    frozenColumns: 0,
    rows: [],
    dataRows,
  };
}

function departmentSheet(dataRows: number): SheetSpec {
  const [dept, division, email] = DEPARTMENT_COLUMNS;
  return {
    name: SHEETS.departments,
    description: '担当課の一覧です。プラン・指標シートの主担当課の選択肢になります。',
    columns: [
      col(dept, '課の名前です（例: 情報政策課）。プラン・指標シートと同じ書き方にします。', 160),
      col(division, '部局です（例: 総務部）。', 140),
      col(email, '連絡先のメールアドレスです（例: joho@city.example.lg.jp）。複数あるときは「,」か改行で区切ります。入力依頼・督促のメールはここに書いたアドレスにだけ送ります。', 240),
    ],
    frozenRows: 1,
    frozenColumns: 0,
    rows: [],
    dataRows: Math.min(dataRows, 200),
  };
}

function memberSheet(dataRows: number): SheetSpec {
  const [name, title, email, share, role] = MEMBER_COLUMNS;
  return {
    name: SHEETS.members,
    description: '委員会の委員名簿です。報告書の共有先になります。',
    columns: [
      col(name, '氏名です（例: 山田 太郎）。', 140),
      col(title, '役職です（例: 委員長、副委員長、委員）。', 100),
      col(email, '報告書を共有するGoogleアカウントのメールアドレスです。', 240),
      col(share, `報告書を共有するなら「${SHARE_LABELS.yes}」、しないなら「${SHARE_LABELS.no}」。`, 80, {
        validation: list(Object.values(SHARE_LABELS)),
      }),
      col(role, `共有するときの権限です（${Object.values(MEMBER_ROLE_LABELS).join('・')}）。委員は通常「${MEMBER_ROLE_LABELS.commenter}」です。`, 100, {
        validation: list(Object.values(MEMBER_ROLE_LABELS)),
      }),
    ],
    frozenRows: 1,
    frozenColumns: 0,
    rows: [],
    dataRows: Math.min(dataRows, 100),
  };
}

function settingsSheet(settings: Settings): SheetSpec {
  const [key, value, note] = SETTINGS_COLUMNS;
  const rows = settingRows(settings);
  return {
    name: SHEETS.settings,
    description: '集計と報告書の設定です。「値」の列だけを変更します。',
    columns: [
      col(key, '設定の項目です。変更しないでください。', 240),
      col(value, '設定の値です。空欄にすると既定値を使います。', 240, { wrap: true }),
      col(note, '項目の説明です。', 420, { wrap: true }),
    ],
    frozenRows: 1,
    frozenColumns: 0,
    rows,
    dataRows: rows.length,
  };
}

function recommendationSheet(dataRows: number): SheetSpec {
  const [policy, member, text] = RECOMMENDATION_COLUMNS;
  return {
    name: SHEETS.recommendations,
    description: '委員からの提言です。報告書の基本方針ごとの提言の節に載ります。',
    columns: [
      col(policy, '提言が関わる基本方針の番号です（例: 1）。', 80),
      col(member, '提言した委員の氏名です（委員名簿と同じ書き方）。', 140),
      col(text, '提言の本文です。', 480, { wrap: true }),
    ],
    frozenRows: 1,
    frozenColumns: 0,
    rows: [],
    dataRows: Math.min(dataRows, 200),
  };
}

/**
 * The input sheets of the template, in SHEETS order: プラン・指標 (with 中間/実績 columns for
 * each fiscal year given), 施策体系, 担当課, 委員名簿, 設定 (with default rows), 提言.
 */
export function templateSpec(fiscalYears: number[], options: TemplateOptions = {}): SheetSpec[] {
  const years = cleanYears(fiscalYears);
  const dataRows = options.dataRows ?? DEFAULT_DATA_ROWS;
  const settings = options.settings ?? defaultSettings();
  if (!options.settings && years.length) {
    settings.evaluationYear = years[years.length - 1];
    settings.midAsOf = `${settings.evaluationYear}-09-30`;
  }
  return [
    progressSheet(years, dataRows),
    hierarchySheet(dataRows),
    departmentSheet(dataRows),
    memberSheet(dataRows),
    settingsSheet(settings),
    recommendationSheet(dataRows),
  ];
}
