package codes

import "github.com/nexusfleet/nexus/internal/diag"

// Codes reported by the type checker (lang/check): names, types and units,
// statements and flow, declarations, constants.
func init() {
	register(
		&Entry{Code: "R101", Severity: diag.Error, Title: "undefined name",
			Explain: `A name is used that no declaration introduces. Every value a reflex reads must
be declared: a sensor, actuator, param, const or state at the reflex level, or
a let, function parameter, loop variable or received message inside a body.
The message names the unknown name; when a declared name is spelled closely
(a typo, a different plural, a letter dropped), the hint suggests it and the
edit replaces it.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if dept > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R102", Severity: diag.Error, Title: "duplicate declaration",
			Explain: `Two declarations introduce the same name where one would hide the other. Reflex
gives every name one meaning within a body: a let, parameter, loop variable or
message variable may not reuse a name that is already visible — not even a
reflex-level one — so a reader (or a reviewing agent) never has to work out
which of two values a name refers to. Header lines (intent, trust, autonomy,
period) may also appear only once. The related span points at the first
declaration; rename one of them.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        let err = depth - 2 m
        let err = err * 2
        thrust = clamp(err * 10 %/m, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        let err = depth - 2 m
        let doubled = err * 2
        thrust = clamp(doubled * 10 %/m, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R103", Severity: diag.Warning, Title: "unused declaration",
			Explain: `A declaration is never referred to. An unused const, param, state, let,
function, parameter, inbox or outbox is usually a sign that the code does not
do what its author meant — a gain that was declared but never applied, a
helper that is never called. It is a warning, not an error. Sensors and
actuators are not reported: they describe how the node is wired. Loop
variables are not reported either, and any name starting with '_' is exempt,
so an intentionally unused parameter can be written _name.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    const kp: num[%/m] = 40 %/m
    on tick {
        thrust = clamp(40 %/m * (depth - 2 m), -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    const kp: num[%/m] = 40 %/m
    on tick {
        thrust = clamp(kp * (depth - 2 m), -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R104", Severity: diag.Error, Title: "wrong kind of name",
			Explain: `A name is used in a way its declaration does not allow: calling a sensor as if
it were a function, using a function or an inbox as a value, sending to an
inbox, receiving from an outbox, assigning to a function. The message says
what the name is; the related span shows its declaration. Sensors and
actuators are values (write depth, not depth()); functions are called
(steer(x)); messages go out with send and come in with receive.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth() > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R105", Severity: diag.Error, Title: "unknown unit",
			Explain: `A unit name is not one reflex knows. Units are written with their standard
symbols — m, s, ms, km, deg, rad, %, kg, A, V — not spelled out: write m, not
meters or meter. The hint suggests the closest known unit. Reflex checks units
so that a metre is never added to a second; an unknown unit cannot be
checked, so it is an error rather than a guess.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[meters] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R106", Severity: diag.Error, Title: "unknown handler event",
			Explain: `A handler is declared for an event that does not exist. A reflex has three
events: 'on init' runs once after deployment, 'on tick' runs every period,
'on failsafe' runs when the node enters its safe state. Names from other
systems (start, setup, loop, update, stop, error) are not events; the hint
suggests the closest one.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
    on ticks { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on init { thrust = 0 % }
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R107", Severity: diag.Error, Title: "unknown A2A operation",
			Explain: `The a2a statement names an operation that is not one of the VM's
agent-to-agent opcodes. The operations are the A2A opcodes of the instruction
set in lower case: declare_intent, assert_goal, verify_outcome,
explain_failure, set_priority, request_resource, release_resource, tell, ask,
delegate, report_status, request_override, require_capability,
declare_sensor_need, declare_actuator_use, check_availability,
reserve_resource, trust_check, autonomy_level_assert, safe_boundary,
rate_limit, emergency_claim, release_claim, verify_authority. An a2a statement
takes at most two arguments: any bool, int or num value, passed to the host,
and an optional constant int 0..255, the opcode's immediate.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = 0 %
        a2a report_stat(depth, 1)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = 0 %
        a2a report_status(depth, 1)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R201", Severity: diag.Error, Title: "unit mismatch",
			Explain: `Two values of different dimensions meet where they must agree: the operands of
+, - and comparisons, the arguments of min, max and clamp, an assignment, a
function argument or a return value. A length cannot be compared with a time,
and a percentage is not a length. The message describes both units. Units of
the same dimension but a different scale (ms and s, deg and rad, km and m)
are fine: they are converted at compile time to the unit of the target (the
left operand, the variable assigned, the parameter). Multiplication and
division combine units instead: 40 %/m * 2 m is 80 %.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 s { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R202", Severity: diag.Error, Title: "type mismatch",
			Explain: `A value of one type is used where another is required: a bool where a number
is expected or the reverse, a string outside the intent, a call to a
function without a result used as a value, an operand of and/or that is not
a bool. Reflex never converts between bool and numbers: write the comparison
(x > 0 m) that produces the bool you mean.`,
			Bad: `reflex hold {
    intent "dive below 1 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state diving: bool = false
    on tick {
        diving = depth
        if diving { thrust = 10 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "dive below 1 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state diving: bool = false
    on tick {
        diving = depth > 1 m
        if diving { thrust = 10 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R203", Severity: diag.Error, Title: "wrong number of arguments",
			Explain: `A call passes a different number of arguments than the function takes. User
functions take exactly their declared parameters; abs takes one argument,
clamp three (the value, the lower bound, the upper bound), min and max two or
more. An a2a statement takes at most two.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    fn push(err: num[m]) -> num[%] {
        return clamp(err * 40 %/m, -100 %, 100 %)
    }
    on tick {
        thrust = push(depth, 2 m)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    fn push(err: num[m]) -> num[%] {
        return clamp(err * 40 %/m, -100 %, 100 %)
    }
    on tick {
        thrust = push(depth - 2 m)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R204", Severity: diag.Error, Title: "int and num mixed without conversion",
			Explain: `An int and a num meet in an operation or an assignment. They are different
machine representations — a 32-bit integer and a Q16.16 fixed-point number —
and converting between them can truncate, so reflex asks for the conversion to
be written: num(i) turns an int into a dimensionless num, int(x) truncates a
num toward zero. Integer literals such as 3 need no conversion: they adapt to
either.`,
			Bad: `reflex pulse {
    intent "ramp the thruster up over 100 ticks"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state count: int = 0
    on tick {
        if count < 100 and depth > 1 m { count += 1 }
        thrust = count * 1 %
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex pulse {
    intent "ramp the thruster up over 100 ticks"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state count: int = 0
    on tick {
        if count < 100 and depth > 1 m { count += 1 }
        thrust = num(count) * 1 %
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R205", Severity: diag.Error, Title: "invalid conversion",
			Explain: `A conversion cannot be done. int(x) turns a num (of any unit) into an int;
num(i) turns an int into a dimensionless num; num[U](x) changes the scale of a
num within its dimension (num[rad](heading) for a heading in degrees, num[s]
for a time in ms). A conversion cannot change a dimension — a length is not an
angle — and there is no conversion to bool: compare instead.`,
			Bad: `reflex steer {
    intent "steer toward north"
    sensor heading: num[deg] @ 16 range 0 deg .. 360 deg
    actuator rudder: num[rad] @ 20 range -0.5 rad .. 0.5 rad safe 0 rad
    on tick {
        rudder = clamp(num[m](heading) / -10, -0.5 rad, 0.5 rad)
    }
    on failsafe { rudder = 0 rad }
}
`,
			Fixed: `reflex steer {
    intent "steer toward north"
    sensor heading: num[deg] @ 16 range 0 deg .. 360 deg
    actuator rudder: num[rad] @ 20 range -0.5 rad .. 0.5 rad safe 0 rad
    on tick {
        rudder = clamp(num[rad](heading) / -10, -0.5 rad, 0.5 rad)
    }
    on failsafe { rudder = 0 rad }
}
`},
		&Entry{Code: "R206", Severity: diag.Error, Title: "condition is not bool",
			Explain: `The condition of an if is not a bool. Reflex has no truthiness: a number is not
true when it is nonzero. Write the comparison you mean, such as depth > 0 m or
count != 0.`,
			Bad: `reflex hold {
    intent "push while below the surface"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "push while below the surface"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 0 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R207", Severity: diag.Error, Title: "operator not defined for the type",
			Explain: `An operator is applied to a type it does not work on: arithmetic or ordering
(< <= > >=) on bools, negation of a bool, not on a number, += on a bool.
Bools combine with and, or and not and compare with == and !=; numbers use the
arithmetic and comparison operators.`,
			Bad: `reflex hold {
    intent "push while shallow"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if not depth { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "push while shallow"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if not (depth > 1 m) { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R208", Severity: diag.Error, Title: "plain number where a unit is required",
			Explain: `A number without a unit meets a value with one: depth > 2 where depth is in
metres. The 2 could mean metres, centimetres or feet; reflex will not guess.
When the plain number is a literal, the edit appends the unit of the other
side (depth > 2 m). Dimensionless factors are still fine in * and /: 2 * depth
is a length.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R209", Severity: diag.Error, Title: "return value mismatch",
			Explain: `A return statement does not match its function: a value returned from a
function declared without a result (or from a handler), no value returned
from a function with one, or a value of another type. Declare the result type
with -> TYPE; a handler ends early with a bare return.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    fn push(err: num[m]) -> num[%] {
        if err > 0 m { return }
        return 0 %
    }
    on tick { thrust = push(depth - 2 m) }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    fn push(err: num[m]) -> num[%] {
        if err > 0 m { return 20 % }
        return 0 %
    }
    on tick { thrust = push(depth - 2 m) }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R301", Severity: diag.Error, Title: "assignment to a sensor",
			Explain: `A sensor is assigned. Sensors are inputs: the VM samples them at the start of
each tick and every read in the tick sees that sample. Writing one would
silently desynchronize the program from the world it observes. Keep a derived
or filtered value in a let or a state instead, and drive outputs through
actuators.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 100 m { depth = 100 m }
        thrust = clamp(40 %/m * (depth - 2 m), -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        let d = min(depth, 100 m)
        thrust = clamp(40 %/m * (d - 2 m), -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R302", Severity: diag.Error, Title: "actuator read before it is written",
			Explain: `An actuator is read before this tick (or this function, or this handler) has
written it on every path. An actuator is an output; reading it before writing
it would see whatever the last tick left there, which is an easy way to build
an accidental integrator or to act on a stale command. The check follows
if/else and receive: a read is allowed only when every path to it has
written the actuator. Inside a function, the actuator must be written earlier
in that same function. Keep a value that must persist across ticks in a
state.`,
			Bad: `reflex ramp {
    intent "ramp the thruster up while deep"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = min(thrust + 5 %, 100 %) } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex ramp {
    intent "ramp the thruster up while deep"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state level: num[%] = 0 %
    on tick {
        if depth > 2 m { level = min(level + 5 %, 100 %) } else { level = 0 % }
        thrust = level
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R303", Severity: diag.Warning, Title: "unreachable code",
			Explain: `A statement can never run because every path before it has returned. It is a
warning: the program is valid, but the dead statement is usually a mistake —
a line meant to run before the return, or a return left over from debugging.
The warning is given once, at the first unreachable statement of a block.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = 0 %
        if depth > 2 m {
            return
            thrust = 20 %
        }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = 0 %
        if depth > 2 m {
            thrust = 20 %
            return
        }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R304", Severity: diag.Error, Title: "recursion",
			Explain: `A function calls itself, directly or through other functions (the related
spans show each call in the cycle). Reflex forbids recursion so that the
compiler can bound the stack depth and the worst-case cycles of every tick:
a reflex that might not finish its tick in time is not deployable. Rewrite
the recursion as a for loop with a constant bound. A const defined in terms
of itself is reported with the same code.`,
			Bad: `reflex approach {
    intent "slow down near the bottom"
    sensor altitude: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    fn slow(d: num[m]) -> num[%] {
        if d < 1 m { return 0 % }
        return slow(d - 1 m)
    }
    on tick { thrust = slow(altitude) }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex approach {
    intent "slow down near the bottom"
    sensor altitude: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    fn slow(d: num[m]) -> num[%] {
        if d < 1 m { return 0 % }
        return clamp(d * 10 %/m, 0 %, 100 %)
    }
    on tick { thrust = slow(altitude) }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R305", Severity: diag.Error, Title: "loop bound is not a compile-time constant",
			Explain: `A for loop's bounds, a channel, a header value or a const, param or state
initial value is not a compile-time constant. Loop bounds must be known when
compiling so the compiler can prove that every tick finishes within its cycle
budget. Use integer literals and const names. A param does not qualify: its
value can be changed when the reflex is deployed, after compilation.`,
			Bad: `reflex average {
    intent "average the depth over a few samples"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    param samples: int = 4
    on tick {
        let sum = 0 m
        for i in 0..samples { sum += depth }
        thrust = clamp(sum / 4 * 10 %/m, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex average {
    intent "average the depth over a few samples"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    const samples = 4
    on tick {
        let sum = 0 m
        for i in 0..samples { sum += depth }
        thrust = clamp(sum / samples * 10 %/m, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R306", Severity: diag.Error, Title: "expression statement is not a call",
			Explain: `An expression stands alone as a statement but is not a call to a function, so
its value is computed and thrown away. The usual cause is x == 1 written where
x = 1 was meant; the edit then replaces == with =. Calls to built-ins (min,
max, clamp, abs) as statements are reported too, since their result is their
only effect.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = 0 %
        if depth > 2 m { thrust == 20 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = 0 %
        if depth > 2 m { thrust = 20 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R307", Severity: diag.Error, Title: "C-style logical operator",
			Explain: `The operators &&, || and ! are written and, or and not in reflex. They are
accepted by the parser only so that this error can point at them and offer
the edit that replaces each with its word.`,
			Bad: `reflex hold {
    intent "push in the middle band"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m && depth < 90 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "push in the middle band"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m and depth < 90 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R308", Severity: diag.Error, Title: "assignment to a constant, param or loop variable",
			Explain: `A const, a param or a for loop's variable is assigned. A const is fixed when
compiling, a param when deploying (the deployer may override its default, the
program may not), and a loop variable counts the iterations of its loop.
Hold a value that changes in a state (kept across ticks) or a let (local to a
block).`,
			Bad: `reflex hold {
    intent "hold depth, deeper when asked"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    inbox deeper: num[m]
    param target: num[m] = 2 m
    on tick {
        receive deeper as d { target = d }
        thrust = clamp(40 %/m * (depth - target), -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth, deeper when asked"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    inbox deeper: num[m]
    state target: num[m] = 2 m
    on tick {
        receive deeper as d { target = d }
        thrust = clamp(40 %/m * (depth - target), -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R309", Severity: diag.Error, Title: "missing return",
			Explain: `A function with a result can reach its closing brace without returning a value.
Every path through the function must end in return VALUE; the usual fix is a
final return after the if that handles the special case.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    fn push(err: num[m]) -> num[%] {
        if err > 0 m { return 20 % }
    }
    on tick { thrust = push(depth - 2 m) }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    fn push(err: num[m]) -> num[%] {
        if err > 0 m { return 20 % }
        return 0 %
    }
    on tick { thrust = push(depth - 2 m) }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R310", Severity: diag.Error, Title: "loop bound too large",
			Explain: `A for loop runs more than 1024 times. A tick has a fixed cycle budget, and a
long loop is the easiest way to exceed it. Spread long work over several
ticks with a state counter, or reduce the count.`,
			Bad: `reflex average {
    intent "average the depth over many samples"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        let sum = 0 m
        for i in 0..2000 { sum += depth / 2000 }
        thrust = clamp(sum * 10 %/m, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex average {
    intent "average the depth over many samples"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        let sum = 0 m
        for i in 0..100 { sum += depth / 100 }
        thrust = clamp(sum * 10 %/m, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R401", Severity: diag.Error, Title: "missing on tick",
			Explain: `The reflex has no 'on tick' handler. A reflex is a control loop: 'on tick'
runs once every period and is where it reads its sensors and drives its
actuators. Without one the reflex would never act.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on init {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R402", Severity: diag.Error, Title: "actuator without a safe value",
			Explain: `An actuator has no 'safe VALUE' clause. The safe value is what the runtime sets
the actuator to the moment the node enters failsafe — a trap, an exhausted
cycle budget, a lost link — before 'on failsafe' runs. Every actuator needs
one, because a failsafe must never leave an output wherever it happened to be.
The edit adds 'safe' with the zero of the actuator's type; check that zero is
really safe for the device.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R403", Severity: diag.Error, Title: "IO channel outside 16..31",
			Explain: `A sensor or actuator is bound to a channel outside 16..31. The VM exposes IO
through the registers R16 to R31 (READ_IO and WRITE_IO), so those are the only
channels a reflex can use; the node's configuration maps them to devices.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 3 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R404", Severity: diag.Error, Title: "channel used twice",
			Explain: `Two sensors or actuators share an IO channel, or two outboxes share a SEND
channel. Each channel is one device (or one message stream); two names for it
would let the program write one device through two names or read a sensor
as if it were another. The related span shows the first use.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 16 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R405", Severity: diag.Error, Title: "invalid range, safe value or rate",
			Explain: `A sensor's or actuator's range, safe value or rate is not valid. Each must be a
constant in the declared unit (or a unit of the same dimension); the range
must have its lower bound first; the safe value must lie inside the range,
since the runtime clamps every write into it; the rate, the largest change per
tick, must be positive. Only actuators have a safe value and a rate, and a
bool has neither a range nor a rate.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 150 % rate 5 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 % rate 5 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R406", Severity: diag.Error, Title: "trust outside 0..1",
			Explain: `The trust line is not a plain number between 0 and 1. It is the minimum trust
score the deploying agent must hold for this reflex to be accepted, on the
fleet's 0..1 scale (0.6 is the threshold of semi-autonomous operation); it is
not a percentage.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    trust 60
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    trust 0.6
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R407", Severity: diag.Error, Title: "autonomy level not L0..L5",
			Explain: `The autonomy line names a level that does not exist. The levels are those of
the fleet's trust engine: L0 disabled, L1 advisory, L2 supervised, L3
semi-autonomous, L4 high autonomy, L5 full autonomy. The reflex is deployed
only to nodes operating at this level or above.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    autonomy L7
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    autonomy L3
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R408", Severity: diag.Error, Title: "inbox or outbox error",
			Explain: `A message declaration is invalid. The VM has one receive queue, so a reflex
has at most one inbox, and an inbox has no channel. An outbox needs a SEND
channel, a byte 0..255. Several kinds of incoming message can share the one
inbox by encoding them in one value.`,
			Bad: `reflex hold {
    intent "hold depth at a commanded target"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    inbox target_in: num[m] @ 3
    state target: num[m] = 2 m
    on tick {
        receive target_in as t { target = t }
        thrust = clamp(40 %/m * (depth - target), -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at a commanded target"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    inbox target_in: num[m]
    state target: num[m] = 2 m
    on tick {
        receive target_in as t { target = t }
        thrust = clamp(40 %/m * (depth - target), -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R409", Severity: diag.Error, Title: "every duration not a multiple of the period",
			Explain: `An every block's duration is not a positive whole multiple of the tick period
(or the period itself is not positive). Every blocks run on the ticks whose
count is a multiple of DURATION / period, so a duration of 25 ms with a 10 ms
period cannot be honoured. Choose a multiple of the period, or change the
period.`,
			Bad: `reflex report {
    intent "report the depth four times a second"
    period 10 ms
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    outbox depth_out: num[m] @ 1
    on tick { thrust = 0 % }
    every 255 ms { send depth_out(depth) }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex report {
    intent "report the depth four times a second"
    period 10 ms
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    outbox depth_out: num[m] @ 1
    on tick { thrust = 0 % }
    every 250 ms { send depth_out(depth) }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R410", Severity: diag.Warning, Title: "missing intent",
			Explain: `The reflex has no intent line. The intent is a one-line, natural-language
statement of what the reflex is for; it travels with the compiled program so
that people and agents reviewing a deployment can check the code against its
purpose. It is a warning, but every reflex should have one.`,
			Bad: `reflex hold {
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "push down while deeper than 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R411", Severity: diag.Error, Title: "duplicate handler",
			Explain: `A handler event is declared twice, such as two 'on tick' blocks. Each event
has one handler so the order of its statements is the order written; merge
the two blocks into one.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick { thrust = 0 % }
    on tick {
        if depth > 2 m { thrust = 20 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = 0 %
        if depth > 2 m { thrust = 20 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R412", Severity: diag.Error, Title: "declaration missing a type or initial value",
			Explain: `A param or state lacks its type or its initial value, a const lacks its value,
or a let lacks its value. A state's initial value is what it holds before the
first tick, a param's is the default the deployer may override, and their
types fix the unit the value is stored in. A const may leave out its type,
which is then taken from the value.`,
			Bad: `reflex count {
    intent "count the ticks spent below 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state deep_ticks: int
    on tick {
        if depth > 2 m { deep_ticks += 1 }
        thrust = 0 %
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex count {
    intent "count the ticks spent below 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state deep_ticks: int = 0
    on tick {
        if depth > 2 m { deep_ticks += 1 }
        thrust = 0 %
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R413", Severity: diag.Error, Title: "missing on failsafe",
			Explain: `The reflex drives actuators but has no 'on failsafe' handler. When the node
enters failsafe — a trap, an exhausted cycle budget, a lost link — the runtime
sets every actuator to its safe value and then runs 'on failsafe', the
reflex's chance to bring the system to rest deliberately. Requiring the
handler makes the author decide what failsafe means for this reflex. The edit
inserts one that writes every actuator's safe value.`,
			Bad: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
}
`,
			Fixed: `reflex hold {
    intent "hold depth at 2 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe {
        thrust = 0 %
    }
}
`},
		&Entry{Code: "R501", Severity: diag.Error, Title: "constant overflows Q16.16",
			Explain: `A constant does not fit a num in its unit. A num is Q16.16 fixed point: it holds
values from -32768 to 32767.99998 in the unit of its type. 40000 m does not
fit, but 40 km does; 90 s fits in num[s] but is 90000 in num[ms], which does
not. Values are converted to the unit of the place they are used (the left
operand, the variable), so the check applies after conversion. Choose a larger
unit, or scale the value.`,
			Bad: `reflex hold {
    intent "hold depth, stop below the limit"
    sensor depth: num[mm] @ 16 range 0 mm .. 30000 mm
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 40 m { thrust = 0 % } else { thrust = 20 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth, stop below the limit"
    sensor depth: num[m] @ 16 range 0 m .. 30 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 40 m { thrust = 0 % } else { thrust = 20 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R502", Severity: diag.Error, Title: "constant loses all precision",
			Explain: `A nonzero constant rounds to zero as a num. The smallest step of Q16.16 is
1/65536 (about 0.0000153) of the unit, so 0.000001 m, or 1 mm in a num[km],
becomes exactly 0 and the program would silently compute with zero. Use a
smaller unit for small quantities (mm rather than m), or scale the value.`,
			Bad: `reflex hold {
    intent "push down very gently"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = clamp(depth * 0.000001 %/m, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "push down very gently"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        thrust = clamp(depth * 0.01 %/m, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R503", Severity: diag.Error, Title: "division by a constant zero",
			Explain: `A division's divisor is a constant that is zero, directly or after folding
(a const defined as 0, an expression such as 2 - 2). The division can never
produce a meaningful value. Divide by the intended nonzero value, or guard a
variable divisor with if.`,
			Bad: `reflex hold {
    intent "push in proportion to depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    const span: num[m] = 0 m
    on tick {
        thrust = clamp(depth / span * 100 %, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "push in proportion to depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    const span: num[m] = 100 m
    on tick {
        thrust = clamp(depth / span * 100 %, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R504", Severity: diag.Error, Title: "int constant overflows 32 bits",
			Explain: `An integer constant, or the folded result of constant integer arithmetic, does
not fit in 32 bits (-2147483648 to 2147483647). The VM's ints are 32-bit
two's complement; a larger constant would wrap silently. Scale the value, or
use a num with a suitable unit.`,
			Bad: `reflex count {
    intent "count ticks from a large offset"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state ticks: int = 3000000000
    on tick {
        ticks += 1
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex count {
    intent "count ticks from a large offset"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state ticks: int = 300000000
    on tick {
        ticks += 1
        if depth > 2 m { thrust = 20 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
	)
}
