package codes

import "github.com/nexusfleet/nexus/internal/diag"

func init() {
	register(
		&Entry{Code: "R001", Severity: diag.Error, Title: "syntax error",
			Explain: `The parser found a token it did not expect. The message names what was found
and, where the grammar allows only a few things, what was expected. Statements end
at the end of a line (or at ';'); a line that ends with an operator such as '+'
continues on the next line. After an error the parser skips the offending
statement and keeps going, so one run reports every independent mistake.`,
			Bad: `reflex hold {
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth = 3 m { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "stop the thruster at 3 m"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth == 3 m { thrust = 0 % } else { thrust = 10 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R002", Severity: diag.Error, Title: "unexpected character",
			Explain: `The source holds a character that is not part of reflex: reflex is written in
ASCII apart from comments and strings. Typographic operators such as '≤', '×' or
'−' (a Unicode minus) are the usual cause; write '<=', '*' and '-'.`,
			Bad: `reflex hold {
    intent "hold"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth ≤ 3 m { thrust = 0 % } else { thrust = 10 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth <= 3 m { thrust = 0 % } else { thrust = 10 % }
    }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R003", Severity: diag.Error, Title: "unterminated string",
			Explain: `A string literal must end with '"' on the line where it starts. Strings hold the
reflex's intent; escape a quote inside one as \".`,
			Bad: `reflex hold {
    intent "hold depth
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick { thrust = 0 % }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold depth"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick { thrust = 0 % }
    on failsafe { thrust = 0 % }
}
`},
		&Entry{Code: "R004", Severity: diag.Error, Title: "construct from another language",
			Explain: `A statement starts with a word that other languages use but reflex does not:
while, loop, elif, var, def, func, switch, match, break, continue. Reflex has no
unbounded loops because every tick must finish within its cycle budget; repeat
work with 'for i in 0..N' (N a constant) or carry progress across ticks in a
'state' variable. The hint gives the reflex spelling.`,
			Bad: `reflex hold {
    intent "hold"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        while depth > 2 m { thrust = 10 % }
    }
    on failsafe { thrust = 0 % }
}
`,
			Fixed: `reflex hold {
    intent "hold"
    sensor depth: num[m] @ 16 range 0 m .. 100 m
    actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 %
    on tick {
        if depth > 2 m { thrust = 10 % } else { thrust = 0 % }
    }
    on failsafe { thrust = 0 % }
}
`},
	)
}
