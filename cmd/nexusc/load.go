package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// isSource reports whether path names assembly source by its extension.
func isSource(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".s", ".asm", ".nxs":
		return true
	}
	return false
}

// report prints diagnostics to stderr in the requested format.
func report(stderr io.Writer, format string, l diag.List, src diag.Sources) {
	if format == "json" {
		_ = diag.JSON(stderr, l)
		return
	}
	diag.Render(stderr, l, src)
}

// fileError turns a whole-file problem into a diagnostic, so --format json
// callers see every failure in one shape.
func fileError(path, code, msg, hint string) diag.List {
	return diag.List{{
		Code:     code,
		Severity: diag.Error,
		Span:     diag.Span{Start: diag.Pos{File: path}, End: diag.Pos{File: path}},
		Message:  msg,
		Hint:     hint,
	}}
}

// load reads a program: assembly source (by extension), a .nxb container,
// or with raw a bare instruction stream. On failure it has already reported
// the problem and returns ok=false with rejected=true when the input itself
// was bad (as opposed to unreadable).
func load(path string, raw bool, format string, stderr io.Writer) (f *nxb.File, ok bool, rejected bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		report(stderr, format, fileError(path, "IO001", fmt.Sprintf("cannot read file: %v", unwrapPath(err)), ""), nil)
		return nil, false, false
	}
	switch {
	case isSource(path) && !raw:
		f, _ := assembleSource(path, b, format, stderr)
		return f, f != nil, f == nil
	case raw:
		f := nxb.Raw(b)
		if err := f.Check(0); err != nil {
			report(stderr, format, fileError(path, "NXB001", err.Error(), "a bare instruction stream is a sequence of 8-byte instructions"), nil)
			return nil, false, true
		}
		return f, true, false
	}
	f, err = nxb.Read(b)
	if err != nil {
		hint := ""
		if !nxb.IsContainer(b) && !strings.Contains(err.Error(), "--raw") {
			hint = "if this is a bare instruction stream, pass --raw; if it is assembly, name it with a .s extension"
		}
		report(stderr, format, fileError(path, "NXB001", err.Error(), hint), nil)
		return nil, false, true
	}
	return f, true, false
}

// unwrapPath drops the path from an *os.PathError; the caller prints it.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
