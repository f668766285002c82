import { fail, redirect } from '@sveltejs/kit';
import { jurorCategories } from '$lib/domain/jury-composition';
import { m } from '$lib/paraglide/messages';
import { clientAddress } from '$lib/server/auth/request';
import { getDatabase } from '$lib/server/db';
import { submitApplication } from '$lib/server/jury/applications';
import { describeJuryError } from '$lib/server/jury/messages';
import { listDistricts } from '$lib/server/jury/lookups';
import { JuryError } from '$lib/server/jury/types';
import { parseApplication } from '$lib/server/jury/validate';
import { TokenBucketLimiter } from '$lib/server/rate-limit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * Five applications per address, then one every 12 minutes: a family sharing a connection can
 * apply, a script cannot fill the roster. Per instance (see docs/SCALING.md).
 */
const limiter = new TokenBucketLimiter({ capacity: 5, refillPerSecond: 1 / 720 });

export const load = (async () => {
	const districts = await listDistricts(getDatabase().db);
	return { districts, categories: [...jurorCategories] };
}) satisfies PageServerLoad;

export const actions = {
	default: apply
} satisfies Actions;

async function apply(event: RequestEvent) {
	const form = Object.fromEntries(await event.request.formData());
	const values = {
		name: String(form.name ?? ''),
		phone: String(form.phone ?? ''),
		regionId: String(form.regionId ?? ''),
		category: String(form.category ?? ''),
		employerName: String(form.employerName ?? ''),
		consent: form.consent === 'yes'
	};
	const parsed = parseApplication(form, { requireConsent: true });
	if (!parsed.ok) return fail(400, { message: m.jury_apply_fix(), values, errors: parsed.errors });
	// Counted only once the form is valid: typos cost nothing, while every look-up of a phone
	// (which says whether it is on the roster) and every write does.
	const limit = limiter.take(clientAddress(event) ?? 'unknown');
	if (!limit.allowed) {
		event.setHeaders({ 'retry-after': String(limit.retryAfterSeconds) });
		const minutes = Math.ceil(limit.retryAfterSeconds / 60);
		return fail(429, { message: m.jury_apply_rate_limited({ minutes }), values, errors: {} });
	}
	let number: string;
	try {
		number = (await submitApplication(getDatabase().db, parsed.value)).confirmationNumber;
	} catch (error) {
		if (!(error instanceof JuryError)) throw error;
		const errors = error.code === 'duplicate_phone' ? { phone: 'duplicate_phone' } : {};
		return fail(400, { message: describeJuryError(error), values, errors });
	}
	redirect(303, `/apply/done?number=${encodeURIComponent(number)}`);
}
