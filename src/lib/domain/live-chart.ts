/**
 * The broadcast screen's bar race for one page of places (live-pages.ts says which): how names
 * fit, the colours, and the ECharts option. Categories stay in subject order and `realtimeSort`
 * moves the bars, so a new snapshot animates bars into their new places instead of redrawing.
 * Design: docs/LIVE.md, "The screen".
 */
import type { ChartOption } from '$lib/charts/options/option';
import type { LiveEntry, LiveSnapshot } from './live-snapshot';
import { pageRange, rankedSlots, type ChartSnapshot, type PagePlan } from './live-pages';

/** Bright on the dark screen and distinct for colour-blind viewers (Okabe–Ito, lightened). */
export const screenPalette = ['#56b4e9', '#e69f00', '#33c79a', '#f0e442', '#cc79a7', '#ff7f50'];
/** With more subjects than colours (or in a sealed reveal): one colour, the leader in gold. */
export const barColour = '#56b4e9';
export const leaderColour = '#ffd54f';

/** Width of text in ems, for bold CJK type: ideographs and full-width forms one em, Latin less. */
export function textEm(text: string): number {
	let em = 0;
	for (const ch of text) {
		const code = ch.codePointAt(0) ?? 0;
		if (code >= 0x1100 || (code >= 0x2000 && code <= 0x206f)) em += 1;
		else if (ch === ' ') em += 0.3;
		else if (/[A-Z]/.test(ch)) em += 0.72;
		else em += 0.6;
	}
	return em;
}

/** Greedy lines of at most `maxEm`: CJK breaks anywhere, Latin words at spaces when it can. */
function wrap(text: string, maxEm: number, maxLines: number): string[] | null {
	const tokens = text.match(/[\x21-\x7e]+| |[^\s]/gu) ?? [];
	const lines: string[] = [];
	let line = '';
	const push = () => {
		lines.push(line.trimEnd());
		line = '';
	};
	for (const token of tokens) {
		if (textEm(line + token) <= maxEm) {
			if (line !== '' || token !== ' ') line += token;
			continue;
		}
		if (line.trim() !== '') push();
		if (token === ' ') continue;
		// A word longer than a line is cut by characters.
		for (const ch of textEm(token) <= maxEm ? [token] : [...token]) {
			if (textEm(line + ch) > maxEm) push();
			line += ch;
		}
	}
	if (line.trim() !== '') push();
	return lines.length <= maxLines ? lines : null;
}

/**
 * A name in at most `maxLines` lines of `maxEm`. Too long for them, it is cut in the middle,
 * keeping its start and more of its end: names in one list often share a long start
 * (中共济川市委组织部 / 宣传部 / 统战部) and differ at the end.
 */
export function fitName(label: string, maxEm: number, maxLines = 2): string[] {
	const text = label.trim().replace(/\s+/g, ' ');
	const whole = wrap(text, maxEm, maxLines);
	if (whole) return whole;
	const chars = [...text];
	for (let keep = chars.length - 1; keep >= 1; keep--) {
		const head = Math.max(1, Math.floor(keep * 0.4));
		const cut = `${chars.slice(0, head).join('').trimEnd()}…${chars
			.slice(chars.length - (keep - head))
			.join('')
			.trimStart()}`;
		const lines = wrap(cut, maxEm, maxLines);
		if (lines) return lines;
	}
	return ['…'];
}

export interface BarDatum {
	name: string;
	value: number;
	subjectId: number;
}

/** Rates travel as fractions; the screen shows percentages. */
function barValue(entry: LiveEntry, basis: LiveSnapshot['basis']): number {
	return basis === 'rate' ? (entry.value as number) * 100 : (entry.value as number);
}

/** Ranked subjects with a figure, in subject-id order (the order realtimeSort starts from). */
export function barData(snapshot: Pick<LiveSnapshot, 'ranking' | 'basis'>): BarDatum[] {
	return snapshot.ranking
		.filter((e) => e.value !== null && e.position !== null)
		.map((e) => ({ name: e.label, value: barValue(e, snapshot.basis), subjectId: e.subjectId }))
		.sort((a, b) => a.subjectId - b.subjectId);
}

export function decimalsFor(basis: LiveSnapshot['basis']): number {
	return basis === 'picks' ? 0 : 2;
}

/**
 * A colour per subject while the palette has one for each (the same wherever it moves);
 * otherwise, and in a sealed reveal (where hidden subjects are unknown), one colour for all
 * with the leader in gold: colours that repeat would pair subjects that have nothing in common.
 */
export function barColours(snapshot: ChartSnapshot): Map<number, string> {
	const ids = snapshot.ranking.map((e) => e.subjectId).sort((a, b) => a - b);
	const distinct = snapshot.policy === 'running' && ids.length <= screenPalette.length;
	return new Map(
		snapshot.ranking.map((e) => [
			e.subjectId,
			distinct
				? screenPalette[ids.indexOf(e.subjectId)]
				: e.position === 1
					? leaderColour
					: barColour
		])
	);
}

/** Rich-text markup must not be broken by braces in a name. */
const plain = (text: string) =>
	text.replace(/[{}|]/g, (c) => ({ '{': '｛', '}': '｝' })[c] ?? '｜');

function valueText(value: number, basis: LiveSnapshot['basis']): string {
	return `${value.toFixed(decimalsFor(basis))}${basis === 'rate' ? '%' : ''}`;
}

/** The option for one page of places: place, name (one or two lines), bar, figure. */
export function barRaceOption(
	snapshot: ChartSnapshot,
	plan: PagePlan,
	page: number,
	width: number
): ChartOption {
	const slots = rankedSlots(snapshot);
	const { from, to } = pageRange(plan, page);
	const onPage = slots
		.filter((s) => s.slot >= from - 1 && s.slot <= to - 1)
		.sort((a, b) => a.entry.subjectId - b.entry.subjectId);
	const font = plan.fontSize;
	const lineHeight = Math.round(font * 1.12);
	const twoLines = plan.rowHeight * 0.96 >= 2 * lineHeight;
	// Columns sized over every ranked subject, so they do not jump when the page turns.
	const placeWidth = Math.ceil(font * (String(snapshot.places).length * 0.6 + 0.5));
	// Names take one line while the longest fits in 40% of the width; then two, then a cut.
	const longest = Math.max(2, ...slots.map((s) => textEm(s.entry.label)));
	const nameEm = Math.min(longest + 0.5, (width * 0.4) / font);
	const values = slots.map((s) => barValue(s.entry, snapshot.basis));
	const valueWidth = Math.ceil(
		font * Math.max(3, ...values.map((v) => textEm(valueText(v, snapshot.basis)))) + font * 0.6
	);
	const margin = Math.round(font * 0.5);
	const labels = new Map(
		onPage.map(({ entry }) => {
			const lines = fitName(entry.label, nameEm, twoLines ? 2 : 1).map(plain);
			const rest = lines.slice(1).map((l) => `\n{place| }{name|${l}}`);
			return [
				String(entry.subjectId),
				`{place|${entry.position}}{name|${lines[0]}}${rest.join('')}`
			];
		})
	);
	const colours = barColours(snapshot);
	const top = onPage.length ? Math.min(...onPage.map((s) => s.slot)) - (from - 1) : 0;
	const text = { color: '#ffffff', fontSize: font, fontWeight: 'bold' as const, lineHeight };
	return {
		animationDuration: 0,
		animationDurationUpdate: 900,
		animationEasing: 'linear',
		animationEasingUpdate: 'linear',
		grid: {
			left: placeWidth + Math.ceil(nameEm * font) + margin,
			right: valueWidth,
			top: Math.round(top * plan.rowHeight),
			height: Math.round(onPage.length * plan.rowHeight),
			containLabel: false
		},
		xAxis: {
			type: 'value',
			min: 0,
			// Pages share one scale, so a bar on page 2 compares with one on page 1.
			max: snapshot.basis === 'picks' ? Math.max(1, ...values) : 100,
			show: false
		},
		yAxis: {
			type: 'category',
			inverse: true,
			data: onPage.map((s) => String(s.entry.subjectId)),
			axisLine: { show: false },
			axisTick: { show: false },
			axisLabel: {
				margin,
				formatter: (value: string) => labels.get(value) ?? '',
				rich: {
					place: { ...text, color: leaderColour, width: placeWidth, align: 'left' },
					name: { ...text, width: Math.ceil(nameEm * font), align: 'left' }
				}
			},
			animationDuration: 300,
			animationDurationUpdate: 300
		},
		series: [
			{
				type: 'bar',
				realtimeSort: true,
				barWidth: Math.round(plan.rowHeight * 0.6),
				data: onPage.map((s) => ({
					value: barValue(s.entry, snapshot.basis),
					itemStyle: { color: colours.get(s.entry.subjectId) }
				})),
				label: {
					show: true,
					position: 'right',
					valueAnimation: true,
					...text,
					formatter: (p: { value: unknown }) => valueText(Number(p.value), snapshot.basis)
				}
			}
		]
	};
}
