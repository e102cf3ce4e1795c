// Reading what departments write as text in a value cell (進行管理表 kept as prose):
//   「…を実施した。【実績】12回」, 「結果／目標 3／4箇所」, 「登録者数 9,813人（目標 10,000人）」,
//   「スマホ教室を12回開催した。」 → a figure, quoted with where it was read from;
//   「導入に向けて検討中」, 「システムを構築した」, 「未実施」 → a progress status, with the cue words.
// Never silent: every reading carries the quote (figure) or the words (status) that the
// add-on shows in a 警告 and in 集計結果, so that the 事務局 can accept or correct it.
// Rules and examples: docs/ratings.md §1.4. Pure: no Apps Script, no Node.

import { nfkc, squash } from './text';

/** Progress of a plan read from words (or typed): the vocabulary of the status → grade table. */
export type ProgressStatus = '実施済' | '実施中' | '検討中' | '未着手' | '中止';
export const PROGRESS_STATUSES: readonly ProgressStatus[] = ['実施済', '実施中', '検討中', '未着手', '中止'];

export interface FigureReading {
  value: number;
  unit: string;
  /** The words read, as typed: 「【実績】12回」. */
  quote: string;
  /** How it was found: 'label' (【実績】, 実績:, 結果/目標), 'single' (the only figure in the text), 'unit' (the only figure in the indicator's unit). */
  how: 'label' | 'single' | 'unit';
  /** A target written beside it (「（目標 10,000人）」, 「結果／目標 3／4箇所」). */
  target?: { value: number; unit: string; quote: string };
}

export interface StatusReading {
  status: ProgressStatus;
  /** Every cue word found, in text order; the last strong one decided. */
  cues: string[];
  decisive: string;
}

// Units a count or amount is written in. Longest first so that 千円 wins over 円.
const UNITS = [
  'アカウント', 'ポイント', 'ページ', 'か国語', 'ヶ国語', 'カ国語', '事業所', '事業者', '千円', '万円', '億円', '万人', '千人', '万件', '千件', '万回',
  '箇所', 'か所', 'ヵ所', 'ケ所', 'ヶ所', '世帯', '施設', '団体', '店舗', '企業', '種類', '業務', '手続', '時間', '日間', 'か月', 'ヶ月', '教室', '会場', '講座',
  '地区', '自治会', '件', '回', '人', '名', '校', '台', '社', '課', '種', '点', '冊', '本', '部', '枚', '日', '円', '%', '園', '館', '基', '局', '者', 'ID', 'GB',
].sort((a, b) => b.length - a.length);
const SCALE: Record<string, [number, string]> = {
  千円: [1e3, '円'], 万円: [1e4, '円'], 億円: [1e8, '円'], 万人: [1e4, '人'], 千人: [1e3, '人'], 万件: [1e4, '件'], 千件: [1e3, '件'], 万回: [1e4, '回'],
};
const PER = /^\/(年度|年|月)/;
const NUM = /[▲△-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[▲△-]?\d+(?:\.\d+)?/g;
// Numbers that are not figures: years, dates, ordinals, codes (1-2, ①), times of day.
const NOT_FIGURE_BEFORE = /(令和|平成|昭和|R|H|第|No\.?|NO\.?|№|#)\s*$/i;
const NOT_FIGURE_AFTER = /^\s*(年度?|月|日(?!間|数)|時(?!間)|期|次|号|条|段階|歳|才|階|番|か年|ヶ年|年間|-\d|‐|–)/;

interface Token { value: number; unit: string; start: number; end: number; text: string }

function tokens(s: string, hintUnit: string): Token[] {
  const out: Token[] = [];
  NUM.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUM.exec(s))) {
    const start = m.index;
    let end = start + m[0].length;
    const before = s.slice(Math.max(0, start - 4), start);
    if (NOT_FIGURE_BEFORE.test(before)) continue;
    if (/[\d.,]$/.test(s.slice(0, start))) continue;
    const rest = s.slice(end);
    if (NOT_FIGURE_AFTER.test(rest)) continue;
    const sp = /^\s?/.exec(rest)![0].length;
    const r = rest.slice(sp);
    let unit = '';
    if (hintUnit && r.startsWith(hintUnit)) unit = hintUnit;
    else unit = UNITS.find((u) => r.startsWith(u)) ?? '';
    if (!unit) continue; // a bare number in prose is too often something else (a code, a count of steps)
    end += sp + unit.length;
    const per = PER.exec(s.slice(end));
    if (per) {
      unit += per[0];
      end += per[0].length;
    }
    let value = Number(m[0].replace(/,/g, '').replace(/^[▲△]/, '-'));
    if (!Number.isFinite(value)) continue;
    const slash = unit.indexOf('/');
    const base = slash >= 0 ? unit.slice(0, slash) : unit;
    const scaled = SCALE[base];
    if (scaled && !(hintUnit && hintUnit === unit)) {
      value = Number((value * scaled[0]).toPrecision(12));
      unit = scaled[1] + (slash >= 0 ? unit.slice(slash) : '');
    }
    out.push({ value, unit, start, end, text: s.slice(start, end) });
  }
  return out;
}

const ACTUAL_LABEL = /(【\s*(実績値?|結果|成果|実施結果|達成値)\s*】|(実績値?|結果|達成値)\s*[:：]|(実績値?)\s+)/g;
const TARGET_LABEL = /(【\s*(目標値?|計画値?)\s*】|(目標値?|計画値?)\s*[:：]?\s*)/g;
const PAIR_LABEL = /(実績値?|結果)\s*[/／]\s*(目標値?|計画値?)/;

function quoteOf(s: string, from: number, to: number): string {
  const a = Math.max(0, from);
  const pre = a > 0 ? '…' : '';
  return `${pre}${s.slice(a, to).trim()}`;
}

/** The figure written in a text cell, or null (none, or several and none singled out). */
export function readFigure(original: string, hintUnit = ''): FigureReading | null {
  const s = squash(nfkc(original));
  const hint = hintUnit ? squash(nfkc(hintUnit)) : '';
  const toks = tokens(s, hint);
  if (toks.length === 0) return null;

  // 「結果／目標 3／4箇所」: a pair of labels, then a pair of numbers.
  const pair = PAIR_LABEL.exec(s);
  if (pair) {
    const re = /([▲△-]?\d[\d,]*(?:\.\d+)?)\s*[/／]\s*([▲△-]?\d[\d,]*(?:\.\d+)?)\s*([^\s\d、。()（）]{0,6})/g;
    re.lastIndex = pair.index + pair[0].length;
    const m = re.exec(s);
    if (m && m.index - (pair.index + pair[0].length) <= 12) {
      const unitText = m[3];
      const unit = (hint && unitText.startsWith(hint) ? hint : UNITS.find((u) => unitText.startsWith(u))) ?? '';
      const a = Number(m[1].replace(/,/g, ''));
      const t = Number(m[2].replace(/,/g, ''));
      if (Number.isFinite(a) && Number.isFinite(t)) {
        const quote = quoteOf(s, pair.index, m.index + m[0].length - (unitText.length - unit.length));
        return { value: a, unit, quote, how: 'label', target: { value: t, unit, quote } };
      }
    }
  }

  // Targets written beside the figure: 「（目標 10,000人）」, 「【目標】11,000人」.
  let target: FigureReading['target'];
  const targetIdx = new Set<number>();
  TARGET_LABEL.lastIndex = 0;
  let tm: RegExpExecArray | null;
  while ((tm = TARGET_LABEL.exec(s))) {
    const after = tm.index + tm[0].length;
    const tok = toks.find((k) => k.start >= after && k.start - after <= 3);
    if (tok) {
      targetIdx.add(tok.start);
      if (!target) target = { value: tok.value, unit: tok.unit, quote: quoteOf(s, tm.index, tok.end) };
    }
  }

  // A labelled actual: 「【実績】12回」, 「実績：12回」, 「【実績】講座開催 12回」.
  ACTUAL_LABEL.lastIndex = 0;
  let am: RegExpExecArray | null;
  while ((am = ACTUAL_LABEL.exec(s))) {
    const after = am.index + am[0].length;
    const bracketed = am[0].startsWith('【');
    const tok = toks.find((k) => !targetIdx.has(k.start) && k.start >= after && k.start - after <= (bracketed ? 20 : 2));
    if (tok) {
      const out: FigureReading = { value: tok.value, unit: tok.unit, quote: quoteOf(s, am.index, tok.end), how: 'label' };
      if (target) out.target = target;
      return out;
    }
  }

  const free = toks.filter((k) => !targetIdx.has(k.start));
  const pick = (k: Token, how: FigureReading['how']): FigureReading => {
    const out: FigureReading = { value: k.value, unit: k.unit, quote: quoteOf(s, k.start - 12, k.end), how };
    if (target) out.target = target;
    return out;
  };
  const distinct = new Map(free.map((k) => [`${k.value}|${k.unit}`, k]));
  if (distinct.size === 1) return pick(free[0], 'single');
  if (hint) {
    const inUnit = [...distinct.values()].filter((k) => k.unit === hint || k.unit.replace(PER, '') === hint.replace(PER, ''));
    if (inUnit.length === 1) return pick(inUnit[0], 'unit');
  }
  return null;
}

/** Several figures and none singled out: their texts, for the message. */
export function figuresIn(original: string, hintUnit = ''): string[] {
  const s = squash(nfkc(original));
  return [...new Set(tokens(s, hintUnit ? squash(nfkc(hintUnit)) : '').map((k) => k.text))];
}

type Cue = [RegExp, ProgressStatus];

// Strong cues: the last one in the text decides (Japanese puts the conclusion last:
// 「検討したが、実施には至っていない」 → 未着手; 「調査の上、システムを構築した」 → 実施済).
const STRONG: readonly Cue[] = [
  [/中止|廃止|休止|取りやめ|取り止め|見送/g, '中止'],
  [/未実施|未着手|未導入|未整備|未稼働|未開始|未定|実施していない|実施せず|行っていない|着手していない|至っていない|至らなかった|できなかった|実施できず|予定なし|実施予定|導入予定|着手予定|開始予定|予定である|予定です/g, '未着手'],
  [/検討|調査|研究|協議|情報収集|模索|試算|比較を/g, '検討中'],
  [/実施中|継続|運用中|推進中|進めている|進めています|取り組んでいる|取り組んでいます|取組中|進行中|準備中|構築中|導入中|整備中|開発中|作業中|移行中|対応中|稼働中|順次|一部|試行|実証|引き続き|拡大|拡充|実施している|実施しています|行っている|行っています|運用している|運用しています/g, '実施中'],
  [/実施済|実施した|実施しました|(?<!未)完了|開始した|開始しました|導入した|導入しました|導入済|構築した|構築しました|整備した|整備しました|整備済|開催した|開催しました|策定した|策定しました|(?<!未)達成|稼働した|稼働しました|公開した|公開しました|配布した|配布しました|設置した|設置しました|作成した|作成しました|発行した|発行しました|完成|リリース|運用開始|稼働開始|予算化|実現した|実現しました|終了した|終了しました|移行した|移行しました/g, '実施済'],
];
// Weak cues count only when no strong one is found: 「…を行った。」.
const WEAK: readonly Cue[] = [
  [/行った|行いました|した。|しました|した$|済み|済$/g, '実施済'],
];

/** The progress status a text reports, from cue words; null when there is none. */
export function readStatus(original: string): StatusReading | null {
  const s = squash(nfkc(original));
  const scan = (cues: readonly Cue[]) => {
    const found: { at: number; word: string; status: ProgressStatus }[] = [];
    for (const [re, status] of cues) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s))) found.push({ at: m.index + m[0].length, word: m[0], status });
    }
    return found.sort((a, b) => a.at - b.at);
  };
  let found = scan(STRONG);
  if (found.length === 0) found = scan(WEAK);
  if (found.length === 0) return null;
  const last = found[found.length - 1];
  return { status: last.status, cues: [...new Set(found.map((f) => f.word))], decisive: last.word };
}
