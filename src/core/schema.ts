// Sheet names and the columns of the template. Input sheets belong to people; the add-on
// writes only to the output sheets below and to the add-on-owned columns of the progress sheet.

export const SHEETS = {
  progress: 'プラン・指標',
  hierarchy: '施策体系',
  departments: '担当課',
  members: '委員名簿',
  settings: '設定',
  recommendations: '提言',
  // add-on-owned outputs
  checks: '検証結果',
  results: '集計結果',
  goals: '目標別評価',
  runLog: '実行ログ',
  unified: '統合プラン',
  reports: '報告書履歴',
  changes: '変更履歴',
  submissions: '提出状況',
  requestHistory: '入力依頼履歴',
} as const;

export const OUTPUT_SHEETS: readonly string[] = [
  SHEETS.checks, SHEETS.results, SHEETS.goals, SHEETS.runLog, SHEETS.unified, SHEETS.reports, SHEETS.changes,
  SHEETS.submissions, SHEETS.requestHistory,
];

/** Columns the add-on owns on the progress sheet (it writes only these there). */
export const OWNED_COLUMNS = {
  check: '入力チェック',
  mergedInto: '統合先',
} as const;

/** Canonical progress-sheet headers of the template, in order. Period columns follow 目標年度. */
export const PROGRESS_COLUMNS = [
  'プランID', '基本方針', '基本目標', '個別施策', 'プラン名', '主担当課', '関係課',
  '成果指標', '単位', '方向', '中間の見方', '基準値', '基準年度', '目標値', '目標年度',
] as const;

export const PROGRESS_TRAILING_COLUMNS = ['状態', 'コメント'] as const;

/**
 * What the departments write about a plan, after the year columns of the template: the report
 * shows them per plan (取組の状況). Their headers are words core/layout.ts TEXT_WORDS knows.
 */
export const PROGRESS_TEXT_COLUMNS = ['取組実績', '課題', '今後の方向性'] as const;

/** Direction labels as typed in the 方向 dropdown. */
export const DIRECTION_LABELS = {
  up: '高いほど良い',
  down: '低いほど良い',
  range: '範囲内を維持',
  milestone: '達成・未達',
} as const;

/** 中間の見方: how a mid-year figure is read against the annual target. */
export const ACCUMULATION_LABELS = { accumulates: '積み上げ', level: '水準' } as const;

export const PLAN_STATUSES = ['実施中', '未着手', '完了', '中止'] as const;

export const HIERARCHY_COLUMNS = ['区分', 'コード', '名称', '説明', '上位コード'] as const;
export const DEPARTMENT_COLUMNS = ['担当課', '部局', 'メール'] as const;
export const MEMBER_COLUMNS = ['氏名', '役職', 'メール', '共有の要否', '権限'] as const;
export const RECOMMENDATION_COLUMNS = ['基本方針', '委員', '提言'] as const;
export const SETTINGS_COLUMNS = ['項目', '値', '説明'] as const;

/** Setting keys on 設定 (column 項目). */
export const SETTING_KEYS = {
  planName: '計画名',
  office: '担当部署',
  evaluationYear: '評価年度',
  evaluationKind: '評価時点',
  midAsOf: '中間の基準日',
  thresholdA: '評価A（%以上）',
  thresholdB: '評価B（%以上）',
  thresholdC: '評価C（%以上）',
  goodShare: '良好とするA・Bの割合（%以上）',
  fairShare: '概ね良好とするA・Bの割合（%以上）',
  interimRule: '途中年度の評価',
  statusGrades: '状況の評価',
  reportFolderId: '報告書フォルダID',
  notifyMembers: '共有の通知メール',
  synonyms: '類義語',
  // Report cover items (added last: rows people already have keep their place).
  planPeriod: '計画期間',
  city: '市区町村名',
  committee: '委員会名',
  // The other 事務局 members (addresses): editors of what the add-on protects for the 事務局.
  secretariat: '事務局メンバー',
} as const;

/** 区分 on 施策体系 (HierarchyItem.level). */
export const HIERARCHY_LEVELS = ['基本方針', '基本目標', '個別施策'] as const;

/** 共有の要否 on 委員名簿. */
export const SHARE_LABELS = { yes: '要', no: '不要' } as const;

/** 権限 on 委員名簿 → Member.role. */
export const MEMBER_ROLE_LABELS = { reader: '閲覧者', commenter: 'コメント可', writer: '編集者' } as const;

/** 共有の通知メール on 設定 → Settings.notifyMembers. */
export const NOTIFY_LABELS = { yes: '送る', no: '送らない' } as const;

/** 評価時点 on 設定 → Settings.evaluationKind. */
export const EVALUATION_KIND_LABELS = { year: '年度末', mid: '中間' } as const;

/**
 * 途中年度の評価 on 設定 → Settings.interimRule: an evaluation year before the target year is
 * judged against the final target (final) or against the linear path to it (paced).
 */
export const INTERIM_RULE_LABELS = { final: '最終目標と比較', paced: '目標年度までの按分' } as const;

/** 報告書履歴 (add-on-owned): one row appended per generated report; earlier rows are kept. */
export const REPORT_HISTORY_COLUMNS = [
  '作成日時', '作成者', '報告書名', '対象期間', 'URL', 'ファイルID', '保存先', '共有した委員', '共有できなかった委員', '備考',
] as const;

/** Add-on-owned column on 委員名簿: the outcome of the latest sharing, per member row. */
export const MEMBER_OWNED_COLUMNS = { shareResult: '共有結果' } as const;

/**
 * Columns of the 統合プラン sheet (add-on-owned). One row per unified plan; undoing a merge keeps
 * the row, marked 解除済, so the lineage stays. Lists (関係課, 統合元プランID …) are joined with 、.
 */
export const UNIFIED_COLUMNS = [
  '統合プランID', '統合プラン名', '基本方針', '基本目標', '基本目標の候補', '基本目標の選択理由',
  '主担当課', '関係課', '統合元プランID', '状態', '統合者', '統合日時', '解除者', '解除日時', 'メモ',
] as const;
