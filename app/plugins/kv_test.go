package plugins

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/audit"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// The Host API as a plugin calls it, without the process: KV semantics and
// permission checks against the real store.
func TestHostAPIKeyValueAndPermissions(t *testing.T) {
	h := newTestHost(t)
	rec := h.install(t, helloName)
	rec.Granted = []string{"nav"}
	api := newHostAPI(h.m, rec, &lineWriter{id: rec.ID, ring: newRing(10), log: h.m.log})
	ctx := context.Background()

	set := func(key, value string, ttl int64, compare bool, expected int64) *pb.KVSetResponse {
		t.Helper()
		res, err := api.KVSet(ctx, &pb.KVSetRequest{Key: key, Value: []byte(value), TtlMs: ttl, Compare: compare, ExpectedVersion: expected})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := set("a/1", "x", 0, true, 0)
	if !first.Ok {
		t.Fatal("compare-and-set on an absent key failed")
	}
	if again := set("a/1", "y", 0, true, 0); again.Ok {
		t.Error("compare-and-set expecting absence overwrote a value")
	}
	if next := set("a/1", "y", 0, true, first.Version); !next.Ok || next.Version <= first.Version {
		t.Errorf("compare-and-set with the right version: %+v", next)
	}
	got, _ := api.KVGet(ctx, &pb.KVKey{Key: "a/1"})
	if !got.Found || string(got.Value) != "y" {
		t.Errorf("get = %+v", got)
	}
	set("a/2", "z", 1, false, 0) // expires after 1 ms
	set("b/1", "w", 0, false, 0)
	time.Sleep(5 * time.Millisecond)
	if got, _ := api.KVGet(ctx, &pb.KVKey{Key: "a/2"}); got.Found {
		t.Error("expired key still found")
	}
	list, _ := api.KVList(ctx, &pb.KVListRequest{Prefix: "a/"})
	if len(list.Keys) != 1 || list.Keys[0] != "a/1" {
		t.Errorf("list a/ = %v", list.Keys)
	}
	api.KVDelete(ctx, &pb.KVKey{Key: "a/1"})
	if got, _ := api.KVGet(ctx, &pb.KVKey{Key: "a/1"}); got.Found {
		t.Error("deleted key still found")
	}
	if _, err := api.KVSet(ctx, &pb.KVSetRequest{Key: ""}); status.Code(err) != codes.InvalidArgument {
		t.Errorf("empty key: %v", err)
	}

	// Not granted: alumni.read (declared) and audit.write (not even declared).
	for name, call := range map[string]func() error{
		"GetAlumnus": func() error { _, err := api.GetAlumnus(ctx, &pb.IDRequest{Id: 1}); return err },
		"Audit":      func() error { _, err := api.Audit(ctx, &pb.AuditRequest{Action: "x"}); return err },
		"SendMail":   func() error { _, err := api.SendMail(ctx, &pb.MailRequest{To: "a@example.jp"}); return err },
	} {
		if err := call(); status.Code(err) != codes.PermissionDenied {
			t.Errorf("%s without the permission: %v", name, err)
		}
	}
	if _, err := api.SetNavigation(ctx, &pb.NavList{Items: []*pb.NavEntry{{Area: "console", LabelJa: "調査", Path: "/surveys"}}}); err != nil {
		t.Fatal(err)
	}
	got2, _ := h.m.reg.get(ctx, rec.ID)
	if len(got2.Nav) != 1 || got2.Nav[0].Path != "/surveys" {
		t.Errorf("nav = %+v", got2.Nav)
	}
}

// Granted calls read alumni (never HR-only fields) and write the audit log as the plugin.
func TestHostAPIAlumniAndAudit(t *testing.T) {
	h := newTestHost(t)
	rec := h.install(t, "misbehave")
	rec.Granted = []string{"alumni.read", "audit.write"}
	api := newHostAPI(h.m, rec, &lineWriter{id: rec.ID, ring: newRing(10), log: h.m.log})
	ctx := context.Background()
	created, err := h.alumni.Create(hr(), &alumni.Alumnus{CompanyID: 1, Name: "佐藤 花子", NameReading: "さとう はなこ",
		Email: "hanako@example.jp", LeaveReason: "家業を継ぐため", Notes: "面談メモ"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := api.GetAlumnus(ctx, &pb.IDRequest{Id: created.ID})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(got.Json); !strings.Contains(s, "佐藤 花子") || strings.Contains(s, "家業") || strings.Contains(s, "面談メモ") {
		t.Errorf("alumnus as a plugin sees it: %s", s)
	}
	if _, err := api.GetAlumnus(ctx, &pb.IDRequest{Id: 999}); status.Code(err) != codes.NotFound {
		t.Errorf("unknown alumnus: %v", err)
	}
	found, err := api.SearchAlumni(ctx, &pb.SearchRequest{Query: "はなこ", Limit: 10})
	if err != nil || found.Total != 1 {
		t.Fatalf("search: %v %+v", err, found)
	}
	if _, err := api.Audit(ctx, &pb.AuditRequest{Action: "survey.sent", Subject: "alumnus:1", Detail: "x"}); err != nil {
		t.Fatal(err)
	}
	entries, _ := h.audit.List(ctx, audit.Filter{Limit: 10})
	var reads, writes int
	for _, e := range entries {
		if e.Actor == "plugin:0:"+rec.ID && e.Action == "alumni.read" {
			reads++
		}
		if e.Actor == "plugin:0:"+rec.ID && e.Action == "plugin."+rec.ID+".survey.sent" {
			writes++
		}
	}
	if reads != 1 || writes != 1 {
		t.Errorf("audit log: %d reads and %d writes by the plugin, want 1 and 1: %+v", reads, writes, entries)
	}
}
