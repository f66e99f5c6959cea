// Package bench holds the cross-package benchmarks whose figures are
// recorded in bench/README.md. It has no API; everything is in its tests.
//
// The compiler's code-quality suite (quality_test.go) compiles every reflex
// in examples/ at -O0 and -O2 and reports, per reflex, the tick entry's
// worst-case cycles as the strict validator proves them and the average
// cycles per tick the Go VM spends on the reflex's scenario
// (examples/scenarios/NAME.csv). Three reflexes also have a hand-written
// assembly version in bench/hand/NAME.s, the yardstick for -O2: a test
// checks that each behaves exactly like the compiled reflex — the same IO
// writes, sends and A2A calls, tick by tick — on its scenario followed by
// random in-range sensor input.
//
// The figures are deterministic (cycles are counted, not timed), so the
// tests log the table and assert only correctness; the benchmarks report
// the same figures through b.ReportMetric.
package bench
