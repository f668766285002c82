import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * The 403 answer for a signed-in user without the role. It is written here rather than thrown,
 * because an error thrown in `handle` gets SvelteKit's bare fallback page; this one says what
 * happened, in the request's language, and offers the ways out (home, sign out, other account).
 */
export function forbiddenPage(event: RequestEvent): Response {
	const user = event.locals.user;
	const who = user ? escapeHtml(user.email ?? user.displayName) : '';
	const html = `<!doctype html>
<html lang="${getLocale()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>403 · ${escapeHtml(m.app_name())}</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2933;line-height:1.6}
h1{color:#8f1d21}a,button{font:inherit}button{padding:.4rem 1rem;cursor:pointer}
</style>
</head>
<body>
<main>
<h1>403 · ${escapeHtml(m.auth_forbidden_title())}</h1>
<p>${escapeHtml(m.auth_error_forbidden())}</p>
<p>${escapeHtml(m.auth_forbidden_signed_in_as({ who }))}</p>
${user?.kind === 'juror' ? `<p><strong>${escapeHtml(m.auth_logout_juror_warning())}</strong></p>\n` : ''}<form method="POST" action="/logout">
<input type="hidden" name="redirectTo" value="${escapeHtml(event.url.pathname + event.url.search)}">
<button type="submit">${escapeHtml(m.auth_forbidden_switch_account())}</button>
</form>
<p><a href="/">${escapeHtml(m.error_back_home())}</a></p>
</main>
</body>
</html>`;
	return new Response(html, {
		status: 403,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(char) =>
			({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char
	);
}
