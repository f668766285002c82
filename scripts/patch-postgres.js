// Applied after every install (package.json "postinstall"): a fix for postgres.js 3.4.9, the
// newest release, which can crash the server or poison a pooled connection when PostgreSQL
// restarts during a transaction (porsager/postgres#1066, #1154, #1208; fixes proposed in #1168,
// #1176, #1209, none released). docs/FAULTS.md explains it; `npm run test:faults` (scenario b)
// fails without it.
//
// When a connection closes mid-transaction, sql.begin() writes its own ROLLBACK; the write is
// deferred with setImmediate and then dereferences the socket that closed() has set to null,
// throwing outside any promise (the process exits). And closed() cancels a deferred write but
// leaves its timer set, so that connection never writes again.
//
// The patch checks the version and the exact text, applies once (a second run finds it applied),
// and says loudly when the installed driver is another version: then read upstream's changelog
// and drop or update this script.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = 'node_modules/postgres';
const patchedVersion = '3.4.9';
const marker = '/* minping: closed-socket patch */';

const hunks = [
	{
		before: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`,
		after: `  function nextWrite(fn) {
    ${marker}
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`
	},
	{
		before: `    clearImmediate(nextWriteTimer)
    socket.removeListener('data', data)`,
		after: `    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null
    socket.removeListener('data', data)`
	}
];

function main() {
	if (!existsSync(join(root, 'package.json'))) return; // not installed (e.g. a partial install)
	const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	if (version !== patchedVersion) {
		console.warn(
			`patch-postgres: postgres.js is ${version}, the patch is for ${patchedVersion}; not applied. ` +
				'Check whether the release fixes porsager/postgres#1066, then update scripts/patch-postgres.js.'
		);
		return;
	}
	for (const flavour of ['src', 'cjs/src', 'cf/src']) {
		const file = join(root, flavour, 'connection.js');
		if (!existsSync(file)) continue;
		let text = readFileSync(file, 'utf8');
		if (text.includes(marker)) continue;
		for (const { before, after } of hunks) {
			if (text.split(before).length !== 2) {
				console.error(`patch-postgres: ${file} does not hold the expected text; not patched`);
				process.exit(1);
			}
			text = text.replace(before, after);
		}
		writeFileSync(file, text);
		console.log(`patch-postgres: patched ${file}`);
	}
}

main();
