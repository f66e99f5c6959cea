package vm

// ring is a fixed-capacity FIFO allocated once by New, so that SEND, RECV
// and INTERRUPT never allocate in the dispatch loop.
type ring[T any] struct {
	buf  []T
	head int // index of the oldest element
	n    int // number of elements
}

func newRing[T any](capacity int) ring[T] { return ring[T]{buf: make([]T, capacity)} }

// push appends v, reporting false (and changing nothing) when full.
func (r *ring[T]) push(v T) bool {
	if r.n == len(r.buf) {
		return false
	}
	k := r.head + r.n
	if k >= len(r.buf) {
		k -= len(r.buf)
	}
	r.buf[k] = v
	r.n++
	return true
}

// pop removes and returns the oldest element.
func (r *ring[T]) pop() (T, bool) {
	var zero T
	if r.n == 0 {
		return zero, false
	}
	v := r.buf[r.head]
	r.buf[r.head] = zero
	r.head++
	if r.head == len(r.buf) {
		r.head = 0
	}
	r.n--
	return v, true
}

func (r *ring[T]) clear() {
	clear(r.buf)
	r.head, r.n = 0, 0
}

// slice returns a copy of the contents, oldest first; never nil.
func (r *ring[T]) slice() []T {
	out := make([]T, r.n)
	for k := range out {
		j := r.head + k
		if j >= len(r.buf) {
			j -= len(r.buf)
		}
		out[k] = r.buf[j]
	}
	return out
}
