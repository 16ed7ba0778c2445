package segments

import (
	"context"
)

// Counts says how many alumni a filter selects and how many of them a
// promotional campaign reaches.
type Counts struct {
	Matched    int `json:"matched"`    // alumni the filter selects
	WithEmail  int `json:"with_email"` // … who have an address
	OptedIn    int `json:"opted_in"`   // … with a recorded, unrevoked opt-in
	Suppressed int `json:"suppressed"` // … whose address is on the suppression list
	Reachable  int `json:"reachable"`  // address, opted in, not suppressed
}

// CountIDs counts reach over the given alumni.
func (s *Service) CountIDs(ctx context.Context, ids []int64) (Counts, error) {
	r, err := s.reach.get(ctx, s.st)
	if err != nil {
		return Counts{}, err
	}
	c := Counts{Matched: len(ids)}
	for _, id := range ids {
		f := r.flags[id]
		if f&hasEmail == 0 {
			continue
		}
		c.WithEmail++
		if f&optedIn != 0 {
			c.OptedIn++
		}
		if f&suppressed != 0 {
			c.Suppressed++
		}
		if f&(optedIn|suppressed) == optedIn {
			c.Reachable++
		}
	}
	return c, nil
}

// Count resolves f and counts its reach: the live count while HR edits.
func (s *Service) Count(ctx context.Context, f Filter) (Counts, error) {
	f = f.Normalize()
	if err := f.Validate(); err != nil {
		return Counts{}, err
	}
	ids, err := s.dir.MatchIDs(ctx, f.Query())
	if err != nil {
		return Counts{}, err
	}
	return s.CountIDs(ctx, ids)
}

// WithCounts fills the Count of each segment.
func (s *Service) WithCounts(ctx context.Context, list []Segment) error {
	for i := range list {
		c, err := s.Count(ctx, list[i].Filter)
		if err != nil {
			return err
		}
		list[i].Count = &c
	}
	return nil
}
