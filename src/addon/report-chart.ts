// The report's charts through the built-in Charts service: the same spec (core/chart.ts) that is
// drawn as SVG locally, here a server-side PNG with Japanese labels, a legend and the rating
// colours. One stacked bar chart per figure: one series per rating, so each bar has its colour.
import type { ChartSpec } from '../core/chart';
import { CHART_FONT } from '../core/chart';

/** The chart as a PNG blob from the Charts service. */
export function chartBlob(spec: ChartSpec, C: GoogleAppsScript.Charts.Charts = Charts): GoogleAppsScript.Base.Blob {
  const table = C.newDataTable().addColumn(C.ColumnType.STRING, '区分');
  for (const s of spec.series) table.addColumn(C.ColumnType.NUMBER, s.name);
  spec.categories.forEach((c, i) => table.addRow([c, ...spec.series.map((s) => s.values[i])]));
  const chart = C.newBarChart()
    .setDataTable(table)
    .setStacked()
    .setTitle(spec.title)
    .setColors(spec.series.map((s) => s.color))
    .setDimensions(spec.width, spec.height)
    .setLegendPosition(C.Position.BOTTOM)
    .setRange(spec.axis.min, spec.axis.max)
    .setXAxisTitle(spec.axis.title)
    // The thresholds are ticks, so their gridlines are labelled (e.g. 50% and 80%).
    .setOption('hAxis.ticks', spec.axis.ticks)
    .setOption('hAxis.format', `#'${spec.axis.unit}'`)
    .setOption('fontName', CHART_FONT)
    .build();
  return chart.getAs('image/png');
}
