import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// MINPING_BUILD_OUT lets a second build (a benchmark, a parallel test run) live beside the
		// main one; serve.js reads the same folder from MINPING_BUILD_DIR.
		adapter: adapter({ out: process.env.MINPING_BUILD_OUT || 'build' }),
		// The CSRF rule (form posts must come from our own origin) is applied by our hook
		// src/lib/server/hooks/framework-errors.ts, which words its refusal in the user's language;
		// SvelteKit's own check would answer first, in English only.
		csrf: { trustedOrigins: ['*'] },
		// /healthz reports this; the app version, not a build timestamp.
		version: { name: pkg.version }
	}
};

export default config;
