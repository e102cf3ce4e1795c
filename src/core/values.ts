// Parsing what people type into value cells (基準値, 目標値, 実績値) into model `Parsed`.
//
// Rules (all on NFKC-normalised text; the original text is kept in `text`):
// - number: optional sign (-, −, ▲, △), digits with optional thousands separators and decimals,
//   then an optional unit. Full-width digits are fine (１２３人). A trailing "(…)" or "※…" is a
//   note: `0% (0件/5,433件)` → 0 %, note 0件/5,433件; `112件/年 (令和3年末)` → 112 件/年.
//   以上/以下/未満/超/以内 after the unit go to the note (targets such as 80%以上).
//   千/万/億 before a known unit scale the number (1,089万円 → 10,890,000 円) so that targets
//   and actuals written with and without them stay comparable.
//   "1校当たり4教室" → 4 with unit "教室/校" (the thing counted / the thing it is counted per);
//   "4校あたり1人" → 1 "人/4校".
// - percent: a number cell whose display ends in % (Sheets hands back 0.865 for 86.50%) → 86.5 %;
//   without a display, a fraction 0 < |v| < 1 is read as a percentage only when the caller says
//   the unit is % (hint.unit).
// - milestone: ○ ◯ 〇 ◎ 達成 済 完了 … → done; × ✕ 未達 未達成 → not done; checkbox booleans.
// - empty: blank, or a lone dash (-, —, ―, ー, －).
// - state (explicit, never an error, never zero), for short texts (≤ 30 characters, no 。):
//     取得不可 ← 取得不可, 取得できない, 計測不可, 集計中, 次年度計測 (wins over the others:
//                "リプレイス未実施 (実績値取得不可)" says the actual cannot be had)
//     指標なし ← 指標の設定はありません, 指標なし, 指標未設定
//     未整備, 移行中 as typed; 導入中 ← 導入中/構築中/整備中/準備中/開発中;
//     検討中 ← 検討中/継続検討/調査中; 未実施 ← 未実施/未導入/未着手/未稼働;
//     実施中 ← 実施中/継続中/運用中/稼働中/一部稼働/一部実施
// - invalid (text only, with a Japanese reason saying what to type instead): approximations
//   (約30件, 30件程度), ranges (10〜20件), ratios (0件/5,433件), several values in one cell
//   (①…②…), formula errors (#REF!), dates in a value column, and descriptive text with no
//   state word, e.g. 市政経営会議のみ, 平成23年発行分まで: these describe a level in words and
//   cannot be rated; the reason asks for a number with a unit or ○/×.
// Never throws; never turns text into a silent zero.

import type { CellValue, Direction, Parsed, PlanStatus, QualState } from './model';
import { formatDate, groupDigits, isLoneDash, norm, squash } from './text';
import { readFigure, readStatus, type ProgressStatus } from './narrative';

export interface ParseHint {
  /** The indicator's unit, when known (単位 column or the target's unit). */
  unit?: string;
}

// Reasons after which a text is read as a sentence (narrative.ts): a figure in it, else a status.
const NARRATIVE_REASONS = new Set<string>();

export const PARSED_KINDS = ['number', 'milestone', 'state', 'empty', 'invalid'] as const;

const MAX_TEXT = 400;
/** Largest magnitude read as a figure (1,000兆): no plan counts beyond it, and ratios stay finite. */
export const MAX_FIGURE = 1e15;

const EXAMPLE = '（例: 30件）';
const R_NOT_NUMBER = `は数値として読めません。半角または全角の数字と単位だけ${EXAMPLE}を入力してください。`;
const R_APPROX = `は概数の言葉（約・程度など）を含むため数値として読めません。数字と単位だけ${EXAMPLE}を入力し、補足は「コメント」列に書いてください。`;
const R_RANGE = `は範囲のため数値として読めません。1つの数値と単位${EXAMPLE}を入力してください。範囲を目標にする場合は方向を「範囲内を維持」にしてください。`;
const R_RATIO = 'は分数のため数値として読めません。割合なら「0%」、件数なら「0件」のように1つの数値で入力し、内訳は括弧書き（例: 0% (0件/5,433件)）にしてください。';
const R_MULTI = 'は1つのセルに複数の値（①②…）があります。指標ごとに行を分け、1つのセルには1つの数値（例: 30件）を入力してください。';
const R_FORMULA = 'は数式のエラーです。数式を直すか、数値と単位（例: 30件）を直接入力してください。';
const R_DATE = 'は日付として扱われています。数値と単位（例: 30件）を入力してください。勝手に日付に変わる場合は、セルの書式を「書式なしテキスト」にしてから入力し直してください。';
const R_PROSE = 'は文章のため数値として読めません。説明は「コメント」列に書き、この欄には数字と単位だけ（例: 30件）を入力してください。';
const R_WORDS = 'は言葉で書かれているため達成度を計算できません。数で表せる場合は数字と単位（例: 30件）で、達成・未達で表す場合は ○ / × で入力してください。';
const R_LONG = `は長すぎるため数値として読めません。この欄には数字と単位だけ${EXAMPLE}を入力し、説明は「コメント」列に書いてください。`;
const R_HUGE = 'は大きすぎるため計算できません（1,000兆まで）。桁を確認し、数字と単位だけ（例: 1,020件）を入力してください。';
for (const r of [R_LONG, R_PROSE, R_WORDS, R_NOT_NUMBER]) NARRATIVE_REASONS.add(r);
const R_TRIANGLE = 'の「△」だけでは数値にも達成・未達にもなりません。マイナスの数値なら「▲5件」のように数字を添え、達成なら ○、未達なら × を入力してください。';

// Milestones: done / not done. 実施・導入・可・予算化 as a target mean "to be done"; as an actual, "done".
const DONE_RE = /^(○|◯|〇|◎|達成|達成済|達成済み|済|済み|完了|実施|実施済|実施済み|導入|導入済|導入済み|整備済|整備済み|設置済|設置済み|構築済|構築済み|策定済|策定済み|予算化|予算化済|予算化済み|可|TRUE)$/i;
const NOT_DONE_RE = /^(×|✕|✖|☓|╳|未達|未達成|否|不可|FALSE)$/i;

const STATE_RULES: ReadonlyArray<[QualState, RegExp]> = [
  ['取得不可', /取得不可|取得できない|取得できず|把握できない|計測不可|計測できない|測定不可|算出不可|集計不可|集計中|次年度計測|計測予定/],
  ['指標なし', /指標の設定はありません|指標の設定なし|指標なし|指標無し|指標未設定|指標設定なし/],
  ['未整備', /未整備/],
  ['移行中', /移行中/],
  ['導入中', /導入中|構築中|整備中|準備中|開発中/],
  ['検討中', /検討中|継続検討|調査中|研究中/],
  ['未実施', /未実施|未導入|未着手|未稼働|未開始/],
  ['実施中', /実施中|継続中|運用中|稼働中|一部稼働|一部実施/],
  ['中止', /^(中止|廃止|休止)$/],
];

// Circled and parenthesised digits: one per value in cells like "①7種 ②3.26ポイント".
const CIRCLED_RE = /[\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]/g;
const FORMULA_ERROR_RE = /^#(REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NUM!|ERROR!|NULL!|SPILL!|CALC!|LOADING)/i;
const NUMBER_RE = /^([-−▲△]|マイナス)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(.*)$/;
const PER_RE = /^(\d+)?\s*([^\d\s]{1,6}?)\s*(?:当たり|あたり|当り|につき)\s*(.+)$/;
const APPROX_PREFIX_RE = /^(約|およそ|凡そ|概ね|おおむね|大体|ほぼ|推定|推計|見込み?)/;
const APPROX_SUFFIX_RE = /(程度|くらい|ぐらい|前後|ほど|余り|あまり|強|弱|見込み?|想定|推計)$/;
const QUALIFIER_RE = /(以上|以下|未満|超|以内)$/;
const RANGE_RE = /\d\s*[~〜～\-−ー]\s*[▲△-]?\d|\d\s*から\s*\d/;
const RATIO_RE = /^\d[\d,.]*\s*[^\d\s/]*\s*\/\s*\d/;
const UNIT_RE = /^[\p{L}\p{M}%‰°'’/・]{1,10}$/u;
const UNIT_BAD_RE = /(まで|から|より|のみ|など|等|分まで)/;

/** Unit spellings made uniform so 件/年 typed three ways compares equal. */
const UNIT_ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/パーセント|ﾊﾟｰｾﾝﾄ/g, '%'],
  [/^PT$|^pt$|^ポイント$/g, 'ポイント'],
  [/[ヵヶカケ箇]国語/g, 'か国語'],
  [/[ヵヶカケか]所/g, '箇所'],
  [/[ヵヶカケ]月/g, 'か月'],
  [/毎年$/g, '/年'],
  [/\/年間$/g, '/年'],
];

const SCALE: Record<string, number> = { 千: 1e3, 万: 1e4, 億: 1e8 };
const SCALABLE_UNITS = new Set(['円', '人', '件', '回', '世帯', '台', '部', '枚', '人/年', '件/年', '回/年', '円/年', '件/年度', '人/年度', '円/年度']);

/** Units the template notes mention; any short word is accepted as a unit too. */
export const COMMON_UNITS = [
  '件', '人', '%', '回', '台', '施設', '拠点', '校', '教室', 'ID', '種類', 'か国語', '時間', '円',
  '件/年', '人/年', '件/年度', '回/年',
] as const;

/** The parse of one cell. `display` is the cell's display string (getDisplayValues), if read. */
export function parseCell(value: CellValue | null | undefined, display?: string, hint?: ParseHint): Parsed {
  try {
    const p = parseCellUnsafe(value, display, hint);
    // One bound for every figure: beyond it sums and ratios lose digits or overflow (1e308 → Infinity%).
    if (p.kind === 'number' && !(Math.abs(p.value) <= MAX_FIGURE)) return { kind: 'invalid', text: p.text, reason: R_HUGE };
    return p;
  } catch {
    // Defensive: a parser bug must surface as a message, not as a failed 集計.
    const text = display ?? String(value);
    return { kind: 'invalid', text, reason: R_NOT_NUMBER };
  }
}

function parseCellUnsafe(value: CellValue | null | undefined, display: string | undefined, hint?: ParseHint): Parsed {
  if (value === null || value === undefined) return { kind: 'empty', text: display ?? '' };
  if (typeof value === 'boolean') {
    return { kind: 'milestone', done: value, text: display || (value ? 'TRUE' : 'FALSE') };
  }
  if (value instanceof Date) {
    const text = display || formatDate(value) || String(value);
    return { kind: 'invalid', text, reason: R_DATE };
  }
  if (typeof value === 'number') return parseNumberCell(value, display, hint);
  if (typeof value === 'string') return parseText(value, hint);
  const text = String(value);
  return { kind: 'invalid', text, reason: R_NOT_NUMBER };
}

function tidy(x: number): number {
  const r = Number(x.toPrecision(12));
  return Object.is(r, -0) ? 0 : r;
}

function parseNumberCell(v: number, display: string | undefined, hint?: ParseHint): Parsed {
  const text = display !== undefined && display !== '' ? display : String(v);
  if (!Number.isFinite(v)) return { kind: 'invalid', text, reason: R_NOT_NUMBER };
  if (display !== undefined && display.trim() !== '') {
    const d = parseText(display);
    if (d.kind === 'number') {
      if (d.unit === '%') {
        // Sheets stores 86.50% as 0.865; a number typed into a text-formatted display is already 86.5.
        const asPct = tidy(v * 100);
        const value = Math.abs(asPct - d.value) <= Math.abs(v - d.value) ? asPct : tidy(v);
        return numberParsed(value, '%', text, d.note);
      }
      const close = Math.abs(d.value - v) <= Math.max(1, Math.abs(v) * 0.01);
      return numberParsed(tidy(close ? v : d.value), d.unit, text, d.note);
    }
  }
  if (hint?.unit && normalizeUnit(hint.unit) === '%' && v !== 0 && Math.abs(v) < 1 && display === undefined) {
    return { kind: 'number', value: tidy(v * 100), unit: '%', text, note: `割合（${v}）を百分率に換算` };
  }
  return { kind: 'number', value: tidy(v), unit: '', text };
}

function numberParsed(value: number, unit: string, text: string, note?: string): Parsed {
  return note ? { kind: 'number', value, unit, text, note } : { kind: 'number', value, unit, text };
}

/**
 * Parse typed text. `text` in the result is the original string. Text that is a sentence rather
 * than a value is read by narrative.ts: the figure in it (kept with the words read, `read`), else
 * a progress status from cue words (`read.cues`); only text with neither stays invalid.
 */
export function parseText(original: string, hint?: ParseHint): Parsed {
  const p = parseValueText(original);
  if (p.kind !== 'invalid' || !NARRATIVE_REASONS.has(p.reason)) return p;
  const fig = readFigure(original, hint?.unit ? normalizeUnit(hint.unit) : '');
  if (fig) {
    const out: Parsed = { kind: 'number', value: fig.value, unit: normalizeUnit(fig.unit), text: original, read: { quote: fig.quote, how: fig.how } };
    if (fig.target) out.read!.target = { ...fig.target, unit: normalizeUnit(fig.target.unit) };
    return out;
  }
  const st = readStatus(original);
  if (st) return { kind: 'state', state: QUAL_OF_STATUS[st.status], text: original, read: { cues: st.cues, decisive: st.decisive } };
  return p;
}

const QUAL_OF_STATUS: Record<ProgressStatus, QualState> = {
  実施済: '実施済', 実施中: '実施中', 検討中: '検討中', 未着手: '未実施', 中止: '中止',
};

/** The progress status a qualitative state stands for; null for 取得不可 / 指標なし. */
export function progressOf(state: QualState): ProgressStatus | null {
  switch (state) {
    case '実施済': return '実施済';
    case '実施中': case '導入中': case '移行中': return '実施中';
    case '検討中': return '検討中';
    case '未実施': case '未整備': return '未着手';
    case '中止': return '中止';
    default: return null;
  }
}

function parseValueText(original: string): Parsed {
  const text = original;
  if (original.length > MAX_TEXT) return { kind: 'invalid', text, reason: R_LONG };
  let raw = original;
  const circled = raw.match(CIRCLED_RE);
  if (circled && circled.length > 1) return { kind: 'invalid', text, reason: R_MULTI };
  if (circled && circled.length === 1 && raw.trim().startsWith(circled[0])) raw = raw.trim().slice(circled[0].length);
  const s = norm(raw);
  if (s === '' || isLoneDash(s)) return { kind: 'empty', text };
  if (FORMULA_ERROR_RE.test(s)) return { kind: 'invalid', text, reason: R_FORMULA };

  const { main, note } = splitNote(s);
  if (main === '' || isLoneDash(main)) return { kind: 'empty', text };

  if (DONE_RE.test(main)) return { kind: 'milestone', done: true, text };
  if (NOT_DONE_RE.test(main)) return { kind: 'milestone', done: false, text };

  const num = parseNumberText(main);
  if (num && num.kind === 'number') {
    const notes = [num.note, note].filter((x): x is string => !!x);
    const out: Parsed = { kind: 'number', value: num.value, unit: num.unit, text };
    if (notes.length) out.note = notes.join(' ');
    return out;
  }

  const state = matchState(s);
  if (state) {
    // Keep the wording as a note unless the cell is just the state word itself.
    return state.whole ? { kind: 'state', state: state.state, text } : { kind: 'state', state: state.state, text, note: s };
  }
  if (main === '△' || main === '▲') return { kind: 'invalid', text, reason: R_TRIANGLE };
  if (num && num.kind === 'invalid') return { kind: 'invalid', text, reason: num.reason };
  return { kind: 'invalid', text, reason: reasonForText(s) };
}

/** "main (note)" / "main ※note" → parts; a cell that is all parentheses keeps its content. */
function splitNote(s: string): { main: string; note?: string } {
  let main = s;
  let note: string | undefined;
  const star = main.indexOf('※');
  if (star > 0) {
    note = main.slice(star + 1).trim() || undefined;
    main = main.slice(0, star).trim();
  }
  const m = /^(.*?)\s*\(([^()]*)\)$/.exec(main);
  if (m && m[1].trim() !== '') {
    main = m[1].trim();
    note = [m[2].trim(), note].filter(Boolean).join(' ') || undefined;
  } else if (m && m[1].trim() === '') {
    main = m[2].trim();
  }
  return { main, note };
}

type NumberResult = { kind: 'number'; value: number; unit: string; note?: string } | { kind: 'invalid'; reason: string };

function parseNumberText(main: string): NumberResult | null {
  if (APPROX_PREFIX_RE.test(main) && /\d/.test(main)) return { kind: 'invalid', reason: R_APPROX };
  if (RANGE_RE.test(main)) return { kind: 'invalid', reason: R_RANGE };
  if (RATIO_RE.test(main)) return { kind: 'invalid', reason: R_RATIO };
  const per = PER_RE.exec(main);
  if (per && /\d/.test(per[3])) {
    const inner = parseNumberText(per[3].trim());
    if (!inner || inner.kind === 'invalid') return inner;
    const count = per[1] && per[1] !== '1' ? per[1] : '';
    return { ...inner, unit: `${inner.unit}/${count}${per[2]}` };
  }
  const m = NUMBER_RE.exec(main);
  if (!m) return null;
  const sign = m[1] ? -1 : 1;
  let value = Number(m[2].replace(/,/g, ''));
  if (!Number.isFinite(value)) return { kind: 'invalid', reason: R_NOT_NUMBER };
  let unit = m[3].trim();
  let note: string | undefined;
  const q = QUALIFIER_RE.exec(unit);
  if (q) {
    note = q[1];
    unit = unit.slice(0, unit.length - q[1].length).trim();
  }
  if (APPROX_SUFFIX_RE.test(unit)) return { kind: 'invalid', reason: R_APPROX };
  unit = normalizeUnit(unit);
  if (unit !== '' && (!UNIT_RE.test(unit) || UNIT_BAD_RE.test(unit))) {
    return /\d/.test(unit) ? { kind: 'invalid', reason: R_NOT_NUMBER } : { kind: 'invalid', reason: R_WORDS };
  }
  const scale = SCALE[unit.charAt(0)];
  if (scale && SCALABLE_UNITS.has(unit.slice(1))) {
    value *= scale;
    unit = unit.slice(1);
  }
  value = tidy(sign * value);
  return note ? { kind: 'number', value, unit, note } : { kind: 'number', value, unit };
}

function matchState(s: string): { state: QualState; whole: boolean } | null {
  if (s.length > 30 || s.includes('。')) return null;
  for (const [state, re] of STATE_RULES) {
    const m = re.exec(s);
    if (m) return { state, whole: m[0] === s };
  }
  return null;
}

function reasonForText(s: string): string {
  if (s.includes('。') || s.length > 30) return R_PROSE;
  if (APPROX_PREFIX_RE.test(s) || APPROX_SUFFIX_RE.test(s)) return R_APPROX;
  if (/(令和|平成|昭和|[RHS])\s*(元|\d+)\s*年/.test(s)) return R_WORDS;
  if (/\d/.test(s)) return R_NOT_NUMBER;
  return R_WORDS;
}

/** True when the text reads like a sentence or remark rather than a value. */
export function looksLikeComment(text: string): boolean {
  const s = norm(text);
  if (s.includes('。') || (s.includes('、') && s.length > 12)) return true;
  if (s.length > 20 && !/^\d/.test(s)) return true;
  return /(ため|ので|予定|です|ます|について|により|見込み)/.test(s) && s.length > 6;
}

/** Make unit spellings uniform (NFKC, aliases, no spaces). */
// Units repeat a lot (件, %, 人/年 …): memoised, since NFKC is the costly part.
const normalizedUnits = new Map<string, string>();

export function normalizeUnit(unit: string): string {
  const known = normalizedUnits.get(unit);
  if (known !== undefined) return known;
  let u = norm(unit).replace(/\s+/g, '');
  for (const [re, to] of UNIT_ALIASES) u = u.replace(re, to);
  if (normalizedUnits.size < 10000) normalizedUnits.set(unit, u);
  return u;
}

const PER_TIME_RE = /\/(年|年度|年間)$/;

/** The unit without a per-year denominator: 件/年 → 件. */
export function baseUnit(unit: string): string {
  return normalizeUnit(unit).replace(PER_TIME_RE, '');
}

/** True when the unit is a per-year count (件/年, 人/年度 …). */
export function isPerYearUnit(unit: string): boolean {
  return PER_TIME_RE.test(normalizeUnit(unit));
}

/**
 * Whether two units measure the same thing: equal after normalisation, or differing only by a
 * per-year denominator (件 vs 件/年). An empty unit (a bare number) is compatible with any.
 */
export function unitsCompatible(a: string, b: string): boolean {
  const x = normalizeUnit(a);
  const y = normalizeUnit(b);
  if (x === '' || y === '' || x === y) return true;
  return baseUnit(x) === baseUnit(y);
}

/**
 * The unit rule of 入力チェック and 集計 (one rule, one place). An indicator's figures are
 * compared in its reference unit: the 単位 column when typed, else the target's own unit.
 * A figure whose unit is not compatible with it is not used: a target or an actual makes the
 * indicator unassessable (入力チェック: エラー); a baseline is left out and the actual is
 * measured against the target alone (入力チェック: 警告).
 */
export function referenceUnit(typedUnit: string, target: Parsed): string {
  return typedUnit.trim() || (target.kind === 'number' ? target.unit : '');
}

/** True when a number's own unit differs from the reference unit (see referenceUnit). */
export function unitDiffers(p: Parsed, ref: string): boolean {
  return p.kind === 'number' && p.unit !== '' && ref !== '' && !unitsCompatible(p.unit, ref);
}

/** The number of a parsed cell, or null. */
export function numberOf(p: Parsed | undefined): number | null {
  return p && p.kind === 'number' ? p.value : null;
}

/** A range target "80〜120%" → { min, max, unit }; null when not a range. */
export function parseRange(text: string): { min: number; max: number; unit: string } | null {
  const s = norm(text);
  const m = /^([-−▲]?\d[\d,]*(?:\.\d+)?)\s*([^\d\s~〜～]*)\s*[~〜～]\s*([-−▲]?\d[\d,]*(?:\.\d+)?)\s*(.*)$/.exec(s);
  if (!m) return null;
  const num = (x: string) => Number(x.replace(/,/g, '').replace(/^[−▲]/, '-'));
  const lo = num(m[1]);
  const hi = num(m[3]);
  const unit = normalizeUnit(m[4] || m[2]);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  if (m[2] && m[4] && !unitsCompatible(m[2], m[4])) return null;
  return { min: Math.min(lo, hi), max: Math.max(lo, hi), unit };
}

/** Short display of a parsed value for messages. */
export function describeParsed(p: Parsed): string {
  switch (p.kind) {
    case 'number':
      return `${groupDigits(p.value)}${p.unit}`;
    case 'milestone':
      return p.done ? '達成' : '未達';
    case 'state':
      return p.state;
    case 'empty':
      return '空欄';
    case 'invalid':
      return squash(p.text);
  }
}

// --- labels typed in the dropdown columns -------------------------------------------------

const DIRECTION_WORDS: ReadonlyArray<[RegExp, Direction]> = [
  [/^(高いほど良い|高いほどよい|高い方が良い|大きいほど良い|多いほど良い|上昇|増加|増|高|上|↑|UP|プラス)$/i, 'up'],
  [/^(低いほど良い|低いほどよい|低い方が良い|小さいほど良い|少ないほど良い|減少|減|低|下|↓|DOWN|マイナス|削減)$/i, 'down'],
  [/^(範囲内を維持|範囲内|範囲|維持|RANGE)$/i, 'range'],
  [/^(達成・未達|達成\/未達|達成未達|達成|○×|○・×|有無|MILESTONE)$/i, 'milestone'],
];

/** 方向 cell → Direction; null when typed but not understood ('' → null too). */
export function parseDirectionLabel(text: string): Direction | null {
  const t = norm(text).replace(/\s/g, '');
  if (!t) return null;
  for (const [re, d] of DIRECTION_WORDS) if (re.test(t)) return d;
  return null;
}

/** 中間の見方 cell → accumulates; null when blank or not understood. */
export function parseAccumulationLabel(text: string): boolean | null {
  const t = norm(text).replace(/\s/g, '');
  if (!t) return null;
  if (/^(積み上げ|積上げ|積上|累計|累積|加算|合計)$/.test(t)) return true;
  if (/^(水準|時点|時点の値|現在値|割合|その時点)$/.test(t)) return false;
  return null;
}

/** 状態 cell → PlanStatus; null when typed but not understood. */
export function parsePlanStatus(text: string): PlanStatus | null {
  const t = norm(text).replace(/\s/g, '');
  if (!t) return '';
  if (/^(実施中|継続|継続中|実施|進行中|取組中)$/.test(t)) return '実施中';
  if (/^(未着手|未実施|着手前|未開始)$/.test(t)) return '未着手';
  if (/^(完了|終了|完了済み?|済)$/.test(t)) return '完了';
  if (/^(中止|廃止|休止)$/.test(t)) return '中止';
  if (/^(統合済|統合済み|統合)$/.test(t)) return '統合済';
  return null;
}
