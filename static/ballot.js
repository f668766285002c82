// @ts-check
/**
 * The ballot form's one script, on the voter pages (/ballot/[id], /vote/[code], /tv/[id]), which
 * are server-rendered with `csr = false`: no Svelte, no SvelteKit client (docs/CAMPAIGNS.md, "The
 * ballot form"). Without this script the form is one long page posted natively; with it:
 *
 * - one subject per screen, previous/next, and the progress line kept up to date;
 * - a draft in localStorage (`minping-ballot-draft:<draftKey>`, `{ key, values }`, as
 *   src/routes/ballot/draft.ts), restored on load, saved on input, cleared after the receipt; the
 *   draft's idempotency key is reused, so a resend after a lost answer gets the same receipt;
 * - sending by fetch to the same form action (SvelteKit answers with a JSON ActionResult), retried
 *   with the same key while the network fails, then on to the receipt page the redirect names; a
 *   refusal shows the server's messages and the screen of the first problem.
 *
 * Every text comes from the page (`data-messages` on the form, the buttons the server rendered).
 */
(() => {
	const form = /** @type {HTMLFormElement | null} */ (
		document.querySelector('form[data-draft][data-messages]')
	);
	if (!form || form.hasAttribute('data-enhanced')) return;
	const ballotForm = form;

	/** @typedef {Record<string, string[]>} FormValues */
	/** @typedef {{ fieldId: string | null, text: string }} Problem */
	/** @type {{ progress: string, sending: string, retrying: string, network: string }} */
	const text = JSON.parse(form.dataset.messages || '{}');
	const storageKey = 'minping-ballot-draft:' + form.dataset.draft;
	const screens = /** @type {HTMLElement[]} */ ([...form.querySelectorAll('section[data-screen]')]);
	const keyInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('idempotency_key'));
	const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
	const submitLabel = submit.textContent;
	const previous = /** @type {HTMLButtonElement | null} */ (
		form.querySelector('[data-go="previous"]')
	);
	const next = /** @type {HTMLButtonElement | null} */ (form.querySelector('[data-go="next"]'));
	const progressText = form.querySelector('[data-progress]');
	const progressBar = form.querySelector('progress');
	let step = 0;
	let sending = false;

	// Drafts: this browser only; storage may be disabled or full, and the form works on without.
	/** @returns {{ key: string, values: FormValues } | null} */
	function loadDraft() {
		try {
			const draft = JSON.parse(localStorage.getItem(storageKey) || 'null');
			return draft && typeof draft.key === 'string' && draft.values ? draft : null;
		} catch {
			return null;
		}
	}
	function saveDraft() {
		try {
			localStorage.setItem(storageKey, JSON.stringify({ key: keyInput.value, values: readForm() }));
		} catch {
			// Nothing to do: no draft, the answers are still in the form.
		}
	}
	function clearDraft() {
		try {
			localStorage.removeItem(storageKey);
		} catch {
			// Nothing stored.
		}
	}

	/** The answer and reason fields by name, as draft.ts reads them. @returns {FormValues} */
	function readForm() {
		/** @type {FormValues} */
		const values = {};
		for (const [name, value] of new FormData(ballotForm)) {
			if (!/^[ar]:/.test(name) || typeof value !== 'string' || value === '') continue;
			(values[name] ??= []).push(value);
		}
		return values;
	}

	/** @param {FormValues} values */
	function restoreForm(values) {
		for (const element of ballotForm.elements) {
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

	/** Every required answer given, or, where nothing is required, at least one answer. */
	function updateProgress() {
		const values = readForm();
		/** @param {string} list */
		const names = (list) => list.split(' ').filter(Boolean);
		/** @param {string} name */
		const has = (name) => (values[name] ?? []).length > 0;
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

	/** @param {number} to @param {boolean} [focus] */
	function show(to, focus = false) {
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

	/** The screen holding a field (`q-<subject>-<question>` ids), or -1. @param {string} id */
	const screenOf = (id) => {
		const field = document.getElementById(id);
		const screen = field?.closest('section[data-screen]');
		return screen ? screens.indexOf(/** @type {HTMLElement} */ (screen)) : -1;
	};

	/** The alert above the form (the server's, or one made here). @param {string} role */
	function alertBox(role) {
		let box = /** @type {HTMLElement | null} */ (document.querySelector('[data-ballot-alert]'));
		if (!box) {
			box = document.createElement('div');
			box.className = 'alert error';
			box.setAttribute('data-ballot-alert', '');
			ballotForm.before(box);
		}
		box.setAttribute('role', role);
		box.hidden = false;
		box.replaceChildren();
		return box;
	}

	/** @param {string} message @param {Problem[]} problems */
	function showProblems(message, problems) {
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

	/** @param {string} message @param {string} role */
	function showMessage(message, role) {
		const box = alertBox(role);
		const line = document.createElement('p');
		line.textContent = message;
		box.append(line);
	}

	/**
	 * SvelteKit's action answer carries its data in devalue's format: a flat JSON array whose
	 * objects and arrays hold indexes into it. A ballot refusal holds only strings, arrays and plain
	 * objects; negative indexes are undefined, NaN and the infinities.
	 * @param {string} flat
	 * @returns {any}
	 */
	function unflatten(flat) {
		const table = JSON.parse(flat);
		if (typeof table === 'number') return undefined;
		/** @param {number} index @returns {any} */
		const get = (index) => {
			if (index < 0) return undefined;
			const value = table[index];
			if (value === null || typeof value !== 'object') return value;
			if (Array.isArray(value)) return typeof value[0] === 'string' ? undefined : value.map(get);
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, get(v)]));
		};
		return get(0);
	}

	const wait = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
	/** Pauses before each retry: about half a minute in all, then the rater presses Submit again. */
	const retryDelays = [1000, 2000, 4000, 8000, 8000, 8000];

	/** @param {SubmitEvent} event */
	async function send(event) {
		event.preventDefault();
		if (sending) return;
		sending = true;
		submit.disabled = true;
		submit.textContent = text.sending;
		saveDraft();
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
	async function post() {
		/** @type {Response} */
		let response;
		/** @type {any} */
		let result;
		try {
			const body = new URLSearchParams(/** @type {any} */ (new FormData(ballotForm)));
			response = await fetch(ballotForm.action, {
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
			HTMLFormElement.prototype.submit.call(ballotForm);
			await new Promise(() => {});
		}
		if (result?.type === 'redirect') {
			clearDraft();
			location.assign(result.location);
			// Keep the button disabled while the receipt loads.
			await new Promise(() => {});
		}
		if (result?.type === 'failure') {
			const data = unflatten(result.data) ?? {};
			// Nothing was written: the server says which key the corrected form may use.
			if (typeof data.idempotencyKey === 'string' && data.idempotencyKey)
				keyInput.value = data.idempotencyKey;
			saveDraft();
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
	const draft = form.hasAttribute('data-filled') ? null : loadDraft();
	if (draft) {
		keyInput.value = draft.key;
		restoreForm(draft.values);
	}
	form.noValidate = true;
	form.addEventListener('input', () => {
		saveDraft();
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
	updateProgress();
	form.setAttribute('data-enhanced', '');
})();
