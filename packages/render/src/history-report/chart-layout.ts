/** Width of every chart's viewBox; the page scales it to the column. */
export const chartWidth = 960;
/** The plot area's edges inside the viewBox: the value axis labels sit left of it. */
export const plotLeft = 76;
export const plotRight = chartWidth - 24;
