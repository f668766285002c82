/**
 * From a campaign's counts to the live picture: the counts come from the results helper's SQL
 * tally (or a rehearsal's synthetic counts), the ranking from the same scoring engine as the
 * published results, so the screen never disagrees with the results page.
 *
 * TV viewers' audience ballots are counted apart: the jury's ranking, ballots, voters and turnout
 * leave them out unless the campaign counts them with the jury, and the snapshot's `audience`
 * carries their turnout and their own ranking (docs/LIVE.md, "Audience voting").
 */
import {
	audienceRankingShown,
	audienceSettings,
	type AudienceSettings
} from '$lib/domain/audience';
import { toNumber } from '$lib/domain/scoring';
import { parseSnapshot, type XidSnapshot } from '$lib/domain/live-xid';
import { orderRanking, visibleRanking, type LiveControl } from '$lib/domain/live-reveal';
import {
	liveFormat,
	type LiveAudience,
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
import type { Database } from '$lib/server/db';
import { rowsOf } from '$lib/server/db/rows';
import { countCampaign, type CampaignCounts } from '$lib/server/results/aggregate';
import { sql } from 'drizzle-orm';
import { buildResults } from '$lib/server/results/compute';
import { getAudienceCounts, type AudienceCounts } from './audience';
import type { RehearsalTally } from './rehearsal';

/** The audience's side of a rebuild: its settings, devices, and its own counts once it voted. */
export interface AudienceSource {
	settings: AudienceSettings;
	devices: AudienceCounts;
	/** Counts of the audience's ballots alone; null while none has voted. */
	counts: CampaignCounts | null;
}

/**
 * What one rebuild reads from the database: the frozen definition, the counts of the main
 * ranking (the jury's, with the audience's only when they count together), the jury's turnout
 * and the audience's side.
 */
export interface LiveSource {
	definition: BallotDefinition;
	counts: CampaignCounts;
	turnout: TierTurnout[];
	audience: AudienceSource;
	/**
	 * The snapshot the counts were read in (`pg_current_snapshot()`): which commits they show.
	 * Null only where the database would not say; then every local commit is recounted.
	 */
	xids: XidSnapshot | null;
	/** Ballot and participation rows of the campaign, all channels: what the safety net compares. */
	rows: { ballots: number; participation: number };
}

/**
 * Reads everything in one read-only, repeatable-read transaction: counts, turnout and the
 * audience's side agree with each other even while ballots keep arriving (read one by one, a
 * ballot landing between the ballot count and the answer sums made an impossible tally).
 */
export function loadLiveSource(db: Database, campaignId: number): Promise<LiveSource | null> {
	return db.transaction((tx) => readLiveSource(tx, campaignId), {
		isolationLevel: 'repeatable read',
		accessMode: 'read only'
	});
}

async function readLiveSource(db: Executor, campaignId: number): Promise<LiveSource | null> {
	// First statement of the transaction: the snapshot every read below sees (running-tally.ts).
	const [snap] = rowsOf<{ snapshot: string }>(
		await db.execute(sql`select pg_current_snapshot()::text as snapshot`)
	);
	const xids = snap ? parseSnapshot(String(snap.snapshot)) : null;
	const definition = await getBallotDefinition(db, campaignId);
	if (!definition) return null;
	const settings = audienceSettings(definition.campaign.settings);
	// Devices first: an audience ballot landing after this read is only missing from the
	// audience's figures until the next rebuild, never counted on the jury's side.
	const devices = await getAudienceCounts(db, campaignId);
	const [counts, turnout, audienceCounts, rows] = await Promise.all([
		countCampaign(db, campaignId, settings.countWithJury ? 'all' : 'jury'),
		getTurnout(db, campaignId),
		devices.voters > 0 ? countCampaign(db, campaignId, 'audience') : null,
		countRows(db, campaignId)
	]);
	return {
		definition,
		counts,
		turnout,
		audience: { settings, devices, counts: audienceCounts },
		xids,
		rows
	};
}

/** Ballot and participation rows of a campaign (the safety net's figures, channel.ts). */
export async function countRows(
	db: Executor,
	campaignId: number
): Promise<{ ballots: number; participation: number }> {
	const [row] = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select (select count(*) from ballot where campaign_id = ${campaignId})::int as ballots,
				(select count(*) from participation where campaign_id = ${campaignId})::int as participation`)
	);
	return { ballots: Number(row?.ballots ?? 0), participation: Number(row?.participation ?? 0) };
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

/**
 * A tier's turnout as the feeds carry it: its name in Chinese (`name`, as always) and in English
 * (`nameEn`), so a screen or graphics system shows the one for its language.
 */
type NamedTurnout = LiveTurnout & { nameEn: string | null };

/** The jury's turnout per tier, with both names of each tier from the campaign's definition. */
export function namedTurnout(
	turnout: readonly TierTurnout[],
	tiers: readonly { id: number; nameEn: string }[]
): NamedTurnout[] {
	const english = new Map(tiers.map((t) => [t.id, t.nameEn]));
	return turnout.map((t) => ({
		tier: t.tierId === null ? null : String(t.tierId),
		name: t.name,
		nameEn: t.tierId === null ? null : (english.get(t.tierId) ?? t.name),
		eligible: t.eligible,
		voted: t.voted,
		paper: t.paper
	}));
}

/** Every tier of the campaign with its synthetic voters; eligible numbers stay the real ones. */
export function rehearsalTurnout(source: LiveSource, tally: RehearsalTally): NamedTurnout[] {
	const eligible = new Map(source.turnout.map((t) => [t.tierId, t.eligible]));
	const tiers: { id: number | null; name: string | null; nameEn: string | null }[] =
		source.definition.tiers.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn }));
	if (tiers.length === 0 || tally.voters.has(null))
		tiers.push({ id: null, name: null, nameEn: null });
	return tiers.map((t) => ({
		tier: t.id === null ? null : String(t.id),
		name: t.name,
		nameEn: t.nameEn,
		eligible: eligible.get(t.id) ?? 0,
		voted: tally.voters.get(t.id) ?? 0,
		paper: 0
	}));
}

/**
 * The audience's part of the snapshot: present once audience voting is on or has ballots, never
 * in a rehearsal (whose figures are all synthetic). Its own ranking follows the reveal policy.
 */
function audienceContent(
	source: LiveSource,
	control: LiveControl,
	jury: { places: number; revealed: number }
): LiveAudience | undefined {
	const { settings, devices, counts } = source.audience;
	if (control.rehearsal || (!settings.enabled && devices.voters === 0)) return undefined;
	const entries = counts ? orderRanking(rankingOf(source.definition, counts).entries) : [];
	const places = entries.filter((e) => e.position !== null).length;
	const state = source.definition.campaign.state;
	return {
		enabled: settings.enabled,
		countsWithJury: settings.countWithJury,
		voters: devices.voters,
		ballots: counts ? counts.ballots.reduce((n, row) => n + row.n, 0) : 0,
		ranking: audienceRankingShown(control.policy, state, jury) ? entries : [],
		places
	};
}

/** The snapshot's content (without sequence and time) as the public may see it. */
export function buildLiveContent(
	source: LiveSource,
	control: LiveControl,
	rehearsal: RehearsalTally | null
): LiveContent {
	const { campaign } = source.definition;
	const rehearsing = control.rehearsal && rehearsal !== null;
	const counts = rehearsing ? rehearsal.counts : source.counts;
	const { basis, entries } = rankingOf(source.definition, counts);
	const view = visibleRanking(entries, control, campaign.state);
	const turnout = rehearsing
		? rehearsalTurnout(source, rehearsal)
		: namedTurnout(source.turnout, source.definition.tiers);
	const audience = audienceContent(source, control, view);
	// With the audience counted in, the main figures' voters include its devices.
	const audienceVoters = !rehearsing && audience?.countsWithJury ? audience.voters : 0;
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
		voters: turnout.reduce((n, t) => n + t.voted + t.paper, 0) + audienceVoters,
		turnout,
		ranking: view.ranking,
		places: view.places,
		revealed: view.revealed,
		...(audience ? { audience } : {})
	};
}
