package ir

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nexusfleet/nexus/vm/isa"
)

// String prints the program in the text form `nexusc build --emit ir`
// shows: the data layout, then each function's blocks.
func (p *Program) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "; reflex %s\n", p.Meta.Name)
	gs := append([]Global(nil), p.Globals...)
	sort.Slice(gs, func(i, j int) bool { return gs[i].Addr < gs[j].Addr })
	for _, g := range gs {
		fmt.Fprintf(&b, "global %-8s %-24s @%d = %d\n", g.Kind, g.Name, g.Addr, g.Init)
	}
	for _, f := range p.Funcs {
		b.WriteString("\n")
		f.write(&b, p)
	}
	return b.String()
}

// String prints one function.
func (f *Func) String() string {
	var b strings.Builder
	f.write(&b, nil)
	return b.String()
}

func (f *Func) write(b *strings.Builder, p *Program) {
	fmt.Fprintf(b, "%s %s(", f.Kind, f.Name)
	for k, v := range f.Params {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.String())
	}
	b.WriteString(")")
	if f.HasResult {
		b.WriteString(" result")
	}
	b.WriteString(" {\n")
	for _, bl := range f.Blocks {
		fmt.Fprintf(b, "b%d:", bl.ID)
		if len(bl.Preds) > 0 {
			b.WriteString(" ; preds")
			for _, pr := range bl.Preds {
				fmt.Fprintf(b, " b%d", pr.ID)
			}
		}
		b.WriteString("\n")
		for _, in := range bl.Instrs {
			b.WriteString("    ")
			b.WriteString(in.format(p))
			b.WriteString("\n")
		}
		b.WriteString("    ")
		b.WriteString(bl.termString())
		b.WriteString("\n")
	}
	b.WriteString("}\n")
}

func (v Value) String() string {
	if v == 0 {
		return "_"
	}
	return fmt.Sprintf("v%d", v)
}

// String prints the instruction without program context.
func (in *Instr) String() string { return in.format(nil) }

func (in *Instr) format(p *Program) string {
	var s string
	switch in.Op {
	case OpConst:
		s = fmt.Sprintf("const %d", in.Imm)
	case OpCmp:
		s = fmt.Sprintf("cmp.%s %s, %s", strings.ToLower(isa.Cond(in.Imm).String()), in.A, in.B)
	case OpMul, OpDiv:
		s = fmt.Sprintf("%s %s, %s, %d", in.Op, in.A, in.B, in.Imm)
	case OpShr:
		mode := "lsr"
		if in.Imm == 1 {
			mode = "asr"
		}
		s = fmt.Sprintf("shr.%s %s, %s", mode, in.A, in.B)
	case OpRead:
		s = fmt.Sprintf("read %d", in.Imm)
	case OpWrite:
		s = fmt.Sprintf("write %d, %s", in.Imm, in.A)
	case OpLoad:
		s = fmt.Sprintf("load @%d", in.Imm)
	case OpStore:
		s = fmt.Sprintf("store @%d, %s", in.Imm, in.A)
	case OpSend:
		s = fmt.Sprintf("send %d, %s", in.Imm, in.A)
	case OpA2A:
		name := fmt.Sprintf("0x%02x", in.Imm)
		if i := isa.Lookup(isa.Opcode(in.Imm)); i != nil {
			name = i.Name
		}
		s = fmt.Sprintf("a2a %s %s, %d", name, in.A, in.Imm2)
	case OpCall:
		name := fmt.Sprintf("f%d", in.Imm)
		if p != nil && int(in.Imm) >= 0 && int(in.Imm) < len(p.Funcs) {
			name = p.Funcs[in.Imm].Name
		}
		s = "call " + name + "(" + joinValues(in.Args) + ")"
	case OpPhi:
		s = "phi " + joinValues(in.Args)
	default:
		switch in.Op.NumArgs() {
		case 0:
			s = in.Op.String()
		case 1:
			s = fmt.Sprintf("%s %s", in.Op, in.A)
		default:
			s = fmt.Sprintf("%s %s, %s", in.Op, in.A, in.B)
		}
	}
	if in.Dst != 0 {
		s = in.Dst.String() + " = " + s
	}
	if in.Pos.Line > 0 {
		s = fmt.Sprintf("%-36s ; %d:%d", s, in.Pos.Line, in.Pos.Col)
	}
	return s
}

func joinValues(vs []Value) string {
	parts := make([]string, len(vs))
	for k, v := range vs {
		parts[k] = v.String()
	}
	return strings.Join(parts, ", ")
}

func (b *Block) termString() string {
	switch b.Term.Kind {
	case TermJump:
		return fmt.Sprintf("jump b%d", b.Succs[0].ID)
	case TermBranch:
		return fmt.Sprintf("branch %s, b%d, b%d", b.Term.Cond, b.Succs[0].ID, b.Succs[1].ID)
	case TermReturn:
		if b.Term.Val != 0 {
			return "return " + b.Term.Val.String()
		}
		return "return"
	}
	return "halt"
}
