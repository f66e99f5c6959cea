package main

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nexusfleet/nexus/runtime/fleetsvc"
)

var trustCmd = command{
	name: "fleet trust", args: "VESSEL",
	summary: "Show a vessel's trust: the score, the dimensions it weighs, and its autonomy level with what the next one needs.",
	detail: `
The score is the fleet's own view of the vessel (heartbeats, completed and
failed tasks): history, latency and consistency weighted 0.35, 0.20, 0.20
and renormalised. A level is earned one clean window (an hour) at a time
once the next level's score, hours observed and clean windows are met, and
no sooner than the cooldown after the last level change; a failure demotes
at once. The service keeps this state in its bucket (key trust.<vessel>),
so it survives a restart.`,
	examples: []string{"nexus fleet trust auv-1", "nexus fleet trust auv-1 --format json"},
}

func init() {
	register(verb{name: "trust", summary: "show a vessel's trust and autonomy level", run: runTrust})
}

func runTrust(args []string, stdout, stderr io.Writer) int {
	c := trustCmd
	fs := c.flags(stderr)
	f := addClientFlags(fs)
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one vessel ID, got %d arguments", fs.NArg())
	}
	cl, st := f.client(c, stderr)
	if cl == nil {
		return st
	}
	defer cl.Close()
	ti, err := cl.Trust(fs.Arg(0))
	return finish(c, f, stdout, stderr, ti, err, func(w io.Writer) { trustText(w, ti) })
}

func trustText(w io.Writer, ti fleetsvc.TrustInfo) {
	rows := [][]string{
		{"vessel", ti.Vessel},
		{"trust", fmt.Sprintf("%.3f (history %.3f, latency %.3f, consistency %.3f)", ti.Score, ti.History, ti.Latency, ti.Consistency)},
		{"observed", fmt.Sprintf("%d times, %d recent latencies, since %s", ti.Observations, ti.Latencies, when(ti.FirstSeen))},
		{"autonomy", fmt.Sprintf("%s, %d clean windows, level changed %s", ti.Level, ti.CleanWindows, when(ti.LevelChanged))},
	}
	if n := ti.Next; n != nil {
		next := fmt.Sprintf("%s needs trust ≥ %.2f, %s h observed, %d clean windows",
			n.Level, n.MinScore, strconv.FormatFloat(n.MinObservedH, 'f', -1, 64), n.MinClean)
		if !n.NotBefore.IsZero() {
			next += ", not before " + when(n.NotBefore)
		}
		rows = append(rows, []string{"next", next})
	}
	rows = append(rows, []string{"saved", when(ti.Saved)})
	for _, r := range rows {
		fmt.Fprintf(w, "%-9s %s\n", r[0]+":", r[1])
	}
}

// when renders a time for the table; the zero time is "never".
func when(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format(time.RFC3339)
}
