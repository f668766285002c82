import { error, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/**
 * A post whose body cannot be read as a form makes `request.formData()` throw a TypeError: a
 * text/plain body (SvelteKit lets it through to actions, since browsers may send it) or a
 * multipart body that is cut short or garbled. Left alone that is a 500 from whichever action
 * read the form. Every action reads its form the same way, so here, once for all of them, the
 * request's own `formData()` answers 400 with a message instead. Nothing is parsed twice.
 */
export const handleFormBody: Handle = ({ event, resolve }) => {
	if (event.request.method !== 'POST') return resolve(event);
	// SvelteKit throws a plain Error (a 500) for `?/default`, the one action name it reserves.
	if (actionNameOf(event.url) === 'default') error(404, { message: m.error_action_unknown() });
	answerUnreadableFormsWith400(event.request);
	return resolve(event);
};

/** The action a post names the way SvelteKit reads it: the first query key starting with '/'. */
export function actionNameOf(url: URL): string | null {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return null;
}

export function answerUnreadableFormsWith400(request: Request): void {
	const parse = request.formData.bind(request);
	Object.defineProperty(request, 'formData', {
		configurable: true,
		value: async () => {
			// A second read is a bug in the action, not bad input: let it stay a 500.
			if (request.bodyUsed) return parse();
			try {
				return await parse();
			} catch (e) {
				if (e instanceof TypeError) error(400, { message: m.error_form_unreadable() });
				throw e;
			}
		}
	});
}
