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
	/** "济川市平均" or "Average of 济川市"; empty when no average applies. */
	averageLabel: string;
}

/** Words the builders put into the charts; the page passes them in the request's language. */
export interface ChartLabels {
	value: string;
	rank: string;
	year: string;
}
