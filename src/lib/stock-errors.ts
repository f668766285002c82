import { m } from '$lib/paraglide/messages';

/**
 * SvelteKit and adapter-node word some errors themselves, in English ("Not Found", "Payload Too
 * Large"). Both the error page and the server hooks swap those for the user's language.
 */

/** The framework's stock messages for the statuses it answers by itself. */
const stockMessages: Record<number, () => string> = {
	404: m.error_not_found,
	405: m.error_method_not_allowed,
	413: m.error_payload_too_large,
	415: m.error_unsupported_media_type,
	500: m.error_internal
};

/**
 * The words for a status when the message is the framework's own English (or missing); null when
 * the app wrote the message itself, which is already translated.
 */
export function localizedStockMessage(status: number, message: string | undefined): string | null {
	const words = stockMessages[status];
	if (!words) return null;
	if (message === undefined || isStockEnglish(message)) return words();
	return null;
}

// "Not Found", "Unsupported Media Type", "Payload Too Large", "Internal Error",
// "PUT method not allowed", "Content-length of 7000000 exceeds limit of 6291456 bytes."
const stockEnglish = [
	/^not found$/i,
	/^unsupported media type$/i,
	/^payload too large$/i,
	/^internal error$/i,
	/^[A-Z]+ method not allowed$/,
	/^content-length of \d+ exceeds limit of \d+ bytes\.?$/i
];

export function isStockEnglish(message: string): boolean {
	return stockEnglish.some((pattern) => pattern.test(message.trim()));
}
