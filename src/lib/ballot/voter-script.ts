/**
 * The ballot form's one script, on the voter pages (/ballot/[id], /vote/[code], /tv/[id]), which
 * are server-rendered with `csr = false`: no Svelte, no SvelteKit client (docs/CAMPAIGNS.md, "The
 * ballot form"). Served as /ballot.js, bundled from here with the draft module it shares with the
 * hydrated form (scripts/vite-ballot-script.js). Without it the form is one long page posted natively;
 * with it:
 *
 * - one subject per screen, previous/next, and the progress line kept up to date;
 * - a draft in localStorage (draft.ts), restored on load, saved on input, cleared after the
 *   receipt; the draft's idempotency key is reused, so a resend after a lost answer gets the same
 *   receipt;
 * - sending by fetch to the same form action (SvelteKit answers with a JSON ActionResult), retried
 *   with the same key while the network fails, then on to the receipt page the redirect names; a
 *   refusal shows the server's messages and the screen of the first problem; a redirect anywhere
 *   but the receipt (the juror's session lapsed) stored nothing: the draft stays and the page says
 *   to sign in again.
 *
 * Every text comes from the page (`data-messages` on the form, the buttons the server rendered).
 */
import { parse } from 'devalue';
import {
	clearDraft,
	isReceiptLocation,
	loadDraft,
	readForm,
	restoreForm,
	saveDraft
} from './draft';

interface Problem {
	fieldId: string | null;
	text: string;
}

interface Texts {
	progress: string;
	sending: string;
	retrying: string;
	network: string;
	signInExpired: string;
	signInAgain: string;
}

function enhanceBallotForm(form: HTMLFormElement): void {
	const text: Texts = JSON.parse(form.dataset.messages || '{}');
	const draftName = form.dataset.draft ?? '';
	const screens = [...form.querySelectorAll<HTMLElement>('section[data-screen]')];
	const keyInput = form.elements.namedItem('idempotency_key') as HTMLInputElement;
	const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
	const submitLabel = submit.textContent;
	const previous = form.querySelector<HTMLButtonElement>('[data-go="previous"]');
	const next = form.querySelector<HTMLButtonElement>('[data-go="next"]');
	const progressLine = form.querySelector<HTMLElement>('[data-progress-line]');
	const progressText = form.querySelector('[data-progress]');
	const progressBar = form.querySelector('progress');
	let step = 0;
	let sending = false;

	// Drafts: this browser only; storage may be disabled or full, and the form works on without.
	const save = () => saveDraft(draftName, { key: keyInput.value, values: readForm(form) });

	/** Every required answer given, or, where nothing is required, at least one answer. */
	function updateProgress() {
		const values = readForm(form);
		const names = (list: string) => list.split(' ').filter(Boolean);
		const has = (name: string) => (values[name] ?? []).length > 0;
		const done = screens.filter((screen) => {
			const required = names(screen.dataset.required ?? '');
			return required.length > 0
				? required.every(has)
				: names(screen.dataset.asked ?? '').some(has);
		}).length;
		if (progressText)
			progressText.textContent = text.progress
				.replace('{done}', String(done))
				.replace('{total}', String(screens.length));
		if (progressBar) progressBar.value = done;
	}

	function show(to: number, focus = false) {
		step = Math.max(0, Math.min(screens.length - 1, to));
		const last = step === screens.length - 1;
		screens.forEach((screen, index) => (screen.hidden = index !== step));
		if (previous) {
			previous.hidden = false;
			previous.disabled = step === 0;
		}
		if (next) next.hidden = last;
		submit.hidden = !last;
		if (focus) screens[step].querySelector('h2')?.focus();
	}

	/** The screen holding a field (`q-<subject>-<question>` ids), or -1. */
	const screenOf = (id: string) => {
		const field = document.getElementById(id);
		const screen = field?.closest<HTMLElement>('section[data-screen]');
		return screen ? screens.indexOf(screen) : -1;
	};

	/** The alert above the form (the server's, or one made here). */
	function alertBox(role: string): HTMLElement {
		let box = document.querySelector<HTMLElement>('[data-ballot-alert]');
		if (!box) {
			box = document.createElement('div');
			box.className = 'alert error';
			box.setAttribute('data-ballot-alert', '');
			form.before(box);
		}
		box.setAttribute('role', role);
		box.hidden = false;
		box.replaceChildren();
		return box;
	}

	function showProblems(message: string, problems: Problem[]) {
		const box = alertBox('alert');
		const lead = document.createElement('p');
		lead.textContent = message;
		box.append(lead);
		if (problems.length > 0) {
			const list = document.createElement('ul');
			for (const problem of problems) {
				const item = document.createElement('li');
				if (problem.fieldId) {
					const link = document.createElement('a');
					link.href = '#' + problem.fieldId;
					link.textContent = problem.text;
					item.append(link);
				} else item.textContent = problem.text;
				list.append(item);
			}
			box.append(list);
		}
		const first = problems.find((p) => p.fieldId);
		const at = first?.fieldId ? screenOf(first.fieldId) : -1;
		if (at >= 0) show(at);
		box.scrollIntoView({ block: 'nearest' });
	}

	function showMessage(message: string, role: string) {
		const box = alertBox(role);
		const line = document.createElement('p');
		line.textContent = message;
		box.append(line);
	}

	/** Nothing was stored and the answers stay in the draft: say why and where to sign in. */
	function showSignInExpired(signIn: string) {
		save();
		const box = alertBox('alert');
		const line = document.createElement('p');
		line.textContent = text.signInExpired;
		const link = document.createElement('a');
		link.href = signIn;
		link.textContent = text.signInAgain;
		box.append(line, link);
		box.scrollIntoView({ block: 'nearest' });
	}

	const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	/** Pauses before each retry: about half a minute in all, then the rater presses Submit again. */
	const retryDelays = [1000, 2000, 4000, 8000, 8000, 8000];

	async function send(event: SubmitEvent) {
		event.preventDefault();
		if (sending) return;
		sending = true;
		submit.disabled = true;
		submit.textContent = text.sending;
		save();
		try {
			for (let attempt = 0; ; attempt++) {
				const outcome = await post();
				if (outcome === 'done') return;
				if (attempt >= retryDelays.length) {
					showMessage(text.network, 'alert');
					return;
				}
				showMessage(text.retrying, 'status');
				await wait(retryDelays[attempt]);
			}
		} finally {
			sending = false;
			submit.disabled = false;
			submit.textContent = submitLabel;
		}
	}

	/** One attempt, with the key in the form: 'done', or 'retry' when nothing usable came back. */
	async function post(): Promise<'done' | 'retry'> {
		let response: Response;
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SvelteKit's ActionResult, read defensively
		let result: any;
		try {
			// Every field of this form is text (no file inputs), as URLSearchParams needs.
			const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
			response = await fetch(form.action, {
				method: 'POST',
				body,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
				credentials: 'same-origin'
			});
		} catch {
			return 'retry';
		}
		try {
			result = await response.json();
		} catch {
			if (response.status >= 500) return 'retry';
			// A refusal that is not the action's JSON (a proxy, a body limit): nothing was written,
			// so post the form as the browser would and let the server's page say what is wrong.
			HTMLFormElement.prototype.submit.call(form);
			await new Promise(() => {});
		}
		if (result?.type === 'redirect') {
			if (!isReceiptLocation(String(result.location), location.href)) {
				showSignInExpired(String(result.location));
				return 'done';
			}
			clearDraft(draftName);
			location.assign(result.location);
			// Keep the button disabled while the receipt loads.
			await new Promise(() => {});
		}
		if (result?.type === 'failure') {
			// SvelteKit encodes an action's data with devalue.
			const data = parse(result.data) ?? {};
			// Nothing was written: the server says which key the corrected form may use.
			if (typeof data.idempotencyKey === 'string' && data.idempotencyKey)
				keyInput.value = data.idempotencyKey;
			save();
			showProblems(String(data.message ?? ''), Array.isArray(data.problems) ? data.problems : []);
			return 'done';
		}
		if (result?.type === 'error' && response.status < 500) {
			showProblems(String(result.error?.message ?? ''), []);
			return 'done';
		}
		return 'retry';
	}

	// Start: the draft (unless the server refilled the form after a refusal), then the screens.
	const draft = form.hasAttribute('data-filled') ? null : loadDraft(draftName);
	if (draft) {
		keyInput.value = draft.key;
		restoreForm(form, draft.values);
	}
	form.noValidate = true;
	form.addEventListener('input', () => {
		save();
		updateProgress();
	});
	form.addEventListener('submit', send);
	previous?.addEventListener('click', () => show(step - 1, true));
	next?.addEventListener('click', () => show(step + 1, true));
	// A link in the error summary may point into a hidden screen: show that screen first.
	document.addEventListener('click', (event) => {
		const link =
			event.target instanceof Element ? event.target.closest('[data-ballot-alert] a') : null;
		const id = link?.getAttribute('href')?.slice(1);
		const at = id ? screenOf(id) : -1;
		if (!id || at < 0) return;
		event.preventDefault();
		show(at);
		document.getElementById(id)?.focus();
	});
	const firstProblem = document.querySelector('[data-ballot-alert] a')?.getAttribute('href');
	const problemAt = firstProblem ? screenOf(firstProblem.slice(1)) : -1;
	show(problemAt >= 0 ? problemAt : 0);
	// The progress line is rendered hidden: without this script nothing would ever move it.
	if (progressLine) progressLine.hidden = false;
	updateProgress();
	form.setAttribute('data-enhanced', '');
	// Back from the receipt, a page restored from the back/forward cache would offer the spent
	// form again: ask the server, which answers with the list or "this card has been used".
	window.addEventListener('pageshow', (event) => {
		if (event.persisted) location.reload();
	});
}

const form = document.querySelector<HTMLFormElement>('form[data-draft][data-messages]');
// Not on a page with a ballot form, or the hydrated form enhanced itself already.
if (form && !form.hasAttribute('data-enhanced')) enhanceBallotForm(form);
