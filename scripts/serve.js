// The production server: SvelteKit's adapter-node handler behind our own node:http server.
// Why our own: adapter-node assumes https when ORIGIN is unset, which makes every form post from a
// plain-http local install fail its CSRF check. The socket here is plain http, so unless the operator
// configured ORIGIN or PROTOCOL_HEADER (behind a TLS proxy) we state that fact in a header we own.
// It is also where the lean ballot route sits in front of SvelteKit (docs/adr/0002-lean-ballot-route.md).
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const OWN_PROTOCOL_HEADER = 'x-minping-socket-protocol';
const ownsProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (ownsProtocol) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

// Spreadsheet imports accept files up to 5 MB; adapter-node's own default (512K) would refuse them
// with a bare text 413 before the import page could explain the limit.
process.env.BODY_SIZE_LIMIT ??= '6M';

const buildDir = resolve(process.env.MINPING_BUILD_DIR ?? 'build');
// Importing the handler runs the app's init hook: database check, migrations, first-start demo data.
const { handler } = await import(pathToFileURL(resolve(buildDir, 'handler.js')).href);

// The lean route (POST /vote/<code>/ballot, POST /api/ballots/<campaignId>, GET /live/<id>/events):
// registered by the app's init hook from inside the same bundle, so it shares the database pool,
// the ballot queue and the live hub with SvelteKit. It answers true when it took the request; it
// may hand a request it took back to SvelteKit (a feed with nothing to show: the 404 page).
const leanRoute = globalThis[Symbol.for('minping.leanBallotRoute')];
if (typeof leanRoute !== 'function') {
	console.error('minping: the build registered no lean ballot route; ballots go through SvelteKit');
}

const server = http.createServer((req, res) => {
	if (ownsProtocol) req.headers[OWN_PROTOCOL_HEADER] = 'http';
	try {
		if (typeof leanRoute === 'function' && leanRoute(req, res, () => handler(req, res))) return;
		handler(req, res);
	} catch (error) {
		// A synchronous throw here would otherwise end the process and every other request with it.
		console.error('minping: request handler threw', req.method, req.url, error);
		if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('Internal error / 服务器内部错误');
	}
});

// One failed background task (a live rebuild, a timer) must not take down the server that holds
// everyone's open ballots: log it with its stack and carry on. Node's default would exit.
process.on('unhandledRejection', (reason) => {
	console.error('minping: unhandled promise rejection', reason);
});

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
server.listen(port, host, () => {
	const shown = host === '0.0.0.0' ? 'localhost' : host;
	console.log(`minping: listening on http://${shown}:${port}`);
});

let stopping = false;
function stop(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`minping: ${signal} received, closing`);
	// Once the last request is answered, the app closes its database (an embedded one cleanly)
	// and its live connection on the same event adapter-node's own server sends
	// (hooks.server.ts); then nothing is left to keep the process alive.
	server.close(() => process.emit('sveltekit:shutdown', signal));
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), Number(process.env.SHUTDOWN_TIMEOUT ?? 10) * 1000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
