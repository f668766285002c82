import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** A frozen, published snapshot as the public API serves it. */
export interface FrozenSnapshot {
	/** The canonical JSON text, byte for byte as hashed at publication. */
	snapshot: string;
	sha256: string;
	publishedAt: Date;
}

/**
 * The answer of a public results endpoint for media and TV graphics systems (docs/RESULTS.md):
 * `?format=json` (default) is the frozen text itself, so its SHA-256 equals the
 * X-Results-SHA256 header and the audit chain's; `?format=csv` is the same figures as a table.
 */
export function frozenSnapshotResponse(
	published: FrozenSnapshot,
	format: string | null,
	csv: { text: () => string; filename: string }
): Response {
	const headers = {
		'x-results-sha256': published.sha256,
		'last-modified': published.publishedAt.toUTCString(),
		'cache-control': 'public, max-age=60',
		'access-control-allow-origin': '*'
	};
	if (format === 'csv')
		return new Response(csv.text(), {
			headers: {
				...headers,
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${csv.filename}"`
			}
		});
	if (format !== null && format !== 'json') error(400, { message: m.results_error_format() });
	return new Response(published.snapshot, {
		headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
	});
}
