// The 設定 sheet: one setting per row (項目 / 値 / 説明), read with defaults.

import * as z from 'zod/mini';
import type { CellValue, Grid, Issue, Plan, Settings } from './model';
import { EVALUATION_KIND_LABELS, INTERIM_RULE_LABELS, NOTIFY_LABELS, SETTINGS_COLUMNS, SETTING_KEYS, SHEETS } from './schema';
import { a1 } from './a1';
import { fiscalYearOf, parseFiscalYear, warekiLabel } from './periods';
import { cellText, groupDigits, headerKey, isoDate, nfkc, norm, squash } from './text';
import { parseCell } from './values';
import { DEFAULT_SYNONYMS } from './similarity';
import { DEFAULT_STATUS_GRADES, parseStatusGrades, type StatusGrades } from './rating';
import { PROGRESS_STATUSES } from './narrative';

type SettingField = keyof typeof SETTING_KEYS;

// One list of default synonyms, measured on the labelled set (docs/merge.md).
export { DEFAULT_SYNONYMS };

/** 状況の評価 as shown on 設定: 「実施済=A、実施中=B、検討中=C、未着手=D、中止=−」. */
export function formatStatusGrades(g: StatusGrades): string {
  return PROGRESS_STATUSES.map((k) => `${k}=${g[k]}`).join('、');
}

/** Defaults; the evaluation year is the fiscal year of `today`. */
export function defaultSettings(today: Date = new Date()): Settings {
  const fy = fiscalYearOf(today);
  return {
    planName: '地域情報化計画',
    office: '情報政策課',
    evaluationYear: fy,
    evaluationKind: 'year',
    midAsOf: `${fy}-09-30`,
    thresholds: { a: 100, b: 80, c: 50 },
    goalRule: { goodShare: 80, fairShare: 50 },
    interimRule: 'final',
    statusGrades: { ...DEFAULT_STATUS_GRADES },
    reportFolderId: '',
    notifyMembers: true,
    synonyms: DEFAULT_SYNONYMS.map((g) => g.slice()),
  };
}

/** Synonym groups as typed in one cell: groups on lines (or ；), words split by 、 or ,. */
export function parseSynonyms(text: string): string[][] {
  return nfkc(text)
    .split(/[\n;；]+/)
    .map((line) => line.split(/[、,，/／=＝]+/).map((w) => w.trim()).filter(Boolean))
    .filter((g) => g.length >= 2);
}

export function formatSynonyms(groups: string[][]): string {
  return groups.map((g) => g.join('、')).join('\n');
}



/** The 設定 rows of the template: [項目, 値, 説明] for every SETTING_KEYS item. */
export function settingRows(defaults: Settings = defaultSettings()): string[][] {
  const s = defaults;
  const rows: Record<SettingField, [string, string]> = {
    planName: [s.planName, '報告書の表紙と見出しに使う計画の名前です（例: 第5次須賀川市地域情報化計画）。'],
    planPeriod: [s.planPeriod ? `${warekiLabel(s.planPeriod.from)}〜${warekiLabel(s.planPeriod.to)}` : '', '計画の期間です。報告書の表紙に和暦と西暦で載せます（例: 令和3年度〜令和7年度、R3〜R7）。'],
    city: [s.city ?? '', '報告書の表紙に載せる市区町村名です（例: 須賀川市）。'],
    committee: [s.committee ?? '', '報告書の表紙に載せる委員会の名前です（例: 須賀川市地域情報化推進委員会）。'],
    office: [s.office, '報告書の表紙に載せる担当部署です（例: 情報政策課）。'],
    evaluationYear: [warekiLabel(s.evaluationYear), '集計する年度です。令和7年度、R7、2025 のどれでも入力できます。'],
    evaluationKind: [EVALUATION_KIND_LABELS[s.evaluationKind], '年度末の実績で評価するときは「年度末」、秋の中間報告で見込みを評価するときは「中間」と入力します。'],
    midAsOf: [s.midAsOf, '中間の数値がいつ時点のものかを日付で入力します（例: 2025-09-30）。'],
    thresholdA: [String(s.thresholds.a), '達成率がこの%以上ならA（例: 100）。'],
    thresholdB: [String(s.thresholds.b), '達成率がこの%以上ならB（例: 80）。'],
    thresholdC: [String(s.thresholds.c), '達成率がこの%以上ならC、未満ならDです（例: 50）。'],
    goodShare: [String(s.goalRule.goodShare), '基本目標の評価: 評価できるプランのうちA・Bの割合がこの%以上なら「良好」（例: 80）。'],
    fairShare: [String(s.goalRule.fairShare), '基本目標の評価: A・Bの割合がこの%以上なら「概ね良好」、未満なら「良好ではない」（例: 50）。'],
    interimRule: [INTERIM_RULE_LABELS[s.interimRule ?? 'final'],
      `目標年度より前の年度の評価方法です。「${INTERIM_RULE_LABELS.final}」は最終の目標値と比べます（既定）。「${INTERIM_RULE_LABELS.paced}」は基準年度から目標年度まで一定の割合で進む目安（例: 基準R2・目標R6ならR4で50%）と比べます。達成率の欄には最終目標に対する値と目安を並べて表示します。`],
    statusGrades: [formatStatusGrades({ ...DEFAULT_STATUS_GRADES, ...(s.statusGrades ?? {}) }),
      '数値の指標がないプラン（取組の状況を文章で書くもの）の評価です。実績の欄の文章から読み取った状況（実施済・実施中・検討中・未着手・中止）を、この表で評価にします。自己評価の列があれば、そちらを先に使います。'],
    reportFolderId: [s.reportFolderId, '報告書を保存するGoogleドライブのフォルダです。空欄なら、最初の報告書作成のときにアドオンがマイドライブに「報告書」フォルダを作り、以後そこに保存します（保存先はサイドバーの「報告書」タブに表示）。別のフォルダを使うときは、メニューの「報告書フォルダを選択」で選んでください（IDを入力しただけでは、アドオンはそのフォルダを開けません）。'],
    notifyMembers: [s.notifyMembers === false ? NOTIFY_LABELS.no : NOTIFY_LABELS.yes, `報告書を委員に共有したとき、Googleドライブから共有の通知メールを送るかどうかです（「${NOTIFY_LABELS.yes}」または「${NOTIFY_LABELS.no}」）。`],
    synonyms: [formatSynonyms(s.synonyms), '類似プランを探すときに同じ意味として扱う言葉です。1行に1グループ、言葉は「、」で区切ります（例: キャッシュレス、電子決済、スマホ決済）。'],
    secretariat: [(s.secretariat ?? []).join('、'), '事務局のメンバーのメールアドレスです（「、」で区切って複数。任意）。確定値のシートと「担当課ごとに保護」の事務局用の保護を、実行した方・オーナーのほか、ここに書いた方も編集できるようにします。'],
  };
  return (Object.keys(SETTING_KEYS) as SettingField[]).map((k) => [SETTING_KEYS[k], rows[k][0], rows[k][1]]);
}

const EMAIL = z.email();

const between = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));

const SettingsSchema = z
  .object({
    planName: z.string(),
    office: z.string(),
    evaluationYear: z.number().check(z.int(), z.gte(1989), z.lte(2199)),
    evaluationKind: z.enum(['year', 'mid']),
    midAsOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    thresholds: z.object({ a: between(0, 1000), b: between(0, 1000), c: between(0, 1000) }),
    goalRule: z.object({ goodShare: between(0, 100), fairShare: between(0, 100) }),
    interimRule: z.optional(z.enum(['final', 'paced'])),
    reportFolderId: z.string().check(z.regex(/^[A-Za-z0-9_-]*$/)),
    notifyMembers: z.optional(z.boolean()),
    synonyms: z.array(z.array(z.string())),
  })
  .check(
    z.refine((s) => s.thresholds.a >= s.thresholds.b && s.thresholds.b >= s.thresholds.c, { path: ['thresholds'] }),
    z.refine((s) => s.goalRule.goodShare >= s.goalRule.fairShare, { path: ['goalRule'] }),
  );

export { SettingsSchema };

const KEY_INDEX: Map<string, SettingField> = new Map(
  (Object.keys(SETTING_KEYS) as SettingField[]).flatMap((k): [string, SettingField][] => {
    const label = SETTING_KEYS[k];
    const short = label.replace(/（.*$/, '');
    return [[headerKey(label), k], [headerKey(short), k]];
  }),
);

/**
 * The setting a 項目 cell names, or undefined. The one key rule: the reader and テンプレートを作成
 * both use it, so a key the reader accepts (「評価A」, 「評価Ａ（％以上）」) is never added again.
 */
export function settingFieldOf(keyText: string): SettingField | undefined {
  return KEY_INDEX.get(headerKey(keyText));
}

/** Where 項目 and 値 are on 設定: the header row among the first five, else columns A and B. */
export function settingsColumns(values: readonly (readonly CellValue[])[]): { keyCol: number; valCol: number; start: number } {
  for (let r = 0; r < Math.min(5, values.length); r++) {
    const row = values[r].map((v) => headerKey(cellText(v)));
    const k = row.indexOf(headerKey(SETTINGS_COLUMNS[0]));
    const v = row.indexOf(headerKey(SETTINGS_COLUMNS[1]));
    if (k >= 0 && v >= 0) return { keyCol: k, valCol: v, start: r + 1 };
  }
  return { keyCol: 0, valCol: 1, start: 0 };
}

/** The template rows ([項目, 値, 説明]) whose setting no row of `values` names yet. */
export function missingSettingRows(values: readonly (readonly CellValue[])[], rows: readonly string[][]): string[][] {
  const { keyCol, start } = settingsColumns(values);
  const present = new Set<SettingField>();
  for (let r = start; r < values.length; r++) {
    const field = settingFieldOf(cellText(values[r][keyCol] ?? ''));
    if (field) present.add(field);
  }
  return rows.filter((row) => {
    const field = settingFieldOf(row[0] ?? '');
    return field === undefined || !present.has(field);
  });
}

/** Read 設定; unknown or malformed values fall back to the default with a 警告. */
export function readSettings(
  grid: Grid | undefined, today: Date = new Date(),
): { settings: Settings; issues: Issue[]; yearGiven: boolean; kindGiven: boolean } {
  const settings = defaultSettings(today);
  const issues: Issue[] = [];
  if (!grid || grid.values.length === 0) return { settings, issues, yearGiven: false, kindGiven: false };
  const sheet = grid.name || SHEETS.settings;
  const { keyCol, valCol, start } = settingsColumns(grid.values);

  const warn = (r: number, label: string, text: string, what: string) =>
    issues.push({
      severity: '警告', sheet, row: r + 1, col: valCol + 1, cell: a1(r + 1, valCol + 1),
      message: `「${sheet}」シートの${a1(r + 1, valCol + 1)}（${label}）「${squash(text)}」は読めないため、既定値を使います。${what}`,
    });

  let yearSeen = false;
  let midSeen = false;
  let kindSeen = false;
  for (let r = start; r < grid.values.length; r++) {
    const keyText = cellText(grid.values[r][keyCol], grid.display?.[r]?.[keyCol]);
    const field = settingFieldOf(keyText);
    if (!field) continue;
    const value: CellValue = grid.values[r][valCol] ?? '';
    const display = grid.display?.[r]?.[valCol];
    const text = cellText(value, display);
    const label = SETTING_KEYS[field];
    if (norm(text) === '' && field !== 'reportFolderId' && field !== 'synonyms') continue;
    switch (field) {
      case 'planName':
        settings.planName = squash(text);
        break;
      case 'city':
        settings.city = squash(text);
        break;
      case 'committee':
        settings.committee = squash(text);
        break;
      case 'planPeriod': {
        // 令和3年度〜令和7年度, R3-R7, 2021〜2025年度: two fiscal years.
        const parts = nfkc(text).split(/[〜~～\-－―]+|から/).map((x) => x.trim()).filter(Boolean);
        const from = parts[0] ? parseFiscalYear(parts[0]) : null;
        const to = parts[1] ? parseFiscalYear(parts[1]) : null;
        if (from !== null && to !== null && from <= to) settings.planPeriod = { from, to };
        else warn(r, label, text, '「令和3年度〜令和7年度」のように、初年度と最終年度を「〜」でつないで入力してください。');
        break;
      }
      case 'office':
        settings.office = squash(text);
        break;
      case 'evaluationYear': {
        const fy = parseFiscalYear(value instanceof Date || typeof value === 'number' ? value : text);
        if (fy === null || fy < 1989) warn(r, label, text, '令和7年度、R7、2025 のように年度を入力してください。');
        else {
          settings.evaluationYear = fy;
          yearSeen = true;
        }
        break;
      }
      case 'evaluationKind': {
        const t = norm(text);
        if (/中間|上半期|見込/.test(t)) settings.evaluationKind = 'mid';
        else if (/年度末|年度|実績|期末|年間/.test(t)) settings.evaluationKind = 'year';
        if (/中間|上半期|見込|年度末|年度|実績|期末|年間/.test(t)) kindSeen = true;
        else warn(r, label, text, '「年度末」または「中間」と入力してください。');
        break;
      }
      case 'interimRule': {
        const rule = parseInterimRule(text);
        if (rule === null) warn(r, label, text, `「${INTERIM_RULE_LABELS.final}」または「${INTERIM_RULE_LABELS.paced}」と入力してください。`);
        else settings.interimRule = rule;
        break;
      }
      case 'statusGrades': {
        const g = parseStatusGrades(text);
        if (g === null) warn(r, label, text, '「実施済=A、実施中=B、検討中=C、未着手=D」のように、状況と評価（A〜D、評価しないなら −）を「=」でつないで入力してください。');
        else settings.statusGrades = g;
        break;
      }
      case 'midAsOf': {
        const iso = parseDateCell(value, text);
        if (!iso) warn(r, label, text, '2025-09-30 のように日付を入力してください。');
        else {
          settings.midAsOf = iso;
          midSeen = true;
        }
        break;
      }
      case 'thresholdA':
      case 'thresholdB':
      case 'thresholdC':
      case 'goodShare':
      case 'fairShare': {
        const p = parseCell(value, display, { unit: '%' });
        if (p.kind !== 'number' || p.value < 0 || (p.unit !== '' && p.unit !== '%')) {
          warn(r, label, text, '80 のように%の数値を入力してください。');
          break;
        }
        // A share is of the plans (at most 100%); a threshold is of the target (at most 1,000%).
        const max = field === 'goodShare' || field === 'fairShare' ? 100 : 1000;
        if (p.value > max) {
          warn(r, label, text, `0〜${groupDigits(max)} の%の数値を入力してください（例: ${field === 'goodShare' ? 80 : field === 'fairShare' ? 50 : 100}）。`);
          break;
        }
        if (field === 'thresholdA') settings.thresholds.a = p.value;
        if (field === 'thresholdB') settings.thresholds.b = p.value;
        if (field === 'thresholdC') settings.thresholds.c = p.value;
        if (field === 'goodShare') settings.goalRule.goodShare = p.value;
        if (field === 'fairShare') settings.goalRule.fairShare = p.value;
        break;
      }
      case 'reportFolderId': {
        const id = extractFolderId(text);
        if (id === null) warn(r, label, text, 'ドライブのフォルダのURLか、フォルダID（英数字）を入力してください。');
        else settings.reportFolderId = id;
        break;
      }
      case 'notifyMembers': {
        const t = norm(text);
        if (/送らない|不要|しない|無|オフ|off|no|false/i.test(t)) settings.notifyMembers = false;
        else if (/送る|要|する|有|オン|on|yes|true/i.test(t)) settings.notifyMembers = true;
        else warn(r, label, text, `「${NOTIFY_LABELS.yes}」または「${NOTIFY_LABELS.no}」と入力してください。`);
        break;
      }
      case 'synonyms':
        settings.synonyms = norm(text) === '' ? [] : parseSynonyms(text);
        break;
      case 'secretariat': {
        const addresses: string[] = [];
        for (const part of nfkc(text).split(/[,，、;；\s]+/).filter(Boolean)) {
          if (!EMAIL.safeParse(part).success) {
            issues.push({
              severity: '警告', sheet, row: r + 1, col: valCol + 1, cell: a1(r + 1, valCol + 1),
              message: `「${sheet}」シートの${a1(r + 1, valCol + 1)}（${label}）の「${squash(part)}」はメールアドレスとして読めないため、除きました。` +
                'メールアドレスを「、」で区切って入力してください（例: jimu1@city.example.lg.jp、jimu2@city.example.lg.jp）。',
            });
          } else if (!addresses.some((a) => a.toLowerCase() === part.toLowerCase())) addresses.push(part);
        }
        settings.secretariat = addresses;
        break;
      }
    }
  }
  // Mid-year date follows the evaluation year unless typed.
  if (yearSeen && !midSeen) settings.midAsOf = `${settings.evaluationYear}-09-30`;

  const checked = SettingsSchema.safeParse(settings);
  if (!checked.success) {
    const d = defaultSettings(today);
    const paths = new Set(checked.error.issues.map((i) => String(i.path[0])));
    if (paths.has('thresholds')) {
      settings.thresholds = d.thresholds;
      issues.push(settingsIssue(sheet, '評価A・B・Cの%は A ≧ B ≧ C になるように入力してください（例: 100・80・50）。既定値を使います。'));
    }
    if (paths.has('goalRule')) {
      settings.goalRule = d.goalRule;
      issues.push(settingsIssue(sheet, '「良好」の割合は「概ね良好」の割合以上にしてください（例: 80・50）。既定値を使います。'));
    }
  }
  return { settings, issues, yearGiven: yearSeen, kindGiven: kindSeen };
}

/** 途中年度の評価 as typed → rule; null when it is neither value. */
export function parseInterimRule(text: string): 'final' | 'paced' | null {
  const t = norm(text);
  // 按分 first: 目標年度までの按分 also contains 目標.
  if (/按分|案分|比例|経過|ペース/.test(t)) return 'paced';
  if (/最終|比較|そのまま/.test(t)) return 'final';
  return null;
}

function settingsIssue(sheet: string, message: string): Issue {
  return { severity: '警告', sheet, row: 1, col: 1, cell: 'A1', message: `「${sheet}」シート: ${message}` };
}

/** A Date cell, 2025-09-30, 2025/9/30, 令和7年9月30日 → ISO date; null otherwise. */
export function parseDateCell(value: CellValue, text: string): string | null {
  if (value instanceof Date) return isNaN(value.getTime()) ? null : isoDate(value);
  const t = norm(text);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  let y: number | null = m ? Number(m[1]) : null;
  if (!m) {
    m = /^(令和|平成|R|H)(元|\d{1,2})[年./-](\d{1,2})[月./-](\d{1,2})日?$/.exec(t);
    if (m) {
      const base = m[1] === '令和' || m[1] === 'R' ? 2018 : 1988;
      y = base + (m[2] === '元' ? 1 : Number(m[2]));
      m = [m[0], String(y), m[3], m[4]] as unknown as RegExpExecArray;
    }
  }
  if (!m || y === null) return null;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return isoDate(date);
}

/** A Drive folder URL or ID → the ID ('' for blank); null when it is neither. */
export function extractFolderId(text: string): string | null {
  const t = norm(text);
  if (t === '') return '';
  const m = /\/folders\/([A-Za-z0-9_-]+)/.exec(t) ?? /[?&]id=([A-Za-z0-9_-]+)/.exec(t);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : null;
}

/**
 * The 評価年度 typed on 設定 cannot be rated: a year not begun yet (令和99年度), or one the progress
 * sheet has no column for (of the evaluation kind). Rating it would make every plan 評価不能 and
 * still write (and share) a report, so 集計 and 報告書作成 refuse it. A year whose columns exist
 * but are still empty (just after 年度更新) is rated. Null when the year is fine or was not typed
 * (then the latest year with figures is used).
 */
export function evaluationYearIssue(grid: Grid | undefined, settings: Settings, plans: readonly Plan[], today: Date): Issue | null {
  if (!grid) return null;
  const { keyCol, valCol, start } = settingsColumns(grid.values);
  let row = -1;
  for (let r = start; r < grid.values.length; r++) {
    if (settingFieldOf(cellText(grid.values[r][keyCol] ?? '')) !== 'evaluationYear') continue;
    if (norm(cellText(grid.values[r][valCol] ?? '', grid.display?.[r]?.[valCol])) !== '') row = r;
  }
  if (row < 0) return null;
  const fy = settings.evaluationYear;
  const kind = settings.evaluationKind;
  const columns = new Set<number>();
  for (const p of plans) for (const i of p.indicators) for (const a of i.actuals) {
    if (a.period.kind === kind) columns.add(a.period.fiscalYear);
  }
  const what = kind === 'mid' ? '中間の実績' : '実績';
  const sheet = grid.name || SHEETS.settings;
  const cell = a1(row + 1, valCol + 1);
  const typed = squash(cellText(grid.values[row][valCol] ?? '', grid.display?.[row]?.[valCol]));
  const sorted = [...columns].sort((x, y) => x - y);
  const instead = sorted.length
    ? `${what}の列がある年度（${warekiLabel(sorted[0])}〜${warekiLabel(sorted[sorted.length - 1])}）を入力するか、空欄にしてください（空欄なら${what}のある最新の年度を評価します）。`
    : `${warekiLabel(Math.min(fy, fiscalYearOf(today)))}のように評価する年度を入力するか、空欄にしてください。`;
  let problem = '';
  if (fy > fiscalYearOf(today) + 1) problem = `${warekiLabel(fy)}はまだ始まっていない年度です。`;
  else if (plans.length && !columns.has(fy)) problem = `「${SHEETS.progress}」シートに${warekiLabel(fy)}の${what}の列がないため、すべて評価不能になります。`;
  if (!problem) return null;
  return {
    severity: 'エラー', sheet, row: row + 1, col: valCol + 1, cell,
    message: `「${sheet}」シートの${cell}（${SETTING_KEYS.evaluationYear}）「${typed}」: ${problem}${instead}`,
  };
}
