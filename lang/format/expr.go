package format

import (
	"strings"

	"github.com/nexusfleet/nexus/lang/syntax"
	"github.com/nexusfleet/nexus/lang/units"
)

// Binding strength of each binary operator (higher binds tighter), matching
// the parser's precedence table; used only to add parentheses a tree built
// by hand needs (a parsed tree keeps its own as Paren nodes).
var prec = map[string]int{
	"or": 1, "||": 1, "and": 2, "&&": 2,
	"==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
	"+": 5, "-": 5, "*": 6, "/": 6,
}

const (
	precNot  = 3
	precNeg  = 7
	precAtom = 8
)

func exprs(xs []syntax.Expr) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = expr(x)
	}
	return strings.Join(parts, ", ")
}

func expr(x syntax.Expr) string {
	var b strings.Builder
	write(&b, x)
	return b.String()
}

func precOf(x syntax.Expr) int {
	switch x := x.(type) {
	case *syntax.Binary:
		return prec[x.Op]
	case *syntax.Unary:
		if x.Op == "-" {
			return precNeg
		}
		return precNot
	case *syntax.NumberLit:
		if x.Unit != nil {
			return precNeg // `2 m` must not become the left of a unit term
		}
	}
	return precAtom
}

// operand writes x, parenthesized if it binds looser than min.
func operand(b *strings.Builder, x syntax.Expr, min int) {
	if precOf(x) < min {
		b.WriteByte('(')
		write(b, x)
		b.WriteByte(')')
		return
	}
	write(b, x)
}

// endsInUnit reports whether x, printed as an operand that must bind at
// least as tightly as min, ends with a literal's unit.
func endsInUnit(x syntax.Expr, min int) bool {
	if precOf(x) < min {
		return false // parenthesized
	}
	switch x := x.(type) {
	case *syntax.NumberLit:
		return x.Unit != nil
	case *syntax.Unary:
		if x.Op == "-" {
			return endsInUnit(x.X, precNeg)
		}
		return endsInUnit(x.X, precNot)
	case *syntax.Binary:
		return endsInUnit(x.Y, prec[x.Op]+1)
	}
	return false
}

// startsWithUnit reports whether y, printed as the right operand of * or /,
// starts with a known unit name, which the parser would read as more of a
// unit after a literal's unit (`2 m * s` is a literal in m*s). Only a tree
// built by hand has this shape; a parsed one holds the author's Paren.
func startsWithUnit(y syntax.Expr) bool {
	switch y := y.(type) {
	case *syntax.Name:
		return isUnit(y.Name)
	case *syntax.Call:
		return isUnit(y.Fn.Name)
	}
	return false
}

func isUnit(name string) bool {
	_, ok := units.Lookup(name)
	return ok
}

func write(b *strings.Builder, x syntax.Expr) {
	switch x := x.(type) {
	case *syntax.NumberLit:
		b.WriteString(x.Text)
		if x.Unit != nil {
			b.WriteByte(' ')
			b.WriteString(x.Unit.String())
		}
	case *syntax.BoolLit:
		if x.Value {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case *syntax.StringLit:
		b.WriteString(x.Raw)
	case *syntax.Name:
		b.WriteString(x.Name)
	case *syntax.Paren:
		b.WriteByte('(')
		write(b, x.X)
		b.WriteByte(')')
	case *syntax.Unary:
		switch x.Op {
		case "not":
			b.WriteString("not ")
			operand(b, x.X, precNot)
		default: // "-", "!"
			b.WriteString(x.Op)
			if u, ok := x.X.(*syntax.Unary); ok && u.Op == "-" && x.Op == "-" {
				b.WriteByte(' ') // "- -x" reads better than "--x"
			}
			min := precNeg
			if x.Op == "!" {
				min = precNot
			}
			operand(b, x.X, min)
		}
	case *syntax.Binary:
		p := prec[x.Op]
		left, right := p, p+1 // left-associative
		if p == 4 {
			left = 5 // comparisons do not chain
		}
		if (x.Op == "*" || x.Op == "/") && endsInUnit(x.X, left) && startsWithUnit(x.Y) {
			left = precAtom + 1 // `(2 m) * s`: else the unit would take s
		}
		operand(b, x.X, left)
		b.WriteString(" " + x.Op + " ")
		operand(b, x.Y, right)
	case *syntax.Call:
		b.WriteString(x.Fn.Name)
		b.WriteByte('(')
		b.WriteString(exprs(x.Args))
		b.WriteByte(')')
	case *syntax.Conv:
		b.WriteString(x.Type.String())
		b.WriteByte('(')
		write(b, x.X)
		b.WriteByte(')')
	}
}
