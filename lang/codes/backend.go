package codes

import "github.com/nexusfleet/nexus/internal/diag"

// The back end's codes: a reflex that checks cleanly but cannot be turned
// into a program the node will run. lang/compile reports them and proves
// the examples (compiled with --budget 1000, the budget the R601 text
// names).
func init() {
	registerBackend(
		&Entry{Code: "R600", Severity: diag.Error, Title: "internal compiler error",
			Explain: `The compiler failed after the reflex checked without errors: a later phase
returned an error it should not have, panicked, or produced code the strict
validator rejects. This is a bug in the compiler, not in the reflex. The
message says which phase failed and why. Please report it with the source
file; compiling at another optimisation level (-O0) may avoid it meanwhile.`},
		&Entry{Code: "R601", Severity: diag.Error, Title: "tick exceeds its cycle budget",
			Explain: `Every instruction costs one cycle, and the node gives each activation a fixed
cycle budget (100,000 cycles unless --budget says otherwise). The compiler
computes the worst case of every entry point — the tick with all its every
blocks, init and failsafe — and refuses a program whose worst case is above
the budget, because on the node such a tick would be cut short and the
failsafe would run instead. The diagnostic points at the source that costs
the most cycles on the worst path and lists the next costliest. Unrolled
loops are the usual cause: do less per tick (fewer iterations, a cheaper
body), spread the work over several ticks with a state counter, or raise the
budget if the node's tick allows it. The example is compiled with
--budget 1000.`,
			Bad: `reflex smooth {
    intent "push in proportion to the filtered depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state mean: num[m] = 0 m
    on tick {
        for i in 0..500 {
            mean = mean + (depth - mean) / 8
        }
        thrust = clamp(mean / 1 m * 1 %, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex smooth {
    intent "push in proportion to the filtered depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state mean: num[m] = 0 m
    on tick {
        for i in 0..8 {
            mean = mean + (depth - mean) / 8
        }
        thrust = clamp(mean / 1 m * 1 %, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R602", Severity: diag.Error, Title: "reflex too large to compile",
			Explain: `The reflex lowers to more code than the machine can hold (8,192 instructions).
for loops are unrolled, so nested loops multiply: a loop of 1,000 around a
loop of 100 is 100,000 copies of the body. The diagnostic points at the
outermost loop being unrolled. Use fewer iterations, or split the work over
several ticks with a state counter. At -O2, when only the inliner's copies of
functions make the program too large, it is built again with the calls kept
and R602 comes as a note saying so.`,
			Bad: `reflex smooth {
    intent "push in proportion to the filtered depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state mean: num[m] = 0 m
    on tick {
        for i in 0..1000 {
            for j in 0..100 {
                mean = mean + (depth - mean) / 8
            }
        }
        thrust = clamp(mean / 1 m * 1 %, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex smooth {
    intent "push in proportion to the filtered depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    state mean: num[m] = 0 m
    on tick {
        for i in 0..10 {
            for j in 0..10 {
                mean = mean + (depth - mean) / 8
            }
        }
        thrust = clamp(mean / 1 m * 1 %, -100 %, 100 %)
    }
    on failsafe { thrust = 0 % }
}
`},
	)
}
