// `npm run audit:verify`: re-hash the whole audit chain and name the first event that does not hold.
import { verifyAuditChain } from '../src/lib/server/audit';
import { openCliDatabase } from './cli-database';

const handle = await openCliDatabase();
const broken = await verifyAuditChain(handle.db);
await handle.close();
if (broken) {
	const why = {
		hash: 'its content was changed',
		prev_hash: 'its link to the previous event was changed',
		gap: 'events before it are missing'
	};
	console.error(`audit chain BROKEN at event ${broken.seq}: ${why[broken.reason]}`);
	process.exit(2);
}
console.log('audit chain intact');
