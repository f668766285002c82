/**
 * The lean ballot route: the JSON ballot paths answered straight from node:http, in front of
 * SvelteKit's handler (docs/adr/0002-lean-ballot-route.md). DESIGN.md measures SvelteKit's own
 * per-request cost as the cap on ballot throughput; this route skips it and nothing else. It
 * lives in the SvelteKit server bundle, so it shares that bundle's module instances — the database
 * pool, the ballot queue, the code throttle, the live hub — and calls the same checks
 * (ballot-json.ts) as the SvelteKit endpoints for the same paths.
 *
 * scripts/serve.js finds it on globalThis under `leanRouteKey` once the bundle has started, and
 * offers it every request first: it answers `true` when it took the request, `false` to let
 * SvelteKit have it (any other path or method).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { env } from '$env/dynamic/private';
import { m } from '$lib/paraglide/messages';
import { sessionCookieName, validateSessionToken } from '$lib/server/auth/session';
import { getDatabase } from '$lib/server/db';
import { answerJsonBallot, type BallotTarget, type BodyRead } from './ballot-json';
import { matchLiveFeed, serveLiveFeed } from './live-feed';

/**
 * Answers true when it took the request. `toSvelteKit` hands a request it took back to SvelteKit
 * (a live feed with nothing to show: SvelteKit words the 404 page).
 */
export type LeanRoute = (
	req: IncomingMessage,
	res: ServerResponse,
	toSvelteKit: () => void
) => boolean;

/** Where serve.js looks for the route (Symbol.for: the same symbol in every module graph). */
export const leanRouteKey = Symbol.for('minping.leanBallotRoute');

/** What SvelteKit's adapter would still read past our limit before refusing (BODY_SIZE_LIMIT). */
const drainLimit = 8 * 1024 * 1024;

/** `POST /vote/<code>/ballot` and `POST /api/ballots/<campaignId>`, nothing else. */
export function matchLeanRoute(
	method: string | undefined,
	url: string | undefined
): BallotTarget | null {
	if (method !== 'POST' || !url) return null;
	const path = url.split('?', 1)[0];
	const vote = /^\/vote\/([^/]+)\/ballot$/.exec(path);
	if (vote) {
		let code: string;
		try {
			code = decodeURIComponent(vote[1]);
		} catch {
			code = '';
		}
		return { kind: 'code', code };
	}
	const api = /^\/api\/ballots\/([^/]+)$/.exec(path);
	if (api) return { kind: 'juror', campaignId: api[1] };
	return null;
}

export const leanBallotRoute: LeanRoute = (req, res, toSvelteKit) => {
	const feed = matchLiveFeed(req.method, req.url);
	if (feed !== null) {
		void serveLiveFeed(req, res, feed, toSvelteKit).catch((error: unknown) => {
			console.error('minping: lean live feed failed', req.url, error);
			if (res.headersSent) res.destroy();
			else toSvelteKit();
		});
		return true;
	}
	const target = matchLeanRoute(req.method, req.url);
	if (!target) return false;
	void serve(req, res, target).catch((error: unknown) => {
		console.error('minping: lean ballot route failed', req.method, req.url, error);
		if (res.headersSent) {
			res.destroy();
			return;
		}
		send(res, 500, { message: m.error_internal() }, []);
	});
	return true;
};

async function serve(req: IncomingMessage, res: ServerResponse, target: BallotTarget) {
	const origin = appOrigin(req);
	const cookies: string[] = [];
	const secure = origin.startsWith('https:');
	const answer = await answerJsonBallot(getDatabase().db, {
		target,
		header: (name) => headerValue(req, name),
		appOrigin: origin,
		clientAddress: clientAddress(req),
		readBody: (limit) => readBody(req, limit),
		signedIn: async (listOf) => {
			const token = cookieValue(headerValue(req, 'cookie'), sessionCookieName);
			if (!token) return null;
			const result = await validateSessionToken(getDatabase().db, token, new Date(), listOf);
			// The same cookie upkeep as the auth hook: renewed when due, cleared when dead.
			if (result.session) {
				if (result.renewed)
					cookies.push(sessionCookieHeader(token, result.session.expiresAt, secure));
			} else cookies.push(deleteSessionTokenCookieHeader(secure));
			return result.user && { user: result.user, listEntry: result.listEntry };
		}
	});
	send(res, answer.status, answer.body, cookies);
}

function send(res: ServerResponse, status: number, body: unknown, cookies: string[]) {
	const text = JSON.stringify(body);
	const headers: Record<string, string | string[] | number> = {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'private, no-store',
		// Says which carrier answered (tests check the lean one does behind serve.js).
		'x-ballot-route': 'lean'
	};
	if (cookies.length) headers['set-cookie'] = cookies;
	if (status === 503) headers['retry-after'] = '1';
	res.writeHead(status, headers);
	res.end(text);
}

/** The session cookie as setSessionTokenCookie / deleteSessionTokenCookie (auth/session.ts) set it. */
function sessionCookieHeader(token: string, expiresAt: Date, secure: boolean): string {
	const flags = `Path=/; Expires=${expiresAt.toUTCString()}; HttpOnly; SameSite=Lax`;
	return `${sessionCookieName}=${encodeURIComponent(token)}; ${flags}${secure ? '; Secure' : ''}`;
}

function deleteSessionTokenCookieHeader(secure: boolean): string {
	const flags = 'Path=/; Max-Age=0; HttpOnly; SameSite=Lax';
	return `${sessionCookieName}=; ${flags}${secure ? '; Secure' : ''}`;
}

function headerValue(req: IncomingMessage, name: string): string | null {
	const value = req.headers[name];
	if (value === undefined) return null;
	return Array.isArray(value) ? value.join(', ') : value;
}

function cookieValue(header: string | null, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}

/**
 * The whole body as text, or `too_large` past `limit` bytes. A body over the limit is still
 * read (and thrown away) up to the size SvelteKit's adapter would take, so the sender reads our
 * 413 instead of a reset connection; one announced larger than that is refused on its header
 * and the connection closed, as the adapter does.
 */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
	const declared = Number(req.headers['content-length'] ?? NaN);
	if (declared > drainLimit) {
		req.resume();
		return Promise.resolve({ ok: false, reason: 'too_large' });
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
			else if (size > drainLimit) {
				resolve({ ok: false, reason: 'too_large' });
				req.destroy();
			}
		});
		req.on('end', () =>
			resolve(
				size > limit
					? { ok: false, reason: 'too_large' }
					: { ok: true, text: Buffer.concat(chunks).toString('utf8') }
			)
		);
		req.on('error', reject);
	});
}

/**
 * `url.origin` exactly as adapter-node makes it: ORIGIN when set, else the protocol header
 * (serve.js fills its own with `http` when it owns it) or https, and the host header.
 */
function appOrigin(req: IncomingMessage): string {
	if (env.ORIGIN) return new URL(env.ORIGIN).origin;
	const protocol =
		(env.PROTOCOL_HEADER && headerValue(req, env.PROTOCOL_HEADER.toLowerCase())) || 'https';
	const host =
		(env.HOST_HEADER && headerValue(req, env.HOST_HEADER.toLowerCase())) ||
		headerValue(req, 'host');
	const port = env.PORT_HEADER && headerValue(req, env.PORT_HEADER.toLowerCase());
	return port ? `${protocol}://${host}:${port}` : `${protocol}://${host}`;
}

/** The client's address as adapter-node's getClientAddress gives it (ADDRESS_HEADER, XFF_DEPTH). */
function clientAddress(req: IncomingMessage): string {
	const header = env.ADDRESS_HEADER?.toLowerCase();
	if (header) {
		const value = headerValue(req, header) ?? '';
		if (header === 'x-forwarded-for') {
			const addresses = value.split(',').map((a) => a.trim());
			const depth = Number(env.XFF_DEPTH ?? 1);
			return addresses[addresses.length - depth] ?? addresses[0] ?? '';
		}
		return value;
	}
	return req.socket.remoteAddress ?? '';
}

/** Called from the init hook: serve.js offers requests to the route from then on. */
export function registerLeanRoute(): void {
	(globalThis as Record<symbol, unknown>)[leanRouteKey] = leanBallotRoute;
}
