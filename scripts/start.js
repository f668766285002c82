// `npm start`: build when there is no build (or the sources are newer than it), then serve it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serverNodeFlags } from './server-flags.js';

const marker = 'build/handler.js';
const sources = [
	'src',
	'messages',
	'static',
	'project.inlang',
	'svelte.config.js',
	'vite.config.ts',
	'package.json'
];

function newestModification(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) {
		// Paraglide's output is generated during the build itself.
		if (entry === 'paraglide') continue;
		newest = Math.max(newest, newestModification(join(path, entry)));
	}
	return newest;
}

const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestModification));
if (builtAt < changedAt) {
	console.log(
		builtAt ? 'minping: sources changed, rebuilding…' : 'minping: no build yet, building…'
	);
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

// The server needs its Node flags on the command line (scripts/server-flags.js): start it as a
// child with them unless this process already has them, and pass signals and the exit code on.
if (serverNodeFlags.every((flag) => process.execArgv.includes(flag))) {
	await import('./serve.js');
} else {
	const server = spawn(process.execPath, [...serverNodeFlags, 'scripts/serve.js'], {
		stdio: 'inherit'
	});
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
	server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
