package syntax

import (
	"strconv"
	"strings"
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
// string, so a TokBlock's value names its body in this table; Parse removes
// its entries when it returns. The table is shared by concurrent parses
// (the language server checks files in parallel), hence the sync.Map.
var (
	bodies  sync.Map // string -> []lexer.Token
	bodySeq atomic.Uint64
)

func blockTokens(key string) ([]lexer.Token, bool) {
	v, ok := bodies.Load(key)
	if !ok {
		return nil, false
	}
	return v.([]lexer.Token), true
}

// collapse replaces every brace-matched body inside the reflex unit (a "{"
// at depth 1 and its matching "}") by one TokBlock token, so participle —
// which costs about a microsecond per token — walks only the declarations.
// It returns the keys to release. Unmatched braces end collapsing; the
// rest stays raw and Block.Parse reads it from participle's lexer.
func collapse(toks []lexer.Token) ([]lexer.Token, []string) {
	out := make([]lexer.Token, 0, len(toks)/4+16)
	var keys []string
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Type != TokPunct || (t.Value != "{" && t.Value != "}") {
			out = append(out, t)
			continue
		}
		if t.Value == "}" {
			depth--
			out = append(out, t)
			continue
		}
		if depth != 1 {
			depth++
			out = append(out, t)
			continue
		}
		end := matchBrace(toks, i)
		if end < 0 {
			return append(out, toks[i:]...), keys
		}
		var b strings.Builder
		b.WriteString("{#")
		b.WriteString(strconv.FormatUint(bodySeq.Add(1), 10))
		key := b.String()
		bodies.Store(key, toks[i:end+1])
		keys = append(keys, key)
		out = append(out, lexer.Token{Type: TokBlock, Value: key, Pos: t.Pos})
		i = end
	}
	return out, keys
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

func releaseBodies(keys []string) {
	for _, k := range keys {
		bodies.Delete(k)
	}
}
