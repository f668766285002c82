// The part of autocannon's programmatic API the benchmarks use (the package ships no types).
declare module 'autocannon' {
	interface Histogram {
		average: number;
		mean: number;
		min: number;
		max: number;
		p50: number;
		p90: number;
		p99: number;
		total: number;
	}
	interface Options {
		url: string;
		connections?: number;
		pipelining?: number;
		duration?: number;
		amount?: number;
		method?: string;
		headers?: Record<string, string>;
		body?: string;
		timeout?: number;
	}
	interface Result {
		requests: Histogram;
		latency: Histogram;
		throughput: Histogram;
		duration: number;
		errors: number;
		timeouts: number;
		non2xx: number;
		'2xx': number;
		statusCodeStats: Record<string, { count: number }>;
	}
	function autocannon(options: Options): Promise<Result>;
	export default autocannon;
}
