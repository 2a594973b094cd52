// Package auth holds users, password hashing, tokens and the authorisation policy:
// which role may do what, on which unit. It has no I/O; sqldb stores users and tokens
// and web enforces the policy on every route.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: RFC 9106 second recommended option (64 MiB, 3 passes) scaled
// to 1 pass × 64 MiB × 2 lanes, the OWASP minimum for argon2id (m=47104 KiB, t=1)
// rounded up.
const (
	argonTime    = 1
	argonThreads = 2
	argonKeyLen  = 32
	saltLen      = 16
)

// ArgonMemory is the argon2id memory cost in KiB for new hashes (64 MiB). Tests of
// other packages lower it to stay fast; verification always uses the cost stored in
// the hash itself.
var ArgonMemory uint32 = 64 * 1024

// hashSlots bounds how many argon2id computations run at once: one per argonThreads
// cores, at least one. Each computation holds its memory cost (64 MiB) until it ends,
// so unbounded, n simultaneous logins would take n × 64 MiB — five at once lift a
// server that otherwise stays under 100 MB past 350 MB, and a burst of login attempts
// could exhaust its memory — while on a few cores more parallel hashes finish no
// sooner, each already using argonThreads lanes. Further callers wait their turn.
var hashSlots = make(chan struct{}, max(1, runtime.NumCPU()/argonThreads))

// argonKey is argon2.IDKey; tests replace it to watch the concurrency.
var argonKey = argon2.IDKey

// idKey runs argonKey in one of the hashSlots, then collects the garbage before
// freeing the slot: the hash's memory is garbage once it returns, and the collector,
// which paces itself on the live heap (a few MB between logins), would otherwise let
// the next hashes take fresh memory beside it — five logins in a row held 220 MB.
// Collected, the next hash reuses the same pages. The collection takes milliseconds,
// the hash a tenth of a second.
func idKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	key := argonKey(password, salt, time, memory, threads, keyLen)
	if memory >= 1024 { // from 1 MiB; tests' cheap hashes skip it
		runtime.GC()
	}
	return key
}

// HashPassword returns the PHC string of password under argon2id with a random salt:
// $argon2id$v=19$m=65536,t=1,p=2$SALT$HASH.
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := idKey([]byte(password), salt, argonTime, ArgonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, ArgonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches the PHC string hash, in constant
// time. A malformed hash never matches.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || m > 1<<20 || t == 0 || t > 10 || p == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 || len(want) > 128 {
		return false
	}
	got := idKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// ValidatePassword enforces the minimum password rule: 8–128 characters.
func ValidatePassword(pw string) error {
	if n := len([]rune(pw)); n < 8 || n > 128 {
		return errPasswordLength
	}
	return nil
}
