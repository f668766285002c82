import type { Database } from '$lib/server/db';

/** The database or an open transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** Who did it, as the audit trail names them; null for the system (term expiry). */
export type Actor = { id: number; label: string } | null;

/**
 * A refusal the page shows to a person: a code with the numbers the message needs. Commands throw
 * it before writing anything (or inside a transaction that it rolls back).
 */
export class JuryError extends Error {
	constructor(
		readonly code: JuryErrorCode,
		readonly params: Record<string, string | number> = {}
	) {
		super(`${code} ${JSON.stringify(params)}`);
		this.name = 'JuryError';
	}
}

export type JuryErrorCode =
	| 'duplicate_phone'
	| 'not_found'
	| 'wrong_status'
	| 'composition_rule'
	| 'supervisor_category'
	| 'unknown_unit'
	| 'unknown_region'
	| 'too_few_eligible'
	| 'too_few_counted'
	| 'already_revealed'
	| 'no_current_term'
	| 'not_due_for_renewal'
	| 'out_of_scope'
	| 'account_disabled'
	| 'bad_draw_text';
