/**
 * A list of names or phrases as the reader's language writes one: Chinese separates every item
 * with 、 (甲局、乙局、丙局), English with commas and "and" (Intl.ListFormat). Client-safe.
 */
export function formatList(items: readonly string[], locale: string): string {
	if (locale.startsWith('zh')) return items.join('、');
	return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(items);
}
