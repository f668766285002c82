import { error } from '@sveltejs/kit';
import { listAuditEvents } from '$lib/server/auth/admin-queries';
import { getDatabase } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { parseAuditFilter } from '../filters';
import type { PageServerLoad } from './$types';

// The guard admits admins and auditors (route-rules.ts: '/admin/audit').
export const load = (async ({ url }) => {
	const parsed = parseAuditFilter(url.searchParams);
	if (!parsed.ok) error(400, { message: m.admin_audit_bad_filter({ message: parsed.message }) });
	const result = await listAuditEvents(getDatabase().db, parsed.page ?? 1, 50, parsed.filter);
	const filtered = Object.values(parsed.echo).some((value) => value !== '');
	return { ...result, filter: parsed.echo, filtered };
}) satisfies PageServerLoad;
