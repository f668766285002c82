// A private PostgreSQL cluster for the fault tests: its own data folder, port and socket, so that
// restarting it (or crashing it) never touches a database anyone else uses. Durability is what the
// tests check, so fsync and synchronous_commit stay on.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateCluster {
	/** postgres://postgres@127.0.0.1:<port>/postgres */
	serverUrl: string;
	port: number;
	dataDir: string;
	/** Shuts down with the given mode (fast: clean; immediate: a crash, recovery at start). */
	stop(mode: 'fast' | 'immediate'): Promise<void>;
	start(): Promise<void>;
	/** Stops for good and deletes the folder. Safe to call twice. */
	destroy(): void;
	logTail(lines?: number): string;
}

/** The newest PostgreSQL binaries installed the Debian way (/usr/lib/postgresql/<major>/bin). */
export function findPostgresBin(): string {
	const fromEnv = process.env.PG_BIN;
	if (fromEnv) return fromEnv;
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length > 0) return join(root, majors[0], 'bin');
	const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
	if (onPath) return onPath.replace(/\/initdb$/, '');
	throw new Error(
		'no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH); set PG_BIN'
	);
}

/**
 * initdb refuses to run as root, so as root every server command runs as the `postgres` OS user
 * (Debian's package creates it) on a folder that user owns.
 */
function asServerUser(): { uid: number; gid: number } | null {
	if (process.getuid?.() !== 0) return null;
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

export async function createPrivateCluster(port: number): Promise<PrivateCluster> {
	const bin = findPostgresBin();
	const owner = asServerUser();
	const dataRoot = mkdtempSync(join(tmpdir(), 'minping-faults-pg-'));
	if (owner) chownSync(dataRoot, owner.uid, owner.gid);
	const dataDir = join(dataRoot, 'data');
	const logFile = join(dataRoot, 'server.log');

	const run = (program: string, args: string[], timeoutMs = 60_000) => {
		const result = spawnSync(join(bin, program), args, {
			encoding: 'utf8',
			timeout: timeoutMs,
			uid: owner?.uid,
			gid: owner?.gid,
			cwd: dataRoot,
			env: { ...process.env, LC_ALL: 'C', LANG: 'C' }
		});
		if (result.status !== 0)
			throw new Error(
				`${program} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`
			);
		return result.stdout;
	};

	run('initdb', [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'--auth=trust',
		'--encoding=UTF8',
		'--locale=C',
		'--no-instructions'
	]);
	// Loopback only, its own socket folder, durable commits, small enough for a shared machine.
	const options = [
		`-p ${port}`,
		`-k ${dataRoot}`,
		`-c listen_addresses=127.0.0.1`,
		`-c fsync=on`,
		`-c synchronous_commit=on`,
		`-c full_page_writes=on`,
		`-c max_connections=100`,
		`-c shared_buffers=64MB`
	].join(' ');

	// Asynchronous, so that the clients keep sending while the server goes down and comes back.
	const runAsync = (program: string, args: string[]) =>
		new Promise<void>((done, fail) =>
			execFile(
				join(bin, program),
				args,
				{ timeout: 90_000, uid: owner?.uid, gid: owner?.gid, cwd: dataRoot },
				(error, stdout, stderr) =>
					error
						? fail(
								new Error(
									`${program} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`
								)
							)
						: done()
			)
		);

	let destroyed = false;
	const cluster: PrivateCluster = {
		serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
		port,
		dataDir,
		start: () =>
			runAsync('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']),
		stop: (mode) => runAsync('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']),
		destroy() {
			if (destroyed) return;
			destroyed = true;
			spawnSync(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], {
				uid: owner?.uid,
				gid: owner?.gid,
				cwd: dataRoot,
				stdio: 'ignore',
				timeout: 30_000
			});
			rmSync(dataRoot, { recursive: true, force: true });
		},
		logTail(lines = 30) {
			try {
				const text = spawnSync('tail', ['-n', String(lines), logFile], { encoding: 'utf8' }).stdout;
				return text ?? '';
			} catch {
				return '';
			}
		}
	};
	try {
		await cluster.start();
	} catch (error) {
		cluster.destroy();
		throw error;
	}
	return cluster;
}
