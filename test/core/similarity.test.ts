import fc from 'fast-check';
import type { Indicator, Plan, PlanStatus } from '../../src/core/model';
import {
  DEFAULT_MIN_SCORE,
  DEFAULT_SYNONYMS,
  effectiveSynonyms,
  isMergeCandidate,
  normalizeNotation,
  pairSearchForTest,
  suggestMerges,
  type MergeGroup,
} from '../../src/core/similarity';
import { evaluate, evaluateLabelled } from '../../src/local/eval-merge';
import { GOLD_GROUPS, HARD_NEGATIVES, LABELLED_PLANS } from '../fixtures/merge-labels';

let rowCounter = 2;
function plan(id: string, name: string, extra: Partial<Plan> & { indicatorNames?: string[] } = {}): Plan {
  const { indicatorNames = [], ...rest } = extra;
  const row = rowCounter;
  rowCounter += Math.max(1, indicatorNames.length);
  const indicators: Indicator[] = indicatorNames.map((n, k) => ({
    key: `${id}#${k + 1}`, planId: id, name: n, unit: '件', direction: 'up', accumulates: false,
    department: rest.mainDept ?? '', baseline: { value: { kind: 'empty', text: '' } },
    target: { value: { kind: 'empty', text: '' }, cumulative: false }, actuals: [], row: row + k, sheet: 'プラン・指標',
  }));
  return {
    id, name, policyCode: '1', goalCode: '1-1', measureCode: '', measureClass: '', mainDept: '', relatedDepts: [],
    status: '実施中', mergedInto: '', comment: '', indicators, row, sheet: 'プラン・指標', ...rest,
  };
}

const suggest = (plans: Plan[], minScore?: number, synonyms = DEFAULT_SYNONYMS) => suggestMerges(plans, { synonyms, minScore });
const groupOf = (groups: MergeGroup[], id: string) => groups.find((g) => g.planIds.includes(id));
const together = (groups: MergeGroup[], a: string, b: string) => {
  const g = groupOf(groups, a);
  return g !== undefined && g.planIds.includes(b);
};

describe('normalizeNotation: notation variants compare equal', () => {
  test.each([
    ['全角英数と半角', 'ＡＩドリルの活用', 'AIドリルの活用'],
    ['半角カナ（濁点つき）', 'ﾃﾞｼﾞﾀﾙ回数券', 'デジタル回数券'],
    ['スペース（半角・全角）', 'キャッシュレス 決済', 'キャッシュレス　決済'],
    ['スペースの有無', 'キャッシュレス 決済', 'キャッシュレス決済'],
    ['ひらがなとカタカナ', 'すかがわてくてく', 'スカガワテクテク'],
    ['長音符の有無', 'コンピューターの更新', 'コンピュータの更新'],
    ['長音符の代わりのマイナス記号', 'デ－タの公開', 'データの公開'],
    ['中点', 'シェア・サイクル', 'シェアサイクル'],
    ['括弧の種類', '公共施設予約（オンライン）', '公共施設予約(オンライン)'],
    ['再掲・新の注記', '（新）高齢者向けスマートフォン教室【再掲1-①(2)】', '高齢者向けスマートフォン教室'],
    ['PDFの部首文字（康熙部首）', '⾼齢者向けスマートフォン活⽤教室', '高齢者向けスマートフォン活用教室'],
    ['PDFの部首文字（CJK部首補助）', '市⺠サービス', '市民サービス'],
    ['小書きのカナ', 'ウェブ会議', 'ウエブ会議'],
  ])('%s: 「%s」=「%s」', (_label, a, b) => {
    expect(normalizeNotation(a)).toBe(normalizeNotation(b));
    expect(normalizeNotation(a)).not.toBe('');
  });

  test('different words stay different', () => {
    expect(normalizeNotation('電子申請')).not.toBe(normalizeNotation('電子入札'));
    expect(normalizeNotation('職員研修')).not.toBe(normalizeNotation('市民研修'));
  });
});

describe('suggestMerges: notation variants and synonyms', () => {
  test('plans written with different notations are grouped', () => {
    const plans = [
      plan('P-1', 'ｷｬｯｼｭﾚｽ決済の推進'),
      plan('P-2', 'キャッシュレス　決済の導入'),
      plan('P-3', '空き家バンクの運用'),
    ];
    const groups = suggest(plans);
    expect(groups).toHaveLength(1);
    expect(groups[0].planIds).toEqual(['P-1', 'P-2']);
  });

  test('hiragana and katakana spellings of the same name are grouped', () => {
    const plans = [plan('P-1', 'すかがわてくてくアプリの利用促進'), plan('P-2', 'スカガワテクテクアプリの普及'), plan('P-3', '粗大ごみの受付')];
    expect(together(suggest(plans), 'P-1', 'P-2')).toBe(true);
    expect(groupOf(suggest(plans), 'P-3')).toBeUndefined();
  });

  test('synonyms link words that share no characters, and only when listed', () => {
    const plans = [plan('P-1', 'キャッシュレス決済の推進'), plan('P-2', '電子マネーの導入'), plan('P-3', '観光情報の発信')];
    expect(together(suggest(plans), 'P-1', 'P-2')).toBe(true);
    expect(suggest(plans, undefined, [])).toHaveLength(0);
    const g = groupOf(suggest(plans), 'P-1') as MergeGroup;
    expect(g.reasons.join('\n')).toMatch(/類義語として同一視：「キャッシュレス決済」≈「電子マネー」/);
  });

  test('a user-edited synonym list (Settings.synonyms) is honoured, typed in any width', () => {
    const plans = [plan('P-1', 'ふるさと納税の推進'), plan('P-2', 'リターンギフトの充実'), plan('P-3', '避難所の開設')];
    expect(suggest(plans)).toHaveLength(0);
    const custom = [['ふるさと納税', 'ﾘﾀｰﾝｷﾞﾌﾄ']];
    expect(together(suggestMerges(plans, { synonyms: custom }), 'P-1', 'P-2')).toBe(true);
  });

  test('effectiveSynonyms falls back to the defaults only when the sheet has none', () => {
    expect(effectiveSynonyms(undefined)).toBe(DEFAULT_SYNONYMS);
    expect(effectiveSynonyms([[' '], []])).toBe(DEFAULT_SYNONYMS);
    expect(effectiveSynonyms([['電子化', ' デジタル化 ', '']])).toEqual([['電子化', 'デジタル化']]);
  });

  test('the default synonyms include the committee examples', () => {
    const flat = DEFAULT_SYNONYMS.map((g) => g.join('|'));
    expect(flat.some((g) => g.includes('キャッシュレス') && g.includes('電子決済') && g.includes('電子マネー'))).toBe(true);
    expect(flat.some((g) => g.includes('ペーパーレス') && g.includes('電子決裁'))).toBe(true);
    expect(flat.some((g) => g.includes('AI') && g.includes('チャットボット') && g.includes('生成AI'))).toBe(true);
  });

  test('stop phrases alone (の推進, の充実, 活用) do not make plans similar', () => {
    const plans = [plan('P-1', '観光情報の活用の推進'), plan('P-2', '防災無線の活用の推進'), plan('P-3', '図書館サービスの充実')];
    expect(suggest(plans)).toHaveLength(0);
  });

  test('a latin synonym does not match inside a longer word (AI in MAIL)', () => {
    const plans = [plan('P-1', 'AIチャットの導入'), plan('P-2', 'MAIL配信の導入')];
    expect(suggest(plans)).toHaveLength(0);
  });
});

describe('suggestMerges: who is proposed', () => {
  const statuses: PlanStatus[] = ['統合済', '完了', '中止'];
  test.each(statuses)('a plan with status %s is not proposed again', (status) => {
    const plans = [plan('P-1', 'キャッシュレス決済の推進'), plan('P-2', 'キャッシュレス決済の拡大', { status }), plan('P-3', 'キャッシュレス決済の導入')];
    const groups = suggest(plans);
    expect(groups.flatMap((g) => g.planIds)).not.toContain('P-2');
    expect(together(groups, 'P-1', 'P-3')).toBe(true);
  });

  test('a plan already merged (統合先 set) is not proposed again', () => {
    const plans = [plan('P-1', 'キャッシュレス決済の推進'), plan('P-2', 'キャッシュレス決済の拡大', { mergedInto: 'U-001' })];
    expect(suggest(plans)).toHaveLength(0);
    expect(isMergeCandidate(plans[1])).toBe(false);
  });

  test.each(['', '実施中', '未着手'] as PlanStatus[])('status 「%s」 is proposed', (status) => {
    const plans = [plan('P-1', 'キャッシュレス決済の推進', { status }), plan('P-2', 'キャッシュレス決済の拡大')];
    expect(together(suggest(plans), 'P-1', 'P-2')).toBe(true);
  });
});

describe('suggestMerges: groups and reasons', () => {
  test('groups are clusters of more than two plans, with Japanese reasons', () => {
    const plans = [
      plan('P-1', 'ペーパーレス会議の推進', { goalCode: '1-3', mainDept: '行政管理課', indicatorNames: ['ペーパーレス会議の実施割合'] }),
      plan('P-2', 'ペーパーレス化の推進', { goalCode: '1-3', mainDept: '行政管理課', indicatorNames: ['ペーパーレス会議の実施割合'] }),
      plan('P-3', '電子決裁の推進', { goalCode: '2-1', mainDept: '財政課', indicatorNames: ['電子決裁率'] }),
      plan('P-4', '空き家バンクの運用', { goalCode: '5-1', mainDept: '都市計画課' }),
    ];
    const groups = suggest(plans);
    expect(groups).toHaveLength(1);
    const g = groups[0];
    expect(g.planIds).toEqual(['P-1', 'P-2', 'P-3']);
    expect(g.id).toBe('G-1');
    expect(g.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    expect(g.pairs).toHaveLength(3);
    const reasons = g.reasons.join('\n');
    expect(reasons).toMatch(/共通する語：「ペーパーレス/);
    expect(reasons).toMatch(/類義語として同一視：.*電子決裁/);
    expect(reasons).toMatch(/成果指標の表現が同じ：「ペーパーレス会議の実施割合」（P-1・P-2）/);
    expect(reasons).toMatch(/同じ主担当課（行政管理課）：P-1・P-2/);
    expect(reasons).toMatch(/基本目標が異なります：1-3（P-1・P-2）、2-1（P-3）/);
    expect(g.goalCodes).toEqual(['1-3', '2-1']);
    expect(g.goalChoiceNeeded).toBe(true);
  });

  test('reasons quote the words as typed (long vowels, PDF radicals folded for display)', () => {
    const plans = [plan('P-1', 'オープンデータの公開'), plan('P-2', 'オ－プンデ－タの利⽤促進')];
    const g = suggest(plans)[0];
    expect(g.reasons[0]).toBe('共通する語：「オープンデータ」');
  });

  test('same 個別施策 is given as a reason', () => {
    const plans = [
      plan('P-1', 'オープンデータの公開', { measureCode: '3-1-1' }),
      plan('P-2', 'オープンデータの利用促進', { measureCode: '3-1-1' }),
    ];
    const g = suggest(plans)[0];
    expect(g.reasons.join('\n')).toMatch(/同じ個別施策（3-1-1）/);
    expect(g.goalChoiceNeeded).toBe(false);
  });

  test('a listed-again row (再掲) with the same title is recognised', () => {
    const plans = [
      plan('P-1', 'ICTインフラ整備事業 ※行政運営の効率化', { goalCode: '2' }),
      plan('P-2', 'ICTインフラ整備事業【再掲1-(1)】（書かない窓口）', { goalCode: '3' }),
    ];
    const g = suggest(plans)[0];
    expect(g.planIds).toEqual(['P-1', 'P-2']);
    expect(g.reasons[0]).toMatch(/事業名が同じ：「ICTインフラ整備事業」.*再掲/);
  });

  test('average linkage does not chain: A~B and B~C but A and C unrelated do not make one group', () => {
    const plans = [
      plan('A', 'キャッシュレス決済の推進'),
      plan('B', 'キャッシュレス決済と観光マップの連携'),
      plan('C', '観光マップの多言語化'),
    ];
    const groups = suggest(plans, 0.15);
    expect(groups.some((g) => g.planIds.includes('A') && g.planIds.includes('C'))).toBe(false);
  });

  test('placeholder indicators (指標の設定はありません) are not a shared wording', () => {
    const plans = [
      plan('P-1', '地域コミュニティの活性化', { indicatorNames: ['指標の設定はありません'] }),
      plan('P-2', '農業委員会サポートシステムの整備', { indicatorNames: ['指標の設定はありません'] }),
    ];
    expect(suggest(plans)).toHaveLength(0);
  });

  test('a higher threshold never yields more grouped pairs on the labelled set', () => {
    const pairs = (t: number) => suggest(LABELLED_PLANS, t).reduce((n, g) => n + (g.planIds.length * (g.planIds.length - 1)) / 2, 0);
    expect(pairs(0.5)).toBeLessThanOrEqual(pairs(0.3));
    expect(pairs(0.3)).toBeLessThanOrEqual(pairs(0.2));
  });
});

describe('suggestMerges: determinism', () => {
  test('same input, same output; input order does not matter', () => {
    const first = suggest(LABELLED_PLANS);
    expect(suggest(LABELLED_PLANS)).toEqual(first);
    expect(suggest([...LABELLED_PLANS].reverse())).toEqual(first);
  });

  test('property: for any subset in any order, groups are disjoint, eligible, sorted and order-independent', () => {
    const ids = LABELLED_PLANS.map((p) => p.id);
    fc.assert(
      fc.property(fc.shuffledSubarray(ids, { minLength: 2 }), fc.integer({ min: 10, max: 40 }), (subset, t) => {
        const plans = subset.map((id) => LABELLED_PLANS.find((p) => p.id === id) as Plan);
        const minScore = t / 100;
        const groups = suggest(plans, minScore);
        const seen = new Set<string>();
        for (const g of groups) {
          expect(g.planIds.length).toBeGreaterThanOrEqual(2);
          expect([...g.planIds].sort()).toEqual(g.planIds);
          expect(g.score).toBeGreaterThanOrEqual(minScore - 1e-3);
          expect(g.reasons.length).toBeGreaterThan(0);
          for (const id of g.planIds) {
            expect(seen.has(id)).toBe(false);
            seen.add(id);
            expect(isMergeCandidate(plans.find((p) => p.id === id) as Plan)).toBe(true);
          }
        }
        expect(suggest([...plans].sort((a, b) => (a.id < b.id ? 1 : -1)), minScore)).toEqual(groups);
      }),
      { numRuns: 25, seed: 20250401 },
    );
  });
});

describe('labelled set (test/fixtures/merge-labels.ts)', () => {
  test('has at least 40 public plans, and well-formed gold groups with reasoning', () => {
    expect(LABELLED_PLANS.length).toBeGreaterThanOrEqual(40);
    const ids = new Set(LABELLED_PLANS.map((p) => p.id));
    expect(ids.size).toBe(LABELLED_PLANS.length);
    const inGroup = new Set<string>();
    for (const g of GOLD_GROUPS) {
      expect(g.members.length).toBeGreaterThanOrEqual(2);
      expect(g.reasoning.length).toBeGreaterThan(40);
      for (const id of g.members) {
        expect(ids.has(id)).toBe(true);
        expect(inGroup.has(id)).toBe(false);
        inGroup.add(id);
      }
    }
    for (const n of HARD_NEGATIVES) for (const id of n.members) expect(ids.has(id)).toBe(true);
  });

  test('quality floor: pairwise precision, recall and F1 at the default threshold (measured 74.5% / 27.3% / 40.0%)', () => {
    const s = evaluateLabelled();
    expect(s.minScore).toBe(DEFAULT_MIN_SCORE);
    expect(s.precision).toBeGreaterThanOrEqual(0.7);
    expect(s.recall).toBeGreaterThanOrEqual(0.25);
    expect(s.f1).toBeGreaterThanOrEqual(0.37);
    // B-cubed (per plan) is less dominated by the largest gold group: measured 79.0%.
    expect(s.bcubed.f1).toBeGreaterThanOrEqual(0.76);
  });

  test('the default synonyms earn their place on the labelled set (F1 with them > without)', () => {
    const gold = GOLD_GROUPS.map((g) => g.members);
    expect(evaluate(LABELLED_PLANS, gold, DEFAULT_MIN_SCORE, DEFAULT_SYNONYMS).f1)
      .toBeGreaterThan(evaluate(LABELLED_PLANS, gold, DEFAULT_MIN_SCORE, []).f1 + 0.05);
  });
});

describe('suggestMerges at scale: each plan keeps its best partners only', () => {
  // Copies with new IDs (one row per department, copied sheets) make many equal scores: the
  // hardest case for a top-k search, so the reference below ranks by score, then plan order.
  const withCopies = (): Plan[] => {
    const out = [...LABELLED_PLANS];
    for (const base of LABELLED_PLANS.slice(0, 12)) {
      for (let c = 1; c <= 6; c++) out.push({ ...base, id: `${base.id}-C${c}`, mainDept: c % 2 === 0 ? base.mainDept : '別の課' });
    }
    return out;
  };

  test.each([3, 20])('the kept pairs are exactly each plan\'s %i best partners (brute force reference)', (k) => {
    const { ids, floor, kept, all } = pairSearchForTest(withCopies(), { synonyms: DEFAULT_SYNONYMS }, k);
    const order = new Map(ids.map((id, i) => [id, i]));
    const partners = new Map<string, Array<[string, number]>>();
    for (const [a, b, v] of all) {
      if (v < floor) continue;
      partners.set(a, [...(partners.get(a) ?? []), [b, v]]);
      partners.set(b, [...(partners.get(b) ?? []), [a, v]]);
    }
    const expected = new Map<string, number>();
    for (const [id, list] of partners) {
      list.sort((p, q) => q[1] - p[1] || (order.get(p[0]) as number) - (order.get(q[0]) as number));
      for (const [other, v] of list.slice(0, k)) {
        const key = (order.get(id) as number) < (order.get(other) as number) ? `${id}|${other}` : `${other}|${id}`;
        expected.set(key, v);
      }
    }
    expect(kept.length).toBe(expected.size);
    for (const [a, b, v] of kept) expect(v).toBeCloseTo(expected.get(`${a}|${b}`) as number, 12);
    // The limit binds on this input: some plan has more related partners than it keeps.
    expect(Math.max(...[...partners.values()].map((l) => l.length))).toBeGreaterThan(k);
  });

  test('a large group of copies is described from its best pairs, names at most 10 IDs per reason, and scores its average', () => {
    const base = LABELLED_PLANS.find((p) => p.id === 'SK-5-4') as Plan;
    const copies = Array.from({ length: 80 }, (_, c) => ({ ...base, id: `H-${String(c).padStart(3, '0')}`, goalCode: c < 40 ? '5' : '9' }));
    const groups = suggest(copies);
    const big = groups[0];
    // All 80 join (over 63 plans: the average comes from a sample of pairs).
    expect(big.planIds).toHaveLength(80);
    expect(big.pairs.length).toBeLessThanOrEqual(45);
    // Identical texts: every pair scores 1, so does a sample of them.
    expect(big.score).toBe(1);
    expect(big.pairs.every((p) => p.score === 1)).toBe(true);
    for (const r of big.reasons) expect((r.match(/H-\d{3}/g) ?? []).length).toBeLessThanOrEqual(20);
    expect(big.reasons.join('\n')).toMatch(/基本目標が異なります：5（H-000・.*ほか\d+件）/);
  });
});
