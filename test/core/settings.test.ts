import type { CellValue, Grid } from '../../src/core/model';
import { SETTING_KEYS, SETTINGS_COLUMNS } from '../../src/core/schema';
import {
  defaultSettings, extractFolderId, formatSynonyms, parseDateCell, parseSynonyms, readSettings, settingRows,
} from '../../src/core/settings';

const TODAY = new Date(2025, 5, 1);
const sheet = (rows: CellValue[][], display?: string[][]): Grid => ({
  name: '設定', values: [[...SETTINGS_COLUMNS], ...rows], display,
});

describe('settings', () => {
  test('defaults follow the fiscal year of today', () => {
    const s = defaultSettings(TODAY);
    expect(s.evaluationYear).toBe(2025);
    expect(s.evaluationKind).toBe('year');
    expect(s.midAsOf).toBe('2025-09-30');
    expect(defaultSettings(new Date(2026, 1, 1)).evaluationYear).toBe(2025);
  });

  test('the template rows have every key, a value and a Japanese explanation', () => {
    const rows = settingRows(defaultSettings(TODAY));
    expect(rows.map((r) => r[0])).toEqual(Object.values(SETTING_KEYS));
    for (const r of rows) expect(r[2]).toMatch(/[ぁ-ん]/);
    expect(rows.find((r) => r[0] === SETTING_KEYS.evaluationYear)?.[1]).toBe('令和7年度');
  });

  test('the template rows read back as the defaults', () => {
    const d = defaultSettings(TODAY);
    const { settings, issues } = readSettings(sheet(settingRows(d)), TODAY);
    expect(issues).toEqual([]);
    expect(settings).toEqual(d);
  });

  test('typed values in the forms people use', () => {
    const { settings, issues } = readSettings(sheet([
      [SETTING_KEYS.planName, '第5次須賀川市地域情報化計画'],
      [SETTING_KEYS.evaluationYear, 'R6'],
      [SETTING_KEYS.evaluationKind, '中間'],
      [SETTING_KEYS.thresholdB, 0.75],
      ['評価C', '40%'],
      [SETTING_KEYS.reportFolderId, 'https://drive.google.com/drive/folders/1AbC_def-GHIjkl?usp=sharing'],
      [SETTING_KEYS.synonyms, 'キャッシュレス、電子決済\nペーパーレス,タブレット会議'],
      ['自由なメモ', '無視される'],
    ], [[], [], [], [], ['', '75%'], [], [], [], []]), TODAY);
    expect(issues).toEqual([]);
    expect(settings.planName).toBe('第5次須賀川市地域情報化計画');
    expect(settings.evaluationYear).toBe(2024);
    expect(settings.midAsOf).toBe('2024-09-30');
    expect(settings.evaluationKind).toBe('mid');
    expect(settings.thresholds).toEqual({ a: 100, b: 75, c: 40 });
    expect(settings.reportFolderId).toBe('1AbC_def-GHIjkl');
    expect(settings.synonyms).toEqual([['キャッシュレス', '電子決済'], ['ペーパーレス', 'タブレット会議']]);
  });

  test('bad values fall back to defaults with a 警告 naming the cell', () => {
    const { settings, issues } = readSettings(sheet([
      [SETTING_KEYS.evaluationYear, 'そのうち'],
      [SETTING_KEYS.thresholdA, '50'],
      [SETTING_KEYS.thresholdB, '90'],
      [SETTING_KEYS.midAsOf, '2025-02-30'],
    ]), TODAY);
    expect(settings.evaluationYear).toBe(2025);
    expect(settings.thresholds).toEqual(defaultSettings(TODAY).thresholds);
    expect(issues.map((i) => i.cell)).toEqual(['B2', 'B5', 'A1']);
    expect(issues.every((i) => i.severity === '警告')).toBe(true);
    expect(issues[0].message).toContain('「設定」シートのB2（評価年度）「そのうち」');
    expect(issues[0].message).toContain('令和7年度');
  });

  test('report cover items: 計画期間 as two fiscal years in any notation, 市区町村名 and 委員会名 as typed', () => {
    const read = (rows: CellValue[][]) => readSettings(sheet(rows), TODAY);
    for (const v of ['令和4年度〜令和6年度', 'R4~R6', '2022年度から2024年度', 'R4－R6']) {
      expect(read([[SETTING_KEYS.planPeriod, v]]).settings.planPeriod).toEqual({ from: 2022, to: 2024 });
    }
    const bad = read([[SETTING_KEYS.planPeriod, '令和6年度〜令和4年度']]);
    expect(bad.settings.planPeriod).toBeUndefined();
    expect(bad.issues.map((i) => [i.severity, i.cell])).toEqual([['警告', 'B2']]);
    expect(bad.issues[0].message).toContain('「令和3年度〜令和7年度」のように');
    const s = read([[SETTING_KEYS.city, ' 須賀川市 '], [SETTING_KEYS.committee, '地域情報化推進委員会']]).settings;
    expect([s.city, s.committee]).toEqual(['須賀川市', '地域情報化推進委員会']);
    expect(defaultSettings(TODAY).planPeriod).toBeUndefined();
  });

  test('途中年度の評価: 最終目標と比較 (default) or 目標年度までの按分; an unknown value warns and keeps the default', () => {
    expect(defaultSettings(TODAY).interimRule).toBe('final');
    const row = settingRows(defaultSettings(TODAY)).find((r) => r[0] === SETTING_KEYS.interimRule);
    expect(row?.[0]).toBe('途中年度の評価');
    expect(row?.[1]).toBe('最終目標と比較');
    expect(row?.[2]).toContain('目標年度までの按分');
    const read = (v: string) => readSettings(sheet([[SETTING_KEYS.interimRule, v]]), TODAY);
    expect(read('目標年度までの按分').settings.interimRule).toBe('paced');
    expect(read('按分').settings.interimRule).toBe('paced');
    expect(read('最終目標と比較').settings.interimRule).toBe('final');
    expect(read('').settings.interimRule).toBe('final');
    expect(read('目標年度までの按分').issues).toEqual([]);
    const bad = read('いい感じに');
    expect(bad.settings.interimRule).toBe('final');
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0].severity).toBe('警告');
    expect(bad.issues[0].cell).toBe('B2');
    expect(bad.issues[0].message).toBe('「設定」シートのB2（途中年度の評価）「いい感じに」は読めないため、既定値を使います。「最終目標と比較」または「目標年度までの按分」と入力してください。');
  });

  test('no sheet → defaults', () => {
    expect(readSettings(undefined, TODAY)).toEqual({ settings: defaultSettings(TODAY), issues: [], yearGiven: false, kindGiven: false });
  });

  test('helpers', () => {
    expect(parseDateCell('', '令和7年9月30日')).toBe('2025-09-30');
    expect(parseDateCell('', '2025/9/30')).toBe('2025-09-30');
    expect(parseDateCell(new Date(2025, 8, 30), '')).toBe('2025-09-30');
    expect(parseDateCell('', '9月末')).toBeNull();
    expect(extractFolderId('')).toBe('');
    expect(extractFolderId('ABCDEFGHIJK123')).toBe('ABCDEFGHIJK123');
    expect(extractFolderId('フォルダ')).toBeNull();
    expect(parseSynonyms(formatSynonyms([['AI', '生成AI'], ['FAQ', 'チャットボット']]))).toEqual([['AI', '生成AI'], ['FAQ', 'チャットボット']]);
  });
});

describe('事務局メンバー', () => {
  test('addresses separated by 、 , ； or spaces (full-width folded), duplicates once, a non-address pointed out with its cell', () => {
    const { settings, issues } = readSettings(sheet([[SETTING_KEYS.secretariat, 'jimu1@city.example.lg.jp、ＪＩＭＵ２@city.example.lg.jp; jimu1@city.example.lg.jp 田中さん']]), TODAY);
    expect(settings.secretariat).toEqual(['jimu1@city.example.lg.jp', 'JIMU2@city.example.lg.jp']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: '警告', cell: 'B2' });
    expect(issues[0].message).toContain('「設定」シートのB2（事務局メンバー）の「田中さん」はメールアドレスとして読めないため、除きました');
  });

  test('optional: absent or empty means none (only the person running and the owner)', () => {
    expect(readSettings(sheet([]), TODAY).settings.secretariat ?? []).toEqual([]);
    expect(readSettings(sheet([[SETTING_KEYS.secretariat, '']]), TODAY).settings.secretariat ?? []).toEqual([]);
    expect(settingRows(defaultSettings(TODAY)).find((r) => r[0] === SETTING_KEYS.secretariat)?.[1]).toBe('');
  });
});
