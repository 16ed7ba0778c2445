package httpapi

import (
	"net/http"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/feed"
)

var errFeedOff = fault.New(fault.Unavailable, "feed.unavailable", "フィード機能が起動していません", "the feed service is not running")

// none is the request body of routes that read none.
type none struct{}

// feedRoute adapts a feed call to a handler: it answers 503 without the
// feed, reads the path id when the pattern has one, decodes the JSON body
// into In (unless In is none) and writes fn's answer with status, or 204
// when fn answers nil.
func feedRoute[In any](s *Server, status int, fn func(r *http.Request, id int64, in In) (any, error)) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.Feed == nil {
			return errFeedOff
		}
		var id int64
		if r.PathValue("id") != "" {
			var err error
			if id, err = pathID(r); err != nil {
				return err
			}
		}
		var in In
		if _, skip := any(in).(none); !skip {
			if err := decodeJSON(w, r, &in); err != nil {
				return err
			}
		}
		out, err := fn(r, id, in)
		if err != nil {
			return err
		}
		if out == nil {
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
		writeJSON(w, status, out)
		return nil
	}
}

func items[T any](list []T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]any{"items": list}, nil
}

func answer[T any](v T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return v, nil
}

func done(err error) (any, error) { return nil, err }

type moderation struct {
	TargetKind string `json:"target_kind"`
	TargetID   int64  `json:"target_id"`
	Action     string `json:"action"`
	Note       string `json:"note"`
}

func hr(r *http.Request) string { return actor.From(r.Context()).String() }

// Console: company posts, spaces and moderation.

func (s *Server) listCompanyPosts(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, _ int64, _ none) (any, error) {
		return items(s.Feed.CompanyPosts(r.Context()))
	})(w, r)
}

func (s *Server) createCompanyPost(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 201, func(r *http.Request, _ int64, d feed.Draft) (any, error) {
		return answer(s.Feed.CreateCompanyPost(r.Context(), hr(r), d))
	})(w, r)
}

func (s *Server) updateCompanyPost(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, id int64, d feed.Draft) (any, error) {
		return answer(s.Feed.UpdateCompanyPost(r.Context(), id, d))
	})(w, r)
}

func (s *Server) deleteCompanyPost(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 204, func(r *http.Request, id int64, _ none) (any, error) {
		return done(s.Feed.Moderate(r.Context(), feed.TargetPost, id, feed.ActionDelete, ""))
	})(w, r)
}

func (s *Server) previewPost(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, _ int64, in struct{ Body string }) (any, error) {
		html, err := s.Feed.Preview(in.Body)
		return answer(map[string]string{"html": hrImages(html)}, err)
	})(w, r)
}

func (s *Server) listHRSpaces(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, _ int64, _ none) (any, error) {
		return items(s.Feed.Spaces(r.Context(), 0))
	})(w, r)
}

func (s *Server) createHRSpace(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 201, func(r *http.Request, _ int64, sp feed.Space) (any, error) {
		return answer(s.Feed.CreateSpace(r.Context(), hr(r), 0, sp))
	})(w, r)
}

func (s *Server) moderationQueue(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, _ int64, _ none) (any, error) {
		return items(s.Feed.Queue(r.Context()))
	})(w, r)
}

func (s *Server) moderate(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 204, func(r *http.Request, _ int64, m moderation) (any, error) {
		return done(s.Feed.Moderate(r.Context(), m.TargetKind, m.TargetID, m.Action, m.Note))
	})(w, r)
}
