package importer

import (
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// cellError is a problem with one cell or one item of a list cell; the row parser
// turns it into a RowError naming the row and column.
type cellError struct {
	key   string
	value string // the offending item; "" means the whole cell
	args  []any
}

func (e *cellError) Error() string { return e.key + ": " + e.value }

func badCell(key, value string, args ...any) *cellError {
	return &cellError{key: key, value: value, args: args}
}

// boolWords maps folded yes/no words to their value.
var boolWords = map[string]bool{
	"x": true, "co": true, "yes": true, "y": true, "true": true, "1": true, "dung": true,
	"": false, "khong": false, "no": false, "n": false, "false": false, "0": false, "sai": false,
}

// parseBool reads a yes/no cell; empty is def.
func parseBool(cell string, def bool) (bool, *cellError) {
	if strings.TrimSpace(cell) == "" {
		return def, nil
	}
	v, ok := lookup(boolWords, cell)
	if !ok {
		return false, badCell(KeyBool, cell)
	}
	return v, nil
}

// formatBool writes a yes/no cell.
func formatBool(v bool) string {
	if v {
		return "yes"
	}
	return "no"
}

// levelWords maps folded level names, English and Vietnamese, to levels.
var levelWords = map[string]catalog.Level{
	"central": catalog.LevelCentral, "trung uong": catalog.LevelCentral, "cap trung uong": catalog.LevelCentral,
	"province": catalog.LevelProvince, "tinh": catalog.LevelProvince, "cap tinh": catalog.LevelProvince,
	"district": catalog.LevelDistrict, "huyen": catalog.LevelDistrict, "cap huyen": catalog.LevelDistrict,
	"commune": catalog.LevelCommune, "xa": catalog.LevelCommune, "cap xa": catalog.LevelCommune,
}

func parseLevel(cell string) (catalog.Level, *cellError) {
	l, ok := lookup(levelWords, cell)
	if !ok {
		return "", badCell(KeyLevel, cell)
	}
	return l, nil
}

// channelWords maps folded channel names, English and Vietnamese, to channels.
var channelWords = map[string]catalog.Channel{
	"counter":   catalog.ChannelCounter,
	"truc tiep": catalog.ChannelCounter,
	"tai quay":  catalog.ChannelCounter,
	"mot cua":   catalog.ChannelCounter,

	"online full":           catalog.ChannelOnlineFull,
	"truc tuyen toan trinh": catalog.ChannelOnlineFull,
	"toan trinh":            catalog.ChannelOnlineFull,

	"online partial":      catalog.ChannelOnlinePartial,
	"truc tuyen mot phan": catalog.ChannelOnlinePartial,
	"mot phan":            catalog.ChannelOnlinePartial,

	"post":               catalog.ChannelPost,
	"buu chinh":          catalog.ChannelPost,
	"buu chinh cong ich": catalog.ChannelPost,
}

func parseChannel(s string) (catalog.Channel, *cellError) {
	c, ok := lookup(channelWords, s)
	if !ok {
		return "", badCell(KeyChannel, s)
	}
	return c, nil
}

// parseChannels reads "counter; online_full" (";", "," or line breaks between).
func parseChannels(cell string) ([]catalog.Channel, *cellError) {
	var out []catalog.Channel
	for _, it := range tokens(cell) {
		c, err := parseChannel(it)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func formatChannels(cs []catalog.Channel) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return joinItems(s)
}

// parseChain reads unit codes separated by ";", "," or line breaks; Validate checks
// their shape.
func parseChain(cell string) []string {
	return tokens(cell)
}

func formatChain(units []string) string {
	return joinItems(units)
}

// tokens splits a cell of simple tokens (channels, unit codes) at ";", "," or line
// breaks, trimming and dropping empty tokens.
func tokens(cell string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// roleWords maps folded role names, English and Vietnamese, to roles.
var roleWords = func() map[string]motcua.Role {
	m := map[string]motcua.Role{
		"tiep nhan": motcua.RoleReceptionist, "mot cua": motcua.RoleReceptionist,
		"cong chuc mot cua": motcua.RoleReceptionist, "chuyen vien": motcua.RoleProcessor,
		"xu ly": motcua.RoleProcessor, "lanh dao": motcua.RoleLeader,
		"giam doc": motcua.RoleDirector, "quan tri": motcua.RoleAdmin,
	}
	for _, r := range motcua.Roles {
		m[fold(string(r))] = r
	}
	return m
}()

func parseRole(s string) (motcua.Role, *cellError) {
	r, ok := lookup(roleWords, s)
	if !ok {
		return "", badCell(KeyRole, s)
	}
	return r, nil
}
