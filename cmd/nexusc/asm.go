package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nexusfleet/nexus/asm"
	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/nxb"
)

var asmCmd = command{
	name:    "asm",
	args:    "IN.s",
	summary: "Assemble NEXUS assembly into a .nxb container (or a bare instruction stream with --raw).",
	detail: `
The output defaults to IN with the extension .nxb (or .bin with --raw).
Diagnostics go to stderr as file:line:col with a caret snippet, or as one
JSON object with --format json. All errors are reported, not only the first.
The syntax is described in spec/isa.md.`,
	examples: []string{
		"nexusc asm examples/playground.s -o playground.nxb",
		"nexusc asm examples/playground.s --raw -o playground.bin",
		"nexusc asm prog.s --format json",
	},
}

func init() {
	register(verb{name: "asm", summary: "assemble a .s file into bytecode", run: runAsm})
}

func runAsm(args []string, stdout, stderr io.Writer) int {
	c := asmCmd
	fs := c.flags(stderr)
	out := fs.StringP("output", "o", "", "write the output to `FILE` (\"-\" for stdout)")
	raw := fs.Bool("raw", false, "write the bare instruction stream instead of a .nxb container")
	strip := fs.Bool("strip", false, "omit metadata and debug info (what is deployed to a microcontroller)")
	format := fs.String("format", "text", "diagnostics `FORMAT`: text or json")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one input file, got %d", fs.NArg())
	}
	if *format != "text" && *format != "json" {
		return c.usageError(stderr, "--format must be text or json, not %q", *format)
	}
	in := fs.Arg(0)
	src, err := os.ReadFile(in)
	if err != nil {
		report(stderr, *format, fileError(in, "IO001", "cannot read file: "+unwrapPath(err).Error(), ""), nil)
		return exitUsage
	}
	f, n := assembleSource(in, src, *format, stderr)
	if f == nil {
		return exitRejected
	}
	if *format == "json" && n == 0 {
		// A clean assembly still answers with one JSON object, so agents
		// always have something to parse.
		report(stderr, *format, nil, nil)
	}
	var bytes []byte
	if *raw {
		if len(f.Data) > 0 {
			report(stderr, *format, fileError(in, "NXB002", "the program has a .data section, which a bare instruction stream cannot carry",
				"write a .nxb container (drop --raw) to keep the data initialiser"), nil)
			return exitRejected
		}
		bytes = f.Code
	} else {
		if *strip {
			f = f.Strip()
		}
		bytes, err = f.Marshal()
		if err != nil {
			report(stderr, *format, fileError(in, "NXB003", err.Error(), ""), nil)
			return exitRejected
		}
	}
	dest := *out
	if dest == "" {
		ext := ".nxb"
		if *raw {
			ext = ".bin"
		}
		dest = strings.TrimSuffix(in, filepath.Ext(in)) + ext
	}
	if dest == "-" {
		_, err = stdout.Write(bytes)
	} else {
		err = os.WriteFile(dest, bytes, 0o644)
	}
	if err != nil {
		report(stderr, *format, fileError(dest, "IO002", "cannot write output: "+unwrapPath(err).Error(), ""), nil)
		return exitUsage
	}
	return exitOK
}

// assembleSource assembles and reports any diagnostics, returning how many
// there were; f is nil when assembly failed.
func assembleSource(name string, src []byte, format string, stderr io.Writer) (*nxb.File, int) {
	f, l := asm.Assemble(name, src)
	if len(l) > 0 {
		report(stderr, format, l, diag.Sources{name: src})
	}
	if l.HasErrors() {
		return nil, len(l)
	}
	return f, len(l)
}
