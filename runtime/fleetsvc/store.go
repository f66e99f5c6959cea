package fleetsvc

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// errKeep tells update that the mutation has nothing to write.
var errKeep = errors.New("keep the stored value")

// casRetries bounds update's read-modify-write loop. A conflict means
// another writer got in between our read and our write; a randomised,
// growing pause after each conflict (capped at casMaxPause) spreads racing
// writers apart, so even a few busy writers on one key settle quickly.
const (
	casRetries  = 64
	casMaxPause = 20 * time.Millisecond
)

// update is a compare-and-swap read-modify-write of one key: it reads the
// key (absent is cur == nil), lets mutate compute the new value from it, and
// writes with Update at the revision it read (or Create when absent). If
// another writer changed the key in between, the write fails with a
// revision mismatch and the loop reads again, so mutate always decides on
// the latest value and no write is lost. mutate may return errKeep to
// leave the key as it is, or any other error to abort. update returns the
// revision written (or kept).
func update(ctx context.Context, kv jetstream.KeyValue, key string, mutate func(cur []byte) ([]byte, error)) (uint64, error) {
	for round := range casRetries {
		if round > 0 {
			pause := min(time.Duration(1<<min(round, 16))*100*time.Microsecond, casMaxPause)
			select {
			case <-time.After(time.Duration(rand.Int64N(int64(pause)) + 1)):
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}
		var cur []byte
		var rev uint64
		var e jetstream.KeyValueEntry
		err := retry(ctx, func(ctx context.Context) (err error) { e, err = kv.Get(ctx, key); return err })
		switch {
		case err == nil:
			cur, rev = e.Value(), e.Revision()
		case errors.Is(err, jetstream.ErrKeyNotFound):
		default:
			return 0, err
		}
		next, err := mutate(cur)
		if errors.Is(err, errKeep) {
			return rev, nil
		}
		if err != nil {
			return 0, err
		}
		err = retry(ctx, func(ctx context.Context) (err error) {
			if cur == nil && rev == 0 {
				rev, err = kv.Create(ctx, key, next)
			} else {
				rev, err = kv.Update(ctx, key, next, rev)
			}
			return err
		})
		if err == nil {
			return rev, nil
		}
		if !errors.Is(err, jetstream.ErrKeyRevisionMismatch) && !errors.Is(err, jetstream.ErrKeyExists) {
			return 0, err
		}
	}
	return 0, fmt.Errorf("key %s: still conflicting after %d compare-and-swap rounds", key, casRetries)
}

// transient reports whether err may pass while ctx lasts: a timeout or no
// responders while a cluster elects a new leader after losing a server.
// A write that timed out may still have landed; the next round reads it
// back, and mutate recomputes from it, so retrying is safe.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout) ||
		errors.Is(err, nats.ErrNoResponders) || errors.Is(err, jetstream.ErrNoStreamResponse) ||
		errors.Is(err, nats.ErrConnectionReconnecting) || errors.Is(err, jetstream.ErrJetStreamNotEnabled)
}

// attemptTimeout bounds one JetStream call inside retry, so a call lost in
// a leader election leaves time for another.
const attemptTimeout = 2 * time.Second

// retry runs f, each attempt with its own attemptTimeout, until it
// succeeds, fails for good, or ctx ends.
func retry(ctx context.Context, f func(ctx context.Context) error) error {
	for {
		actx, cancel := context.WithTimeout(ctx, attemptTimeout)
		err := f(actx)
		cancel()
		if err == nil || !transient(ctx, err) {
			return err
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return err
		}
	}
}
