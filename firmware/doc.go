// Package firmware holds the C11 firmware for the ESP32 node (ESP-IDF
// components under components/, host tools under tools/, C unit tests under
// test/, a host Makefile) and the Go tests that tie it to the Go VM.
//
// The C VM (components/nexus_vm) implements spec/isa.md under the esp32
// profile. Its host runner, build/nexus-vm-c (built by `make -C firmware`),
// reads a raw instruction stream and prints the same JSON object as
// `nexusc run FILE --raw --no-validate --state json`. firmware_test.go
// checks that claim byte for byte on the reference corpus
// (testdata/reference), on every example of spec/isa.md the runner can
// express, and on random programs, with both the -O2 runner and the
// AddressSanitizer/UBSan build (build/nexus-vm-c-san). It also writes the
// Go VM's benchmark programs for the C benchmark (`make -C firmware bench`).
//
// The on-device validator (components/nexus_validate) re-checks the
// validator's structural, control-flow and stack rules and the strict WCET
// bound before a program is activated, with no allocation and a caller-sized
// work buffer. Its host CLI, build/nexus-validate-c, prints one JSON verdict;
// validate_agree_test.go checks it agrees with the Go validator (verdict,
// first in-scope error code and pc, WCET, max stack) on the corpora and on
// tens of thousands of random programs.
//
// The safety layer (components/nexus_safety, spec/safety.md) is tested by
// its own C unit tests (`make -C firmware test`).
//
// The package has no Go code of its own; this file only documents it.
package firmware
