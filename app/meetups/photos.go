package meetups

import (
	"context"
	"database/sql"
	"errors"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/imaging"
)

// MaxPhotoBytes bounds one uploaded photo (its pixels are bounded by imaging.MaxArea).
const MaxPhotoBytes = 10 << 20

var (
	errBadPhoto   = fault.New(fault.Invalid, "meetups.bad_photo", "JPEG か PNG の画像を選んでください", "choose a JPEG or PNG image")
	errPhotoLarge = fault.New(fault.TooLarge, "meetups.photo_too_large", "画像が大きすぎます（10 MB・4000 万画素まで）", "the image is too large (10 MB, 40 megapixels at most)")
	errNoPhoto    = fault.New(fault.NotFound, "meetups.photo_not_found", "写真が見つかりません", "photo not found")
)

// photoSpec keeps an event photo's size and re-encodes it as JPEG.
var photoSpec = imaging.Spec{MaxBytes: MaxPhotoBytes, JPEG: true, Errors: imaging.Errors{
	TooLarge: errPhotoLarge, NotImage: errBadPhoto, Type: errBadPhoto, Dimensions: errPhotoLarge}}

// AddPhoto checks an uploaded image, re-encodes it as JPEG (dropping any
// metadata such as GPS position) and keeps it with the event.
func (s *Service) AddPhoto(ctx context.Context, id int64, data []byte) (int64, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return 0, err
	}
	img, err := imaging.Process(data, "", photoSpec)
	if err != nil {
		return 0, err
	}
	res, err := s.st.W.ExecContext(ctx, "INSERT INTO meetup_photos(meetup_id, jpeg, created_at) VALUES (?,?,?)", id, img, stamp(s.cfg.Now()))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Photo returns a photo's JPEG and its event.
func (s *Service) Photo(ctx context.Context, photoID int64) ([]byte, int64, error) {
	var data []byte
	var ev int64
	err := s.st.R.QueryRowContext(ctx, "SELECT jpeg, meetup_id FROM meetup_photos WHERE id = ?", photoID).Scan(&data, &ev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, errNoPhoto
	}
	return data, ev, err
}

func (s *Service) photoIDs(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.st.R.QueryContext(ctx, "SELECT id FROM meetup_photos WHERE meetup_id = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
