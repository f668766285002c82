/**
 * Per-campaign live channels in one process: the last counts read from the database, the
 * host's controls, a rehearsal's synthetic tally, the current snapshot with its sequence, and
 * the screens subscribed to it. Changes are marked, never pushed directly: the throttle
 * (live-throttle.ts) pushes a change after a quiet spell at once and paces a burst at one
 * rebuild (one SQL tally) and one push per interval. Every listener receives the same snapshot
 * object, so the SSE layer serializes it once for all viewers (stream.ts). A channel nobody
 * watches is dropped after a while, so memory follows the number of watched campaigns, not the
 * uptime.
 */
import { randomInt } from 'node:crypto';
import { contentKey, type LiveContent, type LiveSnapshot } from '$lib/domain/live-snapshot';
import { nextSequence, onChange, onPushed, sequenceStep } from '$lib/domain/live-throttle';
import type { Database } from '$lib/server/db';
import { newChannel, readChangeMarker, type Channel } from './channel';
import { SyntheticTally } from './rehearsal';
import { getLiveControl } from './state';
import { buildLiveContent, loadLiveSource, type LiveSource } from './tally';

export type Listener = (snapshot: LiveSnapshot) => void;

export interface HubOptions {
	db: Database;
	now?: () => number;
	/** How often a watched campaign checks the database for changes nobody announced. */
	pollMs?: number;
	/** How long an unwatched channel is kept. */
	idleMs?: number;
	/** The least spacing between two pushes of one campaign (live-throttle.ts). */
	intervalMs?: number;
	/** This instance's sequence tag, 0–999 (live-throttle.ts); random by default. */
	instanceTag?: number;
}

export interface ChangeHint {
	source?: boolean;
	control?: boolean;
}

export class LiveHub {
	private channels = new Map<number, Channel>();
	private readonly now: () => number;
	private poller: ReturnType<typeof setInterval> | null = null;
	private readonly tag: number;

	constructor(private readonly options: HubOptions) {
		this.now = options.now ?? Date.now;
		this.tag = options.instanceTag ?? randomInt(sequenceStep);
	}

	/** The current snapshot, built on first use; null when the campaign does not exist. */
	async getSnapshot(campaignId: number): Promise<LiveSnapshot | null> {
		const channel = this.channel(campaignId);
		if (channel.ready === null) await this.queueRebuild(channel);
		else await channel.ready.catch(() => this.queueRebuild(channel));
		// No such campaign: keep no channel for it, so made-up ids cost no memory.
		if (!channel.snapshot && channel.listeners.size === 0) this.channels.delete(campaignId);
		return channel.snapshot;
	}

	subscribe(campaignId: number, listener: Listener): () => void {
		const channel = this.channel(campaignId);
		channel.listeners.add(listener);
		channel.idleSince = null;
		return () => {
			channel.listeners.delete(listener);
			if (channel.listeners.size === 0) channel.idleSince = this.now();
		};
	}

	/** Something changed for this campaign: ballots (source) or host controls. Cheap; throttled. */
	changed(campaignId: number, hint: ChangeHint = { source: true, control: true }): void {
		const channel = this.channels.get(campaignId);
		if (!channel) return;
		channel.dirtySource ||= hint.source ?? false;
		channel.dirtyControl ||= hint.control ?? false;
		if (channel.throttle.scheduled) {
			// A push is coming; if its rebuild has already started it may have read too early.
			if (channel.running) channel.rerun = true;
			return;
		}
		this.schedule(channel);
	}

	/**
	 * Every watched campaign may have changed (this instance missed notifications, e.g. while its
	 * LISTEN connection was down): re-read them all, through the throttle.
	 */
	changedAll(): void {
		for (const id of this.channels.keys()) this.changed(id);
	}

	/** Rebuilds at once (host actions want their own result on the next page load). */
	async refreshNow(campaignId: number): Promise<LiveSnapshot | null> {
		const channel = this.channel(campaignId);
		channel.dirtySource = channel.dirtyControl = true;
		await this.queueRebuild(channel);
		return channel.snapshot;
	}

	/**
	 * What the screen would show if it were not frozen: the host keeps seeing live turnout while
	 * the audience sees the frozen picture.
	 */
	async unfrozen(campaignId: number): Promise<LiveContent | null> {
		await this.getSnapshot(campaignId);
		const channel = this.channels.get(campaignId);
		if (!channel?.source || !channel.stored) return null;
		const rehearsal = this.rehearsalOf(channel, channel.source);
		return buildLiveContent(channel.source, channel.stored.control, rehearsal);
	}

	/** Channels held now (for tests and the memory bound). */
	size(): number {
		return this.channels.size;
	}

	subscribers(campaignId: number): number {
		return this.channels.get(campaignId)?.listeners.size ?? 0;
	}

	close(): void {
		if (this.poller) clearInterval(this.poller);
		this.poller = null;
		this.channels.clear();
	}

	private channel(id: number): Channel {
		let channel = this.channels.get(id);
		if (!channel) {
			channel = newChannel(id, this.now());
			this.channels.set(id, channel);
			this.startPolling();
		}
		return channel;
	}

	private schedule(channel: Channel): void {
		const step = onChange(channel.throttle, this.now(), this.options.intervalMs);
		channel.throttle = step.state;
		if (step.delay === null) return;
		setTimeout(() => void this.runScheduled(channel), step.delay);
	}

	private async runScheduled(channel: Channel): Promise<void> {
		const started = this.now();
		try {
			await this.queueRebuild(channel);
		} catch (error) {
			console.error(`minping: live rebuild of campaign ${channel.id} failed`, error);
		} finally {
			// Spacing counts from the start of this push; a slow rebuild stretches it (throttle).
			channel.throttle = onPushed(started, this.now());
			if (channel.rerun) {
				channel.rerun = false;
				this.schedule(channel);
			}
		}
	}

	/** Rebuilds one after another, so two never read and publish out of order. */
	private queueRebuild(channel: Channel): Promise<void> {
		const previous = channel.ready ?? Promise.resolve();
		channel.ready = previous.catch(() => undefined).then(() => this.rebuild(channel));
		return channel.ready;
	}

	private async rebuild(channel: Channel): Promise<void> {
		channel.running = true;
		try {
			const { db } = this.options;
			if (channel.dirtyControl || !channel.stored) {
				channel.dirtyControl = false;
				channel.stored = await getLiveControl(db, channel.id);
			}
			if (channel.dirtySource || !channel.source) {
				channel.dirtySource = false;
				channel.source = await loadLiveSource(db, channel.id);
			}
			this.publish(channel);
		} finally {
			channel.running = false;
		}
	}

	private publish(channel: Channel): void {
		const { source, stored } = channel;
		if (!source || !stored) {
			channel.snapshot = null;
			return;
		}
		const content =
			stored.control.frozen && stored.frozenSnapshot
				? { ...stored.frozenSnapshot, frozen: true }
				: buildLiveContent(source, stored.control, this.rehearsalOf(channel, source));
		const sequenced = nextSequence(channel.sequenced, contentKey(content), this.now(), this.tag);
		if (sequenced === channel.sequenced && channel.snapshot) return;
		channel.sequenced = sequenced;
		channel.snapshot = {
			...content,
			sequence: sequenced.sequence,
			generatedAt: new Date(this.now()).toISOString()
		};
		for (const listener of channel.listeners) listener(channel.snapshot);
	}

	/** The rehearsal's synthetic tally, regenerated from its seed when the host changed it. */
	private rehearsalOf(channel: Channel, source: LiveSource) {
		const control = channel.stored?.control;
		if (!control?.rehearsal) {
			channel.rehearsal = null;
			return null;
		}
		if (channel.rehearsal?.seed !== control.rehearsalSeed)
			channel.rehearsal = new SyntheticTally(control.rehearsalSeed, source.definition);
		let tally = channel.rehearsal.upTo(control.rehearsalBallots);
		if (!tally) {
			channel.rehearsal = new SyntheticTally(control.rehearsalSeed, source.definition);
			tally = channel.rehearsal.upTo(control.rehearsalBallots);
		}
		return tally;
	}

	private startPolling(): void {
		if (this.poller) return;
		this.poller = setInterval(() => void this.poll(), this.options.pollMs ?? 2000);
		this.poller.unref?.();
	}

	/**
	 * The safety net: ballots keyed on paper, a close from the campaigns page, a change by a
	 * process that did not announce it. One small query per watched campaign every two seconds.
	 */
	private async poll(): Promise<void> {
		const idleMs = this.options.idleMs ?? 5 * 60_000;
		for (const channel of [...this.channels.values()]) {
			if (channel.listeners.size === 0) {
				const idle = channel.idleSince !== null && this.now() - channel.idleSince > idleMs;
				if (idle) this.channels.delete(channel.id);
				continue;
			}
			try {
				const print = await readChangeMarker(this.options.db, channel.id);
				if (channel.fingerprint !== null && print !== channel.fingerprint) this.changed(channel.id);
				channel.fingerprint = print;
			} catch (error) {
				console.error(`minping: live check of campaign ${channel.id} failed`, error);
			}
		}
		if (this.channels.size === 0 && this.poller) {
			clearInterval(this.poller);
			this.poller = null;
		}
	}
}
