package profiles

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // decoders for uploads
	"image/png"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
)

// Photo limits.
const (
	MaxPhotoBytes = 5 << 20 // upload size
	PhotoSize     = 400     // stored photos are PhotoSize × PhotoSize
	maxPhotoSide  = 8000    // larger images are refused before decoding
	maxPhotoArea  = 40_000_000
)

// photoTypes maps accepted upload content types to decoder names.
var photoTypes = map[string]string{"image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp"}

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

// processPhoto checks an upload by decoding it and returns it as a square
// PNG of PhotoSize pixels: re-encoding drops EXIF, GPS and any other metadata.
// declared is the upload's content type ("" when the client gave none).
func processPhoto(data []byte, declared string) ([]byte, error) {
	if len(data) > MaxPhotoBytes {
		return nil, ErrPhotoTooLarge
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotImage.Wrap(err)
	}
	declared = strings.ToLower(strings.TrimSpace(strings.Split(declared, ";")[0]))
	if want, ok := photoTypes[declared]; declared != "" && declared != "application/octet-stream" && (!ok || want != format) {
		return nil, ErrPhotoType
	}
	if _, ok := photoTypes["image/"+format]; !ok {
		return nil, ErrNotImage
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxPhotoSide || cfg.Height > maxPhotoSide || cfg.Width*cfg.Height > maxPhotoArea {
		return nil, ErrPhotoDimensions
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotImage.Wrap(err)
	}
	// Centre square crop, then scale.
	b := src.Bounds()
	side := min(b.Dx(), b.Dy())
	crop := image.Rect(b.Min.X+(b.Dx()-side)/2, b.Min.Y+(b.Dy()-side)/2, 0, 0)
	crop.Max = crop.Min.Add(image.Pt(side, side))
	dst := image.NewRGBA(image.Rect(0, 0, PhotoSize, PhotoSize))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, crop, draw.Src, nil)
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// SetPhoto validates, resizes and stores the member's photo.
func (s *Service) SetPhoto(ctx context.Context, id int64, data []byte, declared string) error {
	img, err := processPhoto(data, declared)
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
