package cli

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/kizuna-hr/kizuna/app/store"
	"github.com/kizuna-hr/kizuna/sdk/bundle"
)

// With the surveys bundle built, the demo installs and enables the plugin
// and runs an annual survey through it: most of the segment answered, the
// invitations in the built-in mailbox, nothing left in the outbox.
func TestDemoSurveys(t *testing.T) {
	dist := t.TempDir()
	if _, err := bundle.Build(context.Background(), "../../plugins/surveys", bundle.Options{OutDir: dist}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KIZUNA_DEMO_PLUGINS", dist)
	data := t.TempDir()
	r := kizuna(t, "", "demo", "--count", "400", "--data", data)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	st, err := store.Open(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var state string
	var open int
	if err := st.R.QueryRow(`SELECT state FROM plugins WHERE id = ?`, surveysPluginID).Scan(&state); err != nil || state != "enabled" {
		t.Fatalf("plugin state %q, %v", state, err)
	}
	if err := st.R.QueryRow(`SELECT count(*) FROM mail_outbox WHERE state <> 'sent'`).Scan(&open); err != nil || open != 0 {
		t.Errorf("unsent mail %d, %v", open, err)
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(data, "plugins", surveysPluginID, "data", "surveys.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var responses, invited int
	if err := db.QueryRow(`SELECT count(*) FROM responses`).Scan(&responses); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM invitations`).Scan(&invited); err != nil {
		t.Fatal(err)
	}
	if responses < 50 || invited == 0 {
		t.Log(r.stderr)
		t.Errorf("responses %d, invited %d: want a survey with answers", responses, invited)
	}
}
