import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { handleAuth } from '$lib/server/hooks/auth';
import { handleFormBody } from '$lib/server/hooks/form-body';
import { handleCrossSite, handleStockErrors } from '$lib/server/hooks/framework-errors';
import { handleGuard } from '$lib/server/hooks/guard';
import { handleI18n } from '$lib/server/hooks/i18n';
import { registerLeanRoute } from '$lib/server/lean/node-route';
import { shutDown, startUp } from '$lib/server/startup';

// Once the database is ready, the lean ballot route is offered to scripts/serve.js: it answers
// the JSON ballot paths in front of SvelteKit with this bundle's own modules (ADR 0002).
export const init: ServerInit = async () => {
	await startUp();
	registerLeanRoute();
	// On SIGTERM/SIGINT the server (scripts/serve.js, or adapter-node's own under `node build`)
	// stops, answers the open requests and then says so: without this the database pool would
	// keep the process alive, and PGlite would not be closed cleanly.
	process.once('sveltekit:shutdown', () => void shutDown());
};

// Language first (every refusal below is worded in it); the framework's stock English answers
// reworded; cross-site form posts refused before anyone is looked up; then who is asking, then
// may they; last, unreadable form bodies become 400s instead of 500s in whichever action reads them.
export const handle = sequence(
	handleI18n,
	handleStockErrors,
	handleCrossSite,
	handleAuth,
	handleGuard,
	handleFormBody
);
