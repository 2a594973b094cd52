package web

// queueRoutes are the queue-ticket, counter, display-board and rating routes.
func (s *Server) queueRoutes() []route {
	return []route{}
}
