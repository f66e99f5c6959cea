package syntax

// arena hands out the AST nodes of the hand-written parser from slabs: a
// body of a large reflex holds hundreds of thousands of small nodes, and
// allocating them one by one made the allocator and the garbage collector
// the parser's largest cost. Slabs grow 1, 4, 16, 64, 256 nodes, so a
// one-line expression wastes nothing and a large file allocates one block
// per 256 nodes. A nil *arena allocates every node on its own (the
// declaration-level expressions participle asks for one at a time).
//
// Nodes are never freed individually; they live as long as any node of
// their slab, which is the lifetime of the tree in practice.
type arena struct {
	binaries  []Binary
	unaries   []Unary
	names     []Name
	numbers   []NumberLit
	units     []UnitExpr
	terms     []UnitTerm
	idents    []Ident
	calls     []Call
	parens    []Paren
	types     []TypeExpr
	blocks    []Block
	lets      []LetStmt
	assigns   []AssignStmt
	ifs       []IfStmt
	fors      []ForStmt
	returns   []ReturnStmt
	exprStmts []ExprStmt
	exprLists []Expr // backing of argument lists
	stmtLists []Stmt // backing of statement lists
}

const maxSlab = 256

// take returns a pointer to a fresh zero T from *s, starting a new slab
// when the current one is full.
func take[T any](s *[]T) *T {
	if len(*s) == cap(*s) {
		*s = make([]T, 0, min(max(4*cap(*s), 1), maxSlab))
	}
	*s = (*s)[:len(*s)+1]
	return &(*s)[len(*s)-1]
}

// list copies xs into the backing slab *s and returns the copy, with its
// capacity capped so that appending to it cannot overwrite a neighbour.
// An empty list is nil, as append would leave it.
func list[T any](s *[]T, xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	if cap(*s)-len(*s) < len(xs) {
		*s = make([]T, 0, max(4*maxSlab, len(xs)))
	}
	n := len(*s)
	*s = append(*s, xs...)
	return (*s)[n:len(*s):len(*s)]
}

func (a *arena) binary() *Binary {
	if a == nil {
		return new(Binary)
	}
	return take(&a.binaries)
}

func (a *arena) unary() *Unary {
	if a == nil {
		return new(Unary)
	}
	return take(&a.unaries)
}

func (a *arena) name() *Name {
	if a == nil {
		return new(Name)
	}
	return take(&a.names)
}

func (a *arena) number() *NumberLit {
	if a == nil {
		return new(NumberLit)
	}
	return take(&a.numbers)
}

func (a *arena) unit() *UnitExpr {
	if a == nil {
		return new(UnitExpr)
	}
	return take(&a.units)
}

func (a *arena) ident() *Ident {
	if a == nil {
		return new(Ident)
	}
	return take(&a.idents)
}

func (a *arena) call() *Call {
	if a == nil {
		return new(Call)
	}
	return take(&a.calls)
}

func (a *arena) paren() *Paren {
	if a == nil {
		return new(Paren)
	}
	return take(&a.parens)
}

func (a *arena) typeExpr() *TypeExpr {
	if a == nil {
		return new(TypeExpr)
	}
	return take(&a.types)
}

func (a *arena) block() *Block {
	if a == nil {
		return new(Block)
	}
	return take(&a.blocks)
}

func (a *arena) let() *LetStmt {
	if a == nil {
		return new(LetStmt)
	}
	return take(&a.lets)
}

func (a *arena) assign() *AssignStmt {
	if a == nil {
		return new(AssignStmt)
	}
	return take(&a.assigns)
}

func (a *arena) ifStmt() *IfStmt {
	if a == nil {
		return new(IfStmt)
	}
	return take(&a.ifs)
}

func (a *arena) forStmt() *ForStmt {
	if a == nil {
		return new(ForStmt)
	}
	return take(&a.fors)
}

func (a *arena) returnStmt() *ReturnStmt {
	if a == nil {
		return new(ReturnStmt)
	}
	return take(&a.returns)
}

func (a *arena) exprStmt() *ExprStmt {
	if a == nil {
		return new(ExprStmt)
	}
	return take(&a.exprStmts)
}

func (a *arena) termList(ts []UnitTerm) []UnitTerm {
	if a == nil {
		return append([]UnitTerm(nil), ts...)
	}
	return list(&a.terms, ts)
}

func (a *arena) exprList(xs []Expr) []Expr {
	if a == nil {
		return append([]Expr(nil), xs...)
	}
	return list(&a.exprLists, xs)
}

func (a *arena) stmtList(ss []Stmt) []Stmt {
	if a == nil {
		return append([]Stmt(nil), ss...)
	}
	return list(&a.stmtLists, ss)
}
