package web

// staffRoutes are the pages officers work in all day: counter intake, my work, the
// dossier page and the dossier book.
func (s *Server) staffRoutes() []route {
	return []route{}
}
