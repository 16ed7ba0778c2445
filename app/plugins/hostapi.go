package plugins

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/sdk"
	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// hostAPI serves the Host API to one plugin. Each call is checked against
// the permissions the plugin declared and the admin granted, and runs as the
// actor "plugin:<id>" so the audit log names the plugin.
type hostAPI struct {
	pb.UnimplementedHostServer
	m       *Manager
	id      string
	granted []string
	out     *lineWriter
}

func newHostAPI(m *Manager, rec *Record, out *lineWriter) *hostAPI {
	var granted []string
	for _, p := range rec.Granted {
		if slices.Contains(rec.Manifest.Permissions, p) {
			granted = append(granted, p)
		}
	}
	return &hostAPI{m: m, id: rec.ID, granted: granted, out: out}
}

// allow checks a permission and returns the context to act in.
func (h *hostAPI) allow(ctx context.Context, perm string) (context.Context, error) {
	if perm != "" && !slices.Contains(h.granted, perm) {
		h.out.note("permission refused", "permission", perm)
		return nil, status.Errorf(codes.PermissionDenied,
			"権限「%s」が付与されていません。管理者が有効化のときに付与してください / permission %q is not granted to the plugin; the admin grants it when enabling",
			perm, perm)
	}
	return actor.With(ctx, actor.Actor{Kind: actor.Plugin, Name: h.id, Role: "viewer"}), nil
}

// permittedSubscriptions drops subscriptions to events the plugin may not
// read (alumnus events need alumni.read).
func (h *hostAPI) permittedSubscriptions(subs []string) []string {
	var ok []string
	for _, s := range subs {
		if (s == "*" || strings.HasPrefix(s, "alumnus")) && !slices.Contains(h.granted, sdk.PermAlumniRead) {
			h.out.note("subscription ignored: permission alumni.read not granted", "subscription", s)
			continue
		}
		ok = append(ok, s)
	}
	return ok
}

// toStatus turns a host error into a gRPC status the SDK understands.
func toStatus(err error) error {
	if err == nil {
		return nil
	}
	fe, ok := fault.As(err)
	if !ok {
		return status.Error(codes.Internal, "host error")
	}
	code := codes.Internal
	switch fe.Kind {
	case fault.NotFound:
		code = codes.NotFound
	case fault.Invalid, fault.Conflict:
		code = codes.InvalidArgument
	case fault.Forbidden, fault.Unauthorized:
		code = codes.PermissionDenied
	case fault.Unavailable:
		code = codes.Unavailable
	}
	return status.Error(code, fe.JA+" / "+fe.EN)
}

var errHostUnavailable = fault.New(fault.Unavailable, "plugin.host_unavailable", "この Kizuna ではまだ使えない機能です", "not available on this Kizuna yet")

func (h *hostAPI) GetAlumnus(ctx context.Context, req *pb.IDRequest) (*pb.JSONResponse, error) {
	ctx, err := h.allow(ctx, sdk.PermAlumniRead)
	if err != nil {
		return nil, err
	}
	d, err := h.m.Alumni.Get(ctx, req.Id)
	if err != nil {
		return nil, toStatus(err)
	}
	b, err := json.Marshal(alumnusView(d))
	return &pb.JSONResponse{Json: b}, err
}

// alumnusView is what plugins see of an alumnus: the list fields, never HR-only ones.
func alumnusView(d *alumni.Detail) sdk.Alumnus {
	a := d.Alumnus
	return sdk.Alumnus{ID: a.ID, CompanyID: a.CompanyID, CompanyName: d.CompanyName, EmployeeNumber: a.EmployeeNumber,
		Name: a.Name, NameReading: a.NameReading, Email: a.Email, Department: a.Department, Position: a.Position,
		JoinDate: a.JoinDate, LeaveDate: a.LeaveDate, Industry: a.Industry, JobType: a.JobType,
		CurrentEmployer: a.CurrentEmployer, Tags: a.Tags}
}

func (h *hostAPI) SearchAlumni(ctx context.Context, req *pb.SearchRequest) (*pb.SearchResponse, error) {
	ctx, err := h.allow(ctx, sdk.PermAlumniRead)
	if err != nil {
		return nil, err
	}
	res, err := h.m.Alumni.List(ctx, alumni.Query{Text: req.Query, Offset: int(req.Offset), Limit: int(req.Limit)})
	if err != nil {
		return nil, toStatus(err)
	}
	out := &pb.SearchResponse{Total: int32(res.Total)}
	for _, s := range res.Items {
		b, _ := json.Marshal(s)
		out.ItemsJson = append(out.ItemsJson, b)
	}
	return out, nil
}

func (h *hostAPI) ListSegments(ctx context.Context, _ *pb.Empty) (*pb.SegmentList, error) {
	ctx, err := h.allow(ctx, sdk.PermSegmentsRead)
	if err != nil {
		return nil, err
	}
	if h.m.Segments == nil {
		return nil, toStatus(errHostUnavailable)
	}
	list, err := h.m.Segments.List(ctx)
	if err != nil {
		return nil, toStatus(err)
	}
	out := &pb.SegmentList{}
	for _, s := range list {
		out.Items = append(out.Items, &pb.Segment{Id: s.ID, Name: s.Name, Description: s.Description})
	}
	return out, nil
}

func (h *hostAPI) ResolveSegment(ctx context.Context, req *pb.SegmentRequest) (*pb.IDList, error) {
	ctx, err := h.allow(ctx, sdk.PermSegmentsRead)
	if err != nil {
		return nil, err
	}
	if h.m.Segments == nil {
		return nil, toStatus(errHostUnavailable)
	}
	ids, err := h.m.Segments.Members(ctx, req.Id)
	return &pb.IDList{Ids: ids}, toStatus(err)
}

func (h *hostAPI) SendMail(ctx context.Context, req *pb.MailRequest) (*pb.MailResponse, error) {
	promo := req.Kind == pb.MailRequest_PROMOTIONAL
	perm := sdk.PermMailTransactional
	if promo {
		perm = sdk.PermMailPromotional
	}
	ctx, err := h.allow(ctx, perm)
	if err != nil {
		return nil, err
	}
	if h.m.Mailer == nil {
		return nil, toStatus(errHostUnavailable)
	}
	if promo && req.AlumnusId == 0 {
		return nil, status.Error(codes.InvalidArgument, "宣伝メールはアルムナイ宛てにのみ送れます / promotional mail goes to an alumnus only")
	}
	id, err := h.m.Mailer.SendPluginMail(ctx, OutMail{PluginID: h.id, Promotional: promo, AlumnusID: req.AlumnusId, To: req.To,
		Subject: req.Subject, Text: req.Text, HTML: req.Html})
	if err != nil {
		return nil, toStatus(err)
	}
	return &pb.MailResponse{MessageId: id}, nil
}

func (h *hostAPI) Settings(ctx context.Context, _ *pb.Empty) (*pb.JSONResponse, error) {
	rec, err := h.m.reg.get(ctx, h.id)
	if err != nil {
		return nil, toStatus(err)
	}
	return &pb.JSONResponse{Json: rec.Settings}, nil
}

func (h *hostAPI) Audit(ctx context.Context, req *pb.AuditRequest) (*pb.Empty, error) {
	ctx, err := h.allow(ctx, sdk.PermAuditWrite)
	if err != nil {
		return nil, err
	}
	if req.Action == "" {
		return nil, status.Error(codes.InvalidArgument, "action が必要です / action is required")
	}
	return &pb.Empty{}, toStatus(h.m.Audit.Record(ctx, "plugin."+h.id+"."+req.Action, req.Subject, req.Detail))
}

func (h *hostAPI) SetNavigation(ctx context.Context, req *pb.NavList) (*pb.Empty, error) {
	if _, err := h.allow(ctx, sdk.PermNav); err != nil {
		return nil, err
	}
	var nav []sdk.NavEntry
	for _, e := range req.Items {
		if (e.Area != "console" && e.Area != "portal") || !strings.HasPrefix(e.Path, "/") || e.LabelJa == "" {
			return nil, status.Error(codes.InvalidArgument, "メニュー項目には area（console/portal）、/ で始まる path、日本語のラベルが必要です / a nav entry needs area, a path starting with / and a Japanese label")
		}
		nav = append(nav, sdk.NavEntry{Area: e.Area, LabelJA: e.LabelJa, LabelEN: e.LabelEn, Path: e.Path})
	}
	return &pb.Empty{}, toStatus(h.m.reg.setJSON(ctx, h.id, "nav", nav))
}

func (h *hostAPI) DataDir(context.Context, *pb.Empty) (*pb.PathResponse, error) {
	return &pb.PathResponse{Path: h.m.DataDir(h.id)}, nil
}
