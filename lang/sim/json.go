package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/nexusfleet/nexus/lang/ir"
)

// ParseJSON parses a JSON scenario: an array of row objects whose keys are
// the CSV columns, e.g. [{"tick":0,"depth":2.5,"recv":1.5}]. A value is a
// number, a bool, a string holding either, or null (an empty cell). Errors
// name the line and the row's index in the array.
func ParseJSON(file string, data []byte, meta ir.Meta, msgs MessageKinds) (*Scenario, error) {
	p := newParser(file, meta, msgs)
	j := &jsonReader{p: p, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	j.dec.UseNumber()
	if e := j.parse(); e != nil {
		return nil, e
	}
	return p.sc, nil
}

type jsonReader struct {
	p    *parser
	data []byte
	dec  *json.Decoder
}

// at moves the parser's line to the next token after the decoder's offset.
func (j *jsonReader) at() {
	off := int(j.dec.InputOffset())
	for off < len(j.data) && bytes.IndexByte([]byte(" \t\r\n,:"), j.data[off]) >= 0 {
		off++
	}
	j.p.line = 1 + bytes.Count(j.data[:min(off, len(j.data))], []byte("\n"))
}

// token reads the next token, turning decoder errors into positioned ones.
func (j *jsonReader) token() (json.Token, *Error) {
	j.at()
	t, err := j.dec.Token()
	if err == nil {
		return t, nil
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		j.p.line = 1 + bytes.Count(j.data[:min(int(se.Offset), len(j.data))], []byte("\n"))
		return nil, j.p.errorf("", "", "malformed JSON: %v", se)
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return nil, j.p.errorf("", "close every [ and {", "the JSON ends too early")
	}
	return nil, j.p.errorf("", "", "malformed JSON: %v", err)
}

func (j *jsonReader) parse() *Error {
	p := j.p
	t, e := j.token()
	if e != nil {
		if len(bytes.TrimSpace(j.data)) == 0 {
			p.line = 0
			return p.errorf("", `a JSON scenario is an array of rows, e.g. [{"tick":0}]`, "the scenario is empty")
		}
		return e
	}
	if t != json.Delim('[') {
		return p.errorf("", `a JSON scenario is an array of rows, e.g. [{"tick":0}]`, "expected [ at the start of the scenario, found %s", describe(t))
	}
	for p.row = 0; j.dec.More(); p.row++ {
		if e := j.object(); e != nil {
			return e
		}
	}
	if _, e := j.token(); e != nil { // the closing ]
		return e
	}
	p.row = -1
	j.at()
	if _, err := j.dec.Token(); err != io.EOF {
		return p.errorf("", "a scenario is one array", "unexpected text after the closing ]")
	}
	return nil
}

// object reads one row object.
func (j *jsonReader) object() *Error {
	p := j.p
	t, e := j.token()
	if e != nil {
		return e
	}
	rowLine := p.line
	if t != json.Delim('{') {
		return p.errorf("", `each row is an object, e.g. {"tick":0}`, "expected a row object, found %s", describe(t))
	}
	row := p.newRow()
	seen := map[string]bool{}
	for j.dec.More() {
		t, e := j.token()
		if e != nil {
			return e
		}
		key, _ := t.(string)
		c, ce := p.column(key)
		if ce != nil {
			return ce
		}
		if seen[key] {
			return p.errorf(key, "give each key once per row", "key %s appears twice in the row", key)
		}
		seen[key] = true
		v, e := j.token()
		if e != nil {
			return e
		}
		text, ok := "", true
		switch v := v.(type) {
		case json.Number:
			text = v.String()
		case bool:
			text = fmt.Sprint(v)
		case string:
			text = v
		case nil:
		default:
			ok = false
		}
		if !ok {
			return p.errorf(key, "write a number, true/false, a string or null", "key %s holds %s, not a value", key, describe(v))
		}
		if c.kind == colTick && v == nil {
			text = ""
		}
		if e := p.set(&row, c, text); e != nil {
			return e
		}
	}
	if _, e := j.token(); e != nil { // the closing }
		return e
	}
	if !seen["tick"] {
		p.line = rowLine
		return p.errorf("tick", `every row names its tick, e.g. {"tick":0}`, "the row has no tick")
	}
	p.line = rowLine
	return p.add(row)
}

func describe(t json.Token) string {
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '[':
			return "an array"
		case '{':
			return "an object"
		}
		return string(t)
	case string:
		return fmt.Sprintf("the string %q", t)
	case nil:
		return "null"
	}
	return fmt.Sprint(t)
}
