import { json } from '@sveltejs/kit';
import { version } from '$app/environment';
import { getDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Liveness and readiness for load balancers: 503 when the database does not answer. */
export const GET: RequestHandler = async () => {
	const database = getDatabase();
	const headers = { 'cache-control': 'no-store' };
	try {
		await database.ping();
		return json({ status: 'ok', db: database.kind, version }, { headers });
	} catch {
		return json(
			{ status: 'unavailable', db: database.kind, version, error: 'database did not answer' },
			{ status: 503, headers }
		);
	}
};
