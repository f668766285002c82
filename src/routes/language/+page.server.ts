import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import type { Actions } from './$types';

export const actions = {
	default: switchLanguage
} satisfies Actions;

/** Remembers the chosen language in Paraglide's cookie and goes back to the page the user was on. */
async function switchLanguage({ request, cookies }: Parameters<Actions[string]>[0]) {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale !== 'string' || !isLocale(locale)) {
		return fail(400, { message: m.error_locale_invalid() });
	}
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false,
		sameSite: 'lax'
	});
	redirect(303, safeRedirectTarget(form.get('redirectTo')));
}

/** Only same-site paths: an open redirect here would be a phishing aid. */
function safeRedirectTarget(value: FormDataEntryValue | null): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
	return value;
}
