package check

import "github.com/nexusfleet/nexus/lang/syntax"

// The checker writes an entry to Info.Types for every expression, to
// Info.Consts for every constant one, to Info.Convert for every scale
// conversion and to Info.Uses and Info.Refs for every name: tens of thousands of map writes in a large file, each a cache
// miss once the maps outgrow the cache, and together the checker's largest
// cost. So the checker does not write them itself: it appends each write to
// a log, in order, and the log is applied to the maps — on a second
// goroutine while the checker goes on, once the file is large enough to
// fill a chunk of the log. Applying the writes in order gives exactly the
// maps direct writes would have.
//
// The checker reads back only one thing: whether an expression's recorded
// type is still an untyped integer constant (setUntyped). It keeps that set
// itself (untyped), updated with every write of a type. (A loop bound's
// message also wants the symbol a name uses, which lookup gives again.)

// tableOp says which write a log entry is.
type tableOp uint8

const (
	opType    tableOp = iota // Types[x] = t, and Consts[x] = {v, t} if k
	opRetype                 // Types[x] = t, and Consts[x].Type = t if present
	opConvert                // Convert[x] = v
	opUse                    // Uses[name] = sym
	opRef                    // Refs[id] = sym
)

type tableWrite struct {
	x   syntax.Expr
	t   Type
	op  tableOp
	k   bool
	v   float64
	sym *Symbol
	id  *syntax.Ident
}

// chunkSize is the number of writes handed to the applying goroutine at a
// time; a file with fewer writes is applied at the end, on the checker's
// goroutine.
const chunkSize = 8192

type tables struct {
	log     []tableWrite // the chunk being filled
	untyped map[syntax.Expr]struct{}

	types   map[syntax.Expr]Type
	consts  map[syntax.Expr]Const
	convert map[syntax.Expr]float64
	uses    map[*syntax.Name]*Symbol
	refs    map[*syntax.Ident]*Symbol
	hint    int // expected number of expressions

	chunks chan []tableWrite // to the applying goroutine; nil until started
	free   chan []tableWrite // emptied chunks back
	done   chan struct{}
}

func newTables(hint int) *tables {
	return &tables{log: make([]tableWrite, 0, chunkSize), untyped: map[syntax.Expr]struct{}{}, hint: hint}
}

// typeOf records Types[x] = o.t and, for a constant, Consts[x].
func (tb *tables) typeOf(x syntax.Expr, o operand) {
	tb.put(tableWrite{x: x, t: o.t, op: opType, k: o.k, v: o.v})
	tb.noteType(x, o.t)
}

// retype records Types[x] = t and the same type on x's constant, if any.
func (tb *tables) retype(x syntax.Expr, t Type) {
	tb.put(tableWrite{x: x, t: t, op: opRetype})
	tb.noteType(x, t)
}

func (tb *tables) convertOf(x syntax.Expr, f float64) {
	tb.put(tableWrite{x: x, op: opConvert, v: f})
}

func (tb *tables) use(x *syntax.Name, s *Symbol) {
	tb.put(tableWrite{x: x, op: opUse, sym: s})
}

func (tb *tables) ref(id *syntax.Ident, s *Symbol) {
	tb.put(tableWrite{id: id, op: opRef, sym: s})
}

// isUntyped reports whether x's recorded type is an untyped integer.
func (tb *tables) isUntyped(x syntax.Expr) bool {
	_, ok := tb.untyped[x]
	return ok
}

func (tb *tables) noteType(x syntax.Expr, t Type) {
	if t.Kind == UntypedInt {
		tb.untyped[x] = struct{}{}
	} else if len(tb.untyped) > 0 {
		delete(tb.untyped, x)
	}
}

func (tb *tables) put(w tableWrite) {
	if len(tb.log) == cap(tb.log) {
		tb.handOff()
	}
	tb.log = append(tb.log, w)
}

// handOff passes the full chunk to the applying goroutine, starting it the
// first time.
func (tb *tables) handOff() {
	if tb.chunks == nil {
		tb.chunks = make(chan []tableWrite, 8)
		tb.free = make(chan []tableWrite, 8)
		tb.done = make(chan struct{})
		go tb.applyAll()
	}
	tb.chunks <- tb.log
	select {
	case tb.log = <-tb.free:
	default:
		tb.log = make([]tableWrite, 0, chunkSize)
	}
}

func (tb *tables) applyAll() {
	defer close(tb.done)
	tb.makeMaps(tb.hint)
	for c := range tb.chunks {
		tb.apply(c)
		select {
		case tb.free <- c[:0]:
		default:
		}
	}
}

func (tb *tables) makeMaps(n int) {
	tb.types = make(map[syntax.Expr]Type, n)
	tb.consts = make(map[syntax.Expr]Const, n/2)
	tb.convert = map[syntax.Expr]float64{}
	tb.uses = make(map[*syntax.Name]*Symbol, n/3)
	tb.refs = make(map[*syntax.Ident]*Symbol, n/8)
}

func (tb *tables) apply(ws []tableWrite) {
	for i := range ws {
		w := &ws[i]
		switch w.op {
		case opType:
			tb.types[w.x] = w.t
			if w.k {
				tb.consts[w.x] = Const{Value: w.v, Type: w.t}
			}
		case opRetype:
			tb.types[w.x] = w.t
			if k, ok := tb.consts[w.x]; ok {
				k.Type = w.t
				tb.consts[w.x] = k
			}
		case opConvert:
			tb.convert[w.x] = w.v
		case opUse:
			tb.uses[w.x.(*syntax.Name)] = w.sym
		case opRef:
			tb.refs[w.id] = w.sym
		}
	}
}

// finish applies what is left and stores the maps in info.
func (tb *tables) finish(info *Info) {
	if tb.chunks == nil {
		var n [opRef + 1]int
		consts := 0
		for i := range tb.log {
			n[tb.log[i].op]++
			if tb.log[i].op == opType && tb.log[i].k {
				consts++
			}
		}
		tb.types = make(map[syntax.Expr]Type, n[opType])
		tb.consts = make(map[syntax.Expr]Const, consts)
		tb.convert = make(map[syntax.Expr]float64, n[opConvert])
		tb.uses = make(map[*syntax.Name]*Symbol, n[opUse])
		tb.refs = make(map[*syntax.Ident]*Symbol, n[opRef])
		tb.apply(tb.log)
	} else {
		tb.chunks <- tb.log
		close(tb.chunks)
		<-tb.done
		tb.chunks = nil
	}
	tb.log = nil
	info.Types, info.Consts, info.Convert = tb.types, tb.consts, tb.convert
	info.Uses, info.Refs = tb.uses, tb.refs
}
