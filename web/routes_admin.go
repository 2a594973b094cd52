package web

// adminRoutes are the administration pages: catalogue, import, users.
func (s *Server) adminRoutes() []route {
	return []route{}
}
