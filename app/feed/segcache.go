package feed

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// segCache keeps, per targeted segment, the set of its alumni. It is
// rebuilt when alumni or segments changed (a cheap fingerprint query), so a
// feed page costs a map lookup per targeted segment, not a directory search.
type segCache struct {
	mu      sync.Mutex
	key     string
	checked time.Time // when the fingerprint was last read
	sets    map[int64]map[int64]bool
}

// segRecheck is how often the fingerprint is read at most.
const segRecheck = time.Second

const segFingerprintSQL = `SELECT coalesce((SELECT max(seq) FROM alumni_changes), 0),
	coalesce((SELECT max(updated_at) FROM segments), ''),
	(SELECT count(*) FROM segments)`

// mySegments returns the ids of the targeted segments alumnus belongs to.
func (s *Service) mySegments(ctx context.Context, alumnus int64) ([]int64, error) {
	s.seg.mu.Lock()
	fresh := s.seg.sets != nil && time.Since(s.seg.checked) < segRecheck
	s.seg.mu.Unlock()
	if !fresh {
		if err := s.refreshSegments(ctx); err != nil {
			return nil, err
		}
	}
	s.seg.mu.Lock()
	defer s.seg.mu.Unlock()
	var out []int64
	for id, set := range s.seg.sets {
		if set[alumnus] {
			out = append(out, id)
		}
	}
	return out, nil
}

// refreshSegments reads the fingerprint and re-resolves the segments when it moved.
func (s *Service) refreshSegments(ctx context.Context) error {
	var a, c int64
	var b string
	if err := s.st.R.QueryRowContext(ctx, segFingerprintSQL).Scan(&a, &b, &c); err != nil {
		return fmt.Errorf("segment fingerprint: %w", err)
	}
	key := fmt.Sprint(a, b, c)
	s.seg.mu.Lock()
	defer s.seg.mu.Unlock()
	s.seg.checked = time.Now()
	if s.seg.sets == nil || s.seg.key != key {
		sets := map[int64]map[int64]bool{}
		if s.segs != nil {
			rows, err := s.st.R.QueryContext(ctx, `SELECT id FROM segments`)
			if err != nil {
				return err
			}
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				ids = append(ids, id)
			}
			rows.Close()
			for _, id := range ids {
				members, err := s.segs.Resolve(ctx, id)
				if err != nil {
					return fmt.Errorf("resolve segment %d: %w", id, err)
				}
				set := make(map[int64]bool, len(members))
				for _, m := range members {
					set[m] = true
				}
				sets[id] = set
			}
		}
		s.seg.key, s.seg.sets = key, sets
	}
	return nil
}
