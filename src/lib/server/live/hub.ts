/**
 * Per-campaign live channels in one process: the running tally (the last recount from the
 * database plus the local commits it does not show, running-tally.ts), the host's controls, a
 * rehearsal's synthetic tally, the current snapshot with its sequence, and the screens
 * subscribed to it. A local commit advances the tally in memory; a change announced without its
 * ballots (another instance, a paper entry, a host action), the safety net and a periodic resync
 * recount. Changes are marked, never pushed directly: the throttle (live-throttle.ts) pushes a
 * change after a quiet spell at once and paces a burst at one rebuild and one push per interval. Every listener receives the same snapshot
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
import { applyCommit, mergeRecount, shows, type LocalCommit } from './running-tally';
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
	/** How often a watched campaign's running tally is recounted from the database anyway. */
	resyncMs?: number;
	/** Local commits kept per campaign before a recount is forced (bounds memory). */
	maxKeptCommits?: number;
}

export const defaultResyncMs = 30_000;

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
	 * A commit with its figures (a local one, or another instance's carried by NOTIFY): added to
	 * the running tally in memory (no recount), unless the last recount already shows it; pushed
	 * through the throttle like any change. Null (figures unknown): a recount.
	 */
	committed(campaignId: number, commit: LocalCommit | null): void {
		const channel = this.channels.get(campaignId);
		if (!channel) return;
		if (!commit) {
			this.changed(campaignId, { source: true });
			return;
		}
		if (channel.source && shows(channel.source, commit)) return;
		// A repeated message (same transaction) is already held.
		if (channel.commits.some((c) => c.xid === commit.xid)) return;
		channel.commits.push(commit);
		let recount = channel.commits.length > (this.options.maxKeptCommits ?? 5000);
		if (channel.source?.xids === null) recount = true;
		else if (channel.source) {
			const next = applyCommit(channel.source, commit);
			if (next) channel.source = next;
			else recount = true;
		}
		this.changed(campaignId, { source: recount });
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

	/** The running tally of a campaign as held now, or null (for tests). */
	tallyOf(campaignId: number): LiveSource | null {
		return this.channels.get(campaignId)?.source ?? null;
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
		// At once: right after the I/O that brought the change (changes arriving with it ride
		// along), not after the next round of timers.
		if (step.delay === 0) setImmediate(() => void this.runScheduled(channel));
		else setTimeout(() => void this.runScheduled(channel), step.delay);
	}

	private async runScheduled(channel: Channel): Promise<void> {
		const started = this.now();
		try {
			await this.queueRebuild(channel);
		} catch (error) {
			console.error(`minping: live rebuild of campaign ${channel.id} failed`, error);
		} finally {
			// This push books its spacing; a slow rebuild stretches it (live-throttle.ts).
			channel.throttle = onPushed(channel.throttle, started, this.now(), this.options.intervalMs);
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
			if (channel.dirtySource || !channel.source) await this.recount(channel);
			this.publish(channel);
		} finally {
			channel.running = false;
		}
	}

	/**
	 * Reads the campaign afresh and merges the local commits the recount's snapshot does not
	 * show (running-tally.ts); commits arriving while it reads are kept and merged here too.
	 */
	private async recount(channel: Channel): Promise<void> {
		channel.dirtySource = false;
		channel.recountedAt = this.now();
		const recount = await loadLiveSource(this.options.db, channel.id);
		if (!recount) {
			channel.source = null;
			channel.commits = [];
			return;
		}
		const merged = mergeRecount(recount, channel.commits);
		if (merged) {
			channel.source = merged.source;
			channel.commits = merged.kept;
			return;
		}
		// A commit could not be added exactly (a tier the turnout did not list): read once more,
		// now that every kept commit has committed and so shows in the new snapshot.
		const again = await loadLiveSource(this.options.db, channel.id);
		const retried = again ? mergeRecount(again, channel.commits) : null;
		if (retried || !again) {
			channel.source = retried?.source ?? null;
			channel.commits = retried?.kept ?? [];
			return;
		}
		// Still not (a commit of such a tier arrived meanwhile): show the recount and keep every
		// commit for the next one, which comes through the throttle.
		channel.source = again;
		this.changed(channel.id, { source: true });
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
	 * The safety net: a close from the campaigns page, a change by a process that did not
	 * announce it. One small query per watched campaign every two seconds, whose ballot and
	 * participation rows are held against the running tally: fewer rows than it held when the
	 * query was sent means rows vanished (recount now); more than it holds when the answer came
	 * may be commits whose hand-over (or NOTIFY) is still on its way, so the tally owes them
	 * until the next check, which recounts if it still falls short. Every `resyncMs` a watched
	 * campaign is recounted anyway.
	 */
	private async poll(): Promise<void> {
		const idleMs = this.options.idleMs ?? 5 * 60_000;
		const resyncMs = this.options.resyncMs ?? defaultResyncMs;
		for (const channel of [...this.channels.values()]) {
			if (channel.listeners.size === 0) {
				const idle = channel.idleSince !== null && this.now() - channel.idleSince > idleMs;
				if (idle) this.channels.delete(channel.id);
				continue;
			}
			if (channel.source && this.now() - channel.recountedAt >= resyncMs)
				this.changed(channel.id, { source: true });
			try {
				const before = channel.source?.rows;
				const marker = await readChangeMarker(this.options.db, channel.id);
				const after = channel.source?.rows;
				const fields = ['ballots', 'participation'] as const;
				const owed = channel.owed;
				channel.owed = null;
				if (channel.fingerprint !== null && marker.print !== channel.fingerprint)
					this.changed(channel.id);
				else if (before && after) {
					const short = owed !== null && fields.some((f) => before[f] < owed[f]);
					if (short || fields.some((f) => marker[f] < before[f]))
						this.changed(channel.id, { source: true });
					else if (fields.some((f) => marker[f] > after[f]))
						channel.owed = { ballots: marker.ballots, participation: marker.participation };
				}
				channel.fingerprint = marker.print;
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
