import { describe, expect, it } from 'vitest';
import { Gather, groupKeys } from './gather';

describe('Gather', () => {
	it('answers the look-ups of one turn with one fetch, each its own value', async () => {
		const fetched: string[][] = [];
		const gather = new Gather<string, string>(async (keys) => {
			fetched.push(keys);
			return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
		});
		const answers = await Promise.all(['a', 'b', 'a', 'missing'].map((k) => gather.load(k)));
		expect(answers).toEqual(['A', 'B', 'A', undefined]);
		expect(fetched).toEqual([['a', 'b', 'missing']]);
		// A later turn fetches again: nothing is cached.
		expect(await gather.load('a')).toBe('A');
		expect(fetched).toHaveLength(2);
	});

	it('rejects every look-up of a failed fetch', async () => {
		const gather = new Gather<string, string>(async () => {
			throw new Error('down');
		});
		await expect(Promise.all([gather.load('a'), gather.load('b')])).rejects.toThrow('down');
	});
});

describe('groupKeys', () => {
	it('splits `group:rest` keys at the first colon and groups them in order', () => {
		expect(groupKeys(['7:1', '7:2', ':abc', '8:3', '7:x:y'])).toEqual(
			new Map([
				['7', ['1', '2', 'x:y']],
				['', ['abc']],
				['8', ['3']]
			])
		);
		expect(groupKeys([])).toEqual(new Map());
	});
});
