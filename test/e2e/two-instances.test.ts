// Two app instances on one PostgreSQL behave as one service (issue 9, docs/SCALING.md "Several
// instances"): a session made on one is honoured and ended on the other, staff work on either,
// ballots go alternately to both, the same ballot sent to both at once is stored once under one
// receipt, and both show the same turnout. PostgreSQL only: on PGlite one process owns the
// database, so a second instance cannot open it. Live screens across instances are in
// live-instances.test.ts.
import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../../scripts/bench/app';
import { launchBrowser } from './support/browser';
import { openCampaignWithCards } from './support/campaigns';
import { signIn } from './support/staff';

const databaseUrl = inject('databaseUrl');

interface Definition {
	campaign: { id: number };
	subjects: { id: number; kind: string }[];
	questions: {
		key: string;
		appliesTo: string[];
		scale: { type: string; max?: number; options?: { key: string }[] };
	}[];
}

interface Answer {
	status: number;
	receiptCode?: string;
	repeated?: boolean;
	code?: string;
}

async function freePortFrom(first: number): Promise<number> {
	for (let port = first; port < first + 50; port++) {
		const free = await new Promise<boolean>((resolve) => {
			const probe = createServer();
			probe.once('error', () => resolve(false));
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
		});
		if (free) return port;
	}
	throw new Error('no free port for the second instance');
}

/** A complete ballot for a unit evaluation: every score question of every subject. */
function ballotOf(definition: Definition, score: number) {
	return definition.subjects.map((subject) => ({
		subjectId: subject.id,
		answers: Object.fromEntries(
			definition.questions
				.filter((q) => q.appliesTo.includes(subject.kind))
				.map((q) => [q.key, { score: Math.min(score, q.scale.max ?? score) }])
		)
	}));
}

async function send(origin: string, code: string, body: string): Promise<Answer> {
	const response = await fetch(`${origin}/vote/${code}/ballot`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body
	});
	return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

describe.skipIf(!databaseUrl)(
	'two app instances on one PostgreSQL (skipped on PGlite: one process owns an embedded database, so there is no second instance)',
	() => {
		const instanceA = inject('baseURL');
		let instanceB: string;
		let second: RunningApp;
		let browser: Browser;
		let sql: postgres.Sql;
		let staffA: Page;
		let staffB: Page;
		let campaignId: number;
		let codes: string[];

		beforeAll(async () => {
			second = await startApp({
				buildDir: process.env.MINPING_BUILD_DIR || 'build',
				databaseUrl,
				port: await freePortFrom(4750),
				env: { SEED_DEMO: 'false' },
				timeoutMs: 120_000
			});
			instanceB = second.url;
			browser = await launchBrowser();
			sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
		});

		afterAll(async () => {
			await browser?.close();
			await second?.stop();
			await sql?.end();
		});

		/** A desktop page on one instance carrying the given cookies (none: signed out). */
		async function pageOn(origin: string, from?: BrowserContext): Promise<Page> {
			const context = await browser.newContext({
				baseURL: origin,
				viewport: { width: 1280, height: 900 },
				locale: 'zh-CN'
			});
			if (from) await context.addCookies(await from.cookies());
			return context.newPage();
		}

		it('honours a session made on the other instance, and staff work on either', async () => {
			staffA = await pageOn(instanceA);
			await signIn(staffA, '/campaigns');
			// The same cookie, in a separate browser, against the other process.
			staffB = await pageOn(instanceB, staffA.context());
			await staffB.goto('/campaigns');
			expect(new URL(staffB.url()).pathname).toBe('/campaigns');
			expect(await staffB.locator('header .session').textContent()).toContain('E2E admin');

			// Created and opened on B, with cards printed there.
			const opened = await openCampaignWithCards(
				staffB,
				{ kind: 'unit_evaluation', label: '双实例投票', subjects: ['甲局', '乙局'] },
				8
			);
			campaignId = Number(opened.id);
			codes = opened.codes;
			// …and A sees the same campaign, open.
			await staffA.goto(`/campaigns/${campaignId}`);
			expect(await staffA.getByTestId('state').textContent()).toBe('进行中');
		});

		it('stores ballots sent alternately to both, and the same ballot sent to both at once only once', async () => {
			const [definitionA, definitionB] = await Promise.all(
				[instanceA, instanceB].map(
					async (origin) =>
						(await (await fetch(`${origin}/vote/${codes[0]}/ballot`)).json()) as Definition
				)
			);
			expect(definitionB).toEqual(definitionA);
			expect(definitionA.campaign.id).toBe(campaignId);

			// Four cards, alternately A, B, A, B.
			const receipts: string[] = [];
			for (let i = 0; i < 4; i++) {
				const origin = i % 2 === 0 ? instanceA : instanceB;
				const body = JSON.stringify({
					idempotencyKey: crypto.randomUUID(),
					ballots: ballotOf(definitionA, 60 + i)
				});
				const answer = await send(origin, codes[i], body);
				expect(answer).toMatchObject({ status: 201, repeated: false });
				receipts.push(answer.receiptCode!);
			}
			expect(new Set(receipts).size).toBe(4);

			// Three cards whose one ballot goes to both instances at the same moment: one is stored
			// (201), the other answers with the same receipt (200), and a later retry gets it too.
			const raced: string[] = [];
			for (const code of codes.slice(4, 7)) {
				const key = crypto.randomUUID();
				const body = JSON.stringify({ idempotencyKey: key, ballots: ballotOf(definitionA, 90) });
				const answers = await Promise.all([
					send(instanceA, code, body),
					send(instanceB, code, body)
				]);
				expect(answers.map((a) => a.status).sort(), JSON.stringify(answers)).toEqual([200, 201]);
				expect(answers[0].receiptCode).toBe(answers[1].receiptCode);
				const retry = await send(instanceB, code, body);
				expect(retry).toMatchObject({ status: 200, receiptCode: answers[0].receiptCode });
				const [row] = await sql<{ receipt: string }[]>`
					select receipt_code as receipt from submission where idempotency_key = ${key}`;
				expect(row.receipt).toBe(answers[0].receiptCode);
				raced.push(key);
			}

			// The database holds exactly seven submissions: 7 × 2 ballots, 7 cards spent.
			const [counts] = await sql<{ submissions: number; ballots: number; spent: number }[]>`
				select
					(select count(*)::int from submission where campaign_id = ${campaignId}) as submissions,
					(select count(*)::int from ballot where campaign_id = ${campaignId}) as ballots,
					(select count(*)::int from ballot_code
						where campaign_id = ${campaignId} and used_at is not null) as spent`;
			expect(counts).toEqual({ submissions: 7, ballots: 14, spent: 7 });
		});

		it('shows the same turnout on both instances', async () => {
			const turnoutOn = async (page: Page) => {
				await page.goto(`/campaigns/${campaignId}`);
				return {
					rows: await page.getByTestId('turnout').locator('tbody tr').allTextContents(),
					codes: await page.getByText('评议卡：已生成').textContent()
				};
			};
			const [a, b] = [await turnoutOn(staffA), await turnoutOn(staffB)];
			expect(b).toEqual(a);
			// …and with the database (7 when every ballot above was stored).
			const [{ spent }] = await sql<{ spent: number }[]>`
				select count(*)::int as spent from ballot_code
				where campaign_id = ${campaignId} and used_at is not null`;
			expect(a.codes).toContain(`评议卡：已生成 8 张，已使用 ${spent} 张。`);
		});

		it('ends the session on both instances when it is signed out on one', async () => {
			await staffB.goto('/logout');
			await staffB.locator('main form').getByRole('button', { name: '退出登录' }).click();
			await staffB.waitForURL('**/login**');
			// A's browser still holds the cookie; the session row behind it is gone.
			await staffA.goto('/campaigns');
			expect(new URL(staffA.url()).pathname).toBe('/login');
		});
	}
);
