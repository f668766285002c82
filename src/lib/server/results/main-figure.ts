/**
 * The headline figure each kind of campaign ranks its subjects on:
 * - unit evaluation and satisfaction survey: the mean of the item scores (each tier-weighted);
 * - democratic assessment: the score of the overall grade (优秀/称职/基本称职/不称职);
 * - 一报告两评议: the approval rate of each newly appointed cadre (认同 + 基本认同).
 * Top ten / bottom ten rank on picks instead: a best and a worst ranking (rankAll).
 */
import type { BallotQuestion, BallotSubject } from '$lib/domain/campaign-scale';
import { combineWeighted, fromInt, type ChoiceTally } from '$lib/domain/scoring';
import type { BallotDefinition } from '$lib/server/campaigns/definition';
import type { ItemComputation } from './items';
import { rankHeadlines, type Basis, type Headline } from './rankings';
import type { ResultSettings } from './settings';
import type { Standing } from './snapshot';

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

/** What a kind's headline figure is: the approval rate for appointments, else a score. */
export function basisOf(kind: BallotDefinition['campaign']['kind']): Basis {
	return kind === 'appointment_appraisal' ? 'rate' : 'score';
}

export function headlinesFor(
	definition: BallotDefinition,
	subjects: readonly BallotSubject[],
	computed: Map<string, ItemComputation>
): { basis: Basis; headlines: Headline[] } {
	const basis = basisOf(definition.campaign.kind);
	return { basis, headlines: subjects.map((s) => headlineOf(definition, s, computed)) };
}

export function rankAll(
	definition: BallotDefinition,
	computed: Map<string, ItemComputation>,
	picks: Map<string, Map<number, number>> | null,
	settings: ResultSettings
): { basis: 'score' | 'rate' | 'picks'; rankings: Record<string, Standing[]> } {
	const ranked = rankedSubjects(definition.subjects);
	if (definition.campaign.kind === 'top_bottom_ten') {
		const of = (name: string) =>
			ranked.map((s) => {
				const count = picks?.get(name)?.get(s.id);
				return {
					subjectId: s.id,
					value: count === undefined ? null : fromInt(count),
					suppressed: picks === null
				};
			});
		const best = rankHeadlines(of('best'), 'picks', settings);
		// Most 'worst' picks is last place: ranked lower-is-better, so positionFromBottom 1 is the worst.
		const worst = rankHeadlines(of('worst'), 'picks', settings, {
			...settings.rank,
			direction: 'lower-is-better'
		});
		return { basis: 'picks', rankings: { main: best, best, worst } };
	}
	const { basis, headlines } = headlinesFor(definition, ranked, computed);
	return { basis, rankings: { main: rankHeadlines(headlines, basis, settings) } };
}

/** Subjects that compete with each other: everything but the campaign-wide 'overall' subject. */
function rankedSubjects(subjects: readonly BallotSubject[]): BallotSubject[] {
	const specific = subjects.filter((s) => s.kind !== 'overall');
	return specific.length > 0 ? specific : [...subjects];
}

export function ruleTallies(definition: BallotDefinition, computed: Map<string, ItemComputation>) {
	const tallies: Record<string, ChoiceTally> = {};
	for (const subject of definition.subjects) {
		const question = ruleQuestionFor(definition, subject);
		const item = question ? computed.get(`${question.key}|${subject.id}`) : undefined;
		if (item && !item.result.suppressed && item.pooled.kind === 'choice')
			tallies[String(subject.id)] = item.pooled;
	}
	return tallies;
}
