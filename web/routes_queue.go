package web

import (
	"net/http"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/queue"
)

// queueRoutes are the queue-ticket, counter, display-board and rating routes.
func (s *Server) queueRoutes() []route {
	api := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: "/api/v1" + pattern, Perm: perm, API: true, Handle: h}
	}
	page := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: pattern, Perm: perm, Handle: h}
	}
	return []route{
		// configuration (admin)
		api("GET", "/queue/services", auth.Public, s.apiQueueServices),
		api("POST", "/queue/services", auth.CatalogWrite, s.apiQueueCreateService),
		api("GET", "/queue/counters", auth.Public, s.apiQueueCounters),
		api("POST", "/queue/counters", auth.CatalogWrite, s.apiQueueCreateCounter),
		api("PUT", "/queue/counters/{id}", auth.CatalogWrite, s.apiQueueUpdateCounter),
		api("GET", "/queue/terminals", auth.CatalogWrite, s.apiListTerminals),
		api("POST", "/queue/terminals", auth.CatalogWrite, s.apiCreateTerminal),
		api("DELETE", "/queue/terminals/{id}", auth.CatalogWrite, s.apiRevokeTerminal),
		api("PUT", "/ratings/scale", auth.CatalogWrite, s.apiPutRatingScale),

		// kiosk, phone, display board (public)
		api("POST", "/queue/tickets", auth.Public, s.apiQueueIssue),
		api("GET", "/queue/tickets/{id}", auth.Public, s.apiQueueTicket),
		api("GET", "/queue/board", auth.Public, s.apiQueueBoard),
		api("GET", "/queue/events", auth.Public, s.apiQueueEvents),

		// counter
		api("GET", "/counters/{id}", auth.QueueOperate, s.apiCounterState),
		api("POST", "/counters/{id}/call-next", auth.QueueOperate, s.apiCounterCallNext),
		api("POST", "/counters/{id}/recall", auth.QueueOperate, s.counterAction(queue.ActRecall)),
		api("POST", "/counters/{id}/start", auth.QueueOperate, s.counterAction(queue.ActStart)),
		api("POST", "/counters/{id}/finish", auth.QueueOperate, s.counterAction(queue.ActFinish)),
		api("POST", "/counters/{id}/no-show", auth.QueueOperate, s.counterAction(queue.ActNoShow)),
		api("POST", "/counters/{id}/transfer", auth.QueueOperate, s.counterAction(queue.ActTransfer)),

		// ratings (terminal token or dossier token; never a staff session)
		api("GET", "/ratings/scale", auth.Public, s.apiRatingScale),
		api("POST", "/ratings", auth.Public, s.apiSubmitRating),

		// reports
		api("GET", "/queue/stats", auth.ReportRead, s.apiQueueStats),
		api("GET", "/ratings/summary", auth.ReportRead, s.apiRatingSummary),

		// pages: kiosk, ticket, display board and rating terminal (public devices; the
		// terminal is authenticated by its device cookie only), the counter, and the
		// online rating of a returned dossier
		page("GET", "/kiosk", auth.Public, s.pageKiosk),
		page("POST", "/kiosk", auth.Public, s.pageKioskIssue),
		page("GET", "/kiosk/tickets/{id}", auth.Public, s.pageKioskTicket),
		page("GET", "/ve/{id}", auth.Public, s.pagePhoneTicket),
		page("GET", "/board", auth.Public, s.pageBoard),
		page("GET", "/counter", auth.QueueOperate, s.pageCounters),
		page("GET", "/counter/{id}", auth.QueueOperate, s.pageCounter),
		page("POST", "/counter/{id}/{action}", auth.QueueOperate, s.pageCounterAction),
		page("GET", "/rate/setup", auth.Public, s.pageRateSetup),
		page("GET", "/rate/{counter}", auth.Public, s.pageRate),
		page("POST", "/rate/{counter}", auth.Public, s.pageRateSubmit),
		page("POST", "/tra-cuu/{code}/danh-gia", auth.Public, s.pageLookupRate),
		page("GET", "/dossiers/{code}/rating-code", auth.DossierProcess, s.pageRatingCode),
		page("POST", "/dossiers/{code}/rating-code", auth.DossierProcess, s.pageRatingCodeIssue),
	}
}
