package feed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/imaging"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// Image limits: uploads up to MaxImageBytes, stored as JPEG at most
// ImageFit pixels a side.
const (
	MaxImageBytes = 8 << 20
	ImageFit      = 1600
)

// Image errors.
var (
	ErrImageTooLarge = fault.New(fault.TooLarge, "feed.image_too_large", "画像は8MBまでです", "the image is at most 8 MB")
	ErrNotImage      = fault.New(fault.Invalid, "feed.not_image", "JPEG・PNG・WebP の画像を選んでください", "please choose a JPEG, PNG or WebP image")
	ErrImageType     = fault.New(fault.Invalid, "feed.image_type", "ファイルの種類が内容と一致しません", "the file type does not match its content")
	ErrImageSize     = fault.New(fault.Invalid, "feed.image_dimensions", "画像の縦横が大きすぎます（8000ピクセル・4000万画素まで）", "the image is too large (at most 8000 pixels a side, 40 megapixels)")
	ErrNoImage       = fault.New(fault.NotFound, "feed.image_not_found", "画像が見つかりません", "image not found")
)

var imageSpec = imaging.Spec{MaxBytes: MaxImageBytes, Fit: ImageFit, JPEG: true, Errors: imaging.Errors{
	TooLarge: ErrImageTooLarge, NotImage: ErrNotImage, Type: ErrImageType, Dimensions: ErrImageSize}}

// Uploaded is a stored image and how to put it in a post.
type Uploaded struct {
	ID       int64  `json:"id"`
	URL      string `json:"url"`
	Markdown string `json:"markdown"` // ![画像](url), ready to insert
}

// UploadImage checks, re-encodes and stores an image for a post. by is the
// uploader's actor string; alumnus is their id (0 for HR), whose uploads
// count against the posting rate limit.
func (s *Service) UploadImage(ctx context.Context, by string, alumnus int64, data []byte, declared string) (Uploaded, error) {
	img, err := imaging.Process(data, declared, imageSpec)
	if err != nil {
		return Uploaded{}, err
	}
	if alumnus != 0 && !s.limit.take("image:"+strconv.FormatInt(alumnus, 10)) {
		return Uploaded{}, ErrTooManyPosts
	}
	res, err := s.st.W.ExecContext(ctx, `INSERT INTO feed_images(alumnus_id, uploaded_by, data, created_at) VALUES (?,?,?,?)`,
		nullID(alumnus), by, img, stamp(s.now()))
	if err != nil {
		return Uploaded{}, fmt.Errorf("store image: %w", err)
	}
	id, _ := res.LastInsertId()
	url := mail.FeedImagePath + strconv.FormatInt(id, 10)
	return Uploaded{ID: id, URL: url, Markdown: "![画像](" + url + ")"}, nil
}

// Image returns a stored image (JPEG) for viewer: HR (viewer 0) always;
// an alumnus their own upload, or one shown by a post they may see.
// Anything else answers ErrNoImage, so ids cannot be probed.
func (s *Service) Image(ctx context.Context, viewer, id int64) ([]byte, error) {
	var data []byte
	var by, post int64
	err := s.st.R.QueryRowContext(ctx, `SELECT data, coalesce(alumnus_id, 0), coalesce(post_id, 0) FROM feed_images WHERE id = ?`, id).Scan(&data, &by, &post)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoImage
	}
	if err != nil || viewer == 0 || by == viewer {
		return data, err
	}
	if post == 0 {
		return nil, ErrNoImage
	}
	if _, _, err := s.Post(ctx, viewer, post); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, ErrNoImage
		}
		return nil, err
	}
	return data, nil
}

var imageRef = regexp.MustCompile(regexp.QuoteMeta(mail.FeedImagePath) + `([0-9]+)\)`)

// linkImages ties the images a post's body shows to the post, once: the
// first post to show an image decides who may see it. author is the
// alumnus who wrote the post (0 for HR), who can link only their own uploads.
func (s *Service) linkImages(ctx context.Context, post, author int64, body string) error {
	for _, m := range imageRef.FindAllStringSubmatch(body, 20) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		if _, err := s.st.W.ExecContext(ctx, `UPDATE feed_images SET post_id = ? WHERE id = ? AND post_id IS NULL AND (? = 0 OR alumnus_id = ?)`,
			post, id, author, author); err != nil {
			return fmt.Errorf("link images: %w", err)
		}
	}
	return nil
}
