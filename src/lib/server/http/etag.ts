import { createHash } from 'node:crypto';

/**
 * A strong validator for a response body: the same bytes, the same tag, whatever made them (the
 * series cache, a fresh read, another instance). Cheap next to building the body.
 */
export function etagOf(body: string): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Whether an If-None-Match header names `etag` (RFC 9110 §13.1.2: a list of tags, weak ones
 * compared weakly, or `*`). A malformed header matches nothing: the client gets the body.
 */
export function noneMatch(header: string | null, etag: string): boolean {
	if (!header) return false;
	const wanted = etag.replace(/^W\//, '');
	return header.split(',').some((raw) => {
		const tag = raw.trim();
		return tag === '*' || tag.replace(/^W\//, '') === wanted;
	});
}
