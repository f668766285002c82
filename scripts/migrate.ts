// `npm run db:migrate`: apply pending migrations to the configured database and stop.
import { openCliDatabase } from './cli-database';

const handle = await openCliDatabase();
console.log(`minping: migrations applied to ${handle.kind} at ${handle.location}`);
await handle.close();
