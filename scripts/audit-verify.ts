// `npm run audit:verify`: re-hash the whole audit chain, then recompute every published result from
// the stored ballots and compare it with its frozen snapshot. Exit code 2 names what does not hold.
import { verifyAuditChain } from '../src/lib/server/audit';
import { verifyPublishedResults } from '../src/lib/server/results/verify';
import { openCliDatabase } from './cli-database';

const chainWhy = {
	hash: 'its content was changed',
	prev_hash: 'its link to the previous event was changed',
	gap: 'events before it are missing'
};
const resultWhy = {
	stored_hash: 'the stored snapshot no longer matches its SHA-256',
	audit_missing: 'no publication event for it in the audit chain',
	audit_hash: 'the audit chain recorded a different SHA-256',
	recompute_failed: 'its results could not be recomputed from the ballots',
	recomputed_differs: 'the results recomputed from the ballots differ from the published snapshot'
};

const handle = await openCliDatabase();
let failed = false;
try {
	const broken = await verifyAuditChain(handle.db);
	if (broken) {
		failed = true;
		console.error(`audit chain BROKEN at event ${broken.seq}: ${chainWhy[broken.reason]}`);
	} else console.log('audit chain intact');
	const { checked, mismatches } = await verifyPublishedResults(handle.db);
	for (const mismatch of mismatches) {
		failed = true;
		console.error(`campaign ${mismatch.campaignId}: ${resultWhy[mismatch.reason]}`);
		for (const detail of mismatch.detail) console.error(`  at ${detail}`);
	}
	if (mismatches.length === 0) console.log(`published results intact (${checked} checked)`);
} finally {
	await handle.close();
}
if (failed) process.exit(2);
