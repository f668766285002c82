/**
 * The headline figure each kind of campaign ranks its subjects on:
 * - unit evaluation and satisfaction survey: the mean of the item scores (each tier-weighted);
 * - democratic assessment: the score of the overall grade (优秀/称职/基本称职/不称职);
 * - 一报告两评议: the approval rate of each newly appointed cadre (认同 + 基本认同).
 * Top ten / bottom ten rank on picks instead (compute.ts).
 */
import type { BallotQuestion, BallotSubject } from '$lib/domain/campaign-scale';
import { combineWeighted } from '$lib/domain/scoring';
import type { BallotDefinition } from '$lib/server/campaigns/definition';
import type { ItemComputation } from './items';
import type { Basis, Headline } from './rankings';

const asked = (definition: BallotDefinition, subject: BallotSubject) =>
	definition.questions.filter((q) => q.appliesTo.includes(subject.kind));

/** The question whose answers threshold rules test: the first choice question without a dimension. */
export function ruleQuestionFor(
	definition: BallotDefinition,
	subject: BallotSubject
): BallotQuestion | null {
	return (
		asked(definition, subject).find((q) => q.kind === 'choice' && q.dimension === null) ?? null
	);
}

function headlineOf(
	definition: BallotDefinition,
	subject: BallotSubject,
	computed: Map<string, ItemComputation>
): Headline {
	const items = asked(definition, subject)
		.map((q) => computed.get(`${q.key}|${subject.id}`))
		.filter((item): item is ItemComputation => item !== undefined);
	const suppressed = items.some((item) => item.result.suppressed);
	const none = { subjectId: subject.id, value: null, suppressed };
	if (suppressed) return none;
	const kind = definition.campaign.kind;
	if (kind === 'appointment_appraisal') {
		const rated = items.find((item) => item.rate !== null);
		return { ...none, value: rated?.rate?.value ?? null };
	}
	if (kind === 'democratic_assessment') {
		const question = ruleQuestionFor(definition, subject);
		const item = question ? computed.get(`${question.key}|${subject.id}`) : undefined;
		return { ...none, value: item?.value ?? null };
	}
	const scored = items.filter((item) => item.value !== null);
	if (scored.length < items.length || scored.length === 0) return none;
	return {
		...none,
		value: combineWeighted(scored.map((item) => ({ weight: 1, value: item.value })))
	};
}

export function headlinesFor(
	definition: BallotDefinition,
	subjects: readonly BallotSubject[],
	computed: Map<string, ItemComputation>
): { basis: Basis; headlines: Headline[] } {
	const basis: Basis = definition.campaign.kind === 'appointment_appraisal' ? 'rate' : 'score';
	return { basis, headlines: subjects.map((s) => headlineOf(definition, s, computed)) };
}
