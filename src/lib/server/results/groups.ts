/**
 * Ranking groups: campaigns of one kind and year (typically one satisfaction survey per district)
 * ranked against each other. The combined ranking is built from the members' results — frozen
 * snapshots once published, a preview before — by the same engine (exact values, ties,
 * suppression), and the group's own rank rules (seeded from the kind's template) are applied.
 * Publishing the group freezes the ranking (canonical JSON + SHA-256 in the audit chain), after
 * which members, rules and ranking never change; `audit:verify` recomputes it.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import {
	fromFractionString,
	groupRuleLimits,
	parseRules,
	rankGroup,
	rationalReplacer,
	rulesFromTemplate,
	serializeRules,
	type ConsequenceRule,
	type GroupEntry,
	type GroupRankSettings,
	type RuleIssue
} from '$lib/domain/scoring';
import { canonicalJson } from '$lib/server/audit/chain';
import { recordAuditEvent } from '$lib/server/audit';
import type { Actor } from '$lib/server/campaigns/create';
import type { Executor } from '$lib/server/campaigns/definition';
import type { Database } from '$lib/server/db';
import { rowsOf } from '$lib/server/db/rows';
import * as table from '$lib/server/db/schema';
import { campaignYear } from './annual-ratings';
import { computeResults } from './compute';
import { getPublishedResult } from './queries';
import { inScope } from './scope';
import { parsePublished, sha256Hex, type PublishedSnapshot } from './snapshot';

export const groupFormat = 'minping-ranking-group/1';

export type GroupRefusal =
	| 'not_found'
	| 'title'
	| 'kind'
	| 'year'
	| 'region'
	| 'frozen'
	| 'campaign_not_found'
	| 'wrong_kind'
	| 'wrong_year'
	| 'outside_region'
	| 'already_member'
	| 'not_member'
	| 'too_few_members'
	| 'not_all_published'
	| 'mixed_basis'
	| 'invalid_rules';

export class GroupError extends Error {
	constructor(
		readonly refusal: GroupRefusal,
		readonly issues: RuleIssue[] = []
	) {
		super(refusal);
		this.name = 'GroupError';
	}
}

const kinds = table.campaignKind.enumValues;
type Kind = (typeof kinds)[number];

/** The engine names 一报告两评议 differently; a group keeps only the template's rank rules. */
export function groupTemplateRules(kind: Kind): ConsequenceRule[] {
	const engineKind = kind === 'appointment_appraisal' ? 'one_report_two_appraisals' : kind;
	return rulesFromTemplate(engineKind).filter(
		(rule) => rule.kind !== 'threshold' && (rule.ranking ?? 'main') === 'main'
	);
}

export interface NewGroupInput {
	title: string;
	kind: string;
	year: number;
	regionId: number | null;
}

async function regionsUnder(db: Executor, regionId: number): Promise<number[]> {
	return rowsOf<{ id: number }>(
		await db.execute(sql`
			with recursive scope(id) as (
				select id from region where id = ${regionId}
				union select region.id from region join scope on region.parent_id = scope.id
			)
			select id from scope`)
	).map((r) => Number(r.id));
}

export async function createGroup(
	db: Database,
	input: NewGroupInput,
	scope: number[] | null,
	actor: Actor | null
): Promise<number> {
	const title = input.title.trim();
	if (title.length === 0 || title.length > 200) throw new GroupError('title');
	const kind = kinds.find((k) => k === input.kind);
	if (!kind) throw new GroupError('kind');
	if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2200)
		throw new GroupError('year');
	if (!inScope(scope, input.regionId)) throw new GroupError('region');
	return db.transaction(async (tx) => {
		if (input.regionId !== null) {
			const [region] = await tx
				.select({ id: table.region.id })
				.from(table.region)
				.where(eq(table.region.id, input.regionId));
			if (!region) throw new GroupError('region');
		}
		const rules = serializeRules(groupTemplateRules(kind));
		const [row] = await tx
			.insert(table.rankingGroup)
			.values({
				title,
				kind,
				year: input.year,
				regionId: input.regionId,
				rules,
				createdBy: actor?.id ?? null
			})
			.returning({ id: table.rankingGroup.id });
		await recordAuditEvent(tx, {
			actor,
			action: 'ranking_group.create',
			subjectType: 'ranking_group',
			subjectId: row.id,
			details: { title, kind, year: input.year, regionId: input.regionId, rules }
		});
		return row.id;
	});
}

export interface GroupListRow {
	id: number;
	title: string;
	kind: Kind;
	year: number;
	regionName: string | null;
	members: number;
	published: boolean;
}

export async function listGroups(db: Executor, scope: number[] | null): Promise<GroupListRow[]> {
	const rows = await db
		.select({
			id: table.rankingGroup.id,
			title: table.rankingGroup.title,
			kind: table.rankingGroup.kind,
			year: table.rankingGroup.year,
			regionId: table.rankingGroup.regionId,
			regionName: table.region.name,
			members: sql<number>`(select count(*)::int from ranking_group_member m where m.group_id = ${table.rankingGroup.id})`,
			published: sql<boolean>`exists (select 1 from ranking_group_result r where r.group_id = ${table.rankingGroup.id})`
		})
		.from(table.rankingGroup)
		.leftJoin(table.region, eq(table.region.id, table.rankingGroup.regionId))
		.orderBy(asc(table.rankingGroup.year), asc(table.rankingGroup.id));
	return rows
		.filter((r) => inScope(scope, r.regionId))
		.map(({ regionId: _r, ...r }) => ({
			...r,
			members: Number(r.members),
			published: Boolean(r.published)
		}));
}

export interface GroupMember {
	campaignId: number;
	title: string;
	state: table.Campaign['state'];
	regionId: number | null;
	regionName: string | null;
}

export interface GroupDetail {
	group: table.RankingGroup;
	regionName: string | null;
	rules: ConsequenceRule[];
	members: GroupMember[];
	result: table.RankingGroupResult | null;
}

/** The group inside the reader's scope, with its members and frozen result; else null. */
export async function getGroup(
	db: Executor,
	id: number,
	scope: number[] | null
): Promise<GroupDetail | null> {
	const [row] = await db
		.select({ group: table.rankingGroup, regionName: table.region.name })
		.from(table.rankingGroup)
		.leftJoin(table.region, eq(table.region.id, table.rankingGroup.regionId))
		.where(eq(table.rankingGroup.id, id));
	if (!row || !inScope(scope, row.group.regionId)) return null;
	const members = await db
		.select({
			campaignId: table.campaign.id,
			title: table.campaign.title,
			state: table.campaign.state,
			regionId: table.campaign.regionId,
			regionName: table.region.name
		})
		.from(table.rankingGroupMember)
		.innerJoin(table.campaign, eq(table.campaign.id, table.rankingGroupMember.campaignId))
		.leftJoin(table.region, eq(table.region.id, table.campaign.regionId))
		.where(eq(table.rankingGroupMember.groupId, id))
		.orderBy(asc(table.campaign.id));
	const [result] = await db
		.select()
		.from(table.rankingGroupResult)
		.where(eq(table.rankingGroupResult.groupId, id));
	const parsed = parseRules(row.group.rules, groupRuleLimits);
	if (!parsed.ok) throw new Error(`stored rules of ranking group ${id} are not valid`);
	return {
		group: row.group,
		regionName: row.regionName,
		rules: parsed.rules,
		members,
		result: result ?? null
	};
}

/** The group, locked for a change; refused once its ranking is frozen. */
async function lockOpenGroup(tx: Executor, id: number, scope: number[] | null) {
	const [group] = await tx
		.select()
		.from(table.rankingGroup)
		.where(eq(table.rankingGroup.id, id))
		.for('update');
	if (!group || !inScope(scope, group.regionId)) throw new GroupError('not_found');
	const [frozen] = await tx
		.select({ id: table.rankingGroupResult.id })
		.from(table.rankingGroupResult)
		.where(eq(table.rankingGroupResult.groupId, id));
	if (frozen) throw new GroupError('frozen');
	return group;
}

export async function addMember(
	db: Database,
	groupId: number,
	campaignId: number,
	scope: number[] | null,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		const group = await lockOpenGroup(tx, groupId, scope);
		const [campaign] = await tx
			.select()
			.from(table.campaign)
			.where(eq(table.campaign.id, campaignId));
		if (!campaign || !inScope(scope, campaign.regionId)) throw new GroupError('campaign_not_found');
		if (campaign.kind !== group.kind) throw new GroupError('wrong_kind');
		if (campaignYear(campaign) !== group.year) throw new GroupError('wrong_year');
		if (group.regionId !== null) {
			const under = await regionsUnder(tx, group.regionId);
			if (campaign.regionId === null || !under.includes(campaign.regionId))
				throw new GroupError('outside_region');
		}
		const [member] = await tx
			.select({ groupId: table.rankingGroupMember.groupId })
			.from(table.rankingGroupMember)
			.where(eq(table.rankingGroupMember.campaignId, campaignId));
		if (member) throw new GroupError('already_member');
		await tx.insert(table.rankingGroupMember).values({ groupId, campaignId });
		await recordAuditEvent(tx, {
			actor,
			action: 'ranking_group.member_add',
			subjectType: 'ranking_group',
			subjectId: groupId,
			details: { campaignId }
		});
	});
}

export async function removeMember(
	db: Database,
	groupId: number,
	campaignId: number,
	scope: number[] | null,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		await lockOpenGroup(tx, groupId, scope);
		const removed = await tx
			.delete(table.rankingGroupMember)
			.where(
				and(
					eq(table.rankingGroupMember.groupId, groupId),
					eq(table.rankingGroupMember.campaignId, campaignId)
				)
			)
			.returning({ campaignId: table.rankingGroupMember.campaignId });
		if (removed.length === 0) throw new GroupError('not_member');
		await recordAuditEvent(tx, {
			actor,
			action: 'ranking_group.member_remove',
			subjectType: 'ranking_group',
			subjectId: groupId,
			details: { campaignId }
		});
	});
}

/** Replaces the group's rank rules (checked first; nothing written on any problem). */
export async function saveGroupRules(
	db: Database,
	groupId: number,
	input: unknown,
	scope: number[] | null,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		const group = await lockOpenGroup(tx, groupId, scope);
		const parsed = parseRules(input, groupRuleLimits);
		if (!parsed.ok) throw new GroupError('invalid_rules', parsed.issues);
		const rules = serializeRules(parsed.rules);
		await tx
			.update(table.rankingGroup)
			.set({ rules, updatedAt: new Date() })
			.where(eq(table.rankingGroup.id, groupId));
		await recordAuditEvent(tx, {
			actor,
			action: 'ranking_group.rules_update',
			subjectType: 'ranking_group',
			subjectId: groupId,
			details: { before: group.rules, after: rules }
		});
	});
}

interface MemberResults {
	member: GroupMember;
	snapshot: PublishedSnapshot | null;
	sha256: string | null;
}

export interface GroupStanding {
	key: string;
	campaignId: number;
	subjectId: number;
	label: string;
	value: string | null;
	display: string | null;
	suppressed: boolean;
	rank: number | null;
	position: number | null;
	positionFromBottom: number | null;
	tiedWith: string[];
}

export interface GroupSnapshot {
	format: typeof groupFormat;
	group: { id: number; title: string; kind: string; year: number; region: string | null };
	members: { campaignId: number; title: string; region: string | null; sha256: string | null }[];
	basis: 'score' | 'rate' | 'picks';
	settings: GroupRankSettings;
	ranking: GroupStanding[];
	rules: ConsequenceRule[];
	rulesApplied: string[];
	outcomes: ReturnType<typeof rankGroup>['outcomes'];
}

/** What a member's subject is called in the combined ranking: its district for a survey. */
function entryLabel(
	member: GroupMember,
	subject: PublishedSnapshot['subjects'][number] | undefined
): string {
	const where = member.regionName ?? member.title;
	if (!subject || subject.kind === 'overall') return where;
	return `${subject.label}（${where}）`;
}

function sameSettings(snapshots: PublishedSnapshot[]) {
	const key = (s: PublishedSnapshot) =>
		JSON.stringify([
			s.settings.rankOn,
			s.settings.rankMethod,
			s.settings.scoreRounding,
			s.settings.rateRounding
		]);
	return snapshots.every((s) => key(s) === key(snapshots[0]));
}

/**
 * The combined ranking from the members' results. Members with different ranking settings are
 * ranked on exact values (a published figure rounded differently would not compare fairly).
 */
export function buildGroupSnapshot(
	detail: Pick<GroupDetail, 'group' | 'regionName' | 'rules'>,
	results: MemberResults[]
): GroupSnapshot {
	const ready = results.filter(
		(r): r is MemberResults & { snapshot: PublishedSnapshot } => r.snapshot !== null
	);
	const bases = new Set(ready.map((r) => r.snapshot.basis));
	if (bases.size > 1) throw new GroupError('mixed_basis');
	const basis = ready[0]?.snapshot.basis ?? 'score';
	const first = ready[0]?.snapshot.settings;
	const uniform = ready.length > 0 && sameSettings(ready.map((r) => r.snapshot));
	const settings: GroupRankSettings = {
		basis,
		rankOn: uniform && first?.rankOn === 'displayed' ? 'displayed' : 'exact',
		method: uniform && first?.rankMethod === 'dense' ? 'dense' : 'competition'
	};
	const standings = new Map<
		string,
		Omit<GroupStanding, 'rank' | 'position' | 'positionFromBottom' | 'tiedWith'>
	>();
	const entries: GroupEntry[] = [];
	for (const { member, snapshot } of ready) {
		const subjects = new Map(snapshot.subjects.map((s) => [s.id, s]));
		for (const s of snapshot.rankings.main ?? []) {
			const key = `${member.campaignId}:${s.subjectId}`;
			standings.set(key, {
				key,
				campaignId: member.campaignId,
				subjectId: s.subjectId,
				label: entryLabel(member, subjects.get(s.subjectId)),
				value: s.value,
				display: s.display,
				suppressed: s.suppressed
			});
			entries.push({
				key,
				value: s.value === null ? null : fromFractionString(s.value),
				display: s.display,
				suppressed: s.suppressed
			});
		}
	}
	const ranked = rankGroup(`group:${detail.group.id}`, entries, settings, detail.rules);
	const { group } = detail;
	return {
		format: groupFormat,
		group: {
			id: group.id,
			title: group.title,
			kind: group.kind,
			year: group.year,
			region: detail.regionName
		},
		members: results.map((r) => ({
			campaignId: r.member.campaignId,
			title: r.member.title,
			region: r.member.regionName,
			sha256: r.sha256
		})),
		basis,
		settings,
		ranking: ranked.ranking.map((entry) => ({
			...(standings.get(entry.subject) as GroupStanding),
			rank: entry.rank,
			position: entry.position,
			positionFromBottom: entry.positionFromBottom,
			tiedWith: [...entry.tiedWith]
		})),
		rules: detail.rules,
		rulesApplied: ranked.applied.map((rule) => rule.id),
		outcomes: ranked.outcomes
	};
}

export function canonicalGroupSnapshot(snapshot: GroupSnapshot): string {
	return canonicalJson(JSON.parse(JSON.stringify(snapshot, rationalReplacer)));
}

/**
 * Each member's results: the frozen snapshot when published, a preview when only closed (with
 * `onlyPublished` false), or nothing yet.
 */
async function memberResults(
	db: Executor,
	members: GroupMember[],
	onlyPublished: boolean
): Promise<MemberResults[]> {
	const results: MemberResults[] = [];
	for (const member of members) {
		const published = await getPublishedResult(db, member.campaignId);
		if (published) {
			results.push({
				member,
				snapshot: parsePublished(published.snapshot),
				sha256: published.sha256
			});
			continue;
		}
		if (onlyPublished || member.state !== 'closed') {
			results.push({ member, snapshot: null, sha256: null });
			continue;
		}
		const computed = await computeResults(db, member.campaignId);
		const snapshot = computed
			? (JSON.parse(JSON.stringify(computed.snapshot, rationalReplacer)) as PublishedSnapshot)
			: null;
		results.push({ member, snapshot, sha256: null });
	}
	return results;
}

export interface GroupView {
	snapshot: GroupSnapshot;
	/** Frozen (published) or a preview from the members' current results. */
	frozen: boolean;
	/** Members without results yet (neither closed nor published). */
	pending: number;
	allPublished: boolean;
}

/** The frozen ranking, or a preview of it; null when the group holds no member. */
export async function groupView(db: Executor, detail: GroupDetail): Promise<GroupView | null> {
	if (detail.result)
		return {
			snapshot: JSON.parse(detail.result.snapshot) as GroupSnapshot,
			frozen: true,
			pending: 0,
			allPublished: true
		};
	if (detail.members.length === 0) return null;
	const results = await memberResults(db, detail.members, false);
	const snapshot = buildGroupSnapshot(detail, results);
	return {
		snapshot: JSON.parse(canonicalGroupSnapshot(snapshot)) as GroupSnapshot,
		frozen: false,
		pending: results.filter((r) => r.snapshot === null).length,
		allPublished: results.every((r) => r.sha256 !== null)
	};
}

/** Rule ids of group outcomes stored on member campaigns: `group:<groupId>:<ruleId>`. */
export const groupRuleId = (groupId: number, ruleId: string) => `group:${groupId}:${ruleId}`;

/**
 * Freezes the combined ranking once every member (at least two) is published: the snapshot and
 * its hash, one proposed outcome per rule finding on the member campaign concerned, and the
 * audit event — in one transaction holding the group's lock.
 */
export async function publishGroup(
	db: Database,
	groupId: number,
	scope: number[] | null,
	actor: Actor | null
): Promise<{ sha256: string }> {
	return db.transaction(async (tx) => {
		await lockOpenGroup(tx, groupId, scope);
		const detail = await getGroup(tx, groupId, null);
		if (!detail) throw new GroupError('not_found');
		if (detail.members.length < 2) throw new GroupError('too_few_members');
		const results = await memberResults(tx, detail.members, true);
		if (results.some((r) => r.sha256 === null)) throw new GroupError('not_all_published');
		const snapshot = buildGroupSnapshot(detail, results);
		const text = canonicalGroupSnapshot(snapshot);
		const sha256 = sha256Hex(text);
		await tx.insert(table.rankingGroupResult).values({ groupId, snapshot: text, sha256 });
		const byKey = new Map(snapshot.ranking.map((s) => [s.key, s]));
		const outcomes = snapshot.outcomes.map((o) => {
			const standing = byKey.get(o.subject) as GroupStanding;
			return {
				campaignId: standing.campaignId,
				subjectId: standing.subjectId,
				ruleId: groupRuleId(groupId, o.ruleId),
				consequences: [...o.consequences],
				rectificationDays: o.rectificationDays,
				numbers: {
					...(JSON.parse(JSON.stringify(o.trigger, rationalReplacer)) as Record<string, unknown>),
					group: groupId
				}
			};
		});
		if (outcomes.length > 0) await tx.insert(table.outcome).values(outcomes);
		await recordAuditEvent(tx, {
			actor,
			action: 'ranking_group.publish',
			subjectType: 'ranking_group',
			subjectId: groupId,
			details: {
				sha256,
				members: detail.members.map((m) => m.campaignId),
				rulesApplied: snapshot.rulesApplied,
				outcomes: outcomes.length
			}
		});
		return { sha256 };
	});
}

/** The frozen group ranking a published campaign belongs to, for the public pages; else null. */
export async function publishedGroupOfCampaign(
	db: Executor,
	campaignId: number
): Promise<table.RankingGroupResult | null> {
	const [row] = await db
		.select({ result: table.rankingGroupResult })
		.from(table.rankingGroupMember)
		.innerJoin(
			table.rankingGroupResult,
			eq(table.rankingGroupResult.groupId, table.rankingGroupMember.groupId)
		)
		.where(eq(table.rankingGroupMember.campaignId, campaignId));
	return row?.result ?? null;
}

/** A frozen group ranking by group id (public), or null. */
export async function getPublishedGroup(
	db: Executor,
	groupId: number
): Promise<table.RankingGroupResult | null> {
	const [row] = await db
		.select()
		.from(table.rankingGroupResult)
		.where(eq(table.rankingGroupResult.groupId, groupId));
	return row ?? null;
}

/** Campaigns an organizer could add to a group: same kind, not in any group, inside the scope. */
export async function candidateCampaigns(
	db: Executor,
	group: table.RankingGroup,
	scope: number[] | null
) {
	const rows = await db
		.select({
			id: table.campaign.id,
			title: table.campaign.title,
			regionId: table.campaign.regionId,
			closesAt: table.campaign.closesAt,
			opensAt: table.campaign.opensAt,
			createdAt: table.campaign.createdAt
		})
		.from(table.campaign)
		.where(
			and(
				eq(table.campaign.kind, group.kind),
				sql`not exists (select 1 from ranking_group_member m where m.campaign_id = ${table.campaign.id})`
			)
		)
		.orderBy(asc(table.campaign.id));
	const under = group.regionId === null ? null : await regionsUnder(db, group.regionId);
	return rows
		.filter((c) => inScope(scope, c.regionId) && campaignYear(c) === group.year)
		.filter((c) => under === null || (c.regionId !== null && under.includes(c.regionId)))
		.map((c) => ({ id: c.id, title: c.title }));
}

/** Group results to re-check: every frozen one, with its members' current published results. */
export async function recomputeGroupResult(
	db: Executor,
	stored: table.RankingGroupResult
): Promise<string> {
	const detail = await getGroup(db, stored.groupId, null);
	if (!detail) throw new Error(`ranking group ${stored.groupId} no longer exists`);
	const results = await memberResults(db, detail.members, true);
	return canonicalGroupSnapshot(buildGroupSnapshot(detail, results));
}

/** Regions a group may rank within (provinces and cities inside the scope, not archived). */
export async function groupRegionChoices(db: Executor, scope: number[] | null) {
	const rows = await db
		.select({ id: table.region.id, name: table.region.name, code: table.region.code })
		.from(table.region)
		.where(
			and(
				sql`${table.region.archivedAt} is null`,
				sql`${table.region.level} in ('province', 'city')`
			)
		)
		.orderBy(asc(table.region.code));
	return rows.filter((r) => inScope(scope, r.id));
}
