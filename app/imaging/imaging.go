package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg" // decoder and encoder
	"image/png"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // decoder for uploads

	"github.com/kizuna-hr/kizuna/app/fault"
)

// Limits that apply to every upload.
const (
	MaxSide = 8000       // images with a longer side are refused before decoding
	MaxArea = 40_000_000 // and so are those with more pixels
)

// types maps accepted upload content types to decoder names.
var types = map[string]string{"image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp"}

// Errors are the faults a capability answers with, so each keeps its own codes and wording.
type Errors struct {
	TooLarge   *fault.Error // more than MaxBytes
	NotImage   *fault.Error // not a JPEG, PNG or WebP image
	Type       *fault.Error // the declared content type does not match the content
	Dimensions *fault.Error // more than MaxSide pixels a side or MaxArea pixels
}

// Spec says how an upload is checked and re-encoded.
type Spec struct {
	MaxBytes int // upload size limit
	Square   int // > 0: centre-crop and scale to a Square × Square image
	Fit      int // > 0 (and Square 0): scale down so neither side exceeds Fit
	JPEG     bool
	Errors   Errors
}

// Process checks an upload by decoding it and returns it re-encoded (PNG,
// or JPEG when sp.JPEG) as sp says. declared is the upload's content type
// ("" or application/octet-stream when the client gave none).
func Process(data []byte, declared string, sp Spec) ([]byte, error) {
	if len(data) > sp.MaxBytes {
		return nil, sp.Errors.TooLarge
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, sp.Errors.NotImage.Wrap(err)
	}
	declared = strings.ToLower(strings.TrimSpace(strings.Split(declared, ";")[0]))
	if want, ok := types[declared]; declared != "" && declared != "application/octet-stream" && (!ok || want != format) {
		return nil, sp.Errors.Type
	}
	if _, ok := types["image/"+format]; !ok {
		return nil, sp.Errors.NotImage
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxSide || cfg.Height > MaxSide || cfg.Width*cfg.Height > MaxArea {
		return nil, sp.Errors.Dimensions
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, sp.Errors.NotImage.Wrap(err)
	}
	dst := resize(src, sp)
	var out bytes.Buffer
	if sp.JPEG {
		err = jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&out, dst)
	}
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// resize crops and scales src as sp says; a JPEG gets a white background
// under transparent pixels.
func resize(src image.Image, sp Spec) image.Image {
	b := src.Bounds()
	crop, w, h := b, b.Dx(), b.Dy()
	switch {
	case sp.Square > 0:
		side := min(b.Dx(), b.Dy())
		crop = image.Rect(b.Min.X+(b.Dx()-side)/2, b.Min.Y+(b.Dy()-side)/2, 0, 0)
		crop.Max = crop.Min.Add(image.Pt(side, side))
		w, h = sp.Square, sp.Square
	case sp.Fit > 0 && max(w, h) > sp.Fit:
		if w >= h {
			w, h = sp.Fit, max(1, h*sp.Fit/w)
		} else {
			w, h = max(1, w*sp.Fit/h), sp.Fit
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	op := draw.Src
	if sp.JPEG {
		draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
		op = draw.Over
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, crop, op, nil)
	return dst
}
