import { sveltekitJsonBallot } from '$lib/server/lean/sveltekit';
import type { RequestHandler } from './$types';

/**
 * A signed-in juror's ballot as JSON (docs/CAMPAIGNS.md, "JSON API"): 201 with the receipt, 200
 * with the same receipt for a retry, a 4xx `{ code, message, problems }` otherwise. Behind
 * scripts/serve.js the lean route answers this path before SvelteKit (same code, same answers).
 */
export const POST: RequestHandler = (event) =>
	sveltekitJsonBallot(event, { kind: 'juror', campaignId: event.params.campaignId });
