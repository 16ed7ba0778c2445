package httpapi

import (
	"net/http"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/feed"
)

// Portal: the logged-in alumnus's feed, posts, comments, reactions,
// reports and spaces. The alumnus is always actor.From(ctx).

func me(r *http.Request) int64 { return actor.From(r.Context()).ID }

func (s *Server) portalFeed(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, _ int64, _ none) (any, error) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		if sp := q.Get("space"); sp != "" {
			id, err := strconv.ParseInt(sp, 10, 64)
			if err != nil || id <= 0 {
				return nil, errBadParam.Withf("space は正の整数です", "space must be a positive integer")
			}
			return answer(s.Feed.SpaceFeed(r.Context(), me(r), id, q.Get("before"), limit))
		}
		return answer(s.Feed.Feed(r.Context(), me(r), q.Get("before"), limit))
	})(w, r)
}

func (s *Server) portalCreatePost(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 201, func(r *http.Request, _ int64, d feed.Draft) (any, error) {
		return answer(s.Feed.CreateAlumniPost(r.Context(), me(r), d))
	})(w, r)
}

func (s *Server) portalGetPost(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, id int64, _ none) (any, error) {
		p, comments, err := s.Feed.Post(r.Context(), me(r), id)
		return answer(map[string]any{"post": p, "comments": comments}, err)
	})(w, r)
}

func (s *Server) portalUpdatePost(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, id int64, d feed.Draft) (any, error) {
		return answer(s.Feed.UpdateAlumniPost(r.Context(), me(r), id, d))
	})(w, r)
}

func (s *Server) portalDeletePost(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 204, func(r *http.Request, id int64, _ none) (any, error) {
		return done(s.Feed.DeleteAlumniPost(r.Context(), me(r), id))
	})(w, r)
}

type commentIn struct {
	Body     string  `json:"body"`
	Mentions []int64 `json:"mentions"`
}

func (s *Server) portalComment(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 201, func(r *http.Request, id int64, in commentIn) (any, error) {
		return answer(s.Feed.AddComment(r.Context(), me(r), id, in.Body, in.Mentions))
	})(w, r)
}

func (s *Server) portalReact(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, id int64, in struct{ Reaction string }) (any, error) {
		on, err := s.Feed.React(r.Context(), me(r), id, in.Reaction)
		return answer(map[string]bool{"on": on}, err)
	})(w, r)
}

type reportIn struct {
	TargetKind string `json:"target_kind"`
	TargetID   int64  `json:"target_id"`
	Reason     string `json:"reason"`
}

func (s *Server) portalReport(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 202, func(r *http.Request, _ int64, in reportIn) (any, error) {
		err := s.Feed.ReportContent(r.Context(), me(r), in.TargetKind, in.TargetID, in.Reason)
		return answer(map[string]bool{"reported": true}, err)
	})(w, r)
}

func (s *Server) portalSpaces(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, _ int64, _ none) (any, error) {
		return items(s.Feed.Spaces(r.Context(), me(r)))
	})(w, r)
}

func (s *Server) portalCreateSpace(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 201, func(r *http.Request, _ int64, sp feed.Space) (any, error) {
		return answer(s.Feed.CreateSpace(r.Context(), actor.From(r.Context()).String(), me(r), sp))
	})(w, r)
}

func (s *Server) portalJoinSpace(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 204, func(r *http.Request, id int64, _ none) (any, error) {
		return done(s.Feed.Join(r.Context(), me(r), id))
	})(w, r)
}

func (s *Server) portalLeaveSpace(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 204, func(r *http.Request, id int64, _ none) (any, error) {
		return done(s.Feed.Leave(r.Context(), me(r), id))
	})(w, r)
}
