import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignFromTemplate } from '$lib/server/campaigns/create';
import * as table from '$lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	validateSessionToken
} from './session';
import { generateSessionToken, hashToken, sessionPolicies } from './token';
import {
	insertJurorUser,
	insertRoleGrant,
	insertStaffUser,
	loadRoleGrants,
	setUserDisabled
} from './users';

let database: TestDatabase;
let staffId: number;
let jurorId: number;
const start = new Date('2026-05-01T08:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

beforeAll(async () => {
	database = await createTestDatabase();
	staffId = (await insertStaffUser(database.db, {
		email: 'Organizer@Example.org',
		displayName: 'Organizer',
		passwordHash: 'x'
	})) as number;
	await insertRoleGrant(database.db, staffId, { role: 'organizer', regionId: null });
	jurorId = await insertJurorUser(database.db, { displayName: '张三' });
});
afterAll(() => database?.dispose());

describe('database sessions', () => {
	it('stores only the hash of the token and finds the user with their roles', async () => {
		const token = generateSessionToken();
		const session = await createSession(database.db, token, { id: staffId, kind: 'staff' }, start);
		expect(session.id).toBe(hashToken(token));
		const stored = await database.db.select().from(table.session);
		expect(stored.some((row) => row.id === token)).toBe(false);

		const result = await validateSessionToken(database.db, token, later(60_000));
		expect(result.user?.email).toBe('organizer@example.org');
		expect(result.user?.roles).toEqual([{ role: 'organizer', regionId: null }]);
		expect(result.renewed).toBe(false);
	});

	it('answers each of many sessions validated at once (read together) with its own user', async () => {
		const juror = await insertJurorUser(database.db, { displayName: '李四' });
		const tokens = [generateSessionToken(), generateSessionToken()];
		await createSession(database.db, tokens[0], { id: staffId, kind: 'staff' }, start);
		await createSession(database.db, tokens[1], { id: juror, kind: 'juror' }, start);
		const unknown = generateSessionToken();
		const results = await Promise.all(
			[...tokens, unknown, tokens[0]].map((token) =>
				validateSessionToken(database.db, token, later(60_000))
			)
		);
		expect(results.map((r) => r.user?.id ?? null)).toEqual([staffId, juror, null, staffId]);
	});

	it('loads every role, in the same order as the role list reads them', async () => {
		const leader = (await insertStaffUser(database.db, {
			email: 'leader@example.org',
			displayName: 'Leader',
			passwordHash: 'x'
		})) as number;
		const [region] = await database.db
			.insert(table.region)
			.values({ code: '330000', name: '甲省', level: 'province' })
			.returning({ id: table.region.id });
		for (const grant of [
			{ role: 'leader' as const, regionId: region.id },
			{ role: 'auditor' as const, regionId: null },
			{ role: 'leader' as const, regionId: null }
		])
			await insertRoleGrant(database.db, leader, grant);
		const token = generateSessionToken();
		await createSession(database.db, token, { id: leader, kind: 'staff' }, start);
		const result = await validateSessionToken(database.db, token, later(60_000));
		expect(result.user?.roles).toEqual(await loadRoleGrants(database.db, leader));
		expect(result.user?.roles).toHaveLength(3);
	});

	it('refuses an unknown or a malformed token', async () => {
		expect(
			(await validateSessionToken(database.db, generateSessionToken(), start)).user
		).toBeNull();
		expect((await validateSessionToken(database.db, 'not-a-token', start)).user).toBeNull();
	});

	it('slides the expiry when used after the renewal interval, and never past the absolute end', async () => {
		const token = generateSessionToken();
		const created = await createSession(database.db, token, { id: staffId, kind: 'staff' }, start);
		const policy = sessionPolicies.staff;
		const usedAt = later(policy.renewIntervalMs + 1000);
		const result = await validateSessionToken(database.db, token, usedAt);
		expect(result.renewed).toBe(true);
		expect(result.session?.expiresAt.getTime()).toBe(usedAt.getTime() + policy.inactivityMs);
		expect(result.session!.expiresAt.getTime()).toBeGreaterThan(created.expiresAt.getTime());

		const nearEnd = later(policy.absoluteMs - 1000);
		// Keep it alive up to the end by using it within every inactivity window.
		for (let t = usedAt.getTime(); t < nearEnd.getTime(); t += policy.inactivityMs - 1000) {
			expect((await validateSessionToken(database.db, token, new Date(t))).user).not.toBeNull();
		}
		const last = await validateSessionToken(database.db, token, nearEnd);
		expect(last.session?.expiresAt.getTime()).toBeLessThanOrEqual(
			later(policy.absoluteMs).getTime()
		);
		expect(
			(await validateSessionToken(database.db, token, later(policy.absoluteMs))).user
		).toBeNull();
	});

	it('deletes a session found expired by inactivity', async () => {
		const token = generateSessionToken();
		const session = await createSession(database.db, token, { id: jurorId, kind: 'juror' }, start);
		const result = await validateSessionToken(
			database.db,
			token,
			later(sessionPolicies.juror.inactivityMs)
		);
		expect(result.user).toBeNull();
		const rows = await database.db
			.select()
			.from(table.session)
			.where(eq(table.session.id, session.id));
		expect(rows).toHaveLength(0);
	});

	it('signs out one session, or every session of a user except the current one', async () => {
		const tokens = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		const sessions = [];
		for (const token of tokens) {
			sessions.push(await createSession(database.db, token, { id: jurorId, kind: 'juror' }, start));
		}
		await invalidateSession(database.db, sessions[0].id);
		expect((await validateSessionToken(database.db, tokens[0], start)).user).toBeNull();
		expect(await invalidateUserSessions(database.db, jurorId, sessions[2].id)).toBe(1);
		expect((await validateSessionToken(database.db, tokens[1], start)).user).toBeNull();
		expect((await validateSessionToken(database.db, tokens[2], start)).user?.kind).toBe('juror');
	});

	it('refuses the sessions of a disabled user at their next request', async () => {
		const token = generateSessionToken();
		await createSession(database.db, token, { id: staffId, kind: 'staff' }, start);
		await setUserDisabled(database.db, staffId, start);
		expect((await validateSessionToken(database.db, token, start)).user).toBeNull();
		await setUserDisabled(database.db, staffId, null);
	});

	it("reads, when asked, the user's entry on a campaign's named list in the same look-up", async () => {
		const campaignId = await createCampaignFromTemplate(
			database.db,
			{
				kind: 'satisfaction_survey',
				title: 'list',
				regionId: null,
				electorateSource: 'named',
				subjects: []
			},
			null
		);
		const [tier] = await database.db
			.insert(table.raterTier)
			.values({
				campaignId,
				key: 'deputies',
				name: '代表',
				nameEn: 'Deputies',
				weight: 100,
				position: 0
			})
			.returning({ id: table.raterTier.id });
		const onList = await insertJurorUser(database.db, { displayName: '李四' });
		const offList = await insertJurorUser(database.db, { displayName: '王五' });
		await database.db
			.insert(table.electorate)
			.values({ campaignId, userId: onList, tierId: tier.id });
		const [listed, unlisted] = [generateSessionToken(), generateSessionToken()];
		await createSession(database.db, listed, { id: onList, kind: 'juror' }, start);
		await createSession(database.db, unlisted, { id: offList, kind: 'juror' }, start);

		// Asked together in one turn, as a burst of ballots asks: each gets its own answer.
		const [a, b, plain] = await Promise.all([
			validateSessionToken(database.db, listed, start, campaignId),
			validateSessionToken(database.db, unlisted, start, campaignId),
			validateSessionToken(database.db, listed, start)
		]);
		expect(a).toMatchObject({ user: { id: onList }, listEntry: { tierId: tier.id } });
		expect(b).toMatchObject({ user: { id: offList }, listEntry: null });
		expect(plain.user?.id).toBe(onList);
		expect(plain).not.toHaveProperty('listEntry');
		// Another campaign's list says nothing about this one.
		expect(await validateSessionToken(database.db, listed, start, campaignId + 1)).toMatchObject({
			user: { id: onList },
			listEntry: null
		});
		// A dead session reads no entry either.
		expect(
			await validateSessionToken(database.db, generateSessionToken(), start, campaignId)
		).toMatchObject({ user: null, session: null });
	});
});
