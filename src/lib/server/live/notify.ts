/**
 * Keeping several app instances on one PostgreSQL in step: after a change an instance sends
 * `NOTIFY minping_live, '<campaignId>'` (debounced: a burst of ballots sends one), and every
 * instance LISTENs and refreshes that campaign, re-reading counts and controls from the database.
 * The message carries no figures, so a lost or repeated one costs at most one extra rebuild.
 */
import postgres from 'postgres';

export const liveChannel = 'minping_live';

export interface ChangeBus {
	/** Announces a change to every instance (this one included). */
	announce(campaignId: number): void;
	close(): Promise<void>;
}

/** Parses a notification's payload: a campaign id, or null for anything else. */
export function parsePayload(payload: string): number | null {
	const id = Number(payload);
	return /^\d{1,12}$/.test(payload.trim()) && Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function createPostgresBus(
	url: string,
	onChange: (campaignId: number) => void,
	debounceMs = 50
): ChangeBus {
	const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
	const pending = new Set<number>();
	let timer: ReturnType<typeof setTimeout> | null = null;
	const listening = client
		.listen(liveChannel, (payload) => {
			const id = parsePayload(payload);
			if (id !== null) onChange(id);
		})
		.catch((error: unknown) => {
			console.error('minping: live LISTEN failed; this instance updates only itself', error);
			return null;
		});

	async function flush(): Promise<void> {
		timer = null;
		const ids = [...pending];
		pending.clear();
		for (const id of ids) {
			try {
				await client.notify(liveChannel, String(id));
			} catch (error) {
				console.error(`minping: live NOTIFY for campaign ${id} failed`, error);
			}
		}
	}

	return {
		announce(campaignId) {
			pending.add(campaignId);
			timer ??= setTimeout(() => void flush(), debounceMs);
		},
		async close() {
			if (timer) clearTimeout(timer);
			await listening;
			await client.end({ timeout: 5 });
		}
	};
}
