package imaging_test

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"testing"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/imaging"
)

var errs = imaging.Errors{
	TooLarge:   fault.New(fault.TooLarge, "t.large", "大きすぎます", "too large"),
	NotImage:   fault.New(fault.Invalid, "t.not_image", "画像ではありません", "not an image"),
	Type:       fault.New(fault.Invalid, "t.type", "種類が違います", "wrong type"),
	Dimensions: fault.New(fault.Invalid, "t.dims", "縦横が大きすぎます", "too many pixels"),
}

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestProcess(t *testing.T) {
	cases := []struct {
		name          string
		data          []byte
		declared      string
		spec          imaging.Spec
		format        string
		width, height int
		err           error
	}{
		{"square PNG", pngOf(t, 300, 200), "image/png", imaging.Spec{MaxBytes: 1 << 20, Square: 100}, "png", 100, 100, nil},
		{"fit landscape JPEG", pngOf(t, 400, 100), "", imaging.Spec{MaxBytes: 1 << 20, Fit: 200, JPEG: true}, "jpeg", 200, 50, nil},
		{"fit portrait", pngOf(t, 100, 400), "application/octet-stream", imaging.Spec{MaxBytes: 1 << 20, Fit: 200}, "png", 50, 200, nil},
		{"small stays", pngOf(t, 40, 30), "image/png", imaging.Spec{MaxBytes: 1 << 20, Fit: 200, JPEG: true}, "jpeg", 40, 30, nil},
		{"too large", pngOf(t, 40, 30), "image/png", imaging.Spec{MaxBytes: 10}, "", 0, 0, errs.TooLarge},
		{"not an image", []byte("<svg onload=alert(1)>"), "image/png", imaging.Spec{MaxBytes: 1 << 20}, "", 0, 0, errs.NotImage},
		{"declared type differs", pngOf(t, 4, 4), "image/jpeg", imaging.Spec{MaxBytes: 1 << 20}, "", 0, 0, errs.Type},
		{"declared type not an image", pngOf(t, 4, 4), "text/html", imaging.Spec{MaxBytes: 1 << 20}, "", 0, 0, errs.Type},
		{"too many pixels", pngOf(t, 8001, 1), "image/png", imaging.Spec{MaxBytes: 1 << 20}, "", 0, 0, errs.Dimensions},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.spec.Errors = errs
			out, err := imaging.Process(c.data, c.declared, c.spec)
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("got %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(out))
			if err != nil || format != c.format || cfg.Width != c.width || cfg.Height != c.height {
				t.Errorf("got %s %dx%d (%v), want %s %dx%d", format, cfg.Width, cfg.Height, err, c.format, c.width, c.height)
			}
		})
	}
}
