package web

import (
	"os"
	"testing"

	"github.com/motcua/motcua/auth"
)

func TestMain(m *testing.M) {
	// Cheap password hashes keep the many logins of these tests fast; the cost is
	// stored in each hash, so verification is unchanged.
	auth.ArgonMemory = 64
	os.Exit(m.Run())
}
