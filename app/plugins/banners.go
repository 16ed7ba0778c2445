package plugins

import (
	"context"
	"slices"
	"strings"
	"sync"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// Banner is one plain-text portal notice of an enabled plugin, linking to
// one of its pages.
type Banner struct {
	PluginID string `json:"plugin_id"`
	ID       string `json:"id"`
	TextJA   string `json:"text_ja"`
	TextEN   string `json:"text_en"`
	Path     string `json:"path"` // relative to the plugin's root
}

// maxBannerText bounds one banner's text (runes); longer text is cut.
const maxBannerText = 200

// Banners asks every running plugin that shows banners for those of the
// alumnus c, all at once, each within BannerTimeout: a slow, failing or
// crashed plugin is left out (and noted in its log) and never stalls the
// portal. The result is ordered by plugin id, then as each plugin listed it.
func (m *Manager) Banners(ctx context.Context, c *pb.Caller) []Banner {
	m.mu.Lock()
	runners := make([]*runner, 0, len(m.runners))
	for _, r := range m.runners {
		runners = append(runners, r)
	}
	m.mu.Unlock()
	var (
		mu  sync.Mutex
		out []Banner
		wg  sync.WaitGroup
	)
	for _, r := range runners {
		remote, caps := r.running()
		if remote == nil || !caps.GetBanners() {
			continue
		}
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(ctx, m.opts.BannerTimeout)
			defer cancel()
			res, err := remote.Banners(ctx, &pb.BannerRequest{Caller: c})
			if err != nil {
				r.out.note("banners not shown", "err", err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, b := range res.Banners {
				if b.TextJa == "" {
					continue
				}
				out = append(out, Banner{PluginID: r.rec.ID, ID: b.Id, TextJA: cut(b.TextJa), TextEN: cut(b.TextEn), Path: strings.TrimLeft(b.Path, "/")})
			}
		})
	}
	wg.Wait()
	slices.SortStableFunc(out, func(a, b Banner) int { return strings.Compare(a.PluginID, b.PluginID) })
	return out
}

func cut(s string) string {
	if r := []rune(s); len(r) > maxBannerText {
		return string(r[:maxBannerText]) + "…"
	}
	return s
}
