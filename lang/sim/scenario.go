package sim

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/ir"
)

// Scenario is a parsed scenario: what the runtime feeds a reflex, row by
// row, in ascending tick order.
type Scenario struct {
	File string
	Rows []Row
}

// Row is what happens at one tick.
type Row struct {
	Tick     int
	Sensors  []Cell // one per ir.Meta.Sensors entry, in that order
	Recv     Cell   // a message for the inbox, delivered before the tick
	Failsafe bool   // the runtime declares failsafe at this tick
	Line     int    // the row's line in the file
}

// Cell is one raw word, or nothing when Set is false (an empty cell: the
// sensor keeps its last value, no message arrives).
type Cell struct {
	Raw int32
	Set bool
}

// ErrorCode is the diagnostic code of every scenario error.
const ErrorCode = "SIM001"

// Error is a problem in a scenario file, positioned at a line (and for
// JSON the row's index in the array).
type Error struct {
	File   string
	Line   int    // 1-based; 0 when the problem concerns the whole file
	Row    int    // JSON: the row object's index, from 0; -1 otherwise
	Column string // the column or key concerned, "" if none
	Msg    string // lower-case, names the offending thing and what was expected
	Hint   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Row >= 0 {
		fmt.Fprintf(&b, " (row %d)", e.Row)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Diagnostic returns the error as the toolchain's diagnostic, for
// rendering and --format json.
func (e *Error) Diagnostic() diag.Diagnostic {
	msg := e.Msg
	if e.Row >= 0 {
		msg = fmt.Sprintf("row %d: %s", e.Row, msg)
	}
	p := diag.Pos{File: e.File, Line: e.Line}
	if e.Line > 0 {
		p.Col = 1
	}
	return diag.Diagnostic{Code: ErrorCode, Severity: diag.Error, Span: diag.Span{Start: p, End: p}, Message: msg, Hint: e.Hint}
}

// colKind says what a column holds.
type colKind uint8

const (
	colTick colKind = iota
	colSensor
	colRecv
	colFailsafe
)

type column struct {
	kind   colKind
	sensor int // index into meta.Sensors for colSensor
	name   string
}

// parser holds what both formats share: the reflex's interface and the
// rows built so far.
type parser struct {
	file string
	meta ir.Meta
	msgs MessageKinds
	sc   *Scenario
	line int
	row  int  // JSON row index, -1 for CSV
	seen bool // a row has been added
	last int  // the last row's tick
}

func newParser(file string, meta ir.Meta, msgs MessageKinds) *parser {
	return &parser{file: file, meta: meta, msgs: msgs, sc: &Scenario{File: file}, row: -1}
}

func (p *parser) errorf(col, hint, format string, a ...any) *Error {
	return &Error{File: p.file, Line: p.line, Row: p.row, Column: col, Msg: fmt.Sprintf(format, a...), Hint: hint}
}

// column resolves a column name or JSON key.
func (p *parser) column(name string) (column, *Error) {
	switch name {
	case "tick":
		return column{kind: colTick, name: name}, nil
	case "failsafe":
		return column{kind: colFailsafe, name: name}, nil
	case "recv":
		if p.meta.Inbox == "" {
			return column{}, p.errorf(name, "remove the recv column, or declare an inbox in the reflex",
				"column recv gives messages, but reflex %s has no inbox", p.meta.Name)
		}
		return column{kind: colRecv, name: name}, nil
	}
	for i, s := range p.meta.Sensors {
		if s.Name == name {
			return column{kind: colSensor, sensor: i, name: name}, nil
		}
	}
	names := make([]string, len(p.meta.Sensors))
	for i, s := range p.meta.Sensors {
		names[i] = s.Name
	}
	for _, a := range p.meta.Actuators {
		if a.Name == name {
			return column{}, p.errorf(name, "a scenario gives sensor values; the trace shows the actuators",
				"column %s is an actuator of reflex %s, not a sensor", name, p.meta.Name)
		}
	}
	hint := "the columns are tick, recv, failsafe and the sensors: " + list(names)
	if s, ok := diag.Suggest(name, append(names, "tick", "recv", "failsafe")); ok {
		hint = fmt.Sprintf("did you mean %s? %s", s, hint)
	}
	if name == "" {
		return column{}, p.errorf(name, hint, "a column has no name")
	}
	return column{}, p.errorf(name, hint, "unknown column %q: reflex %s has no sensor of that name", name, p.meta.Name)
}

func list(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}

// set stores one cell's text in row r.
func (p *parser) set(r *Row, c column, text string) *Error {
	text = strings.TrimSpace(text)
	switch c.kind {
	case colTick:
		if text == "" {
			return p.errorf(c.name, "every row starts at a tick: 0, 1, 2, …", "the row has no tick")
		}
		n, err := strconv.ParseInt(text, 10, 32)
		if err != nil || n < 0 {
			return p.errorf(c.name, "ticks count from 0", "tick %q is not a whole number from 0 to 2147483647", text)
		}
		r.Tick = int(n)
	case colFailsafe:
		switch strings.ToLower(text) {
		case "", "0", "false":
		case "1", "true":
			r.Failsafe = true
		default:
			return p.errorf(c.name, "write 1 to declare failsafe at this tick, or leave the cell empty",
				"failsafe %q is not 1, 0, true or false", text)
		}
	case colRecv:
		if text == "" {
			return nil
		}
		kind := p.msgs.kind(p.meta.Inbox)
		v, err := parseRaw(kind, text)
		if err != nil {
			return p.errorf(c.name, unitHint(text, kind, ""), "recv for inbox %s: %v", p.meta.Inbox, err)
		}
		r.Recv = Cell{Raw: v, Set: true}
	case colSensor:
		if text == "" {
			return nil
		}
		s := p.meta.Sensors[c.sensor]
		v, err := parseRaw(s.Kind, text)
		if err != nil {
			return p.errorf(c.name, unitHint(text, s.Kind, s.Unit), "sensor %s: %v", s.Name, err)
		}
		if !inRange(s, v) {
			return p.errorf(c.name, "a scenario must keep sensors inside the range the reflex declares, which its proofs assume",
				"sensor %s = %s is outside its declared range %s .. %s", s.Name, withUnit(s.Kind, s.Unit, v),
				withUnit(s.Kind, s.Unit, s.Lo), withUnit(s.Kind, s.Unit, s.Hi))
		}
		r.Sensors[c.sensor] = Cell{Raw: v, Set: true}
	}
	return nil
}

// unitHint explains how to write a value of the kind.
func unitHint(text, kind, unit string) string {
	switch kind {
	case "bool":
		return "write true, false, 1 or 0"
	case "int":
		return "write a whole number"
	}
	if unit != "" {
		if f := strings.Fields(text); len(f) == 2 && decimal.MatchString(f[0]) {
			return fmt.Sprintf("write the number alone; values are in the declared unit, %s", unit)
		}
		return fmt.Sprintf("write a decimal number in %s, e.g. 2.5", unit)
	}
	return "write a decimal number, e.g. 2.5"
}

// add appends a finished row, checking that ticks ascend.
func (p *parser) add(r Row) *Error {
	if p.seen && r.Tick <= p.last {
		if r.Tick == p.last {
			return p.errorf("tick", "give each tick one row", "tick %d appears twice", r.Tick)
		}
		return p.errorf("tick", "sort the rows by tick", "tick %d comes after tick %d; ticks must ascend", r.Tick, p.last)
	}
	p.seen, p.last = true, r.Tick
	r.Line = p.line
	p.sc.Rows = append(p.sc.Rows, r)
	return nil
}

func (p *parser) newRow() Row { return Row{Sensors: make([]Cell, len(p.meta.Sensors))} }

// ParseCSV parses a CSV scenario for a reflex with the given interface.
// Lines starting with # are comments. On failure the error is an *Error.
func ParseCSV(file string, data []byte, meta ir.Meta, msgs MessageKinds) (*Scenario, error) {
	p := newParser(file, meta, msgs)
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	r.TrimLeadingSpace = true
	var cols []column
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p.line = pe.StartLine
				return nil, p.errorf("", "quote a value that holds a comma or a quote, doubling any quote inside", "malformed CSV: %v", pe.Err)
			}
			return nil, p.errorf("", "", "cannot read the scenario: %v", err)
		}
		p.line, _ = r.FieldPos(0)
		if cols == nil {
			var e *Error
			if cols, e = p.header(rec); e != nil {
				return nil, e
			}
			continue
		}
		if len(rec) != len(cols) {
			return nil, p.errorf("", "every row has one value per column; leave a cell empty to keep the last value",
				"the row has %d values but the header names %d columns", len(rec), len(cols))
		}
		row := p.newRow()
		for i, c := range cols {
			if e := p.set(&row, c, rec[i]); e != nil {
				return nil, e
			}
		}
		if e := p.add(row); e != nil {
			return nil, e
		}
	}
	if cols == nil {
		p.line = 0
		return nil, p.errorf("", "the first row names the columns, e.g. "+example(meta), "the scenario is empty")
	}
	return p.sc, nil
}

// header resolves the header row's columns.
func (p *parser) header(rec []string) ([]column, *Error) {
	cols := make([]column, len(rec))
	seen := map[string]bool{}
	hasTick := false
	for i, name := range rec {
		name = strings.TrimSpace(name)
		c, e := p.column(name)
		if e != nil {
			return nil, e
		}
		if seen[name] {
			return nil, p.errorf(name, "name each column once", "column %s appears twice in the header", name)
		}
		seen[name] = true
		hasTick = hasTick || c.kind == colTick
		cols[i] = c
	}
	if !hasTick {
		return nil, p.errorf("", "the first row names the columns, e.g. "+example(p.meta), "the header has no tick column")
	}
	return cols, nil
}

// example is a header line for the reflex, for hints.
func example(meta ir.Meta) string {
	names := []string{"tick"}
	for _, s := range meta.Sensors {
		names = append(names, s.Name)
	}
	return strings.Join(names, ",")
}
