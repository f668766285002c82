import { describe, expect, it } from 'vitest';
import { isReceiptLocation } from './draft';

describe('which redirect after sending means the ballot is stored', () => {
	const ballotPage = 'https://minping.test/ballot/7';

	it('takes the receipt pages of jurors, card holders and the TV audience', () => {
		expect(isReceiptLocation('/ballot/done?r=ABCDE-FGHJK', ballotPage)).toBe(true);
		expect(isReceiptLocation('/vote/done?r=ABCDE-FGHJK', 'https://minping.test/vote/X')).toBe(true);
		expect(isReceiptLocation('/tv/3/done?r=ABCDE-FGHJK', 'https://minping.test/tv/3')).toBe(true);
	});

	it('does not take the sign-in page a lapsed session is sent to', () => {
		expect(isReceiptLocation('/code', ballotPage)).toBe(false);
		expect(isReceiptLocation('/code?reason=expired&redirectTo=%2Fballot%2F7', ballotPage)).toBe(
			false
		);
		expect(isReceiptLocation('/login?redirectTo=%2Fcampaigns%2F7%2Fpaper', ballotPage)).toBe(false);
	});

	it('does not take a receipt without its code, or on another site', () => {
		expect(isReceiptLocation('/ballot/done', ballotPage)).toBe(false);
		expect(isReceiptLocation('https://evil.example/ballot/done?r=X', ballotPage)).toBe(false);
	});

	it("takes the paper-entry page's own outcome, which is how keying a sheet ends", () => {
		const paper = 'https://minping.test/campaigns/7/paper';
		expect(isReceiptLocation('?outcome=first&serial=12', paper)).toBe(true);
		expect(isReceiptLocation('/login?redirectTo=%2Fcampaigns%2F7%2Fpaper', paper)).toBe(false);
	});
});
