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
// The package has no Go code of its own; this file only documents it.
package firmware
