import { randomUUID } from 'node:crypto';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerField } from '$lib/domain/campaign-form';
import { wrongCodes } from '$lib/server/campaigns/code-throttle';
import { transitionCampaign } from '$lib/server/campaigns/lifecycle';
import { submitBallots } from '$lib/server/campaigns/submit';
import { openCampaign, printCodes, validBallot } from '$lib/server/campaigns/test-fixtures';
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

/** What SvelteKit hands the load and the action, with the headers they set collected. */
function cardEvent(code: string, address: string, body?: Record<string, string>) {
	const headers: Record<string, string> = {};
	const event = {
		params: { code },
		getClientAddress: () => address,
		setHeaders: (more: Record<string, string>) => Object.assign(headers, more),
		request: new Request(`http://minping.test/vote/${code}?/submit`, {
			method: body ? 'POST' : 'GET',
			body: body ? new URLSearchParams(body) : undefined
		}),
		locals: { user: null, session: null }
	};
	return { event: event as never, headers };
}

/** The status of what the load answers: 200, or the HTTP error it throws. */
async function openCard(code: string, address: string): Promise<number> {
	try {
		await load(cardEvent(code, address).event);
		return 200;
	} catch (error) {
		if (isHttpError(error)) return error.status;
		throw error;
	}
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected a redirect or an error');
}

describe('the card page and the wrong-code limit', () => {
	it('never throttles a fresh card after a spent card was opened again and again', async () => {
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey');
		const [spent, fresh] = await printCodes(database.db, id, 2);
		await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: randomUUID(),
			rater: { kind: 'code', code: spent },
			ballots: validBallot(definition)
		});
		const hall = '10.1.0.1';
		// Reloads, the back button, rescans after voting: a spent card is a real card, not a guess.
		for (let i = 0; i < 40; i++) expect(await openCard(spent, hall)).toBe(410);
		expect(await openCard(fresh, hall)).toBe(200);
	});

	it('counts unknown codes only, and still lets a right card through from that address', async () => {
		const { id } = await openCampaign(database.db, 'satisfaction_survey');
		const [card] = await printCodes(database.db, id, 1);
		const guesser = '10.1.0.2';
		const unknown = 'ABCDEFGHJKLM';
		for (let i = 0; i < 30; i++) expect(await openCard(unknown, guesser)).toBe(404);
		const { event, headers } = cardEvent(unknown, guesser);
		expect(isHttpError(await thrown(load(event)), 429)).toBe(true);
		expect(Number(headers['retry-after'])).toBeGreaterThan(0);
		// Someone else in the same hall with a real card is not held up by the guesser.
		expect(await openCard(card, guesser)).toBe(200);
		wrongCodes.reset(guesser);
	});

	it('takes a filled-in ballot from a throttled address', async () => {
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey');
		const [card] = await printCodes(database.db, id, 1);
		const address = '10.1.0.3';
		for (let i = 0; i < 31; i++) await openCard('ABCDEFGHJKLM', address);
		const body: Record<string, string> = { idempotency_key: randomUUID() };
		for (const question of definition.questions)
			if (question.scale.type === 'choice')
				body[answerField(definition.subjects[0].id, question.key)] = question.scale.options[0].key;
		const sent = await thrown(actions.submit(cardEvent(card, address, body).event));
		expect(isRedirect(sent) && sent.location).toMatch(/^\/vote\/done\?r=/);
		wrongCodes.reset(address);
	});

	it('sends no-store, so that the back button does not show a spent card as a form', async () => {
		const { id } = await openCampaign(database.db, 'satisfaction_survey');
		const [card] = await printCodes(database.db, id, 1);
		const { event, headers } = cardEvent(card, '10.1.0.4');
		await load(event);
		expect(headers['cache-control']).toBe('no-store');
	});
});

describe('a resend after the campaign closed', () => {
	it('gets the receipt of the ballot the first send stored', async () => {
		const { id, definition } = await openCampaign(database.db, 'satisfaction_survey');
		const [card] = await printCodes(database.db, id, 1);
		const key = randomUUID();
		const first = await submitBallots(database.db, {
			campaignId: id,
			idempotencyKey: key,
			rater: { kind: 'code', code: card },
			ballots: validBallot(definition)
		});
		await transitionCampaign(database.db, id, 'closed', null);

		const resent = await thrown(
			actions.submit(cardEvent(card, '10.1.0.5', { idempotency_key: key }).event)
		);
		expect(isRedirect(resent) && resent.location).toBe(
			`/vote/done?r=${encodeURIComponent(first.receiptCode)}`
		);
		// A new ballot from the card (another key) is refused: the card is spent, the campaign closed.
		const other = await actions.submit(
			cardEvent(card, '10.1.0.5', { idempotency_key: randomUUID() }).event
		);
		expect([409, 410]).toContain(other?.status);
	});
});
