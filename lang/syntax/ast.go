package syntax

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Position is a place in a source file: byte offset, 1-based line and
// 1-based column (in bytes, the convention of internal/diag; the language
// server converts to UTF-16 at its edge).
type Position = lexer.Position

// Node carries a node's source range. Pos is its first character; EndPos is
// just past its last character.
type Node struct {
	Pos    Position
	EndPos Position
}

// Span returns the node's source range.
func (n *Node) Span() (start, end Position) { return n.Pos, n.EndPos }

// Spanned is any AST node.
type Spanned interface {
	Span() (start, end Position)
}

// File is one parsed reflex source file.
type File struct {
	Name     string
	Src      []byte
	Reflex   *Reflex   // nil if the file has no reflex unit
	Comments []Comment // every comment, in source order (the formatter keeps them)
}

// Comment is a "//" or "///" comment; Text includes the slashes.
type Comment struct {
	Node
	Text string
}

// Doc reports whether the comment is a doc comment ("///").
func (c Comment) Doc() bool { return strings.HasPrefix(c.Text, "///") }

// Reflex is the unit: `reflex NAME { DECL… }`.
type Reflex struct {
	Node
	Doc   string // the narrative: doc comments before `reflex`
	Name  *Ident `parser:"'reflex' @@ '{'"`
	Decls []Decl `parser:"( ';' | @@ )* '}' ';'*"`
}

// Ident is a name as written.
type Ident struct {
	Node
	Name string `parser:"@Ident"`
}

// Decl is a declaration inside a reflex unit.
type Decl interface {
	Spanned
	decl()
}

// IntentDecl is `intent "…"`: the reflex's natural-language purpose.
type IntentDecl struct {
	Node
	Text *StringLit `parser:"'intent' @@"`
}

// TrustDecl is `trust 0.6`: the minimum trust score needed to deploy.
type TrustDecl struct {
	Node
	Value Expr `parser:"'trust' @@"`
}

// AutonomyDecl is `autonomy L3`: the minimum autonomy level (L0–L5).
type AutonomyDecl struct {
	Node
	Level *Ident `parser:"'autonomy' @@"`
}

// PeriodDecl is `period 10 ms`: the tick period.
type PeriodDecl struct {
	Node
	Value Expr `parser:"'period' @@"`
}

// IODecl is a sensor or actuator bound to a VM IO channel:
// `actuator thrust: num[%] @ 20 range -100 % .. 100 % safe 0 % rate 5 %`.
// The clauses may come in any order; the formatter writes range, safe, rate.
type IODecl struct {
	Node
	Doc     string
	Kind    string    `parser:"@('sensor' | 'actuator')"`
	Name    *Ident    `parser:"@@"`
	Type    *TypeExpr `parser:"':' @@"`
	Channel Expr      `parser:"'@' @@"`
	Range   *Range    `parser:"( 'range' @@"`
	Safe    Expr      `parser:"| 'safe' @@"`
	Rate    Expr      `parser:"| 'rate' @@ )*"`
}

// Range is `LO .. HI`.
type Range struct {
	Node
	Lo Expr `parser:"@@ '..'"`
	Hi Expr `parser:"@@"`
}

// MsgDecl is an outbox (`outbox alert: int @ 7`, a SEND channel) or the
// inbox (`inbox setpoint: num[m]`, the VM's one receive queue).
type MsgDecl struct {
	Node
	Doc     string
	Kind    string    `parser:"@('outbox' | 'inbox')"`
	Name    *Ident    `parser:"@@"`
	Type    *TypeExpr `parser:"':' @@"`
	Channel Expr      `parser:"( '@' @@ )?"`
}

// VarDecl is a param, const or state declaration. Type and Value are
// optional in the grammar so the checker can explain what is missing.
type VarDecl struct {
	Node
	Doc   string
	Kind  string    `parser:"@('param' | 'const' | 'state')"`
	Name  *Ident    `parser:"@@"`
	Type  *TypeExpr `parser:"( ':' @@ )?"`
	Value Expr      `parser:"( '=' @@ )?"`
}

// HandlerDecl is an entry block: `on init`, `on tick` or `on failsafe`.
type HandlerDecl struct {
	Node
	Doc   string
	Event *Ident `parser:"'on' @@"`
	Body  *Block `parser:"@@"`
}

// EveryDecl is a periodic block: `every 100 ms { … }`.
type EveryDecl struct {
	Node
	Doc    string
	Period Expr   `parser:"'every' @@"`
	Body   *Block `parser:"@@"`
}

// FuncDecl is `fn NAME(PARAM, …) -> TYPE { … }`.
type FuncDecl struct {
	Node
	Doc    string
	Name   *Ident    `parser:"'fn' @@"`
	Params []*Param  `parser:"'(' ( @@ ( ',' @@ )* )? ')'"`
	Result *TypeExpr `parser:"( '->' @@ )?"`
	Body   *Block    `parser:"@@"`
}

// Param is one function parameter.
type Param struct {
	Node
	Name *Ident    `parser:"@@"`
	Type *TypeExpr `parser:"':' @@"`
}

func (*IntentDecl) decl()   {}
func (*TrustDecl) decl()    {}
func (*AutonomyDecl) decl() {}
func (*PeriodDecl) decl()   {}
func (*IODecl) decl()       {}
func (*MsgDecl) decl()      {}
func (*VarDecl) decl()      {}
func (*HandlerDecl) decl()  {}
func (*EveryDecl) decl()    {}
func (*FuncDecl) decl()     {}

// Block is `{ STMT… }`, parsed by hand (stmt.go).
type Block struct {
	Node
	Stmts []Stmt
}

// Stmt is a statement.
type Stmt interface {
	Spanned
	stmt()
}

// LetStmt is `let NAME [: TYPE] = VALUE`.
type LetStmt struct {
	Node
	Name  *Ident
	Type  *TypeExpr
	Value Expr
}

// AssignStmt is `TARGET = VALUE` or a compound form (`+=`, `-=`, `*=`, `/=`).
type AssignStmt struct {
	Node
	Target *Ident
	Op     string
	Value  Expr
}

// IfStmt is `if COND { … } [else if … | else { … }]`.
type IfStmt struct {
	Node
	Cond   Expr
	Then   *Block
	ElseIf *IfStmt
	Else   *Block
}

// ForStmt is `for VAR in FROM..TO { … }`; TO is exclusive and both bounds
// must be compile-time constants.
type ForStmt struct {
	Node
	Var  *Ident
	From Expr
	To   Expr
	Body *Block
}

// ReturnStmt is `return [VALUE]`.
type ReturnStmt struct {
	Node
	Value Expr
}

// SendStmt is `send OUTBOX(VALUE)` (the VM's SEND).
type SendStmt struct {
	Node
	Box   *Ident
	Value Expr
}

// ReceiveStmt is `receive INBOX as VAR { … } [else { … }]`: the block runs
// with VAR bound to the next message if one was waiting (the VM's RECV).
type ReceiveStmt struct {
	Node
	Box  *Ident
	Var  *Ident
	Body *Block
	Else *Block
}

// A2AStmt is `a2a NAME(ARGS)`: an agent-to-agent intent opcode.
type A2AStmt struct {
	Node
	Op   *Ident
	Args []Expr
}

// ExprStmt is an expression used as a statement; only calls are allowed,
// which the checker enforces so a mistaken `x == 1` gets a precise message.
type ExprStmt struct {
	Node
	X Expr
}

func (*LetStmt) stmt()     {}
func (*AssignStmt) stmt()  {}
func (*IfStmt) stmt()      {}
func (*ForStmt) stmt()     {}
func (*ReturnStmt) stmt()  {}
func (*SendStmt) stmt()    {}
func (*ReceiveStmt) stmt() {}
func (*A2AStmt) stmt()     {}
func (*ExprStmt) stmt()    {}

// Expr is an expression. Expressions are parsed by a precedence-climbing
// parser (expr.go), not by participle's reflection, for speed.
type Expr interface {
	Spanned
	expr()
}

// NumberLit is a number with an optional unit: `2`, `0.5`, `2 m`, `3 m/s`.
type NumberLit struct {
	Node
	Text string    // as written
	Unit *UnitExpr // nil: no unit
}

// BoolLit is `true` or `false`.
type BoolLit struct {
	Node
	Value bool
}

// StringLit is a double-quoted string.
type StringLit struct {
	Node
	Raw string `parser:"@String"` // with quotes and escapes, as written
}

// Value returns the string's contents with escapes resolved.
func (s *StringLit) Value() string {
	v, err := strconv.Unquote(s.Raw)
	if err != nil {
		return strings.Trim(s.Raw, `"`)
	}
	return v
}

// Name is a reference to a declaration.
type Name struct {
	Node
	Name string
}

// Unary is `-X`, `not X` (or the C spelling `!X`, which the checker rejects
// with a fix).
type Unary struct {
	Node
	Op string
	X  Expr
}

// Binary is `X OP Y`. Op is one of or and == != < <= > >= + - * / and the C
// spellings && || (rejected by the checker with a fix).
type Binary struct {
	Node
	Op    string
	OpPos Position
	X, Y  Expr
}

// Call is `F(ARGS)`: a function or a built-in (min, max, clamp, abs).
type Call struct {
	Node
	Fn   *Ident
	Args []Expr
}

// Conv is an explicit conversion: `int(X)`, `num(X)`, `num[deg](X)`.
type Conv struct {
	Node
	Type *TypeExpr
	X    Expr
}

// Paren is `(X)`; kept so the formatter preserves the author's grouping.
type Paren struct {
	Node
	X Expr
}

func (*NumberLit) expr() {}
func (*BoolLit) expr()   {}
func (*StringLit) expr() {}
func (*Name) expr()      {}
func (*Unary) expr()     {}
func (*Binary) expr()    {}
func (*Call) expr()      {}
func (*Conv) expr()      {}
func (*Paren) expr()     {}

// TypeExpr is `bool`, `int`, `num` or `num[UNIT]`.
type TypeExpr struct {
	Node
	Name string    // bool, int or num
	Unit *UnitExpr // nil: none written
}

// UnitExpr is a unit as written: `m`, `%/m`, `m/s^2`, `1/s`.
type UnitExpr struct {
	Node
	Terms []UnitTerm
}

// UnitTerm is one factor of a unit: Op is "" for the first term, else "*"
// or "/"; Name is a unit name, "%" or "1"; Exp is the exponent (1 if none
// was written).
type UnitTerm struct {
	Node
	Op   string
	Name string
	Exp  int
}

// String spells the unit canonically: terms joined by their operators,
// exponents other than 1 as ^N, no spaces.
func (u *UnitExpr) String() string {
	var b strings.Builder
	for _, t := range u.Terms {
		b.WriteString(t.Op)
		b.WriteString(t.Name)
		if t.Exp != 1 {
			b.WriteString("^")
			b.WriteString(strconv.Itoa(t.Exp))
		}
	}
	return b.String()
}

// String spells the type canonically.
func (t *TypeExpr) String() string {
	if t.Unit == nil {
		return t.Name
	}
	return t.Name + "[" + t.Unit.String() + "]"
}
