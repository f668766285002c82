import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	barColour,
	barColours,
	barData,
	barRaceOption,
	fitName,
	leaderColour,
	textEm
} from './live-chart';
import {
	currentPage,
	pageKey,
	pageRange,
	planPages,
	rankedSlots,
	referenceBox,
	tablePage,
	type PagePlan
} from './live-pages';
import type { LiveEntry, LiveSnapshot } from './live-snapshot';

const entry = (subjectId: number, value: number | null, position: number | null): LiveEntry => ({
	subjectId,
	label: `单位${subjectId}`,
	display: value === null ? null : value.toFixed(2),
	value,
	position
});

type ChartSnapshot = Pick<LiveSnapshot, 'ranking' | 'basis' | 'policy' | 'order' | 'places'>;

/** `n` ranked subjects, subject n + 1 - i in place i (so ids and places run opposite ways). */
function running(n: number): ChartSnapshot {
	const ranking = Array.from({ length: n }, (_, i) => entry(n - i, 99 - i, i + 1));
	return { ranking, basis: 'score', policy: 'running', order: 'bottom_up', places: n };
}

/** A sealed bottom-up reveal of `revealed` of `n` places. */
function sealed(n: number, revealed: number, order: 'bottom_up' | 'top_down' = 'bottom_up') {
	const all = running(n).ranking;
	const ranking = order === 'bottom_up' ? all.slice(n - revealed) : all.slice(0, revealed);
	return { ranking, basis: 'score', policy: 'sealed', order, places: n } satisfies ChartSnapshot;
}

/** The chart area of the 1920×1080 screen (beside the audience column it is narrower). */
const fullHd = { width: 1800, height: 800, screenHeight: 1080 };

type Option = ReturnType<typeof barRaceOption>;
const series = (o: Option) =>
	(Array.isArray(o.series) ? o.series[0] : o.series) as {
		data: { value: number; itemStyle: { color: string } }[];
		label: { fontSize: number };
	};
const yAxis = (o: Option) =>
	o.yAxis as {
		data: string[];
		axisLabel: {
			fontSize?: number;
			formatter: (v: string) => string;
			rich: Record<string, { fontSize: number }>;
		};
	};
const grid = (o: Option) => o.grid as { top: number; height: number };
const axisLabels = (o: Option) => yAxis(o).data.map((id) => yAxis(o).axisLabel.formatter(id));

describe('pages of places', () => {
	it('fits eight subjects on one page and spreads thirty over three pages of ten', () => {
		expect(planPages(8, fullHd)).toMatchObject({ pages: 1, perPage: 8 });
		const thirty = planPages(30, fullHd);
		expect(thirty).toMatchObject({ pages: 3, perPage: 10 });
		expect([0, 1, 2].map((p) => pageRange(thirty, p))).toEqual([
			{ from: 1, to: 10 },
			{ from: 11, to: 20 },
			{ from: 21, to: 30 }
		]);
	});

	it('never sets type below 32 px at 1080 lines, nor rows that overflow, whatever the count', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 400 }),
				fc.integer({ min: 300, max: 2000 }),
				fc.integer({ min: 720, max: 2160 }),
				(places, height, screenHeight) => {
					const plan = planPages(places, { width: 1600, height, screenHeight });
					expect(plan.fontSize).toBeGreaterThanOrEqual((32 * screenHeight) / 1080 - 1);
					expect(plan.perPage).toBeLessThanOrEqual(12);
					expect(plan.perPage * plan.pages).toBeGreaterThanOrEqual(places);
					expect((plan.pages - 1) * plan.perPage).toBeLessThan(places);
					expect(plan.perPage * plan.rowHeight).toBeLessThanOrEqual(height + 1e-9);
					// Type fits its row: the bar's gap, or a name on two lines when not at minimum.
					expect(plan.fontSize).toBeLessThanOrEqual(plan.rowHeight * 0.42 + 1);
				}
			)
		);
	});

	it('turns pages on the wall clock while the ranking runs', () => {
		const snapshot = running(30);
		const plan = planPages(30, fullHd);
		expect([0, 9_999, 10_000, 25_000, 30_000].map((t) => currentPage(snapshot, plan, t))).toEqual([
			0, 0, 1, 2, 0
		]);
		expect(currentPage(running(8), planPages(8, fullHd), 25_000)).toBe(0);
	});

	it('holds the page with the place revealed last during a sealed reveal', () => {
		const plan = planPages(30, fullHd);
		expect(rankedSlots(sealed(30, 3)).map((s) => [s.slot, s.entry.position])).toEqual([
			[27, 28],
			[28, 29],
			[29, 30]
		]);
		for (const t of [0, 10_000, 20_000]) expect(currentPage(sealed(30, 3), plan, t)).toBe(2);
		expect(currentPage(sealed(30, 11), plan, 0)).toBe(1);
		expect(currentPage(sealed(30, 30), plan, 0)).toBe(0);
		expect(currentPage(sealed(30, 12, 'top_down'), plan, 0)).toBe(1);
	});
});

describe('names', () => {
	it('tells apart names that share a long start', () => {
		const names = ['中共济川市委组织部', '中共济川市委宣传部', '中共济川市委统一战线工作部'];
		const fitted = names.map((n) => fitName(n, 6, 2).join(''));
		expect(new Set(fitted).size).toBe(3);
		expect(fitted[0]).toBe('中共济川市委组织部');
		expect(fitName('中共济川市委统一战线工作部', 4, 2)).toEqual(['中共…战', '线工作部']);
	});

	it('keeps every line within its width and the end of a cut name', () => {
		const name = fc
			.array(fc.constantFrom('济', '川', '市', '局', ' ', 'A', 'b', '1', '（', '）', 'Bureau'), {
				minLength: 1,
				maxLength: 40
			})
			.map((parts) => parts.join(''))
			.filter((s) => s.trim() !== '');
		fc.assert(
			fc.property(name, fc.integer({ min: 3, max: 12 }), fc.constantFrom(1, 2), (label, em, n) => {
				const lines = fitName(label, em, n);
				expect(lines.length).toBeGreaterThan(0);
				expect(lines.length).toBeLessThanOrEqual(n);
				for (const line of lines) expect(textEm(line)).toBeLessThanOrEqual(em);
				const text = label.trim().replace(/\s+/g, ' ');
				if (lines.join('').includes('…') && !text.includes('…'))
					expect(text.replace(/ /g, '').endsWith(lines.at(-1)!.slice(-1))).toBe(true);
			})
		);
	});

	it('wraps Latin names at spaces', () => {
		expect(fitName('Bureau of Civil Affairs', 8, 2)).toEqual(['Bureau of', 'Civil Affairs']);
	});
});

describe('colours', () => {
	it('gives each of a few subjects its own colour, the same wherever it stands', () => {
		const few = barColours(running(6));
		expect(new Set(few.values()).size).toBe(6);
		const moved = running(6);
		moved.ranking = [...moved.ranking].reverse().map((e, i) => ({ ...e, position: i + 1 }));
		expect(barColours(moved)).toEqual(few);
	});

	it('uses one colour with the leader in gold when there are more subjects than colours', () => {
		for (const snapshot of [running(8), running(30), sealed(4, 4)]) {
			const colours = barColours(snapshot);
			for (const e of snapshot.ranking)
				expect(colours.get(e.subjectId)).toBe(e.position === 1 ? leaderColour : barColour);
		}
		// Subjects 1 and 8 no longer share a palette colour while standing apart.
		const eight = barColours(running(8));
		expect(eight.get(1)).toBe(barColour);
		expect(eight.get(8)).toBe(leaderColour);
	});
});

describe('the bar race option', () => {
	it('keeps bars in subject order and leaves out subjects without a figure', () => {
		const ranking = [entry(3, 90, 1), entry(1, 80, 2), entry(2, null, null)];
		expect(barData({ ranking, basis: 'score' })).toEqual([
			{ name: '单位1', value: 80, subjectId: 1 },
			{ name: '单位3', value: 90, subjectId: 3 }
		]);
	});

	it('shows rates as percentages', () => {
		const rates = [entry(1, 0.925, 1)];
		expect(barData({ ranking: rates, basis: 'rate' })[0].value).toBeCloseTo(92.5);
	});

	it('sorts in real time and gives a subject the same colour wherever it stands', () => {
		const plan = planPages(3, fullHd);
		const first = barRaceOption(running(3), plan, 0, 1800);
		const moved = running(3);
		moved.ranking = [entry(1, 99, 1), entry(3, 98, 2), entry(2, 97, 3)];
		const second = barRaceOption(moved, plan, 0, 1800);
		expect(series(first)).toMatchObject({ type: 'bar', realtimeSort: true });
		const colours = (o: Option) => series(o).data.map((d) => d.itemStyle.color);
		expect(colours(first)).toEqual(colours(second));
	});

	it('draws one page of thirty with its place on every bar, at a readable size', () => {
		const snapshot = running(30);
		const plan = planPages(30, fullHd);
		const option = barRaceOption(snapshot, plan, 1, 1800);
		expect(yAxis(option).data).toHaveLength(10);
		const places = axisLabels(option).map((l) => Number(/\{place\|(\d+)\}/.exec(l)?.[1]));
		expect(places.sort((a, b) => a - b)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
		expect(series(option).label.fontSize).toBeGreaterThanOrEqual(32);
		expect(yAxis(option).axisLabel.rich.name.fontSize).toBe(series(option).label.fontSize);
		expect(grid(option).height).toBeLessThanOrEqual(800);
	});

	it('puts the first places of a bottom-up reveal in their own rows, numbered', () => {
		const plan: PagePlan = planPages(30, fullHd);
		const option = barRaceOption(sealed(30, 3), plan, 2, 1800);
		expect(axisLabels(option).map((l) => /\{place\|(\d+)\}/.exec(l)?.[1])).toEqual([
			'30',
			'29',
			'28'
		]);
		// Places 21–27 are still hidden: the three bars stand in the last three rows.
		expect(grid(option).top).toBe(Math.round(7 * plan.rowHeight));
		expect(grid(option).height).toBe(Math.round(3 * plan.rowHeight));
	});

	it('writes a long name on two lines rather than cutting it', () => {
		const snapshot = running(30);
		snapshot.ranking[0] = {
			...snapshot.ranking[0],
			label: '济川市人力资源和社会保障局劳动保障监察支队'
		};
		const option = barRaceOption(snapshot, planPages(30, fullHd), 0, 1300);
		const label = axisLabels(option).find((l) => l.includes('济川'))!;
		expect(label.split('\n')).toHaveLength(2);
		// The others fit on one line.
		expect(axisLabels(option).filter((l) => l.includes('\n'))).toHaveLength(1);
		expect(label.replace(/\{[a-z]+\||\}|\n| /g, '')).toBe(
			'1济川市人力资源和社会保障局劳动保障监察支队'
		);
	});

	it('rebuilds the chart only when the subjects on the page change', () => {
		const plan = planPages(30, fullHd);
		const before = running(30);
		const swapped = running(30);
		swapped.ranking = swapped.ranking.map((e) =>
			e.position === 1 ? { ...e, position: 2 } : e.position === 2 ? { ...e, position: 1 } : e
		);
		expect(pageKey(swapped, plan, 0)).toBe(pageKey(before, plan, 0));
		const across = running(30);
		[across.ranking[9], across.ranking[10]] = [across.ranking[10], across.ranking[9]];
		expect(pageKey(across, plan, 0)).not.toBe(pageKey(before, plan, 0));
	});
});

describe('the static table', () => {
	it('pages thirty rows for 1080 lines and turns to the next page, then back to the first', () => {
		const snapshot = running(30);
		const first = tablePage(snapshot, null);
		expect(first).toMatchObject({ page: 0, pages: 3, from: 1, to: 10, next: 1 });
		expect(first.rows).toHaveLength(10);
		expect(tablePage(snapshot, 2)).toMatchObject({ from: 21, to: 30, next: 0 });
		expect(tablePage(snapshot, 99).page).toBe(2);
		expect(tablePage(running(8), null)).toMatchObject({ pages: 1, next: 0 });
		expect(planPages(30, referenceBox).perPage).toBe(10);
	});

	it('holds the newest revealed places during a sealed reveal', () => {
		expect(tablePage(sealed(30, 3), 1)).toMatchObject({ page: 0, from: 28, to: 30, next: null });
		expect(tablePage(sealed(30, 12, 'top_down'), null)).toMatchObject({ page: 1, from: 7, to: 12 });
	});
});
