package web

import (
	"errors"
	"net/http"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/blob"
)

// apiUploadAttachment stores an uploaded paper or result (multipart field "file")
// and returns its reference, to be named in an action's "attachments".
func (s *Server) apiUploadAttachment(w http.ResponseWriter, r *http.Request) error {
	max := s.Blobs.MaxSize
	if max <= 0 {
		max = blob.DefaultMaxSize
	}
	r.Body = http.MaxBytesReader(w, r.Body, max+1<<20) // the file plus the form's overhead
	f, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &motcua.Error{Code: motcua.EINVALID, Field: "file", Message: blob.KeyTooLarge, Params: map[string]any{"max": max}}
		}
		return motcua.FieldError(motcua.EINVALID, "file", "request.file_required")
	}
	defer f.Close()
	ref, err := s.Blobs.Put(r.Context(), f, hdr.Filename, hdr.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	if err := s.DB.RecordAttachment(r.Context(), ref); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, ref)
	return nil
}

// apiGetAttachment serves a file to users who may see a dossier it belongs to, or
// who uploaded it (before it was attached), with headers that stop a browser from
// running it.
func (s *Server) apiGetAttachment(w http.ResponseWriter, r *http.Request) error {
	sha := r.PathValue("sha256")
	ref, by, err := s.DB.Attachment(r.Context(), sha)
	if err != nil {
		return err
	}
	a := motcua.ActorFrom(r.Context())
	allowed := by == a.Username || (a.UnitCode == "" && auth.Allowed(a, auth.DossierRead))
	if !allowed {
		codes, err := s.DB.AttachmentDossiers(r.Context(), sha)
		if err != nil {
			return err
		}
		for _, c := range codes {
			if d, err := s.Dossiers.Get(r.Context(), c); err == nil && canSee(a, d) {
				allowed = true
				break
			}
		}
	}
	if !allowed {
		return motcua.Errorf(motcua.ENOTFOUND, "blob.not_found")
	}
	blob.Serve(w, r, s.Blobs, ref)
	return nil
}

func (s *Server) apiDossierAttachments(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	as, err := s.DB.DossierAttachments(r.Context(), d.Code)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": as})
	return nil
}
