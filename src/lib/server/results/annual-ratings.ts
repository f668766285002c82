/**
 * Annual ratings proposed from a democratic assessment (民主测评): each cadre's or team's headline
 * score gives a rating by band, and the interviews (约谈) of the campaign's year cap it. Read live
 * next to the results, because an interview later in the year still caps that year's rating; each
 * proposal names the cap rule, the interview count, the year and the campaign.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
	fromFractionString,
	proposeAnnualRating,
	type AnnualRating,
	type InterviewCapRule
} from '$lib/domain/scoring';
import type { Executor } from '$lib/server/campaigns/definition';
import { yearInChina } from '$lib/domain/china-time';
import { rowsOf } from '$lib/server/db/rows';
import * as table from '$lib/server/db/schema';
import { interviewCounts } from './interviews';
import type { PublishedSnapshot } from './snapshot';

/** The year a campaign's figures belong to: when it closes (else opens, else was made), UTC+8. */
export function campaignYear(
	campaign: Pick<table.Campaign, 'closesAt' | 'opensAt' | 'createdAt'>
): number {
	const at = campaign.closesAt ?? campaign.opensAt ?? campaign.createdAt;
	return yearInChina(at);
}

/** Suffixes a team subject's label may add to its unit's name (某局领导班子, 某局班子). */
const teamSuffixes = ['', '领导班子', '班子', ' leadership team'];

/** The unit whose leadership team a label names, when exactly one unit's name fits. */
export function matchTeamUnit(
	label: string,
	units: readonly { id: number; name: string }[]
): number | null {
	const text = label.trim();
	const found = units.filter((u) => teamSuffixes.some((suffix) => text === u.name + suffix));
	return found.length === 1 ? found[0].id : null;
}

export interface RatingProposalRow {
	subjectId: number;
	subject: string;
	kind: 'cadre' | 'team';
	/** The headline score as published; null when hidden (too few ballots) or missing. */
	score: string | null;
	/** Whether the subject is linked to a cadre record or (teams) to exactly one unit. */
	linked: boolean;
	interviews: number;
	/**
	 * For a cadre who is one of their unit's principal leaders (cadre.heads_unit): the unit and
	 * its leadership team's interviews that year, which cap the head too (capHeadRating).
	 */
	headOf: { unitId: number; unit: string; teamInterviews: number } | null;
	fromScore: AnnualRating | null;
	rating: AnnualRating | null;
	cap: InterviewCapRule | null;
	lowered: boolean;
}

export interface RatingProposals {
	year: number;
	campaignId: number;
	rows: RatingProposalRow[];
}

/** The live units of a region and everything below it (all units for a city-wide campaign). */
export async function unitsUnder(db: Executor, regionId: number | null) {
	if (regionId === null)
		return db
			.select({ id: table.unit.id, name: table.unit.name })
			.from(table.unit)
			.where(isNull(table.unit.archivedAt));
	return rowsOf<{ id: number; name: string }>(
		await db.execute(sql`
			with recursive scope(id) as (
				select id from region where id = ${regionId}
				union select region.id from region join scope on region.parent_id = scope.id
			)
			select u.id, u.name from unit u join scope on scope.id = u.region_id
			where u.archived_at is null`)
	).map((u) => ({ id: Number(u.id), name: String(u.name) }));
}

/** The unit each of these cadres heads (cadre.heads_unit), by cadre id. */
async function unitsHeaded(
	db: Executor,
	cadreIds: number[]
): Promise<Map<number, { id: number; name: string }>> {
	if (cadreIds.length === 0) return new Map();
	const rows = await db
		.select({ cadreId: table.cadre.id, id: table.unit.id, name: table.unit.name })
		.from(table.cadre)
		.innerJoin(table.unit, eq(table.unit.id, table.cadre.unitId))
		.where(and(inArray(table.cadre.id, cadreIds), eq(table.cadre.headsUnit, true)));
	return new Map(rows.map((r) => [r.cadreId, { id: r.id, name: r.name }]));
}

/** Proposals for a democratic assessment's cadres and teams; null for other kinds. */
export async function annualRatingProposals(
	db: Executor,
	campaign: table.Campaign,
	snapshot: PublishedSnapshot
): Promise<RatingProposals | null> {
	if (campaign.kind !== 'democratic_assessment') return null;
	const year = campaignYear(campaign);
	const subjects = await db
		.select()
		.from(table.campaignSubject)
		.where(
			and(
				eq(table.campaignSubject.campaignId, campaign.id),
				inArray(table.campaignSubject.kind, ['cadre', 'team'])
			)
		);
	const units = subjects.some((s) => s.kind === 'team')
		? await unitsUnder(db, campaign.regionId)
		: [];
	const teamUnit = new Map(
		subjects.filter((s) => s.kind === 'team').map((s) => [s.id, matchTeamUnit(s.label, units)])
	);
	const cadreIds = subjects.flatMap((s) => (s.cadreId === null ? [] : [s.cadreId]));
	const headed = await unitsHeaded(db, cadreIds);
	const unitIds = [
		...new Set([
			...[...teamUnit.values()].filter((id): id is number => id !== null),
			...[...headed.values()].map((u) => u.id)
		])
	];
	const counts = await interviewCounts(db, year, cadreIds, unitIds);
	const standings = new Map((snapshot.rankings.main ?? []).map((s) => [s.subjectId, s]));
	const rows = subjects.map((s): RatingProposalRow => {
		const kind = s.kind as 'cadre' | 'team';
		const linkId = kind === 'cadre' ? s.cadreId : (teamUnit.get(s.id) ?? null);
		const interviews =
			linkId === null ? 0 : ((kind === 'cadre' ? counts.cadres : counts.teams).get(linkId) ?? 0);
		const unit = kind === 'cadre' && s.cadreId !== null ? headed.get(s.cadreId) : undefined;
		const headOf = unit
			? { unitId: unit.id, unit: unit.name, teamInterviews: counts.teams.get(unit.id) ?? 0 }
			: null;
		const standing = standings.get(s.id);
		const base = {
			subjectId: s.id,
			subject: s.label,
			kind,
			score: standing?.display ?? null,
			linked: linkId !== null,
			interviews,
			headOf
		};
		if (!standing || standing.suppressed || standing.value === null)
			return { ...base, fromScore: null, rating: null, cap: null, lowered: false };
		const proposal = proposeAnnualRating(
			kind,
			fromFractionString(standing.value),
			interviews,
			headOf?.teamInterviews
		);
		return {
			...base,
			fromScore: proposal.fromScore,
			rating: proposal.rating,
			cap: proposal.cap,
			lowered: proposal.lowered
		};
	});
	const order = new Map((snapshot.subjects ?? []).map((s, i) => [s.id, i]));
	rows.sort((a, b) => (order.get(a.subjectId) ?? 0) - (order.get(b.subjectId) ?? 0));
	return { year, campaignId: campaign.id, rows };
}
