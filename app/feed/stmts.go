package feed

import (
	"context"
	"database/sql"
	"sync"
)

// stmts caches prepared read statements by their text: feed pages run the
// same few queries over and over, and preparing them costs as much as
// running them.
type stmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// query runs a read through a cached prepared statement.
func (s *Service) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	s.stmts.mu.Lock()
	st, ok := s.stmts.m[q]
	if !ok {
		var err error
		if st, err = s.st.R.PrepareContext(ctx, q); err != nil {
			s.stmts.mu.Unlock()
			return nil, err
		}
		if s.stmts.m == nil {
			s.stmts.m = map[string]*sql.Stmt{}
		}
		s.stmts.m[q] = st
	}
	s.stmts.mu.Unlock()
	return st.QueryContext(ctx, args...)
}
