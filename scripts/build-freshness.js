// Whether a build folder is older than the sources it was built from: `npm start` rebuilds then,
// and the benchmarks build their own copy only when theirs is stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build depends on. */
const sources = [
	'src',
	'messages',
	'static',
	'project.inlang',
	'svelte.config.js',
	'vite.config.ts',
	'scripts/vite-ballot-script.js',
	'package.json'
];

/** @param {string} path */
function newestModification(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) {
		// Paraglide's output is generated during the build itself; the inlang cache by the tooling.
		if (entry === 'paraglide' || entry === 'cache') continue;
		newest = Math.max(newest, newestModification(join(path, entry)));
	}
	return newest;
}

/**
 * When the build in `buildDir` was made (its handler.js), or 0 when there is none.
 * @param {string} buildDir
 */
export function builtAt(buildDir) {
	const marker = join(buildDir, 'handler.js');
	return existsSync(marker) ? statSync(marker).mtimeMs : 0;
}

/**
 * True when `buildDir` holds a build at least as new as every source.
 * @param {string} buildDir
 */
export function isBuildFresh(buildDir) {
	const at = builtAt(buildDir);
	return at > 0 && at >= Math.max(...sources.map(newestModification));
}
