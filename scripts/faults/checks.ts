// What must hold after every fault: the database against what the clients sent and were told.
import type postgres from 'postgres';
import type { BurstResult } from './clients';
import { printKey, prints, type FaultCampaign } from './setup';

export interface Check {
	name: string;
	ok: boolean;
	detail: string;
}

const examples = (items: string[]) =>
	items.length === 0 ? '' : ` (e.g. ${items.slice(0, 3).join(', ')})`;

/** Multiset difference a − b, as "item ×n" strings. */
function missingFrom(a: Map<string, number>, b: Map<string, number>): string[] {
	const out: string[] = [];
	for (const [k, n] of a) if ((b.get(k) ?? 0) < n) out.push(`${k} ×${n - (b.get(k) ?? 0)}`);
	return out;
}

function tally(items: string[]): Map<string, number> {
	const m = new Map<string, number>();
	for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
	return m;
}

export async function checkBallots(
	sql: postgres.Sql,
	campaign: FaultCampaign,
	burst: BurstResult,
	requestTimeoutMs: number
): Promise<Check[]> {
	const checks: Check[] = [];
	const add = (name: string, bad: string[], okDetail: string, badDetail: string) =>
		checks.push({
			name,
			ok: bad.length === 0,
			detail: bad.length === 0 ? okDetail : `${badDetail}${examples(bad)}`
		});
	const records = burst.records;
	const byKey = new Map(records.map((r) => [r.key, r]));
	const acked = records.filter((r) => r.acked);
	const subjects = campaign.definition.subjects.length;

	const stored = await sql<{ key: string; receipt: string }[]>`
		select idempotency_key as key, receipt_code as receipt from submission
		where campaign_id = ${campaign.id}`;
	const storedByKey = new Map(stored.map((s) => [s.key, s.receipt]));

	add(
		'every key got a definite answer (2xx receipt or 4xx refusal)',
		records.filter((r) => !r.acked && !r.refusal).map((r) => r.key),
		`${records.length} of ${records.length}`,
		`${records.filter((r) => !r.acked && !r.refusal).length} keys left unresolved at the deadline`
	);
	add(
		'every acknowledged ballot is stored, under the receipt it was given',
		acked
			.filter((r) => r.receipts.size !== 1 || storedByKey.get(r.key) !== [...r.receipts][0])
			.map((r) => `${r.key}: told ${[...r.receipts].join('/')}, stored ${storedByKey.get(r.key)}`),
		`${acked.length} acknowledged, ${acked.length} stored with the same receipt`,
		'acknowledged but not stored, or told two receipts'
	);
	add(
		'nothing stored that was never sent',
		stored.filter((s) => !byKey.has(s.key)).map((s) => s.key),
		`${stored.length} stored submissions, all from sent keys`,
		'stored submissions with keys no client sent'
	);
	add(
		'no refusals (every ballot was valid), and nothing stored for a refused key',
		records
			.filter((r) => r.refusal)
			.map(
				(r) => `${r.refusal!.status} ${r.refusal!.code}${storedByKey.has(r.key) ? ' (STORED)' : ''}`
			),
		'0 refusals',
		'refused'
	);
	add(
		'no 2xx answer without a receipt',
		burst.log.malformed > 0 ? [`${burst.log.malformed} answers`] : [],
		'0',
		'malformed acknowledgements'
	);

	// Ballot rows: one per subject per stored submission, with exactly the answers that key sent.
	const rows = await sql<{ ballot: string; subject: number; question: number; score: number }[]>`
		select b.id as ballot, b.subject_id as subject, a.question_id as question, a.score
		from ballot b join ballot_answer a on a.ballot_id = b.id
		where b.campaign_id = ${campaign.id}`;
	const ballots = new Map<string, { subjectId: number; scores: Map<number, number> }>();
	for (const row of rows) {
		let b = ballots.get(row.ballot);
		if (!b) ballots.set(row.ballot, (b = { subjectId: row.subject, scores: new Map() }));
		b.scores.set(row.question, row.score);
	}
	const [{ n: ballotCount }] = await sql<{ n: number }[]>`
		select count(*)::int as n from ballot where campaign_id = ${campaign.id}`;
	const inDb = tally([...ballots.values()].map(printKey));
	const expected = tally(stored.flatMap((s) => prints(campaign.definition, s.key).map(printKey)));
	const surplus = missingFrom(inDb, expected);
	const lacking = missingFrom(expected, inDb);
	add(
		'ballot rows are exactly the stored submissions’ ballots (no duplicate, none lost, none foreign)',
		[
			...(ballotCount !== stored.length * subjects
				? [`${ballotCount} ballot rows for ${stored.length} submissions × ${subjects} subjects`]
				: []),
			...surplus.map((s) => `extra ${s}`),
			...lacking.map((s) => `missing ${s}`)
		],
		`${ballotCount} ballot rows = ${stored.length} × ${subjects} subjects, answers match the keys`,
		'ballot rows differ'
	);

	// Cards (or jurors): spent exactly for the stored submissions, one participation per subject.
	const identOfKey = new Map(records.map((r) => [r.key, r.rater.ident]));
	const spent =
		campaign.kind === 'card'
			? await sql<{ ident: string; participations: number }[]>`
				select c.code_hash as ident, count(p.id)::int as participations
				from ballot_code c left join participation p on p.ballot_code_id = c.id
				where c.campaign_id = ${campaign.id}
				group by c.id
				having c.used_at is not null or count(p.id) > 0`
			: await sql<{ ident: string; participations: number }[]>`
				select 'user:' || user_id as ident, count(*)::int as participations
				from participation where campaign_id = ${campaign.id}
				group by user_id`;
	const spentIdents = new Set(spent.map((s) => s.ident));
	const storedIdents = new Set(stored.map((s) => identOfKey.get(s.key)).filter(Boolean));
	const what = campaign.kind === 'card' ? 'card' : 'juror';
	add(
		`${what}s spent exactly for the stored submissions, each with one participation per subject`,
		[
			...[...storedIdents]
				.filter((h) => !spentIdents.has(h!))
				.map(() => `stored, ${what} not spent`),
			...[...spentIdents]
				.filter((h) => !storedIdents.has(h))
				.map(() => `${what} spent, nothing stored`),
			...spent
				.filter((s) => s.participations !== subjects)
				.map((s) => `${what} with ${s.participations} participations`)
		],
		`${spent.length} ${what}s spent, ${spent.length * subjects} participations`,
		`${what}s and submissions disagree`
	);

	const slowest = Math.max(0, ...burst.log.latencies);
	add(
		`no request hung (per-request limit ${Math.round(requestTimeoutMs / 1000)} s)`,
		burst.log.hung > 0 ? [`${burst.log.hung} requests timed out`] : [],
		`slowest answer ${(slowest / 1000).toFixed(2)} s`,
		'requests hung'
	);
	return checks;
}

/** Polls /healthz until 200 or the time is up; the app must recover without help. */
export async function healthyWithin(url: string, ms: number): Promise<number | null> {
	const started = Date.now();
	while (Date.now() - started < ms) {
		try {
			const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
			if (response.ok) return Date.now() - started;
		} catch {
			// not yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return null;
}
