// Cumulative (積み上げ) or level (水準): whether an indicator's figure builds up during the fiscal
// year. It decides how a mid-year (中間) figure is judged: an accumulating count is compared with
// the share of the annual target expected by the as-of date, a level with the target itself.
//
// The rule reads the indicator's name and unit only (never the figures) and returns the cue it
// used, which 集計結果 shows next to the inferred kind so that the 事務局 can check and, where
// wrong, type 積み上げ / 水準 in 中間の見方. docs/ratings.md §3 lists the rule with examples; it is
// measured on real indicator names by `npm run eval:kind` (test/fixtures/kind-labels.ts).
//
// Order matters; the first matching step decides:
//  1. a rate or share (unit %, 率, 割合, 満足度, 平均 …, "…当たり") is a level;
//  2. "new …" and per-period wording (新規, 年間, 延べ, 件/年, 人/年度 …) accumulate;
//  3. things that exist at a point in time are levels: registrations and members to date
//     (登録者数, 会員数, フォロワー数), what is installed or provided (設置, 導入, 整備, 台数, 施設数,
//     業務数, 手続数, 種類, か国語), what is published or held (公開, 掲載数, 所蔵);
//     this wins over a multi-year total written as 累計 (サテライトオフィス設置 4箇所（累計）);
//  4. a multi-year total (3年間合計) accumulates;
//  5. counts of events, uses and people taking part accumulate: 件数/回数/者数 of 利用, 申請,
//     アクセス, 閲覧, 参加, 受講, 開催, 相談, 発生 …, hours of use or work, money saved or earned;
//  6. otherwise the unit decides: 回 (times) accumulates; anything else is a level.

import { isPerYearUnit, normalizeUnit } from './values';
import { norm } from './text';

export type IndicatorKind = 'flow' | 'level';

export interface KindGuess {
  accumulates: boolean;
  /** Japanese, short: the words or unit that decided, shown as 「積み上げ（推定: 「申請」）」. */
  cue: string;
  /** Japanese: the step of the rule (for messages, docs and npm run eval:kind). */
  why: string;
}

type Step = { re: RegExp; accumulates: boolean; why: string };

const RATE = /率|割合|比率|満足度|シェア|平均|指数|偏差値|順位|スコア|評価点|得点|達成度|認知度|進捗状況|整備状況|費用対効果/;
const PER_UNIT = /(当たり|あたり|当り|につき)/;

const FLOW_FIRST: readonly Step[] = [
  { re: /新規|新た(に|な)|年間|年度中|年度内|1年あたり|毎年|延べ|延人数|延利用|延日数/, accumulates: true, why: '年間・新規・延べの件数' },
];

// Things that exist at a point in time: the count to date, not what happened this year.
const STOCK: readonly Step[] = [
  { re: /登録者|登録数|登録企業|登録店舗|登録団体|会員|フォロワー|友だち|友達|加入者|加入数|契約者|契約数|保有|所有|所蔵|蔵書/, accumulates: false, why: '登録・会員など現在の数' },
  { re: /設置|導入|整備|配備|配置|構築|開設|実装|対応済|台数|箇所|拠点数|施設数|校数|学校数|店舗数|企業数|事業者数|事業所数|団体数|世帯数|戸数|課の|課数|部署数|業務数|業務件数|手続数|手続き数|手続の数|種類|種数|か国語|言語数|メニュー数|ID数|アカウント数|人材|職員数|支援員|有資格|認定数/, accumulates: false, why: '整備・導入済みの数' },
  { re: /公開している|公開した|公開数|公開件数|公開データ|データセット|掲載数|掲載件数|情報件数|文化財|コンテンツ数|化数$/, accumulates: false, why: '公開・掲載している数' },
];

const CUMULATIVE = /合計|累計|累積|通算|期間中|期間内/;

// Events, uses and people taking part: they add up over the year.
const FLOW: readonly Step[] = [
  { re: /利用|申請|申込|申し込み|受付|受理|相談|問い合わせ|問合せ|照会|閲覧|アクセス|訪問|ダウンロード|視聴|再生|検索|貸出|貸し出し|貸与|返却|予約|交付|発行|発信|配信|投稿|通報|処理|回答|提出|応募|寄附|寄付|納付|決済件数|販売|売上|生産額|出荷|削減額|効果額|節減|雇用|創出|創業|起業|就農|就漁|就職|移住|転入|定住|入込|来場|来館|入館|来訪|観光客|参加|受講|研修|講座|教室|開催|実施回数|実施件数|訓練|出動|発生|事故|事件|被害|マッチング|タイアップ|露出|寄贈|作成件数|執筆|展示|開館|貸出点数/, accumulates: true, why: '利用・申請・参加・開催など、年度内に増える件数' },
  { re: /作業時間|時間数|利用時間|稼働時間|削減時間|開館時間|日数/, accumulates: true, why: '年間の時間・日数' },
];

/**
 * Guess whether an indicator accumulates during the year, from its name and unit.
 * `cumulative`: the target is a multi-year total (3年間合計, 累計 …) as read from the name or target.
 */
export function inferKind(name: string, unit: string, cumulative = false): KindGuess {
  const n = norm(name).replace(/\s/g, '');
  const u = normalizeUnit(unit);
  const hit = (steps: readonly Step[]): KindGuess | null => {
    for (const s of steps) {
      const m = s.re.exec(n);
      if (m) return { accumulates: s.accumulates, cue: `「${m[0]}」`, why: s.why };
    }
    return null;
  };

  if (u === '%' || /^%/.test(u)) return { accumulates: false, cue: '単位「%」', why: '割合' };
  const rate = RATE.exec(n);
  if (rate) return { accumulates: false, cue: `「${rate[0]}」`, why: '割合・率・満足度などの水準' };
  const per = PER_UNIT.exec(n) ?? PER_UNIT.exec(u);
  if (per && !/年/.test(n.slice(Math.max(0, n.indexOf(per[0]) - 2), n.indexOf(per[0])))) {
    return { accumulates: false, cue: `「${per[0]}」`, why: '1つ当たりの水準' };
  }
  if (isPerYearUnit(u)) return { accumulates: true, cue: `単位「${u}」`, why: '年あたりの単位' };
  const first = hit(FLOW_FIRST);
  if (first) return first;
  const stock = hit(STOCK);
  if (stock) return stock;
  if (cumulative || CUMULATIVE.test(n)) return { accumulates: true, cue: '期間の合計', why: '複数年度の合計' };
  const flow = hit(FLOW);
  if (flow) return flow;
  if (/^回/.test(u) || /回数$/.test(n)) return { accumulates: true, cue: '単位「回」', why: '回数' };
  return { accumulates: false, cue: '該当する語なし', why: '年度内に増える件数を示す語がないため水準' };
}

/** Boolean form kept for callers that only need the kind (reader, tests). */
export function inferAccumulates(name: string, unit: string, cumulative: boolean): boolean {
  return inferKind(name, unit, cumulative).accumulates;
}
