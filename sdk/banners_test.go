package sdk

import (
	"context"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

type bannerPlugin struct{ panic bool }

func (b bannerPlugin) Banners(_ context.Context, c Caller) ([]Banner, error) {
	if b.panic {
		panic("on purpose")
	}
	if c.ID != 7 {
		return nil, nil
	}
	return []Banner{{ID: "s-1", TextJA: "回答をお待ちしています", TextEN: "Waiting for you", Path: "s/1"}}, nil
}

func TestBannerCapability(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		impl   any
		caller int64
		want   int
		code   codes.Code
	}{
		{"the alumnus with a banner", bannerPlugin{}, 7, 1, codes.OK},
		{"another alumnus gets none", bannerPlugin{}, 8, 0, codes.OK},
		{"a panic fails the call only", bannerPlugin{panic: true}, 7, 0, codes.Internal},
		{"a plugin without banners", struct{}{}, 7, 0, codes.Unimplemented},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(tc.impl, nil)
			_, isProvider := tc.impl.(BannerProvider)
			if got := s.capabilities().Banners; got != isProvider {
				t.Errorf("capabilities().Banners = %v", got)
			}
			res, err := s.Banners(ctx, &pb.BannerRequest{Caller: &pb.Caller{Kind: "alumnus", Id: tc.caller}})
			if status.Code(err) != tc.code {
				t.Fatalf("err = %v, want %v", err, tc.code)
			}
			if len(res.GetBanners()) != tc.want {
				t.Fatalf("banners = %v", res.GetBanners())
			}
			if tc.want == 1 {
				b := res.Banners[0]
				if b.Id != "s-1" || b.TextJa != "回答をお待ちしています" || b.TextEn != "Waiting for you" || b.Path != "s/1" {
					t.Errorf("banner = %v", b)
				}
			}
		})
	}
}
