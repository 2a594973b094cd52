package auth

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

// TestHashSlots checks that no more argon2id computations than hashSlots run at once,
// however many hashes and checks are asked for together, and that each still answers.
func TestHashSlots(t *testing.T) {
	var running, peak atomic.Int32
	argonKey = func(password, salt []byte, time_, memory uint32, threads uint8, keyLen uint32) []byte {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond) // long enough for the other callers to pile up
		defer running.Add(-1)
		return argon2.IDKey(password, salt, time_, 8, 1, keyLen)
	}
	t.Cleanup(func() { argonKey = argon2.IDKey })
	h, err := HashPassword("mật khẩu an toàn")
	if err != nil {
		t.Fatal(err)
	}
	for _, callers := range []int{1, cap(hashSlots), cap(hashSlots) + 1, 4 * cap(hashSlots), 16} {
		peak.Store(0)
		var wg sync.WaitGroup
		var wrong atomic.Int32
		for i := range callers {
			wg.Go(func() {
				if i%2 == 0 {
					if !CheckPassword(h, "mật khẩu an toàn") {
						wrong.Add(1)
					}
				} else if _, err := HashPassword("khác"); err != nil {
					wrong.Add(1)
				}
			})
		}
		wg.Wait()
		if limit := int32(min(callers, cap(hashSlots))); peak.Load() > limit || peak.Load() < 1 {
			t.Errorf("%d callers: %d computations at once, want 1 to %d", callers, peak.Load(), limit)
		}
		if wrong.Load() != 0 {
			t.Errorf("%d callers: %d wrong answers", callers, wrong.Load())
		}
	}
}
