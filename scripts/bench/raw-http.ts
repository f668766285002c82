// A lean HTTP/1.1 client for the ballot loads (ballots, tv-burst): keep-alive sockets, one request
// in flight per socket, requests written as one buffer, answers read by Content-Length. Why not
// node:http: the load generator runs on the same two cores as the app and PostgreSQL, and
// http.request cost ~0.2 ms of CPU per ballot — a fifth of the machine's time per ballot went to
// the client, not the system measured. autocannon (baseline H) is as lean but sends the same few
// requests over and over; every ballot here needs its own card or session and key, and its
// receipt read back for the stored-exactly-once check.
import net from 'node:net';

export interface RawAnswer {
	/** 0 when no answer came (connection error, timeout). */
	status: number;
	body: string;
}

export interface RawRequest {
	path: string;
	headers: Record<string, string>;
	body: string;
}

const headerEnd = Buffer.from('\r\n\r\n');

class RawConnection {
	private socket: net.Socket | null = null;
	private chunks: Buffer[] = [];
	private size = 0;
	private pending: ((answer: RawAnswer) => void) | null = null;
	private timer: ReturnType<typeof setTimeout> | null = null;
	/** The request went out on a kept-alive socket, and nothing of an answer has come back yet. */
	private reusedAndSilent = false;

	constructor(private readonly origin: URL) {}

	request(request: RawRequest, timeoutMs: number): Promise<RawAnswer> {
		return new Promise((resolve) => {
			this.pending = resolve;
			this.timer = setTimeout(() => {
				this.reusedAndSilent = false; // a server that read it and never answered: no resend
				this.fail();
			}, timeoutMs);
			this.reusedAndSilent = this.socket !== null;
			const socket = this.connect();
			const body = Buffer.from(request.body);
			let head = `POST ${request.path} HTTP/1.1\r\nhost: ${this.origin.host}\r\ncontent-length: ${body.length}\r\n`;
			for (const [name, value] of Object.entries(request.headers)) head += `${name}: ${value}\r\n`;
			socket.write(Buffer.concat([Buffer.from(head + '\r\n'), body]));
		});
	}

	close(): void {
		this.socket?.destroy();
		this.socket = null;
	}

	/**
	 * Whether the last request failed on a kept-alive socket before any byte of an answer: the
	 * server closed the idle connection as the request went out (Node closes keep-alive sockets
	 * idle for 5 s), so the request was never read. Browsers send such a request again.
	 */
	get lostOnStaleSocket(): boolean {
		return this.reusedAndSilent;
	}

	private connect(): net.Socket {
		if (this.socket) return this.socket;
		const socket = net.connect({ host: this.origin.hostname, port: Number(this.origin.port) });
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => this.read(chunk));
		socket.on('error', () => this.fail());
		socket.on('close', () => {
			if (this.socket === socket) this.socket = null;
			this.fail();
		});
		this.socket = socket;
		return socket;
	}

	private read(chunk: Buffer): void {
		this.reusedAndSilent = false;
		this.chunks.push(chunk);
		this.size += chunk.length;
		const all = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks, this.size);
		const end = all.indexOf(headerEnd);
		if (end < 0) return;
		const head = all.subarray(0, end).toString('latin1');
		const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
		if (Number.isNaN(length)) {
			// Every answer of the ballot routes has a length; anything else is not counted.
			this.close();
			return this.fail();
		}
		if (all.length < end + 4 + length) {
			this.chunks = [all];
			return;
		}
		const status = Number(head.slice(9, 12));
		const body = all.subarray(end + 4, end + 4 + length).toString('utf8');
		this.chunks = [];
		this.size = 0;
		if (/\r\nconnection:\s*close/i.test(head)) this.close();
		this.settle({ status, body });
	}

	private fail(): void {
		this.chunks = [];
		this.size = 0;
		this.close();
		this.settle({ status: 0, body: '' });
	}

	private settle(answer: RawAnswer): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		const pending = this.pending;
		this.pending = null;
		pending?.(answer);
	}
}

/** Up to `max` keep-alive connections; a request waits for a free one. */
export class RawPool {
	private idle: RawConnection[] = [];
	private all: RawConnection[] = [];
	private waiting: ((connection: RawConnection) => void)[] = [];

	constructor(
		private readonly origin: URL,
		private readonly max: number
	) {}

	/** Requests sent again after a kept-alive socket closed under them (see lostOnStaleSocket). */
	resent = 0;

	async post(request: RawRequest, timeoutMs = 30_000): Promise<RawAnswer> {
		const connection = await this.take();
		try {
			const answer = await connection.request(request, timeoutMs);
			if (answer.status !== 0 || !connection.lostOnStaleSocket) return answer;
			// As a browser does: once more, on a new connection (the same idempotency key, so a
			// request the server did read after all is answered with its receipt, not stored twice).
			this.resent++;
			connection.close();
			return await connection.request(request, timeoutMs);
		} finally {
			const next = this.waiting.shift();
			if (next) next(connection);
			else this.idle.push(connection);
		}
	}

	/** Connections opened so far. */
	get size(): number {
		return this.all.length;
	}

	close(): void {
		for (const connection of this.all) connection.close();
	}

	private take(): Promise<RawConnection> {
		const idle = this.idle.pop();
		if (idle) return Promise.resolve(idle);
		if (this.all.length < this.max) {
			const connection = new RawConnection(this.origin);
			this.all.push(connection);
			return Promise.resolve(connection);
		}
		return new Promise((resolve) => this.waiting.push(resolve));
	}
}

/** The receipt of a 200/201 answer, if its body holds one. */
export function receiptOf(answer: RawAnswer): string | undefined {
	if (answer.status !== 200 && answer.status !== 201) return undefined;
	try {
		return (JSON.parse(answer.body) as { receiptCode?: string }).receiptCode;
	} catch {
		return undefined;
	}
}
