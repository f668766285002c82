import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCompositionRule, meetsShare, type JurorCategory } from './jury-composition';
import {
	buildEligibleList,
	drawPanel,
	planQuotas,
	verifyDraw,
	type EligibleJuror,
	type Stratum
} from './jury-draw';
import { commitmentOf } from './jury-random';

const share = defaultCompositionRule.minShare;
const seedArb = fc
	.uint8Array({ minLength: 32, maxLength: 32 })
	.map((bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''));
/** A published-style list: unique ascending ids, each in a stratum. */
const eligibleArb = fc
	.uniqueArray(
		fc.record({
			id: fc.integer({ min: 1, max: 5000 }),
			stratum: fc.constantFrom<Stratum>('counted', 'other')
		}),
		{
			selector: (juror) => juror.id,
			maxLength: 80
		}
	)
	.map((list) => list.sort((a, b) => a.id - b.id));

function stratumOf(eligible: readonly EligibleJuror[], id: number): Stratum | undefined {
	return eligible.find((juror) => juror.id === id)?.stratum;
}

describe('verifiable draw', () => {
	it('gives the same panel for the same seed and public value', () => {
		fc.assert(
			fc.property(
				eligibleArb,
				fc.integer({ min: 1, max: 30 }),
				seedArb,
				fc.string(),
				(eligible, size, seed, value) => {
					const first = drawPanel({ eligible, size, minShare: share }, seed, value);
					const second = drawPanel({ eligible, size, minShare: share }, seed, value);
					expect(second).toEqual(first);
				}
			)
		);
	});

	it('draws exactly N distinct eligible jurors and keeps the composition rule whenever it can', () => {
		fc.assert(
			fc.property(eligibleArb, fc.integer({ min: 1, max: 30 }), seedArb, (eligible, size, seed) => {
				const outcome = drawPanel({ eligible, size, minShare: share }, seed, '');
				fc.pre(outcome.ok);
				if (!outcome.ok) return;
				expect(outcome.selected).toHaveLength(size);
				expect(new Set(outcome.selected).size).toBe(size);
				const strataDrawn = outcome.selected.map((id) => stratumOf(eligible, id));
				expect(strataDrawn).not.toContain(undefined);
				const counted = strataDrawn.filter((stratum) => stratum === 'counted').length;
				expect(counted).toBe(outcome.quotas.counted);
				expect(meetsShare({ counted, total: size }, share)).toBe(true);
			})
		);
	});

	it('fails with the numbers instead of drawing a short panel', () => {
		fc.assert(
			fc.property(
				eligibleArb,
				fc.integer({ min: 1, max: 100 }),
				seedArb,
				(eligible, size, seed) => {
					const outcome = drawPanel({ eligible, size, minShare: share }, seed, '');
					const counted = eligible.filter((juror) => juror.stratum === 'counted').length;
					const needCounted = Math.max(
						Math.ceil((size * 4) / 5),
						size - (eligible.length - counted)
					);
					if (eligible.length < size) {
						expect(outcome).toEqual({
							ok: false,
							failure: { code: 'too_few_eligible', needed: size, available: eligible.length }
						});
					} else if (counted < needCounted) {
						expect(outcome).toEqual({
							ok: false,
							failure: { code: 'too_few_counted', needed: needCounted, available: counted }
						});
					} else {
						expect(outcome.ok).toBe(true);
					}
				}
			)
		);
	});

	it('takes all other jurors and fills from counted ones when others run short', () => {
		const eligible: EligibleJuror[] = [
			{ id: 1, stratum: 'counted' },
			{ id: 2, stratum: 'counted' },
			{ id: 3, stratum: 'counted' },
			{ id: 4, stratum: 'counted' },
			{ id: 5, stratum: 'counted' },
			{ id: 6, stratum: 'counted' },
			{ id: 7, stratum: 'other' }
		];
		expect(planQuotas({ eligible, size: 10, minShare: share })).toEqual({
			ok: false,
			failure: { code: 'too_few_eligible', needed: 10, available: 7 }
		});
		expect(planQuotas({ eligible: eligible.slice(0, 6), size: 5, minShare: share })).toEqual({
			ok: true,
			quotas: { counted: 5, other: 0 }
		});
		expect(planQuotas({ eligible, size: 5, minShare: share })).toEqual({
			ok: true,
			quotas: { counted: 4, other: 1 }
		});
	});

	it('refuses a list that is not sorted, has repeats or a bad seed', () => {
		const unsorted = [
			{ id: 2, stratum: 'counted' as const },
			{ id: 1, stratum: 'counted' as const }
		];
		const seed = 'a'.repeat(64);
		expect(drawPanel({ eligible: unsorted, size: 1, minShare: share }, seed, '').ok).toBe(false);
		expect(
			drawPanel({ eligible: unsorted.slice(0, 1), size: 1, minShare: share }, 'XYZ', '')
		).toEqual({
			ok: false,
			failure: { code: 'invalid_request', reason: 'seed must be 64 lowercase hex digits' }
		});
	});

	it('changes the panel when the public value changes', () => {
		const eligible = Array.from({ length: 200 }, (_, i) => ({
			id: i + 1,
			stratum: 'counted' as const
		}));
		const seed = commitmentOf('x');
		const a = drawPanel({ eligible, size: 10, minShare: share }, seed, '20261121');
		const b = drawPanel({ eligible, size: 10, minShare: share }, seed, '20261122');
		expect(a).not.toEqual(b);
	});

	it('verifies a published draw and catches a changed result or a wrong seed', () => {
		fc.assert(
			fc.property(
				eligibleArb,
				fc.integer({ min: 1, max: 10 }),
				seedArb,
				seedArb,
				fc.string(),
				(eligible, size, seed, other, value) => {
					const outcome = drawPanel({ eligible, size, minShare: share }, seed, value);
					fc.pre(outcome.ok);
					if (!outcome.ok) return;
					const published = {
						eligible,
						size,
						minShare: share,
						commitment: commitmentOf(seed),
						publicValue: value,
						selected: outcome.selected
					};
					expect(verifyDraw(published, seed)).toMatchObject({
						commitmentMatches: true,
						resultMatches: true
					});
					const swapped = [...outcome.selected].reverse();
					if (size > 1)
						expect(verifyDraw({ ...published, selected: swapped }, seed).resultMatches).toBe(false);
					fc.pre(other !== seed);
					expect(verifyDraw(published, other).commitmentMatches).toBe(false);
				}
			)
		);
	});

	it('reproduces the reference vector in docs/JURY.md', () => {
		const eligible = Array.from({ length: 12 }, (_, i) => ({
			id: 101 + i,
			stratum: (i < 9 ? 'counted' : 'other') as Stratum
		}));
		const seed = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
		expect(commitmentOf(seed)).toBe(REFERENCE.commitment);
		expect(drawPanel({ eligible, size: 5, minShare: share }, seed, '2026-088')).toEqual({
			ok: true,
			selected: REFERENCE.selected,
			quotas: { counted: 4, other: 1 }
		});
	});
});

describe('eligible list', () => {
	const juror = fc.record({
		id: fc.integer({ min: 1, max: 300 }),
		category: fc.constantFrom<JurorCategory>(
			'enterprise_staff',
			'npc_deputy',
			'citizen_representative',
			'other'
		),
		employerUnitId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null })
	});
	const ids = fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { maxLength: 40 });

	it('never lists a juror employed by or related to the unit, or drawn recently', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(juror, { selector: (j) => j.id, maxLength: 100 }),
				fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }),
				ids,
				ids,
				(candidates, unitIds, related, recent) => {
					const exclusions = {
						unitIds: new Set(unitIds),
						relatedJurorIds: new Set(related),
						recentlyDrawnIds: new Set(recent)
					};
					const { eligible, excluded } = buildEligibleList(
						defaultCompositionRule,
						candidates,
						exclusions
					);
					for (const { id } of eligible) {
						const candidate = candidates.find((c) => c.id === id);
						expect(candidate).toBeDefined();
						expect(unitIds).not.toContain(candidate?.employerUnitId);
						expect(related).not.toContain(id);
						expect(recent).not.toContain(id);
					}
					expect(eligible.length + excluded.employer + excluded.related + excluded.recent).toBe(
						candidates.length
					);
					expect(eligible.map((e) => e.id)).toEqual(
						[...eligible.map((e) => e.id)].sort((a, b) => a - b)
					);
				}
			)
		);
	});
});

// Frozen output, also checked against an independent Python re-implementation of docs/JURY.md.
const REFERENCE = {
	commitment: '2a8abfa8cb9906290437854193ca6bca41d4d4e26d1d454bd66a35158095e737',
	selected: [102, 107, 103, 109, 112]
};
