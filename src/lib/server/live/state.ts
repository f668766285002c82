/**
 * The host's controls, persisted in live_state so a restart shows the same screen, each change
 * in one transaction with its audit event (`live.<action>`).
 */
import { eq } from 'drizzle-orm';
import {
	applyControl,
	defaultControl,
	type ControlAction,
	type ControlRefusal,
	type LiveControl
} from '$lib/domain/live-reveal';
import type { LiveSnapshot } from '$lib/domain/live-snapshot';
import { recordAuditEvent } from '$lib/server/audit';
import type { Executor } from '$lib/server/campaigns/definition';
import type { Actor } from '$lib/server/campaigns/create';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';

export interface StoredControl {
	control: LiveControl;
	/** The picture the screen keeps while frozen. */
	frozenSnapshot: LiveSnapshot | null;
}

function toStored(row: table.LiveState | undefined): StoredControl {
	if (!row) return { control: defaultControl, frozenSnapshot: null };
	return {
		control: {
			policy: row.policy,
			order: row.revealOrder,
			revealed: row.revealed,
			frozen: row.frozen,
			rehearsal: row.rehearsal,
			rehearsalBallots: row.rehearsalBallots,
			rehearsalSeed: row.rehearsalSeed
		},
		frozenSnapshot: row.frozen ? row.frozenSnapshot : null
	};
}

export async function getLiveControl(db: Executor, campaignId: number): Promise<StoredControl> {
	const [row] = await db
		.select()
		.from(table.liveState)
		.where(eq(table.liveState.campaignId, campaignId));
	return toStored(row);
}

export class ControlError extends Error {
	constructor(readonly refusal: ControlRefusal | 'not_found') {
		super(refusal);
		this.name = 'ControlError';
	}
}

export interface ControlRequest {
	campaignId: number;
	action: ControlAction;
	/** Ranked places on the screen now (the reveal cannot pass them). */
	places: number;
	/** The screen as it is now, kept as the frozen picture when the action freezes it. */
	current: LiveSnapshot | null;
	actor: Actor | null;
}

/** Applies one host action, or throws ControlError and changes nothing. */
export async function changeLiveControl(
	db: Database,
	request: ControlRequest
): Promise<LiveControl> {
	const { campaignId, action } = request;
	return db.transaction(async (tx) => {
		const [campaign] = await tx
			.select({ state: table.campaign.state })
			.from(table.campaign)
			.where(eq(table.campaign.id, campaignId))
			.for('update');
		if (!campaign) throw new ControlError('not_found');
		const { control } = await getLiveControl(tx, campaignId);
		const result = applyControl(control, action, { state: campaign.state, places: request.places });
		if (!result.ok) throw new ControlError(result.refusal);
		const next = result.control;
		const values = {
			policy: next.policy,
			revealOrder: next.order,
			revealed: next.revealed,
			frozen: next.frozen,
			frozenSnapshot: next.frozen ? (control.frozen ? undefined : request.current) : null,
			rehearsal: next.rehearsal,
			rehearsalBallots: next.rehearsalBallots,
			rehearsalSeed: next.rehearsalSeed,
			updatedBy: request.actor?.id ?? null,
			updatedAt: new Date()
		};
		await tx
			.insert(table.liveState)
			.values({ campaignId, ...values, frozenSnapshot: values.frozenSnapshot ?? null })
			.onConflictDoUpdate({ target: table.liveState.campaignId, set: values });
		await recordAuditEvent(tx, {
			actor: request.actor,
			action: `live.${action.kind}`,
			subjectType: 'campaign',
			subjectId: campaignId,
			details: { ...action, from: control, to: next }
		});
		return next;
	});
}
