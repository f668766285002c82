import { env } from '$env/dynamic/private';
import { ensureDemoAdmin } from './auth/demo-admin';
import { getDatabase } from './db';
import { startLive, stopLive } from './live';
import { describeConnectionError, type DatabaseHandle } from './db/connect';
import { seedDemoOnFirstStart } from './demo/first-start';
import { configureBatching } from './campaigns/submit-batch';

/**
 * Runs once before the server takes requests: reach the database, apply pending migrations, and on
 * the first start of an embedded install seed the demo province. A connection failure prints one
 * readable line and stops the process; a stack trace helps nobody who mistyped DATABASE_URL.
 */
export async function startUp(): Promise<void> {
	const handle = getDatabase();
	try {
		await handle.ping();
		await handle.migrate();
	} catch (error) {
		console.error(describeConnectionError(handle, error));
		if (env.MINPING_DEBUG) console.error(error);
		process.exit(1);
	}
	console.log(`minping: database ${handle.kind} at ${handle.location}, migrations applied`);
	if (isSet(env.BATCH_PER_CAMPAIGN, 'BATCH_PER_CAMPAIGN')) {
		// On Citus: each group-commit batch stays on one campaign's shard group (docs/SCALING.md).
		configureBatching(handle.db, { perCampaign: true });
		console.log('minping: group commit forms batches per campaign (BATCH_PER_CAMPAIGN)');
	}
	await seedDemoOnFirstStart(handle, env.SEED_DEMO);
	// Live tallies: on PostgreSQL this instance now announces ballot commits to the others (NOTIFY).
	startLive();
	if (isDemoInstall(handle)) await announceDemoAdmin(handle);
}

/**
 * Lets the process end once the HTTP server has closed (`sveltekit:shutdown`, sent by
 * adapter-node's own server and by scripts/serve.js): the live connection and the pool are
 * closed, and an embedded database is closed cleanly.
 */
export async function shutDown(): Promise<void> {
	try {
		await stopLive();
		await getDatabase().close();
	} catch (error) {
		console.error('minping: error while shutting down', error);
	}
}

/** A yes/no setting: true or 1 is yes; unset, empty, false or 0 is no; anything else is a mistake. */
function isSet(value: string | undefined, name: string): boolean {
	const v = value?.trim().toLowerCase() ?? '';
	if (v === 'true' || v === '1') return true;
	if (v !== '' && v !== 'false' && v !== '0')
		console.error(`minping: ${name}=${JSON.stringify(value)} is not true or false; taken as false`);
	return false;
}

/** An embedded install that was not asked to stay empty is a demo: it gets a demo admin. */
function isDemoInstall(handle: DatabaseHandle): boolean {
	return handle.kind === 'pglite' && env.SEED_DEMO?.trim().toLowerCase() !== 'false';
}

async function announceDemoAdmin(handle: DatabaseHandle): Promise<void> {
	const signIn = `${env.ORIGIN || `http://localhost:${env.PORT || 3000}`}/login`;
	try {
		const admin = await ensureDemoAdmin(handle.db);
		if (admin.created) {
			console.log(`minping: demo admin ${admin.email} / ${admin.password} — sign in at ${signIn}`);
		} else {
			console.log(`minping: sign in at ${signIn}`);
		}
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		console.error(`minping: could not create the demo admin (${detail}); use npm run admin:create`);
	}
}
