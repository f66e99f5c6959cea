package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// refDir holds the reference-conformance corpus: programs in the seed
// reference's assembly syntax (NAME.s) and the final state the seed's Python
// reference runtime reached on them (NAME.json). See its README.md.
const refDir = "../../testdata/reference"

// refState is the `nexusc run --state json` object.
type refState struct {
	PC        uint32   `json:"pc"`
	Cycles    uint64   `json:"cycles"`
	Halted    bool     `json:"halted"`
	Trap      *string  `json:"trap"`
	Registers []uint32 `json:"registers"`
	Flags     struct {
		Zero     bool `json:"zero"`
		Negative bool `json:"negative"`
	} `json:"flags"`
	Stack  []uint32    `json:"stack"`
	Sent   [][2]uint32 `json:"sent"`
	Writes [][2]uint32 `json:"writes"`
}

var refKeys = []string{"pc", "cycles", "halted", "trap", "registers", "flags", "stack", "sent", "writes"}

// decodeRefState parses one state object, insisting on exactly refKeys.
func decodeRefState(t *testing.T, what string, data []byte) refState {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatalf("%s: not a JSON object: %v\n%s", what, err, data)
	}
	var keys []string
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := append([]string(nil), refKeys...)
	sort.Strings(want)
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Fatalf("%s: keys (-want +got):\n%s", what, diff)
	}
	var s refState
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, data)
	}
	return s
}

// refArgs returns the run flags from the program's header comment: the
// first comment line of the form `; args: FLAGS...` (or `# args:`) before the
// first line of code.
func refArgs(src string) []string {
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if line[0] != ';' && line[0] != '#' {
			break
		}
		body := strings.TrimSpace(strings.TrimLeft(line, ";#"))
		if rest, ok := strings.CutPrefix(body, "args:"); ok {
			return strings.Fields(rest)
		}
	}
	return nil
}

// TestReferenceConformance runs every program of the corpus through
// `nexusc run --state json` and compares the final state with the one the
// seed's reference runtime produced.
func TestReferenceConformance(t *testing.T) {
	progs, err := filepath.Glob(filepath.Join(refDir, "*.s"))
	if err != nil {
		t.Fatal(err)
	}
	if len(progs) < 30 {
		t.Fatalf("found %d programs in %s, want at least 30", len(progs), refDir)
	}
	for _, prog := range progs {
		name := strings.TrimSuffix(filepath.Base(prog), ".s")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(prog)
			if err != nil {
				t.Fatal(err)
			}
			wantJSON, err := os.ReadFile(strings.TrimSuffix(prog, ".s") + ".json")
			if err != nil {
				t.Fatalf("missing expectation: %v", err)
			}
			want := decodeRefState(t, "expected", wantJSON)

			args := append([]string{"run", prog}, refArgs(string(src))...)
			args = append(args, "--state", "json")
			var stdout, stderr bytes.Buffer
			if st := run(args, &stdout, &stderr); st != exitOK {
				t.Fatalf("nexusc %s: exit %d\nstdout:\n%s\nstderr:\n%s",
					strings.Join(args, " "), st, stdout.String(), stderr.String())
			}
			got := decodeRefState(t, "nexusc output", stdout.Bytes())
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("nexusc %s: final state differs from the reference (-want +got):\n%s",
					strings.Join(args, " "), diff)
			}
		})
	}
}

// TestReferenceCorpusComplete checks that every expectation has its program.
func TestReferenceCorpusComplete(t *testing.T) {
	exps, err := filepath.Glob(filepath.Join(refDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range exps {
		if _, err := os.Stat(strings.TrimSuffix(e, ".json") + ".s"); err != nil {
			t.Errorf("%s has no program: %v", filepath.Base(e), err)
		}
	}
}
