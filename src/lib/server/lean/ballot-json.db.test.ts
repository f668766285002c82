import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import type { AuthUser } from '$lib/server/auth/types';
import {
	createUser,
	openCampaign,
	printCodes,
	validBallot,
	type OpenCampaign
} from '$lib/server/campaigns/test-fixtures';
import { answerJsonBallot, type BallotTarget, type JsonBallotRequest } from './ballot-json';

let database: TestDatabase;
let survey: OpenCampaign;
let jurorId: number;
let codes: string[];
const origin = 'http://ballots.test';

beforeAll(async () => {
	database = await createTestDatabase();
	jurorId = await createUser(database.db, 'juror', 'json-juror');
	survey = await openCampaign(database.db, 'satisfaction_survey', { voters: [jurorId] });
	codes = await printCodes(database.db, survey.id, 3);
});
afterAll(() => database.dispose());

const juror: AuthUser = { id: 0, email: null, displayName: 'j', kind: 'juror', roles: [] };
const staff: AuthUser = {
	id: 1,
	email: 's@example.test',
	displayName: 's',
	kind: 'staff',
	roles: [{ role: 'organizer', regionId: null }]
};

function request(
	target: BallotTarget,
	body: unknown,
	options: { headers?: Record<string, string>; user?: AuthUser | null } = {}
): JsonBallotRequest {
	const headers: Record<string, string> = {
		origin,
		'content-type': 'application/json',
		...options.headers
	};
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return {
		target,
		header: (name) => headers[name] ?? null,
		appOrigin: origin,
		clientAddress: '10.0.0.1',
		readBody: async (limit) =>
			Buffer.byteLength(text) > limit ? { ok: false, reason: 'too_large' } : { ok: true, text },
		signedIn: async () => {
			const user = options.user === undefined ? { ...juror, id: jurorId } : options.user;
			return user && { user };
		}
	};
}

const ballot = () => ({
	idempotencyKey: crypto.randomUUID(),
	ballots: validBallot(survey.definition)
});

describe('the JSON ballot, whichever carrier brings it', () => {
	it('stores a card’s ballot once and refuses what is not a same-origin JSON ballot', async () => {
		const card: BallotTarget = { kind: 'code', code: codes[0] };
		const body = ballot();
		const answer = (r: JsonBallotRequest) => answerJsonBallot(database.db, r);

		expect(
			await answer(request(card, body, { headers: { origin: 'https://evil.example' } }))
		).toMatchObject({ status: 403, body: { code: 'cross_origin', problems: [] } });
		expect((await answer(request(card, body, { headers: { origin: '' } }))).status).toBe(403);
		const form = await answer(
			request(card, 'a=b', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })
		);
		expect(form).toMatchObject({ status: 415, body: { code: 'json_only' } });
		expect('message' in form.body && form.body.message).toMatch(/JSON/);
		const english = await answer(
			request(card, '{', { headers: { cookie: 'a=1; PARAGLIDE_LOCALE=en' } })
		);
		expect(english).toMatchObject({ status: 400, body: { code: 'malformed' } });
		expect('message' in english.body && english.body.message).toMatch(/^The submission/);
		const chinese = await answer(request(card, '{'));
		expect('message' in chinese.body && chinese.body.message).toMatch(/[\u4e00-\u9fff]/);
		expect((await answer(request(card, 'x'.repeat(300_000)))).status).toBe(413);
		expect((await answer(request({ kind: 'code', code: 'NOPE' }, body))).status).toBe(404);
		const offScale = await answer(
			request(card, {
				idempotencyKey: crypto.randomUUID(),
				ballots: body.ballots.map((b) => ({
					...b,
					answers: Object.fromEntries(Object.keys(b.answers).map((k) => [k, { option: 'x' }]))
				}))
			})
		);
		expect(offScale.status).toBe(400);
		expect('problems' in offScale.body && offScale.body.problems).toHaveLength(4);

		const first = await answer(request(card, body));
		expect(first.status).toBe(201);
		const retry = await answer(request(card, body));
		expect(retry).toEqual({ status: 200, body: { ...first.body, repeated: true } });
		expect((await answer(request(card, ballot()))).status).toBe(410);
	});

	it('throttles unknown codes from an address, never a right one from it', async () => {
		const answer = (r: JsonBallotRequest) => answerJsonBallot(database.db, r);
		const from = (clientAddress: string, r: JsonBallotRequest) => ({ ...r, clientAddress });
		const hall = '10.9.9.9';
		const spent: BallotTarget = { kind: 'code', code: codes[1] };
		expect((await answer(from(hall, request(spent, ballot())))).status).toBe(201);
		// A hall's voters sending their spent cards again and again are not guessing.
		for (let i = 0; i < 40; i++)
			expect((await answer(from(hall, request(spent, ballot())))).status).toBe(410);
		// Unknown codes use the address's tries up, then are refused outright.
		const statuses: number[] = [];
		for (let i = 0; i < 40; i++)
			statuses.push(
				(await answer(from(hall, request({ kind: 'code', code: `NOPE${i}` }, ballot())))).status
			);
		expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
		// A fresh card from the same address still votes.
		const fresh: BallotTarget = { kind: 'code', code: codes[2] };
		expect((await answer(from(hall, request(fresh, ballot())))).status).toBe(201);
	});

	it('takes a signed-in juror’s ballot and nobody else’s', async () => {
		const target: BallotTarget = { kind: 'juror', campaignId: String(survey.id) };
		const answer = (r: JsonBallotRequest) => answerJsonBallot(database.db, r);
		expect(await answer(request(target, ballot(), { user: null }))).toMatchObject({
			status: 401,
			body: { code: 'sign_in_required' }
		});
		expect(await answer(request(target, ballot(), { user: staff }))).toMatchObject({
			status: 403,
			body: { code: 'forbidden' }
		});
		for (const campaignId of ['0', 'abc', '2147483648', '99999999', '1e3'])
			expect(await answer(request({ kind: 'juror', campaignId }, ballot()))).toMatchObject({
				status: 404,
				body: { code: 'campaign_not_found' }
			});
		const body = ballot();
		expect((await answer(request(target, body))).status).toBe(201);
		expect((await answer(request(target, body))).status).toBe(200);
		expect(await answer(request(target, ballot()))).toMatchObject({
			status: 409,
			body: { code: 'already_voted' }
		});
	});

	it('answers 503 when the database cannot be reached, so the same ballot is sent again', async () => {
		const closed = Object.assign(new Error('write CONNECTION_CLOSED'), {
			code: 'CONNECTION_CLOSED'
		});
		const unreachable = new Proxy(database.db, {
			get: (target, property, receiver) =>
				property === 'transaction' || property === 'select' || property === 'execute'
					? () => {
							throw new Error('Failed query', { cause: closed });
						}
					: Reflect.get(target, property, receiver)
		});
		const outcome = await answerJsonBallot(
			unreachable,
			request({ kind: 'juror', campaignId: String(survey.id) }, ballot())
		);
		expect(outcome).toMatchObject({ status: 503, body: { code: 'unavailable' } });
		expect((outcome.body as { message: string }).message.length).toBeGreaterThan(10);
	});
});
