// Node flags the app server runs with, wherever it is started (npm start, browser tests,
// benchmarks, fault tests), so every measurement is of the shipped configuration.
//
// --max-semi-space-size=8: Node 24's V8 sizes the young generation from the machine's memory; on
// this kind of machine the server idled at ~280 MB RSS with ~5 MB of live heap. A 8 MB semi-space
// keeps it near 120 MB idle (docs/PERFORMANCE.md) at the cost of more frequent, cheap scavenges.
// V8 reads the flag only at start-up, so it must be on the command line, not set at run time.
export const serverNodeFlags = ['--max-semi-space-size=8'];
