package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// avatarColours are the background hues of demo avatars.
var avatarColours = []color.RGBA{
	{0x4c, 0x6e, 0xf5, 0xff}, {0x12, 0xb8, 0x86, 0xff}, {0xfa, 0xb0, 0x05, 0xff},
	{0xe6, 0x49, 0x80, 0xff}, {0x7e, 0x57, 0xc2, 0xff}, {0x15, 0xaa, 0xbf, 0xff},
}

// Avatar draws a simple PNG portrait (a head and shoulders on a coloured
// ground) for demo member n.
func Avatar(n int) []byte {
	const size = 256
	bg := avatarColours[n%len(avatarColours)]
	fg := color.RGBA{0xf4, 0xf6, 0xfb, 0xff}
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	headR := 48 + n%3*6
	for y := range size {
		for x := range size {
			c := bg
			dx, dy := x-size/2, y-100
			bx, by := x-size/2, y-270
			if dx*dx+dy*dy < headR*headR || (bx*bx/2+by*by < 110*110 && y > 160) {
				c = fg
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
