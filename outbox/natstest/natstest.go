// Package natstest starts an embedded NATS server with JetStream for tests
// (github.com/nats-io/nats-server/v2, "Embedding NATS" in the server's documentation):
// a random port on 127.0.0.1 and its store in t.TempDir(), so tests do not depend on a
// server running on the machine.
package natstest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Start starts a server, shut down at cleanup, and returns it; its ClientURL() is the
// address to connect to.
func Start(t testing.TB) *server.Server {
	t.Helper()
	return StartDir(t, t.TempDir())
}

// StartDir is Start with the JetStream store in dir, so that a test can restart a
// server on the same data.
func StartDir(t testing.TB, dir string) *server.Server {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, JetStream: true,
		StoreDir: dir, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatalf("nats server: %v", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		t.Fatal("nats server not ready")
	}
	t.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s
}
