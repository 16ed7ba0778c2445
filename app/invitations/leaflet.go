package invitations

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
)

// fontPaths are where Debian's fonts-ipafont-gothic puts IPA Gothic. The
// font (6 MB) is not embedded in the binary: it is found on the system.
var fontPaths = []string{
	"/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
	"/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf",
	"/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
}

// font reads the leaflet's TrueType font.
func (s *Service) font() ([]byte, error) {
	paths := fontPaths
	if s.d.FontPath != "" {
		paths = []string{s.d.FontPath}
	}
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			return b, nil
		}
	}
	return nil, ErrNoFont
}

// Leaflets issues fresh links for in.AlumnusIDs (mailing them too when
// in.Send) and returns the results and one A4 PDF, a page per person
// invited. Printing replaces any earlier link of those people.
func (s *Service) Leaflets(ctx context.Context, in Input) ([]Result, []byte, error) {
	font, err := s.font()
	if err != nil {
		return nil, nil, err
	}
	res, err := s.Issue(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	pdf, err := s.leafletPDF(ctx, font, res)
	return res, pdf, err
}

// leafletPDF sets one page per issued result.
func (s *Service) leafletPDF(ctx context.Context, font []byte, res []Result) ([]byte, error) {
	network := s.networkName(ctx)
	p := fpdf.New("P", "mm", "A4", "")
	p.SetTitle(network+" ご招待", true)
	p.AddUTF8FontFromBytes("ipag", "", font)
	p.SetMargins(20, 20, 20)
	p.SetAutoPageBreak(false, 20)
	pages := 0
	for i, r := range res {
		if !r.Issued {
			continue
		}
		pages++
		link := s.Link(r.token)
		png, err := qrcode.Encode(link, qrcode.Medium, 600)
		if err != nil {
			return nil, fmt.Errorf("leaflet QR code: %w", err)
		}
		img := fmt.Sprintf("qr%d", i)
		p.RegisterImageOptionsReader(img, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
		p.AddPage()
		p.SetFont("ipag", "", 12)
		p.SetTextColor(90, 90, 90)
		p.CellFormat(0, 8, "ご退職にあたって / Leaving well", "", 1, "L", false, 0, "")
		p.SetTextColor(0, 0, 0)
		p.SetFont("ipag", "", 24)
		p.MultiCell(0, 12, network+"へのご招待", "", "L", false)
		p.Ln(6)
		p.SetFont("ipag", "", 16)
		p.CellFormat(0, 10, r.Name+" 様", "", 1, "L", false, 0, "")
		p.Ln(4)
		p.SetFont("ipag", "", 11)
		msg := r.message
		if msg == "" {
			msg = "これまでありがとうございました。退職後も、元の同僚や会社とのつながりを続けられる場として、ぜひご参加ください。"
		}
		p.MultiCell(0, 6.5, plain(msg), "", "L", false)
		p.Ln(8)
		y := p.GetY()
		p.ImageOptions(img, 65, y, 80, 80, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		p.SetY(y + 84)
		p.SetFont("ipag", "", 11)
		p.CellFormat(0, 7, "スマートフォンでQRコードを読み取り、「参加する」を押してください。", "", 1, "C", false, 0, "")
		p.CellFormat(0, 7, "Scan the QR code with your phone and press 参加する (Join).", "", 1, "C", false, 0, "")
		p.Ln(4)
		p.SetFont("ipag", "", 8)
		p.MultiCell(0, 4.5, link, "", "C", false)
		p.SetY(-30)
		p.SetFont("ipag", "", 9)
		p.SetTextColor(90, 90, 90)
		p.MultiCell(0, 5, "このリンクはあなた専用です（1回限り）。期限: "+dateOf(r.expires)+"\nThis link is personal and single use.", "", "C", false)
	}
	if pages == 0 {
		return nil, ErrNoAlumni
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		return nil, fmt.Errorf("leaflet PDF: %w", err)
	}
	return b.Bytes(), nil
}

// plain strips the commonest Markdown marks for print.
func plain(md string) string {
	return strings.NewReplacer("**", "", "__", "", "`", "", "# ", "").Replace(md)
}

func dateOf(ts string) string {
	if len(ts) >= 10 {
		return ts[:10]
	}
	return ts
}
