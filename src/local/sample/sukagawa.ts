// Sample workbook for `npm run demo`: Sukagawa city's implementation plan of its
// 第5次須賀川市地域情報化計画 (public document, seed 004), transcribed in the template layout
// of src/core/schema.ts. Values are kept exactly as printed (strings, units, notes, dashes):
// the point of the sample is to exercise the parser on what people really type.

import {
  DEPARTMENT_COLUMNS,
  HIERARCHY_COLUMNS,
  MEMBER_COLUMNS,
  PROGRESS_COLUMNS,
  PROGRESS_TRAILING_COLUMNS,
  RECOMMENDATION_COLUMNS,
  SETTING_KEYS,
  SETTINGS_COLUMNS,
  SHEETS,
} from '../../core/schema';

type Row = (string | number)[];

/** Period columns of the sample: the plan runs 令和4年度–令和6年度, evaluated in 令和4年度. */
export const SUKAGAWA_PERIOD_COLUMNS = [
  '令和4年度実績', '令和5年度中間', '令和5年度実績', '令和6年度中間', '令和6年度実績',
] as const;

export const SUKAGAWA_PROGRESS_HEADER: readonly string[] = [
  ...PROGRESS_COLUMNS, ...SUKAGAWA_PERIOD_COLUMNS, ...PROGRESS_TRAILING_COLUMNS,
];

const BASE_YEAR = '令和2年度';
const TARGET_YEAR = '令和6年度';
const NO_INDICATOR = '指標の設定はありません';
const DASH = '—';

interface SampleIndicator {
  name: string;
  unit: string;
  /** Only where a person would type it; blank lets the add-on infer. */
  direction?: string;
  base: string;
  r4: string;
  /** Printed only for the plans without an indicator ('—'); never a number. */
  r5?: string;
  r6?: string;
  target: string;
}

interface SamplePlan {
  id: string;
  goal: string;
  name: string;
  /** The 担当課 cell as printed in seed 004. */
  printedDept: string;
  main: string;
  related: string[];
  indicators: SampleIndicator[];
}

/** 基本方針: not given by seed 004; grouping assumed (see samples/README.md). */
export const SUKAGAWA_POLICIES = [
  { code: '1', name: '市民生活におけるICT利活用', goals: ['1', '2', '3'] },
  { code: '2', name: '地域・産業におけるICT利活用', goals: ['4', '5', '6', '7', '8'] },
  { code: '3', name: '行政のデジタル化とデータ利活用', goals: ['9', '10'] },
] as const;

/** 基本目標: the table headings of seed 004, as printed. */
export const SUKAGAWA_GOALS: readonly { code: string; name: string }[] = [
  { code: '1', name: '子育て支援におけるICT利活用の推進' },
  { code: '2', name: '学校教育、生涯学習等におけるICT利活用の推進' },
  { code: '3', name: '健康、医療、福祉におけるICT利活用の推進' },
  { code: '4', name: '地域コミュニティ、防災等におけるICT利活用の推進' },
  { code: '5', name: '都市基盤、公共施設におけるICT利活用の推進' },
  { code: '6', name: '環境分野、暮らしにおけるICT利活用の推進' },
  { code: '7', name: '地域産業におけるICT利活用の推進' },
  { code: '8', name: '観光、交流におけるICT利活用の推進' },
  { code: '9', name: '電子行政の推進' },
  { code: '10', name: '地域のICT利活用促進' },
];

const none = (r5: boolean, r6: boolean): SampleIndicator => ({
  name: NO_INDICATOR, unit: '', base: DASH, r4: DASH,
  ...(r5 ? { r5: DASH } : {}), ...(r6 ? { r6: DASH } : {}), target: DASH,
});
// Goals 1–8 print 令和5年度 and 令和6年度 actual columns; goals 9–10 only 令和5年度.
const noneGoal1to8 = (): SampleIndicator => none(true, true);
const noneGoal9to10 = (): SampleIndicator => none(true, false);

const ind = (name: string, unit: string, base: string, r4: string, target: string, direction?: string): SampleIndicator =>
  ({ name, unit, base, r4, target, ...(direction ? { direction } : {}) });

const plan = (id: string, name: string, printedDept: string, main: string, related: string[], indicators: SampleIndicator[]): SamplePlan =>
  ({ id, goal: id.split('-')[0], name, printedDept, main, related, indicators });

/** Every plan of seed 004, in its order. */
export const SUKAGAWA_PLANS: readonly SamplePlan[] = [
  plan('1-1', '子育て支援アプリ「すかがわ「てくてく」の利活用推進', 'こども課', 'こども課', [], [
    ind('アプリのダウンロード数', '件', '208件', '1,049件', '600件'),
  ]),

  plan('2-1', '各学校におけるICT環境のさらなる充実', '学校教育課', '学校教育課', [], [
    ind('Wi-Fi環境が整備された特別教室の数', '教室', '1校当たり0教室', '1校当たり0教室', '1校当たり4教室'),
  ]),
  plan('2-2', '情報通信技術支援員（ICT支援員）の派遣', '学校教育課', '学校教育課', [], [
    ind('市内小中学校25校に対し4校あたり1人のICT支援員確保', '人/年', '0人/年', '5人/年', '6人/年'),
  ]),
  plan('2-3', '情報端末の持ち帰り対応', '学校教育課', '学校教育課', [], [
    ind('家庭にWi-Fi環境が整備され、保護者の承諾が得られた児童生徒について、緊急時に家庭で使用できるように整備した情報端末及び通信機器の整備状況（家庭環境下で使用可能となる端末数/児童生徒に貸与した端末数）',
      '%', '0%', '0%', '100%'),
  ]),
  plan('2-4', '貴重な地域資料の整備', '中央図書館', '中央図書館', [], [
    // The value is a year of issue, not a quantity: no unit a person could type.
    ind('マメタイムス及びあぶくま時報のデジタル化の進捗状況', '', '平成22年発行分まで', '平成23年発行分まで', '平成25年発行分まで'),
  ]),
  plan('2-5', '歴史文化資料の整備', '文化振興課、博物館', '文化振興課', ['博物館'], [
    ind('公開している文化財等の件数', '件', '39件', '39件', '85件'),
  ]),
  plan('2-6', '市民のICT利活用への支援', '情報政策課 生涯学習スポーツ課 各コミュニティセンター', '情報政策課', ['生涯学習スポーツ課', '各コミュニティセンター'], [
    ind('講座の開催回数', '回/年', '1回/年', '9回/年', '8回/年'),
  ]),
  plan('2-7', '図書館のオンラインデータベースの利活用', '中央図書館', '中央図書館', [], [
    // Printed so: the actual lacks the '/年' of its baseline and target.
    ind('オンラインデータベースの利用件数', '件/年', '184件/年', '152件', '400件/年'),
  ]),
  plan('2-8', '図書のWeb貸出予約等の推進', '中央図書館', '中央図書館', [], [
    ind('Webによる貸出予約数', '件/年', '3,955件/年', '7,995件', '5,300件/年'),
  ]),
  plan('2-9', '公共施設予約システムの充実', '情報政策課', '情報政策課', [], [
    ind('年間のオンライン申請件数', '件/年', '554件/年', '21,115件/年', '700件/年'),
  ]),

  plan('3-1', 'ひとり暮らし高齢者宅等への緊急通報システム等の貸与', '長寿福祉課', '長寿福祉課', [], [
    ind('緊急通報システム貸与件数', '件/年', '190件/年', '206件/年', '240件/年'),
    ind('GPS位置情報機器貸与件数', '件/年', '5件/年', '8件/年', '20件/年'),
  ]),
  plan('3-2', '国民健康保険各種申請手続のオンライン申請の導入', '保険年金課', '保険年金課', [], [
    ind('電子申請システムを利用した被保険者の申請等手続き件数', '件/年度', '0件/年度', '0件/年度', '500件/年度'),
  ]),
  plan('3-3', '遠隔診療の推進', '健康づくり課', '健康づくり課', [], [
    ind('個人が所有するPCやスマホ等のカメラを通じたWEB上の遠隔診療を導入した施設数', '施設', '0施設', '0施設', '1施設'),
  ]),

  plan('4-1', '地域コミュニティの活性化', '市民協働推進課', '市民協働推進課', [], [noneGoal1to8()]),
  plan('4-2', '災害時における職員非常招集手段の確保', '市民安全課', '市民安全課', [], [
    ind('職員参集配信先ID数', 'ID', '0ID', '282ID', '200ID'),
  ]),
  plan('4-3', 'AR・VRを活用した防災学習の検討', '市民安全課', '市民安全課', [], [noneGoal1to8()]),
  plan('4-4', '災害時の非常用通信手段の確保', '市民安全課', '市民安全課', [], [
    ind('災害時優先電話の導入台数', '台', '10台', '10台', '15台'),
    ind('IP無線機の導入台数', '台', '10台', '15台', '20台'),
  ]),

  plan('5-1', '公開型GISシステムの整備', '都市計画課', '都市計画課', [], [
    ind('公開型GISシステムを利用した地図情報件数', '件', '5件', '5件', '9件'),
  ]),
  plan('5-2', 'アプリ（slack）を使った管理情報の共有', '道路河川課 都市計画課 下水道施設課', '道路河川課', ['都市計画課', '下水道施設課'], [
    ind('アプリを導入した課の件数', '件', '0件', '2件', '3件'),
  ]),
  plan('5-3', '水道web受付手続きの導入', '経営課', '経営課', [], [
    ind('オンライン申請受付数', '%', '0% (0件/5,433件)', '0% (0件/5,224件)', '10%'),
  ]),
  plan('5-4', '水道事業ホームページの開設', '経営課', '経営課', [], [
    ind('ホームページへのアクセス数', '件/年', '0件/年', '0件/年', '10,000件/年'),
  ]),

  plan('6-1', '画像投稿システム「レポナウすかがわ」の利用促進', '秘書広報課', '秘書広報課', [], [
    ind('レポナウすかがわの受付件数', '件/年', '49件/年', '47件/年', '180件/年'),
  ]),
  plan('6-2', '交通事故の減少に向けた安全対策', '市民安全課', '市民安全課', [], [
    // Counted per calendar year (暦年): the notes in parentheses say which one.
    ind('市内の人身事故発生件数（暦年）', '件/年', '112件/年 (令和3年末)', '118件/年 (令和4年末)', '100件/年 (令和6年末)', '低いほど良い'),
  ]),
  plan('6-3', '環境講座申込フォームの作成', '環境課', '環境課', [], [
    ind('申込件数', '件/年', '0件/年', '未整備', '30件/年'),
    ind('講座メニュー数', '種類', '0種類', DASH, '10種類'),
  ]),
  plan('6-4', '粗大ごみのLINE申込', '環境課', '環境課', [], [
    ind('申込件数', '件/年', '0件/年', '未整備', '4,000件/年'),
  ]),

  plan('7-1', 'ものづくり企業ガイド', '商工課', '商工課', [], [
    ind('ものづくり企業ガイドへの登録企業数', '件', '100件', '103件', '120件'),
    ind('ウェブサイト閲覧数', '件', '1,303,598件', '2,842,591件', '1,500,000件'),
  ]),
  plan('7-2', '「ふるさと商品ガイド」による名産品のPR', '商工課', '商工課', [], [
    ind('ふるさと商品ガイドへの登録店舗数', '件', '30件', '39件', '30件'),
    ind('ウェブサイト閲覧数', '件', '135,392件', '1,098,162件', '100,000件'),
  ]),
  plan('7-3', 'クラウドファンディング活用支援', '商工課', '商工課', [], [
    ind('目標支援金額達成者数（3年間合計）', '件', '0件', '1件', '12件'),
  ]),
  plan('7-4', 'スマート農業の推進', '農政課', '農政課', [], [
    ind('スマート農業取組件数（ロボット技術やICTの導入など）', '件', '25件', '7件', '35件'),
  ]),
  plan('7-5', '地域ブランド力活用支援', '商工課', '商工課', [], [
    ind('市SNSを活用した開発商品掲載数（3年間合計）', '件', '0件', '3件', '30件'),
  ]),
  plan('7-6', '新規就農希望者と後継者を探している農家とのマッチング', '農政課', '農政課', [], [
    ind('後継者を探している農家と新規就農希望者のマッチング数', '件', '0件', '0件', '5件'),
  ]),
  plan('7-7', '農業委員会サポートシステムの整備・充実', '農業委員会事務局', '農業委員会事務局', [], [noneGoal1to8()]),

  plan('8-1', '観光情報提供の充実', '観光交流課', '観光交流課', [], [
    ind('本市の年間観光入込客数', '人', '783,000人', '973,000人', '1,550,000人'),
  ]),
  plan('8-2', '観光客の受け入れ環境の整備', '観光交流課', '観光交流課', [], [
    ind('観光ガイドブックの多言語化数', 'か国語', '1か国語', '6か国語', '4か国語'),
  ]),

  plan('9-1', '継続的な情報セキュリティ対策強化', '情報政策課', '情報政策課', [], [
    ind('情報漏えい事件、事故の発生件数', '件', '0件', '0件', '0件', '低いほど良い'),
  ]),
  plan('9-2', 'ICT-BCPの適正な運用', '情報政策課', '情報政策課', [], [
    ind('訓練の回数', '件/年', '0件/年', '0件/年', '1件/年'),
  ]),
  plan('9-3', 'ホームページの充実', '秘書広報課', '秘書広報課', [], [
    ind('ホームページへのアクセス数', '件/年', '3,500,000件/年', '3,060,985件/年', '4,000,000件/年'),
  ]),
  plan('9-4', 'ウルトラFMを活用した「ラジオ広報番組」の放送', '秘書広報課', '秘書広報課', [], [
    ind('「ラジオ広報番組」を聞いている市民割合', '%', '13.5%', '13.8%', '40.0%'),
  ]),
  plan('9-5', '市議会タブレット端末導入による業務効率化の推進', '議会事務局', '議会事務局', [], [
    ind('タブレット端末の活用業務件数', '件', '0件', '0件', '4件'),
  ]),
  plan('9-6', '内部情報系システムの適切な運用', '行政管理課', '行政管理課', [], [
    ind('電子決裁率', '%', '0%', '99%', '80%'),
  ]),
  plan('9-7', 'RPAを活用した業務効率化の推進', '情報政策課', '情報政策課', [], [
    ind('RPAを活用した業務数', '件', '0件', '3件', '15件'),
  ]),
  plan('9-8', 'テレワークの推進', '人事課 情報政策課', '人事課', ['情報政策課'], [
    ind('テレワークを利用する職員数', '人', '0人', '11人', '50人'),
  ]),
  plan('9-9', 'ペーパーレス会議、web会議の推進', '行政管理課', '行政管理課', [], [
    ind('会議等に係るペーパーレス会議の実施割合', '%', '市政経営会議のみ', '86%', '80% (庁内会議全般)'),
  ]),
  plan('9-10', '自動音声認識システムの導入', '情報政策課', '情報政策課', [], [
    ind('自動音声認識システムの利用件数', '件', '0件', '0件', '100件'),
  ]),
  // '基幹系システム利用課' names no section (it means "the sections using the core systems"):
  // kept as typed so the department check has something to report.
  plan('9-11', '基幹系システムの標準化', '情報政策課及び 基幹系システム利用課', '情報政策課', ['基幹系システム利用課'], [noneGoal9to10()]),
  plan('9-12', '市公式LINEの利活用推進', '秘書広報課', '秘書広報課', [], [
    ind('友だち登録者数', '人', '2,528人', '6,473人', '10,000人'),
  ]),
  plan('9-13', '行政評価システムのリプレイス', '企画政策課', '企画政策課', [], [
    ind('入力作業の時間数', '時間', '875時間', 'リプレイス未実施 (実績値取得不可)', '400時間', '低いほど良い'),
  ]),
  // '情報政策課ほか' ("and others") is kept as typed: the related sections are not named.
  plan('9-14', 'キャッシュレス決済の推進', '情報政策課ほか', '情報政策課ほか', [], [
    ind('キャッシュレス決済の業務件数', '件', '4件', '18件', '30件'),
  ]),
  plan('9-15', '電子入札の拡充', '財政課', '財政課', [], [
    ind('入札総件数に対する電子入札の割合', '%', '60%', '86.50%', '75%'),
  ]),

  plan('10-1', '統計データ利活用推進', '情報政策課', '情報政策課', [], [
    ind('業務統計情報のオープンデータ化率（共通フォーマットによる統計データ公開率）', '%', '50%', '70%', '80%'),
    ind('職員の研修受講者数', '人/年', '0人/年', '72人/年', '50人/年'),
  ]),
  plan('10-2', 'オープンデータの推進', '情報政策課', '情報政策課', [], [
    ind('オープンデータを公開した件数', '件', '19件', '30件', '40件'),
  ]),
  plan('10-3', '電子回覧板の推進', '市民協働推進課', '市民協働推進課', [], [
    ind('電子回覧版の閲覧数', '件', '0件', '4,041件', '1,000件'),
  ]),
];

/**
 * Departments of seed 004. 部局 only where the name itself settles it (the seed gives none).
 * '情報政策課ほか' and '基幹系システム利用課' are left out on purpose: they name no section.
 */
export const SUKAGAWA_DEPARTMENTS: readonly { name: string; division: string }[] = [
  { name: 'こども課', division: '' },
  { name: '学校教育課', division: '教育委員会' },
  { name: '中央図書館', division: '' },
  { name: '文化振興課', division: '' },
  { name: '博物館', division: '' },
  { name: '情報政策課', division: '' },
  { name: '生涯学習スポーツ課', division: '' },
  { name: '各コミュニティセンター', division: '' },
  { name: '長寿福祉課', division: '' },
  { name: '保険年金課', division: '' },
  { name: '健康づくり課', division: '' },
  { name: '市民協働推進課', division: '' },
  { name: '市民安全課', division: '' },
  { name: '都市計画課', division: '' },
  { name: '道路河川課', division: '' },
  { name: '下水道施設課', division: '' },
  { name: '経営課', division: '' },
  { name: '秘書広報課', division: '' },
  { name: '環境課', division: '' },
  { name: '商工課', division: '' },
  { name: '農政課', division: '' },
  { name: '農業委員会事務局', division: '農業委員会' },
  { name: '観光交流課', division: '' },
  { name: '議会事務局', division: '市議会' },
  { name: '行政管理課', division: '' },
  { name: '人事課', division: '' },
  { name: '企画政策課', division: '' },
  { name: '財政課', division: '' },
];

/** Fictional committee, shaped like domain.md. 'yamada@' is invalid on purpose. */
export const SUKAGAWA_MEMBERS: readonly Row[] = [
  ['見本 太郎', '委員長（学識経験者）', 'iinchou@example.jp', '要', 'コメント可'],
  ['見本 花子', '副委員長（学識経験者）', 'fuku-iinchou@example.jp', '要', 'コメント可'],
  ['例野 一郎', '委員（商工団体）', 'shoko@example.jp', '要', 'コメント可'],
  ['例野 さくら', '委員（情報通信事業者）', 'ict-jigyosha@example.jp', '要', 'コメント可'],
  ['仮田 次郎', '委員（金融機関）', 'kinyu@example.jp', '要', '閲覧者'],
  ['仮田 みどり', '委員（子育て支援団体）', 'kosodate@example.jp', '要', 'コメント可'],
  ['山田 三郎', '委員（市民公募）', 'yamada@', '要', 'コメント可'],
  ['架空 四郎', '委員（町内会連合会）', 'chonaikai@example.jp', '不要', 'コメント可'],
  ['架空 ゆき', '委員（市民公募）', 'koubo@example.jp', '要', 'コメント可'],
];

const SETTINGS: readonly Row[] = [
  [SETTING_KEYS.planName, '第5次須賀川市地域情報化計画', '報告書の表紙と見出しに使う計画名'],
  [SETTING_KEYS.office, '行政管理課', '進捗管理の担当部署（実施計画 III 推進体制）'],
  [SETTING_KEYS.evaluationYear, '令和4年度', '評価する年度（令和4年度＝2022年4月〜2023年3月）'],
  [SETTING_KEYS.evaluationKind, '年度末', '年度末 または 中間'],
  [SETTING_KEYS.midAsOf, '2022-09-30', '中間の実績値の基準日（yyyy-mm-dd）'],
  [SETTING_KEYS.thresholdA, 100, '達成率がこの値以上で評価A'],
  [SETTING_KEYS.thresholdB, 80, '達成率がこの値以上で評価B'],
  [SETTING_KEYS.thresholdC, 50, '達成率がこの値以上で評価C（未満はD）'],
  [SETTING_KEYS.goodShare, 80, '基本目標内のA・Bの割合がこの値以上で「良好」'],
  [SETTING_KEYS.fairShare, 50, '基本目標内のA・Bの割合がこの値以上で「概ね良好」'],
  [SETTING_KEYS.interimRule, '最終目標と比較', '目標年度より前の年度の評価方法（最終目標と比較 または 目標年度までの按分）'],
  [SETTING_KEYS.statusGrades, '実施済=A、実施中=B、検討中=C、未着手=D、中止=−', '数値の指標がないプランの、文章から読み取った状況の評価'],
  [SETTING_KEYS.reportFolderId, '', '報告書を保存するドライブのフォルダ（空欄ならアドオンが「報告書」フォルダを作成）'],
  [SETTING_KEYS.notifyMembers, '送る', '委員に共有したときに通知メールを送るか（送る／送らない）'],
  [SETTING_KEYS.synonyms, '電子化=デジタル化=ペーパーレス; キャッシュレス=電子決済', '同じ意味として扱う語（= でつなぎ、; で区切る）'],
  [SETTING_KEYS.planPeriod, '令和4年度〜令和6年度', '実施計画の計画期間（資料の表紙）'],
  [SETTING_KEYS.city, '須賀川市', '報告書の表紙に載せる市区町村名'],
  [SETTING_KEYS.committee, '', '報告書の表紙に載せる委員会名（資料にないため空欄）'],
  [SETTING_KEYS.secretariat, '', '事務局の方のメールアドレス（「、」区切り。確定値と事務局用の保護を編集できる方。資料にないため空欄）'],
];

function progressRows(): Row[] {
  const rows: Row[] = [SUKAGAWA_PROGRESS_HEADER.slice()];
  const policyOf = (goal: string) => SUKAGAWA_POLICIES.find((p) => (p.goals as readonly string[]).includes(goal))!.code;
  for (const p of SUKAGAWA_PLANS) {
    p.indicators.forEach((i, n) => {
      // Continuation rows leave the plan columns blank, as people type them.
      const planCells: Row = n === 0
        ? [p.id, policyOf(p.goal), p.goal, '', p.name, p.main, p.related.join('、')]
        : ['', '', '', '', '', '', ''];
      const hasIndicator = i.name !== NO_INDICATOR;
      rows.push([
        ...planCells,
        i.name, i.unit, i.direction ?? '', '',
        i.base, hasIndicator ? BASE_YEAR : '', i.target, hasIndicator ? TARGET_YEAR : '',
        i.r4, '', i.r5 ?? '', '', i.r6 ?? '',
        '', '',
      ]);
    });
  }
  return rows;
}

function hierarchyRows(): Row[] {
  const rows: Row[] = [HIERARCHY_COLUMNS.slice()];
  for (const p of SUKAGAWA_POLICIES) {
    rows.push(['基本方針', p.code, p.name, `仮の区分（公開資料に記載なし）：基本目標${p.goals.join('・')}`, '']);
  }
  for (const g of SUKAGAWA_GOALS) {
    const policy = SUKAGAWA_POLICIES.find((p) => (p.goals as readonly string[]).includes(g.code))!;
    rows.push(['基本目標', g.code, g.name, '', policy.code]);
  }
  return rows;
}

/** Sheet name → rows (header first) of the sample workbook. */
export function sukagawaGrids(): Record<string, (string | number)[][]> {
  return {
    [SHEETS.progress]: progressRows(),
    [SHEETS.hierarchy]: hierarchyRows(),
    [SHEETS.departments]: [DEPARTMENT_COLUMNS.slice(), ...SUKAGAWA_DEPARTMENTS.map((d) => [d.name, d.division, ''])],
    [SHEETS.members]: [MEMBER_COLUMNS.slice(), ...SUKAGAWA_MEMBERS.map((r) => r.slice())],
    [SHEETS.settings]: [SETTINGS_COLUMNS.slice(), ...SETTINGS.map((r) => r.slice())],
    [SHEETS.recommendations]: [RECOMMENDATION_COLUMNS.slice()],
  };
}
