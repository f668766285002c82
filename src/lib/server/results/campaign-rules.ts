/**
 * A campaign's own consequence rules: seeded from the kind's template, edited by staff until the
 * campaign is published, stored in `campaign_rules` and read by computeResults — so the rules a
 * snapshot records are the rules applied, and `audit:verify` recomputes with the same ones.
 */
import { eq } from 'drizzle-orm';
import {
	attributeRules,
	campaignRuleLimits,
	parseRules,
	rankingsOfKind,
	serializeRules,
	type ConsequenceRule,
	type RuleIssue
} from '$lib/domain/scoring';
import { recordAuditEvent } from '$lib/server/audit';
import type { Actor } from '$lib/server/campaigns/create';
import type { Executor } from '$lib/server/campaigns/definition';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { rulesFor } from './settings';

export type RulesRefusal = 'not_found' | 'frozen' | 'invalid';

export class RulesError extends Error {
	constructor(
		readonly refusal: RulesRefusal,
		readonly issues: RuleIssue[] = []
	) {
		super(refusal);
		this.name = 'RulesError';
	}
}

/** States in which the rules may still change: everything before publication. */
const editable = new Set(['draft', 'open', 'closed']);

export function canEditRules(state: string): boolean {
	return editable.has(state);
}

const limitsOf = (kind: table.Campaign['kind']) => campaignRuleLimits(rankingsOfKind(kind));

/** The rules computeResults applies: the campaign's stored rules, else its kind's template. */
export async function rulesOfCampaign(
	db: Executor,
	campaign: Pick<table.Campaign, 'id' | 'kind'>
): Promise<{ rules: ConsequenceRule[]; source: 'template' | 'campaign' }> {
	const [row] = await db
		.select({ rules: table.campaignRules.rules })
		.from(table.campaignRules)
		.where(eq(table.campaignRules.campaignId, campaign.id));
	if (!row) return { rules: rulesFor(campaign.kind), source: 'template' };
	const parsed = parseRules(row.rules, limitsOf(campaign.kind));
	// Rules are checked before they are written; a row that fails here was edited by hand.
	if (!parsed.ok) throw new Error(`stored rules of campaign ${campaign.id} are not valid`);
	return { rules: parsed.rules, source: 'campaign' };
}

async function lockCampaign(tx: Executor, campaignId: number) {
	const [campaign] = await tx
		.select()
		.from(table.campaign)
		.where(eq(table.campaign.id, campaignId))
		.for('update');
	if (!campaign) throw new RulesError('not_found');
	if (!canEditRules(campaign.state)) throw new RulesError('frozen');
	return campaign;
}

/**
 * Replaces the campaign's rules with `input` (the stored JSON form), after checking every rule;
 * nothing is written when any is invalid. Audited with the rules before and after.
 */
export async function saveCampaignRules(
	db: Database,
	campaignId: number,
	input: unknown,
	actor: Actor | null
): Promise<ConsequenceRule[]> {
	return db.transaction(async (tx) => {
		const campaign = await lockCampaign(tx, campaignId);
		const parsed = parseRules(input, limitsOf(campaign.kind));
		if (!parsed.ok) throw new RulesError('invalid', parsed.issues);
		const rules = attributeRules(parsed.rules, rulesFor(campaign.kind));
		const before = await rulesOfCampaign(tx, campaign);
		const stored = serializeRules(rules);
		await tx
			.insert(table.campaignRules)
			.values({ campaignId, rules: stored, updatedBy: actor?.id ?? null })
			.onConflictDoUpdate({
				target: table.campaignRules.campaignId,
				set: { rules: stored, updatedBy: actor?.id ?? null, updatedAt: new Date() }
			});
		await recordAuditEvent(tx, {
			actor,
			action: 'results.rules_update',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { before: serializeRules(before.rules), after: stored }
		});
		return rules;
	});
}

/** Back to the kind's template (the stored rules are removed). */
export async function resetCampaignRules(
	db: Database,
	campaignId: number,
	actor: Actor | null
): Promise<void> {
	await db.transaction(async (tx) => {
		const campaign = await lockCampaign(tx, campaignId);
		const before = await rulesOfCampaign(tx, campaign);
		await tx.delete(table.campaignRules).where(eq(table.campaignRules.campaignId, campaignId));
		await recordAuditEvent(tx, {
			actor,
			action: 'results.rules_reset',
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { before: serializeRules(before.rules), after: 'template' }
		});
	});
}
