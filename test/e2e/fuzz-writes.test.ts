import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseURL } from './support/browser';
import { exemptTables, tableFingerprints } from './support/fuzz-database';
import {
	effectiveStatus,
	readableMessage,
	send,
	signInCookie,
	type Answer
} from './support/fuzz-http';
import { bodyOf, pathOf, requestArbitrary, type FuzzRequest } from './support/fuzz-requests';
import { listWriteTargets } from './support/fuzz-routes';
import { e2eAdmin } from './support/staff';

/** Requests per write target, plus a few 7 MB bodies: about 500 requests, well under 90 s. */
const perTarget = 7;
const oversizedCount = 4;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

const targets = listWriteTargets();
const databaseUrl = inject('databaseUrl');
let cookie = '';
let before: Record<string, string> = {};
const problems: string[] = [];
let sent = 0;

/** 7 MB bodies for the public forms (they read the body first) and a spread of the others. */
function oversizedTargets() {
	const publicForms = targets.filter((t) => ['/login', '/apply'].includes(t.routeId));
	const spread = targets.filter((_, i) => i % Math.ceil(targets.length / oversizedCount) === 0);
	return [...publicForms, ...spread];
}

/** Action names no page has: the reserved `?/default` and one that does not exist. */
function oddActionNames(): FuzzRequest[] {
	const login = targets.find((t) => t.routeId === '/login');
	if (!login) throw new Error('no /login action found');
	return ['default', 'noSuchAction'].flatMap((name) =>
		fc.sample(requestArbitrary({ ...login, name, query: name }, fc.constant('urlencoded')), {
			numRuns: 2,
			seed
		})
	);
}

function headersOf(request: FuzzRequest, contentType: string | undefined, length: number) {
	const headers: Record<string, string> = { accept: request.accept, 'content-length': `${length}` };
	if (contentType) headers['content-type'] = contentType;
	if (request.origin === 'same') headers.origin = baseURL();
	if (request.origin === 'cross') headers.origin = 'https://evil.example';
	if (request.signedIn) headers.cookie = cookie;
	return headers;
}

function describeRequest(request: FuzzRequest, contentType: string | undefined) {
	const who = request.signedIn ? 'admin' : 'anonymous';
	const path = pathOf(request).slice(0, 120);
	return `${request.target.kind === 'endpoint' ? request.target.name : 'POST'} ${path} [${who}, origin ${request.origin}, ${request.bodyKind}, ${contentType ?? 'no content type'}]`;
}

/** Sends one request and records what is wrong with its answer (seed printed for replay). */
async function probe(request: FuzzRequest) {
	const { contentType, body } = bodyOf(request);
	const label = describeRequest(request, contentType);
	const method = request.target.kind === 'endpoint' ? request.target.name : 'POST';
	let answer: Answer;
	const started = Date.now();
	try {
		answer = await send(`${baseURL()}${pathOf(request)}`, {
			method,
			headers: headersOf(request, contentType, body.length),
			body
		});
	} catch (error) {
		problems.push(`${label}: no answer (${String(error)})`);
		return;
	}
	sent++;
	const status = effectiveStatus(answer);
	if (process.env.FUZZ_TRACE)
		console.log(`${Date.now() - started} ms ${status} ${label} ${readableMessage(answer) ?? ''}`);
	if (status >= 500) problems.push(`${label}: ${status} ${answer.body.slice(0, 300)}`);
	else if (status >= 400 && readableMessage(answer) === null)
		problems.push(`${label}: ${status} without a readable message: ${answer.body.slice(0, 300)}`);
}

beforeAll(async () => {
	if (databaseUrl) before = await tableFingerprints(databaseUrl);
	cookie = await signInCookie(baseURL(), e2eAdmin);
});

afterAll(() => {
	if (problems.length > 0) console.error(`fuzz seed ${seed}:\n${problems.join('\n')}`);
});

describe('bad input to every write endpoint and form action', () => {
	it('finds the write targets in src/routes', () => {
		const names = targets.map((target) => `${target.routeId} ${target.name}`);
		expect(names).toContain('/login default');
		expect(names).toContain('/campaigns/[id] transition');
		expect(names).toContain('/vote/[code]/ballot POST');
	});

	it('answers every malformed request with a 4xx or a redirect and a readable message', async () => {
		for (const [index, target] of targets.entries()) {
			const requests = fc.sample(requestArbitrary(target), {
				numRuns: perTarget,
				seed: seed + index
			});
			for (const request of requests) await probe(request);
		}
		for (const request of oddActionNames()) await probe(request);
		for (const target of oversizedTargets()) {
			const [request] = fc.sample(requestArbitrary(target, fc.constant('oversized')), {
				numRuns: 1,
				seed
			});
			await probe(request);
		}
		expect(sent).toBeGreaterThanOrEqual(targets.length * perTarget + 4 + oversizedCount);
		expect(problems, `fuzz seed ${seed} (FUZZ_SEED=${seed} replays it)`).toEqual([]);
	}, 120_000);

	it('writes no rows while refusing them', async () => {
		if (!databaseUrl) {
			console.info(
				'fuzz-writes: the row check needs PostgreSQL (TEST_DATABASE_URL); the embedded database can only be opened by the app'
			);
			expect(databaseUrl).toBe('');
			return;
		}
		const after = await tableFingerprints(databaseUrl);
		// Every table but the exempt ones is compared, so an empty comparison cannot pass.
		expect(Object.keys(after).length).toBeGreaterThan(30);
		expect(Object.keys(after)).not.toContain(exemptTables[0]);
		expect(after).toEqual(before);
	});
});
