import type { RequestEvent } from '@sveltejs/kit';

/** The client's IP for throttling; undefined when the adapter cannot tell (then only per-account). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | undefined {
	try {
		return event.getClientAddress();
	} catch {
		return undefined;
	}
}
