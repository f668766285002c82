// `npm test`: type checks, lint, unit and database tests, then browser tests when Chromium is here.
// Ends with one line "N passed, N failed" (and ", N skipped") counting every test that ran.
// Database tests use PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set, PGlite otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const node = process.execPath;
const bin = (pkg, file) => join('node_modules', pkg, file);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const reports = mkdtempSync(join(tmpdir(), 'minping-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let stepFailed = false;

function run(title, args) {
	console.log(`\n── ${title} ──`);
	const result = spawnSync(node, args, { stdio: 'inherit', env: process.env });
	if (result.status !== 0) {
		stepFailed = true;
		console.log(`✗ ${title} failed`);
		return false;
	}
	return true;
}

/** A check (types, format, lint) counts as one test in the totals, so a red check is never hidden. */
function check(title, args) {
	const ok = run(title, args);
	totals[ok ? 'passed' : 'failed'] += 1;
	return ok;
}

/** Runs vitest projects and adds their counts from the JSON report. */
function vitest(title, projects) {
	const report = join(reports, `${projects.join('-')}.json`);
	const args = [bin('vitest', 'vitest.mjs'), 'run', ...projects.flatMap((p) => ['--project', p])];
	args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
	const ok = run(title, args);
	if (!existsSync(report)) {
		if (ok) return;
		totals.failed += 1; // the runner itself broke before reporting: count it, never hide it
		return;
	}
	const json = JSON.parse(readFileSync(report, 'utf8'));
	totals.passed += json.numPassedTests;
	totals.failed += json.numFailedTests;
	totals.skipped += json.numPendingTests + json.numTodoTests;
	if (!ok && json.numFailedTests === 0) totals.failed += 1; // e.g. a file that failed to load
}

const database =
	process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`minping tests; database tests run on ${database}`);

run('svelte-kit sync', [bin('@sveltejs/kit', 'svelte-kit.js'), 'sync']);
run('compile messages', [
	bin('@inlang/paraglide-js', 'bin/run.js'),
	'compile',
	'--project',
	'./project.inlang',
	'--outdir',
	'./src/lib/paraglide'
]);
// Types, format and lint are the same whatever the database; CI runs them on its first pass only.
if (process.env.SKIP_STATIC_CHECKS) {
	console.log('\nStatic checks (types, format, lint) not repeated: SKIP_STATIC_CHECKS is set.');
} else {
	check('svelte-check (types)', [
		bin('svelte-check', 'bin/svelte-check'),
		'--tsconfig',
		'./tsconfig.json',
		'--fail-on-warnings'
	]);
	check('prettier', [bin('prettier', 'bin/prettier.cjs'), '--check', '.', '--log-level', 'warn']);
	check('eslint', [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings', '0']);
}
vitest(`unit and database tests (${database})`, ['unit', 'db']);

if (process.env.SKIP_BROWSER_TESTS) {
	console.log('\nBrowser tests SKIPPED: SKIP_BROWSER_TESTS is set.');
} else if (!existsSync(chromium)) {
	console.log(
		`\nBrowser tests SKIPPED: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).`
	);
} else if (
	check('build for browser tests', [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'])
) {
	vitest(`browser tests (${database})`, ['e2e']);
}

rmSync(reports, { recursive: true, force: true });
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(stepFailed || totals.failed ? 1 : 0);
