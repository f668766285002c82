/**
 * The deterministic random stream behind verifiable draws. Everything here is specified exactly in
 * docs/JURY.md so that anyone can re-implement it: SHA-256 over UTF-8 strings and big-endian words,
 * nothing platform dependent. Runs in the browser too (the public verification page uses it).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

const encoder = new TextEncoder();

/** A seed is 32 bytes written as 64 lowercase hex digits. */
export const seedPattern = /^[0-9a-f]{64}$/;

export function isSeed(value: string): boolean {
	return seedPattern.test(value);
}

/** The commitment published before the draw: SHA-256 of the seed's 64 hex characters, in hex. */
export function commitmentOf(seed: string): string {
	return encodeHexLowerCase(sha256(encoder.encode(seed)));
}

/** SHA-256 of "<seed>:<public value>" (the public value may be empty): the key of the stream. */
export function combinedSeed(seed: string, publicValue: string): Uint8Array {
	return sha256(encoder.encode(`${seed}:${publicValue}`));
}

const twoTo32 = 0x1_0000_0000;

/**
 * SHA-256 in counter mode: block i is SHA-256(key || i as 4 big-endian bytes), read as eight
 * big-endian uint32 words, blocks in order i = 0, 1, 2, ...
 */
export class DrawStream {
	readonly #key: Uint8Array;
	#counter = 0;
	#words: number[] = [];

	constructor(key: Uint8Array) {
		this.#key = key;
	}

	nextUint32(): number {
		if (this.#words.length === 0) this.#refill();
		return this.#words.shift() as number;
	}

	/**
	 * A uniform integer in [0, n). Rejection sampling: words at or above the largest multiple of n
	 * below 2^32 are skipped, so every residue is equally likely (no modulo bias).
	 */
	below(n: number): number {
		if (!Number.isInteger(n) || n < 1 || n > twoTo32) throw new RangeError(`bad bound ${n}`);
		const limit = twoTo32 - (twoTo32 % n);
		for (;;) {
			const word = this.nextUint32();
			if (word < limit) return word % n;
		}
	}

	#refill(): void {
		const input = new Uint8Array(this.#key.length + 4);
		input.set(this.#key);
		new DataView(input.buffer).setUint32(this.#key.length, this.#counter);
		this.#counter += 1;
		const hash = sha256(input);
		const block = new DataView(hash.buffer, hash.byteOffset, hash.byteLength);
		for (let offset = 0; offset < 32; offset += 4) this.#words.push(block.getUint32(offset));
	}
}

/**
 * Chooses k of `items` by a partial Fisher–Yates shuffle: for i = 0..k-1, swap position i with
 * position i + below(length - i); the first k positions, in that order, are the choice.
 */
export function chooseK<T>(items: readonly T[], k: number, stream: DrawStream): T[] {
	if (k < 0 || k > items.length) throw new RangeError(`cannot choose ${k} of ${items.length}`);
	const pool = items.slice();
	for (let i = 0; i < k; i++) {
		const j = i + stream.below(pool.length - i);
		[pool[i], pool[j]] = [pool[j], pool[i]];
	}
	return pool.slice(0, k);
}
