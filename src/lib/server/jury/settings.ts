import { eq } from 'drizzle-orm';
import { defaultCompositionRule, type CompositionRule } from '$lib/domain/jury-composition';
import { defaultTermSettings, type TermSettings } from '$lib/domain/jury-terms';
import { recordAuditEvent } from '$lib/server/audit';
import * as table from '$lib/server/db/schema';
import type { Actor, Executor } from './types';

export interface JurySettings {
	rule: CompositionRule;
	terms: TermSettings;
}

export const defaultJurySettings: JurySettings = {
	rule: defaultCompositionRule,
	terms: defaultTermSettings
};

/** The settings row, or the documented defaults (80%, three categories, 24 months, 60 days). */
export async function getJurySettings(db: Executor): Promise<JurySettings> {
	const [row] = await db.select().from(table.jurySetting).where(eq(table.jurySetting.id, 1));
	if (!row) return defaultJurySettings;
	return {
		rule: {
			countedCategories: row.countedCategories,
			minShare: { num: row.shareNum, den: row.shareDen }
		},
		terms: { termMonths: row.termMonths, renewalNoticeDays: row.renewalNoticeDays }
	};
}

export async function saveJurySettings(
	db: Executor,
	settings: JurySettings,
	actor: Actor
): Promise<void> {
	const values = {
		countedCategories: [...settings.rule.countedCategories],
		shareNum: settings.rule.minShare.num,
		shareDen: settings.rule.minShare.den,
		termMonths: settings.terms.termMonths,
		renewalNoticeDays: settings.terms.renewalNoticeDays,
		updatedBy: actor?.id ?? null,
		updatedAt: new Date()
	};
	await db
		.insert(table.jurySetting)
		.values({ id: 1, ...values })
		.onConflictDoUpdate({ target: table.jurySetting.id, set: values });
	await recordAuditEvent(db, {
		actor,
		action: 'jury.settings_update',
		subjectType: 'jury_setting',
		subjectId: 1,
		details: { ...values, updatedAt: undefined }
	});
}
