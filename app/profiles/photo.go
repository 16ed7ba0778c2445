package profiles

import (
	"context"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/imaging"
)

// Photo limits.
const (
	MaxPhotoBytes = 5 << 20 // upload size
	PhotoSize     = 400     // stored photos are PhotoSize × PhotoSize
)

// Photo errors.
var (
	ErrPhotoTooLarge = fault.New(fault.TooLarge, "profiles.photo_too_large",
		"写真は5MBまでです", "the photo is at most 5 MB")
	ErrNotImage = fault.New(fault.Invalid, "profiles.not_image",
		"JPEG・PNG・WebP の画像を選んでください", "please choose a JPEG, PNG or WebP image")
	ErrPhotoType = fault.New(fault.Invalid, "profiles.photo_type",
		"ファイルの種類が内容と一致しません", "the file type does not match its content")
	ErrPhotoDimensions = fault.New(fault.Invalid, "profiles.photo_dimensions",
		"画像の縦横が大きすぎます（8000ピクセルまで）", "the image is too large (at most 8000 pixels a side)")
)

// photoSpec makes a stored photo a square PNG of PhotoSize pixels:
// re-encoding drops EXIF, GPS and any other metadata.
var photoSpec = imaging.Spec{MaxBytes: MaxPhotoBytes, Square: PhotoSize, Errors: imaging.Errors{
	TooLarge: ErrPhotoTooLarge, NotImage: ErrNotImage, Type: ErrPhotoType, Dimensions: ErrPhotoDimensions}}

// SetPhoto validates, resizes and stores the member's photo.
func (s *Service) SetPhoto(ctx context.Context, id int64, data []byte, declared string) error {
	img, err := imaging.Process(data, declared, photoSpec)
	if err != nil {
		return err
	}
	if err := s.repo.ensure(ctx, id); err != nil {
		return err
	}
	if err := s.repo.setPhoto(ctx, id, img); err != nil {
		return err
	}
	_, err = s.Own(ctx, id)
	return err
}

// Photo returns member id's photo (PNG) for viewer: their own always,
// another's only when that member shows it. Otherwise ErrNoPhoto.
func (s *Service) Photo(ctx context.Context, viewer, id int64) ([]byte, error) {
	if viewer != id {
		p, err := s.load(ctx, id)
		if err != nil {
			return nil, err
		}
		if !p.shown(FieldPhoto) {
			return nil, ErrNoPhoto
		}
	}
	return s.repo.photo(ctx, id)
}

// PhotoForHR returns member id's photo for HR, whatever its visibility.
func (s *Service) PhotoForHR(ctx context.Context, id int64) ([]byte, error) {
	if err := auth.Authorize(ctx, auth.AlumniRead); err != nil {
		return nil, err
	}
	return s.repo.photo(ctx, id)
}
