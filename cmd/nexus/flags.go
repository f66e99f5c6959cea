package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// command describes one verb's help text.
type command struct {
	name     string // e.g. "fleet submit"
	args     string // e.g. "TASK"
	summary  string
	detail   string
	examples []string
}

// flags builds the verb's flag set; its usage text is the verb's --help.
func (c command) flags(stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.Usage = func() { c.help(fs, stderr) }
	return fs
}

func (c command) help(fs *pflag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "Usage: nexus %s [flags] %s\n\n%s\n", c.name, c.args, c.summary)
	if c.detail != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.detail))
	}
	fmt.Fprintf(w, "\nFlags:\n%s", fs.FlagUsages())
	if len(c.examples) > 0 {
		fmt.Fprintln(w, "\nExamples:")
		for _, e := range c.examples {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
}

// parse parses args. It returns done=true with the exit status when the
// verb should stop now: after --help (status 0) or a usage error (status 2).
func (c command) parse(fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) (status int, done bool) {
	fs.BoolP("help", "h", false, "show this help")
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			c.help(fs, stdout)
			return exitOK, true
		}
		fmt.Fprintf(stderr, "nexus %s: %v\n", c.name, err)
		fmt.Fprintf(stderr, "run 'nexus %s --help' for usage\n", c.name)
		return exitUsage, true
	}
	if h, _ := fs.GetBool("help"); h {
		c.help(fs, stdout)
		return exitOK, true
	}
	return 0, false
}

// usageError reports a usage problem the flag parser could not see.
func (c command) usageError(stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "nexus %s: %s\n", c.name, fmt.Sprintf(format, a...))
	fmt.Fprintf(stderr, "run 'nexus %s --help' for usage\n", c.name)
	return exitUsage
}
