/**
 * Which places of the broadcast screen are on screen: how many rows fit at a readable size, the
 * pages they make, which page shows now (turned by the wall clock, held during a sealed reveal),
 * and the page of the static table shown without JavaScript. Design: docs/LIVE.md, "The screen".
 */
import type { LiveEntry, LiveSnapshot } from './live-snapshot';

export type ChartSnapshot = Pick<LiveSnapshot, 'ranking' | 'basis' | 'policy' | 'order' | 'places'>;

/** Type sizes at a 1080-line picture, scaled with the screen's height. */
const minFont = 32;
const maxFont = 60;
/** Type height over row height: room for the bar's gap and for a name on two lines. */
const fontPerRow = 0.42;
export const maxRowsPerPage = 12;
/** How long a page stays on screen when the places do not fit on one. */
export const pageSeconds = 10;

/** What the chart has to fit in, in CSS pixels. */
export interface ScreenBox {
	width: number;
	height: number;
	/** The whole picture's height (the window's), which scales the type. */
	screenHeight: number;
}

/** The picture the static (no-JavaScript) table is laid out for: 1920×1080 less header. */
export const referenceBox: ScreenBox = { width: 1800, height: 780, screenHeight: 1080 };

export interface PagePlan {
	places: number;
	pages: number;
	perPage: number;
	rowHeight: number;
	fontSize: number;
}

/**
 * As many rows as fit with type no smaller than the minimum (and never more than twelve), then
 * the places spread evenly over the pages needed: 30 places at 1080 lines are three pages of ten,
 * not 12 + 12 + 6.
 */
export function planPages(places: number, box: ScreenBox): PagePlan {
	const scale = Math.max(box.screenHeight, 360) / 1080;
	const [low, high] = [minFont * scale, maxFont * scale];
	const fit = Math.floor(box.height / (low / fontPerRow));
	const capacity = Math.max(1, Math.min(maxRowsPerPage, fit));
	const pages = Math.max(1, Math.ceil(places / capacity));
	const perPage = Math.max(1, Math.ceil(places / pages));
	const rowHeight = Math.min(box.height / perPage, high / fontPerRow);
	const fontSize = Math.min(high, Math.max(low, Math.floor(rowHeight * fontPerRow)));
	return { places, pages, perPage, rowHeight, fontSize };
}

/** Places (1-based, inclusive) on a page (0-based). */
export function pageRange(plan: PagePlan, page: number): { from: number; to: number } {
	const from = page * plan.perPage + 1;
	return { from, to: Math.min(plan.places, from + plan.perPage - 1) };
}

export interface Slot {
	entry: LiveEntry;
	/** 0-based place slot: 0 is first place. A bottom-up reveal fills the last slots first. */
	slot: number;
}

/** Ranked entries with the slot each one stands in, best first. */
export function rankedSlots(snapshot: ChartSnapshot): Slot[] {
	const ranked = snapshot.ranking.filter((e) => e.position !== null && e.value !== null);
	const fromBottom = snapshot.policy === 'sealed' && snapshot.order === 'bottom_up';
	const offset = fromBottom ? Math.max(0, snapshot.places - ranked.length) : 0;
	return ranked.map((entry, i) => ({ entry, slot: offset + i }));
}

/**
 * The page on screen: during a sealed reveal the one holding the place revealed last (held until
 * the next reveal); otherwise pages turn every `seconds`, on the wall clock, so every screen of
 * a broadcast shows the same page.
 */
export function currentPage(
	snapshot: ChartSnapshot,
	plan: PagePlan,
	nowMs: number,
	seconds = pageSeconds
): number {
	if (snapshot.policy === 'sealed') {
		const slots = rankedSlots(snapshot);
		if (slots.length === 0) return 0;
		const newest = snapshot.order === 'bottom_up' ? slots[0].slot : slots[slots.length - 1].slot;
		return Math.min(plan.pages - 1, Math.floor(newest / plan.perPage));
	}
	return Math.floor(nowMs / (seconds * 1000)) % plan.pages;
}

/** A stable key of the subjects on a page: the chart is rebuilt, not merged, when it changes. */
export function pageKey(snapshot: ChartSnapshot, plan: PagePlan, page: number): string {
	const { from, to } = pageRange(plan, page);
	return rankedSlots(snapshot)
		.filter((s) => s.slot >= from - 1 && s.slot <= to - 1)
		.map((s) => s.entry.subjectId)
		.sort((a, b) => a - b)
		.join(',');
}

export interface TablePage {
	rows: LiveEntry[];
	/** 0-based. */
	page: number;
	pages: number;
	/** Rows a page holds (the last may hold fewer): the table's rows are sized for this many. */
	perPage: number;
	/** Ranked places shown, for the page indicator; null when the page holds none. */
	from: number | null;
	to: number | null;
	/** The page the static screen turns to next; null while a sealed reveal holds its page. */
	next: number | null;
}

/**
 * The static table's page (the screen without JavaScript, laid out for 1080 lines): the listed
 * entries in order, as many a page as the chart would show; during a sealed reveal the page
 * with the place revealed last.
 */
export function tablePage(snapshot: ChartSnapshot, requested: number | null): TablePage {
	const plan = planPages(snapshot.ranking.length, referenceBox);
	const sealed = snapshot.policy === 'sealed';
	const ranked = snapshot.ranking.filter((e) => e.position !== null).length;
	const newest = snapshot.order === 'bottom_up' ? 0 : Math.max(0, ranked - 1);
	const wanted = sealed ? Math.floor(newest / plan.perPage) : (requested ?? 0);
	const page = Math.min(plan.pages - 1, Math.max(0, Math.trunc(wanted) || 0));
	const rows = snapshot.ranking.slice(page * plan.perPage, (page + 1) * plan.perPage);
	const positions = rows.flatMap((e) => (e.position === null ? [] : [e.position]));
	return {
		rows,
		page,
		pages: plan.pages,
		perPage: plan.perPage,
		from: positions.length ? Math.min(...positions) : null,
		to: positions.length ? Math.max(...positions) : null,
		next: sealed ? null : (page + 1) % plan.pages
	};
}
