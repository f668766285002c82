import { eq } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import type { ReplacedYear } from '$lib/server/db/schema';

export interface BatchSummary {
	id: number;
	fileName: string;
	rowCount: number;
	status: 'staged' | 'confirmed' | 'discarded';
	replaced: ReplacedYear[];
	createdByLabel: string | null;
	confirmedAt: Date | null;
}

/** One import batch without its rows, for the confirmation notice; null when there is none. */
export async function getImportBatch(
	db: Pick<Database, 'select'>,
	id: number
): Promise<BatchSummary | null> {
	const [batch] = await db
		.select({
			id: table.importBatch.id,
			fileName: table.importBatch.fileName,
			rowCount: table.importBatch.rowCount,
			status: table.importBatch.status,
			replaced: table.importBatch.replaced,
			createdByLabel: table.importBatch.createdByLabel,
			confirmedAt: table.importBatch.confirmedAt
		})
		.from(table.importBatch)
		.where(eq(table.importBatch.id, id));
	return batch ?? null;
}
