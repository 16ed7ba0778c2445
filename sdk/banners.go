package sdk

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// BannerProvider is implemented by plugins that put notices at the top of
// the portal ("a survey is waiting for you"). The host asks it for the
// logged-in alumnus each time the portal loads, with a short timeout: answer
// quickly (a lookup in your own store), and return no banner once there is
// nothing to do. Text is plain text, never HTML.
type BannerProvider interface {
	Banners(ctx context.Context, alumnus Caller) ([]Banner, error)
}

// Banner is one plain-text notice in the portal that links to a page of
// the plugin.
type Banner struct {
	ID     string // unique within the plugin, e.g. "survey-12"
	TextJA string // Japanese text (required)
	TextEN string // English text (optional)
	Path   string // the plugin page to open, relative to its root: "s/12"
}

func (s *server) Banners(ctx context.Context, req *pb.BannerRequest) (*pb.BannerResponse, error) {
	b, ok := s.impl.(BannerProvider)
	if !ok {
		return nil, status.Error(codes.Unimplemented, "plugin shows no banners")
	}
	var c Caller
	if pc := req.GetCaller(); pc != nil {
		c = Caller{Kind: pc.Kind, ID: pc.Id, Name: pc.Name, Role: pc.Role, Permissions: pc.Permissions}
	}
	var list []Banner
	if err := s.guard("Banners", func() (err error) { list, err = b.Banners(ctx, c); return err }); err != nil {
		return nil, err
	}
	res := &pb.BannerResponse{}
	for _, x := range list {
		res.Banners = append(res.Banners, &pb.Banner{Id: x.ID, TextJa: x.TextJA, TextEn: x.TextEN, Path: x.Path})
	}
	return res, nil
}
