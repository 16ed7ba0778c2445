package plugins

import (
	"context"

	"github.com/kizuna-hr/kizuna/app/segments"
)

// SavedSegments is the Segments a plugin reads: HR's saved segments
// (app/segments), listed without their filters and resolved to alumnus ids.
type SavedSegments struct {
	Saved interface {
		List(ctx context.Context) ([]segments.Segment, error)
		Resolve(ctx context.Context, id int64) ([]int64, error)
	}
}

// List implements Segments.
func (s SavedSegments) List(ctx context.Context) ([]Segment, error) {
	list, err := s.Saved.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Segment, len(list))
	for i, seg := range list {
		out[i] = Segment{ID: seg.ID, Name: seg.Name, Description: seg.Description}
	}
	return out, nil
}

// Members implements Segments.
func (s SavedSegments) Members(ctx context.Context, id int64) ([]int64, error) {
	return s.Saved.Resolve(ctx, id)
}
