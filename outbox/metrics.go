package outbox

import (
	"math/rand/v2"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
)

func rnd() float64 { return rand.Float64() }

// Metrics counts what the relay and the connector did. One value may be shared by both
// and read concurrently; the web layer exposes it on /metrics (it is a
// prometheus.Collector) and Snapshot gives the same figures as JSON.
type Metrics struct {
	// Relay.
	Published       atomic.Int64 // rows published (acknowledged by JetStream)
	PublishFailures atomic.Int64 // failed publish attempts
	Duplicates      atomic.Int64 // publishes JetStream reported as duplicates (republished rows)
	LastPublishedID atomic.Int64
	Unpublished     atomic.Int64 // lag in rows, refreshed by the relay
	OldestAgeMillis atomic.Int64 // age of the oldest unpublished row, refreshed by the relay
	// Connector.
	Posted       atomic.Int64 // records the portal accepted (2xx)
	PostFailures atomic.Int64 // failed post attempts (retried)
	Dropped      atomic.Int64 // messages terminated as unprocessable (4xx, undecodable)
}

// MetricsSnapshot is a copy of Metrics.
type MetricsSnapshot struct {
	Published        int64   `json:"published"`
	PublishFailures  int64   `json:"publish_failures"`
	Duplicates       int64   `json:"duplicates"`
	LastPublishedID  int64   `json:"last_published_id"`
	Unpublished      int64   `json:"unpublished"`
	OldestAgeSeconds float64 `json:"oldest_age_seconds"`
	Posted           int64   `json:"posted"`
	PostFailures     int64   `json:"post_failures"`
	Dropped          int64   `json:"dropped"`
}

// Snapshot returns the current values.
func (m *Metrics) Snapshot() MetricsSnapshot {
	return MetricsSnapshot{
		Published: m.Published.Load(), PublishFailures: m.PublishFailures.Load(), Duplicates: m.Duplicates.Load(),
		LastPublishedID: m.LastPublishedID.Load(), Unpublished: m.Unpublished.Load(),
		OldestAgeSeconds: float64(m.OldestAgeMillis.Load()) / 1000,
		Posted:           m.Posted.Load(), PostFailures: m.PostFailures.Load(), Dropped: m.Dropped.Load(),
	}
}

var (
	descPublished    = prometheus.NewDesc("motcua_outbox_published_total", "Outbox rows published to JetStream.", nil, nil)
	descPubFailures  = prometheus.NewDesc("motcua_outbox_publish_failures_total", "Failed publish attempts of outbox rows.", nil, nil)
	descDuplicates   = prometheus.NewDesc("motcua_outbox_duplicates_total", "Publishes JetStream dropped as duplicates (Nats-Msg-Id).", nil, nil)
	descLastID       = prometheus.NewDesc("motcua_outbox_last_published_id", "Highest outbox id published.", nil, nil)
	descUnpublished  = prometheus.NewDesc("motcua_outbox_unpublished", "Outbox rows not yet published (lag).", nil, nil)
	descOldestAge    = prometheus.NewDesc("motcua_outbox_oldest_unpublished_seconds", "Age of the oldest unpublished outbox row.", nil, nil)
	descPosted       = prometheus.NewDesc("motcua_portal_posted_total", "Records the national portal accepted.", nil, nil)
	descPostFailures = prometheus.NewDesc("motcua_portal_post_failures_total", "Failed posts to the national portal (retried).", nil, nil)
	descDropped      = prometheus.NewDesc("motcua_portal_dropped_total", "Messages the connector terminated as unprocessable.", nil, nil)
)

// Describe implements prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descPublished, descPubFailures, descDuplicates, descLastID, descUnpublished,
		descOldestAge, descPosted, descPostFailures, descDropped} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	s := m.Snapshot()
	c := func(d *prometheus.Desc, t prometheus.ValueType, v float64) {
		ch <- prometheus.MustNewConstMetric(d, t, v)
	}
	c(descPublished, prometheus.CounterValue, float64(s.Published))
	c(descPubFailures, prometheus.CounterValue, float64(s.PublishFailures))
	c(descDuplicates, prometheus.CounterValue, float64(s.Duplicates))
	c(descLastID, prometheus.GaugeValue, float64(s.LastPublishedID))
	c(descUnpublished, prometheus.GaugeValue, float64(s.Unpublished))
	c(descOldestAge, prometheus.GaugeValue, s.OldestAgeSeconds)
	c(descPosted, prometheus.CounterValue, float64(s.Posted))
	c(descPostFailures, prometheus.CounterValue, float64(s.PostFailures))
	c(descDropped, prometheus.CounterValue, float64(s.Dropped))
}

var _ prometheus.Collector = (*Metrics)(nil)
