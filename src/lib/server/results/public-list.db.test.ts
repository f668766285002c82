import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { campaignKinds } from '$lib/domain/campaign-scale';
import { listPublishedResults, parsePublicListQuery } from './public-list';
import { publishResults } from './publish';
import { cast, closeFixture, criteria, openFixture } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

const all = { search: '', kind: null, year: null, page: 1 };

async function published(title: string, publishedAt: string) {
	const db = database.db;
	const fixture = await openFixture(db, 'unit_evaluation', [{ kind: 'unit', label: `${title}局` }]);
	await cast(db, fixture, `${title}局`, 'jurors', criteria(80), 5);
	await closeFixture(db, fixture);
	await publishResults(db, fixture.id, null);
	await db.execute(sql`update campaign set title = ${title} where id = ${fixture.id}`);
	await db.execute(
		sql`update result set published_at = ${publishedAt}::timestamptz where campaign_id = ${fixture.id}`
	);
	return fixture.id;
}

describe('the public index of results', () => {
	it('lists published campaigns only, newest first, by title, kind and Beijing year', async () => {
		const db = database.db;
		const draft = await openFixture(db, 'unit_evaluation', [{ kind: 'unit', label: '未公布局' }]);
		// 2025-12-31 17:00 UTC is already 2026 in Beijing.
		const late = await published('年末评议', '2025-12-31T17:00:00Z');
		const early = await published('年中评议', '2025-06-30T02:00:00Z');
		const index = await listPublishedResults(db, all);
		expect(index.campaigns.map((c) => c.id)).toEqual([late, early]);
		expect(index.campaigns.map((c) => c.id)).not.toContain(draft.id);
		expect(index.total).toBe(2);
		expect(index.years).toEqual([2026, 2025]);
		const in2025 = await listPublishedResults(db, { ...all, year: 2025 });
		expect(in2025.campaigns.map((c) => c.id)).toEqual([early]);
		const found = await listPublishedResults(db, { ...all, search: '年末' });
		expect(found.campaigns.map((c) => c.title)).toEqual(['年末评议']);
		const otherKind = await listPublishedResults(db, { ...all, kind: 'democratic_assessment' });
		expect(otherKind).toMatchObject({ campaigns: [], total: 0 });
		// A reader's % is a literal character, not a wildcard.
		expect((await listPublishedResults(db, { ...all, search: '%' })).campaigns).toEqual([]);
	});

	it('reads its filters from the address, ignoring nonsense', () => {
		const parse = (query: string) =>
			parsePublicListQuery(new URLSearchParams(query), campaignKinds);
		expect(parse('q=+年度+&kind=unit_evaluation&year=2025&page=3')).toEqual({
			search: '年度',
			kind: 'unit_evaluation',
			year: 2025,
			page: 3
		});
		expect(parse('kind=drop table&year=abc&page=-1')).toEqual(all);
		expect(parse(`q=${'长'.repeat(300)}`).search).toHaveLength(100);
	});
});
