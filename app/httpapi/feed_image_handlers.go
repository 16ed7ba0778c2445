package httpapi

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/feed"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// hrFeedImagePath serves feed images to HR users (the console has no portal session).
const hrFeedImagePath = "/api/feed/images/"

// formFile reads the multipart field of an upload of at most max bytes,
// answering tooLarge beyond it and missing without the field. It returns
// the bytes and the declared content type.
func formFile(w http.ResponseWriter, r *http.Request, field string, max int, tooLarge, missing *fault.Error) ([]byte, string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, int64(max)+64<<10)
	file, header, err := r.FormFile(field)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return nil, "", tooLarge
		}
		return nil, "", missing.Withf("「%s」に画像ファイルを添付してください", "attach the image as the form field \"%s\"", field)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, int64(max)+1))
	if err != nil {
		return nil, "", tooLarge
	}
	return data, header.Header.Get("Content-Type"), nil
}

// uploadFeedImage stores the "image" of a multipart form for a post; an
// alumnus's uploads share the photo upload rate.
func (s *Server) uploadFeedImage(w http.ResponseWriter, r *http.Request) error {
	if s.Feed == nil {
		return errFeedOff
	}
	a := actor.From(r.Context())
	var alumnus int64
	if r.URL.Path != "/api/feed/images" {
		alumnus = a.ID
		if !s.photoRate.allow("member:" + strconv.FormatInt(alumnus, 10)) {
			return errPhotoRate
		}
	}
	data, declared, err := formFile(w, r, "image", feed.MaxImageBytes, feed.ErrImageTooLarge, feed.ErrNotImage)
	if err != nil {
		return err
	}
	up, err := s.Feed.UploadImage(r.Context(), a.String(), alumnus, data, declared)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "feed.image.upload", "image:"+strconv.FormatInt(up.ID, 10), "")
	writeJSON(w, http.StatusCreated, up)
	return nil
}

// feedImage serves a stored feed image, to HR on the console's address and
// to the members who may see it on the portal's. It never changes, but who
// may see it does (a post hidden or deleted), so browsers keep it for a day.
func (s *Server) feedImage(w http.ResponseWriter, r *http.Request) error {
	if s.Feed == nil {
		return errFeedOff
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return feed.ErrNoImage
	}
	var viewer int64
	if strings.HasPrefix(r.URL.Path, mail.FeedImagePath) {
		viewer = me(r)
	}
	img, err := s.Feed.Image(r.Context(), viewer, id)
	if err != nil {
		return err
	}
	return writeImage(w, cacheDay, img)
}

// hrImages points the portal's image addresses in html at the console's.
func hrImages(html string) string {
	return strings.ReplaceAll(html, `src="`+mail.FeedImagePath, `src="`+hrFeedImagePath)
}

type commentEdit struct {
	Body     string  `json:"body"`
	Mentions []int64 `json:"mentions"`
}

func (s *Server) portalUpdateComment(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 200, func(r *http.Request, id int64, in commentEdit) (any, error) {
		return answer(s.Feed.UpdateComment(r.Context(), me(r), id, in.Body, in.Mentions))
	})(w, r)
}

func (s *Server) portalDeleteComment(w http.ResponseWriter, r *http.Request) error {
	return feedRoute(s, 204, func(r *http.Request, id int64, _ none) (any, error) {
		return done(s.Feed.DeleteComment(r.Context(), me(r), id))
	})(w, r)
}
