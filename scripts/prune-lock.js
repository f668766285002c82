// `npm run lock:prune`: drop optional dependencies that the lock file names but does not contain.
// Why: the registry mirror this project's machines reach lacks some other platforms' native
// binaries (e.g. @rollup/rollup-android-arm-eabi at the version rollup asks for). npm then leaves
// them out of package-lock.json but keeps the reference, and `npm ci` refuses the lock as out of
// sync. They are optional and for other platforms, so removing the dangling references is exact
// for this platform. Run it after any `npm install` that changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const path = 'package-lock.json';
const lock = JSON.parse(readFileSync(path, 'utf8'));
const present = new Set(Object.keys(lock.packages));

/** Where npm would look for `name` from the package at `from`: nested folders first, then up. */
function resolves(from, name) {
	let base = from;
	for (;;) {
		if (present.has(`${base ? `${base}/` : ''}node_modules/${name}`)) return true;
		if (!base) return false;
		const cut = base.lastIndexOf('node_modules/');
		base = cut <= 0 ? '' : base.slice(0, cut - 1);
	}
}

let pruned = 0;
for (const [from, entry] of Object.entries(lock.packages)) {
	for (const name of Object.keys(entry.optionalDependencies ?? {})) {
		if (resolves(from, name)) continue;
		delete entry.optionalDependencies[name];
		pruned += 1;
	}
	if (entry.optionalDependencies && Object.keys(entry.optionalDependencies).length === 0)
		delete entry.optionalDependencies;
}
writeFileSync(path, JSON.stringify(lock, null, '\t') + '\n');
console.log(`lock:prune: removed ${pruned} optional dependencies missing from the lock`);
