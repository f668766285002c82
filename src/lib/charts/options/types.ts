/** The plain data the trend pages hand to option builders and tables (client-safe: no server imports). */

export type IndicatorUnitName = 'score' | 'percent' | 'rank';

export interface TrendIndicator {
	key: string;
	name: string;
	unit: IndicatorUnitName;
	precision: number;
	higherIsBetter: boolean;
}

export interface TrendRegion {
	id: number;
	code: string;
	name: string;
}

export interface TrendPoint {
	regionId: number;
	year: number;
	/** Exact decimal text as stored. */
	value: string;
	rank: number | null;
	peers: number | null;
	source: 'imported' | 'computed';
	/** Imported values: index of their source in `TrendData.documents` (absent when none is recorded). */
	document?: number;
	/** Computed values: the published campaign they come from. */
	campaignId?: number;
}

/**
 * Where imported values come from, as stored on import: the document the file's 来源 column named,
 * else (no document named) the uploaded file. Listed once per series, not per value.
 */
export interface TrendDocument {
	/** The 来源 text exactly as imported (`演示数据（虚构）/ demo data (fictional)`). */
	title: string | null;
	/** The uploaded file's name, given only when the rows name no document. */
	file: string | null;
}

export interface AveragePoint {
	year: number;
	/** Exact decimal text of the average over the peer regions (SQL AVG on numeric). */
	value: string;
	/** How many regions the average covers that year. */
	count: number;
}

export interface TrendData {
	indicator: TrendIndicator;
	years: number[];
	regions: TrendRegion[];
	points: TrendPoint[];
	averages: AveragePoint[];
	/** The distinct sources of the imported points, which refer to them by index. */
	documents: TrendDocument[];
	/** "济川市平均" or "Average of 济川市"; empty when no average applies. */
	averageLabel: string;
}

/** Words the builders put into the charts; the page passes them in the request's language. */
export interface ChartLabels {
	value: string;
	rank: string;
	year: string;
	/** The heatmap's legend entry for a region and year without a value. */
	noData: string;
}
