package importer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/motcua/motcua/catalog"
)

// paperCounts maps folded count names to whether they count copies (else originals).
var paperCounts = map[string]bool{
	"ban chinh": false, "bc": false, "original": false, "originals": false,
	"ban sao": true, "bs": true, "copy": true, "copies": true,
}

// paperFlags maps folded mandatory/optional words to Paper.Mandatory.
var paperFlags = map[string]bool{
	"bat buoc": true, "required": true, "mandatory": true,
	"khong bat buoc": false, "optional": false, "tuy chon": false, "neu co": false,
}

var numberRE = regexp.MustCompile(`[-+]?[0-9]+`)

// parsePapers reads "Tờ khai (bản chính 1, bản sao 0, bắt buộc); CCCD (bản sao 1)".
// The last parenthesised group of an item is its specification when every part of it
// is a count ("bản chính 1", "1 bản sao", "originals 1", "copies 0") or a flag ("bắt
// buộc", "không bắt buộc", "nếu có", "required", "optional"); otherwise it belongs to
// the name, so "Tờ khai (Mẫu số 01)" is a name. Without counts a paper is one original
// and no copy; with any count the other count is 0. A paper is mandatory unless
// flagged optional.
func parsePapers(cell string) ([]catalog.Paper, *cellError) {
	var out []catalog.Paper
	for _, it := range items(cell) {
		p := catalog.Paper{Originals: 1, Mandatory: true}
		name := it
		if strings.HasSuffix(it, ")") {
			if open := strings.LastIndexByte(it, '('); open >= 0 {
				ok, err := parsePaperSpec(it, it[open+1:len(it)-1], &p)
				if err != nil {
					return nil, err
				}
				if ok {
					name = it[:open]
				}
			}
		}
		p.Name = strings.TrimSpace(unescape(name))
		if p.Name == "" {
			return nil, badCell(KeyPaper, it)
		}
		out = append(out, p)
	}
	return out, nil
}

// parsePaperSpec fills p from spec, the text inside the parentheses of item, and
// reports whether spec is a specification at all.
func parsePaperSpec(item, spec string, p *catalog.Paper) (bool, *cellError) {
	q := catalog.Paper{Originals: 1, Mandatory: true}
	counted := false
	for _, part := range strings.Split(spec, ",") {
		if m, ok := paperFlags[fold(part)]; ok {
			q.Mandatory = m
			continue
		}
		nums := numberRE.FindAllStringIndex(part, -1)
		if len(nums) != 1 {
			return false, nil
		}
		copies, ok := paperCounts[fold(part[:nums[0][0]]+" "+part[nums[0][1]:])]
		if !ok {
			return false, nil
		}
		n, err := strconv.Atoi(part[nums[0][0]:nums[0][1]])
		if err != nil || n < 0 || n > 100 {
			return true, badCell(KeyPaperCount, item)
		}
		if !counted {
			q.Originals, counted = 0, true
		}
		if copies {
			q.Copies = n
		} else {
			q.Originals = n
		}
	}
	*p = q
	return true, nil
}

// formatPapers writes every paper with its full specification.
func formatPapers(ps []catalog.Paper) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		flag := "bắt buộc"
		if !p.Mandatory {
			flag = "không bắt buộc"
		}
		s[i] = escape(p.Name, "") + " (bản chính " + strconv.Itoa(p.Originals) +
			", bản sao " + strconv.Itoa(p.Copies) + ", " + flag + ")"
	}
	return joinItems(s)
}
