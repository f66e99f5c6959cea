package main

import (
	"io"
	"os"

	"github.com/nexusfleet/nexus/disasm"
)

var disasmCmd = command{
	name:    "disasm",
	args:    "FILE",
	summary: "Disassemble a .nxb container (or a bare instruction stream with --raw) into assembly.",
	detail: `
The output reassembles to identical bytes with 'nexusc asm': labels are
synthesised at jump targets and entry points, A2A opcodes and CMP
conditions are printed by name, the data section and container metadata are
printed as directives, and any encoding the plain syntax cannot express is
printed as a .insn directive.`,
	examples: []string{
		"nexusc disasm playground.nxb",
		"nexusc disasm --raw playground.bin --addresses",
	},
}

func init() {
	register(verb{name: "disasm", summary: "disassemble bytecode into assembly", run: runDisasm})
}

func runDisasm(args []string, stdout, stderr io.Writer) int {
	c := disasmCmd
	fs := c.flags(stderr)
	raw := fs.Bool("raw", false, "read FILE as a bare instruction stream")
	addrs := fs.Bool("addresses", false, "annotate each line with its byte address and encoding")
	out := fs.StringP("output", "o", "-", "write the assembly to `FILE`")
	format := fs.String("format", "text", "diagnostics `FORMAT`: text or json")
	if st, done := c.parse(fs, args, stdout, stderr); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.usageError(stderr, "expected one input file, got %d", fs.NArg())
	}
	f, ok, rejected := load(fs.Arg(0), *raw, *format, stderr)
	if !ok {
		if rejected {
			return exitRejected
		}
		return exitUsage
	}
	text := disasm.Text(f, disasm.Options{Addresses: *addrs, Raw: *raw})
	if *out == "-" {
		_, _ = stdout.Write(text)
		return exitOK
	}
	if err := os.WriteFile(*out, text, 0o644); err != nil {
		report(stderr, *format, fileError(*out, "IO002", "cannot write output: "+unwrapPath(err).Error(), ""), nil)
		return exitUsage
	}
	return exitOK
}
