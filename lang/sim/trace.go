package sim

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes the trace as CSV: a header `tick,<actuator>…,cycles,
// failsafe`, then one row per tick with the actuator values in their
// declared units, the cycles and the failsafe reason (empty when none).
// Messages sent are not in the CSV form; WriteJSON has them.
func (tr *Trace) WriteCSV(w io.Writer) error {
	b := bufio.NewWriter(w)
	b.WriteString("tick")
	for _, a := range tr.Actuators {
		b.WriteString("," + csvField(a.Name))
	}
	b.WriteString(",cycles,failsafe\n")
	for _, t := range tr.Ticks {
		b.WriteString(strconv.Itoa(t.Tick))
		for i, a := range tr.Actuators {
			b.WriteString("," + FormatRaw(a.Kind, t.Actuators[i]))
		}
		b.WriteString("," + strconv.FormatUint(t.Cycles, 10) + "," + csvField(t.Failsafe) + "\n")
	}
	return b.Flush()
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// WriteJSON writes the trace as one JSON object:
//
//	{"reflex":NAME,"ticks":[{"tick":0,"actuators":{"thrust":-5,…},
//	 "cycles":57,"failsafe":"","sent":[{"outbox":"alert","value":1}]},…]}
//
// followed by a newline. Actuators appear in declaration order; values are
// JSON numbers in the declared unit (bools as true/false); a message sent
// on a channel no outbox names has the key "channel" instead of "outbox".
// One tick per line, so a diff of two traces reads tick by tick.
func (tr *Trace) WriteJSON(w io.Writer) error {
	b := bufio.NewWriter(w)
	b.WriteString(`{"reflex":` + jsonString(tr.Reflex) + `,"ticks":[`)
	for k, t := range tr.Ticks {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n{\"tick\":" + strconv.Itoa(t.Tick) + `,"actuators":{`)
		for i, a := range tr.Actuators {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(a.Name) + ":" + FormatRaw(a.Kind, t.Actuators[i]))
		}
		b.WriteString(`},"cycles":` + strconv.FormatUint(t.Cycles, 10) + `,"failsafe":` + jsonString(t.Failsafe) + `,"sent":[`)
		for i, s := range t.Sent {
			if i > 0 {
				b.WriteByte(',')
			}
			if s.Outbox == "" {
				b.WriteString(`{"channel":` + strconv.Itoa(int(s.Channel)) + `,"value":` + FormatRaw("int", s.Raw) + "}")
				continue
			}
			b.WriteString(`{"outbox":` + jsonString(s.Outbox) + `,"value":` + FormatRaw(tr.Messages.kind(s.Outbox), s.Raw) + "}")
		}
		b.WriteString("]}")
	}
	b.WriteString("\n]}\n")
	return b.Flush()
}

func jsonString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
