// What both app sections (app-postgres.ts, embedded.ts) measure the same way: a later start, and
// the server's RSS idle after a short warm-up.
import { sleep, warmUp } from './ballot-load';
import type { RunningApp } from './app';
import type { BallotFixture } from './fixtures';
import { failedRow, type BenchContext, type BenchRow } from './types';

/** Spawn to first healthy /healthz of an app started on a database that needs nothing done. */
export function laterStartRow(app: RunningApp, metric: string, note: string): BenchRow {
	return {
		section: 'start',
		metric,
		value: app.startMs / 1000,
		unit: 's',
		target: '≤ 3 s',
		met: app.startMs <= 3_000,
		note
	};
}

/**
 * The RSS after a warm-up (pages, the ballot form, a few ballots) and a pause: the memory an idle
 * instance holds. Returns the row and what the warm-up used (the next unused card, ballots sent).
 */
export async function idleMemory(
	context: Pick<BenchContext, 'quick'>,
	app: RunningApp,
	fixture: BallotFixture,
	figure: {
		metric: string;
		/** The target; none for a figure shown for context. */
		limitMb?: number;
		/** Said after the warm-up and idle times (or instead of them: `note`). */
		noteTail?: string;
		note?: string;
		/** The first card the warm-up may use. */
		firstCard?: number;
	}
): Promise<{ row: BenchRow; nextCard: number; acknowledged: number }> {
	const warmS = context.quick ? 2 : 5;
	const idleS = context.quick ? 2 : 5;
	const { metric, limitMb } = figure;
	try {
		const warm = await warmUp(app.url, fixture, warmS, figure.firstCard ?? 0);
		await sleep(idleS * 1000);
		const rss = app.rssMb();
		const row: BenchRow = {
			section: 'memory',
			metric,
			value: rss,
			unit: 'MB',
			...(limitMb === undefined ? {} : { target: `≤ ${limitMb} MB`, met: rss <= limitMb }),
			note:
				figure.note ??
				`after start, ${warmS} s warm-up (pages, ballot form, a few ballots) and ${idleS} s idle${figure.noteTail ?? ''}`
		};
		return { row, nextCard: warm.nextCard, acknowledged: warm.acknowledged };
	} catch (error) {
		return { row: failedRow('memory', metric, 'MB', error), nextCard: 0, acknowledged: 0 };
	}
}
