package check

import (
	"sort"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/internal/diag"
)

// wrap puts declarations and an `on tick` body into a reflex that is clean
// on its own: an intent, sensors, two actuators with safe values and a
// failsafe.
func wrap(decls, tick string) string {
	return `reflex t {
    intent "test"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    sensor heading: num[deg] @ 17 range 0 deg .. 360 deg
    sensor elapsed: num[ms] @ 18
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    actuator rudder: num[deg] @ 21 range -30 deg .. 30 deg safe 0 deg
` + decls + `
    on tick {
` + tick + `
    }
    on failsafe { thrust = 0 %; rudder = 0 deg }
}
`
}

type ruleCase struct {
	name string
	src  string
	want string // space-separated codes expected (as a set); "" for clean
	msg  string // a substring one diagnostic's message must contain
}

func codesOf(ds diag.List) string {
	seen := map[string]bool{}
	for _, d := range ds {
		seen[d.Code] = true
	}
	var out []string
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func sortedCodes(s string) string {
	f := strings.Fields(s)
	sort.Strings(f)
	return strings.Join(f, " ")
}

func runRules(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, ds := Source("t.reflex", []byte(tc.src))
			if got, want := codesOf(ds), sortedCodes(tc.want); got != want {
				t.Fatalf("codes = %q, want %q\n%s", got, want, render(ds))
			}
			if tc.msg != "" {
				for _, d := range ds {
					if strings.Contains(d.Message, tc.msg) {
						return
					}
				}
				t.Errorf("no message contains %q\n%s", tc.msg, render(ds))
			}
		})
	}
}

func TestNames(t *testing.T) {
	runRules(t, []ruleCase{
		{"clean", wrap("", "thrust = 0 %"), "", ""},
		{"undefined", wrap("", "thrust = depht * 1 %/m"), "R101", "undefined name depht"},
		{"undefined function", wrap("", "thrust = steer(depth)"), "R101", "undefined function steer"},
		{"dup global", wrap("    const depth = 3", "thrust = 0 %"), "R102", "duplicate declaration of depth"},
		{"dup let", wrap("", "let a = 1\n let a = 2\n thrust = num(a) * 1 %"), "R102 R103", "reuses the name"},
		{"shadow global", wrap("", "let depth = 2 m\n thrust = 0 %"), "R102", "let depth reuses the name of sensor depth"},
		{"shadow builtin", wrap("    fn min(a: int) -> int { return a }", "thrust = 0 %"), "R102", "built-in"},
		{"dup header", `reflex t { intent "a"
 intent "b"
 on tick { } }`, "R102", "duplicate `intent`"},
		{"unused let", wrap("", "let unused = 1\n thrust = 0 %"), "R103", "let unused is declared but never used"},
		{"unused const", wrap("    const k = 1", "thrust = 0 %"), "R103", "const k"},
		{"underscore exempt", wrap("    const _k = 1", "thrust = 0 %"), "", ""},
		{"unused fn param", wrap("    fn f(x: int) { }", "f(1)\n thrust = 0 %"), "R103", "parameter x"},
		{"call sensor", wrap("", "thrust = depth(1)"), "R104", "sensor depth is not a function"},
		{"function as value", wrap("    fn f() -> int { return 1 }", "let x = f\n thrust = 0 %"), "R104 R103", "function f is used as a value"},
		{"send to inbox", wrap("    inbox cmd: int", "send cmd(1)\n thrust = 0 %"), "R104", "send needs an outbox"},
		{"receive outbox", wrap("    outbox out: int @ 1", "receive out as v { }\n thrust = 0 %"), "R104 R103", "receive needs the inbox"},
		{"unit stops at a name", wrap("", "thrust = 40 %/m * depth"), "", ""},
		{"unknown unit", wrap("    const k: num[meter] = 1 m", "thrust = k * 1 %/m"), "R105", "meter"},
		{"unknown event", wrap("    on start { thrust = 0 % }", "thrust = 0 %"), "R106", "on start"},
		{"unknown a2a", wrap("", "thrust = 0 %\n a2a reprt_status(1)"), "R107", "reprt_status"},
		{"a2a ok", wrap("", "thrust = 0 %\n a2a report_status(depth, 2)\n a2a declare_intent()"), "", ""},
		{"a2a second not const", wrap("    state n: int = 0", "thrust = 0 %\n n += 1\n a2a tell(1, n)"), "R202", "constant int 0..255"},
		{"a2a second out of range", wrap("", "thrust = 0 %\n a2a tell(1, 256)"), "R202", "constant int 0..255"},
		{"a2a too many", wrap("", "thrust = 0 %\n a2a tell(1, 2, 3)"), "R203", "at most 2"},
	})
}

func TestTypesAndUnits(t *testing.T) {
	runRules(t, []ruleCase{
		{"unit mismatch add", wrap("", "let x = depth + elapsed\n thrust = 0 %"), "R201 R103", "cannot add length (m) and time (ms)"},
		{"unit mismatch compare", wrap("", "if depth < heading { thrust = 0 % } else { thrust = 1 % }"), "R201", "compare"},
		{"unit mismatch assign", wrap("", "thrust = depth"), "R201", "assignment to thrust wants percent (%), found length (m)"},
		{"scale ok", wrap("", "rudder = clamp(num[rad](heading), -0.5 rad, 0.5 rad)\n thrust = 0 %"), "", ""},
		{"mul units", wrap("", "thrust = clamp(depth * 40 %/m, -100 %, 100 %)"), "", ""},
		{"div units", wrap("", "let v = depth / elapsed\n thrust = clamp(v * 1 %*s/m, -100 %, 100 %)"), "", ""},
		{"plain literal", wrap("", "if depth > 2 { thrust = 0 % } else { thrust = 1 % }"), "R208", "plain number 2"},
		{"plain literal assign", wrap("", "thrust = 5"), "R208", "plain number 5"},
		{"plain literal with dimensionless", wrap("", "let g: num = depth / 1 m\n thrust = min(g, 0.5) * 10 % + max(0.5, g, 0.25) * 1 %"), "", ""},
		{"plain var", wrap("    state n: num = 1", "thrust = 0 %\n if depth > n { n = 2 }"), "R201", "with dimensionless"},
		{"int num mix", wrap("    state i: int = 0", "i += 1\n thrust = i * 1 %"), "R204", "cannot mix int and num"},
		{"int to num assign", wrap("    state i: int = 0\n    state x: num = 0", "i += 1\n x = i\n thrust = 0 %"), "R204", "found int"},
		{"num() fixes", wrap("    state i: int = 0\n    state x: num = 0", "i += 1\n x = num(i)\n thrust = x * 1 %"), "", ""},
		{"int() ok", wrap("    state i: int = 0", "i = int(depth / 1 m)\n thrust = 0 %"), "", ""},
		{"bad conv", wrap("", "let x = num[m](heading)\n thrust = 0 %"), "R205 R103", "cannot convert heading"},
		{"num of unit", wrap("", "let x = num(depth)\n thrust = 0 %"), "R205 R103", "cannot convert depth"},
		{"bool conv", wrap("", "let x = bool(1)\n thrust = 0 %"), "R205 R103", ""},
		{"condition", wrap("", "if depth { thrust = 0 % } else { thrust = 1 % }"), "R206", "condition must be bool, found num[m]"},
		{"bool arith", wrap("    state b: bool = false", "b = b + true\n thrust = 0 %"), "R207", "operator + is not defined for bool"},
		{"not number", wrap("", "if not depth { thrust = 0 % } else { thrust = 1 % }"), "R207", "needs a bool operand"},
		{"neg bool", wrap("    state b: bool = false", "b = -b\n thrust = 0 %"), "R207", "cannot negate"},
		{"bool order", wrap("    state b: bool = false", "if b < true { b = true }\n thrust = 0 %"), "R207", "not defined for bool"},
		{"and number", wrap("", "if depth and true { thrust = 0 % } else { thrust = 1 % }"), "R202", "operand of `and` must be bool"},
		{"bool to num", wrap("", "thrust = depth > 1 m"), "R202", "wants num[%], found bool"},
		{"string value", wrap("", "thrust = \"x\""), "R202", "string"},
		{"void value", wrap("    fn f() { }", "let x = f()\n thrust = 0 %"), "R202 R103", "no value"},
		{"arg count", wrap("    fn f(a: num[m]) -> num[%] { return 1 % }", "thrust = f()"), "R203 R103", "takes 1 argument, found 0"},
		{"arg unit", wrap("    fn f(a: num[m]) -> num[%] { return a * 1 %/m }", "thrust = f(heading)"), "R201", "argument a of f wants length (m)"},
		{"arg literal", wrap("    fn f(a: num[m]) -> num[%] { return a * 1 %/m }", "thrust = f(3)"), "R208", "plain number 3"},
		{"clamp args", wrap("", "thrust = clamp(depth)"), "R203", "clamp takes 3"},
		{"min args", wrap("", "thrust = min(1 %)"), "R203", "min takes 2 or more"},
		{"abs args", wrap("", "thrust = abs(1 %, 2 %)"), "R203", "abs takes 1"},
		{"min units", wrap("", "thrust = min(1 %, depth)"), "R201", "in min"},
		{"min scale", wrap("", "rudder = min(heading, 1 rad)\n thrust = 0 %"), "", ""},
		{"return value in handler", wrap("", "thrust = 0 %\n return 1"), "R209", "cannot return a value"},
		{"return missing value", wrap("    fn f() -> int { return }", "thrust = num(f()) * 1 %"), "R209", "must return a int"},
		{"return in void", wrap("    fn f() { return 1 }", "f()\n thrust = 0 %"), "R209", "has no result"},
		{"return unit", wrap("    fn f() -> num[m] { return 1 s }", "thrust = f() * 1 %/m"), "R201", "the result of f wants length (m)"},
		{"return kind", wrap("    fn f() -> num[m] { return true }", "thrust = f() * 1 %/m"), "R209", "returns num[m], found bool"},
		{"compound mul unit", wrap("    state x: num[m] = 0 m", "x *= depth\n thrust = 0 %"), "R201", "would change the unit"},
		{"compound mul ok", wrap("    state x: num[m] = 1 m", "x *= 2\n x /= 0.5\n x += depth\n thrust = 0 %"), "", ""},
		{"compound add unit", wrap("    state x: num[m] = 0 m", "x += elapsed\n thrust = 0 %"), "R201", ""},
		{"int type unit", wrap("    const k: int[m] = 1", "thrust = 0 %"), "R202 R103", "int has no unit"},
		{"untyped adapt", wrap("    const k = 3\n    state i: int = k\n    state x: num = k", "i += k\n x = x * k\n thrust = x * 1 %"), "", ""},
		{"let infer", wrap("", "let a = 3\n let b = 1.5\n let c = a * 2\n thrust = num(c) * b * 1 %"), "", ""},
	})
}

func TestStatementsAndFlow(t *testing.T) {
	runRules(t, []ruleCase{
		{"assign sensor", wrap("", "depth = 1 m\n thrust = 0 %"), "R301", "cannot assign to sensor depth"},
		{"read before write", wrap("", "thrust = thrust + 1 %"), "R302", "actuator thrust is read before it is written in this tick"},
		{"compound before write", wrap("", "thrust += 1 %"), "R302", ""},
		{"write then read", wrap("", "thrust = 1 %\n thrust = thrust + 1 %"), "", ""},
		{"one branch", wrap("", "if depth > 1 m { thrust = 1 % }\n rudder = 0 deg\n thrust = thrust * 2"), "R302", ""},
		{"both branches", wrap("", "if depth > 1 m { thrust = 1 % } else { thrust = 2 % }\n thrust = thrust * 2"), "", ""},
		{"else if chain", wrap("", "if depth > 1 m { thrust = 1 % } else if depth > 2 m { thrust = 3 % } else { thrust = 2 % }\n thrust = thrust * 2"), "", ""},
		{"else if missing else", wrap("", "if depth > 1 m { thrust = 1 % } else if depth > 2 m { thrust = 3 % }\n thrust = thrust * 2"), "R302", ""},
		{"returning branch", wrap("", "if depth > 1 m { return }\n thrust = 1 %\n thrust = thrust * 2"), "", ""},
		{"branch returns after write", wrap("", "if depth > 1 m { thrust = 1 %\n return } else { thrust = 2 % }\n thrust = thrust * 2"), "", ""},
		{"receive body only", wrap("    inbox cmd: num[%]", "receive cmd as v { thrust = v }\n thrust = thrust * 2"), "R302", ""},
		{"receive both", wrap("    inbox cmd: num[%]", "receive cmd as v { thrust = v } else { thrust = 0 % }\n thrust = thrust * 2"), "", ""},
		{"loop writes", wrap("", "for i in 0..3 { thrust = 1 % }\n thrust = thrust * 2"), "", ""},
		{"empty loop writes nothing", wrap("", "for i in 0..0 { thrust = 1 % }\n thrust = thrust * 2"), "R302", ""},
		{"read in function", wrap("    fn f() -> num[%] { return thrust }", "thrust = f()"), "R302", "is read in function f before the function writes it"},
		{"write in function", wrap("    fn f() -> num[%] { thrust = 1 %\n return thrust }", "thrust = f()"), "", ""},
		{"call writes", wrap("    fn f() { thrust = 1 % }", "f()\n thrust = thrust * 2"), "", ""},
		{"read in every", wrap("    every 10 ms { rudder = rudder }", "thrust = 0 %"), "R302", "is read in every 10 ms before it is written there"},
		{"every after tick", wrap("    every 10 ms { rudder = rudder / 2 }", "thrust = 0 %\n rudder = 1 deg"), "", ""},
		{"every after early return", wrap("    every 10 ms { rudder = rudder / 2 }", "thrust = 0 %\n if depth > 1 m { return }\n rudder = 1 deg"), "R302", ""},
		{"read in failsafe", `reflex t { intent "x"
 actuator a: num @ 20 safe 0
 on tick { a = 1 }
 on failsafe { a = a + 1 } }`, "", ""},
		{"read in init", `reflex t { intent "x"
 actuator a: num @ 20 safe 0
 on init { a = a + 1 }
 on tick { a = 1 }
 on failsafe { a = 0 } }`, "R302", ""},
		{"unreachable", wrap("", "thrust = 0 %\n return\n thrust = 1 %"), "R303", "unreachable"},
		{"unreachable after if", wrap("", "if depth > 1 m { thrust = 0 %\n return } else { thrust = 0 %\n return }\n thrust = 1 %"), "R303", ""},
		{"unreachable once", wrap("", "thrust = 0 %\n return\n thrust = 1 %\n thrust = 2 %"), "R303", ""},
		{"recursion direct", wrap("    fn f(n: int) -> int { return f(n) }", "thrust = num(f(1)) * 1 %"), "R304", "function f calls itself"},
		{"recursion mutual", wrap("    fn f(n: int) -> int { return g(n) }\n    fn g(n: int) -> int { return f(n) }", "thrust = num(f(1)) * 1 %"), "R304", "f -> g -> f"},
		{"const cycle", wrap("    const a = b\n    const b = a", "thrust = num(a) * 1 %"), "R304", "defined in terms of itself"},
		{"loop param", wrap("    param n: int = 3", "thrust = 0 %\n for i in 0..n { }"), "R305", "loop bound n is not a compile-time constant"},
		{"loop var", wrap("", "thrust = 0 %\n for i in 0..int(depth / 1 m) { }"), "R305", ""},
		{"loop const", wrap("    const n = 3", "thrust = 0 %\n for i in 0..n { }"), "", ""},
		{"loop num", wrap("", "thrust = 0 %\n for i in 0..2.5 { }"), "R202", "loop bound must be an int"},
		{"expr stmt", wrap("", "thrust = 0 %\n thrust == 1 %"), "R306", "is not a statement"},
		{"builtin stmt", wrap("", "thrust = 0 %\n min(1, 2)"), "R306", "discarded"},
		{"call stmt", wrap("    fn f() -> int { return 1 }", "thrust = 0 %\n f()"), "", ""},
		{"c and", wrap("", "if depth > 1 m && depth < 2 m { thrust = 0 % } else { thrust = 1 % }"), "R307", "write `and`"},
		{"c or", wrap("", "if depth > 1 m || depth < 2 m { thrust = 0 % } else { thrust = 1 % }"), "R307", "write `or`"},
		{"c not", wrap("", "if !(depth > 1 m) { thrust = 0 % } else { thrust = 1 % }"), "R307", "write `not`"},
		{"assign const", wrap("    const k = 1", "k = 2\n thrust = 0 %"), "R308", "cannot assign to const k"},
		{"assign param", wrap("    param k: int = 1", "k = 2\n thrust = 0 %"), "R308", "param k"},
		{"assign loop var", wrap("", "thrust = 0 %\n for i in 0..2 { i = 1 }"), "R308", "loop variable i"},
		{"missing return", wrap("    fn f(x: int) -> int { if x > 1 { return 1 } }", "thrust = num(f(1)) * 1 %"), "R309", "can reach its end"},
		{"return both branches", wrap("    fn f(x: int) -> int { if x > 1 { return 1 } else { return 2 } }", "thrust = num(f(1)) * 1 %"), "", ""},
		{"loop too long", wrap("", "thrust = 0 %\n for i in 0..2000 { }"), "R310", "2000 times"},
	})
}

func TestDeclarations(t *testing.T) {
	runRules(t, []ruleCase{
		{"no tick", `reflex t { intent "x"
 on init { } }`, "R401", "no `on tick`"},
		{"no safe", `reflex t { intent "x"
 actuator a: num @ 20
 on tick { a = 1 }
 on failsafe { a = 0 } }`, "R402", "actuator a has no safe value"},
		{"channel low", wrap("    sensor s: int @ 3", "thrust = num(s) * 1 %"), "R403", "IO channel 3; expected 16..31"},
		{"channel twice", wrap("    sensor s: int @ 16", "thrust = num(s) * 1 %"), "R404", "already used by sensor depth"},
		{"outbox twice", wrap("    outbox a: int @ 1\n    outbox b: int @ 1", "thrust = 0 %\n send a(1)\n send b(2)"), "R404", "outbox channel 1"},
		{"range reversed", wrap("    sensor s: num[m] @ 22 range 10 m .. 0 m", "thrust = s * 1 %/m"), "R405", "empty"},
		{"safe outside", wrap("    actuator a: num[m] @ 22 range 0 m .. 10 m safe 20 m", "thrust = 0 %\n a = 1 m"), "R405", "outside its range"},
		{"rate zero", wrap("    actuator a: num[m] @ 22 safe 0 m rate 0 m", "thrust = 0 %\n a = 1 m"), "R405", "must be positive"},
		{"rate unit", wrap("    actuator a: num[m] @ 22 safe 0 m rate 1 s", "thrust = 0 %\n a = 1 m"), "R201", "rate"},
		{"range unit", wrap("    sensor s: num[m] @ 22 range 0 .. 10 m", "thrust = s * 1 %/m"), "R208", ""},
		{"range scale", wrap("    sensor s: num[m] @ 22 range 0 km .. 1 km", "thrust = s * 1 %/m"), "", ""},
		{"sensor safe", wrap("    sensor s: num[m] @ 22 safe 0 m", "thrust = s * 1 %/m"), "R405", "only actuators"},
		{"trust", `reflex t { intent "x"
 trust 1.5
 on tick { } }`, "R406", "between 0 and 1"},
		{"trust unit", `reflex t { intent "x"
 trust 0.5 m
 on tick { } }`, "R406", ""},
		{"autonomy", `reflex t { intent "x"
 autonomy L6
 on tick { } }`, "R407", "L6"},
		{"two inboxes", wrap("    inbox a: int\n    inbox b: int", "thrust = 0 %\n receive a as x { }\n receive b as y { }"), "R408 R103", "at most one inbox"},
		{"inbox channel", wrap("    inbox a: int @ 3", "thrust = 0 %\n receive a as _x { }"), "R408", "has no channel"},
		{"outbox no channel", wrap("    outbox a: int", "thrust = 0 %\n send a(1)"), "R408", "needs a channel"},
		{"outbox channel range", wrap("    outbox a: int @ 300", "thrust = 0 %\n send a(1)"), "R408", "0..255"},
		{"every not multiple", wrap("    period 10 ms\n    every 25 ms { }", "thrust = 0 %"), "R409", "not a whole multiple"},
		{"every multiple", wrap("    period 10 ms\n    every 1 s { }", "thrust = 0 %"), "", ""},
		{"every not time", wrap("    every 25 m { }", "thrust = 0 %"), "R201", "time"},
		{"period plain", wrap("    period 10", "thrust = 0 %"), "R208", ""},
		{"period zero", wrap("    period 0 ms", "thrust = 0 %"), "R409", "positive"},
		{"no intent", `reflex t {
 on tick { } }`, "R410", "no intent"},
		{"dup tick", wrap("    on tick { }", "thrust = 0 %"), "R411", "duplicate handler"},
		{"state no value", wrap("    state s: int", "s += 1\n thrust = 0 %"), "R412", "needs an initial value"},
		{"state no type", wrap("    state s = 1", "s += 1\n thrust = 0 %"), "R412", "needs a type"},
		{"const infers", wrap("    const s = 1 m", "thrust = s * 1 %/m"), "", ""},
		{"let no value", wrap("", "let x: int\n thrust = num(x) * 1 %"), "R412", "needs a value"},
		{"no failsafe", `reflex t { intent "x"
 actuator a: num @ 20 safe 0
 on tick { a = 1 } }`, "R413", "no `on failsafe`"},
		{"state not const", wrap("    state s: num[m] = depth", "thrust = s * 1 %/m"), "R305", "compile-time constant"},
	})
}

func TestConstants(t *testing.T) {
	runRules(t, []ruleCase{
		{"overflow literal", wrap("", "if depth > 40000 m { thrust = 0 % } else { thrust = 1 % }"), "R501", "outside the num range"},
		{"overflow after conversion", wrap("", "let t: num[ms] = 40 s\n thrust = t * 1 %/s"), "R501", "40000 ms"},
		{"folded ok", wrap("", "if depth > 40000 m / 2 { thrust = 0 % } else { thrust = 1 % }"), "", ""},
		{"overflow folded", wrap("    const big = 20000 m + 20000 m", "thrust = big * 1 %/km"), "R501", ""},
		{"precision", wrap("", "thrust = depth * 0.000001 %/m"), "R502", "rounds to 0"},
		{"precision after conversion", wrap("    state x: num[km] = 0 km", "x = 1 mm\n thrust = 0 %"), "R502", ""},
		{"div zero", wrap("", "thrust = depth / 0 m * 1 %"), "R503", "division by zero"},
		{"div zero folded", wrap("    const z = 2 - 2", "thrust = (1 %) / z"), "R503", ""},
		{"div zero compound", wrap("", "thrust = 1 %\n thrust /= 0"), "R503", ""},
		{"int overflow literal", wrap("    state i: int = 3000000000", "i += 1\n thrust = 0 %"), "R504", ""},
		{"int overflow folded", wrap("    const i = 100000 * 100000", "thrust = num(i) * 1 %"), "R504", "overflows"},
		{"num constant from untyped", wrap("    state x: num = 40000", "x += 1\n thrust = 0 %"), "R501", ""},
	})
}
