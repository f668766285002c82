// Node flags the app server runs with, wherever it is started (npm start, browser tests,
// benchmarks, fault tests), so every measurement is of the shipped configuration.
//
// --max-semi-space-size=8: Node 24's V8 sizes the young generation from the machine's memory; on
// this kind of machine the server idled at ~280 MB RSS with ~5 MB of live heap. A 8 MB semi-space
// keeps it near 120 MB idle (docs/PERFORMANCE.md) at the cost of more frequent, cheap scavenges.
//
// --heap-growing-percent=50: after a full GC, V8 lets the old generation grow to up to 4× the
// live heap before the next one, and under Node nothing collects it once the server goes quiet
// (V8's memory reducer judges the allocation rate from GC samples alone, so with no GC at idle it
// keeps seeing the last burst's rate and never runs: traced with --trace-memory-reducer). Requests
// that outlive two scavenges (~0.1 s apart under load) are promoted, so a few seconds of traffic
// left 40–60 MB of dead objects in the old space for good, on ~25 MB of live heap: idle RSS on
// PostgreSQL after the bench's warm-up ranged 129–173 MB with V8's default. Growing by at most half
// the live heap bounds that garbage: 134–142 MB in full-mode runs (100 %: 148–150 MB, on the target's
// edge), at the price of a few more incremental, mostly concurrent mark-compacts under load. Ballots
// per second not lower, juror and embedded loads (bench sections app, ballots and embedded, the two
// values alternated back to back, 2026-11-22). A heap of any size still grows; only the slack kept
// above the live heap is smaller.
//
// V8 reads these flags only at start-up, so they must be on the command line, not set at run time.
export const serverNodeFlags = ['--max-semi-space-size=8', '--heap-growing-percent=50'];
