/**
 * Where to send someone after signing in: only a path on this site. `//evil.example` and
 * `/\evil.example` are read by browsers as other hosts, so they fall back too; an open redirect on
 * a sign-in page is a phishing aid.
 */
export function safeRedirectTarget(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	// Control characters (a newline above all) have no business in a path.
	if ([...value].some((char) => char.charCodeAt(0) < 32)) return fallback;
	return value;
}
