/**
 * Colour arithmetic for checking the charts' colours (palette.test.ts, options.test.ts): WCAG
 * contrast, CIEDE2000 colour difference, and simulated colour-vision deficiencies (Machado,
 * Oliveira & Fernandes 2009, severity 1). Not used to draw anything.
 */

type Rgb = [number, number, number];
export type Lab = [number, number, number];

function rgbOf(hex: string): Rgb {
	return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
}
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const gamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

function luminance(rgb: Rgb): number {
	const [r, g, b] = rgb.map(linear);
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [luminance(rgbOf(a)), luminance(rgbOf(b))].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

function labOf(rgb: Rgb): Lab {
	const [r, g, b] = rgb.map(linear);
	const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t) / 116 + 16 / 116);
	const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
	const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
	const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
	return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIEDE2000 difference of two CIELAB colours (about 2 is just noticeable side by side). */
export function ciede2000([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number {
	const rad = Math.PI / 180;
	const meanC = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
	const g = 0.5 * (1 - Math.sqrt(meanC ** 7 / (meanC ** 7 + 25 ** 7)));
	const [a1p, a2p] = [a1 * (1 + g), a2 * (1 + g)];
	const [c1, c2] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)];
	const hue = (b: number, a: number) => (((Math.atan2(b, a) / rad) % 360) + 360) % 360;
	const [h1, h2] = [hue(b1, a1p), hue(b2, a2p)];
	let dh = h2 - h1;
	if (c1 * c2 === 0) dh = 0;
	else if (dh > 180) dh -= 360;
	else if (dh < -180) dh += 360;
	const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * rad);
	const meanL = (l1 + l2) / 2;
	const meanCp = (c1 + c2) / 2;
	let meanH = h1 + h2;
	if (c1 * c2 !== 0)
		meanH = (Math.abs(h1 - h2) > 180 ? meanH + (meanH < 360 ? 360 : -360) : meanH) / 2;
	const t =
		1 -
		0.17 * Math.cos((meanH - 30) * rad) +
		0.24 * Math.cos(2 * meanH * rad) +
		0.32 * Math.cos((3 * meanH + 6) * rad) -
		0.2 * Math.cos((4 * meanH - 63) * rad);
	const sl = 1 + (0.015 * (meanL - 50) ** 2) / Math.sqrt(20 + (meanL - 50) ** 2);
	const sc = 1 + 0.045 * meanCp;
	const sh = 1 + 0.015 * meanCp * t;
	const rc = 2 * Math.sqrt(meanCp ** 7 / (meanCp ** 7 + 25 ** 7));
	const rt = -Math.sin(60 * Math.exp(-(((meanH - 275) / 25) ** 2)) * rad) * rc;
	const [dl, dc, dhh] = [(l2 - l1) / sl, (c2 - c1) / sc, dH / sh];
	return Math.sqrt(dl ** 2 + dc ** 2 + dhh ** 2 + rt * dc * dhh);
}

export type Vision = 'normal' | 'deuteranopia' | 'protanopia' | 'tritanopia';

const deficiency: Record<Exclude<Vision, 'normal'>, number[][]> = {
	deuteranopia: [
		[0.367322, 0.860646, -0.227968],
		[0.280085, 0.672501, 0.047413],
		[-0.01182, 0.04294, 0.968881]
	],
	protanopia: [
		[0.152286, 1.052583, -0.204868],
		[0.114503, 0.786281, 0.099216],
		[-0.003882, -0.048116, 1.051998]
	],
	tritanopia: [
		[1.255528, -0.076749, -0.178779],
		[-0.078411, 0.930809, 0.147602],
		[0.004733, 0.691367, 0.3039]
	]
};

function seenAs(rgb: Rgb, vision: Vision): Rgb {
	if (vision === 'normal') return rgb;
	const lin = rgb.map(linear);
	return deficiency[vision].map((row) =>
		gamma(Math.min(1, Math.max(0, row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2])))
	) as Rgb;
}

/** How different two `#rrggbb` colours look (CIEDE2000) to someone with the given vision. */
export function colourDifference(a: string, b: string, vision: Vision = 'normal'): number {
	return ciede2000(labOf(seenAs(rgbOf(a), vision)), labOf(seenAs(rgbOf(b), vision)));
}
