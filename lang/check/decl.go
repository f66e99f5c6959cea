package check

import (
	"math"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
)

// builtins are the functions every reflex can call.
var builtins = map[string]*Symbol{
	"min":   {Name: "min", Kind: SymBuiltin, Index: -1, Channel: -1},
	"max":   {Name: "max", Kind: SymBuiltin, Index: -1, Channel: -1},
	"clamp": {Name: "clamp", Kind: SymBuiltin, Index: -1, Channel: -1},
	"abs":   {Name: "abs", Kind: SymBuiltin, Index: -1, Channel: -1},
}

// headerSeen remembers the first header item of each kind, for R102.
type headerSeen struct {
	intent, trust, autonomy, period syntax.Decl
}

// collect declares every reflex-level name and records the header and the
// handlers. Types are resolved here; values are checked by checkGlobals.
func (c *checker) collect(r *syntax.Reflex) {
	var seen headerSeen
	for _, d := range c.decls {
		switch d := d.(type) {
		case *syntax.IntentDecl:
			if c.dupHeader(&seen.intent, d, "intent") {
				continue
			}
			c.info.Header.HasIntent = true
			if d.Text != nil {
				c.info.Header.Intent = d.Text.Value()
			}
		case *syntax.TrustDecl:
			if !c.dupHeader(&seen.trust, d, "trust") {
				c.checkTrust(d)
			}
		case *syntax.AutonomyDecl:
			if !c.dupHeader(&seen.autonomy, d, "autonomy") {
				c.checkAutonomy(d)
			}
		case *syntax.PeriodDecl:
			if !c.dupHeader(&seen.period, d, "period") {
				c.checkPeriod(d)
			}
		case *syntax.IODecl:
			kind := SymSensor
			if d.Kind == "actuator" {
				kind = SymActuator
			}
			s := c.declareGlobal(d.Name, kind, d.Node)
			s.Type = c.resolveType(d.Type, false)
			if kind == SymActuator && s != nil {
				s.Index = len(c.info.Actuators)
				c.info.Actuators = append(c.info.Actuators, s)
			}
		case *syntax.MsgDecl:
			kind := SymInbox
			if d.Kind == "outbox" {
				kind = SymOutbox
			}
			s := c.declareGlobal(d.Name, kind, d.Node)
			s.Type = c.resolveType(d.Type, false)
		case *syntax.VarDecl:
			kind := map[string]SymKind{"param": SymParam, "const": SymConst, "state": SymState}[d.Kind]
			s := c.declareGlobal(d.Name, kind, d.Node)
			s.varDecl = d
			if d.Type != nil {
				s.Type = c.resolveType(d.Type, false)
			}
		case *syntax.FuncDecl:
			s := c.declareGlobal(d.Name, SymFunc, d.Node)
			s.Func = d
			s.Type = tVoid
			if d.Result != nil {
				s.Type = c.resolveType(d.Result, false)
			}
			for _, p := range d.Params {
				ps := &Symbol{Name: p.Name.Name, Kind: SymFnParam, Ident: p.Name, Decl: p.Node, Index: -1, Channel: -1}
				ps.Type = c.resolveType(p.Type, false)
				s.Params = append(s.Params, ps)
			}
		case *syntax.HandlerDecl:
			c.collectHandler(d)
		case *syntax.EveryDecl:
			c.info.Handlers.Every = append(c.info.Handlers.Every, d)
			c.info.Handlers.EveryTicks = append(c.info.Handlers.EveryTicks, 0)
		}
	}
}

// dupHeader reports a second header item of the same kind.
func (c *checker) dupHeader(first *syntax.Decl, d syntax.Decl, what string) bool {
	if *first == nil {
		*first = d
		return false
	}
	e := c.report("R102", d, "duplicate `"+what+"`: the reflex already has one")
	e.Related = []diag.Related{{Span: c.span(*first), Message: "first `" + what + "` here"}}
	e.Hint = "keep one `" + what + "` line"
	return true
}

var events = []string{"init", "tick", "failsafe"}

func (c *checker) collectHandler(d *syntax.HandlerDecl) {
	h := &c.info.Handlers
	var slot **syntax.HandlerDecl
	switch d.Event.Name {
	case "init":
		slot = &h.Init
	case "tick":
		slot = &h.Tick
	case "failsafe":
		slot = &h.Failsafe
	default:
		e := c.report("R106", d.Event, "unknown handler event `on "+d.Event.Name+"`; expected init, tick or failsafe")
		if s, ok := diag.Suggest(d.Event.Name, events); ok {
			e.Hint = "did you mean `on " + s + "`?"
			e.Edits = []diag.Edit{{Span: c.span(d.Event), NewText: s}}
		} else {
			e.Hint = "`on init` runs once at start, `on tick` every period, `on failsafe` when the node enters its safe state"
		}
		return
	}
	if *slot != nil {
		e := c.report("R411", d, "duplicate handler `on "+d.Event.Name+"`")
		e.Related = []diag.Related{{Span: c.span(*slot), Message: "first `on " + d.Event.Name + "` here"}}
		e.Hint = "merge the two blocks into one"
		return
	}
	*slot = d
}

// declareGlobal declares a reflex-level name. A duplicate is reported and
// gets a fresh symbol that is not entered in the scope, so checking can
// continue.
func (c *checker) declareGlobal(id *syntax.Ident, kind SymKind, decl syntax.Node) *Symbol {
	s := &Symbol{Name: id.Name, Kind: kind, Ident: id, Decl: decl, Index: -1, Channel: -1}
	c.info.Defs[id] = s
	c.info.Symbols = append(c.info.Symbols, s)
	if prev, dup := c.info.Globals[id.Name]; dup {
		e := c.report("R102", id, "duplicate declaration of "+id.Name+": already declared as a "+prev.Kind.String())
		e.Related = c.declaredHere(prev)
		e.Hint = "rename one of them"
		s.used = true // do not also warn that the duplicate is unused
		return s
	}
	if _, isBuiltin := builtins[id.Name]; isBuiltin {
		e := c.report("R102", id, kind.String()+" "+id.Name+" redeclares the built-in function "+id.Name)
		e.Hint = "pick another name; " + id.Name + " is always available"
		s.used = true
		return s
	}
	c.info.Globals[id.Name] = s
	return s
}

// checkTrust validates `trust V`: a plain constant 0..1.
func (c *checker) checkTrust(d *syntax.TrustDecl) {
	t, v, ok := c.constExpr(d.Value)
	if !ok {
		return
	}
	if !(t.Kind == UntypedInt || t.Kind == Num && isOne(t.Unit)) || v < 0 || v > 1 {
		e := c.report("R406", d.Value, "trust must be a plain number between 0 and 1, found "+c.text(d.Value))
		e.Hint = "trust is the minimum trust score needed to deploy, e.g. `trust 0.6`"
		return
	}
	c.info.Header.Trust = v
}

var autonomyLevels = []string{"L0", "L1", "L2", "L3", "L4", "L5"}

func (c *checker) checkAutonomy(d *syntax.AutonomyDecl) {
	for i, l := range autonomyLevels {
		if d.Level.Name == l {
			c.info.Header.Autonomy = i
			return
		}
	}
	e := c.report("R407", d.Level, "autonomy level "+d.Level.Name+" does not exist; expected one of L0 to L5")
	const levels = "L0 disabled, L1 advisory, L2 supervised, L3 semi-autonomous, L4 high autonomy, L5 full autonomy"
	// A number past the top (L7, L10) means "the most autonomy", not a typo
	// of the nearest spelling.
	if n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(d.Level.Name), "L")); err == nil && n > 5 {
		e.Hint = "the highest level is L5 (" + levels + ")"
		e.Edits = []diag.Edit{{Span: c.span(d.Level), NewText: "L5"}}
		return
	}
	if s, ok := diag.Suggest(d.Level.Name, autonomyLevels); ok {
		e.Hint = "did you mean " + s + "?"
		e.Edits = []diag.Edit{{Span: c.span(d.Level), NewText: s}}
	} else {
		e.Hint = levels
	}
}

// checkPeriod validates `period D`: a positive time constant.
func (c *checker) checkPeriod(d *syntax.PeriodDecl) {
	if sec, ok := c.duration(d.Value, "the tick period"); ok {
		c.info.Header.Period = sec
	}
}

// duration folds a time constant into seconds, reporting a value that is
// not a positive time.
func (c *checker) duration(x syntax.Expr, what string) (float64, bool) {
	t, v, ok := c.constExpr(x)
	if !ok {
		return 0, false
	}
	if !c.assignable(x, t, tTimeMilli, what) {
		return 0, false
	}
	sec := v * c.factorTo(t, tTimeSecond)
	if sec <= 0 {
		c.report("R409", x, what+" must be a positive time, found "+c.text(x))
		return 0, false
	}
	return sec, true
}

// constExpr types x and requires it to fold to a constant.
func (c *checker) constExpr(x syntax.Expr) (Type, float64, bool) {
	o := c.eval(x)
	if o.t.Kind == Invalid {
		return o.t, 0, false
	}
	if !o.k {
		c.report("R305", x, c.text(x)+" is not a compile-time constant").Hint =
			"use literals and `const` names here"
		return o.t, 0, false
	}
	return o.t, o.v, true
}

// checkGlobals checks the values attached to reflex-level declarations:
// channels, range/safe/rate, const/param/state values, every durations.
func (c *checker) checkGlobals() {
	ioChans := map[int]*Symbol{}
	outChans := map[int]*Symbol{}
	var inbox *Symbol
	for _, d := range c.decls {
		switch d := d.(type) {
		case *syntax.IODecl:
			s := c.info.Defs[d.Name]
			c.checkIO(d, s, ioChans)
		case *syntax.MsgDecl:
			s := c.info.Defs[d.Name]
			c.checkMsg(d, s, outChans, &inbox)
		case *syntax.VarDecl:
			c.resolveVar(c.info.Defs[d.Name])
		}
	}
	for i, e := range c.info.Handlers.Every {
		sec, ok := c.duration(e.Period, "the every duration")
		if !ok {
			continue
		}
		p := c.info.Header.Period
		ticks := sec / p
		n := math.Round(ticks)
		if n < 1 || math.Abs(ticks-n) > 1e-9*n {
			e := c.report("R409", e.Period, "every "+c.text(e.Period)+" is not a whole multiple of the tick period ("+formatFloat(p*1000)+" ms)")
			e.Hint = "use a multiple of the period, e.g. every " + formatFloat(math.Max(1, n)*p*1000) + " ms"
			continue
		}
		if n > math.MaxInt32 {
			c.report("R409", e.Period, "every "+c.text(e.Period)+" is too long: more than 2^31 ticks")
			continue
		}
		c.info.Handlers.EveryTicks[i] = int(n)
	}
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// channel folds a channel expression into an int.
func (c *checker) channel(x syntax.Expr) (int, bool) {
	t, v, ok := c.constExpr(x)
	if !ok {
		return 0, false
	}
	if t.Kind != Int && t.Kind != UntypedInt {
		c.report("R202", x, "a channel must be a constant integer, found "+t.String())
		return 0, false
	}
	c.setUntyped(x, tInt)
	return int(v), true
}

func (c *checker) checkIO(d *syntax.IODecl, s *Symbol, used map[int]*Symbol) {
	if ch, ok := c.channel(d.Channel); ok {
		switch {
		case ch < 16 || ch > 31:
			e := c.report("R403", d.Channel, d.Kind+" "+d.Name.Name+" uses IO channel "+strconv.Itoa(ch)+"; expected 16..31")
			e.Hint = "the VM maps sensors and actuators to registers R16..R31"
		case used[ch] != nil:
			e := c.report("R404", d.Channel, "IO channel "+strconv.Itoa(ch)+" is already used by "+used[ch].Kind.String()+" "+used[ch].Name)
			e.Related = c.declaredHere(used[ch])
			e.Hint = "give each sensor and actuator its own channel"
		default:
			used[ch] = s
			s.Channel = ch
		}
	}
	t := s.Type
	if t.Kind == Invalid {
		return
	}
	if d.Range != nil {
		if t.Kind == Bool {
			c.report("R405", d.Range, "a bool "+d.Kind+" has no range").Hint = "delete the range clause"
		} else {
			s.Lo = c.ioConst(d.Range.Lo, t, "the range of "+d.Name.Name)
			s.Hi = c.ioConst(d.Range.Hi, t, "the range of "+d.Name.Name)
			if s.Lo != nil && s.Hi != nil && s.Lo.Value > s.Hi.Value {
				e := c.report("R405", d.Range, "the range of "+d.Name.Name+" is empty: "+c.text(d.Range.Lo)+" is above "+c.text(d.Range.Hi))
				e.Hint = "write the lower bound first"
			}
		}
	}
	if d.Safe != nil {
		if s.Kind != SymActuator {
			c.report("R405", d.Safe, "only actuators have a safe value; sensor "+d.Name.Name+" cannot").Hint = "delete the safe clause"
		} else if s.Safe = c.ioConst(d.Safe, t, "the safe value of "+d.Name.Name); s.Safe != nil && s.Lo != nil && s.Hi != nil &&
			s.Lo.Value <= s.Hi.Value && (s.Safe.Value < s.Lo.Value || s.Safe.Value > s.Hi.Value) {
			// (An empty range is reported once, above, not again here.)
			e := c.report("R405", d.Safe, "the safe value "+c.text(d.Safe)+" of "+d.Name.Name+" is outside its range "+c.text(d.Range))
			e.Hint = "the safe value is what the actuator is set to on failure; it must be a value the actuator accepts"
		}
	} else if s.Kind == SymActuator {
		e := c.report("R402", d.Name, "actuator "+d.Name.Name+" has no safe value")
		e.Hint = "add `safe VALUE` (the value it takes on failure), e.g. `safe " + zeroOf(t) + "`"
		if ins := zeroOf(t); ins != "" {
			e.Edits = []diag.Edit{c.insertAt(d.EndPos, " safe "+ins)}
		}
	}
	if d.Rate != nil {
		switch {
		case s.Kind != SymActuator:
			c.report("R405", d.Rate, "only actuators have a rate limit; sensor "+d.Name.Name+" cannot").Hint = "delete the rate clause"
		case t.Kind == Bool:
			c.report("R405", d.Rate, "a bool actuator has no rate limit").Hint = "delete the rate clause"
		default:
			if s.Rate = c.ioConst(d.Rate, t, "the rate of "+d.Name.Name); s.Rate != nil && s.Rate.Value <= 0 {
				c.report("R405", d.Rate, "the rate of "+d.Name.Name+" must be positive, found "+c.text(d.Rate)).Hint =
					"rate is the largest change per tick"
				s.Rate = nil
			}
		}
	}
}

// zeroOf spells a zero of type t, for hints and edits.
func zeroOf(t Type) string {
	switch t.Kind {
	case Bool:
		return "false"
	case Int:
		return "0"
	case Num:
		if isOne(t.Unit) {
			return "0"
		}
		return "0 " + t.Unit.String()
	}
	return ""
}

// ioConst folds a range/safe/rate value into the declared type.
func (c *checker) ioConst(x syntax.Expr, want Type, what string) *Const {
	t, v, ok := c.constExpr(x)
	if !ok || !c.assignable(x, t, want, what) {
		return nil
	}
	v = c.materialize(x, t, v, want)
	return &Const{Value: v, Type: want}
}

func (c *checker) checkMsg(d *syntax.MsgDecl, s *Symbol, used map[int]*Symbol, inbox **Symbol) {
	if s.Kind == SymInbox {
		if *inbox != nil {
			e := c.report("R408", d, "a reflex has at most one inbox; "+(*inbox).Name+" is already declared")
			e.Related = c.declaredHere(*inbox)
			e.Hint = "the VM has one receive queue; send one kind of message, or encode several in one value"
		} else {
			*inbox = s
		}
		if d.Channel != nil {
			e := c.report("R408", d.Channel, "inbox "+d.Name.Name+" has no channel: the VM has one receive queue")
			e.Hint = "delete `@ " + c.text(d.Channel) + "`"
			a, _ := d.Type.Span()
			_, b := d.Channel.Span()
			_, te := d.Type.Span()
			_ = a
			e.Edits = []diag.Edit{{Span: c.spanAt(te, b), NewText: ""}}
		}
		return
	}
	if d.Channel == nil {
		e := c.report("R408", d.Name, "outbox "+d.Name.Name+" needs a channel 0..255")
		e.Hint = "write `outbox " + d.Name.Name + ": " + c.text(d.Type) + " @ N`"
		return
	}
	ch, ok := c.channel(d.Channel)
	if !ok {
		return
	}
	switch {
	case ch < 0 || ch > 255:
		c.report("R408", d.Channel, "outbox "+d.Name.Name+" uses channel "+strconv.Itoa(ch)+"; expected 0..255").Hint =
			"SEND channels are one byte"
	case used[ch] != nil:
		e := c.report("R404", d.Channel, "outbox channel "+strconv.Itoa(ch)+" is already used by outbox "+used[ch].Name)
		e.Related = c.declaredHere(used[ch])
		e.Hint = "give each outbox its own channel"
	default:
		used[ch] = s
		s.Channel = ch
	}
}

// resolveVar checks a const, param or state declaration's value, once;
// consts may refer to other consts in any order, and a cycle is reported.
func (c *checker) resolveVar(s *Symbol) {
	switch s.resolved {
	case 2:
		return
	case 1:
		e := c.report("R304", s.Ident, s.Kind.String()+" "+s.Name+" is defined in terms of itself")
		e.Hint = "give it a value that does not depend on it"
		s.Type = tInvalid
		return
	}
	s.resolved = 1
	defer func() { s.resolved = 2 }()
	d := s.varDecl
	if d.Value == nil {
		e := c.report("R412", d, d.Kind+" "+s.Name+" needs an initial value")
		e.Hint = "write `" + d.Kind + " " + s.Name + ": TYPE = VALUE`"
		if d.Type == nil {
			s.Type = tInvalid
		}
		return
	}
	saved := c.body
	c.body = nil // initializers are not inside a body
	o := c.eval(d.Value)
	t := o.t
	c.body = saved
	if t.Kind == Invalid {
		if d.Type == nil {
			s.Type = tInvalid
		}
		return
	}
	if !o.k {
		e := c.report("R305", d.Value, "the value of "+d.Kind+" "+s.Name+" must be a compile-time constant")
		e.Hint = "use literals and `const` names; compute changing values in a handler"
		if d.Type == nil {
			s.Type = defaultType(t)
		}
		return
	}
	want := s.Type
	if d.Type == nil && s.Kind != SymConst {
		e := c.report("R412", d.Name, d.Kind+" "+s.Name+" needs a type")
		e.Hint = "write `" + d.Kind + " " + s.Name + ": " + defaultType(t).String() + " = " + c.text(d.Value) + "`; only a const infers its type"
		e.Edits = []diag.Edit{c.insertAt(d.Name.EndPos, ": "+defaultType(t).String())}
	}
	if d.Type == nil {
		want = t
		if s.Kind != SymConst || t.Kind != UntypedInt {
			want = defaultType(t)
		}
		s.Type = want
	}
	if want.Kind == Invalid || !c.assignable(d.Value, t, want, d.Kind+" "+s.Name) {
		return
	}
	v := o.v
	if want.Kind != UntypedInt {
		v = c.materialize(d.Value, t, v, want)
	}
	s.Value = &Const{Value: v, Type: want}
}

// defaultType is the type an untyped constant takes when nothing else
// decides: int.
func defaultType(t Type) Type {
	if t.Kind == UntypedInt {
		return tInt
	}
	return t
}
