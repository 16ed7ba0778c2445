package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// pictureSkies are the sky colours (top, horizon) of demo feed pictures.
var pictureSkies = [][2]color.RGBA{
	{{0x4c, 0x6e, 0xf5, 0xff}, {0xfc, 0xc4, 0x19, 0xff}}, // dusk
	{{0x15, 0xaa, 0xbf, 0xff}, {0xe7, 0xf5, 0xff, 0xff}}, // day
	{{0x7e, 0x57, 0xc2, 0xff}, {0xff, 0x87, 0x87, 0xff}}, // sunset
}

// FeedPicture draws a landscape PNG (sky, sun, hills) for demo post n, the
// kind of photo alumni attach to a post about a trip or a meetup.
func FeedPicture(n int) []byte {
	const w, h = 960, 540
	sky := pictureSkies[n%len(pictureSkies)]
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	sunX, sunY, sunR := 220+n*170%520, 190, 60
	for y := range h {
		for x := range w {
			t := y * 255 / h
			c := color.RGBA{mix(sky[0].R, sky[1].R, t), mix(sky[0].G, sky[1].G, t), mix(sky[0].B, sky[1].B, t), 0xff}
			if dx, dy := x-sunX, y-sunY; dx*dx+dy*dy < sunR*sunR {
				c = color.RGBA{0xff, 0xf3, 0xbf, 0xff}
			}
			if hill := h*2/3 + (x-w/2)*(x-w/2)/2400 - 40; y > hill {
				c = color.RGBA{0x2b, 0x8a, 0x3e, 0xff}
			}
			if hill := h*3/4 + (x-w/4)*(x-w/4)/3000; y > hill {
				c = color.RGBA{0x2f, 0x9e, 0x44, 0xff}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

func mix(a, b uint8, t int) uint8 { return uint8((int(a)*(255-t) + int(b)*t) / 255) }
