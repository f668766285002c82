import type { FormValues } from '$lib/domain/campaign-form';

/**
 * Drafts live in this browser's localStorage only: a reload or a dropped connection loses
 * nothing, and no half-filled ballot is ever stored on the server.
 */
export interface Draft {
	key: string;
	values: FormValues;
}

const prefix = 'minping-ballot-draft:';

export function loadDraft(name: string): Draft | null {
	try {
		const raw = localStorage.getItem(prefix + name);
		if (!raw) return null;
		const draft = JSON.parse(raw) as Draft;
		return typeof draft.key === 'string' && draft.values ? draft : null;
	} catch {
		// Storage disabled (private mode) or a corrupt entry: start from an empty form.
		return null;
	}
}

export function saveDraft(name: string, draft: Draft): void {
	try {
		localStorage.setItem(prefix + name, JSON.stringify(draft));
	} catch {
		// Full or disabled storage: the form still works, only without a draft.
	}
}

export function clearDraft(name: string): void {
	try {
		localStorage.removeItem(prefix + name);
	} catch {
		// Nothing stored, nothing to clear.
	}
}

/**
 * Whether a redirect the ballot's form action answered means the ballot is stored, so that the
 * draft may go: a receipt page (`/ballot/done?r=…`, `/vote/done?r=…`, `/tv/<id>/done?r=…`), or
 * the paper-entry page itself with the keying's outcome (`?outcome=…`). Any other redirect (the
 * guard sending someone whose session lapsed to /code or /login) stored nothing.
 */
export function isReceiptLocation(location: string, base: string): boolean {
	let url: URL;
	let page: URL;
	try {
		url = new URL(location, base);
		page = new URL(base);
	} catch {
		return false;
	}
	if (url.origin !== page.origin) return false;
	if (url.pathname.endsWith('/done') && url.searchParams.has('r')) return true;
	return url.pathname === page.pathname && url.searchParams.has('outcome');
}

/** The answer and reason fields of the form, by name. */
export function readForm(form: HTMLFormElement): FormValues {
	const values: FormValues = {};
	for (const [name, value] of new FormData(form)) {
		if (!/^[ar]:/.test(name) || typeof value !== 'string' || value === '') continue;
		(values[name] ??= []).push(value);
	}
	return values;
}

/** Puts a draft back into the form's inputs. */
export function restoreForm(form: HTMLFormElement, values: FormValues): void {
	for (const element of Array.from(form.elements)) {
		if (
			!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) ||
			!/^[ar]:/.test(element.name)
		)
			continue;
		const saved = values[element.name] ?? [];
		if (
			element instanceof HTMLInputElement &&
			(element.type === 'radio' || element.type === 'checkbox')
		)
			element.checked = saved.includes(element.value);
		else element.value = saved[0] ?? '';
	}
}
