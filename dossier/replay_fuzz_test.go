package dossier_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/seed"
)

// FuzzReplay decodes a stored event log (the JSON of dossier_events bodies, as the
// store and an imported history read them) and replays it. Seeds are complete logs of
// demo dossiers in every final state, from the seed package's lifecycle generator.
// Whatever the bytes: no panic; a refused log is a motcua error (out of order or
// invalid event); an accepted one gives a dossier whose version is the number of
// events, and encoding the events again and replaying them gives the same dossier.
func FuzzReplay(f *testing.F) {
	streams, err := seed.DemoDossiers(demo.Province(3), 11, time.Date(2026, 3, 9, 10, 0, 0, 0, motcua.ICT), 400)
	if err != nil {
		f.Fatal(err)
	}
	// one log per final state and last action: returned, refused, withdrawn, waiting
	// for a supplement, sent by post, still in processing, …
	seen := map[string]bool{}
	for _, evs := range streams {
		last := evs[len(evs)-1]
		kind := string(last.To) + "/" + string(last.Action)
		if seen[kind] {
			continue
		}
		seen[kind] = true
		data, err := json.Marshal(evs)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		if len(evs) > 2 { // a log missing an event in the middle
			gap, _ := json.Marshal(append(append([]dossier.Event{}, evs[:1]...), evs[2:]...))
			f.Add(gap)
		}
	}
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"seq":1,"action":"receive","from":"","to":"received","step_index":5,"data":{"code":"X"}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var evs []dossier.Event
		if json.Unmarshal(data, &evs) != nil {
			return
		}
		d, err := dossier.Replay(evs)
		if err != nil {
			me := motcua.AsError(err)
			if me == nil || (me.Message != dossier.MsgEventOutOfOrder && me.Message != dossier.MsgEventInvalid) {
				t.Fatalf("replay refused with %v", err)
			}
			return
		}
		if d.Version != len(evs) {
			t.Fatalf("%d events replayed to version %d", len(evs), d.Version)
		}
		again, err := json.Marshal(evs)
		if err != nil {
			t.Fatal(err)
		}
		var evs2 []dossier.Event
		if err := json.Unmarshal(again, &evs2); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		d2, err := dossier.Replay(evs2)
		if err != nil {
			t.Fatalf("the re-encoded log no longer replays: %v", err)
		}
		b1, _ := json.Marshal(d)
		b2, _ := json.Marshal(d2)
		if !bytes.Equal(b1, b2) {
			t.Fatalf("replay differs after re-encoding:\n%s\n%s", b1, b2)
		}
	})
}
