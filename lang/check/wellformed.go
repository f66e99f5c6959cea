package check

import "github.com/nexusfleet/nexus/lang/syntax"

// A tree from a parse without syntax errors always has the identifiers,
// types and blocks the grammar requires. The parser's error recovery can
// leave them nil; Check skips such declarations and statements instead of
// guarding every use.

// wellFormed returns the declarations whose required parts are present.
func wellFormed(ds []syntax.Decl) []syntax.Decl {
	out := make([]syntax.Decl, 0, len(ds))
	for _, d := range ds {
		if declWellFormed(d) {
			out = append(out, d)
		}
	}
	return out
}

func declWellFormed(d syntax.Decl) bool {
	switch d := d.(type) {
	case *syntax.IntentDecl:
		return d != nil
	case *syntax.TrustDecl:
		return d != nil && d.Value != nil
	case *syntax.AutonomyDecl:
		return d != nil && d.Level != nil
	case *syntax.PeriodDecl:
		return d != nil && d.Value != nil
	case *syntax.IODecl:
		return d != nil && d.Name != nil && d.Type != nil && d.Channel != nil && (d.Range == nil || d.Range.Lo != nil && d.Range.Hi != nil)
	case *syntax.MsgDecl:
		return d != nil && d.Name != nil && d.Type != nil
	case *syntax.VarDecl:
		return d != nil && d.Name != nil
	case *syntax.HandlerDecl:
		return d != nil && d.Event != nil && d.Body != nil
	case *syntax.EveryDecl:
		return d != nil && d.Period != nil && d.Body != nil
	case *syntax.FuncDecl:
		if d == nil || d.Name == nil || d.Body == nil {
			return false
		}
		for _, p := range d.Params {
			if p == nil || p.Name == nil || p.Type == nil {
				return false
			}
		}
		return true
	}
	return false
}

func stmtWellFormed(s syntax.Stmt) bool {
	switch s := s.(type) {
	case *syntax.LetStmt:
		return s != nil && s.Name != nil
	case *syntax.AssignStmt:
		return s != nil && s.Target != nil && s.Value != nil
	case *syntax.IfStmt:
		return s != nil && s.Cond != nil && s.Then != nil
	case *syntax.ForStmt:
		return s != nil && s.Var != nil && s.From != nil && s.To != nil && s.Body != nil
	case *syntax.ReturnStmt:
		return s != nil
	case *syntax.SendStmt:
		return s != nil && s.Box != nil && s.Value != nil
	case *syntax.ReceiveStmt:
		return s != nil && s.Box != nil && s.Var != nil && s.Body != nil
	case *syntax.A2AStmt:
		return s != nil && s.Op != nil
	case *syntax.ExprStmt:
		return s != nil && s.X != nil
	}
	return false
}
