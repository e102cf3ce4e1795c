// Charts service (https://developers.google.com/apps-script/reference/charts): the data table
// and bar chart builders the report uses, and Chart.getAs('image/png'). Apps Script renders a
// chart on Google's servers; here the builder's state (data table, colours, range, ticks,
// title, axis title, size) is drawn as SVG by the report's chart drawing and rasterized with
// resvg and a Japanese font, so a test can look at the same picture a member would get.
import type { CallCounter } from './counter';
import { LocalBlob } from './utilities';
import { svgToPng } from '../chart-png';
import { chartSvg, type ChartSpec } from '../../core/chart';

type ColumnTypeName = 'DATE' | 'NUMBER' | 'STRING';

/** https://developers.google.com/apps-script/reference/charts/column-type */
export const ColumnType = { DATE: 'DATE', NUMBER: 'NUMBER', STRING: 'STRING' } as const;
/** https://developers.google.com/apps-script/reference/charts/position */
export const Position = { TOP: 'TOP', RIGHT: 'RIGHT', BOTTOM: 'BOTTOM', NONE: 'NONE' } as const;

/** Google Charts' default series colours (used when setColors is not called). */
const DEFAULT_COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477'];
/** The reference is silent on the default size; Google Charts draws 600 × 371 without one. */
const DEFAULT_SIZE = { width: 600, height: 371 };

export class LocalDataTable {
  constructor(
    readonly columns: { type: ColumnTypeName; label: string }[],
    readonly rows: unknown[][],
  ) {}
}

/** https://developers.google.com/apps-script/reference/charts/data-table-builder */
export class LocalDataTableBuilder {
  private readonly columns: { type: ColumnTypeName; label: string }[] = [];
  private readonly rows: unknown[][] = [];

  constructor(private readonly counter: CallCounter) {}

  addColumn(type: GoogleAppsScript.Charts.ColumnType, label: string): LocalDataTableBuilder {
    this.counter.count('DataTableBuilder.addColumn');
    const t = String(type) as ColumnTypeName;
    if (!(t in ColumnType) || typeof label !== 'string') throw new Error(`DataTableBuilder.addColumn: invalid arguments (${String(type)}, ${String(label)}).`);
    this.columns.push({ type: t, label });
    return this;
  }

  addRow(values: unknown[]): LocalDataTableBuilder {
    this.counter.count('DataTableBuilder.addRow');
    if (!Array.isArray(values)) throw new Error('DataTableBuilder.addRow: values must be an array.');
    this.rows.push([...values]);
    return this;
  }

  setValue(row: number, column: number, value: unknown): LocalDataTableBuilder {
    this.counter.count('DataTableBuilder.setValue');
    while (this.rows.length <= row) this.rows.push([]);
    this.rows[row][column] = value;
    return this;
  }

  /** The reference: throws "if the data table is empty or otherwise malformed". */
  build(): LocalDataTable {
    this.counter.count('DataTableBuilder.build');
    return this.buildQuiet();
  }

  /** build() without counting (a chart builder given the builder builds it itself). */
  buildQuiet(): LocalDataTable {
    if (this.columns.length === 0 || this.rows.length === 0) throw new Error('DataTableBuilder.build: the data table is empty.');
    this.rows.forEach((r, i) => {
      if (r.length > this.columns.length) throw new Error(`DataTableBuilder.build: row ${i} has more values than columns.`);
      this.columns.forEach((c, j) => {
        const v = r[j];
        // Missing values are null (the reference); present ones must have the column's type.
        if (v === null || v === undefined) return;
        const ok = c.type === 'NUMBER' ? typeof v === 'number' && Number.isFinite(v) : c.type === 'STRING' ? typeof v === 'string' : v instanceof Date;
        if (!ok) throw new Error(`DataTableBuilder.build: row ${i}, column ${j} ("${c.label}") is not a ${c.type.toLowerCase()}.`);
      });
    });
    return new LocalDataTable(this.columns.map((c) => ({ ...c })), this.rows.map((r) => [...r]));
  }
}

interface BarChartState {
  title: string;
  data: LocalDataTable | null;
  colors: string[] | null;
  width: number;
  height: number;
  legend: string;
  range: { start: number; end: number } | null;
  stacked: boolean;
  xAxisTitle: string;
  options: Record<string, unknown>;
}

/** https://developers.google.com/apps-script/reference/charts/chart */
export class LocalChart {
  constructor(
    private readonly counter: CallCounter,
    readonly state: BarChartState,
  ) {}

  /** The picture as a spec of the report's drawing: what this chart shows. */
  spec(): ChartSpec {
    const s = this.state;
    const data = s.data as LocalDataTable;
    const series = data.columns.slice(1).map((c, k) => ({
      name: c.label,
      color: (s.colors ?? DEFAULT_COLORS)[k % (s.colors ?? DEFAULT_COLORS).length],
      values: data.rows.map((r) => (typeof r[k + 1] === 'number' ? (r[k + 1] as number) : null)),
    }));
    const totals = data.rows.map((_, i) => series.reduce((n, x) => n + (s.stacked ? x.values[i] ?? 0 : 0), 0) || Math.max(0, ...series.map((x) => x.values[i] ?? 0)));
    const min = s.range?.start ?? 0;
    const max = s.range?.end ?? Math.max(1, ...totals);
    const ticks = Array.isArray(s.options['hAxis.ticks'])
      ? (s.options['hAxis.ticks'] as unknown[]).filter((t): t is number => typeof t === 'number')
      : [0, 1, 2, 3, 4].map((i) => min + ((max - min) * i) / 4);
    // hAxis.format "#'%'" or "#'件'": the quoted literal is the unit after each tick.
    const unit = /'([^']*)'/.exec(String(s.options['hAxis.format'] ?? ''))?.[1] ?? '';
    return {
      title: s.title,
      categories: data.rows.map((r) => String(r[0] ?? '')),
      series,
      axis: { min, max, ticks, unit, title: s.xAxisTitle },
      width: s.width,
      height: s.height,
    };
  }

  /** The reference lists image formats; only PNG is drawn locally (stricter: others throw). */
  getAs(contentType: string): LocalBlob {
    this.counter.count('Chart.getAs');
    if (contentType !== 'image/png') throw new Error(`Chart.getAs: the local runtime draws charts as image/png only, not ${contentType}.`);
    return this.png();
  }

  getBlob(): LocalBlob {
    this.counter.count('Chart.getBlob');
    return this.png();
  }

  getOptions(): { get(option: string): unknown } {
    this.counter.count('Chart.getOptions');
    const s = this.state;
    const all: Record<string, unknown> = { title: s.title, colors: s.colors, width: s.width, height: s.height, isStacked: s.stacked, ...s.options };
    return { get: (option: string) => all[option] ?? null };
  }

  private png(): LocalBlob {
    // Drawn at the chart's own size, as Apps Script returns it.
    const { bytes } = svgToPng(chartSvg(this.spec()), 1);
    return new LocalBlob(this.counter, bytes, 'image/png', `${this.state.title || 'chart'}.png`);
  }
}

/** https://developers.google.com/apps-script/reference/charts/bar-chart-builder */
export class LocalBarChartBuilder {
  private readonly state: BarChartState = {
    title: '', data: null, colors: null, ...DEFAULT_SIZE, legend: 'RIGHT', range: null, stacked: false, xAxisTitle: '', options: {},
  };

  constructor(private readonly counter: CallCounter) {}

  private use(method: string): this {
    this.counter.count(`BarChartBuilder.${method}`);
    return this;
  }

  setTitle(title: string): this {
    this.state.title = String(title);
    return this.use('setTitle');
  }

  setDataTable(table: LocalDataTableBuilder | LocalDataTable): this {
    this.use('setDataTable');
    this.state.data = table instanceof LocalDataTableBuilder ? table.buildQuiet() : table;
    if (!(this.state.data instanceof LocalDataTable)) throw new Error('BarChartBuilder.setDataTable: not a data table.');
    return this;
  }

  setColors(colors: string[]): this {
    if (!Array.isArray(colors) || colors.some((c) => typeof c !== 'string')) throw new Error('BarChartBuilder.setColors: expects an array of CSS colours.');
    this.state.colors = [...colors];
    return this.use('setColors');
  }

  setDimensions(width: number, height: number): this {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new Error(`BarChartBuilder.setDimensions: width and height must be positive integers (${width}, ${height}).`);
    }
    this.state.width = width;
    this.state.height = height;
    return this.use('setDimensions');
  }

  setLegendPosition(position: GoogleAppsScript.Charts.Position): this {
    this.state.legend = String(position);
    return this.use('setLegendPosition');
  }

  setRange(start: number, end: number): this {
    this.state.range = { start, end };
    return this.use('setRange');
  }

  setStacked(): this {
    this.state.stacked = true;
    return this.use('setStacked');
  }

  setXAxisTitle(title: string): this {
    this.state.xAxisTitle = String(title);
    return this.use('setXAxisTitle');
  }

  setOption(option: string, value: unknown): this {
    this.state.options[option] = value;
    return this.use('setOption');
  }

  /** The reference is silent on a chart without data; a chart needs one, so this throws. */
  build(): LocalChart {
    this.use('build');
    if (!this.state.data) throw new Error('BarChartBuilder.build: no data table set (call setDataTable first).');
    return new LocalChart(this.counter, { ...this.state, options: { ...this.state.options } });
  }
}

/** The Charts global. */
export class LocalCharts {
  readonly ColumnType = ColumnType as unknown as typeof GoogleAppsScript.Charts.ColumnType;
  readonly Position = Position as unknown as typeof GoogleAppsScript.Charts.Position;

  constructor(private readonly counter: CallCounter) {}

  newDataTable(): LocalDataTableBuilder {
    this.counter.count('Charts.newDataTable');
    return new LocalDataTableBuilder(this.counter);
  }

  newBarChart(): LocalBarChartBuilder {
    this.counter.count('Charts.newBarChart');
    return new LocalBarChartBuilder(this.counter);
  }
}
