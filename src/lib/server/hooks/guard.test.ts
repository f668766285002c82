import { isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { AuthUser } from '$lib/server/auth/types';
import { handleGuard } from './guard';

const organizer: AuthUser = {
	id: 7,
	email: 'org@example.org',
	displayName: 'Org',
	kind: 'staff',
	roles: [{ role: 'organizer', regionId: null }]
};

function run(
	routeId: string | null,
	path: string,
	user: AuthUser | null,
	init: RequestInit = {}
): Promise<Response> {
	const url = new URL(`http://minping.test${path}`);
	const event = {
		route: { id: routeId },
		url,
		request: new Request(url, init),
		locals: { user, session: null },
		isDataRequest: false
	} as unknown as RequestEvent;
	return Promise.resolve(
		handleGuard({ event, resolve: () => new Response('page', { status: 200 }) })
	);
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the guard to throw');
}

describe('the guard handle', () => {
	it('lets anyone open a public page', async () => {
		expect((await run('/login', '/login', null)).status).toBe(200);
	});

	it('sends an anonymous visitor of a staff page to sign in, and back afterwards', async () => {
		const error = await thrown(run('/jury', '/jury?tab=2', null));
		expect(isRedirect(error) && error.status).toBe(303);
		expect(isRedirect(error) && error.location).toBe('/login?redirectTo=%2Fjury%3Ftab%3D2');
	});

	it('sends an anonymous visitor of the ballot to the code sign-in', async () => {
		const error = await thrown(run('/ballot', '/ballot', null));
		expect(isRedirect(error) && error.location).toBe('/code');
	});

	it('tells a juror whose session lapsed at submit time to sign in again, and where to return', async () => {
		// The ballot's form action, sent by /ballot.js with a session that has ended meanwhile.
		const error = await thrown(
			run('/ballot/[campaignId]', '/ballot/5?/submit', null, {
				method: 'POST',
				headers: { cookie: 'minping_session=ended', 'x-sveltekit-action': 'true' }
			})
		);
		expect(isRedirect(error) && error.location).toBe(
			'/code?reason=expired&redirectTo=%2Fballot%2F5'
		);
	});

	it('says the session lapsed when a juror page is opened with an ended session cookie', async () => {
		const error = await thrown(
			run('/ballot', '/ballot', null, { headers: { cookie: 'a=1; minping_session=old' } })
		);
		expect(isRedirect(error) && error.location).toBe('/code?reason=expired');
	});

	it('warns a juror on the 403 page that their code will not work again after signing out', async () => {
		const juror: AuthUser = { id: 9, email: null, displayName: '李评', kind: 'juror', roles: [] };
		const response = await run('/jury', '/jury', juror);
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('邀请码只能使用一次');
	});

	it('answers a signed-in user without the role with a readable 403 page', async () => {
		const response = await run('/admin', '/admin', organizer);
		expect(response.status).toBe(403);
		const html = await response.text();
		expect(html).toContain('org@example.org');
		expect(html).toContain('action="/logout"');
	});

	it('lets a user with the role in', async () => {
		expect((await run('/jury', '/jury', organizer)).status).toBe(200);
	});

	it('answers anonymous API calls with 401, not a redirect', async () => {
		const error = await thrown(run('/api/jury', '/api/jury', null));
		expect(isHttpError(error) && error.status).toBe(401);
	});

	it('refuses a state-changing API call from another origin before anything else', async () => {
		const error = await thrown(
			run('/api/public/apply', '/api/public/apply', null, {
				method: 'POST',
				headers: { origin: 'https://evil.example' }
			})
		);
		expect(isHttpError(error) && error.status).toBe(403);
		const same = await run('/api/public/apply', '/api/public/apply', null, {
			method: 'POST',
			headers: { origin: 'http://minping.test' }
		});
		expect(same.status).toBe(200);
	});

	it('leaves unknown paths to the 404 page', async () => {
		expect((await run(null, '/no/such/page', null)).status).toBe(200);
	});
});
