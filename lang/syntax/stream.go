package syntax

import (
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/participle/v2/lexer"
)

// stream is the token source of the hand-written parsers: participle's
// PeekingLexer for expressions and types inside declarations, or a plain
// slice for collapsed bodies.
type stream interface {
	Peek() *lexer.Token
	Next() *lexer.Token
	mark() int
	reset(int)
}

type peekStream struct {
	pl  *lexer.PeekingLexer
	cps []lexer.Checkpoint
}

func (s *peekStream) Peek() *lexer.Token { return s.pl.Peek() }
func (s *peekStream) Next() *lexer.Token { return s.pl.Next() }
func (s *peekStream) mark() int {
	s.cps = append(s.cps, s.pl.MakeCheckpoint())
	return len(s.cps) - 1
}
func (s *peekStream) reset(i int) { s.pl.LoadCheckpoint(s.cps[i]) }

// sliceStream reads a body's tokens; the last token is always the body's
// closing "}", and reading past it yields that token again.
type sliceStream struct {
	toks []lexer.Token
	i    int
}

func (s *sliceStream) Peek() *lexer.Token {
	if s.i >= len(s.toks) {
		return &s.toks[len(s.toks)-1]
	}
	return &s.toks[s.i]
}

func (s *sliceStream) Next() *lexer.Token {
	t := s.Peek()
	s.i++
	return t
}
func (s *sliceStream) mark() int   { return s.i }
func (s *sliceStream) reset(i int) { s.i = i }

// Bodies handed to participle as single tokens. A token can carry only a
// string, so every TokBlock of one participle run carries that run's key,
// which names its bodyView in this table, and the token's offset picks the
// body. parseTokens removes the entries when it returns. The table is
// shared by concurrent parses (the language server checks files in
// parallel), hence the sync.Map.
var (
	bodySets sync.Map // string -> *bodyView
	bodySeq  atomic.Uint64
)

// bodySet is one parse's collapsed bodies.
//
// In a large file the bodies are parsed on two goroutines (they are
// independent once collapsed): either by two participle runs over the two
// halves of the declarations (see parseHalves), or, when that is not
// possible, by the one participle run, which parses each body when it
// reaches it, and a helper that parses bodies from the last one backwards,
// so that the two meet in the middle. With the helper, each body is claimed
// by exactly one of them through state; a body the helper parsed is handed
// over as its result. Either way a body yields the same nodes and the same
// error.
type bodySet struct {
	toks   []lexer.Token
	bodies []bodySpan // in source order
	views  []*bodyView

	// With a helper: per body, 0 unclaimed, 1 being parsed, 2 parsed by
	// the helper into results.
	state   []atomic.Uint32
	results []bodyResult
	stop    atomic.Bool
	helper  sync.WaitGroup
}

// bodyView is what one participle run sees of a bodySet: its key and the
// parser for the bodies it reaches (one per goroutine).
type bodyView struct {
	set *bodySet
	key string
	p   exprParser
}

type bodyResult struct {
	b   Block
	err error
}

const (
	bodyFree uint32 = iota
	bodyClaimed
	bodyDone
)

// minParallelTokens is the size from which a parse uses a second
// goroutine: below it, starting one costs more than it saves. (A variable
// so that tests can force either path.)
var minParallelTokens = 4096

func parallel(toks []lexer.Token) bool {
	return len(toks) >= minParallelTokens && runtime.GOMAXPROCS(0) > 1
}

// bodySpan is a body's tokens, toks[start:end+1], from "{" to its "}".
type bodySpan struct{ start, end int }

// collapse finds every brace-matched body inside the reflex unit (a "{" at
// depth 1 and its matching "}"); lexer replays toks with each body
// replaced by one TokBlock token, so participle — which costs about a
// microsecond per token — walks only the declarations. Unmatched braces
// end collapsing; the rest stays raw and Block.Parse reads it from
// participle's lexer. The caller must release the set.
func collapse(toks []lexer.Token) *bodySet {
	set := &bodySet{toks: toks}
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Type != TokPunct || (t.Value != "{" && t.Value != "}") {
			continue
		}
		if t.Value == "}" {
			depth--
			continue
		}
		if depth != 1 {
			depth++
			continue
		}
		end := matchBrace(toks, i)
		if end < 0 {
			break
		}
		set.bodies = append(set.bodies, bodySpan{i, end})
		i = end
	}
	return set
}

// view registers a new participle run over the set.
func (set *bodySet) view() *bodyView {
	v := &bodyView{set: set, key: "{#" + strconv.FormatUint(bodySeq.Add(1), 10)}
	v.p.a = new(arena)
	set.views = append(set.views, v)
	bodySets.Store(v.key, v)
	return v
}

// startHelper starts the goroutine parsing bodies from the end.
func (set *bodySet) startHelper() {
	if len(set.bodies) < 2 || !parallel(set.toks) {
		return
	}
	set.state = make([]atomic.Uint32, len(set.bodies))
	set.results = make([]bodyResult, len(set.bodies))
	set.helper.Add(1)
	go set.parseFromEnd()
}

// parseFromEnd is the helper: it parses bodies from the last backwards
// until it meets one already claimed (participle's goroutine claims them
// in order, so every earlier one is taken too) or the parse is over.
func (set *bodySet) parseFromEnd() {
	defer set.helper.Done()
	p := exprParser{a: new(arena)}
	for k := len(set.bodies) - 1; k >= 0 && !set.stop.Load(); k-- {
		if !set.state[k].CompareAndSwap(bodyFree, bodyClaimed) {
			return
		}
		sp := set.bodies[k]
		p.lex = &sliceStream{toks: set.toks[sp.start : sp.end+1]}
		r := &set.results[k]
		r.err = p.block(&r.b)
		set.state[k].Store(bodyDone)
	}
}

func (set *bodySet) release() {
	for _, v := range set.views {
		bodySets.Delete(v.key)
	}
	set.views = nil
	if set.state != nil {
		set.stop.Store(true)
		set.helper.Wait()
		set.state = nil
	}
}

// tokenRange is toks[from:to].
type tokenRange struct{ from, to int }

// lexer replays the tokens of the given ranges, collapsed, then EOF (the
// last token of every token slice).
func (v *bodyView) lexer(ranges ...tokenRange) *collapsedLexer {
	l := &collapsedLexer{v: v, ranges: ranges}
	l.enter()
	return l
}

type collapsedLexer struct {
	v      *bodyView
	ranges []tokenRange
	r      int // current range
	i, k   int // next token, next body
}

func (l *collapsedLexer) enter() {
	if l.r < len(l.ranges) {
		set, from := l.v.set, l.ranges[l.r].from
		l.i = from
		l.k = sort.Search(len(set.bodies), func(k int) bool { return set.bodies[k].start >= from })
	}
}

func (l *collapsedLexer) Next() (lexer.Token, error) {
	set := l.v.set
	for l.r < len(l.ranges) && l.i >= l.ranges[l.r].to {
		l.r++
		l.enter()
	}
	if l.r == len(l.ranges) {
		return set.toks[len(set.toks)-1], nil
	}
	if l.k < len(set.bodies) && set.bodies[l.k].start == l.i {
		b := set.bodies[l.k]
		l.k++
		l.i = b.end + 1
		return lexer.Token{Type: TokBlock, Value: l.v.key, Pos: set.toks[b.start].Pos}, nil
	}
	l.i++
	return set.toks[l.i-1], nil
}

// blockBody parses the body whose TokBlock token is t into b.
func blockBody(t *lexer.Token, b *Block) error {
	val, ok := bodySets.Load(t.Value)
	if !ok {
		return errAt(t, "internal error: lost block body")
	}
	v := val.(*bodyView)
	set := v.set
	k := sort.Search(len(set.bodies), func(k int) bool { return set.toks[set.bodies[k].start].Pos.Offset >= t.Pos.Offset })
	if k == len(set.bodies) || set.toks[set.bodies[k].start].Pos.Offset != t.Pos.Offset {
		return errAt(t, "internal error: lost block body")
	}
	if set.state != nil && !set.state[k].CompareAndSwap(bodyFree, bodyClaimed) {
		for set.state[k].Load() != bodyDone {
			runtime.Gosched() // the helper is parsing it right now
		}
		*b = set.results[k].b
		return set.results[k].err
	}
	sp := set.bodies[k]
	v.p.lex = &sliceStream{toks: set.toks[sp.start : sp.end+1]}
	return v.p.block(b)
}

func matchBrace(toks []lexer.Token, open int) int {
	d := 0
	for j := open; j < len(toks); j++ {
		if toks[j].Type != TokPunct {
			continue
		}
		switch toks[j].Value {
		case "{":
			d++
		case "}":
			d--
			if d == 0 {
				return j
			}
		}
	}
	return -1
}
