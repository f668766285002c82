// `npm start`: build when there is no build (or the sources are newer than it), then serve it.
import { spawn, spawnSync } from 'node:child_process';
import { builtAt, isBuildFresh } from './build-freshness.js';
import { serverNodeFlags } from './server-flags.js';

if (!isBuildFresh('build')) {
	console.log(
		builtAt('build') ? 'minping: sources changed, rebuilding…' : 'minping: no build yet, building…'
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
