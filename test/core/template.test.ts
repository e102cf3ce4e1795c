import { DIRECTION_LABELS, PLAN_STATUSES, PROGRESS_COLUMNS, PROGRESS_TEXT_COLUMNS, SETTING_KEYS, SHEETS } from '../../src/core/schema';
import { detectLayout, isLayoutError, textFieldsOf } from '../../src/core/layout';
import { parsePeriodHeader } from '../../src/core/periods';
import { periodHeaders, templateSpec, type SheetSpec } from '../../src/core/template';

const byName = (specs: SheetSpec[], name: string) => {
  const s = specs.find((x) => x.name === name);
  if (!s) throw new Error(name);
  return s;
};

describe('templateSpec', () => {
  const specs = templateSpec([2026, 2025, 2025, 1800]);

  test('one spec per input sheet, in order', () => {
    expect(specs.map((s) => s.name)).toEqual([
      SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members, SHEETS.settings, SHEETS.recommendations,
    ]);
    for (const s of specs) {
      expect(s.frozenRows).toBe(1);
      for (const c of s.columns) {
        expect(c.note).toMatch(/[ぁ-ん]/);
        expect(c.width).toBeGreaterThan(40);
      }
    }
  });

  test('progress sheet: template columns, then 中間/実績 per year, then 取組実績・課題・今後の方向性, 状態 and コメント', () => {
    const p = byName(specs, SHEETS.progress);
    const headers = p.columns.map((c) => c.header);
    expect(headers.slice(0, PROGRESS_COLUMNS.length)).toEqual([...PROGRESS_COLUMNS]);
    expect(headers.slice(PROGRESS_COLUMNS.length, PROGRESS_COLUMNS.length + 4)).toEqual([
      '令和7年度中間', '令和7年度実績', '令和8年度中間', '令和8年度実績',
    ]);
    expect(headers.slice(PROGRESS_COLUMNS.length + 4)).toEqual(['取組実績', '課題', '今後の方向性', '状態', 'コメント', '入力チェック', '統合先']);
    expect(periodHeaders([2025]).map(parsePeriodHeader)).toEqual([
      { fiscalYear: 2025, kind: 'mid' }, { fiscalYear: 2025, kind: 'year' },
    ]);
  });

  test('IDs, codes and values are plain text so 1-2 is not a date', () => {
    const p = byName(specs, SHEETS.progress);
    for (const h of ['プランID', '基本目標', '個別施策', '基準値', '目標値', '令和7年度実績']) {
      expect(p.columns.find((c) => c.header === h)?.numberFormat).toBe('@');
    }
    expect(p.columns.find((c) => c.header === 'プランID')?.note).toContain('日付');
  });

  test('dropdowns', () => {
    const p = byName(specs, SHEETS.progress);
    const v = (h: string) => p.columns.find((c) => c.header === h)?.validation;
    expect(v('主担当課')).toEqual({ kind: 'range', sheet: SHEETS.departments, range: 'A2:A', allowInvalid: true });
    expect(v('方向')).toEqual({ kind: 'list', values: Object.values(DIRECTION_LABELS), allowInvalid: false });
    expect(v('中間の見方')).toEqual({ kind: 'list', values: ['積み上げ', '水準'], allowInvalid: false });
    expect(v('状態')).toEqual({ kind: 'list', values: [...PLAN_STATUSES], allowInvalid: false });
    const m = byName(specs, SHEETS.members);
    expect(m.columns.find((c) => c.header === '共有の要否')?.validation).toEqual({ kind: 'list', values: ['要', '不要'], allowInvalid: false });
    expect(m.columns.find((c) => c.header === '権限')?.validation).toEqual({ kind: 'list', values: ['閲覧者', 'コメント可', '編集者'], allowInvalid: false });
    const h = byName(specs, SHEETS.hierarchy);
    expect(h.columns.find((c) => c.header === '区分')?.validation).toEqual({ kind: 'list', values: ['基本方針', '基本目標', '個別施策'], allowInvalid: false });
  });

  test('owned columns are marked', () => {
    const p = byName(specs, SHEETS.progress);
    expect(p.columns.filter((c) => c.owned).map((c) => c.header)).toEqual(['入力チェック', '統合先']);
  });

  test('設定 has a default row per key; the evaluation year is the last year given', () => {
    const s = byName(specs, SHEETS.settings);
    expect(s.rows.map((r) => r[0])).toEqual(Object.values(SETTING_KEYS));
    expect(s.rows.find((r) => r[0] === SETTING_KEYS.evaluationYear)?.[1]).toBe('令和8年度');
    expect(s.dataRows).toBe(s.rows.length);
  });

  test('the template header is read back by detectLayout', () => {
    const headers = byName(specs, SHEETS.progress).columns.map((c) => c.header);
    const l = detectLayout({ name: SHEETS.progress, values: [headers] });
    expect(isLayoutError(l)).toBe(false);
    if (!isLayoutError(l)) {
      expect(l.periods).toHaveLength(4);
      expect(l.ignored).toEqual([]);
      expect(Object.keys(l.columns)).toHaveLength(PROGRESS_COLUMNS.length + 4 + PROGRESS_TEXT_COLUMNS.length);
      // The columns of words are read as such, each as its own field (the report shows them per plan).
      expect(l.texts?.map((t) => [headers[t.col], t.field])).toEqual([
        ['取組実績', 'achievements'], ['課題', 'issues'], ['今後の方向性', 'outlook'], ['コメント', 'comment'],
      ]);
    }
  });

  test('取組実績・課題・今後の方向性: typed columns like コメント (plain text, wrapped, not owned, no dropdown)', () => {
    const p = byName(specs, SHEETS.progress);
    const comment = p.columns.find((c) => c.header === 'コメント')!;
    for (const h of PROGRESS_TEXT_COLUMNS) {
      const c = p.columns.find((x) => x.header === h)!;
      expect({ numberFormat: c.numberFormat, wrap: c.wrap, owned: c.owned, validation: c.validation })
        .toEqual({ numberFormat: comment.numberFormat, wrap: true, owned: undefined, validation: undefined });
      expect(c.note).toContain('報告書');
      expect(textFieldsOf(h)).toHaveLength(1);
    }
  });
});
