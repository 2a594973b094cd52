// Package blob keeps uploaded papers and issued results on disk, addressed by the
// SHA-256 of their content. A blob lives at dir/ab/cd/<sha256hex>; it is written to a
// temporary file in dir, fsync'd and renamed into place, so a reader never sees a
// partial file and storing the same content twice keeps one copy.
//
// Put accepts only an allow-list of document types (PDF, PNG, JPEG, DOCX, XLSX and
// XML for signed documents), decided from the content rather than the name or the
// type the client declared. Serve sends a blob back as a download with headers that
// keep a browser from rendering or sniffing it.
package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// DefaultMaxSize is the size limit of one blob when Store.MaxSize is zero: 20 MiB.
const DefaultMaxSize int64 = 20 << 20

// Message keys of the errors this package returns; the texts live in the i18n catalogue.
const (
	KeyTypeNotAllowed = "blob.type_not_allowed" // EUNPROCESSABLE; params: allowed
	KeyTooLarge       = "blob.too_large"        // EINVALID; params: max (bytes)
	KeyEmpty          = "blob.empty"            // EINVALID
	KeyNotFound       = "blob.not_found"        // ENOTFOUND
	KeyCorrupt        = "blob.corrupt"          // EINTERNAL; params: sha256
)

// tempPrefix names the temporary files Put writes in the store's root directory.
const tempPrefix = ".tmp-"

// staleTemp is the age after which Open removes temporary files left by a crash.
const staleTemp = 24 * time.Hour

var shaRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Ref describes a stored blob. It has the fields and JSON names of
// dossier.AttachmentRef, so dossier.AttachmentRef(ref) converts it. SHA256 is the
// lowercase hex digest, Name the sanitised file name, ContentType the sniffed type.
type Ref struct {
	SHA256      string `json:"sha256"`
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
}

// Info is what Stat reports about a stored blob.
type Info struct {
	SHA256  string
	Size    int64
	ModTime time.Time
}

// Store is a content-addressed blob store rooted at one directory. Its methods are
// safe for concurrent use, also by several processes sharing the directory. Set
// MaxSize before the first Put.
type Store struct {
	dir string
	// MaxSize is the largest blob Put accepts, in bytes; zero means DefaultMaxSize.
	MaxSize int64
}

// Open opens the store rooted at dir, creating the directory (mode 0750) if needed,
// and removes temporary files older than a day that a crashed Put left behind.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("blob: open: empty directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", abs, err)
	}
	s := &Store{dir: abs}
	s.removeStaleTemps(time.Now().Add(-staleTemp))
	return s, nil
}

// Dir returns the store's root directory.
func (s *Store) Dir() string { return s.dir }

func (s *Store) maxSize() int64 {
	if s.MaxSize > 0 {
		return s.MaxSize
	}
	return DefaultMaxSize
}

// removeStaleTemps deletes temporary files modified before cutoff; errors are ignored
// because a leftover temporary file is harmless.
func (s *Store) removeStaleTemps(cutoff time.Time) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(s.dir, e.Name()))
		}
	}
}

// path returns the file of sha, or false when sha is not a lowercase hex SHA-256
// digest; the check keeps any caller-supplied string from reaching the file system.
func (s *Store) path(sha string) (string, bool) {
	if !shaRE.MatchString(sha) {
		return "", false
	}
	return filepath.Join(s.dir, sha[0:2], sha[2:4], sha), true
}

func notFound() error {
	return &motcua.Error{Code: motcua.ENOTFOUND, Message: KeyNotFound}
}

func tooLarge(max int64) error {
	return &motcua.Error{Code: motcua.EINVALID, Field: "file", Message: KeyTooLarge, Params: map[string]any{"max": max}}
}

func empty() error {
	return &motcua.Error{Code: motcua.EINVALID, Field: "file", Message: KeyEmpty}
}

func typeNotAllowed() error {
	return &motcua.Error{Code: motcua.EUNPROCESSABLE, Field: "file", Message: KeyTypeNotAllowed,
		Params: map[string]any{"allowed": AllowedList}}
}

// ctxReader fails the read once ctx is done, so a cancelled request stops an upload.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Put streams r into the store and returns its Ref. The content type is sniffed from
// the content (see AllowedTypes); declaredType, the type the client sent, is only a
// hint for content whose type depends on the claim (a ZIP claimed as DOCX or XLSX, XML
// without a declaration) and is never trusted. name is sanitised with SanitizeName.
//
// Errors: blob.empty and blob.too_large (EINVALID), blob.type_not_allowed
// (EUNPROCESSABLE); nothing is left on disk when Put fails. Storing content that is
// already present succeeds, still leaves one file and returns the same digest.
func (s *Store) Put(ctx context.Context, r io.Reader, name, declaredType string) (Ref, error) {
	ref, err := s.put(ctx, r, name, declaredType)
	if err != nil {
		return Ref{}, fmt.Errorf("blob: put %q: %w", name, err)
	}
	return ref, nil
}

func (s *Store) put(ctx context.Context, r io.Reader, name, declaredType string) (Ref, error) {
	if err := ctx.Err(); err != nil {
		return Ref{}, err
	}
	max := s.maxSize()
	src := ctxReader{ctx, r}

	head := make([]byte, sniffLen)
	n, err := io.ReadFull(src, head)
	switch {
	case err == io.EOF:
		return Ref{}, empty()
	case err != nil && err != io.ErrUnexpectedEOF:
		return Ref{}, fmt.Errorf("read: %w", err)
	}
	head = head[:n]
	if int64(n) > max {
		return Ref{}, tooLarge(max)
	}
	clean := SanitizeName(name)
	kind := sniff(head, clean, declaredType)
	if kind == kindNone {
		return Ref{}, typeNotAllowed()
	}

	tmp, err := os.CreateTemp(s.dir, tempPrefix+"*")
	if err != nil {
		return Ref{}, fmt.Errorf("create temporary file: %w", err)
	}
	tmpName := tmp.Name()
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()

	h := sha256.New()
	size, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(io.MultiReader(bytes.NewReader(head), src), max+1))
	if err != nil {
		return Ref{}, fmt.Errorf("write: %w", err)
	}
	if size > max {
		return Ref{}, tooLarge(max)
	}
	ctype, ok := verifyContent(kind, tmp, size)
	if !ok {
		return Ref{}, typeNotAllowed()
	}
	if err := tmp.Chmod(0o440); err != nil {
		return Ref{}, fmt.Errorf("chmod: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return Ref{}, fmt.Errorf("sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return Ref{}, fmt.Errorf("close: %w", err)
	}

	sum := hex.EncodeToString(h.Sum(nil))
	ref := Ref{SHA256: sum, Name: nameOrDefault(clean, ctype), Size: size, ContentType: ctype}
	final, _ := s.path(sum)
	if err := s.mkdirSynced(sum); err != nil {
		return Ref{}, err
	}
	// Rename is atomic: readers see the old file or the new one, never a partial
	// one. When the blob is already stored (a concurrent or repeated Put) it is
	// replaced by identical bytes, which also repairs a copy damaged on disk.
	if err := os.Rename(tmpName, final); err != nil {
		return Ref{}, fmt.Errorf("rename: %w", err)
	}
	done = true
	if err := syncDir(filepath.Dir(final)); err != nil {
		return Ref{}, err
	}
	return ref, nil
}

// mkdirSynced creates dir/ab and dir/ab/cd for sha, fsyncing each parent whose
// entries changed so the new directories survive a crash.
func (s *Store) mkdirSynced(sha string) error {
	parent := s.dir
	for _, part := range []string{sha[0:2], sha[2:4]} {
		d := filepath.Join(parent, part)
		err := os.Mkdir(d, 0o750)
		switch {
		case err == nil:
			if err := syncDir(parent); err != nil {
				return err
			}
		case errors.Is(err, fs.ErrExist):
		default:
			return fmt.Errorf("mkdir: %w", err)
		}
		parent = d
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// Open opens the blob sha for reading. An unknown or malformed digest (anything but
// 64 lowercase hex digits) is ENOTFOUND blob.not_found.
func (s *Store) Open(sha string) (io.ReadSeekCloser, error) {
	f, err := s.open(sha)
	if err != nil {
		return nil, fmt.Errorf("blob: open %.64q: %w", sha, err)
	}
	return f, nil
}

func (s *Store) open(sha string) (*os.File, error) {
	p, ok := s.path(sha)
	if !ok {
		return nil, notFound()
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notFound()
	} else if err != nil {
		return nil, err
	}
	return f, nil
}

// Stat reports the size and modification time of the blob sha; errors as for Open.
func (s *Store) Stat(sha string) (Info, error) {
	p, ok := s.path(sha)
	if !ok {
		return Info{}, fmt.Errorf("blob: stat %.64q: %w", sha, notFound())
	}
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Info{}, fmt.Errorf("blob: stat %s: %w", sha, notFound())
	} else if err != nil {
		return Info{}, fmt.Errorf("blob: stat %s: %w", sha, err)
	}
	return Info{SHA256: sha, Size: fi.Size(), ModTime: fi.ModTime()}, nil
}

// Verify re-hashes the blob sha and returns EINTERNAL blob.corrupt when the content
// no longer matches its name; errors as for Open otherwise.
func (s *Store) Verify(sha string) error {
	f, err := s.open(sha)
	if err != nil {
		return fmt.Errorf("blob: verify %.64q: %w", sha, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("blob: verify %s: %w", sha, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sha {
		return fmt.Errorf("blob: verify %s: content hashes to %s: %w", sha, got,
			&motcua.Error{Code: motcua.EINTERNAL, Message: KeyCorrupt, Params: map[string]any{"sha256": sha}})
	}
	return nil
}
