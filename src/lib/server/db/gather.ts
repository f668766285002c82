/**
 * Look-ups gathered per turn of the event loop: the requests that arrive in one turn share one
 * query (`where key = any($1)`) instead of one each. Each request still gets its own answer, read
 * after it arrived; nothing is cached. Under load this takes most of the small statements off the
 * database's hands (and the driver's). Used for a submission's look-ups and for sessions.
 */
export class Gather<K, V> {
	private pending = new Map<K, { resolve(v: V | undefined): void; reject(e: unknown): void }[]>();
	private scheduled = false;

	constructor(private readonly fetch: (keys: K[]) => Promise<Map<K, V>>) {}

	load(key: K): Promise<V | undefined> {
		return new Promise((resolve, reject) => {
			const waiting = this.pending.get(key);
			if (waiting) waiting.push({ resolve, reject });
			else this.pending.set(key, [{ resolve, reject }]);
			if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(() => this.flush());
			}
		});
	}

	private flush(): void {
		const batch = this.pending;
		this.pending = new Map();
		this.scheduled = false;
		this.fetch([...batch.keys()]).then(
			(found) => {
				for (const [key, waiting] of batch) for (const w of waiting) w.resolve(found.get(key));
			},
			(error: unknown) => {
				for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
			}
		);
	}
}

/**
 * Keys of the form `group:rest` (e.g. `campaignId:userId`), split and grouped by their group, for a
 * look-up that runs one query per group (nearly always a single one).
 */
export function groupKeys(keys: string[]): Map<string, string[]> {
	const groups = new Map<string, string[]>();
	for (const key of keys) {
		const colon = key.indexOf(':');
		const group = key.slice(0, colon);
		const rest = key.slice(colon + 1);
		const list = groups.get(group);
		if (list) list.push(rest);
		else groups.set(group, [rest]);
	}
	return groups;
}
