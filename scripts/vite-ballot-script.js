// The voters' one script, /ballot.js (src/lib/ballot/voter-script.ts): the voter pages are
// rendered with `csr = false`, so it is not part of SvelteKit's client; it is bundled on its own
// with esbuild (one classic script, no imports at run time) together with the draft module it
// shares with the hydrated form. `vite dev` bundles it on each request; `vite build` writes it
// into the client output's root, where it is served as a static file. Pages link it as
// /ballot.js?v=<version>, so a phone never pairs a new page with an older cached script.
import { build } from 'esbuild';

export const ballotScriptPath = '/ballot.js';
const entry = 'src/lib/ballot/voter-script.ts';

/**
 * The script as served: one IIFE, minified, for the browsers the voter pages support.
 * @returns {Promise<string>}
 */
export async function bundleBallotScript() {
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		write: false,
		format: 'iife',
		// As the hand-written script before it: what the phones the voter pages support run as is.
		target: 'es2022',
		minify: true,
		legalComments: 'none',
		logLevel: 'silent'
	});
	return result.outputFiles[0].text;
}

/** @returns {import('vite').Plugin} */
export function ballotScript() {
	let ssr = false;
	return {
		name: 'minping:ballot-script',
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
		},
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				if (new URL(req.url ?? '/', 'http://dev').pathname !== ballotScriptPath) return next();
				bundleBallotScript().then((code) => {
					res.setHeader('content-type', 'text/javascript; charset=utf-8');
					res.setHeader('cache-control', 'no-cache');
					res.end(code);
				}, next);
			});
		},
		async generateBundle() {
			if (ssr) return;
			const source = await bundleBallotScript();
			this.emitFile({ type: 'asset', fileName: ballotScriptPath.slice(1), source });
		}
	};
}
