// Ballots over HTTP for the measurements of this folder: each request takes the next printed card
// and a fresh idempotency key and posts the JSON ballot (POST /vote/<code>/ballot, the same
// submitBallots path as the form). The app answers 201 only after the commit that stores it.
import type { BallotFixture } from './fixtures';
import { runLoader, type LoaderResult } from './load';

export async function postBallots(
	appUrl: string,
	fixture: BallotFixture,
	options: { concurrency: number; durationS: number; warmupS: number; firstCard?: number }
): Promise<LoaderResult & { cardsUsed: number; acknowledged: number }> {
	let next = options.firstCard ?? 0;
	let acknowledged = 0;
	const result = await runLoader({
		onAnswer: (status) => {
			if (status === 201) acknowledged++;
		},
		origin: appUrl,
		concurrency: options.concurrency,
		durationS: options.durationS,
		warmupS: options.warmupS,
		okStatus: 201,
		next: () => {
			const code = fixture.codes[next];
			if (!code) return null;
			next++;
			return {
				method: 'POST',
				path: `/vote/${code}/ballot`,
				headers: { 'content-type': 'application/json', origin: appUrl },
				body: JSON.stringify({ idempotencyKey: crypto.randomUUID(), ballots: fixture.ballots })
			};
		}
	});
	return { ...result, cardsUsed: next - (options.firstCard ?? 0), acknowledged };
}

/** "409 × 3, 500 × 1" — refusals for a note. */
export function describeRefusals(result: LoaderResult): string {
	const parts = Object.entries(result.refused).map(([status, n]) => `${status} × ${n}`);
	if (result.errors) parts.push(`${result.errors} failed requests (${result.firstError})`);
	return parts.join(', ');
}

/**
 * A short warm-up before an idle memory reading: the public pages, the ballot form page and a few
 * ballots, from 10 clients for `seconds`. Answers of any status count (a redirect is a visit).
 */
export async function warmUp(
	appUrl: string,
	fixture: BallotFixture | null,
	seconds: number,
	firstCard: number
): Promise<{ nextCard: number; acknowledged: number }> {
	const pages = ['/', '/healthz', '/login', '/code', '/vote', '/apply', '/draws'];
	if (fixture) pages.push(`/vote/${fixture.codes[firstCard]}`);
	let i = 0;
	let ballots = 0;
	const limit = fixture ? Math.min(20, fixture.codes.length - firstCard - 1) : 0;
	let acknowledged = 0;
	const result = await runLoader({
		onAnswer: (status) => {
			if (status === 201) acknowledged++;
		},
		origin: appUrl,
		concurrency: 10,
		durationS: seconds,
		okStatus: () => true,
		next: () => {
			i++;
			if (fixture && i % 10 === 0 && ballots < limit) {
				ballots++;
				return {
					method: 'POST',
					path: `/vote/${fixture.codes[firstCard + ballots]}/ballot`,
					headers: { 'content-type': 'application/json', origin: appUrl },
					body: JSON.stringify({ idempotencyKey: crypto.randomUUID(), ballots: fixture.ballots })
				};
			}
			return { method: 'GET', path: pages[i % pages.length] };
		}
	});
	if (result.errors) throw new Error(`warm-up requests failed: ${result.firstError}`);
	return { nextCard: firstCard + ballots + 1, acknowledged };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
