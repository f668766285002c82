import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { createCampaignFromTemplate } from './create';
import { getBallotDefinition } from './definition';
import { NotEditableError } from './edit';
import { addTypedSubjects, EditError, setTierWeights, updateQuestion } from './edit-questions';
import { transitionCampaign, TransitionError } from './lifecycle';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.dispose());

async function draftAssessment() {
	const id = await createCampaignFromTemplate(
		database.db,
		{
			kind: 'democratic_assessment',
			title: '民主测评',
			regionId: null,
			electorateSource: 'codes',
			subjects: [{ kind: 'cadre', label: '王五' }]
		},
		null
	);
	const definition = await getBallotDefinition(database.db, id);
	if (!definition) throw new Error('no campaign');
	return definition;
}

describe('editing a draft', () => {
	it('retunes points, adds subjects and reweights tiers, then freezes at opening', async () => {
		const { campaign, questions, tiers } = await draftAssessment();
		const grade = questions.find((q) => q.key === 'overall_grade')!;
		const options = Object.fromEntries(
			(grade.scale.type === 'choice' ? grade.scale.options : []).map((o, i) => [
				o.key,
				{ value: [95, 80, 65, 55][i], excluded: false }
			])
		);
		await updateQuestion(database.db, campaign.id, grade.id, { required: false, options }, null);
		await addTypedSubjects(database.db, campaign.id, ['某局领导班子'], null);
		const uneven = new Map(tiers.map((t, i) => [t.id, i === 0 ? 40 : 20]));
		await setTierWeights(database.db, campaign.id, uneven, null);

		const after = await getBallotDefinition(database.db, campaign.id);
		const edited = after!.questions.find((q) => q.key === 'overall_grade')!;
		expect(edited.required).toBe(false);
		expect(edited.scale.type === 'choice' && edited.scale.options.map((o) => o.value)).toEqual([
			95, 80, 65, 55
		]);
		expect(after!.subjects.map((s) => [s.kind, s.label])).toEqual([
			['cadre', '王五'],
			['team', '某局领导班子']
		]);
		expect(after!.tiers.map((t) => t.weight)).toEqual([40, 20, 20, 20]);

		// 40 + 20 + 20 + 20 = 100: it may open, and then nothing changes any more.
		await transitionCampaign(database.db, campaign.id, 'open', null);
		await expect(
			updateQuestion(database.db, campaign.id, grade.id, { required: true, options }, null)
		).rejects.toBeInstanceOf(NotEditableError);
		await expect(addTypedSubjects(database.db, campaign.id, ['x'], null)).rejects.toBeInstanceOf(
			NotEditableError
		);
	});

	it('refuses weights that do not sum to 100 at opening, and points off the scale', async () => {
		const { campaign, questions, tiers } = await draftAssessment();
		await setTierWeights(database.db, campaign.id, new Map(tiers.map((t) => [t.id, 30])), null);
		await expect(transitionCampaign(database.db, campaign.id, 'open', null)).rejects.toEqual(
			new TransitionError('tier_weights')
		);
		const morality = questions.find((q) => q.key === 'morality')!;
		const bad = {
			good: { value: 1.5, excluded: false },
			fair: { value: 1, excluded: false },
			poor: { value: 0, excluded: false }
		};
		await expect(
			updateQuestion(database.db, campaign.id, morality.id, { required: true, options: bad }, null)
		).rejects.toEqual(new EditError('value'));
	});
});
