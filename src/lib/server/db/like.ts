/**
 * Patterns for LIKE / ILIKE from what a person typed: `%`, `_` and `\` match themselves, so a
 * search for "100%" finds "100%" and not everything that starts with "100".
 */
export function escapeLike(text: string): string {
	return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/** Text containing what was typed, anywhere. */
export function containsPattern(text: string): string {
	return `%${escapeLike(text)}%`;
}
