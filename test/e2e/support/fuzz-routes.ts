import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One way to write: a form action of a page, or a method of an endpoint. */
export interface WriteTarget {
	/** The route id as SvelteKit names it, groups removed: `/campaigns/[id]`. */
	routeId: string;
	kind: 'action' | 'endpoint';
	/** Action name ('default' for the unnamed one) or HTTP method. */
	name: string;
	/** The dynamic segments in order, e.g. ['id'] or ['campaignId']. */
	params: string[];
	/** Field names the route's own code reads, so fuzzed bodies hit real fields too. */
	fields: string[];
	/** Posts to `?/<this>` even for the default action (to probe the reserved name). */
	query?: string;
}

const writeMethods = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Paths the lean ballot route in scripts/serve.js answers before SvelteKit sees them
 * (docs/adr/0002-lean-ballot-route.md). Both have a SvelteKit twin the walk below finds; they are
 * listed here as well so they stay fuzzed even if a twin is ever removed.
 */
export const leanRouteTargets: WriteTarget[] = [
	{
		routeId: '/api/ballots/[campaignId]',
		kind: 'endpoint',
		name: 'POST',
		params: ['campaignId'],
		fields: ['ballots', 'idempotencyKey']
	},
	{
		routeId: '/vote/[code]/ballot',
		kind: 'endpoint',
		name: 'POST',
		params: ['code'],
		fields: ['ballots', 'idempotencyKey']
	}
];

/**
 * Every write target under src/routes, read from the files' text the way the authorization
 * matrix test walks the folders: a new action or endpoint is fuzzed without anyone listing it.
 */
export function listWriteTargets(root = 'src/routes'): WriteTarget[] {
	const targets: WriteTarget[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name === '+page.server.ts') targets.push(...actionTargets(root, path));
			else if (entry.name === '+server.ts') targets.push(...endpointTargets(root, path));
		}
	};
	walk(root);
	for (const lean of leanRouteTargets)
		if (!targets.some((t) => t.routeId === lean.routeId && t.name === lean.name))
			targets.push(lean);
	return targets.sort((a, b) => `${a.routeId} ${a.name}`.localeCompare(`${b.routeId} ${b.name}`));
}

function routeIdOf(root: string, file: string): string {
	const segments = relative(root, join(file, '..')).split(sep).filter(Boolean);
	const kept = segments.filter((segment) => !/^\(.*\)$/.test(segment));
	return `/${kept.join('/')}`;
}

function paramsOf(routeId: string): string[] {
	return [...routeId.matchAll(/\[+(?:\.\.\.)?(\w+)\]+/g)].map((match) => match[1]);
}

function fieldsOf(text: string): string[] {
	const names = new Set<string>();
	for (const match of text.matchAll(/\.(?:get|getAll|has)\(\s*'(\w+)'\s*\)/g)) names.add(match[1]);
	for (const match of text.matchAll(/\bform\.(\w+)\b/g)) {
		if (!['get', 'getAll', 'has', 'entries'].includes(match[1])) names.add(match[1]);
	}
	return [...names].sort();
}

function actionTargets(root: string, file: string): WriteTarget[] {
	const text = readFileSync(file, 'utf8');
	const start = text.search(/export const actions\b[^=]*=\s*\{/);
	if (start < 0) return [];
	const routeId = routeIdOf(root, file);
	const body = bracedBody(text, text.indexOf('{', start));
	return topLevelEntries(body).map((name) => ({
		routeId,
		kind: 'action' as const,
		name,
		params: paramsOf(routeId),
		fields: fieldsOf(text)
	}));
}

function endpointTargets(root: string, file: string): WriteTarget[] {
	const text = readFileSync(file, 'utf8');
	const routeId = routeIdOf(root, file);
	return writeMethods
		.filter((method) =>
			new RegExp(`export\\s+(?:const|async function|function)\\s+${method}\\b`).test(text)
		)
		.map((method) => ({
			routeId,
			kind: 'endpoint' as const,
			name: method,
			params: paramsOf(routeId),
			fields: fieldsOf(text)
		}));
}

/** The text between the brace at `open` and its partner. */
function bracedBody(text: string, open: number): string {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		if ('{(['.includes(text[i])) depth++;
		else if ('})]'.includes(text[i]) && --depth === 0) return text.slice(open + 1, i);
	}
	throw new Error('unbalanced braces in an actions object');
}

/** Keys of an object literal's body: `name: fn`, `name,` (shorthand) and `async name(...)`. */
function topLevelEntries(body: string): string[] {
	const entries: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of `${body},`) {
		if ('{(['.includes(char)) depth++;
		if ('})]'.includes(char)) depth--;
		if (char === ',' && depth === 0) {
			const key = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)/.exec(current.replace(/\/\/.*$/gm, ''));
			if (key) entries.push(key[1]);
			current = '';
		} else current += char;
	}
	return entries;
}
