package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/nexusfleet/nexus/runtime/fleetsvc"
)

// clientFlags are the flags every client verb shares.
type clientFlags struct {
	server  *string
	format  *string
	timeout *time.Duration
}

func addClientFlags(fs *pflag.FlagSet) clientFlags {
	return clientFlags{
		server:  fs.String("server", "nats://127.0.0.1:4222", "the fleet service's NATS `URL`"),
		format:  fs.String("format", "text", "output `FORMAT`: text or json"),
		timeout: fs.Duration("timeout", 5*time.Second, "give up on the service after `D`"),
	}
}

// client checks the shared flags and dials; status is non-zero on failure.
func (f clientFlags) client(c command, stderr io.Writer) (*fleetsvc.Client, int) {
	if *f.format != "text" && *f.format != "json" {
		return nil, c.usageError(stderr, "--format %q: want text or json", *f.format)
	}
	cl, err := fleetsvc.Dial(*f.server, *f.timeout)
	if err != nil {
		fmt.Fprintf(stderr, "nexus %s: %v (is 'nexus fleet serve' running?)\n", c.name, err)
		return nil, exitUsage
	}
	return cl, exitOK
}

// finish prints the result as JSON or with text, or reports err with the
// matching exit status.
func finish(c command, f clientFlags, stdout, stderr io.Writer, v any, err error, text func(w io.Writer)) int {
	if err != nil {
		fmt.Fprintf(stderr, "nexus %s: %v\n", c.name, err)
		if errors.Is(err, fleetsvc.ErrRejected) {
			return exitRejected
		}
		return exitUsage
	}
	if *f.format == "json" {
		b, _ := json.MarshalIndent(v, "", "  ")
		fmt.Fprintf(stdout, "%s\n", b)
		return exitOK
	}
	text(stdout)
	return exitOK
}

// parseCaps reads NAME=VALUE pairs (--cap, --require).
func parseCaps(pairs []string) (map[string]float64, error) {
	m := map[string]float64{}
	for _, p := range pairs {
		name, val, ok := strings.Cut(p, "=")
		if !ok {
			return nil, fmt.Errorf("%q: want NAME=VALUE, NAME one of %s", p, strings.Join(fleetsvc.CapabilityNames(), ", "))
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil || !(v >= 0 && v <= 1) {
			return nil, fmt.Errorf("%q: want a value in 0..1", p)
		}
		m[strings.ToLower(strings.TrimSpace(name))] = v
	}
	if _, err := fleetsvc.ParseCaps(m); err != nil {
		return nil, err
	}
	return m, nil
}

func capString(m map[string]float64) string {
	if len(m) == 0 {
		return "-"
	}
	var parts []string
	for _, n := range fleetsvc.CapabilityNames() {
		if v, ok := m[n]; ok {
			parts = append(parts, fmt.Sprintf("%s=%g", n, v))
		}
	}
	return strings.Join(parts, ",")
}

func table(w io.Writer, header string, rows [][]string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	_ = tw.Flush()
}

var vesselsCmd = command{
	name: "fleet vessels", summary: "List the registered vessels with availability, load, trust and autonomy level.",
	examples: []string{"nexus fleet vessels", "nexus fleet vessels --format json --server nats://fleet.local:4222"},
}

var taskStates = []string{"PENDING", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "FAILED", "CANCELLED"}

var tasksCmd = command{
	name: "fleet tasks", summary: "List the tasks, oldest submission first.",
	examples: []string{"nexus fleet tasks", "nexus fleet tasks --state PENDING", "nexus fleet tasks --format json"},
}

var statusCmd = command{
	name: "fleet status", summary: "Show the fleet snapshot: tasks by state, vessels, load.",
	detail: `
skipped counts task messages the service acknowledged without work because
the task was already final; redelivered counts messages seen more than once.`,
	examples: []string{"nexus fleet status", "nexus fleet status --format json"},
}

var submitCmd = command{
	name: "fleet submit", args: "TASK",
	summary: "Submit a task; it is queued on the work-queue stream and placed on the best qualifying vessel.",
	detail: `
A vessel qualifies if it meets every --require minimum, is available and has
room for --weight. Capabilities: navigation, sensing, communication,
computation, endurance, manipulation, payload, speed.`,
	examples: []string{
		"nexus fleet submit survey-1 --priority high --require sensing=0.8,navigation=0.5",
		"nexus fleet submit relay-7 --weight 0.5 --max-retries 5",
	},
}

var registerCmd = command{
	name: "fleet register", args: "VESSEL",
	summary: "Register a vessel with its capabilities and load capacity.",
	detail: `
A registered vessel must send heartbeats ('nexus fleet heartbeat --every',
or its own on nexus.fleet.heartbeat.<vessel>); one silent for the service's
--heartbeat-timeout is marked unavailable and its tasks move elsewhere.`,
	examples: []string{
		"nexus fleet register auv-1 --cap sensing=0.9,navigation=0.8,endurance=0.7 --capacity 2",
	},
}

var heartbeatCmd = command{
	name: "fleet heartbeat", args: "VESSEL",
	summary: "Send a vessel's heartbeat (once, or every D with --every until interrupted).",
	detail: `
Heartbeats keep a vessel available and earn it trust; a real vessel
publishes them itself on nexus.fleet.heartbeat.<vessel>.`,
	examples: []string{"nexus fleet heartbeat auv-1", "nexus fleet heartbeat auv-1 --every 5s --latency 40ms"},
}

var cancelCmd = command{
	name: "fleet cancel", args: "TASK", summary: "Cancel a task that has not finished.",
	examples: []string{"nexus fleet cancel survey-1"},
}

var startCmd = command{
	name: "fleet start", args: "TASK", summary: "Report that a vessel started its assigned task.",
	examples: []string{"nexus fleet start survey-1"},
}

var completeCmd = command{
	name: "fleet complete", args: "TASK", summary: "Report that a task is done; a completed task is never run again.",
	examples: []string{"nexus fleet complete survey-1"},
}

var failCmd = command{
	name: "fleet fail", args: "TASK", summary: "Report that a task failed; it is retried until its retry limit.",
	examples: []string{"nexus fleet fail survey-1"},
}

func init() {
	register(verb{name: "vessels", summary: "list vessels", run: runVessels})
	register(verb{name: "tasks", summary: "list tasks", run: runTasks})
	register(verb{name: "status", summary: "show the fleet snapshot", run: runStatus})
	register(verb{name: "submit", summary: "submit a task", run: runSubmit})
	register(verb{name: "register", summary: "register a vessel", run: runRegister})
	register(verb{name: "heartbeat", summary: "send a vessel's heartbeat", run: runHeartbeat})
	register(verb{name: "cancel", summary: "cancel a task", run: taskVerb(cancelCmd, (*fleetsvc.Client).Cancel)})
	register(verb{name: "start", summary: "report a task started", run: taskVerb(startCmd, (*fleetsvc.Client).Start)})
	register(verb{name: "complete", summary: "report a task completed", run: taskVerb(completeCmd, (*fleetsvc.Client).Complete)})
	register(verb{name: "fail", summary: "report a task failed", run: taskVerb(failCmd, (*fleetsvc.Client).Fail)})
}

// noArgs parses a verb that takes no arguments.
func noArgs(c command, args []string, stdout, stderr io.Writer) (*fleetsvc.Client, clientFlags, int, bool) {
	fs := c.flags(stderr)
	f := addClientFlags(fs)
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return nil, f, st, true
	}
	if fs.NArg() != 0 {
		return nil, f, c.usageError(stderr, "unexpected argument %q", fs.Arg(0)), true
	}
	cl, st := f.client(c, stderr)
	return cl, f, st, cl == nil
}

func runVessels(args []string, stdout, stderr io.Writer) int {
	c := vesselsCmd
	cl, f, st, done := noArgs(c, args, stdout, stderr)
	if done {
		return st
	}
	defer cl.Close()
	vs, err := cl.Vessels()
	return finish(c, f, stdout, stderr, vs, err, func(w io.Writer) {
		var rows [][]string
		for _, v := range vs {
			avail := "yes"
			if !v.Available {
				avail = "no"
			}
			rows = append(rows, []string{v.ID, avail, fmt.Sprintf("%g/%g", v.Load, v.Capacity),
				fmt.Sprintf("%.3f", v.Trust), v.Level, strconv.Itoa(v.Heartbeats), capString(v.Capabilities)})
		}
		table(w, "VESSEL\tAVAILABLE\tLOAD\tTRUST\tLEVEL\tHEARTBEATS\tCAPABILITIES", rows)
	})
}

func runTasks(args []string, stdout, stderr io.Writer) int {
	c := tasksCmd
	fs := c.flags(stderr)
	f := addClientFlags(fs)
	state := fs.String("state", "", "show only tasks in `STATE` (PENDING, ASSIGNED, IN_PROGRESS, COMPLETED, FAILED, CANCELLED)")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 0 {
		return c.usageError(stderr, "unexpected argument %q", fs.Arg(0))
	}
	if *state != "" && !slices.Contains(taskStates, strings.ToUpper(*state)) {
		return c.usageError(stderr, "--state %q: want one of %s", *state, strings.Join(taskStates, ", "))
	}
	cl, st := f.client(c, stderr)
	if cl == nil {
		return st
	}
	defer cl.Close()
	all, err := cl.Tasks()
	ts := []fleetsvc.TaskInfo{}
	for _, t := range all {
		if *state == "" || strings.EqualFold(*state, t.State) {
			ts = append(ts, t)
		}
	}
	return finish(c, f, stdout, stderr, ts, err, func(w io.Writer) {
		var rows [][]string
		for _, t := range ts {
			vessel := t.Vessel
			if vessel == "" {
				vessel = "-"
			}
			rows = append(rows, []string{t.ID, t.Priority, t.State, vessel, strconv.Itoa(t.Attempts),
				strconv.FormatFloat(t.Weight, 'g', -1, 64), capString(t.Required)})
		}
		table(w, "TASK\tPRIORITY\tSTATE\tVESSEL\tATTEMPTS\tWEIGHT\tREQUIRED", rows)
	})
}

func runStatus(args []string, stdout, stderr io.Writer) int {
	c := statusCmd
	cl, f, st, done := noArgs(c, args, stdout, stderr)
	if done {
		return st
	}
	defer cl.Close()
	s, err := cl.Status()
	return finish(c, f, stdout, stderr, s, err, func(w io.Writer) {
		fmt.Fprintf(w, "vessels: %d (%d available), load %g of %g\n", s.Vessels, s.Available, s.Load, s.Capacity)
		var states []string
		for k := range s.Tasks {
			states = append(states, k)
		}
		sort.Strings(states)
		fmt.Fprint(w, "tasks:")
		if len(states) == 0 {
			fmt.Fprint(w, " none")
		}
		for _, k := range states {
			fmt.Fprintf(w, " %s %d", k, s.Tasks[k])
		}
		fmt.Fprintf(w, "\nqueue: %d skipped, %d redelivered\n", s.Skipped, s.Redelivered)
	})
}

func runSubmit(args []string, stdout, stderr io.Writer) int {
	c := submitCmd
	fs := c.flags(stderr)
	f := addClientFlags(fs)
	prio := fs.StringP("priority", "p", "normal", "`PRIORITY`: low, normal, high or critical")
	req := fs.StringSlice("require", nil, "capability minimums, `NAME=VALUE`,... (repeatable)")
	weight := fs.Float64("weight", 1, "the load the task puts on its vessel, `W`")
	retries := fs.Int("max-retries", 0, "retries after failures (`N`; 0 the service default, -1 none)")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one task ID, got %d arguments", fs.NArg())
	}
	caps, err := parseCaps(*req)
	if err != nil {
		return c.usageError(stderr, "--require: %v", err)
	}
	if _, err := fleetsvc.ParsePriority(*prio); err != nil {
		return c.usageError(stderr, "--priority %q: want low, normal, high or critical", *prio)
	}
	cl, st := f.client(c, stderr)
	if cl == nil {
		return st
	}
	defer cl.Close()
	t, err := cl.Submit(fleetsvc.SubmitRequest{ID: fs.Arg(0), Priority: *prio, Required: caps, Weight: *weight, MaxRetries: *retries})
	return finish(c, f, stdout, stderr, t, err, func(w io.Writer) {
		fmt.Fprintf(w, "task %s submitted (%s, %s)\n", t.ID, t.Priority, t.State)
	})
}

func runRegister(args []string, stdout, stderr io.Writer) int {
	c := registerCmd
	fs := c.flags(stderr)
	f := addClientFlags(fs)
	capsFlag := fs.StringSlice("cap", nil, "capabilities, `NAME=VALUE`,... each 0..1 (repeatable)")
	capacity := fs.Float64("capacity", 1, "the load the vessel can carry, `C`")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one vessel ID, got %d arguments", fs.NArg())
	}
	caps, err := parseCaps(*capsFlag)
	if err != nil {
		return c.usageError(stderr, "--cap: %v", err)
	}
	cl, st := f.client(c, stderr)
	if cl == nil {
		return st
	}
	defer cl.Close()
	v, err := cl.Register(fleetsvc.RegisterRequest{ID: fs.Arg(0), Capabilities: caps, Capacity: *capacity})
	return finish(c, f, stdout, stderr, v, err, func(w io.Writer) {
		fmt.Fprintf(w, "vessel %s registered (capacity %g, %s)\n", v.ID, v.Capacity, capString(v.Capabilities))
	})
}

func runHeartbeat(args []string, stdout, stderr io.Writer) int {
	c := heartbeatCmd
	fs := c.flags(stderr)
	f := addClientFlags(fs)
	every := fs.Duration("every", 0, "repeat every `D` until interrupted (0: once)")
	latency := fs.Duration("latency", 0, "report a measured round trip of `D` to the trust engine")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one vessel ID, got %d arguments", fs.NArg())
	}
	if *every < 0 {
		return c.usageError(stderr, "--every must not be negative")
	}
	cl, st := f.client(c, stderr)
	if cl == nil {
		return st
	}
	defer cl.Close()
	ctx, stop := interrupted()
	defer stop()
	for {
		v, err := cl.Heartbeat(fs.Arg(0), *latency)
		if st := finish(c, f, stdout, stderr, v, err, func(w io.Writer) {
			fmt.Fprintf(w, "vessel %s: heartbeat %d, trust %.3f, %s\n", v.ID, v.Heartbeats, v.Trust, v.Level)
		}); st != exitOK || *every == 0 {
			return st
		}
		select {
		case <-ctx.Done():
			return exitOK
		case <-time.After(*every):
		}
	}
}

// taskVerb builds a verb that moves one task.
func taskVerb(c command, op func(*fleetsvc.Client, string) (fleetsvc.TaskInfo, error)) func([]string, io.Writer, io.Writer) int {
	return func(args []string, stdout, stderr io.Writer) int {
		fs := c.flags(stderr)
		f := addClientFlags(fs)
		if st, done := c.parse(fs, args, stdout, stderr); done {
			return st
		}
		if fs.NArg() != 1 {
			return c.usageError(stderr, "expected one task ID, got %d arguments", fs.NArg())
		}
		cl, st := f.client(c, stderr)
		if cl == nil {
			return st
		}
		defer cl.Close()
		t, err := op(cl, fs.Arg(0))
		return finish(c, f, stdout, stderr, t, err, func(w io.Writer) {
			fmt.Fprintf(w, "task %s: %s\n", t.ID, t.State)
		})
	}
}
