/**
 * `npm run audit:verify` itself, run as a child process against an embedded database in a temp
 * folder (always PGlite: the script opens its database alone, as it does in production).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connect';
import { publishResults } from './publish';
import { cast, closeFixture, openFixture } from './test-fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'minping-verify-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runVerify() {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
	delete env.DATABASE_URL;
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
		env,
		encoding: 'utf8',
		timeout: 120_000
	});
}

async function withDatabase<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>) {
	const handle = openDatabase({ dataDir });
	try {
		await handle.migrate();
		return await work(handle.db);
	} finally {
		await handle.close();
	}
}

describe('npm run audit:verify', () => {
	it('passes on intact results and exits 2 naming the campaign once a ballot is changed', async () => {
		const campaignId = await withDatabase(async (db) => {
			const units = ['甲局', '乙局'].map((label) => ({ kind: 'unit' as const, label }));
			const fixture = await openFixture(db, 'unit_evaluation', units);
			const scores = (n: number) => ({
				conduct: n,
				service: n,
				lawful: n,
				efficiency: n,
				integrity: n
			});
			await cast(db, fixture, '甲局', 'jurors', scores(90), 5);
			await cast(db, fixture, '乙局', 'jurors', scores(60), 5);
			await closeFixture(db, fixture);
			await publishResults(db, fixture.id, null);
			return fixture.id;
		});
		const intact = runVerify();
		expect(intact.stdout).toContain('published results intact (1 checked)');
		expect(intact.status).toBe(0);

		await withDatabase((db) =>
			db.execute(sql`update ballot_answer set score = 0 where ballot_id in
				(select id from ballot where campaign_id = ${campaignId} limit 1)`)
		);
		const tampered = runVerify();
		expect(tampered.status).toBe(2);
		expect(tampered.stderr).toContain(
			`campaign ${campaignId}: the results recomputed from the ballots differ from the published snapshot`
		);
		expect(tampered.stdout).toContain('audit chain intact');
	});
});
