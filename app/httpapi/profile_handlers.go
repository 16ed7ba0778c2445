package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/profiles"
)

var errNoProfiles = fault.New(fault.Unavailable, "profiles.unavailable",
	"プロフィール機能は利用できません", "profiles are not available")

// errPhotoRate answers a member who uploads too many pictures (profile photo
// and images in posts share the limit).
var errPhotoRate = fault.New(fault.TooMany, "uploads.image_rate",
	"画像のアップロードが多すぎます。しばらくしてからお試しください", "too many image uploads; please try again later")

// photoLimits bounds a member's picture uploads (profile photo, images in
// posts): decoding is the costly part.
func photoLimits() *ipLimiter { return &ipLimiter{every: 10 * time.Second, burst: 10} }

func (s *Server) profilesOr() (*profiles.Service, error) {
	if s.Profiles == nil {
		return nil, errNoProfiles
	}
	return s.Profiles, nil
}

// memberCall runs fn with the profiles service and the logged-in alumnus' id.
func (s *Server) memberCall(fn func(w http.ResponseWriter, r *http.Request, p *profiles.Service, me int64) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := s.profilesOr()
		if err != nil {
			return err
		}
		return fn(w, r, p, actor.From(r.Context()).ID)
	}
}

// memberRead answers GET routes: fn's result as JSON.
func memberRead[T any](fn func(p *profiles.Service, ctx context.Context, me int64) (T, error)) func(http.ResponseWriter, *http.Request, *profiles.Service, int64) error {
	return func(w http.ResponseWriter, r *http.Request, p *profiles.Service, me int64) error {
		v, err := fn(p, r.Context(), me)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, v)
		return nil
	}
}

// memberWrite answers routes with a JSON body: fn's result as JSON.
func memberWrite[In, Out any](fn func(p *profiles.Service, ctx context.Context, me int64, in In) (Out, error)) func(http.ResponseWriter, *http.Request, *profiles.Service, int64) error {
	return func(w http.ResponseWriter, r *http.Request, p *profiles.Service, me int64) error {
		var in In
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
		v, err := fn(p, r.Context(), me, in)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, v)
		return nil
	}
}

func (s *Server) uploadPhoto(w http.ResponseWriter, r *http.Request, p *profiles.Service, me int64) error {
	if !s.photoRate.allow("member:" + strconv.FormatInt(me, 10)) {
		return errPhotoRate
	}
	data, declared, err := formFile(w, r, "photo", profiles.MaxPhotoBytes, profiles.ErrPhotoTooLarge, profiles.ErrNotImage)
	if err != nil {
		return err
	}
	if err := p.SetPhoto(r.Context(), me, data, declared); err != nil {
		return err
	}
	return memberRead((*profiles.Service).Own)(w, r, p, me)
}

// Cache policies for writeImage: a profile photo follows its owner's
// visibility choice at once; an event photo does not change.
const (
	cacheRevalidate = "private, no-cache"
	cacheDay        = "private, max-age=86400"
)

// writeImage answers with an image Kizuna re-encoded itself (its type is
// sniffed from the bytes).
func writeImage(w http.ResponseWriter, cache string, img []byte) error {
	w.Header().Set("Content-Type", http.DetectContentType(img))
	w.Header().Set("Cache-Control", cache)
	w.Header().Set("Content-Length", strconv.Itoa(len(img)))
	w.Write(img)
	return nil
}

func (s *Server) ownPhoto(w http.ResponseWriter, r *http.Request, p *profiles.Service, me int64) error {
	img, err := p.Photo(r.Context(), me, me)
	if err != nil {
		return err
	}
	return writeImage(w, cacheRevalidate, img)
}

// memberID reads {id} as a member id; anything that is not one is "no such member".
func memberID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, profiles.ErrNotMember
	}
	return id, nil
}

func (s *Server) memberCard(w http.ResponseWriter, r *http.Request, p *profiles.Service, me int64) error {
	id, err := memberID(r)
	if err != nil {
		return err
	}
	c, err := p.Card(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (s *Server) memberPhoto(w http.ResponseWriter, r *http.Request, p *profiles.Service, me int64) error {
	id, err := memberID(r)
	if err != nil {
		return err
	}
	img, err := p.Photo(r.Context(), me, id)
	if err != nil {
		return err
	}
	return writeImage(w, cacheRevalidate, img)
}

func (s *Server) memberDirectory(w http.ResponseWriter, r *http.Request, p *profiles.Service, me int64) error {
	v := r.URL.Query()
	q := profiles.DirectoryQuery{Text: v.Get("q"), Company: v.Get("company"), Industry: v.Get("industry"),
		JobType: v.Get("job_type"), Interest: v.Get("interest")}
	if err := readInts(v, []intParam{{"join_year_from", &q.JoinYearFrom}, {"join_year_to", &q.JoinYearTo},
		{"offset", &q.Offset}, {"limit", &q.Limit}}); err != nil {
		return err
	}
	page, err := p.Directory(r.Context(), me, q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// alumnusProfile shows HR what an alumnus put in the portal (audited).
func (s *Server) alumnusProfile(w http.ResponseWriter, r *http.Request) error {
	p, err := s.profilesOr()
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := p.ForHR(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) alumnusPhoto(w http.ResponseWriter, r *http.Request) error {
	p, err := s.profilesOr()
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	img, err := p.PhotoForHR(r.Context(), id)
	if err != nil {
		return err
	}
	return writeImage(w, cacheRevalidate, img)
}
