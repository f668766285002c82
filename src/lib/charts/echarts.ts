/**
 * The only place ECharts is assembled: `echarts/core` plus exactly the charts and components the
 * dashboards use, so the bundle stays small. Imported dynamically by EChart.svelte on mount, which
 * keeps ECharts out of server rendering and out of every page that shows no chart (the ballot form).
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
	DataZoomComponent,
	GridComponent,
	LegendComponent,
	TitleComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
	LineChart,
	BarChart,
	HeatmapChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	VisualMapComponent,
	DataZoomComponent,
	// Small multiples name each panel with a title.
	TitleComponent,
	CanvasRenderer
]);

export { init };
