import type { DatabaseHandle } from '../db/connect';
import { seedDemoTrends } from '../trends/demo-series';
import { DemoSeedRefusedError, isDatabaseEmpty, seedDemoData } from './seed';

export type FirstStartOutcome = 'seeded' | 'disabled' | 'not-empty' | 'postgres-hint' | 'failed';

export interface StartLog {
	info(line: string): void;
	error(line: string): void;
}

const consoleLog: StartLog = { info: console.log, error: console.error };

/**
 * On the first start of an embedded (PGlite) install, fill the empty database with the demo
 * province so that `npm start` shows something real. A PostgreSQL database is someone's real
 * installation: it is never seeded behind their back, only given a hint. SEED_DEMO=false opts out.
 * A failed seeding rolls back and the app starts anyway, empty; the log says how to retry.
 */
export async function seedDemoOnFirstStart(
	handle: Pick<DatabaseHandle, 'db' | 'kind'>,
	seedDemoSetting: string | undefined,
	log: StartLog = consoleLog
): Promise<FirstStartOutcome> {
	if (seedDemoSetting?.trim().toLowerCase() === 'false') return 'disabled';
	try {
		if (!(await isDatabaseEmpty(handle.db))) return 'not-empty';
		if (handle.kind === 'postgres') {
			log.info(
				'minping: the PostgreSQL database has no regions yet — run `npm run seed:demo` for the demo province, or import your own reference data'
			);
			return 'postgres-hint';
		}
		const started = performance.now();
		const { counts } = await seedDemoData(handle.db);
		const trends = await seedDemoTrends(handle.db);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		log.info(
			`minping: empty embedded database — seeded the demo province (${counts.cities} cities, ` +
				`${counts.districts} districts, ${counts.townships} townships, ${counts.units} units, ` +
				`${counts.windows} windows, ${counts.cadres} cadres, ${trends.written} yearly indicator values) ` +
				`in ${seconds} s; SEED_DEMO=false starts empty instead`
		);
		return 'seeded';
	} catch (error) {
		// Another process seeded first: the database is no longer empty, which is all we wanted.
		if (error instanceof DemoSeedRefusedError) return 'not-empty';
		const detail = error instanceof Error ? error.message : String(error);
		log.error(
			`minping: could not seed the demo province (${detail.replace(/\s+/g, ' ')}); starting without it — run \`npm run seed:demo\` to retry`
		);
		return 'failed';
	}
}
