import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { importRecommendations, type RowError } from '$lib/server/jury/import';
import { actorOf, formText, runJuryCommand } from '$lib/server/jury/page-helpers';
import { juryScope } from '$lib/server/jury/scope';
import { SpreadsheetError } from '$lib/server/reference/spreadsheet';
import type { Actions, RequestEvent } from './$types';

export const actions = {
	default: importFile
} satisfies Actions;

async function importFile(event: RequestEvent) {
	const form = await event.request.formData();
	const file = form.get('file');
	const roster = formText(form, 'roster') === 'supervisor' ? 'supervisor' : 'jury';
	if (!(file instanceof File) || file.size === 0) {
		return fail(400, {
			message: m.jury_error_file_required(),
			errors: [] as RowError[],
			missingColumns: [] as string[]
		});
	}
	const bytes = new Uint8Array(await file.arrayBuffer());
	const { db } = getDatabase();
	const scope = await juryScope(db, event.locals.user);
	try {
		const outcome = await runJuryCommand(
			() => importRecommendations(db, roster, bytes, actorOf(event.locals), scope),
			{ errors: [] as RowError[], missingColumns: [] as string[] }
		);
		if (!outcome.ok) return outcome.failure;
		const result = outcome.value;
		if (!result.ok) {
			return fail(400, {
				message: m.jury_import_failed(),
				errors: result.errors,
				missingColumns: result.missingColumns
			});
		}
		return { success: m.jury_import_done({ count: result.imported }) };
	} catch (error) {
		if (!(error instanceof SpreadsheetError)) throw error;
		return fail(400, {
			message: m.jury_error_file_unreadable(),
			errors: [] as RowError[],
			missingColumns: [] as string[]
		});
	}
}
