// Package conformance holds the golden-file corpus that every NEXUS VM must
// reproduce byte for byte, and the tests that check the Go VM and the C
// firmware VM against it.
//
// The corpus is the *.case files of this directory (format in README.md):
// an assembly program, the host's inputs (IO readings, receive queue, cycle
// budget, tick count) and the exact run report that `nexusc run --raw
// --no-validate --state json` prints for it. The expected reports were
// produced by the Go VM with `go test ./spec/conformance -update` and then
// reviewed against spec/isa.md; once committed they are normative, so a VM
// that disagrees with a case is wrong, whichever VM it is.
//
// TestGoVM runs each case in the Go VM exactly as the command line does.
// TestCVM builds the C runner (make -C firmware) and runs each case's raw
// bytecode through firmware/build/nexus-vm-c, comparing stdout byte for
// byte. FuzzDifferential and TestDifferentialLong generate random programs
// and inputs and compare the two VMs on them.
//
// The package has no non-test code; this file only documents it.
package conformance
