package rating

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func TestSummarizeSeeds(t *testing.T) {
	sc := DefaultScale()
	// "Tỷ lệ … rất hài lòng … đạt 96,29%; hài lòng đạt 3,69%"
	s := Summarize(sc, map[string]int{VerySatisfied: 9629, Satisfied: 369, Dissatisfied: 2})
	if s.Total != 10000 || s.Levels[0].Percent != 96.29 || s.Levels[1].Percent != 3.69 || s.Levels[2].Percent != 0.02 || s.Levels[0].Basis != 9629 {
		t.Fatalf("%+v", s)
	}
	// "99,71% … hài lòng" of "5.841 ý kiến": 5,824 satisfied or better
	s = Summarize(sc, map[string]int{VerySatisfied: 5000, Satisfied: 824, Dissatisfied: 17})
	if s.Total != 5841 || s.Positive.Count != 5824 || s.Positive.Percent != 99.71 || s.Levels[2].Percent != 0.29 {
		t.Fatalf("%+v", s)
	}
	// rounding half up, exactly: 1/8 = 12.5% → 12.50; 1/3 → 33.33; 2/3 → 66.67; 1/800 = 0.125% → 0.13
	for _, c := range []struct {
		n, total int
		want     int64
	}{{1, 8, 1250}, {1, 3, 3333}, {2, 3, 6667}, {1, 800, 13}, {0, 5, 0}, {7, 7, 10000}, {1, 0, 0}} {
		if got := basis(c.n, c.total); got != c.want {
			t.Errorf("basis(%d, %d) = %d, want %d", c.n, c.total, got, c.want)
		}
	}
	// empty, and a level dropped from the scale still counts
	if s = Summarize(sc, nil); s.Total != 0 || len(s.Levels) != 3 || s.Levels[0].Percent != 0 {
		t.Fatalf("empty: %+v", s)
	}
	s = Summarize(sc, map[string]int{Satisfied: 3, "neutral": 1})
	if s.Total != 4 || len(s.Levels) != 4 || s.Levels[3].Code != "neutral" || s.Levels[3].Percent != 25 || s.Positive.Percent != 75 {
		t.Fatalf("extra level: %+v", s)
	}
}

func TestCheck(t *testing.T) {
	sc := DefaultScale()
	for _, c := range []struct {
		name string
		r    Rating
		code string
	}{
		{"ok ticket", Rating{Level: Satisfied, TicketID: 1}, ""},
		{"ok dossier with reasons", Rating{Level: Dissatisfied, DossierCode: "X", Reasons: []string{"waiting", "late", "waiting"}}, ""},
		{"no level", Rating{TicketID: 1}, motcua.EINVALID},
		{"unknown level", Rating{Level: "meh", TicketID: 1}, motcua.EUNPROCESSABLE},
		{"reason of another level", Rating{Level: VerySatisfied, TicketID: 1, Reasons: []string{"late"}}, motcua.EUNPROCESSABLE},
		{"unknown reason", Rating{Level: Satisfied, TicketID: 1, Reasons: []string{"x"}}, motcua.EUNPROCESSABLE},
		{"no target", Rating{Level: Satisfied}, motcua.EINVALID},
		{"two targets", Rating{Level: Satisfied, TicketID: 1, DossierCode: "X"}, motcua.EINVALID},
	} {
		err := c.r.Check(sc)
		if motcua.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %q", c.name, err, c.code)
		}
		if c.name == "ok dossier with reasons" && len(c.r.Reasons) != 2 {
			t.Errorf("reasons not deduplicated: %v", c.r.Reasons)
		}
	}
}

func TestScaleValidate(t *testing.T) {
	sc := DefaultScale()
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	five := Scale{Levels: []Level{{Code: "a", Name: "A", Positive: true}, {Code: "b", Name: "B"}, {Code: "neutral", Name: "Bình thường"}}}
	if err := five.Validate(); err != nil || five.Reasons == nil {
		t.Fatal(err)
	}
	for _, bad := range []Scale{
		{Levels: []Level{{Code: "a", Name: "A"}}},
		{Levels: []Level{{Code: "a", Name: "A"}, {Code: "a", Name: "B"}}},
		{Levels: []Level{{Code: "A!", Name: "A"}, {Code: "b", Name: "B"}}},
		{Levels: []Level{{Code: "a", Name: ""}, {Code: "b", Name: "B"}}},
		{Levels: []Level{{Code: "a", Name: "A"}, {Code: "b", Name: "B"}}, Reasons: []Reason{{Code: "r", Name: "R", Levels: []string{"c"}}}},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}

func TestIsRepeat(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, motcua.ICT)
	prev := &Rating{At: t0, Channel: ChannelTerminal, TerminalID: 4}
	if !IsRepeat(prev, ChannelTerminal, 4, t0.Add(3*time.Second)) {
		t.Error("a press 3 s later is a repeat")
	}
	if IsRepeat(prev, ChannelTerminal, 4, t0.Add(RepeatWindow+time.Second)) {
		t.Error("a press after the window is not a repeat")
	}
	if IsRepeat(prev, ChannelTerminal, 5, t0.Add(time.Second)) || IsRepeat(prev, ChannelOnline, 0, t0.Add(time.Second)) {
		t.Error("another terminal or channel is not a repeat")
	}
}
