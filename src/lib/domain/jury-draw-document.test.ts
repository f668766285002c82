import { describe, expect, it } from 'vitest';
import { parseDrawDocument } from './jury-draw-document';

const document = {
	format: 'minping-draw/1',
	drawId: 3,
	unitName: '税务局',
	size: 1,
	minShare: { num: 80, den: 100 },
	commitment: 'ab',
	publicValue: '',
	seed: null,
	eligible: [{ id: 1, stratum: 'counted' }],
	selected: []
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
	});
});
