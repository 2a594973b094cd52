package web

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// rateLimiter allows n events per window per key (client address), in memory. Each
// app instance limits on its own, which bounds abuse without shared state.
type rateLimiter struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	hits   map[string][]time.Time
}

func newRateLimiter(n int, window time.Duration) *rateLimiter {
	return &rateLimiter{n: n, window: window, hits: map[string][]time.Time{}}
}

// Allow records an event for key and reports whether it is within the limit.
func (l *rateLimiter) Allow(key string) bool {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.hits) > 100_000 {
		l.hits = map[string][]time.Time{}
	}
	h := l.hits[key]
	i := 0
	for i < len(h) && now.Sub(h[i]) > l.window {
		i++
	}
	h = h[i:]
	if len(h) >= l.n {
		l.hits[key] = h
		return false
	}
	l.hits[key] = append(h, now)
	return true
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// SetRateLimits sets how many login attempts and public lookups one client address
// may make per minute (defaults 10 and 60). Load tests raise them.
func (s *Server) SetRateLimits(loginPerMinute, lookupPerMinute int) {
	s.loginRate = newRateLimiter(loginPerMinute, time.Minute)
	s.lookupRate = newRateLimiter(lookupPerMinute, time.Minute)
}
