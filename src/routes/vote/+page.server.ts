import { fail, redirect } from '@sveltejs/kit';
import { normalizeBallotCode } from '$lib/domain/campaign-code';
import { m } from '$lib/paraglide/messages';
import type { Actions } from './$types';

export const actions = {
	default: enterCode
} satisfies Actions;

/** Typing the code from the card when the camera will not scan it. */
async function enterCode({ request }: { request: Request }) {
	const raw = (await request.formData()).get('code');
	const typed = typeof raw === 'string' ? raw : '';
	const code = normalizeBallotCode(typed);
	if (!code) return fail(400, { message: m.ballot_error_code_invalid(), code: typed });
	redirect(303, `/vote/${code}`);
}
