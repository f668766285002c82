import { afterEach, describe, expect, it } from 'vitest';
import { notifyCampaignChanged, setChangeSink } from './changes';

afterEach(() => setChangeSink(null));

describe('campaign change notifications', () => {
	it('do nothing before the live hub exists', () => {
		expect(() => notifyCampaignChanged(3)).not.toThrow();
	});

	it('reach the hub once it has registered', () => {
		const seen: number[] = [];
		setChangeSink((id) => seen.push(id));
		notifyCampaignChanged(3);
		notifyCampaignChanged(4);
		expect(seen).toEqual([3, 4]);
	});
});
