// Contract tests of the local Charts service, each naming its reference page.
import { CallCounter } from '../../../src/local/gas/counter';
import { LocalCharts } from '../../../src/local/gas/charts';
import { chartBlob } from '../../../src/addon/report-chart';
import { chartPng } from '../../../src/local/chart-png';
import type { ChartSpec } from '../../../src/core/chart';

const charts = (): { C: LocalCharts; counter: CallCounter } => {
  const counter = new CallCounter();
  return { C: new LocalCharts(counter), counter };
};

const SPEC: ChartSpec = {
  title: '基本目標別 A・B評価のプランの割合',
  categories: ['1 子育て支援', '2 学校教育', '3 健康（評価不能）'],
  series: [
    { name: '良好', color: '#4e8f3a', values: [100, null, null] },
    { name: '概ね良好', color: '#d49a00', values: [null, 57.1, null] },
  ],
  axis: { min: 0, max: 100, ticks: [0, 50, 80, 100], unit: '%', title: 'A・B評価の割合' },
  width: 640,
  height: 190,
};

describe('Charts.newDataTable (reference: charts/data-table-builder)', () => {
  test('columns then rows; missing values are null; build returns the table', () => {
    const { C } = charts();
    const t = C.newDataTable().addColumn(C.ColumnType.STRING, 'Month').addColumn(C.ColumnType.NUMBER, 'In Store')
      .addRow(['January', 10]).addRow(['February']).build();
    expect(t.columns.map((c) => c.label)).toEqual(['Month', 'In Store']);
    expect(t.rows).toEqual([['January', 10], ['February']]);
  });

  test('build throws when the table is empty or malformed', () => {
    const { C } = charts();
    expect(() => C.newDataTable().build()).toThrow(/empty/);
    expect(() => C.newDataTable().addColumn(C.ColumnType.NUMBER, 'n').build()).toThrow(/empty/);
    expect(() => C.newDataTable().addColumn(C.ColumnType.NUMBER, 'n').addRow(['ten']).build()).toThrow(/not a number/);
    expect(() => C.newDataTable().addColumn(C.ColumnType.NUMBER, 'n').addRow([1, 2]).build()).toThrow(/more values/);
  });
});

describe('Charts.newBarChart (reference: charts/bar-chart-builder, charts/chart)', () => {
  test('build without a data table throws (reference silent: the stricter choice)', () => {
    const { C } = charts();
    expect(() => C.newBarChart().setTitle('x').build()).toThrow(/setDataTable/);
  });

  test('setDimensions takes positive integers', () => {
    const { C } = charts();
    expect(() => C.newBarChart().setDimensions(640.5 as number, 100)).toThrow(/positive integers/);
  });

  test('getAs("image/png") returns a PNG of the chart size; other types throw locally', () => {
    const { C } = charts();
    const chart = C.newBarChart().setDataTable(C.newDataTable().addColumn(C.ColumnType.STRING, 'x').addColumn(C.ColumnType.NUMBER, 'y').addRow(['a', 1]))
      .setDimensions(300, 200).build();
    const blob = chart.getAs('image/png');
    expect(blob.getContentType()).toBe('image/png');
    const bytes = Buffer.from(blob.getBytes().map((b) => b & 0xff));
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([300, 200]);
    expect(() => chart.getAs('application/pdf')).toThrow(/image\/png only/);
  });

  test('the report builds every part of its spec into the chart: the picture is the spec', () => {
    const { C, counter } = charts();
    const blob = chartBlob(SPEC, C as unknown as GoogleAppsScript.Charts.Charts);
    const bytes = Buffer.from(blob.getBytes().map((b) => b & 0xff));
    expect(bytes.equals(chartPng(SPEC, 1).bytes)).toBe(true);
    // One chart: builder calls, not calls per value.
    expect(counter.total('Charts.')).toBe(2);
    expect(counter.total('Chart.getAs')).toBe(1);
  });
});
