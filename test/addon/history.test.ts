// History across years through the built bundle: 年度別評価 appears once the sheet holds several
// years, and 集計結果 shows each indicator's series.
import { records, sampleSession } from './helpers';
import { SHEET_YEARS } from '../../src/core/history';

function withTwoYears() {
  return sampleSession((g) => {
    const header = g['プラン・指標'][0] as string[];
    const r4 = header.indexOf('令和4年度実績');
    const r5 = header.indexOf('令和5年度実績');
    // Every R4 figure typed again for R5 (same values: the grades stay).
    for (const row of g['プラン・指標'].slice(1)) if (row[r4] !== '') row[r5] = row[r4];
  });
}

describe('年度別評価', () => {
  test('not written while the sheet holds one year', () => {
    const s = sampleSession();
    s.run('runAggregate');
    expect(s.sheetRecords(SHEET_YEARS)).toBeNull();
  });

  test('one row per year with figures, each rated year-end from the current inputs, the same rules as 集計', () => {
    const s = withTwoYears();
    const summary = s.bundle.call('runAggregate') as { grades: { label: string; count: number }[] };
    const rows = records(s, SHEET_YEARS);
    expect(rows.map((r) => r['年度'])).toEqual(['令和4年度', '令和5年度']);
    expect(rows.every((r) => r['根拠'] === '現在の入力から再計算')).toBe(true);
    // 集計 evaluates 令和4年度 (設定): its row equals 集計's own grade counts.
    const r4 = rows[0];
    for (const g of summary.grades) expect(r4[g.label]).toBe(g.count);
    const total = (r: Record<string, unknown>) => ['A', 'B', 'C', 'D', '−'].reduce((n, k) => n + Number(r[k]), 0);
    expect(total(rows[1])).toBe(total(r4));
  });

  test('集計結果 shows each indicator series in period order', () => {
    const s = withTwoYears();
    s.run('runAggregate');
    const first = records(s, '集計結果')[0];
    expect(first['推移']).toBe('R4 1,049件 → R5 1,049件');
  });
});

describe('年度別評価 with a confirmed year', () => {
  test('the confirmed year shows its confirmed distribution, even after a figure changed', () => {
    const s = withTwoYears();
    s.bundle.call('confirmPeriod');
    const confirmedRow = records(s, SHEET_YEARS)[0];
    // A department lowers a 令和4年度 figure after 確定: the recomputed grades would move, the confirmed ones do not.
    const sheet = s.runtime.spreadsheet.getSheetByName('プラン・指標')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    sheet.getRange(2, header.indexOf('令和4年度実績') + 1).setValue('1件');
    s.run('runAggregate');
    const rows = records(s, SHEET_YEARS);
    expect(rows[0]['根拠']).toBe('確定値');
    expect(rows[0]).toEqual({ ...confirmedRow, 根拠: '確定値' });
    expect(rows[1]['根拠']).toBe('現在の入力から再計算');
  });
});

describe('the report shows the years side by side', () => {
  test('a 年度ごとの評価の推移 table when the sheet holds several years, none with one year', () => {
    const s = withTwoYears();
    s.run('createReport');
    const docs = s.runtime.globals.DocumentApp as unknown as import('../../src/local/gas/document').LocalDocumentApp;
    const nodes = docs.localStructure(docs.localDocumentIds().at(-1)!);
    // The heading itself (the 目次 lists the same words as a plain paragraph).
    const i = nodes.findIndex((n) => n.type !== 'TABLE' && n.heading === 'HEADING2' && n.text === '年度ごとの評価の推移');
    expect(i).toBeGreaterThan(0);
    // The next table after the heading (a Doc may keep an empty paragraph between them).
    const table = nodes.slice(i + 1).find((n) => n.type === 'TABLE') as { type: string; cells: string[][] };
    expect(nodes.slice(i + 1, nodes.indexOf(table as never)).every((n) => n.type !== 'TABLE' && !n.text)).toBe(true);
    expect(table.cells.slice(1).map((r) => r[0])).toEqual(['令和4年度', '令和5年度']);
    const one = sampleSession();
    one.run('createReport');
    const d1 = one.runtime.globals.DocumentApp as unknown as import('../../src/local/gas/document').LocalDocumentApp;
    expect(d1.localStructure(d1.localDocumentIds().at(-1)!).some((n) => n.type !== 'TABLE' && n.text.includes('年度ごとの評価の推移'))).toBe(false);
  });
});

describe('the 総括 says what changed since the previous year (issue 12)', () => {
  test('evaluating 令和5年度 with 令和4年度 on the sheet: the counts then and now, and the plans that moved', () => {
    const s = sampleSession((g) => {
      const header = g['プラン・指標'][0] as string[];
      const r4 = header.indexOf('令和4年度実績');
      const r5 = header.indexOf('令和5年度実績');
      const id = header.indexOf('プランID');
      for (const row of g['プラン・指標'].slice(1)) if (row[r4] !== '') row[r5] = row[r4];
      // 1-1 had 1,049件 against 600件 (A) in 令和4年度; in 令和5年度 it falls to 300件 (208件 → 300件 of 600件: C).
      const p11 = g['プラン・指標'].find((row) => row[id] === '1-1')!;
      p11[r5] = '300件';
      const year = g['設定'].find((row) => row[0] === '評価年度')!;
      year[1] = '令和5年度';
    });
    s.run('createReport');
    const docs = s.runtime.globals.DocumentApp as unknown as import('../../src/local/gas/document').LocalDocumentApp;
    const nodes = docs.localStructure(docs.localDocumentIds().at(-1)!);
    // Word joiners keep figures with their units on one line (core/tokens.ts); they are not text.
    const text = nodes.map((n) => (n.type === 'TABLE' ? n.cells.flat().join('\n') : n.text)).join('\n').replace(/\u2060/g, '');
    expect(text).toMatch(/前年度（令和4年度、現在の入力から同じ方法で計算した年度末の評価）と比べると、A・B評価のプランは\d+件から\d+件（−1件）/);
    expect(text).toContain('前年度から評価が下がったプラン（1件）');
    expect(text).toMatch(/・1-1 子育て支援アプリ.+：A → [CD]/);
    expect(text).toContain('前年度から評価が上がったプラン（0件）');
  });
});
