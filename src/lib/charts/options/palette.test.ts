import { describe, expect, it } from 'vitest';
import { ciede2000, colourDifference, contrastRatio, type Vision } from '../colour-vision';
import { averageColor, palette, seriesStyle, symbols } from './option';

const visions: Vision[] = ['normal', 'deuteranopia', 'protanopia', 'tritanopia'];

function closestPair(colours: readonly string[], vision: Vision): number {
	let closest = Infinity;
	colours.forEach((a, i) =>
		colours.slice(i + 1).forEach((b) => {
			closest = Math.min(closest, colourDifference(a, b, vision));
		})
	);
	return closest;
}

describe('the region palette', () => {
	it('keeps every colour readable on white (contrast of at least 3:1)', () => {
		for (const colour of palette)
			expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
	});

	it('keeps the colours and the average’s grey clearly apart in normal vision', () => {
		expect(closestPair([...palette, averageColor], 'normal')).toBeGreaterThan(20);
	});

	it('keeps them apart under simulated deuteranopia, protanopia and tritanopia', () => {
		for (const vision of visions.slice(1)) {
			expect(closestPair([...palette, averageColor], vision)).toBeGreaterThan(10);
		}
	});

	it('gives the first 32 regions 32 different colour and marker pairs', () => {
		const pairs = Array.from({ length: palette.length * symbols.length }, (_, i) => {
			const style = seriesStyle(i);
			return `${style.color} ${style.symbol}`;
		});
		expect(new Set(pairs).size).toBe(32);
		expect(seriesStyle(0)).toEqual({ color: palette[0], symbol: 'circle' });
		expect(seriesStyle(palette.length)).toEqual({ color: palette[0], symbol: 'rect' });
	});
});

describe('ciede2000', () => {
	it('gives the differences of Sharma, Wu and Dalal’s (2005) test pairs', () => {
		expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
		expect(ciede2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
		expect(ciede2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
		expect(ciede2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
	});

	it('tells the old palette’s two blues apart by less than 3, black and white by 100', () => {
		expect(colourDifference('#0072b2', '#1f78b4')).toBeLessThan(3);
		expect(colourDifference('#000000', '#ffffff')).toBeCloseTo(100, 0);
	});
});
