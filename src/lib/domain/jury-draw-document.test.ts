import { describe, expect, it } from 'vitest';
import { verifyDraw } from './jury-draw';
import {
	drawDocumentOf,
	formatChinaMinute,
	parseDrawDocument,
	type DrawRecord
} from './jury-draw-document';

const document = {
	format: 'minping-draw/1',
	drawId: 3,
	unitName: '税务局',
	size: 1,
	minShare: { num: 80, den: 100 },
	commitment: 'ab',
	publicValueSource: '福彩3D 第2026320期开奖号码（2026-11-25 21:15 公布）',
	committedAt: '2026-11-22T06:05:00.000Z',
	revealedAt: null,
	publicValue: '',
	seed: null,
	eligible: [{ id: 1, stratum: 'counted' }],
	selected: []
};

// The reference vector of docs/JURY.md, as the app stores it once revealed.
const referenceRow: DrawRecord = {
	id: 7,
	size: 5,
	shareNum: 80,
	shareDen: 100,
	commitment: '2a8abfa8cb9906290437854193ca6bca41d4d4e26d1d454bd66a35158095e737',
	publicValueSource: '福彩3D 第2026088期开奖号码（2026-04-02 21:15 公布）',
	publicValue: '2026-088',
	seed: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
	eligible: Array.from({ length: 12 }, (_, i) => ({
		id: 101 + i,
		stratum: i < 9 ? ('counted' as const) : ('other' as const)
	})),
	selected: [102, 107, 103, 109, 112],
	excluded: { employer: 1, related: 0, recent: 0 },
	createdAt: new Date('2026-04-01T06:05:00Z'),
	revealedAt: new Date('2026-04-02T14:30:00Z')
};

describe('draw document', () => {
	it('reads back a published document', () => {
		expect(parseDrawDocument(JSON.parse(JSON.stringify(document)))).toEqual({ ok: true, document });
	});

	it('names the field that is wrong', () => {
		expect(parseDrawDocument({ ...document, eligible: [{ id: 1, stratum: 'x' }] })).toEqual({
			ok: false,
			reason: 'missing or malformed field: eligible'
		});
		expect(parseDrawDocument({ ...document, format: 'other' })).toMatchObject({ ok: false });
		expect(parseDrawDocument([])).toEqual({ ok: false, reason: 'not a JSON object' });
		expect(parseDrawDocument({ ...document, committedAt: '2026-11-22 14:05' })).toEqual({
			ok: false,
			reason: 'missing or malformed field: committedAt'
		});
		expect(parseDrawDocument({ ...document, revealedAt: 1_700_000_000 })).toEqual({
			ok: false,
			reason: 'missing or malformed field: revealedAt'
		});
		expect(parseDrawDocument({ ...document, publicValueSource: 42 })).toEqual({
			ok: false,
			reason: 'missing or malformed field: publicValueSource'
		});
	});

	it('publishes the declared source and both times, in ISO 8601 UTC', () => {
		const published = drawDocumentOf(referenceRow, '税务局');
		expect(published).toMatchObject({
			drawId: 7,
			unitName: '税务局',
			publicValueSource: '福彩3D 第2026088期开奖号码（2026-04-02 21:15 公布）',
			committedAt: '2026-04-01T06:05:00.000Z',
			revealedAt: '2026-04-02T14:30:00.000Z',
			publicValue: '2026-088'
		});
		const json = JSON.parse(JSON.stringify(published));
		expect(parseDrawDocument(json)).toEqual({ ok: true, document: published });
	});

	it('shows a draw committed before the declaration with no source, not yet revealed', () => {
		const published = drawDocumentOf(
			{
				...referenceRow,
				publicValueSource: null,
				publicValue: null,
				seed: null,
				selected: null,
				revealedAt: null
			},
			'税务局'
		);
		expect(published).toMatchObject({
			publicValueSource: null,
			revealedAt: null,
			publicValue: '',
			seed: null,
			selected: []
		});
	});

	it('leaves the commitment and the verification as they were', () => {
		const published = drawDocumentOf(referenceRow, '税务局');
		expect(verifyDraw(published, referenceRow.seed ?? '')).toMatchObject({
			commitmentMatches: true,
			resultMatches: true
		});
		// A file downloaded before the source and times were published still reads and verifies.
		const {
			publicValueSource: _source,
			committedAt: _committed,
			revealedAt: _revealed,
			...older
		} = published;
		const parsed = parseDrawDocument(JSON.parse(JSON.stringify(older)));
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(parsed.document).toMatchObject({
			publicValueSource: null,
			committedAt: null,
			revealedAt: null
		});
		expect(verifyDraw(parsed.document, referenceRow.seed ?? '')).toMatchObject({
			commitmentMatches: true,
			resultMatches: true
		});
	});

	it('shows times in China Standard Time to the minute, across midnight and the year', () => {
		expect(formatChinaMinute('2026-11-22T06:05:00.000Z')).toBe('2026-11-22 14:05');
		expect(formatChinaMinute('2026-11-22T16:30:59.999Z')).toBe('2026-11-23 00:30');
		expect(formatChinaMinute('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
	});
});
