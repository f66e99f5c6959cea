package conformance_test

// The C side: building the firmware's conformance runner and running code
// through it.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const firmwareDir = "../../firmware"

// runners are the C runner builds: the plain one is required, the sanitizer
// build (ASan + UBSan) is used when the firmware Makefile can make it.
type runners struct {
	plain, san string
	err        error
}

var (
	buildOnce sync.Once
	built     runners
	buildDir  string // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// cRunners builds the C runner once per test process with the firmware's
// own Makefile: `make -C firmware` (the default goal, which the issue's
// contract says builds nexus-vm-c), then `make -C firmware sanitize` for the
// sanitizer build, which is optional. Both build into a private BUILD
// directory: the firmware package's tests run make in firmware/build at the
// same time under `go test ./...`, and two makes writing (and this test
// executing) the same files would race.
func cRunners(t testing.TB) runners {
	t.Helper()
	buildOnce.Do(func() {
		built = buildRunners(t)
	})
	if built.err != nil {
		t.Fatalf("the C VM's conformance runner cannot be built: %v", built.err)
	}
	return built
}

func buildRunners(t testing.TB) runners {
	touchSources()
	dir, err := os.MkdirTemp("", "nexus-conformance-")
	if err != nil {
		return runners{err: err}
	}
	buildDir = dir
	runMake := func(goal ...string) error {
		args := append([]string{"-s", "-C", firmwareDir, "BUILD=" + dir}, goal...)
		out, err := exec.Command("make", args...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("make %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := runMake(); err != nil {
		return runners{err: err}
	}
	r := runners{plain: filepath.Join(dir, "nexus-vm-c")}
	if _, err := os.Stat(r.plain); err != nil {
		return runners{err: fmt.Errorf("make -C firmware did not produce nexus-vm-c: %v", err)}
	}
	if err := runMake("sanitize"); err != nil {
		t.Logf("no sanitizer build of the runner (the corpus runs on the plain build only): %v", err)
	} else if _, err := os.Stat(filepath.Join(dir, "nexus-vm-c-san")); err == nil {
		r.san = filepath.Join(dir, "nexus-vm-c-san")
	}
	return r
}

// touchSources stats every firmware source file. The go command records the
// files a test looks at and re-runs a cached test when one of them changes,
// so a change to the C VM invalidates a cached pass.
func touchSources() {
	filepath.WalkDir(firmwareDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "build" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			os.Stat(path)
		}
		return nil
	})
}

// runC runs one runner build on a raw code file and returns its stdout and
// exit status. Exit status 2 (usage or input error) and crashes are errors.
func runC(bin, file string, in inputs) ([]byte, int, error) {
	cmd := exec.Command(bin, append([]string{file}, in.args()...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return stdout.Bytes(), 0, nil
	case errors.As(err, &ee) && ee.ExitCode() == 1:
		return stdout.Bytes(), 1, nil
	}
	return stdout.Bytes(), -1, fmt.Errorf("%s %s: %v\nstdout: %s\nstderr: %s", filepath.Base(bin), strings.Join(cmd.Args[1:], " "), err, stdout.Bytes(), stderr.Bytes())
}

// TestCVM runs every case through the C runner and compares its stdout
// with the expect line byte for byte, and its exit status with the trap.
func TestCVM(t *testing.T) {
	testCVM(t, cRunners(t).plain)
}

// TestCVMSanitized runs the corpus through the runner built with
// AddressSanitizer and UndefinedBehaviorSanitizer, which abort on any
// memory error or undefined behaviour in the C VM.
func TestCVMSanitized(t *testing.T) {
	r := cRunners(t)
	if r.san == "" {
		t.Skip("the firmware Makefile made no sanitizer build (make -C firmware sanitize)")
	}
	testCVM(t, r.san)
}

func testCVM(t *testing.T, bin string) {
	dir := t.TempDir()
	for _, c := range mustCases(t) {
		t.Run(c.label(), func(t *testing.T) {
			t.Parallel()
			if c.expect == "" {
				t.Fatalf("%s has no expect section (go test ./spec/conformance -update writes it)", c.name)
			}
			code, err := c.assemble()
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, strings.TrimSuffix(c.name, ".case")+".bin")
			if err := os.WriteFile(file, code, 0o644); err != nil {
				t.Fatal(err)
			}
			got, exit, err := runC(bin, file, c.in)
			if err != nil {
				t.Fatal(err)
			}
			want := c.expect + "\n"
			if string(got) != want {
				t.Errorf("%s: the C VM differs from the expected report\n got  %s want %s", c.label(), got, want)
			}
			if wantExit := exitFor(c.expect); exit != wantExit {
				t.Errorf("%s: exit status %d, want %d", c.label(), exit, wantExit)
			}
		})
	}
}

// exitFor is the runner's exit status for a report: 1 for a trap, else 0.
func exitFor(report string) int {
	if strings.Contains(report, `"trap":null`) {
		return 0
	}
	return 1
}
