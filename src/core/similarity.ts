// Suggestions of similar plans to merge (類似プランの統合候補).
// Pure and deterministic: no dictionary, no randomness, input order does not matter.
//
// Pipeline (see docs/merge.md):
//   text = plan name + indicator names (indicators weigh less)
//   → notation normalisation (NFKC, kana, long vowels, ・, spacing, brackets, 再掲 notes)
//   → synonym canonicalisation (Settings.synonyms + fixed spelling variants)
//   → removal of stop phrases that carry no meaning (推進, 充実, 活用, システム …)
//   → character 2/3-grams (latin words as whole tokens) → TF-IDF → cosine
//   + small structural bonuses (same title part / 再掲, same indicator wording, same 個別施策,
//     same 主担当課), only for pairs whose texts already share something
//   → average-linkage clusters: a plan joins a group only if it is similar to the group on average.

import type { Plan } from './model';

/**
 * Default synonym groups: words of a group are treated as the same when proposing merges (the first
 * is the canonical form). Users edit them in Settings.synonyms (設定 › 類義語).
 */
export const DEFAULT_SYNONYMS: string[][] = [
  ['キャッシュレス', 'キャッシュレス決済', '電子決済', '電子マネー', 'スマホ決済', 'コード決済', 'QRコード決済'],
  ['ペーパーレス', 'ペーパレス', '電子決裁', '紙の削減'],
  ['デジタル化', '電子化', 'DX', 'デジタルトランスフォーメーション'],
  ['オンライン申請', '電子申請', 'ネット申請', 'Web申請', 'ウェブ申請', 'インターネット申請'],
  ['オンライン', 'Web', 'ウェブ'],
  ['AI', '人工知能', '生成AI', 'チャットボット', 'ChatGPT'],
  ['SNS', 'ソーシャルメディア', 'LINE', 'フェイスブック', 'Facebook', 'ツイッター', 'Twitter', 'インスタグラム', 'Instagram'],
  ['ホームページ', 'HP', 'ウェブサイト', 'Webサイト', '公式サイト'],
  ['Wi-Fi', 'WiFi', '無線LAN', '公衆無線LAN'],
  ['独居', 'ひとり暮らし', '一人暮らし', '単身'],
  ['見守り', '安否確認', '緊急通報'],
  ['テレワーク', 'リモートワーク', '在宅勤務'],
  ['マイナンバーカード', 'マイナカード', '個人番号カード'],
  ['GIS', '地理情報システム'],
  ['標準化', '共通化'],
  ['RPA', 'ロボティック・プロセス・オートメーション'],
  ['デジタルデバイド', 'デジタル格差', '情報格差', 'デジタル活用支援'],
  ['子育て', '育児'],
  ['スマート農業', 'ICT農業', 'IoT農業', 'スマート農林業'],
  ['高齢者', 'シニア', 'お年寄り'],
];

/**
 * Spelling variants that mean the same word, always applied (not a matter of opinion):
 * kanji/kana spellings and okurigana that NFKC and kana folding do not unify.
 */
export const NOTATION_VARIANTS: string[][] = [
  ['子ども', 'こども', '子供'],
  ['障がい', '障害', '障碍'],
  ['スマートフォン', 'スマホ', 'スマートホン'],
  ['申込', '申し込み', '申込み'],
  ['取組', '取り組み', '取組み'],
  ['問合せ', '問い合わせ', '問合わせ'],
  ['受付', '受け付け', '受付け'],
  ['手続', '手続き'],
  ['貸出', '貸し出し', '貸出し'],
  ['回覧板', '回覧版'],
];

/** Words that say "do more of it" and nothing about what: removed before n-grams. */
export const STOP_PHRASES: string[] = [
  '利活用', '活用', '推進', '充実', '促進', '整備', '導入', '事業', '取組', '実施', '強化', '向上',
  '拡大', '拡充', '構築', '検討', '調査研究', '確保', '対応', '提供', '改善', '運用', 'システム',
  'ICT', 'IT', '計画', '適切', '効果的', '効率的', '効率化', '負担軽減', '軽減', '利便性', '等',
];

/** Function phrases removed before anything else (they glue words, they carry no topic). */
const FUNCTION_PHRASES = [
  'における', 'による', 'に向けた', 'に向けて', 'に対する', 'に対し', 'について', 'に関する', 'に係る',
  'を活用した', 'を活用し', 'を使った', 'を通じた', 'を用いた', 'のための', 'ための', '及び', '並びに', 'など',
  // verb endings: glue, not topic
  'している', 'していく', 'された', 'される', 'されて', 'した', 'する', 'できる', 'ている',
];

/** Placeholders typed where there is no indicator: never text to compare. */
const NO_INDICATOR = /^(指標の設定はありません|指標なし|設定なし|なし|-|—|ー|―)$/;

export const DEFAULT_MIN_SCORE = 0.2;

/** Relative weight of indicator wording against the plan name in the text vector. */
const INDICATOR_WEIGHT = 0.5;
const BONUS_SAME_MEASURE = 0.05;
const BONUS_SAME_DEPT = 0.05;
const BONUS_SAME_INDICATOR = 0.1;
/** Same title part (再掲 rows, one row per department): the strongest structural sign. */
const BONUS_SAME_TITLE = 0.15;
const MAX_BONUS = BONUS_SAME_MEASURE + BONUS_SAME_DEPT + BONUS_SAME_INDICATOR + BONUS_SAME_TITLE;
/** Bonuses only count when the texts share something: a department alone never makes a group. */
const MIN_TEXT_FOR_BONUS = 0.1;

// ---------------------------------------------------------------------------------------------
// Notation normalisation with a map back to the original characters (for readable reasons).

const BOUNDARY = ' ';

interface Unit {
  ch: string;
  /** Span in the original text this unit came from. */
  s: number;
  e: number;
  /** Index of the synonym group when the unit was written by canonicalisation. */
  syn?: number;
}

interface NormText {
  original: string;
  units: Unit[];
  /** units joined: the normalised text, BOUNDARY between segments. */
  text: string;
}

const SMALL_KANA: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
};
const PARTICLES = new Set(['の', 'を', 'に', 'へ', 'と', 'や', 'が', 'は', 'で', 'も', 'な']);
/**
 * CJK radicals that PDF extraction leaves in the text and NFKC does not fold (the Kangxi block
 * ⽤⼦⾏ … is folded by NFKC already).
 */
const RADICALS: Record<string, string> = {
  '⺠': '民', '⻑': '長', '⻄': '西', '⻘': '青', '⻝': '食', '⻤': '鬼', '⻩': '黄', '⻭': '歯',
  '⻁': '虎', '⺟': '母', '⺢': '水', '⺅': '人', '⺉': '刀', '⻌': '辶', '⻍': '辶', '⻎': '辶',
};
const DASHES = /[-‐‑‒–—―−─━ー]/;
const isHiragana = (c: string) => c >= '\u3041' && c <= '\u3096';
const isKatakana = (c: string) => (c >= '\u30a1' && c <= '\u30fa') || c === 'ー';
const isLatinDigit = (c: string) => /^[a-z0-9]$/.test(c);
const isWordChar = (c: string) => /^[\p{L}\p{N}々]$/u.test(c);

function joinUnits(units: Unit[]): string {
  let t = '';
  for (const u of units) t += u.ch;
  return t;
}

/** Replace units [i, j) by one boundary unit. */
function blank(units: Unit[], i: number, j: number): void {
  const s = units[i].s;
  const e = units[j - 1].e;
  units.splice(i, j - i, { ch: BOUNDARY, s, e });
}

/** Blank every match of the regexp (applied on the joined text, units are one char each). */
function blankMatches(units: Unit[], re: RegExp): void {
  const text = joinUnits(units);
  const spans: Array<[number, number]> = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    spans.push([m.index, m.index + m[0].length]);
  }
  for (let k = spans.length - 1; k >= 0; k--) blank(units, spans[k][0], spans[k][1]);
}

function collapse(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (const u of units) {
    if (u.ch === BOUNDARY && (out.length === 0 || out[out.length - 1].ch === BOUNDARY)) continue;
    out.push(u);
  }
  while (out.length > 0 && out[out.length - 1].ch === BOUNDARY) out.pop();
  return out;
}

const FUNCTION_RE = new RegExp(FUNCTION_PHRASES.slice().sort((a, b) => b.length - a.length).join('|'), 'g');
// Notes that are bookkeeping, not content: 【再掲1-②(8)】, (再掲), (新), 〇/● marks.
const ANNOTATION_RE = /【再掲[^】]*】|\(再掲[^)]*\)|\[再掲[^\]]*\]|\(新\)|【新】|[〇○●◎※]/g;

/** Notation normalisation only (no synonyms, no stop phrases). */
function normaliseUnits(original: string): Unit[] {
  // 1. NFKC per character (keeps the map), lower case; re-attach (han)dakuten to the kana before.
  let units: Unit[] = [];
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i) as number;
    const len = cp > 0xffff ? 2 : 1;
    const raw = original.slice(i, i + len);
    // Fast path: kana, common kanji and ASCII letters are their own NFKC form.
    const plain = (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fa) || cp === 0x30fc
      || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x61 && cp <= 0x7a);
    const n = plain ? raw : (RADICALS[raw] ?? raw).normalize('NFKC').toLowerCase();
    for (const ch of Array.from(n)) {
      if (ch.length > 1) { units.push({ ch: BOUNDARY, s: i, e: i + len }); continue; }
      if ((ch === '\u3099' || ch === '\u309a' || ch === '\u309b' || ch === '\u309c') && units.length > 0) {
        const prev = units[units.length - 1];
        const mark = ch === '\u309b' ? '\u3099' : ch === '\u309c' ? '\u309a' : ch;
        const composed = (prev.ch + mark).normalize('NFC');
        if (composed.length === 1) { prev.ch = composed; prev.e = i + len; continue; }
      }
      units.push({ ch, s: i, e: i + len });
    }
    i += len;
  }
  // 2. Bookkeeping notes and function phrases.
  blankMatches(units, ANNOTATION_RE);
  blankMatches(units, FUNCTION_RE);
  // 3. Runs of particles between content words are boundaries (の, を, への …).
  for (let i = 0; i < units.length; ) {
    if (!isHiragana(units[i].ch)) { i++; continue; }
    let j = i;
    while (j < units.length && isHiragana(units[j].ch)) j++;
    let allParticles = true;
    for (let k = i; k < j; k++) if (!PARTICLES.has(units[k].ch)) allParticles = false;
    if (allParticles) { blank(units, i, j); i = i + 1; } else i = j;
  }
  // 4. Kana folding, long vowels, separators.
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    let c = u.ch;
    if (isHiragana(c)) c = String.fromCharCode(c.charCodeAt(0) + 0x60);
    if (SMALL_KANA[c]) c = SMALL_KANA[c];
    const prev = out.length > 0 ? out[out.length - 1].ch : '';
    const nextRaw = i + 1 < units.length ? units[i + 1].ch : '';
    // Dropped marks widen the previous unit, so reasons quote データ, not デ.
    const drop = () => { if (out.length > 0 && prev !== BOUNDARY) out[out.length - 1].e = u.e; };
    if (DASHES.test(c)) {
      // A dash after kana is a long vowel mark (データ, デ−タ): drop it; elsewhere it separates.
      if (prev !== '' && isKatakana(prev)) { drop(); continue; }
      out.push({ ch: BOUNDARY, s: u.s, e: u.e });
      continue;
    }
    if (c === '・' || /\s/.test(c)) {
      // Inside words (シェア・サイクル, キャッシュレス 決済) it is notation; between latin words a boundary.
      if (isLatinDigit(prev) && isLatinDigit(nextRaw)) out.push({ ch: BOUNDARY, s: u.s, e: u.e });
      continue;
    }
    if (/[0-9]/.test(c) || !isWordChar(c)) {
      out.push({ ch: BOUNDARY, s: u.s, e: u.e });
      continue;
    }
    out.push({ ch: c, s: u.s, e: u.e, syn: u.syn });
  }
  return collapse(out);
}

/** The normalised form of a word or phrase (how it is compared). */
export function normalizeNotation(text: string): string {
  return joinUnits(normaliseUnits(text));
}

// ---------------------------------------------------------------------------------------------
// Synonyms and stop phrases.

interface Lexicon {
  /** [normalised variant, group index], longest first. */
  variants: Array<[string, number]>;
  /** Normalised canonical form of each group. */
  canonical: string[];
  /** Groups before this index are the user's synonyms; after it, the fixed spelling variants. */
  userGroups: number;
  stops: string[];
}

function buildLexicon(synonyms: string[][]): Lexicon {
  const groups = [...synonyms, ...NOTATION_VARIANTS];
  const variants: Array<[string, number]> = [];
  const canonical: string[] = [];
  const seen = new Set<string>();
  groups.forEach((group, gi) => {
    const words = group.map((w) => String(w ?? '').trim()).filter((w) => w !== '');
    canonical.push(words.length > 0 ? normalizeNotation(words[0]) : '');
    for (const w of words) {
      const n = normalizeNotation(w);
      // The first group that lists a word wins; a word must not map to two meanings.
      if (n === '' || seen.has(n)) continue;
      seen.add(n);
      variants.push([n, gi]);
    }
  });
  variants.sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const stops = STOP_PHRASES.map(normalizeNotation).filter((s) => s !== '');
  stops.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return { variants, canonical, stops, userGroups: synonyms.length };
}

function matchesAt(text: string, at: number, word: string): boolean {
  if (!text.startsWith(word, at)) return false;
  // Latin words match whole words only (ai must not match inside mail).
  if (isLatinDigit(word[0]) && at > 0 && isLatinDigit(text[at - 1])) return false;
  const end = at + word.length;
  if (isLatinDigit(word[word.length - 1]) && end < text.length && isLatinDigit(text[end])) return false;
  return true;
}

function canonicalise(units: Unit[], lex: Lexicon): Unit[] {
  const text = joinUnits(units); // one char per unit at this stage
  const out: Unit[] = [];
  for (let i = 0; i < units.length; ) {
    let hit: [string, number] | undefined;
    for (const v of lex.variants) if (matchesAt(text, i, v[0])) { hit = v; break; }
    if (!hit) { out.push(units[i]); i++; continue; }
    const s = units[i].s;
    const e = units[i + hit[0].length - 1].e;
    for (const ch of lex.canonical[hit[1]]) out.push({ ch, s, e, syn: hit[1] });
    i += hit[0].length;
  }
  return out;
}

function removeStops(units: Unit[], lex: Lexicon): Unit[] {
  const text = joinUnits(units);
  const out: Unit[] = [];
  for (let i = 0; i < units.length; ) {
    // A synonym the user listed is never a stop phrase; a spelling variant (取り組み → 取組) may be.
    let stop = '';
    const syn = units[i].syn;
    if (syn === undefined || syn >= lex.userGroups) {
      for (const st of lex.stops) if (matchesAt(text, i, st)) { stop = st; break; }
    }
    if (stop === '') { out.push(units[i]); i++; continue; }
    out.push({ ch: BOUNDARY, s: units[i].s, e: units[i + stop.length - 1].e });
    i += stop.length;
  }
  return collapse(out);
}

function analyse(original: string, lex: Lexicon): NormText {
  const units = removeStops(canonicalise(normaliseUnits(original), lex), lex);
  return { original, units, text: joinUnits(units) };
}

// ---------------------------------------------------------------------------------------------
// Features and TF-IDF.

type Vec = Map<string, number>;

function addFeatures(norm: NormText, weight: number, into: Vec): void {
  for (const seg of norm.text.split(BOUNDARY)) {
    // Latin words are whole tokens; Japanese runs give character 2- and 3-grams.
    const runs = seg.match(/[a-z]+|[^a-z]+/g) ?? [];
    for (const run of runs) {
      const feats: string[] = [];
      if (/^[a-z]/.test(run)) {
        if (run.length >= 2) feats.push('w:' + run);
      } else if (run.length === 1) {
        feats.push('u:' + run);
      } else {
        for (let k = 0; k + 2 <= run.length; k++) feats.push('b:' + run.slice(k, k + 2));
        for (let k = 0; k + 3 <= run.length; k++) feats.push('t:' + run.slice(k, k + 3));
      }
      for (const f of feats) into.set(f, (into.get(f) ?? 0) + weight);
    }
  }
}

interface Doc {
  plan: Plan;
  name: NormText;
  indicators: NormText[];
  /** Normalised indicator wordings (for the "same wording" signal). */
  indicatorKeys: string[];
  /** Title parts (name split at brackets, ※ and 〜), normalised: the same part means the same undertaking. */
  titleParts: Array<{ key: string; label: string }>;
  /** Unit-length TF-IDF vector: feature ids ascending, with their weights. */
  fid: Int32Array;
  fw: Float64Array;
}

interface SimilarityIndex {
  docs: Doc[];
  idf: Map<string, number>;
  lex: Lexicon;
  features: number;
}

function indicatorNames(plan: Plan): string[] {
  const names: string[] = [];
  for (const ind of plan.indicators ?? []) {
    const n = String(ind.name ?? '').trim();
    if (n !== '' && !NO_INDICATOR.test(n)) names.push(n);
  }
  return names;
}

function titleParts(name: string, lex: Lexicon): Array<{ key: string; label: string }> {
  const out: Array<{ key: string; label: string }> = [];
  // Notes (※, 【再掲】, (新)) and brackets separate the parts of a name.
  const cleaned = name.normalize('NFKC').replace(ANNOTATION_RE, '|');
  for (const part of cleaned.split(/[|【】()「」『』\[\]〜~]/)) {
    // Same spelling (notation only), and more than stop phrases: オープンデータの推進 ≠ オープンデータの活用促進.
    const key = normalizeNotation(part).replace(/ /g, '');
    const content = analyse(part, lex).text.replace(/ /g, '');
    if (key.length >= 4 && content.length >= 2 && !out.some((o) => o.key === key)) out.push({ key, label: displayForm(part.trim()) });
  }
  return out;
}

function sameTitlePart(a: Doc, b: Doc): string | undefined {
  for (const p of a.titleParts) if (b.titleParts.some((q) => q.key === p.key)) return p.label;
  return undefined;
}

/** Builds TF-IDF vectors for all plans (IDF over all of them, ended ones included). */
function buildIndex(plans: Plan[], synonyms: string[][]): SimilarityIndex {
  const lex = buildLexicon(synonyms);
  const staged = plans.map((plan) => {
    const name = analyse(String(plan.name ?? ''), lex);
    const inds = indicatorNames(plan).map((n) => analyse(n, lex));
    const tf: Vec = new Map();
    addFeatures(name, 1, tf);
    // Several indicators share the indicator weight, so a plan with many does not drown its name.
    const w = inds.length > 0 ? INDICATOR_WEIGHT / Math.sqrt(inds.length) : 0;
    for (const ind of inds) addFeatures(ind, w, tf);
    return {
      plan, name, indicators: inds,
      indicatorKeys: inds.map((i) => i.text.replace(/ /g, '')).filter((k) => k.length >= 3),
      titleParts: titleParts(String(plan.name ?? ''), lex),
      tf,
    };
  });
  const df = new Map<string, number>();
  for (const d of staged) for (const f of d.tf.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const n = staged.length;
  const idf = new Map<string, number>();
  const ids = new Map<string, number>();
  // Feature ids in sorted feature order: independent of the input order.
  [...df.keys()].sort().forEach((f, k) => ids.set(f, k));
  for (const [f, c] of df) idf.set(f, Math.log((n + 1) / (c + 1)) + 1);
  const docs: Doc[] = staged.map(({ tf, ...rest }) => {
    const entries = [...tf.entries()].map(([f, t]): [number, number] => {
      // Sublinear tf: a word repeated in a plan's indicators should not dominate it.
      const v = (t > 1 ? 1 + Math.log(t) : t) * (idf.get(f) as number);
      return [ids.get(f) as number, v];
    }).sort((x, y) => x[0] - y[0]);
    let norm = 0;
    for (const [, v] of entries) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return { ...rest, fid: Int32Array.from(entries.map((e) => e[0])), fw: Float64Array.from(entries.map((e) => e[1] / norm)) };
  });
  return { docs, idf, lex, features: ids.size };
}

/** Dot product of two unit vectors (merge of two sorted id lists). */
function cosine(a: Doc, b: Doc): number {
  let i = 0, j = 0, s = 0;
  const ai = a.fid, bi = b.fid;
  while (i < ai.length && j < bi.length) {
    if (ai[i] === bi[j]) { s += a.fw[i] * b.fw[j]; i++; j++; }
    else if (ai[i] < bi[j]) i++;
    else j++;
  }
  return s;
}

function sameIndicatorWording(a: Doc, b: Doc): string | undefined {
  for (const k of a.indicatorKeys) if (b.indicatorKeys.includes(k)) return k;
  return undefined;
}

export interface PairScore {
  a: string;
  b: string;
  /** Final score: text similarity plus structural bonuses, 0..1. */
  score: number;
  /** Cosine of the TF-IDF vectors alone. */
  text: number;
}

/** Final score of a pair: text similarity plus the structural bonuses, capped at 1. */
function pairScoreValue(a: Doc, b: Doc, text: number): number {
  let bonus = 0;
  if (text >= MIN_TEXT_FOR_BONUS) {
    if (a.plan.measureCode && a.plan.measureCode === b.plan.measureCode) bonus += BONUS_SAME_MEASURE;
    if (a.plan.mainDept && a.plan.mainDept === b.plan.mainDept) bonus += BONUS_SAME_DEPT;
    if (sameIndicatorWording(a, b) !== undefined) bonus += BONUS_SAME_INDICATOR;
    if (sameTitlePart(a, b) !== undefined) bonus += BONUS_SAME_TITLE;
  }
  return Math.min(1, text + bonus);
}

function pairScore(a: Doc, b: Doc): PairScore {
  const text = cosine(a, b);
  return { a: a.plan.id, b: b.plan.id, score: pairScoreValue(a, b, text), text };
}

// ---------------------------------------------------------------------------------------------
// Eligibility and clustering.

/** Plans already merged or ended are never proposed again. */
export function isMergeCandidate(plan: Plan): boolean {
  if (plan.mergedInto && String(plan.mergedInto).trim() !== '') return false;
  return plan.status !== '統合済' && plan.status !== '完了' && plan.status !== '中止';
}

export interface MergeGroup {
  /** Stable within one result: 'G-1', 'G-2' … in the order returned. */
  id: string;
  /** Member plan IDs, sorted. */
  planIds: string[];
  /**
   * Average similarity over the member pairs, 0..1, 3 decimals: all pairs for groups of up to 63
   * plans, a fixed evenly spread sample of 2,000 pairs for larger ones.
   */
  score: number;
  /** Why these plans look alike, in Japanese, most telling first. */
  reasons: string[];
  /** Member pairs with score and reasons, best first (all pairs for groups of up to 10 plans). */
  pairs: Array<PairScore & { reasons: string[] }>;
  /** Distinct 基本目標 of the members; more than one means the goal is a deliberate choice. */
  goalCodes: string[];
  goalChoiceNeeded: boolean;
}

export interface SuggestOptions {
  /** Synonym groups (Settings.synonyms; fall back to DEFAULT_SYNONYMS when the sheet has none). */
  synonyms: string[][];
  /** Minimum average similarity for a group (default DEFAULT_MIN_SCORE). */
  minScore?: number;
}

const byId = (a: Plan, b: Plan) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;
/** Pairs listed (with reasons) per group: all pairs of a group of up to 10 plans. */
const MAX_PAIRS = 45;
/**
 * Partners kept per plan. A group is built from its plans' closest partners: keeping each plan's
 * 20 best partners (a pair stays when either of its plans keeps it) gives the same groups on the
 * labelled set as keeping every related pair, with memory linear in the number of plans.
 */
export const TOP_K = 20;
/**
 * Pairs scored for a group's average: every pair up to this many (groups of up to 63 plans);
 * larger groups average a fixed, evenly spread sample of this size.
 */
const SCORE_PAIR_BUDGET = 2000;

/**
 * Each plan's k best partners: a min-heap per plan in flat typed arrays (the root is the worst
 * kept partner). Order: higher score first, then the smaller plan index, so the kept set does not
 * depend on the order pairs are offered in.
 */
class TopPartners {
  private readonly score: Float64Array;
  private readonly other: Int32Array;
  private readonly count: Int32Array;
  constructor(n: number, private readonly k: number) {
    this.score = new Float64Array(n * k);
    this.other = new Int32Array(n * k);
    this.count = new Int32Array(n);
  }
  /** Whether partner j scoring at most `most` could still enter i's list. */
  mayEnter(i: number, j: number, most: number): boolean {
    if (this.count[i] < this.k) return true;
    const w = this.score[i * this.k];
    return most > w || (most === w && j < this.other[i * this.k]);
  }
  private worse(p: number, q: number): boolean {
    const s = this.score, o = this.other;
    return s[p] < s[q] || (s[p] === s[q] && o[p] > o[q]);
  }
  private swap(p: number, q: number): void {
    const s = this.score, o = this.other;
    const ts = s[p]; s[p] = s[q]; s[q] = ts;
    const to = o[p]; o[p] = o[q]; o[q] = to;
  }
  offer(i: number, j: number, score: number): void {
    const base = i * this.k, s = this.score, o = this.other;
    const c = this.count[i];
    if (c < this.k) {
      s[base + c] = score; o[base + c] = j;
      this.count[i] = c + 1;
      for (let x = c; x > 0; ) {
        const p = (x - 1) >> 1;
        if (!this.worse(base + x, base + p)) break;
        this.swap(base + x, base + p);
        x = p;
      }
      return;
    }
    if (score < s[base] || (score === s[base] && j > o[base])) return;
    s[base] = score; o[base] = j;
    for (let x = 0; ; ) {
      const l = 2 * x + 1, r = l + 1;
      let m = x;
      if (l < c && this.worse(base + l, base + m)) m = l;
      if (r < c && this.worse(base + r, base + m)) m = r;
      if (m === x) return;
      this.swap(base + x, base + m);
      x = m;
    }
  }
  has(i: number, j: number): boolean {
    const base = i * this.k;
    for (let x = 0; x < this.count[i]; x++) if (this.other[base + x] === j) return true;
    return false;
  }
  /** Every pair kept by either plan, once, as [smaller index, larger index, score], sorted. */
  pairs(): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = [];
    for (let i = 0; i < this.count.length; i++) {
      const base = i * this.k;
      for (let x = 0; x < this.count[i]; x++) {
        const j = this.other[base + x];
        if (j > i) out.push([i, j, this.score[base + x]]);
        else if (!this.has(j, i)) out.push([j, i, this.score[base + x]]);
      }
    }
    return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  }
}

/** A pair of clusters (a < b): the sum of its plan-pair scores and its average linkage. */
interface Link {
  a: number;
  b: number;
  sum: number;
  avg: number;
  /** Position in the heap, -1 when not in it (average under the threshold). */
  pos: number;
}

/**
 * Max-heap of links by average. A link is in it at most once, moved in place when its average
 * changes and taken out when its cluster joins another, so the heap never fills with stale
 * entries: its size is the number of live links at or above the threshold. Ties break on the
 * smaller cluster indices (deterministic).
 */
class LinkHeap {
  private readonly h: Link[] = [];
  private before(x: Link, y: Link): boolean {
    return x.avg > y.avg || (x.avg === y.avg && (x.a < y.a || (x.a === y.a && x.b < y.b)));
  }
  private place(e: Link, i: number): void {
    this.h[i] = e;
    e.pos = i;
  }
  private up(e: Link): void {
    let i = e.pos;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(e, this.h[p])) break;
      this.place(this.h[p], i);
      i = p;
    }
    this.place(e, i);
  }
  private down(e: Link): void {
    const h = this.h, n = h.length;
    let i = e.pos;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = e;
      if (l < n && this.before(h[l], m)) m = h[l];
      if (r < n && this.before(h[r], m)) m = h[r];
      if (m === e) break;
      const at = m.pos;
      this.place(m, i);
      i = at;
    }
    this.place(e, i);
  }
  /** Inserts the link or moves it to where its (new) average belongs. */
  update(e: Link): void {
    if (e.pos < 0) {
      e.pos = this.h.length;
      this.h.push(e);
    }
    this.up(e);
    this.down(e);
  }
  remove(e: Link): void {
    if (e.pos < 0) return;
    const last = this.h.pop() as Link;
    if (last !== e) {
      this.place(last, e.pos);
      this.up(last);
      this.down(last);
    }
    e.pos = -1;
  }
  pop(): Link | undefined {
    const top = this.h[0];
    if (top !== undefined) this.remove(top);
    return top;
  }
}

/**
 * Average-linkage clustering: repeatedly merge the two clusters whose average pair score is the
 * highest, until it falls below minScore. Pair scores are sparse (each plan's best partners above
 * half the threshold); other pairs count as 0, which keeps memory linear in the plans and only
 * makes averages a little more conservative. Each merge updates only the links the absorbed
 * cluster brings; the others' averages only fall and are corrected lazily when they reach the
 * top of the heap: O(E log E) for E kept pairs, E ≤ n × TOP_K.
 */
function cluster(n: number, pairs: Array<[number, number, number]>, minScore: number): number[][] {
  const nb: Array<Map<number, Link>> = [];
  for (let i = 0; i < n; i++) nb.push(new Map());
  const heap = new LinkHeap();
  for (const [a, b, v] of pairs) {
    const e: Link = { a, b, sum: v, avg: v, pos: -1 };
    nb[a].set(b, e);
    nb[b].set(a, e);
    if (v >= minScore) heap.update(e);
  }
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  // Members as linked lists: joining is O(1); each group is sorted once at the end.
  const next = new Int32Array(n).fill(-1);
  const tail = Int32Array.from({ length: n }, (_, i) => i);
  for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
    // A link's average in the heap is an upper bound: when a cluster grows, its links that the
    // merge did not touch only go down, so they are corrected when they reach the top.
    const avg = top.sum / (size[top.a] * size[top.b]);
    if (avg < top.avg) {
      top.avg = avg;
      if (avg >= minScore) heap.update(top);
      continue;
    }
    const k = top.a, l = top.b;
    // l joins k: sums of pair scores add up; l's links become k's.
    nb[k].delete(l);
    size[k] += size[l];
    const changed: Link[] = [];
    for (const [r, el] of nb[l]) {
      if (r === k) continue;
      nb[r].delete(l);
      const ek = nb[k].get(r);
      if (ek !== undefined) {
        ek.sum += el.sum;
        heap.remove(el);
        changed.push(ek);
      } else {
        el.a = k < r ? k : r;
        el.b = k < r ? r : k;
        nb[k].set(r, el);
        nb[r].set(k, el);
        changed.push(el);
      }
    }
    nb[l].clear();
    active[l] = 0;
    next[tail[k]] = l;
    tail[k] = tail[l];
    // The links l brought have new sums: their averages are recomputed now (up or down).
    for (const e of changed) {
      e.avg = e.sum / (size[e.a] * size[e.b]);
      if (e.avg >= minScore) heap.update(e);
      else heap.remove(e);
    }
  }
  const out: number[][] = [];
  for (let k = 0; k < n; k++) {
    if (!active[k] || size[k] < 2) continue;
    const members: number[] = [];
    for (let x = k; x !== -1; x = next[x]) members.push(x);
    out.push(members.sort((x, y) => x - y));
  }
  return out;
}

/**
 * Same TF-IDF vector and same structural signs (copied or listed-again rows): any plan of one
 * such class scores exactly alike with any plan of another, so a score is computed per class pair.
 */
function sameScoring(a: Doc, b: Doc): boolean {
  if (a.fid.length !== b.fid.length) return false;
  for (let x = 0; x < a.fid.length; x++) if (a.fid[x] !== b.fid[x] || a.fw[x] !== b.fw[x]) return false;
  return (a.plan.measureCode ?? '') === (b.plan.measureCode ?? '') && (a.plan.mainDept ?? '') === (b.plan.mainDept ?? '')
    && a.indicatorKeys.join('\n') === b.indicatorKeys.join('\n')
    && a.titleParts.map((t) => t.key).join('\n') === b.titleParts.map((t) => t.key).join('\n');
}

/** Plans grouped by sameScoring, each list ascending; lists ordered by their first plan. */
function scoreClasses(docs: Doc[]): number[][] {
  const byHash = new Map<number, number[][]>();
  const classes: number[][] = [];
  docs.forEach((d, i) => {
    let h = d.fid.length;
    for (let x = 0; x < d.fid.length; x++) h = (Math.imul(h, 31) + d.fid[x] + Math.round(d.fw[x] * 1e6)) | 0;
    const bucket = byHash.get(h) ?? [];
    const same = bucket.find((c) => sameScoring(docs[c[0]], d));
    if (same) { same.push(i); return; }
    const c = [i];
    bucket.push(c);
    byHash.set(h, bucket);
    classes.push(c);
  });
  return classes;
}

/**
 * Each plan's TOP_K best partners scoring at least `floor`, via an inverted index (only plans
 * sharing a feature are compared). Dot products are computed once per pair of distinct vectors,
 * so copies of a plan cost a comparison each, not a pass over their features. Returns the kept
 * pairs as [i, j, score], i < j.
 */
function candidatePairs(docs: Doc[], features: number, floor: number, k = TOP_K): Array<[number, number, number]> {
  const classes = scoreClasses(docs);
  const reps = classes.map((c) => docs[c[0]]);
  // Inverted index over distinct vectors: for each feature, the classes (ascending) and weights.
  const count = new Int32Array(features);
  for (const d of reps) for (const f of d.fid) count[f]++;
  const postDoc: Int32Array[] = [];
  const postW: Float64Array[] = [];
  for (let f = 0; f < features; f++) { postDoc.push(new Int32Array(count[f])); postW.push(new Float64Array(count[f])); }
  const fill = new Int32Array(features);
  reps.forEach((d, u) => {
    for (let x = 0; x < d.fid.length; x++) {
      const f = d.fid[x];
      postDoc[f][fill[f]] = u;
      postW[f][fill[f]] = d.fw[x];
      fill[f]++;
    }
  });
  const best = new TopPartners(docs.length, k);
  // Bonuses add at most MAX_BONUS, so a pair whose text is below floor − MAX_BONUS can never reach floor.
  const textFloor = Math.max(MIN_TEXT_FOR_BONUS, floor - MAX_BONUS);
  const consider = (i: number, j: number, score: number) => {
    if (!best.mayEnter(i, j, score) && !best.mayEnter(j, i, score)) return;
    best.offer(i, j, score);
    best.offer(j, i, score);
  };
  // Copies among themselves first: their lists fill with their best partners early, so most
  // pairs with other plans are then skipped.
  classes.forEach((c, u) => {
    if (c.length < 2) return;
    const d = reps[u];
    let text = 0;
    for (let x = 0; x < d.fw.length; x++) text += d.fw[x] * d.fw[x];
    if (text < textFloor) return;
    const score = pairScoreValue(d, d, text);
    if (score < floor) return;
    for (let p = 0; p < c.length; p++) for (let q = p + 1; q < c.length; q++) consider(c[p], c[q], score);
  });
  // Whether no plan of class c could take a partner scoring `score` whose index is at least `from`.
  const closed = (c: number[], from: number, score: number) => c.every((i) => !best.mayEnter(i, from, score));
  const acc = new Float64Array(reps.length);
  const touched: number[] = [];
  for (let u = 0; u < reps.length; u++) {
    const d = reps[u];
    for (let x = 0; x < d.fid.length; x++) {
      const pd = postDoc[d.fid[x]], pw = postW[d.fid[x]], v = d.fw[x];
      for (let q = pd.length - 1; q >= 0 && pd[q] > u; q--) {
        const w = pd[q];
        if (acc[w] === 0) touched.push(w);
        acc[w] += v * pw[q];
      }
    }
    for (const w of touched) {
      const text = acc[w];
      acc[w] = 0;
      if (text < textFloor) continue;
      const score = pairScoreValue(d, reps[w], text);
      if (score < floor) continue;
      const cu = classes[u], cw = classes[w];
      if (cu.length === 1 && cw.length === 1) {
        consider(cu[0], cw[0], score);
        continue;
      }
      // Whole blocks of copies whose lists are already better than this score (ties go to the
      // smaller index, so each side is checked against the other's first plan).
      if (closed(cu, cw[0], score) && closed(cw, cu[0], score)) continue;
      for (const i of cu) for (const j of cw) consider(i < j ? i : j, i < j ? j : i, score);
    }
    touched.length = 0;
  }
  return best.pairs();
}

/** Eligible plans in the order the search numbers them (by ID, repeated IDs once), and their index. */
function prepare(plans: Plan[], opts: SuggestOptions): { minScore: number; index: SimilarityIndex; eligible: Doc[] } {
  // A threshold near 0 would group everything with everything: keep it in a sensible range.
  const minScore = typeof opts.minScore === 'number' && Number.isFinite(opts.minScore)
    ? Math.min(1, Math.max(0.05, opts.minScore)) : DEFAULT_MIN_SCORE;
  const seen = new Set<string>();
  const sorted = plans
    .filter((p) => p && typeof p.id === 'string' && p.id.trim() !== '')
    .slice()
    .sort(byId)
    // A repeated ID (parsed twice) counts once: its first occurrence.
    .filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
  const index = buildIndex(sorted, opts.synonyms ?? []);
  return { minScore, index, eligible: index.docs.filter((d) => isMergeCandidate(d.plan)) };
}

/**
 * For tests: the pairs the search keeps with k partners per plan, and every eligible pair's score
 * by brute force (O(n²), small inputs only), both as [plan ID, plan ID, score] in search order.
 */
export function pairSearchForTest(plans: Plan[], opts: SuggestOptions, k: number): {
  ids: string[]; floor: number; kept: Array<[string, string, number]>; all: Array<[string, string, number]>;
} {
  const { minScore, index, eligible } = prepare(plans, opts);
  const id = (i: number) => eligible[i].plan.id;
  const kept = candidatePairs(eligible, index.features, minScore / 2, k)
    .map(([i, j, v]): [string, string, number] => [id(i), id(j), v]);
  const all: Array<[string, string, number]> = [];
  for (let i = 0; i < eligible.length; i++) {
    for (let j = i + 1; j < eligible.length; j++) all.push([id(i), id(j), pairScore(eligible[i], eligible[j]).score]);
  }
  return { ids: eligible.map((d) => d.plan.id), floor: minScore / 2, kept, all };
}

/**
 * Groups of similar plans worth merging. Plans merged already or ended are left out.
 * Cost: normalising and indexing is linear in the text; related pairs come from an inverted
 * index (each plan meets only the plans sharing one of its n-grams) and each plan keeps its
 * TOP_K best partners, so memory is O(n × TOP_K) and clustering O(n × TOP_K × log n); group
 * descriptions score at most SCORE_PAIR_BUDGET pairs per group. `npm run bench` measures it.
 */
export function suggestMerges(plans: Plan[], opts: SuggestOptions): MergeGroup[] {
  const { minScore, index, eligible } = prepare(plans, opts);
  const related = candidatePairs(eligible, index.features, minScore / 2);
  const clusters = cluster(eligible.length, related, minScore);
  // Kept pairs inside each group: the best pairs a description starts from.
  const groupOf = new Int32Array(eligible.length).fill(-1);
  clusters.forEach((members, g) => { for (const i of members) groupOf[i] = g; });
  const inside: Array<Array<[number, number]>> = clusters.map(() => []);
  for (const [i, j] of related) if (groupOf[i] !== -1 && groupOf[i] === groupOf[j]) inside[groupOf[i]].push([i, j]);
  const position = new Map<number, number>();
  for (const members of clusters) members.forEach((i, x) => position.set(i, x));
  const groups: MergeGroup[] = clusters.map((members, g) => describeGroup(
    members.map((i) => eligible[i]),
    inside[g].map(([i, j]): [number, number] => [position.get(i) as number, position.get(j) as number]),
    index,
  ));
  groups.sort((a, b) => b.score - a.score || (a.planIds[0] < b.planIds[0] ? -1 : 1));
  groups.forEach((g, k) => { g.id = `G-${k + 1}`; });
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Reasons (Japanese).

interface SharedTerm {
  /** As typed in the first plan; with "≈ other spelling" when the second plan wrote it otherwise. */
  label: string;
  key: string;
  weight: number;
  viaSynonym: boolean;
}

/** Text as shown in reasons: PDF radicals and full-width forms folded (⾼齢者 → 高齢者). */
function displayForm(text: string): string {
  return Array.from(text).map((c) => RADICALS[c] ?? c).join('').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function displaySpan(norm: NormText, from: number, to: number): string {
  // from/to index the joined text, which has one char per unit. A particle left at the end
  // (手続きの) is not part of the word.
  return displayForm(norm.original.slice(norm.units[from].s, norm.units[to - 1].e))
    .replace(/(?<=[\p{Script=Han}\p{Script=Katakana}ー])[をにへとやがはでもな]$|(?<=..)の$/u, '');
}

function segmentsOf(norm: NormText): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let start = 0;
  for (const seg of norm.text.split(BOUNDARY)) {
    out.push({ start, text: seg });
    start += seg.length + 1;
  }
  return out;
}

/** Maximal common substrings (≥ 2 chars) of the normalised texts, weighted by n-gram IDF. */
function sharedTerms(a: NormText[], b: NormText[], idf: Map<string, number>): SharedTerm[] {
  const found = new Map<string, SharedTerm>();
  for (const na of a) {
    for (const nb of b) {
      for (const sa of segmentsOf(na)) {
        for (const sb of segmentsOf(nb)) {
          const x = sa.text, y = sb.text;
          if (x.length < 2 || y.length < 2) continue;
          // Longest-common-substring table; keep the maximal matches.
          const L: number[][] = Array.from({ length: x.length + 1 }, () => new Array(y.length + 1).fill(0));
          for (let i = 1; i <= x.length; i++) {
            for (let j = 1; j <= y.length; j++) {
              if (x[i - 1] === y[j - 1]) L[i][j] = L[i - 1][j - 1] + 1;
            }
          }
          for (let i = 1; i <= x.length; i++) {
            for (let j = 1; j <= y.length; j++) {
              const len = L[i][j];
              if (len < 2) continue;
              const extends_ = i < x.length && j < y.length && x[i] === y[j];
              if (extends_) continue;
              const key = x.slice(i - len, i);
              if (found.has(key)) continue;
              const isLatin = /^[a-z]+$/.test(key);
              // Latin matches must be whole words.
              if (isLatin && ((i - len > 0 && /[a-z]/.test(x[i - len - 1])) || (i < x.length && /[a-z]/.test(x[i])))) continue;
              let weight = 0;
              if (isLatin) weight = idf.get('w:' + key) ?? 0;
              else for (let k = 0; k + 2 <= key.length; k++) weight += idf.get('b:' + key.slice(k, k + 2)) ?? 0;
              const fromA = sa.start + i - len, fromB = sb.start + j - len;
              const la = displaySpan(na, fromA, fromA + len);
              const lb = displaySpan(nb, fromB, fromB + len);
              // Spelled alike once normalised: a shared word; spelled otherwise: matched through synonyms.
              const same = normalizeNotation(la) === normalizeNotation(lb);
              found.set(key, { key, weight, viaSynonym: !same, label: same ? `「${la}」` : `「${la}」≈「${lb}」` });
            }
          }
        }
      }
    }
  }
  // Drop terms contained in a heavier one (見守 inside 見守り).
  const all = [...found.values()].sort((p, q) => q.weight - p.weight || (p.key < q.key ? -1 : 1));
  const kept = all.filter((t, k) => !all.slice(0, k).some((u) => u.key.includes(t.key)));
  return kept.filter((t, k) => !kept.slice(0, k).some((u) => u.label === t.label));
}

interface Evidence {
  terms: SharedTerm[];
  indicator?: string;
  title?: string;
}

function evidence(a: Doc, b: Doc, idf: Map<string, number>): Evidence {
  const indicator = sameIndicatorWording(a, b);
  const shown = a.indicators.find((i) => i.text.replace(/ /g, '') === indicator);
  const indicatorLabel = indicator === undefined ? undefined : displayForm(shown ? shown.original : indicator);
  // A term that is the whole shared indicator is said once, as the indicator.
  const terms = sharedTerms([a.name, ...a.indicators], [b.name, ...b.indicators], idf)
    .filter((t) => t.key.replace(/ /g, '') !== indicator)
    .slice(0, 3);
  return { terms, indicator: indicatorLabel, title: sameTitlePart(a, b) };
}

function pairReasons(a: Doc, b: Doc, ev: Evidence): string[] {
  const reasons: string[] = [];
  if (ev.title !== undefined) reasons.push(`事業名が同じ：「${ev.title}」（再掲・重複の可能性）`);
  const plain = ev.terms.filter((t) => !t.viaSynonym);
  const syn = ev.terms.filter((t) => t.viaSynonym);
  if (plain.length > 0) reasons.push(`共通する語：${plain.map((t) => t.label).join('、')}`);
  if (syn.length > 0) reasons.push(`類義語として同一視：${syn.map((t) => t.label).join('、')}`);
  if (ev.indicator !== undefined) reasons.push(`成果指標の表現が同じ：「${ev.indicator}」`);
  if (a.plan.measureCode && a.plan.measureCode === b.plan.measureCode) reasons.push(`同じ個別施策（${a.plan.measureCode}）`);
  if (a.plan.mainDept && a.plan.mainDept === b.plan.mainDept) reasons.push(`同じ主担当課（${a.plan.mainDept}）`);
  return reasons;
}

/** Plan IDs named in a reason: up to 10, then how many more (a large group would list hundreds). */
function idList(ids: string[]): string {
  return ids.length <= 10 ? ids.join('・') : `${ids.slice(0, 10).join('・')} ほか${ids.length - 10}件`;
}

/**
 * Pairs of a group of m plans whose scores make its average: all of them while they fit the budget,
 * else each plan with the next few (cyclically), a fixed sample spread evenly over the members.
 */
function averagedPairs(m: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if ((m * (m - 1)) / 2 <= SCORE_PAIR_BUDGET) {
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) out.push([i, j]);
    return out;
  }
  const step = Math.ceil(SCORE_PAIR_BUDGET / m);
  for (let i = 0; i < m; i++) {
    for (let d = 1; d <= step; d++) {
      const j = (i + d) % m;
      out.push(i < j ? [i, j] : [j, i]);
    }
  }
  return out;
}

/**
 * Reasons and score of a group. `ds` are the members sorted by ID; `kept` the pairs the search
 * kept inside the group (indices into ds): with the averaged pairs, where its best pairs are found.
 */
function describeGroup(ds: Doc[], kept: Array<[number, number]>, index: SimilarityIndex): MergeGroup {
  const all = ds.length;
  const pairs: MergeGroup['pairs'] = [];
  // Evidence per pair, gathered into "what, and which members" for the group.
  type Tally = { label: string; weight: number; ids: Set<string> };
  const tally = (m: Map<string, Tally>, key: string, label: string, weight: number, ...ids: string[]) => {
    const t = m.get(key) ?? { label, weight, ids: new Set<string>() };
    for (const id of ids) t.ids.add(id);
    m.set(key, t);
  };
  const plainTerms = new Map<string, Tally>();
  const synTerms = new Map<string, Tally>();
  const titles = new Map<string, Tally>();
  const indicators = new Map<string, Tally>();
  const scored = new Map<number, { i: number; j: number; ps: PairScore }>();
  let total = 0;
  const averaged = averagedPairs(all);
  for (const [i, j] of averaged) {
    const ps = pairScore(ds[i], ds[j]);
    total += ps.score;
    scored.set(i * all + j, { i, j, ps });
  }
  for (const [i, j] of kept) if (!scored.has(i * all + j)) scored.set(i * all + j, { i, j, ps: pairScore(ds[i], ds[j]) });
  // Best pairs first; reasons only for the first MAX_PAIRS (every pair of a group of up to 10).
  const best = [...scored.values()].sort((p, q) => q.ps.score - p.ps.score || p.i - q.i || p.j - q.j);
  for (const { i, j, ps } of best.slice(0, MAX_PAIRS)) {
    const a = ds[i], b = ds[j];
    const ev = evidence(a, b, index.idf);
    pairs.push({ a: a.plan.id, b: b.plan.id, score: round3(ps.score), text: round3(ps.text), reasons: pairReasons(a, b, ev) });
    for (const t of ev.terms) tally(t.viaSynonym ? synTerms : plainTerms, t.label, t.label, t.weight, a.plan.id, b.plan.id);
    if (ev.title !== undefined) tally(titles, ev.title, ev.title, 1, a.plan.id, b.plan.id);
    if (ev.indicator !== undefined) tally(indicators, ev.indicator, ev.indicator, 1, a.plan.id, b.plan.id);
  }
  const who = (t: Tally) => (t.ids.size === all ? '' : `（${idList([...t.ids].sort())}）`);
  const top = (m: Map<string, Tally>, n: number) => [...m.values()]
    .sort((p, q) => q.ids.size * q.weight - p.ids.size * p.weight || (p.label < q.label ? -1 : 1))
    .slice(0, n);

  const reasons: string[] = [];
  for (const t of top(titles, 2)) reasons.push(`事業名が同じ：「${t.label}」${who(t)}（再掲・重複の可能性）`);
  const plain = top(plainTerms, 4);
  if (plain.length > 0) reasons.push(`共通する語：${plain.map((t) => t.label + who(t)).join('、')}`);
  const syn = top(synTerms, 3);
  if (syn.length > 0) reasons.push(`類義語として同一視：${syn.map((t) => t.label + who(t)).join('、')}`);
  for (const t of top(indicators, 3)) reasons.push(`成果指標の表現が同じ：「${t.label}」${who(t)}`);
  const sameOf = (field: 'measureCode' | 'mainDept', label: string) => {
    const by = new Map<string, string[]>();
    for (const d of ds) {
      const v = d.plan[field];
      if (!v) continue;
      const ids = by.get(v);
      if (ids) ids.push(d.plan.id);
      else by.set(v, [d.plan.id]);
    }
    for (const [v, ids] of [...by.entries()].sort()) {
      if (ids.length >= 2) reasons.push(`${label}（${v}）${ids.length === all ? '' : `：${idList(ids)}`}`);
    }
  };
  sameOf('measureCode', '同じ個別施策');
  sameOf('mainDept', '同じ主担当課');
  const goalCodes = [...new Set(ds.map((d) => d.plan.goalCode).filter((g) => g))].sort();
  if (goalCodes.length > 1) {
    const parts = goalCodes.map((g) => `${g}（${idList(ds.filter((d) => d.plan.goalCode === g).map((d) => d.plan.id))}）`);
    reasons.push(`基本目標が異なります：${parts.join('、')}。統合プランの基本目標は委員の確認を経て選んでください`);
  }
  return {
    id: '',
    planIds: ds.map((d) => d.plan.id),
    score: round3(total / averaged.length),
    reasons,
    pairs,
    goalCodes,
    goalChoiceNeeded: goalCodes.length > 1,
  };
}

/** Synonym groups to use: the sheet's when it has any, else the defaults. */
export function effectiveSynonyms(fromSettings: string[][] | undefined): string[][] {
  const cleaned = (fromSettings ?? [])
    .map((g) => (g ?? []).map((w) => String(w ?? '').trim()).filter((w) => w !== ''))
    .filter((g) => g.length >= 2);
  return cleaned.length > 0 ? cleaned : DEFAULT_SYNONYMS;
}
