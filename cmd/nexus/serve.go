package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/nexusfleet/nexus/runtime/fleetsvc"
)

var serveCmd = command{
	name:    "fleet serve",
	summary: "Run the fleet service: orchestrator and trust engine on NATS JetStream.",
	detail: `
By default serve starts an embedded NATS server with JetStream on --listen,
storing its data in --store, so this one command is the whole service; the
other 'nexus fleet' commands connect to it. With --nats it joins an existing
NATS server or cluster instead (use --replicas 3 on a three-server cluster).
Vessel, trust and task records live in the key-value bucket nexus_fleet
and submitted tasks in the work-queue stream NEXUS_TASKS, so a restarted
service picks up where it stopped, vessels' trust and autonomy levels
included. A vessel that sends no heartbeat for
--heartbeat-timeout is marked unavailable and its tasks move elsewhere.
The service runs until interrupted (Ctrl-C or SIGTERM); events are logged
to stderr.`,
	examples: []string{
		"nexus fleet serve",
		"nexus fleet serve --listen 0.0.0.0:4222 --store /var/lib/nexus --heartbeat-timeout 30s",
		"nexus fleet serve --nats nats://n1:4222,nats://n2:4222,nats://n3:4222 --replicas 3",
	},
}

func init() {
	register(verb{name: "serve", summary: "run the fleet service (embedded NATS by default)", run: runServe})
}

// interrupted returns a context cancelled when the service should stop;
// tests replace it.
var interrupted = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func runServe(args []string, stdout, stderr io.Writer) int {
	c := serveCmd
	fs := c.flags(stderr)
	natsURL := fs.String("nats", "", "join the NATS server or cluster at `URL` instead of embedding one")
	listen := fs.String("listen", "127.0.0.1:4222", "the embedded server's `HOST:PORT`")
	store := fs.String("store", "nexus-data", "the embedded server's JetStream `DIR`")
	timeout := fs.Duration("heartbeat-timeout", 15*time.Second, "mark a vessel unavailable after `D` without a heartbeat")
	replicas := fs.Int("replicas", 1, "`N` replicas of the bucket and stream (3 on a cluster)")
	quiet := fs.BoolP("quiet", "q", false, "log nothing but errors")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 0 {
		return c.usageError(stderr, "unexpected argument %q", fs.Arg(0))
	}
	if *timeout <= 0 {
		return c.usageError(stderr, "--heartbeat-timeout must be positive")
	}
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "%s %s\n", time.Now().Format("15:04:05.000"), fmt.Sprintf(format, a...))
	}
	opts := fleetsvc.Options{NATS: *natsURL, Listen: *listen, StoreDir: *store,
		HeartbeatTimeout: *timeout, Replicas: *replicas, Logf: logf}
	if *quiet {
		opts.Logf = nil
	}
	ctx, stop := interrupted()
	defer stop()
	s, err := fleetsvc.Start(opts)
	if err != nil {
		fmt.Fprintf(stderr, "nexus fleet serve: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "nexus fleet service on %s\n", s.URL())
	<-ctx.Done()
	s.Close()
	return exitOK
}
