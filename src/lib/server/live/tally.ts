/**
 * From a campaign's counts to the live picture: the counts come from the results helper's SQL
 * tally (or a rehearsal's synthetic counts), the ranking from the same scoring engine as the
 * published results, so the screen never disagrees with the results page.
 */
import { toNumber } from '$lib/domain/scoring';
import { visibleRanking, type LiveControl } from '$lib/domain/live-reveal';
import {
	liveFormat,
	type LiveContent,
	type LiveEntry,
	type LiveTurnout
} from '$lib/domain/live-snapshot';
import {
	getBallotDefinition,
	type BallotDefinition,
	type Executor
} from '$lib/server/campaigns/definition';
import { getTurnout, type TierTurnout } from '$lib/server/campaigns/queries';
import { countCampaign, type CampaignCounts } from '$lib/server/results/aggregate';
import { buildResults } from '$lib/server/results/compute';
import type { RehearsalTally } from './rehearsal';

/** What one rebuild reads from the database: the frozen definition, counts and turnout. */
export interface LiveSource {
	definition: BallotDefinition;
	counts: CampaignCounts;
	turnout: TierTurnout[];
}

export async function loadLiveSource(db: Executor, campaignId: number): Promise<LiveSource | null> {
	const definition = await getBallotDefinition(db, campaignId);
	if (!definition) return null;
	const [counts, turnout] = await Promise.all([
		countCampaign(db, campaignId),
		getTurnout(db, campaignId)
	]);
	return { definition, counts, turnout };
}

/** Every ranked subject with its published figure, in the engine's order. */
export function rankingOf(
	definition: BallotDefinition,
	counts: CampaignCounts
): { basis: LiveContent['basis']; entries: LiveEntry[] } {
	const { snapshot } = buildResults(definition, counts);
	const labels = new Map(definition.subjects.map((s) => [s.id, s.label]));
	const entries = (snapshot.rankings.main ?? []).map((standing) => ({
		subjectId: standing.subjectId,
		label: labels.get(standing.subjectId) ?? String(standing.subjectId),
		display: standing.display,
		value: standing.value === null ? null : toNumber(standing.value),
		position: standing.position
	}));
	return { basis: snapshot.basis, entries };
}

/** Every tier of the campaign with its synthetic voters; eligible numbers stay the real ones. */
function rehearsalTurnout(source: LiveSource, tally: RehearsalTally): LiveTurnout[] {
	const eligible = new Map(source.turnout.map((t) => [t.tierId, t.eligible]));
	const tiers: { id: number | null; name: string | null }[] = source.definition.tiers.map((t) => ({
		id: t.id,
		name: t.name
	}));
	if (tiers.length === 0 || tally.voters.has(null)) tiers.push({ id: null, name: null });
	return tiers.map((t) => ({
		tier: t.id === null ? null : String(t.id),
		name: t.name,
		eligible: eligible.get(t.id) ?? 0,
		voted: tally.voters.get(t.id) ?? 0,
		paper: 0
	}));
}

/** The snapshot's content (without sequence and time) as the public may see it. */
export function buildLiveContent(
	source: LiveSource,
	control: LiveControl,
	rehearsal: RehearsalTally | null
): LiveContent {
	const { campaign } = source.definition;
	const counts = control.rehearsal && rehearsal ? rehearsal.counts : source.counts;
	const { basis, entries } = rankingOf(source.definition, counts);
	const view = visibleRanking(entries, control, campaign.state);
	const turnout =
		control.rehearsal && rehearsal
			? rehearsalTurnout(source, rehearsal)
			: source.turnout.map((t) => ({
					tier: t.tierId === null ? null : String(t.tierId),
					name: t.name,
					eligible: t.eligible,
					voted: t.voted,
					paper: t.paper
				}));
	return {
		format: liveFormat,
		campaignId: campaign.id,
		title: campaign.title,
		kind: campaign.kind,
		state: campaign.state,
		rehearsal: control.rehearsal,
		frozen: false,
		policy: control.policy,
		order: control.order,
		basis,
		ballots: counts.ballots.reduce((n, row) => n + row.n, 0),
		voters: turnout.reduce((n, t) => n + t.voted + t.paper, 0),
		turnout,
		ranking: view.ranking,
		places: view.places,
		revealed: view.revealed
	};
}
