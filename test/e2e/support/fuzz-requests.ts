import fc from 'fast-check';
import type { WriteTarget } from './fuzz-routes';

export type BodyKind =
	| 'urlencoded'
	| 'multipart'
	| 'multipart-garbage'
	| 'text'
	| 'json'
	| 'json-broken'
	| 'none'
	| 'xml'
	| 'oversized';

export interface FuzzRequest {
	target: WriteTarget;
	/** Value per dynamic segment; `existing` says whether it may name a real row. */
	params: { value: string; existing: boolean }[];
	signedIn: boolean;
	origin: 'same' | 'cross' | 'absent';
	accept: 'text/html' | 'application/json' | '*/*';
	bodyKind: BodyKind;
	contentTypeCase: 'lower' | 'upper' | 'mixed';
	fields: [string, string][];
	json: unknown;
	garbage: string;
}

/** Ids that may exist (the demo data starts at 1) and ids that cannot. */
const existingId = fc.constantFrom('1', '2', '3');
const missingId = fc.oneof(
	fc.constantFrom('0', '-1', '2147483648', '99999999999999999999', '1e3', '0x10', 'NaN', '%00'),
	fc.integer({ min: 100_000, max: 2_000_000_000 }).map(String),
	fc.string({ minLength: 1, maxLength: 12 }).map((s) => `x${encodeURIComponent(s)}`),
	fc.constant('z'.repeat(3000))
);

/** Values a field should never accept as they are: wrong type, wrong size, wrong shape. */
const badValue = fc.oneof(
	fc.constantFrom('', ' ', 'null', 'undefined', 'NaN', '-1', '1e309', '9'.repeat(40), '[]', '{}'),
	fc.constantFrom('2147483648', '1e10', '-2147483649', '0.5', '1,2', '2026-02-30', '9999-99-99'),
	fc.constantFrom('true', '<script>alert(1)</script>', "'; drop table ballot; --", '\u0000\u202e'),
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.integer().map(String),
	fc.double().map(String),
	fc.constant('长'.repeat(20_000))
);

function fieldsArbitrary(target: WriteTarget) {
	const name =
		target.fields.length > 0
			? fc.oneof(fc.constantFrom(...target.fields), fc.string({ maxLength: 10 }))
			: fc.string({ maxLength: 10 });
	return fc.array(fc.tuple(name, badValue), { maxLength: 6 });
}

const bodyKind = fc.constantFrom<BodyKind>(
	'urlencoded',
	'urlencoded',
	'multipart',
	'multipart-garbage',
	'text',
	'json',
	'json-broken',
	'none',
	'xml'
);

/** Requests for one target; none of them is a valid write by someone allowed to make it. */
export function requestArbitrary(
	target: WriteTarget,
	body: fc.Arbitrary<BodyKind> = bodyKind
): fc.Arbitrary<FuzzRequest> {
	return fc
		.record({
			target: fc.constant(target),
			params: fc.tuple(
				...target.params.map(() =>
					fc.oneof(
						existingId.map((value) => ({ value, existing: true })),
						missingId.map((value) => ({ value, existing: false }))
					)
				)
			),
			signedIn: fc.boolean(),
			origin: fc.constantFrom<FuzzRequest['origin']>('same', 'same', 'cross', 'absent'),
			accept: fc.constantFrom<FuzzRequest['accept']>('text/html', 'application/json', '*/*'),
			bodyKind: body,
			contentTypeCase: fc.constantFrom<FuzzRequest['contentTypeCase']>('lower', 'upper', 'mixed'),
			fields: fieldsArbitrary(target),
			json: fc.jsonValue({ maxDepth: 3 }),
			garbage: fc.string({ maxLength: 200 })
		})
		.map(withoutValidWrites);
}

const formKinds: BodyKind[] = ['urlencoded', 'multipart', 'multipart-garbage', 'text', 'oversized'];

/**
 * A signed-in admin posting a form to a real record (or to a page without ids) could change it
 * for real: an action like "go live" reads no fields at all. Such requests get a body SvelteKit
 * refuses before any action runs (JSON), so "0 rows written" is a property of the app, not luck.
 * Anonymous posts are safe: protected routes send them to sign in, public ones get bad values.
 * An oversized body is only refused once an action reads it, so it goes anonymous instead.
 */
function withoutValidWrites(request: FuzzRequest): FuzzRequest {
	const reachesAction =
		request.target.kind === 'action' &&
		request.origin !== 'cross' &&
		formKinds.includes(request.bodyKind);
	const namesRealRows = request.params.every((param) => param.existing);
	if (!(request.signedIn && reachesAction && namesRealRows)) return request;
	return request.bodyKind === 'oversized'
		? { ...request, signedIn: false }
		: { ...request, bodyKind: 'json' };
}

export function pathOf(request: FuzzRequest): string {
	let index = 0;
	const path = request.target.routeId.replace(
		/\[+(?:\.\.\.)?\w+\]+/g,
		() => request.params[index++].value
	);
	if (request.target.query !== undefined) return `${path}?/${request.target.query}`;
	if (request.target.kind === 'endpoint' || request.target.name === 'default') return path;
	return `${path}?/${request.target.name}`;
}

function cased(type: string, how: FuzzRequest['contentTypeCase']): string {
	if (how === 'upper') return type.toUpperCase();
	if (how === 'mixed') return type.replace(/(^|[/-])(\w)/g, (_, sep, c) => sep + c.toUpperCase());
	return type;
}

const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';

/** The content type and bytes of a request's body. */
export function bodyOf(request: FuzzRequest): { contentType?: string; body: Buffer } {
	const how = request.contentTypeCase;
	switch (request.bodyKind) {
		case 'urlencoded':
			return {
				contentType: cased('application/x-www-form-urlencoded', how),
				body: Buffer.from(new URLSearchParams(request.fields).toString())
			};
		case 'multipart':
			return {
				contentType: `${cased('multipart/form-data', how)}; boundary=${boundary}`,
				body: Buffer.from(multipart(request.fields))
			};
		case 'multipart-garbage':
			return {
				contentType: `${cased('multipart/form-data', how)}; boundary=${boundary}`,
				body: Buffer.from(`--${boundary}\r\n${request.garbage}`)
			};
		case 'text':
			return { contentType: cased('text/plain', how), body: Buffer.from(request.garbage) };
		case 'json':
			return {
				contentType: cased('application/json', how),
				body: Buffer.from(JSON.stringify(request.json ?? null))
			};
		case 'json-broken':
			return {
				contentType: cased('application/json', how),
				body: Buffer.from(`{"a":${request.garbage}`)
			};
		case 'xml':
			return { contentType: 'text/xml', body: Buffer.from(`<a>${request.garbage}</a>`) };
		case 'oversized':
			return {
				contentType: cased('application/x-www-form-urlencoded', how),
				body: Buffer.alloc(7 * 1024 * 1024, 'a=b&')
			};
		case 'none':
			return { body: Buffer.from(request.garbage) };
	}
}

function multipart(fields: [string, string][]): string {
	const parts = fields.map(([name, value], i) =>
		i % 2 === 0
			? `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '')}"\r\n\r\n${value}\r\n`
			: `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '')}"; filename="x.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n${value}\r\n`
	);
	return `${parts.join('')}--${boundary}--\r\n`;
}
