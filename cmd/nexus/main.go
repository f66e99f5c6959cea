// Command nexus runs the NEXUS fleet: `nexus fleet serve` starts the fleet
// service (the orchestrator and the trust engine on NATS JetStream, with an
// embedded server by default; see runtime/fleetsvc), and the other fleet
// verbs are its clients: they register vessels, send heartbeats, submit
// and cancel tasks, report progress, and list vessels, tasks and status.
//
// It is a thin layer: flag parsing and wiring only. Results go to stdout
// (text tables, or JSON with --format json), diagnostics to stderr; the exit
// status is 0 on success, 1 when the service rejected the request (unknown
// task, duplicate ID, forbidden transition), 2 on a usage or I/O error
// (including no service answering).
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit statuses shared by every verb.
const (
	exitOK       = 0
	exitRejected = 1
	exitUsage    = 2
)

type verb struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// fleetVerbs are the verbs of `nexus fleet`.
var fleetVerbs = map[string]verb{}

func register(v verb) { fleetVerbs[v.name] = v }

const version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "--help":
		if len(args) > 1 && args[1] == "fleet" {
			return runFleet(args[1:2], stdout, stderr, true)
		}
		usage(stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "nexus", version)
		return exitOK
	case "fleet":
		return runFleet(args[1:], stdout, stderr, false)
	}
	fmt.Fprintf(stderr, "nexus: unknown command %q\n", args[0])
	fmt.Fprintln(stderr, "run 'nexus help' for the list of commands")
	return exitUsage
}

func runFleet(args []string, stdout, stderr io.Writer, asked bool) int {
	if len(args) == 0 {
		fleetUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "--help":
		if len(args) > 1 {
			if v, ok := fleetVerbs[args[1]]; ok {
				return v.run([]string{"--help"}, stdout, stderr)
			}
		}
		fleetUsage(stdout)
		return exitOK
	case "fleet":
		if asked {
			fleetUsage(stdout)
			return exitOK
		}
	}
	v, ok := fleetVerbs[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "nexus fleet: unknown command %q\n", args[0])
		fmt.Fprintln(stderr, "run 'nexus fleet help' for the list of commands")
		return exitUsage
	}
	return v.run(args[1:], stdout, stderr)
}

func verbNames() []string {
	var names []string
	for n := range fleetVerbs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "nexus runs a NEXUS fleet: the orchestrator and trust engine as a service, and its clients.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  nexus fleet <command> [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	fmt.Fprintln(w, "  fleet    the fleet service and its clients: nexus fleet help")
	fmt.Fprintln(w, "  help     show help: nexus help fleet")
	fmt.Fprintln(w, "  version  print the version")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit status: 0 success, 1 request rejected by the service, 2 usage or I/O error.")
}

func fleetUsage(w io.Writer) {
	fmt.Fprintln(w, "nexus fleet serves a fleet of vessels on NATS JetStream and talks to it.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  nexus fleet <command> [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, n := range verbNames() {
		fmt.Fprintf(w, "  %-10s %s\n", n, fleetVerbs[n].summary)
	}
	fmt.Fprintln(w, "  help       show help for a command: nexus fleet help <command>")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Try it (two terminals):")
	fmt.Fprintln(w, "  nexus fleet serve")
	fmt.Fprintln(w, "  nexus fleet register auv-1 --cap sensing=0.9,navigation=0.8 --capacity 2")
	fmt.Fprintln(w, "  nexus fleet heartbeat auv-1 --every 5s &   # or it goes unavailable after 15s")
	fmt.Fprintln(w, "  nexus fleet submit survey-1 --priority high --require sensing=0.8")
	fmt.Fprintln(w, "  nexus fleet tasks")
	fmt.Fprintln(w, "  nexus fleet complete survey-1")
	fmt.Fprintln(w, "  nexus fleet status")
	fmt.Fprintln(w, "  nexus fleet trust auv-1")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit status: 0 success, 1 request rejected by the service, 2 usage or I/O error.")
}
