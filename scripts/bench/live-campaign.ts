// The campaign both live sections (live.ts, screen-soak.ts) broadcast: a unit evaluation of 8
// units and 2 windows (5 scored criteria), opened, with printed cards, and the ballots its cards
// send — every subject scored near a level of its own, so the ranking is stable but not flat.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createBallotCodes } from '../../src/lib/server/campaigns/codes';
import { createCampaignFromTemplate } from '../../src/lib/server/campaigns/create';
import {
	getBallotDefinition,
	type BallotDefinition
} from '../../src/lib/server/campaigns/definition';
import { transitionCampaign } from '../../src/lib/server/campaigns/lifecycle';
import type { Database } from '../../src/lib/server/db/connect';
import type { RunningApp } from './app';

export const units = [
	'发改委',
	'教育局',
	'公安局',
	'民政局',
	'财政局',
	'人社局',
	'住建局',
	'交通局'
];
export const windows = ['政务大厅社保窗口', '不动产登记窗口'];

export interface LiveCampaign {
	id: number;
	codes: string[];
	definition: BallotDefinition;
}

/** Made through the app's own code, opened, with `cards` cards of the jurors' tier. */
export async function openLiveCampaign(
	db: Database,
	title: string,
	cards: number
): Promise<LiveCampaign> {
	const id = await createCampaignFromTemplate(
		db,
		{
			kind: 'unit_evaluation',
			title,
			regionId: null,
			electorateSource: 'codes',
			subjects: [
				...units.map((label) => ({ kind: 'unit' as const, label })),
				...windows.map((label) => ({ kind: 'window' as const, label }))
			]
		},
		null
	);
	await transitionCampaign(db, id, 'open', null);
	const definition = await getBallotDefinition(db, id);
	if (!definition) throw new Error('the benchmark campaign vanished');
	const tier = definition.tiers.find((t) => t.key === 'jurors') ?? null;
	const codes: string[] = [];
	for (let done = 0; done < cards; done += 2000)
		codes.push(
			...(await createBallotCodes(db, id, Math.min(2000, cards - done), tier?.id ?? null))
		);
	return { id, codes, definition };
}

/**
 * Card i's JSON ballot: subject s scored around `level(s)` (0–1 of the scale) give or take
 * `spread` (a share of the scale), choices at random; the same i gives the same ballot.
 */
export function liveBallotBody(
	definition: BallotDefinition,
	i: number,
	level: (subject: number) => number,
	spread: number
): string {
	const random = mulberry32(i + 1);
	const ballots = definition.subjects.map((subject, s) => ({
		subjectId: subject.id,
		answers: Object.fromEntries(
			definition.questions
				.filter((q) => q.appliesTo.includes(subject.kind))
				.map((q) => {
					const scale = q.scale;
					if (scale.type === 'score') {
						const share = level(s) + (random() - 0.5) * spread;
						const score = Math.round(scale.min + share * (scale.max - scale.min));
						return [q.key, { score: Math.min(scale.max, Math.max(scale.min, score)) }];
					}
					if (scale.type === 'choice')
						return [
							q.key,
							{ option: scale.options[Math.floor(random() * scale.options.length)].key }
						];
					throw new Error(`unexpected ${scale.type} question in the benchmark campaign`);
				})
		)
	}));
	return JSON.stringify({ idempotencyKey: randomUUID(), ballots });
}

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** One card's ballot through the lean route; `at` is when the answer's head arrived. */
export function postBallot(
	agent: http.Agent,
	port: number,
	code: string,
	body: string
): Promise<{ status: number; at: number }> {
	return new Promise((resolve) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: `/vote/${code}/ballot`,
				agent,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					origin: `http://127.0.0.1:${port}`
				},
				timeout: 30_000
			},
			(response) => {
				const at = performance.now();
				response.resume();
				response.once('end', () => resolve({ status: response.statusCode ?? 0, at }));
				response.once('error', () => resolve({ status: 0, at }));
			}
		);
		request.once('timeout', () => request.destroy(new Error('timeout')));
		request.once('error', () => resolve({ status: 0, at: performance.now() }));
		request.end(body);
	});
}

/** Stops an app, and kills it if it has not stopped within 3 s. */
export async function stopApp(app: RunningApp): Promise<void> {
	const killer = setTimeout(() => void app.kill(), 3_000);
	try {
		await app.stop();
	} finally {
		clearTimeout(killer);
	}
}
