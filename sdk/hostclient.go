package sdk

import (
	"context"
	"encoding/json"
	"time"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// hostClient is Host over the gRPC connection the broker opened at activation.
type hostClient struct {
	c       pb.HostClient
	id      string
	dataDir string
}

// NewHost returns a Host that calls the host API through c. Plugins get one
// from Activate; it is exported for tools that talk to a host directly.
func NewHost(c pb.HostClient, pluginID, dataDir string) Host {
	return &hostClient{c: c, id: pluginID, dataDir: dataDir}
}

func (h *hostClient) PluginID() string { return h.id }
func (h *hostClient) DataDir() string  { return h.dataDir }
func (h *hostClient) KV() KV           { return kvClient{h.c} }

func (h *hostClient) Alumnus(ctx context.Context, id int64) (Alumnus, error) {
	var a Alumnus
	res, err := h.c.GetAlumnus(ctx, &pb.IDRequest{Id: id})
	if err != nil {
		return a, fromStatus(err)
	}
	return a, json.Unmarshal(res.Json, &a)
}

func (h *hostClient) SearchAlumni(ctx context.Context, query string, offset, limit int) (AlumniPage, error) {
	res, err := h.c.SearchAlumni(ctx, &pb.SearchRequest{Query: query, Offset: int32(offset), Limit: int32(limit)})
	if err != nil {
		return AlumniPage{}, fromStatus(err)
	}
	page := AlumniPage{Total: int(res.Total), Items: make([]Alumnus, len(res.ItemsJson))}
	for i, b := range res.ItemsJson {
		if err := json.Unmarshal(b, &page.Items[i]); err != nil {
			return AlumniPage{}, err
		}
	}
	return page, nil
}

func (h *hostClient) Segments(ctx context.Context) ([]Segment, error) {
	res, err := h.c.ListSegments(ctx, &pb.Empty{})
	if err != nil {
		return nil, fromStatus(err)
	}
	out := make([]Segment, len(res.Items))
	for i, s := range res.Items {
		out[i] = Segment{ID: s.Id, Name: s.Name, Description: s.Description}
	}
	return out, nil
}

func (h *hostClient) SegmentMembers(ctx context.Context, id int64) ([]int64, error) {
	res, err := h.c.ResolveSegment(ctx, &pb.SegmentRequest{Id: id})
	if err != nil {
		return nil, fromStatus(err)
	}
	return res.Ids, nil
}

func (h *hostClient) SendMail(ctx context.Context, m Mail) (string, error) {
	res, err := h.c.SendMail(ctx, &pb.MailRequest{Kind: pb.MailRequest_Kind(m.Kind), AlumnusId: m.AlumnusID,
		To: m.To, Subject: m.Subject, Text: m.Text, Html: m.HTML})
	if err != nil {
		return "", fromStatus(err)
	}
	return res.MessageId, nil
}

func (h *hostClient) Settings(ctx context.Context) (Settings, error) {
	res, err := h.c.Settings(ctx, &pb.Empty{})
	if err != nil {
		return nil, fromStatus(err)
	}
	return Settings(res.Json), nil
}

func (h *hostClient) Audit(ctx context.Context, action, subject, detail string) error {
	_, err := h.c.Audit(ctx, &pb.AuditRequest{Action: action, Subject: subject, Detail: detail})
	return fromStatus(err)
}

func (h *hostClient) SetNavigation(ctx context.Context, entries []NavEntry) error {
	list := &pb.NavList{}
	for _, e := range entries {
		list.Items = append(list.Items, &pb.NavEntry{Area: e.Area, LabelJa: e.LabelJA, LabelEn: e.LabelEN, Path: e.Path})
	}
	_, err := h.c.SetNavigation(ctx, list)
	return fromStatus(err)
}

type kvClient struct{ c pb.HostClient }

func (k kvClient) Get(ctx context.Context, key string) ([]byte, int64, bool, error) {
	res, err := k.c.KVGet(ctx, &pb.KVKey{Key: key})
	if err != nil {
		return nil, 0, false, fromStatus(err)
	}
	return res.Value, res.Version, res.Found, nil
}

func (k kvClient) Set(ctx context.Context, key string, value []byte, ttl time.Duration) (int64, error) {
	res, err := k.c.KVSet(ctx, &pb.KVSetRequest{Key: key, Value: value, TtlMs: ttl.Milliseconds()})
	if err != nil {
		return 0, fromStatus(err)
	}
	return res.Version, nil
}

func (k kvClient) CompareAndSet(ctx context.Context, key string, value []byte, expected int64, ttl time.Duration) (int64, bool, error) {
	res, err := k.c.KVSet(ctx, &pb.KVSetRequest{Key: key, Value: value, TtlMs: ttl.Milliseconds(), Compare: true, ExpectedVersion: expected})
	if err != nil {
		return 0, false, fromStatus(err)
	}
	return res.Version, res.Ok, nil
}

func (k kvClient) Delete(ctx context.Context, key string) error {
	_, err := k.c.KVDelete(ctx, &pb.KVKey{Key: key})
	return fromStatus(err)
}

func (k kvClient) List(ctx context.Context, prefix, after string, limit int) ([]string, error) {
	res, err := k.c.KVList(ctx, &pb.KVListRequest{Prefix: prefix, After: after, Limit: int32(limit)})
	if err != nil {
		return nil, fromStatus(err)
	}
	return res.Keys, nil
}
