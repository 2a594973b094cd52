package blob

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
)

// The content types a blob may have. XML (signed documents) is stored as
// application/xml whether it arrived as text/xml or application/xml.
const (
	TypePDF  = "application/pdf"
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypeXML  = "application/xml"
)

// AllowedList names the allowed formats for people; it is the "allowed" parameter of
// blob.type_not_allowed.
const AllowedList = "PDF, PNG, JPEG, DOCX, XLSX, XML"

// sniffLen is how much of the content the type is decided from, as in
// http.DetectContentType.
const sniffLen = 512

// maxXMLDepth bounds element nesting in an XML upload, so a deeply nested document
// cannot make the check use unbounded memory.
const maxXMLDepth = 256

// AllowedTypes returns the content types Put accepts, in the form it stores them.
func AllowedTypes() []string {
	return []string{TypePDF, TypePNG, TypeJPEG, TypeDOCX, TypeXLSX, TypeXML}
}

// Allowed reports whether ctype (parameters ignored) is one of AllowedTypes or
// text/xml.
func Allowed(ctype string) bool {
	switch mediaType(ctype) {
	case TypePDF, TypePNG, TypeJPEG, TypeDOCX, TypeXLSX, TypeXML, "text/xml":
		return true
	}
	return false
}

func mediaType(ctype string) string {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return ""
	}
	return mt
}

// kind is the format sniff guesses from the head of the content; verifyContent
// confirms OOXML and XML against the whole file.
type kind int

const (
	kindNone kind = iota
	kindPDF
	kindPNG
	kindJPEG
	kindOffice // a ZIP claimed to be DOCX or XLSX
	kindXML
)

var (
	utf8BOM = []byte("\xef\xbb\xbf")

	// executable prefixes: Windows PE, ELF, scripts, Mach-O (both byte orders, 32/64
	// bit, universal), WebAssembly. They would be refused anyway as not allowed; the
	// explicit list keeps a later widening of the allow-list from letting them in.
	execMagic = [][]byte{
		[]byte("MZ"), []byte("\x7fELF"), []byte("#!"),
		[]byte("\xfe\xed\xfa\xce"), []byte("\xfe\xed\xfa\xcf"),
		[]byte("\xce\xfa\xed\xfe"), []byte("\xcf\xfa\xed\xfe"),
		[]byte("\xca\xfe\xba\xbe"), []byte("\x00asm"),
	}

	// markupRisk are lower-case fragments that mark HTML or SVG, which a browser could
	// run scripts from, inside what otherwise looks like XML.
	markupRisk = []string{
		"<html", "<!doctype html", "<head", "<body", "<script", "<iframe", "<svg",
		"http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg",
	}
)

const (
	nsXHTML = "http://www.w3.org/1999/xhtml"
	nsSVG   = "http://www.w3.org/2000/svg"
)

// sniff decides the kind of content from its first bytes, with name (already
// sanitised) and declared (the client's Content-Type) used only to accept a ZIP as an
// Office document or XML without a declaration.
func sniff(head []byte, name, declared string) kind {
	for _, m := range execMagic {
		if bytes.HasPrefix(head, m) {
			return kindNone
		}
	}
	ext := strings.ToLower(path.Ext(name))
	decl := mediaType(declared)

	detected := mediaType(http.DetectContentType(head))
	switch {
	case detected == "text/html":
		return kindNone
	case detected == TypePDF && bytes.HasPrefix(head, []byte("%PDF-")):
		return kindPDF
	case detected == TypePNG && bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return kindPNG
	case detected == TypeJPEG && bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return kindJPEG
	case detected == "application/zip" && bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if ext == ".docx" || ext == ".xlsx" || decl == TypeDOCX || decl == TypeXLSX {
			return kindOffice
		}
		return kindNone
	}

	// XML: text/xml from the sniffer ("<?xml" first), or text/plain starting with
	// a tag (after a UTF-8 BOM or white space) that the client says is XML.
	body := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if !bytes.HasPrefix(body, []byte("<")) {
		return kindNone
	}
	claimed := ext == ".xml" || decl == TypeXML || decl == "text/xml"
	if !(bytes.HasPrefix(body, []byte("<?xml")) || claimed) {
		return kindNone
	}
	if detected != "text/xml" && !strings.HasPrefix(detected, "text/plain") {
		return kindNone
	}
	lower := strings.ToLower(string(body))
	for _, m := range markupRisk {
		if strings.Contains(lower, m) {
			return kindNone
		}
	}
	return kindXML
}

// verifyContent checks the whole stored file for the kinds the head cannot settle and
// returns the content type to store.
func verifyContent(k kind, f io.ReaderAt, size int64) (string, bool) {
	switch k {
	case kindPDF:
		return TypePDF, true
	case kindPNG:
		return TypePNG, true
	case kindJPEG:
		return TypeJPEG, true
	case kindOffice:
		return officeType(f, size)
	case kindXML:
		return TypeXML, safeXML(io.NewSectionReader(f, 0, size))
	}
	return "", false
}

// officeType tells a DOCX from an XLSX by the ZIP's parts: [Content_Types].xml and a
// word/ or xl/ tree. Macro-enabled documents (a vbaProject.bin part) are refused.
func officeType(f io.ReaderAt, size int64) (string, bool) {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return "", false
	}
	var contentTypes, word, xl bool
	for _, zf := range zr.File {
		switch {
		case zf.Name == "[Content_Types].xml":
			contentTypes = true
		case strings.HasSuffix(strings.ToLower(zf.Name), "vbaproject.bin"):
			return "", false
		case strings.HasPrefix(zf.Name, "word/"):
			word = true
		case strings.HasPrefix(zf.Name, "xl/"):
			xl = true
		}
	}
	switch {
	case !contentTypes || word == xl:
		return "", false
	case word:
		return TypeDOCX, true
	default:
		return TypeXLSX, true
	}
}

// safeXML reports whether r is a well-formed XML document with a root element, no
// entity declarations, no style sheet processing instruction and no HTML or SVG
// elements, nested at most maxXMLDepth deep.
func safeXML(r io.Reader) bool {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	// Only the structure matters, so any declared encoding is read as is; bytes that
	// are not UTF-8 then fail the parse.
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return roots > 0 && depth == 0
		} else if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			if depth++; depth > maxXMLDepth {
				return false
			}
			local := strings.ToLower(t.Name.Local)
			if t.Name.Space == nsXHTML || t.Name.Space == nsSVG || (depth == 1 && (local == "html" || local == "svg")) {
				return false
			}
		case xml.EndElement:
			depth--
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml-stylesheet") {
				return false
			}
		case xml.Directive:
			d := strings.ToUpper(string(t))
			if strings.Contains(d, "ENTITY") || strings.Contains(d, "HTML") || strings.Contains(d, "SVG") {
				return false
			}
		}
	}
}

// extFor returns the usual file extension of an allowed content type.
func extFor(ctype string) string {
	switch ctype {
	case TypePDF:
		return ".pdf"
	case TypePNG:
		return ".png"
	case TypeJPEG:
		return ".jpg"
	case TypeDOCX:
		return ".docx"
	case TypeXLSX:
		return ".xlsx"
	case TypeXML:
		return ".xml"
	}
	return ""
}
