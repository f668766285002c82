import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { ballotScript } from './scripts/vite-ballot-script.js';

export default defineConfig({
	plugins: [
		sveltekit(),
		ballotScript(),
		// Under Vitest the messages are compiled beforehand (npm test, npm install's prepare step): the
		// plugin's file watching keeps Vitest's servers from closing, adding 10 s to every run.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './project.inlang',
				outdir: './src/lib/paraglide',
				// The chosen language is remembered in a cookie; zh-CN is the default for everyone else.
				strategy: ['cookie', 'baseLocale']
			})
	],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts'],
					exclude: ['src/**/*.db.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'db',
					environment: 'node',
					include: ['src/**/*.db.test.ts', 'test/db/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['test/e2e/**/*.test.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 180_000,
					globalSetup: ['test/e2e/global-setup.ts']
				}
			}
		]
	}
});
