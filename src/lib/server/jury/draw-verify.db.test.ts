import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { getDrawDocument } from './draw-queries';
import { commitDraw, revealDraw } from './draws';
import { addActiveJuror, createPlace, createStaff } from './test-fixtures';

// `npm run draw:verify -- file.json` on documents as /draws/<id>/json publishes them: the CLI
// needs no database for a file, so it runs here as a reader would run it.
let database: TestDatabase;
let folder: string;

beforeAll(async () => {
	database = await createTestDatabase();
	folder = mkdtempSync(join(tmpdir(), 'minping-draw-verify-'));
});
afterAll(async () => {
	await database?.dispose();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

function verifyFile(document: object): Promise<{ code: number; stdout: string; stderr: string }> {
	const file = join(folder, `draw-${Math.random().toString(36).slice(2)}.json`);
	writeFileSync(file, JSON.stringify(document));
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['node_modules/tsx/dist/cli.mjs', 'scripts/draw-verify.ts', file],
			{ cwd: process.cwd(), timeout: 60_000 },
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
		);
	});
}

describe('npm run draw:verify', () => {
	it('verifies a published draw and prints its source and times; older files still verify', async () => {
		const { db } = database;
		const place = await createPlace(db);
		const staff = await createStaff(db);
		for (let i = 0; i < 6; i++) await addActiveJuror(db, place, 'enterprise_staff');
		const source = '上证指数 2026-11-25 收盘点位（15:00 公布）';
		const committed = await commitDraw(
			db,
			{ unitId: place.unitId, size: 3, recentDraws: 0, publicValueSource: source },
			staff
		);
		await revealDraw(db, committed.id, '3412.57', staff);
		const document = await getDrawDocument(db, committed.id);
		if (!document?.committedAt || !document.revealedAt) throw new Error('not revealed');

		const current = await verifyFile(document);
		expect(current.stderr).toBe('');
		expect(current.code).toBe(0);
		expect(current.stdout).toContain(`source       ${JSON.stringify(source)}`);
		expect(current.stdout).toContain(`(${document.committedAt})`);
		expect(current.stdout).toContain(`(${document.revealedAt})`);
		expect(current.stdout).toContain('Beijing time');

		const { publicValueSource: _s, committedAt: _c, revealedAt: _r, ...older } = document;
		const old = await verifyFile(older);
		expect(old.code).toBe(0);
		expect(old.stdout).toContain('source       not declared');

		const tampered = await verifyFile({ ...document, publicValue: '3412.58' });
		expect(tampered.code).toBe(1);
		expect(tampered.stdout).toContain('result     DOES NOT MATCH');
	});
});
