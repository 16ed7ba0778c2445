package alumni_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/companies"
	"github.com/kizuna-hr/kizuna/app/events"
	"github.com/kizuna-hr/kizuna/app/store"
)

// The service appends alumnus.created/updated/deleted to the durable event
// log, with the id and, for updates, the changed fields.
func TestServiceEmitsEvents(t *testing.T) {
	ctx := actor.With(context.Background(), actor.Actor{Kind: actor.User, ID: 1, Name: "hr@example.jp", Role: "owner"})
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	comps := companies.NewRepo(st)
	repo := alumni.NewRepo(st)
	svc := alumni.NewService(repo, alumni.NewDirectory(repo, comps.Names), audit.New(st), comps.Names)
	log := events.New(st)
	svc.SetEvents(log)
	wake, stop := log.Wait()
	defer stop()

	d, err := svc.Create(ctx, &alumni.Alumnus{CompanyID: 1, Name: "山田 太郎", NameReading: "やまだ たろう", Email: "taro@example.jp"})
	if err != nil {
		t.Fatal(err)
	}
	<-wake // a waiting reader is woken
	a := *d.Alumnus
	a.Email = "taro.yamada@example.jp"
	if _, err := svc.Update(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	evs, err := log.After(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ typ, data string }{
		{"alumnus.created", `{"id":1}`},
		{"alumnus.updated", `{"fields":["email"],"id":1}`},
		{"alumnus.deleted", `{"id":1}`},
	}
	if len(evs) != len(want) {
		t.Fatalf("%d events, want %d", len(evs), len(want))
	}
	for i, w := range want {
		var got, exp any
		json.Unmarshal(evs[i].Data, &got)
		json.Unmarshal([]byte(w.data), &exp)
		gb, _ := json.Marshal(got)
		eb, _ := json.Marshal(exp)
		if evs[i].Type != w.typ || string(gb) != string(eb) || evs[i].Subject != "alumnus:1" || evs[i].ID <= 0 {
			t.Errorf("event %d = %s %s %s, want %s %s", i, evs[i].Type, evs[i].Subject, evs[i].Data, w.typ, w.data)
		}
	}
}
