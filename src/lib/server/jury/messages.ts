/** A refusal from the jury commands as a sentence in the request's language. */
import { m } from '$lib/paraglide/messages';
import type { JuryError } from './types';

const statusNames: Record<string, () => string> = {
	applied: m.jury_status_applied,
	approved: m.jury_status_approved,
	active: m.jury_status_active,
	expired: m.jury_status_expired,
	withdrawn: m.jury_status_withdrawn,
	dismissed: m.jury_status_dismissed,
	rejected: m.jury_status_rejected
};

function percent(num: number, den: number): string {
	return String(Math.round((num * 1000) / den) / 10);
}

export function describeJuryError(error: JuryError): string {
	const p = error.params;
	const n = (key: string) => Number(p[key] ?? 0);
	switch (error.code) {
		case 'composition_rule':
			return m.jury_error_composition_rule({
				share: percent(n('num'), n('den')),
				beforeCounted: n('beforeCounted'),
				beforeTotal: n('beforeTotal'),
				afterCounted: n('afterCounted'),
				afterTotal: n('afterTotal'),
				// Rounded down, so a share just below the threshold never reads as meeting it.
				afterShare: String(Math.floor((n('afterCounted') * 1000) / n('afterTotal')) / 10)
			});
		case 'too_few_eligible':
			return m.jury_error_too_few_eligible({ needed: n('needed'), available: n('available') });
		case 'too_few_counted':
			return m.jury_error_too_few_counted({ needed: n('needed'), available: n('available') });
		case 'wrong_status':
			return m.jury_error_wrong_status({
				status: statusNames[String(p.status)]?.() ?? String(p.status)
			});
		case 'duplicate_phone':
			return m.jury_error_duplicate_phone();
		case 'not_found':
			return m.jury_error_not_found();
		case 'supervisor_category':
			return m.jury_error_supervisor_category();
		case 'unknown_unit':
			return m.jury_error_unknown_unit();
		case 'unknown_region':
			return m.jury_error_unknown_region();
		case 'already_revealed':
			return m.jury_error_already_revealed();
		case 'no_current_term':
			return m.jury_error_no_current_term();
		case 'not_due_for_renewal':
			return m.jury_error_not_due_for_renewal({ endsOn: String(p.endsOn ?? '') });
		case 'out_of_scope':
			return m.jury_error_out_of_scope();
		case 'account_disabled':
			return m.jury_error_account_disabled();
		case 'bad_draw_text':
			return describeDrawTextError(p);
	}
}

/** The declared source of a draw's public value, or the value itself, was refused. */
function describeDrawTextError(p: Record<string, string | number>): string {
	const source = p.field === 'publicValueSource';
	if (p.problem === 'missing')
		return source ? m.jury_error_draw_source_missing() : m.jury_error_draw_value_missing();
	const field = source ? m.jury_draw_source() : m.jury_public_value();
	if (p.problem === 'too_long')
		return m.jury_error_draw_text_too_long({
			field,
			max: Number(p.max ?? 0),
			length: Number(p.length ?? 0)
		});
	return m.jury_error_draw_text_control({ field });
}
