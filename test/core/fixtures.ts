// Test fixture builders: model.ts objects built directly (no parser), and real indicators of
// seeds 002 and 004 (/work/shared/seeds) as the parser is expected to hand them over.

import type {
  Actual, Direction, HierarchyItem, Indicator, Parsed, Period, Plan, PlanStatus, ProgressData, QualState, Settings,
} from '../../src/core/model';
import { SHEETS } from '../../src/core/schema';

export function num(value: number, unit = '', text?: string, note?: string): Parsed {
  const p: Parsed = { kind: 'number', value, unit, text: text ?? `${value.toLocaleString('en-US')}${unit}` };
  if (note) p.note = note;
  return p;
}
export function state(s: QualState, text?: string): Parsed {
  return { kind: 'state', state: s, text: text ?? s };
}
export function mark(done: boolean): Parsed {
  return { kind: 'milestone', done, text: done ? '○' : '×' };
}
export function invalid(text: string, reason = '数値として読み取れません'): Parsed {
  return { kind: 'invalid', text, reason };
}
export const EMPTY: Parsed = { kind: 'empty', text: '' };
export const DASH: Parsed = { kind: 'empty', text: '—' };

/** 'R4' → year-end of 2022; 'R7中間' → mid-year of 2025; 'H29' → 2017. */
export function period(label: string): Period {
  const m = /^([RH])(\d+)(中間)?$/.exec(label);
  if (!m) throw new Error(`bad period label ${label}`);
  const fy = (m[1] === 'R' ? 2018 : 1988) + Number(m[2]);
  return { fiscalYear: fy, kind: m[3] ? 'mid' : 'year' };
}

export interface IndSpec {
  name: string;
  unit?: string;
  direction?: Direction;
  /** The direction was not typed in 方向 (the reader guessed it). */
  directionInferred?: boolean;
  accumulates?: boolean;
  baseline?: Parsed;
  baselineYear?: number;
  target?: Parsed;
  targetYear?: number;
  cumulative?: boolean;
  range?: { min: number; max: number };
  /** Period label → value: { R4: num(1049, '件') }. */
  actuals?: Record<string, Parsed>;
  department?: string;
}

let rowCounter = 10;

export function indicator(planId: string, n: number, spec: IndSpec): Indicator {
  const row = rowCounter++;
  const actuals: Actual[] = Object.entries(spec.actuals ?? {}).map(([label, value], i) => ({
    period: period(label), value, sheet: SHEETS.progress, cell: `${String.fromCharCode(80 + i)}${row}`,
  }));
  const ind: Indicator = {
    key: `${planId}#${n}`, planId, name: spec.name, unit: spec.unit ?? '',
    direction: spec.direction ?? 'up', accumulates: spec.accumulates ?? false, department: spec.department ?? '',
    baseline: { value: spec.baseline ?? EMPTY },
    target: { value: spec.target ?? EMPTY, cumulative: spec.cumulative ?? false },
    actuals, row, sheet: SHEETS.progress,
  };
  if (spec.baselineYear !== undefined) ind.baseline.fiscalYear = spec.baselineYear;
  if (spec.targetYear !== undefined) ind.target.fiscalYear = spec.targetYear;
  if (spec.range) ind.range = spec.range;
  if (spec.directionInferred) ind.directionInferred = true;
  return ind;
}

export interface PlanSpec {
  id: string;
  name: string;
  goal: string;
  dept?: string;
  status?: PlanStatus;
  mergedInto?: string;
  indicators: IndSpec[];
}

export function plan(spec: PlanSpec): Plan {
  const inds = spec.indicators.map((s, i) => indicator(spec.id, i + 1, { department: spec.dept, ...s }));
  return {
    id: spec.id, name: spec.name, policyCode: spec.goal.split('-')[0], goalCode: spec.goal, measureCode: '',
    measureClass: '', mainDept: spec.dept ?? '', relatedDepts: [], status: spec.status ?? '実施中',
    mergedInto: spec.mergedInto ?? '', comment: '', indicators: inds, row: inds[0]?.row ?? rowCounter++, sheet: SHEETS.progress,
  };
}

export function settings(partial: Partial<Settings> = {}): Settings {
  return {
    planName: '第5次須賀川市地域情報化計画', office: '行政管理課', evaluationYear: 2022, evaluationKind: 'year',
    midAsOf: '', thresholds: { a: 100, b: 80, c: 50 }, goalRule: { goodShare: 80, fairShare: 50 },
    reportFolderId: '', synonyms: [], ...partial,
  };
}

export function goal(code: string, name: string): HierarchyItem {
  return { level: '基本目標', code, name, text: '', parentCode: code.split('-')[0] };
}

export function progressData(plans: Plan[], opts: { settings?: Partial<Settings>; hierarchy?: HierarchyItem[] } = {}): ProgressData {
  return { plans, hierarchy: opts.hierarchy ?? [], departments: [], members: [], recommendations: [], settings: settings(opts.settings) };
}

// ---------------------------------------------------------------------------------------
// Seed 004: 第5次須賀川市地域情報化計画 実施計画 (R4〜R6). 基準値 R2, 実績値 R4, 目標値 R6.

const R2 = 2020;
const R6 = 2024;

function s004(name: string, unit: string, baseline: Parsed, r4: Parsed, target: Parsed, extra: Partial<IndSpec> = {}): IndSpec {
  return { name, unit, baseline, baselineYear: R2, target, targetYear: R6, actuals: { R4: r4 }, ...extra };
}

export const SEED004_GOALS: HierarchyItem[] = [
  goal('1', '子育て支援におけるICT利活用の推進'),
  goal('2', '学校教育、生涯学習等におけるICT利活用の推進'),
  goal('4', '地域コミュニティ、防災等におけるICT利活用の推進'),
  goal('6', '環境分野、暮らしにおけるICT利活用の推進'),
  goal('7', '地域産業におけるICT利活用の推進'),
  goal('9', '電子行政の推進'),
  goal('10', '地域のICT利活用促進'),
];

export function seed004Plans(): Plan[] {
  return [
    plan({ id: '1-1', goal: '1', dept: 'こども課', name: '子育て支援アプリ「すかがわ「てくてく」の利活用推進', indicators: [
      s004('アプリのダウンロード数', '件', num(208, '件', '208件'), num(1049, '件', '1,049件'), num(600, '件', '600件')),
    ] }),
    plan({ id: '2-1', goal: '2', dept: '学校教育課', name: '各学校におけるICT環境のさらなる充実', indicators: [
      s004('Wi-Fi環境が整備された特別教室の数', '教室', num(0, '教室', '1校当たり0教室'), num(0, '教室', '1校当たり0教室'), num(4, '教室', '1校当たり4教室')),
    ] }),
    plan({ id: '2-2', goal: '2', dept: '学校教育課', name: '情報通信技術支援員（ICT支援員）の派遣', indicators: [
      s004('市内小中学校25校に対し4校あたり1人のICT支援員確保', '人/年', num(0, '人/年', '0人/年'), num(5, '人/年', '5人/年'), num(6, '人/年', '6人/年')),
    ] }),
    plan({ id: '2-3', goal: '2', dept: '学校教育課', name: '情報端末の持ち帰り対応', indicators: [
      s004('情報端末の整備状況', '%', num(0, '%', '0%'), num(0, '%', '0%'), num(100, '%', '100%')),
    ] }),
    plan({ id: '2-4', goal: '2', dept: '中央図書館', name: '貴重な地域資料の整備', indicators: [
      s004('マメタイムス及びあぶくま時報のデジタル化の進捗状況', '', invalid('平成22年発行分まで'), invalid('平成23年発行分まで'), invalid('平成25年発行分まで')),
    ] }),
    plan({ id: '2-5', goal: '2', dept: '文化振興課', name: '歴史文化資料の整備', indicators: [
      s004('公開している文化財等の件数', '件', num(39, '件', '39件'), num(39, '件', '39件'), num(85, '件', '85件')),
    ] }),
    plan({ id: '2-6', goal: '2', dept: '情報政策課', name: '市民のICT利活用への支援', indicators: [
      s004('講座の開催回数', '回/年', num(1, '回/年', '1回/年'), num(9, '回/年', '9回/年'), num(8, '回/年', '8回/年'), { accumulates: true }),
    ] }),
    plan({ id: '2-7', goal: '2', dept: '中央図書館', name: '図書館のオンラインデータベースの利活用', indicators: [
      s004('オンラインデータベースの利用件数', '件/年', num(184, '件/年', '184件/年'), num(152, '件', '152件'), num(400, '件/年', '400件/年'), { accumulates: true }),
    ] }),
    plan({ id: '2-8', goal: '2', dept: '中央図書館', name: '図書のWeb貸出予約等の推進', indicators: [
      s004('Webによる貸出予約数', '件/年', num(3955, '件/年', '3,955件/年'), num(7995, '件', '7,995件'), num(5300, '件/年', '5,300件/年'), { accumulates: true }),
    ] }),
    plan({ id: '2-9', goal: '2', dept: '情報政策課', name: '公共施設予約システムの充実', indicators: [
      s004('年間のオンライン申請件数', '件/年', num(554, '件/年', '554件/年'), num(21115, '件/年', '21,115件/年'), num(700, '件/年', '700件/年'), { accumulates: true }),
    ] }),
    plan({ id: '4-1', goal: '4', dept: '市民協働推進課', name: '地域コミュニティの活性化', indicators: [
      s004('指標の設定はありません', '', state('指標なし', '—'), state('指標なし', '—'), state('指標なし', '—')),
    ] }),
    plan({ id: '4-2', goal: '4', dept: '市民安全課', name: '災害時における職員非常招集手段の確保', indicators: [
      s004('職員参集配信先ID数', 'ID', num(0, 'ID', '0ID'), num(282, 'ID', '282ID'), num(200, 'ID', '200ID')),
    ] }),
    plan({ id: '4-3', goal: '4', dept: '市民安全課', name: 'AR・VRを活用した防災学習の検討', indicators: [] }),
    plan({ id: '4-4', goal: '4', dept: '市民安全課', name: '災害時の非常用通信手段の確保', indicators: [
      s004('災害時優先電話の導入台数', '台', num(10, '台', '10台'), num(10, '台', '10台'), num(15, '台', '15台')),
      s004('IP無線機の導入台数', '台', num(10, '台', '10台'), num(15, '台', '15台'), num(20, '台', '20台')),
    ] }),
    plan({ id: '6-1', goal: '6', dept: '秘書広報課', name: '画像投稿システム「レポナウすかがわ」の利用促進', indicators: [
      s004('レポナウすかがわの受付件数', '件/年', num(49, '件/年', '49件/年'), num(47, '件/年', '47件/年'), num(180, '件/年', '180件/年'), { accumulates: true }),
    ] }),
    plan({ id: '6-2', goal: '6', dept: '市民安全課', name: '交通事故の減少に向けた安全対策', indicators: [
      s004('市内の人身事故発生件数（暦年）', '件/年', num(112, '件/年', '112件/年 (令和3年末)', '令和3年末'), num(118, '件/年', '118件/年 (令和4年末)', '令和4年末'),
        num(100, '件/年', '100件/年 (令和6年末)', '令和6年末'), { direction: 'down', accumulates: true, baselineYear: 2021 }),
    ] }),
    plan({ id: '6-3', goal: '6', dept: '環境課', name: '環境講座申込フォームの作成', indicators: [
      s004('申込件数', '件/年', num(0, '件/年', '0件/年'), state('未整備'), num(30, '件/年', '30件/年'), { accumulates: true }),
      s004('講座メニュー数', '種類', num(0, '種類', '0種類'), DASH, num(10, '種類', '10種類')),
    ] }),
    plan({ id: '6-4', goal: '6', dept: '環境課', name: '粗大ごみのLINE申込', indicators: [
      s004('申込件数', '件/年', num(0, '件/年', '0件/年'), state('未整備'), num(4000, '件/年', '4,000件/年'), { accumulates: true }),
    ] }),
    plan({ id: '7-1', goal: '7', dept: '商工課', name: 'ものづくり企業ガイド', indicators: [
      s004('ものづくり企業ガイドへの登録企業数', '件', num(100, '件', '100件'), num(103, '件', '103件'), num(120, '件', '120件')),
      s004('ウェブサイト閲覧数', '件', num(1303598, '件', '1,303,598件'), num(2842591, '件', '2,842,591件'), num(1500000, '件', '1,500,000件')),
    ] }),
    plan({ id: '7-2', goal: '7', dept: '商工課', name: '「ふるさと商品ガイド」による名産品のPR', indicators: [
      s004('ふるさと商品ガイドへの登録店舗数', '件', num(30, '件', '30件'), num(39, '件', '39件'), num(30, '件', '30件')),
      s004('ウェブサイト閲覧数', '件', num(135392, '件', '135,392件'), num(1098162, '件', '1,098,162件'), num(100000, '件', '100,000件')),
    ] }),
    plan({ id: '7-3', goal: '7', dept: '商工課', name: 'クラウドファンディング活用支援', indicators: [
      s004('目標支援金額達成者数（3年間合計）', '件', num(0, '件', '0件'), num(1, '件', '1件'), num(12, '件', '12件'), { cumulative: true, accumulates: true }),
    ] }),
    plan({ id: '7-5', goal: '7', dept: '商工課', name: '地域ブランド力活用支援', indicators: [
      s004('市SNSを活用した開発商品掲載数（3年間合計）', '件', num(0, '件', '0件'), num(3, '件', '3件'), num(30, '件', '30件'), { cumulative: true, accumulates: true }),
    ] }),
    plan({ id: '9-1', goal: '9', dept: '情報政策課', name: '継続的な情報セキュリティ対策強化', indicators: [
      s004('情報漏えい事件、事故の発生件数', '件', num(0, '件', '0件'), num(0, '件', '0件'), num(0, '件', '0件'), { direction: 'down', accumulates: true }),
    ] }),
    plan({ id: '9-2', goal: '9', dept: '情報政策課', name: 'ICT-BCPの適正な運用', indicators: [
      s004('訓練の回数', '件/年', num(0, '件/年', '0件/年'), num(0, '件/年', '0件/年'), num(1, '件/年', '1件/年'), { accumulates: true }),
    ] }),
    plan({ id: '9-3', goal: '9', dept: '秘書広報課', name: 'ホームページの充実', indicators: [
      s004('ホームページへのアクセス数', '件/年', num(3500000, '件/年', '3,500,000件/年'), num(3060985, '件/年', '3,060,985件/年'), num(4000000, '件/年', '4,000,000件/年'), { accumulates: true }),
    ] }),
    plan({ id: '9-4', goal: '9', dept: '秘書広報課', name: 'ウルトラFMを活用した「ラジオ広報番組」の放送', indicators: [
      s004('「ラジオ広報番組」を聞いている市民割合', '%', num(13.5, '%', '13.5%'), num(13.8, '%', '13.8%'), num(40, '%', '40.0%')),
    ] }),
    plan({ id: '9-5', goal: '9', dept: '議会事務局', name: '市議会タブレット端末導入による業務効率化の推進', indicators: [
      s004('タブレット端末の活用業務件数', '件', num(0, '件', '0件'), num(0, '件', '0件'), num(4, '件', '4件')),
    ] }),
    plan({ id: '9-6', goal: '9', dept: '行政管理課', name: '内部情報系システムの適切な運用', indicators: [
      s004('電子決裁率', '%', num(0, '%', '0%'), num(99, '%', '99%'), num(80, '%', '80%')),
    ] }),
    plan({ id: '9-7', goal: '9', dept: '情報政策課', name: 'RPAを活用した業務効率化の推進', indicators: [
      s004('RPAを活用した業務数', '件', num(0, '件', '0件'), num(3, '件', '3件'), num(15, '件', '15件')),
    ] }),
    plan({ id: '9-8', goal: '9', dept: '人事課', name: 'テレワークの推進', indicators: [
      s004('テレワークを利用する職員数', '人', num(0, '人', '0人'), num(11, '人', '11人'), num(50, '人', '50人')),
    ] }),
    plan({ id: '9-9', goal: '9', dept: '行政管理課', name: 'ペーパーレス会議、web会議の推進', indicators: [
      s004('会議等に係るペーパーレス会議の実施割合', '%', invalid('市政経営会議のみ'), num(86, '%', '86%'), num(80, '%', '80% (庁内会議全般)', '庁内会議全般')),
    ] }),
    plan({ id: '9-10', goal: '9', dept: '情報政策課', name: '自動音声認識システムの導入', indicators: [
      s004('自動音声認識システムの利用件数', '件', num(0, '件', '0件'), num(0, '件', '0件'), num(100, '件', '100件')),
    ] }),
    plan({ id: '9-11', goal: '9', dept: '情報政策課', name: '基幹系システムの標準化', indicators: [
      s004('指標の設定はありません', '', DASH, DASH, DASH),
    ] }),
    plan({ id: '9-12', goal: '9', dept: '秘書広報課', name: '市公式LINEの利活用推進', indicators: [
      s004('友だち登録者数', '人', num(2528, '人', '2,528人'), num(6473, '人', '6,473人'), num(10000, '人', '10,000人')),
    ] }),
    plan({ id: '9-13', goal: '9', dept: '企画政策課', name: '行政評価システムのリプレイス', indicators: [
      s004('入力作業の時間数', '時間', num(875, '時間', '875時間'), state('取得不可', 'リプレイス未実施 (実績値取得不可)'), num(400, '時間', '400時間'), { direction: 'down' }),
    ] }),
    plan({ id: '9-14', goal: '9', dept: '情報政策課', name: 'キャッシュレス決済の推進', indicators: [
      s004('キャッシュレス決済の業務件数', '件', num(4, '件', '4件'), num(18, '件', '18件'), num(30, '件', '30件')),
    ] }),
    plan({ id: '9-15', goal: '9', dept: '財政課', name: '電子入札の拡充', indicators: [
      s004('入札総件数に対する電子入札の割合', '%', num(60, '%', '60%'), num(86.5, '%', '86.50%'), num(75, '%', '75%')),
    ] }),
    plan({ id: '10-1', goal: '10', dept: '情報政策課', name: '統計データ利活用推進', indicators: [
      s004('業務統計情報のオープンデータ化率', '%', num(50, '%', '50%'), num(70, '%', '70%'), num(80, '%', '80%')),
      s004('職員の研修受講者数', '人/年', num(0, '人/年', '0人/年'), num(72, '人/年', '72人/年'), num(50, '人/年', '50人/年'), { accumulates: true }),
    ] }),
    plan({ id: '10-2', goal: '10', dept: '情報政策課', name: 'オープンデータの推進', indicators: [
      s004('オープンデータを公開した件数', '件', num(19, '件', '19件'), num(30, '件', '30件'), num(40, '件', '40件')),
    ] }),
    plan({ id: '10-3', goal: '10', dept: '市民協働推進課', name: '電子回覧板の推進', indicators: [
      s004('電子回覧版の閲覧数', '件', num(0, '件', '0件'), num(4041, '件', '4,041件'), num(1000, '件', '1,000件')),
    ] }),
  ];
}

/** Seed 004 as ProgressData, evaluated at the end of R4 (2022), the year its actuals are for. */
export function seed004(settingsPartial: Partial<Settings> = {}): ProgressData {
  return progressData(seed004Plans(), { settings: { evaluationYear: 2022, ...settingsPartial }, hierarchy: SEED004_GOALS });
}

/** Find an indicator of a plan list by plan ID and 1-based order. */
export function findIndicator(plans: Plan[], planId: string, n = 1): Indicator {
  const p = plans.find((x) => x.id === planId);
  if (!p) throw new Error(`no plan ${planId}`);
  const ind = p.indicators[n - 1];
  if (!ind) throw new Error(`no indicator ${planId}#${n}`);
  return ind;
}

// ---------------------------------------------------------------------------------------
// Seed 002: 第2期ICT活用推進計画 主な事業の進捗状況 (R4〜R6), no baselines: actual against target.

function s002(name: string, unit: string, r6: Parsed, target: Parsed, extra: Partial<IndSpec> = {}): IndSpec {
  return { name, unit, target, targetYear: R6, actuals: { R6: r6 }, ...extra };
}

export function seed002Plans(): Plan[] {
  return [
    plan({ id: 'K-1', goal: '1-①', name: 'こども園の各種記録の電子化', indicators: [
      s002('各種記録書の電子化', '種', num(7, '種', '７種（70.0％）'), num(10, '種', '主要10種')),
      s002('ICT活用の保護者満足度', 'ポイント', num(3.26, 'ポイント', '3.26ポイント'), num(3.5, 'ポイント', '3.5ポイント')),
    ] }),
    plan({ id: 'K-2', goal: '1-①', name: '独居高齢者への見守り事業等（スマートスピーカー活用事業）', indicators: [
      s002('設置・活用世帯数', '世帯', num(183, '世帯', '183世帯（87.9％）'), num(188, '世帯', '全世帯の9割（188世帯）')),
      s002('利用者満足度', '%', num(54, '%', '54％'), num(50, '%', '満足50％')),
    ] }),
    plan({ id: 'K-3', goal: '1-①', name: '高齢者向けスマートフォン活用教室の実施', indicators: [
      s002('参加者数', '人', num(544, '人', '544（77.7％）'), num(700, '人', '700人受講')),
      s002('受講者満足度', 'ポイント', num(4.0, 'ポイント', '4.0ポイント'), num(3.5, 'ポイント', '3.5ポイント')),
    ] }),
    plan({ id: 'K-4', goal: '1-②', name: '公共施設予約のオンライン化', indicators: [
      s002('利用可能施設数', '施設', num(57, '施設', '57施設（66.3％）'), num(86, '施設', '全86施設')),
      s002('オンライン予約割合', '%', num(24.41, '%', '24.41％'), num(60, '%', '60％')),
    ] }),
    plan({ id: 'K-5', goal: '3', name: 'RPA導入による事務負担の軽減', indicators: [
      s002('費用対効果', '%', num(60.3, '%', '削減1,089万円 投資1,807万円（60.3％）'), num(110, '%', '削減効果額が投資額の1.1倍（110％）')),
    ] }),
    plan({ id: 'K-6', goal: '1-②', name: 'コンビニ交付の実施', indicators: [
      s002('交付利用割合', '%', num(11.3, '%', '11.3％'), num(10, '%', '交付件数の10％')),
      s002('利用者満足度', '%', state('検討中', '次年度計測'), num(80, '%', '満足80％')),
    ] }),
  ];
}
