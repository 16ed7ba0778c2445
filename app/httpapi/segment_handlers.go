package httpapi

import (
	"fmt"
	"net/http"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/segments"
)

var errCampaignsOff = fault.New(fault.Unavailable, "campaigns.unavailable", "キャンペーン機能が起動していません", "the campaign services are not running")

// mailOn answers 503 when the server was built without the campaign services.
func (s *Server) mailOn() error {
	if s.Segments == nil || s.Campaigns == nil {
		return errCampaignsOff
	}
	return nil
}

func (s *Server) listSegments(w http.ResponseWriter, r *http.Request) error {
	if err := s.mailOn(); err != nil {
		return err
	}
	list, err := s.Segments.List(r.Context())
	if err != nil {
		return err
	}
	if err := s.Segments.WithCounts(r.Context(), list); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

// segmentOf reads the path's segment id and the segment, with its count.
func (s *Server) segmentOf(r *http.Request) (segments.Segment, error) {
	if err := s.mailOn(); err != nil {
		return segments.Segment{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return segments.Segment{}, err
	}
	return s.Segments.Get(r.Context(), id)
}

func (s *Server) writeSegment(w http.ResponseWriter, r *http.Request, status int, seg segments.Segment) error {
	list := []segments.Segment{seg}
	if err := s.Segments.WithCounts(r.Context(), list); err != nil {
		return err
	}
	writeJSON(w, status, list[0])
	return nil
}

func (s *Server) getSegment(w http.ResponseWriter, r *http.Request) error {
	seg, err := s.segmentOf(r)
	if err != nil {
		return err
	}
	return s.writeSegment(w, r, http.StatusOK, seg)
}

func (s *Server) createSegment(w http.ResponseWriter, r *http.Request) error {
	if err := s.mailOn(); err != nil {
		return err
	}
	var in segments.Segment
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	seg, err := s.Segments.Create(r.Context(), in, actor.From(r.Context()).Name)
	if err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "segment.create", segmentSubject(seg.ID), seg.Name); err != nil {
		return err
	}
	return s.writeSegment(w, r, http.StatusCreated, seg)
}

func segmentSubject(id int64) string { return fmt.Sprintf("segment:%d", id) }

func (s *Server) updateSegment(w http.ResponseWriter, r *http.Request) error {
	old, err := s.segmentOf(r)
	if err != nil {
		return err
	}
	var in segments.Segment
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.ID = old.ID
	seg, err := s.Segments.Update(r.Context(), in)
	if err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "segment.update", segmentSubject(seg.ID), seg.Name); err != nil {
		return err
	}
	return s.writeSegment(w, r, http.StatusOK, seg)
}

func (s *Server) deleteSegment(w http.ResponseWriter, r *http.Request) error {
	seg, err := s.segmentOf(r)
	if err != nil {
		return err
	}
	if err := s.Segments.Delete(r.Context(), seg.ID); err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "segment.delete", segmentSubject(seg.ID), seg.Name); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) countSegment(w http.ResponseWriter, r *http.Request) error {
	if err := s.mailOn(); err != nil {
		return err
	}
	var in struct {
		Filter segments.Filter `json:"filter"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := s.Segments.Count(r.Context(), in.Filter)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (s *Server) segmentMembers(w http.ResponseWriter, r *http.Request) error {
	seg, err := s.segmentOf(r)
	if err != nil {
		return err
	}
	page, err := parseQuery(r.URL.Query())
	if err != nil {
		return err
	}
	q := seg.Filter.Query()
	q.Offset, q.Limit, q.Sort = page.Offset, page.Limit, page.Sort
	return s.writeAlumniList(w, r, q)
}

// paging reads offset and limit (default 50, at most 500).
func paging(r *http.Request) (offset, limit int, err error) {
	q, err := parseQuery(r.URL.Query())
	if q.Limit == 0 {
		q.Limit = 50
	}
	return q.Offset, min(q.Limit, 500), err
}
