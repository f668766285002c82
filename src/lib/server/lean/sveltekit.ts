import { json, type RequestEvent } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { answerJsonBallot, type BallotTarget } from './ballot-json';

/**
 * The JSON ballot through SvelteKit: what answers these paths under `vite dev`, or wherever the
 * app runs without scripts/serve.js in front of it. Same checks and answers as the lean route.
 */
export async function sveltekitJsonBallot(
	event: RequestEvent,
	target: BallotTarget
): Promise<Response> {
	const answer = await answerJsonBallot(getDatabase().db, {
		target,
		header: (name) => event.request.headers.get(name),
		appOrigin: event.url.origin,
		clientAddress: event.getClientAddress(),
		readBody: async (limit) => {
			// Read it all (the server caps bodies at BODY_SIZE_LIMIT) and then judge: answering
			// before the body is read makes the connection reset under the sender.
			const text = await event.request.text();
			return new TextEncoder().encode(text).length > limit
				? { ok: false, reason: 'too_large' }
				: { ok: true, text };
		},
		// The auth hook has validated the session cookie already (and renewed or cleared it).
		signedIn: async () => event.locals.user && { user: event.locals.user }
	});
	const headers = answer.status === 503 ? { 'retry-after': '1' } : undefined;
	return json(answer.body, { status: answer.status, headers });
}
