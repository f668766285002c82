import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/**
 * SvelteKit's CSRF check covers form submissions only; JSON endpoints that change state call this.
 * A browser always sends Origin on a cross-site POST/PUT/PATCH/DELETE, so a missing or foreign
 * Origin is refused. Non-browser clients (scripts) must send the app's own origin.
 */
export function assertSameOrigin(event: Pick<RequestEvent, 'request' | 'url'>): void {
	const origin = event.request.headers.get('origin');
	if (origin !== event.url.origin) {
		error(403, { message: m.auth_error_cross_origin() });
	}
}
