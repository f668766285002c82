import type { FormValues } from './campaign-form';

/**
 * A keyed paper ballot in a form that compares equal exactly when two people keyed the same
 * answers: empty fields dropped, text trimmed, multi-select values sorted, keys sorted.
 */
export function canonicalEntry(values: FormValues): FormValues {
	const entries = Object.entries(values)
		.map(
			([name, list]) =>
				[
					name,
					list
						.map((v) => v.trim())
						.filter(Boolean)
						.sort()
				] as const
		)
		.filter(([, list]) => list.length > 0)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return Object.fromEntries(entries);
}

/** The field names on which two keyings disagree (empty when they match). */
export function entryDifferences(first: FormValues, second: FormValues): string[] {
	const a = canonicalEntry(first);
	const b = canonicalEntry(second);
	const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
	return names.filter((name) => JSON.stringify(a[name] ?? []) !== JSON.stringify(b[name] ?? []));
}

/** The number printed on a paper form: letters, digits and dashes, as staff read it off. */
export function normalizeSerial(input: string): string | null {
	const serial = input.trim().toUpperCase();
	return /^[A-Z0-9-]{1,32}$/.test(serial) ? serial : null;
}
