import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { reportCsv, reportXlsx } from './export';
import { publishResults } from './publish';
import { getPublishedResult, getStaffResults, listResultCampaigns } from './queries';
import { parsePublished, sha256Hex } from './snapshot';
import { cast, closeFixture, openFixture, type Fixture } from './test-fixtures';
import { buildReport } from './view';

let database: TestDatabase;
let fixture: Fixture;
beforeAll(async () => {
	database = await createTestDatabase();
	const db = database.db;
	fixture = await openFixture(db, 'democratic_assessment', [
		{ kind: 'cadre', label: '=王五' },
		{ kind: 'cadre', label: '李四' }
	]);
	await cast(db, fixture, '=王五', 'staff', { overall_grade: 'excellent' }, 6);
	await cast(db, fixture, '李四', 'staff', { overall_grade: 'competent' }, 3);
});
afterAll(() => database.dispose());

describe('results reads', () => {
	it('shows nothing public before publication while staff see a preview', async () => {
		const db = database.db;
		expect(await getStaffResults(db, fixture.id)).toBeNull();
		await closeFixture(db, fixture);
		expect(await getPublishedResult(db, fixture.id)).toBeNull();
		const preview = await getStaffResults(db, fixture.id);
		expect(preview?.published).toBeNull();
		expect(preview?.report.rankings.main.map((s) => [s.subject, s.rank, s.figure])).toEqual([
			['=王五', 1, '100.00'],
			['李四', null, null]
		]);
		expect((await listResultCampaigns(db)).map((c) => [c.id, c.state, c.ballots])).toEqual([
			[fixture.id, 'closed', 9]
		]);
	});

	it('serves the frozen snapshot once published, byte for byte as hashed', async () => {
		const db = database.db;
		const publication = await publishResults(db, fixture.id, null);
		const published = await getPublishedResult(db, fixture.id);
		expect(published?.sha256).toBe(publication.sha256);
		expect(sha256Hex(published?.snapshot ?? '')).toBe(publication.sha256);
		expect((await getStaffResults(db, fixture.id))?.published?.sha256).toBe(publication.sha256);
	});

	it('writes CSV with suppressed cells empty and a formula-looking label defused', async () => {
		const published = await getPublishedResult(database.db, fixture.id);
		const csv = reportCsv(buildReport(parsePublished(published?.snapshot ?? '')));
		const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe(
			'subject_id,subject,row_kind,question,rank,headline,suppressed,ballots,returned,valid,score,score_total,score_denominator,weighted_score,rate_percent,rate_numerator,rate_denominator'
		);
		const grade = lines.find((l) => l.includes(",'=王五,item,overall_grade,"));
		expect(grade).toContain(',1,100.00,false,6,6,6,100.00,600,6,100.00,100.00,6,6');
		const hidden = lines.find((l) => l.includes(',李四,item,overall_grade,'));
		expect(hidden).toMatch(/,李四,item,overall_grade,,,true,,,,,,,,,,$/);
	});

	it('exports an XLSX workbook with results, rankings and outcomes', async () => {
		const published = await getPublishedResult(database.db, fixture.id);
		const report = buildReport(parsePublished(published?.snapshot ?? ''));
		const bytes = await reportXlsx(report, [['rule', 'subject']]);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['results', 'ranking', 'outcomes']);
		expect(workbook.getWorksheet('results')?.rowCount).toBe(1 + report.items.length);
	});
});
