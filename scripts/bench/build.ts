// The benchmarks run against their own build (build-bench/), made once and reused while the
// sources have not changed since. Builds take the machine-wide build lock (several checkouts and
// test runs share .svelte-kit/ and the CPU).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isBuildFresh } from '../build-freshness.js';

/** Builds into `buildDir` unless it is fresh; returns what it did, throws when the build fails. */
export function ensureBuild(
	buildDir: string,
	log: (message: string) => void
): { built: boolean; seconds: number } {
	if (isBuildFresh(buildDir)) return { built: false, seconds: 0 };
	log(`building the app into ${buildDir}/ (waits for /tmp/minping-build.lock)…`);
	const started = performance.now();
	let result = build(buildDir);
	if (result.status !== 0 && !result.error) {
		// In a shared checkout another process may regenerate .svelte-kit/ mid-build: once more.
		log('the build failed; trying once more');
		result = build(buildDir);
	}
	if (result.error) throw new Error(`the build could not run: ${result.error.message}`);
	if (result.status !== 0) throw new Error(`the build failed (exit ${result.status})`);
	if (!existsSync(join(buildDir, 'handler.js')))
		throw new Error(`the build wrote no ${buildDir}/handler.js`);
	return { built: true, seconds: (performance.now() - started) / 1000 };
}

function build(buildDir: string) {
	return spawnSync(
		'flock',
		[
			'/tmp/minping-build.lock',
			process.execPath,
			'node_modules/vite/bin/vite.js',
			'build',
			'--logLevel',
			'warn'
		],
		{
			env: { ...process.env, MINPING_BUILD_OUT: buildDir },
			stdio: ['ignore', 'inherit', 'inherit'],
			timeout: 15 * 60_000
		}
	);
}
