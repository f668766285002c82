import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { computeResults, type ComputedResults } from './compute';
import { canonicalSnapshot, type ItemResult, type Standing } from './snapshot';
import { cast, criteria, openFixture, type Fixture } from './test-fixtures';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

async function results(fixture: Fixture): Promise<ComputedResults> {
	const computed = await computeResults(database.db, fixture.id);
	if (!computed) throw new Error('campaign vanished');
	return computed;
}

function standing(computed: ComputedResults, fixture: Fixture, label: string, ranking = 'main') {
	const id = fixture.subject(label);
	return computed.snapshot.rankings[ranking].find((s) => s.subjectId === id) as Standing;
}

function item(computed: ComputedResults, fixture: Fixture, question: string, label: string) {
	const id = fixture.subject(label);
	return computed.snapshot.items.find(
		(i) => i.question === question && i.subject === id
	) as ItemResult;
}

const outcomeSet = (computed: ComputedResults, fixture: Fixture) =>
	computed.snapshot.outcomes
		.map((o) => {
			const label = fixture.definition.subjects.find((s) => String(s.id) === o.subject)?.label;
			return `${o.ruleId}:${label}`;
		})
		.sort();

describe('unit and window evaluation', () => {
	it('weights the rater tiers, ranks the units and proposes last place and bottom three', async () => {
		const db = database.db;
		const units = ['甲局', '乙局', '丙局', '丁局'].map((label) => ({
			kind: 'unit' as const,
			label
		}));
		const fixture = await openFixture(db, 'unit_evaluation', units);
		// 甲局: service users 100, jurors 80, public 60 → 50/25/25 weighting gives 85, pooling 80.
		await cast(db, fixture, '甲局', 'service_users', criteria(100), 5);
		await cast(db, fixture, '甲局', 'jurors', criteria(80), 5);
		await cast(db, fixture, '甲局', 'public', criteria(60), 5);
		for (const [label, score] of [
			['乙局', 84],
			['丙局', 70],
			['丁局', 60]
		] as const)
			for (const tier of ['service_users', 'jurors', 'public'])
				await cast(db, fixture, label, tier, criteria(score), 5);

		const computed = await results(fixture);
		expect(computed.snapshot.ballots).toBe(60);
		expect(standing(computed, fixture, '甲局')).toMatchObject({ display: '85.00', rank: 1 });
		const conduct = item(computed, fixture, 'conduct', '甲局');
		expect(conduct).toMatchObject({
			suppressed: false,
			ballots: 15,
			weighted: { display: '85.00' },
			pooled: { score: { display: '80.00', denominator: 15 } }
		});
		expect(standing(computed, fixture, '丁局')).toMatchObject({ rank: 4, positionFromBottom: 1 });
		expect(outcomeSet(computed, fixture)).toEqual([
			'bottom_three:丁局',
			'bottom_three:丙局',
			'bottom_three:乙局',
			'last_place:丁局'
		]);
		expect(computed.rulesApplied).toEqual(['last_place', 'bottom_three']);
	});

	it('hides a unit with fewer ballots than the minimum and leaves it unranked', async () => {
		const db = database.db;
		const units = ['大厅窗口', '小窗口'].map((label) => ({ kind: 'window' as const, label }));
		const fixture = await openFixture(db, 'unit_evaluation', units);
		await cast(db, fixture, '大厅窗口', 'service_users', criteria(90), 6);
		await cast(db, fixture, '小窗口', 'service_users', criteria(10), 4);
		const computed = await results(fixture);
		expect(item(computed, fixture, 'service', '小窗口')).toEqual({
			question: 'service',
			subject: fixture.subject('小窗口'),
			suppressed: true
		});
		expect(standing(computed, fixture, '小窗口')).toMatchObject({ rank: null, suppressed: true });
		// One ranked subject: last place among one is no finding.
		expect(computed.snapshot.outcomes).toEqual([]);
		expect(JSON.stringify(canonicalSnapshot(computed.snapshot))).not.toContain('"10"');
	});
	it('hides an item whose weighted score would rest on a hidden tier of fewer than N', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'unit_evaluation', [{ kind: 'unit', label: '单张局' }]);
		// One paper sheet of service users beside four untiered ballots: the weighted score would be
		// that one sheet's scores, though its tier is hidden.
		await cast(db, fixture, '单张局', 'service_users', criteria(70), 1);
		await cast(db, fixture, '单张局', null, criteria(90), 4);
		const computed = await results(fixture);
		expect(item(computed, fixture, 'service', '单张局')).toEqual({
			question: 'service',
			subject: fixture.subject('单张局'),
			suppressed: true,
			reason: 'weighted-few'
		});
		expect(standing(computed, fixture, '单张局')).toMatchObject({ rank: null, suppressed: true });
		expect(canonicalSnapshot(computed.snapshot)).not.toContain('"70"');
	});

	it('falls back to the pooled score when no ballot carries a rater tier', async () => {
		const db = database.db;
		const units = ['东窗口', '西窗口'].map((label) => ({ kind: 'window' as const, label }));
		const fixture = await openFixture(db, 'unit_evaluation', units);
		await cast(db, fixture, '东窗口', null, criteria(90), 5);
		await cast(db, fixture, '西窗口', null, criteria(70), 5);
		const computed = await results(fixture);
		expect(item(computed, fixture, 'conduct', '东窗口')).toMatchObject({
			weighted: null,
			pooled: { score: { display: '90.00' } },
			tiers: [{ key: 'untiered', suppressed: false, ballots: 5 }]
		});
		expect(standing(computed, fixture, '西窗口')).toMatchObject({ display: '70.00', rank: 2 });
		expect(outcomeSet(computed, fixture)).toEqual([
			'bottom_three:东窗口',
			'bottom_three:西窗口',
			'last_place:西窗口'
		]);
	});
});

describe('democratic assessment', () => {
	it('fires the yellow card at exactly one third 不称职 and the two-thirds rule below it', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'democratic_assessment', [
			{ kind: 'cadre', label: '王五' },
			{ kind: 'team', label: '某局班子' }
		]);
		const dims = {
			morality: 'good',
			ability: 'good',
			diligence: 'fair',
			performance: 'good',
			integrity: 'good'
		};
		await cast(db, fixture, '王五', 'staff', { overall_grade: 'excellent', ...dims }, 2);
		await cast(db, fixture, '王五', 'staff', { overall_grade: 'competent', ...dims }, 2);
		await cast(db, fixture, '王五', 'staff', { overall_grade: 'basically_competent', ...dims }, 2);
		await cast(db, fixture, '王五', 'staff', { overall_grade: 'incompetent', ...dims }, 3);
		await cast(db, fixture, '某局班子', 'staff', { overall_grade: 'excellent', ...dims }, 9);

		const computed = await results(fixture);
		expect(outcomeSet(computed, fixture)).toEqual([
			'competent_below_two_thirds:王五',
			'yellow_card:王五'
		]);
		const yellow = computed.snapshot.outcomes.find((o) => o.ruleId === 'yellow_card');
		expect(yellow?.trigger).toMatchObject({ numerator: 3, denominator: 9, comparison: 'at-least' });
		// (2×100 + 2×80 + 2×60 + 3×30) / 9 = 570/9 = 63.33; the team 100.
		expect(standing(computed, fixture, '王五')).toMatchObject({ display: '63.33', rank: 2 });
		expect(standing(computed, fixture, '某局班子')).toMatchObject({ display: '100.00', rank: 1 });
	});

	it('hides a small tier and its complementary partner but keeps the overall', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'democratic_assessment', [
			{ kind: 'cadre', label: '赵六' }
		]);
		await cast(db, fixture, '赵六', 'leaders', { overall_grade: 'excellent' }, 3);
		await cast(db, fixture, '赵六', 'staff', { overall_grade: 'competent' }, 6);
		const grade = item(await results(fixture), fixture, 'overall_grade', '赵六');
		expect(grade.suppressed).toBe(false);
		if (grade.suppressed) return;
		expect(grade.tiers).toEqual([
			{ key: 'leaders', suppressed: true, reason: 'below-minimum' },
			{ key: 'staff', suppressed: true, reason: 'complementary' }
		]);
		// Leaders 100 and staff 80 weighted 25:25 → 90 (the empty tiers carry no score).
		expect(grade.weighted?.display).toBe('90.00');
		// The pooled mix (3×100 + 6×80) / 9 beside the weighted one (100 + 80) / 2, with each tier's
		// turnout known from the live screen, would give each hidden tier's mean: only the headline
		// is published, the ballot counts stay.
		expect(grade.withheld).toBe('pooled');
		expect(grade.pooled).toMatchObject({ returned: 9, counts: null, score: null, rate: null });
	});

	it('publishes both mixes under format 1, so snapshots published before recompute alike', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'democratic_assessment', [
			{ kind: 'cadre', label: '钱七' }
		]);
		await cast(db, fixture, '钱七', 'leaders', { overall_grade: 'excellent' }, 3);
		await cast(db, fixture, '钱七', 'staff', { overall_grade: 'competent' }, 6);
		const computed = await computeResults(db, fixture.id, 'minping-results/1');
		const grade = computed && item(computed, fixture, 'overall_grade', '钱七');
		expect(computed?.snapshot.format).toBe('minping-results/1');
		expect(grade).toMatchObject({ weighted: { display: '90.00' }, pooled: { returned: 9 } });
		if (!grade || grade.suppressed) return;
		expect(grade.withheld).toBeUndefined();
		expect(grade.pooled.score?.display).toBe('86.67');
	});

	it('withholds nothing while every tier is shown', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'democratic_assessment', [
			{ kind: 'cadre', label: '孙八' }
		]);
		await cast(db, fixture, '孙八', 'leaders', { overall_grade: 'excellent' }, 5);
		await cast(db, fixture, '孙八', 'staff', { overall_grade: 'competent' }, 5);
		const grade = item(await results(fixture), fixture, 'overall_grade', '孙八');
		if (grade.suppressed) throw new Error('hidden');
		expect(grade.withheld).toBeUndefined();
		expect(grade.pooled.score?.display).toBe('90.00');
		expect(grade.weighted?.display).toBe('90.00');
	});
});

describe('top ten and bottom ten', () => {
	it('ranks best and worst picks separately and ignores cadres nobody picked as worst', async () => {
		const db = database.db;
		const cadres = Array.from({ length: 12 }, (_, i) => ({
			kind: 'cadre' as const,
			label: `干部${i + 1}`
		}));
		const fixture = await openFixture(db, 'top_bottom_ten', cadres);
		const best = cadres.slice(0, 10).map((c) => c.label);
		await cast(db, fixture, '总体评价', null, { best, worst: ['干部12'] }, 4);
		await cast(db, fixture, '总体评价', null, { best: ['干部11'], worst: ['干部12', '干部1'] }, 2);
		const computed = await results(fixture);
		expect(computed.snapshot.basis).toBe('picks');
		expect(standing(computed, fixture, '干部1', 'best')).toMatchObject({
			value: { num: 4n, den: 1n },
			rank: 1
		});
		expect(standing(computed, fixture, '干部11', 'best')).toMatchObject({ rank: 11 });
		const outcomes = outcomeSet(computed, fixture);
		expect(outcomes.filter((o) => o.startsWith('top_ten'))).toHaveLength(10);
		expect(outcomes.filter((o) => o.startsWith('bottom_ten'))).toEqual([
			'bottom_ten:干部1',
			'bottom_ten:干部12'
		]);
		const share = computed.snapshot.selections.find(
			(s) => s.question === 'worst' && s.key === String(fixture.subject('干部12'))
		);
		expect(share).toMatchObject({
			count: 6,
			share: { numerator: 6, denominator: 6, percent: '100.00' }
		});
	});
});

describe('一报告两评议', () => {
	it('gives approval rates per cadre, per ballot type, and the problem checklist counts', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'appointment_appraisal', [
			{ kind: 'cadre', label: '张三' },
			{ kind: 'cadre', label: '李四' }
		]);
		await cast(db, fixture, '张三', 'a', { b_approval: 'approve' }, 5);
		await cast(db, fixture, '张三', 'a', { b_approval: 'disapprove' }, 1);
		await cast(db, fixture, '李四', 'a', { b_approval: 'basically_approve' }, 6);
		await cast(db, fixture, '总体评价', 'a', { a_overall: 'good', a_problems: ['cronyism'] }, 4);
		await cast(db, fixture, '总体评价', 'b', { a_overall: 'poor', a_problems: ['none'] }, 2);
		const computed = await results(fixture);
		expect(computed.snapshot.basis).toBe('rate');
		expect(standing(computed, fixture, '李四')).toMatchObject({ display: '100.00', rank: 1 });
		expect(standing(computed, fixture, '张三')).toMatchObject({ display: '83.33', rank: 2 });
		expect(computed.snapshot.outcomes).toEqual([]);
		const overall = item(computed, fixture, 'a_overall', '总体评价');
		// The approval rate is this kind's headline: with tiers hidden it is the one figure kept.
		expect(overall).toMatchObject({
			weighted: null,
			pooled: { rate: { numerator: 4, denominator: 6, percent: '66.67' } }
		});
		if (overall.suppressed) return;
		// Ballot type B has 2 ballots: hidden, and A with it, since 2 alone could be subtracted.
		expect(overall.tiers.map((t) => t.suppressed)).toEqual([true, true]);
		const cronyism = computed.snapshot.selections.find((s) => s.key === 'cronyism');
		expect(cronyism).toMatchObject({ count: 4, share: { denominator: 6 } });
	});
});

describe('satisfaction survey', () => {
	it('reproduces the 2011 Jining 84.36 from 257 answers with 不了解 dropped', async () => {
		const db = database.db;
		const fixture = await openFixture(db, 'satisfaction_survey', []);
		const distribution = [
			['very_satisfied', 110],
			['satisfied', 95],
			['basically_satisfied', 40],
			['not_very_satisfied', 3],
			['dissatisfied', 2],
			['unknown', 7]
		] as const;
		for (const [option, n] of distribution)
			await cast(
				db,
				fixture,
				'总体评价',
				null,
				{ org_work: option, org_staff_image: option, selection: option, malpractice: option },
				n
			);
		const computed = await results(fixture);
		expect(item(computed, fixture, 'org_work', '总体评价')).toMatchObject({
			pooled: {
				returned: 257,
				valid: 250,
				score: { display: '84.36', denominator: 250 },
				rate: { numerator: 245, denominator: 250, percent: '98.00' }
			}
		});
		expect(standing(computed, fixture, '总体评价')).toMatchObject({ display: '84.36', rank: 1 });
		expect(computed.rulesApplied).toEqual([]);
		const again = await results(fixture);
		expect(canonicalSnapshot(again.snapshot)).toBe(canonicalSnapshot(computed.snapshot));
	});
});
