// `npm run draw:verify -- <draw id | file.json>`: recompute a sub-panel draw from its published
// inputs (docs/JURY.md) and say whether the seed matches the commitment and the result matches.
// A file is checked without any database: anyone can download it from /draws/<id>/json.
// Exit status: 0 verified, 1 mismatch or not yet revealed, 2 bad arguments or unreadable input.
import { readFileSync } from 'node:fs';
import { verifyDraw } from '../src/lib/domain/jury-draw';
import {
	formatChinaMinute,
	parseDrawDocument,
	type DrawDocument
} from '../src/lib/domain/jury-draw-document';
import { getDrawDocument } from '../src/lib/server/jury/draw-queries';
import { openCliDatabase } from './cli-database';

async function loadDocument(argument: string): Promise<DrawDocument> {
	if (/^\d+$/.test(argument)) {
		const handle = await openCliDatabase();
		try {
			const document = await getDrawDocument(handle.db, Number(argument));
			if (!document) fail(`no draw with id ${argument} in ${handle.location}`);
			return document;
		} finally {
			await handle.close();
		}
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(argument, 'utf8'));
	} catch (error) {
		fail(`cannot read ${argument}: ${error instanceof Error ? error.message : String(error)}`);
	}
	const result = parseDrawDocument(parsed);
	if (!result.ok) fail(`${argument} is not a draw document: ${result.reason}`);
	return result.document;
}

/** "2026-11-22 14:05 Beijing time (2026-11-22T06:05:00.000Z)", or what stands in for it. */
function time(iso: string | null, missing: string): string {
	return iso ? `${formatChinaMinute(iso)} Beijing time (${iso})` : missing;
}

function fail(message: string): never {
	console.error(`draw:verify: ${message}`);
	process.exit(2);
}

const argument = process.argv[2];
if (!argument) fail('usage: npm run draw:verify -- <draw id | file.json>');
const document = await loadDocument(argument);
console.log(`draw #${document.drawId} (${document.unitName}), N = ${document.size}`);
console.log(`commitment   ${document.commitment}`);
console.log(`committed    ${time(document.committedAt, 'not in this file')}`);
console.log(
	`source       ${document.publicValueSource === null ? 'not declared' : JSON.stringify(document.publicValueSource)}`
);
console.log(`revealed     ${time(document.revealedAt, 'not yet')}`);
if (!document.seed) {
	console.log('not revealed yet: the seed is still sealed, nothing to verify');
	process.exit(1);
}
const check = verifyDraw(document, document.seed);
console.log(`seed         ${document.seed}`);
console.log(`public value ${JSON.stringify(document.publicValue)}`);
console.log(`eligible     ${document.eligible.length}`);
console.log(`published    ${document.selected.join(', ')}`);
console.log(
	`recomputed   ${check.recomputed?.join(', ') ?? `impossible (${check.failure?.code})`}`
);
console.log(`commitment ${check.commitmentMatches ? 'MATCHES' : 'DOES NOT MATCH'} the seed`);
console.log(`result     ${check.resultMatches ? 'MATCHES' : 'DOES NOT MATCH'} the recomputation`);
process.exit(check.commitmentMatches && check.resultMatches ? 0 : 1);
