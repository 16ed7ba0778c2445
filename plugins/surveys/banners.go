package main

import (
	"context"
	"fmt"

	"github.com/kizuna-hr/kizuna/sdk"
)

// Banners implements sdk.BannerProvider: one portal banner per open survey
// the alumnus was invited to and has not submitted yet (a saved draft still
// counts as waiting). It disappears once answered or closed.
func (p *Surveys) Banners(ctx context.Context, c sdk.Caller) ([]sdk.Banner, error) {
	if c.Kind != "alumnus" || c.ID <= 0 || p.store == nil {
		return nil, nil
	}
	open, answered, err := p.store.OpenFor(ctx, c.ID, p.now())
	if err != nil {
		return nil, err
	}
	var out []sdk.Banner
	for _, sv := range open {
		if answered[sv.ID] {
			continue
		}
		en := sv.TitleEN
		if en == "" {
			en = sv.TitleJA
		}
		out = append(out, sdk.Banner{
			ID:     fmt.Sprintf("survey-%d", sv.ID),
			TextJA: fmt.Sprintf("アンケート「%s」へのご回答をお待ちしています（締切 %s）", sv.TitleJA, sv.ClosesAt.In(jst).AddDate(0, 0, -1).Format("1月2日")),
			TextEN: fmt.Sprintf("The survey \"%s\" is waiting for your answer (closes %s)", en, sv.ClosesAt.In(jst).AddDate(0, 0, -1).Format("Jan 2")),
			Path:   fmt.Sprintf("s/%d", sv.ID),
		})
	}
	return out, nil
}
