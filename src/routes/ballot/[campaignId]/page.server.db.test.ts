import { randomUUID } from 'node:crypto';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { transitionCampaign } from '$lib/server/campaigns/lifecycle';
import { submitBallots } from '$lib/server/campaigns/submit';
import { createUser, openCampaign, validBallot } from '$lib/server/campaigns/test-fixtures';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';

// The route reads the app's database; here it is this file's fresh test database.
const shared = vi.hoisted(() => ({ database: null as TestDatabase | null }));
vi.mock('$lib/server/db', () => ({ getDatabase: () => shared.database }));

const { actions, load } = await import('./+page.server');

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
	shared.database = database;
});
afterAll(() => database.dispose());

/** What SvelteKit hands the load and the action for a signed-in juror. */
function jurorEvent(campaignId: number, userId: number, body?: Record<string, string>) {
	const headers: Record<string, string> = {};
	const event = {
		params: { campaignId: String(campaignId) },
		setHeaders: (more: Record<string, string>) => Object.assign(headers, more),
		request: new Request(`http://minping.test/ballot/${campaignId}?/submit`, {
			method: body ? 'POST' : 'GET',
			body: body ? new URLSearchParams(body) : undefined
		}),
		locals: {
			user: { id: userId, kind: 'juror', displayName: 'Juror', email: null, roles: [] },
			session: null
		}
	};
	return { event: event as never, headers };
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected a redirect or an error');
}

describe("a juror's ballot page", () => {
	it('answers a resend after the campaign closed with the receipt the first send stored', async () => {
		const juror = await createUser(database.db, 'juror', 'Resending juror');
		const { id, definition } = await openCampaign(database.db, 'democratic_assessment', {
			voters: [juror]
		});
		const key = randomUUID();
		const first = await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key,
			rater: { kind: 'user', userId: juror },
			ballots: validBallot(definition)
		});
		await transitionCampaign(database.db, id, 'closed', null);

		const resent = await thrown(
			actions.submit(jurorEvent(id, juror, { idempotency_key: key }).event)
		);
		expect(isRedirect(resent) && resent.location).toBe(
			`/ballot/done?r=${encodeURIComponent(first.receiptCode)}`
		);
		// A ballot never sent before is refused (here, blank, for its missing answers), not stored.
		const late = await actions.submit(
			jurorEvent(id, juror, { idempotency_key: randomUUID() }).event
		);
		expect(late?.status).toBeGreaterThanOrEqual(400);
		// The page itself says so too (no form for a closed campaign).
		expect(isHttpError(await thrown(load(jurorEvent(id, juror).event)), 409)).toBe(true);
	});

	it('sends no-store, so that the back button after voting does not show the form again', async () => {
		const juror = await createUser(database.db, 'juror', 'Back-button juror');
		const { id } = await openCampaign(database.db, 'democratic_assessment', { voters: [juror] });
		const { event, headers } = jurorEvent(id, juror);
		await load(event);
		expect(headers['cache-control']).toBe('no-store');
	});
});
