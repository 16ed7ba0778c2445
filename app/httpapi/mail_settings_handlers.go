package httpapi

import (
	"encoding/json"
	"net/http"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
)

var errMailOff = fault.New(fault.Unavailable, "mail.unavailable", "メール機能が起動していません", "the mail engine is not running")

// mailEngine returns the engine, or an error when this server has none.
func (s *Server) mailEngine() (*mail.Engine, error) {
	if s.Mail == nil {
		return nil, errMailOff
	}
	return s.Mail, nil
}

// mailSettingsView is GET /api/mail/settings: the settings without any secret.
type mailSettingsView struct {
	Identity         mail.Identity `json:"identity"`
	IdentityComplete bool          `json:"identity_complete"`
	BaseURL          string        `json:"base_url"`
	BaseURLDefault   bool          `json:"base_url_default"` // true: taken from the listener, not saved
	Transport        string        `json:"transport"`
	Relay            relayView     `json:"relay"`
	DKIM             dkimView      `json:"dkim"`
	Bounce           bounceView    `json:"bounce"`
}

type relayView struct {
	Addr         string  `json:"addr"`
	TLS          string  `json:"tls"`
	Username     string  `json:"username"`
	PasswordSet  bool    `json:"password_set"`
	Auth         string  `json:"auth"`
	MaxPerSecond float64 `json:"max_per_second"`
	MaxPerHour   int     `json:"max_per_hour"`
	Concurrency  int     `json:"concurrency"`
	TrustedCert  string  `json:"trusted_cert"`
}

type dkimView struct {
	Domain        string `json:"domain"`
	Selector      string `json:"selector"`
	PrivateKeySet bool   `json:"private_key_set"`
}

type bounceView struct {
	IMAPAddr    string `json:"imap_addr"`
	IMAPTLS     string `json:"imap_tls"`
	Username    string `json:"username"`
	PasswordSet bool   `json:"password_set"`
	Mailbox     string `json:"mailbox"`
}

func newMailSettingsView(e *mail.Engine, id mail.Identity, st mail.Settings) mailSettingsView {
	transport := "catcher"
	if st.Relay.Addr != "" {
		transport = "relay"
	}
	r, b := st.Relay, st.Bounce
	return mailSettingsView{Identity: id, IdentityComplete: id.Complete(), BaseURL: e.BaseURL(), BaseURLDefault: st.BaseURL == "",
		Transport: transport,
		Relay: relayView{Addr: r.Addr, TLS: r.TLS, Username: r.Username, PasswordSet: r.Password != "", Auth: r.Auth,
			MaxPerSecond: r.MaxPerSecond, MaxPerHour: r.MaxPerHour, Concurrency: r.Concurrency, TrustedCert: r.TrustedCert},
		DKIM:   dkimView{Domain: st.DKIM.Domain, Selector: st.DKIM.Selector, PrivateKeySet: st.DKIM.PrivateKey != ""},
		Bounce: bounceView{IMAPAddr: b.IMAPAddr, IMAPTLS: b.IMAPTLS, Username: b.Username, PasswordSet: b.Password != "", Mailbox: b.Mailbox},
	}
}

func (s *Server) getMailSettings(w http.ResponseWriter, r *http.Request) error {
	e, err := s.mailEngine()
	if err != nil {
		return err
	}
	id, err := e.Identity(r.Context())
	if err != nil {
		return err
	}
	st, err := e.Settings(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newMailSettingsView(e, id, st))
	return nil
}

// mailSettingsInput is PUT /api/mail/settings: the view's shape, with the
// write-only password and private_key fields (empty keeps the saved ones).
// A missing identity keeps the saved one.
type mailSettingsInput struct {
	mail.Settings
	Identity *mail.Identity `json:"identity"`
}

func (s *Server) putMailSettings(w http.ResponseWriter, r *http.Request) error {
	e, err := s.mailEngine()
	if err != nil {
		return err
	}
	var in mailSettingsInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	id, err := e.Identity(ctx)
	if err != nil {
		return err
	}
	if in.Identity != nil {
		id = *in.Identity
	}
	if err := mail.ValidateIdentity(id); err != nil {
		return err
	}
	st, err := e.SaveSettings(ctx, in.Settings)
	if err != nil {
		return err
	}
	if err := e.SetIdentity(ctx, id); err != nil {
		return err
	}
	view := newMailSettingsView(e, id, st)
	detail, _ := json.Marshal(view) // the view holds no secret
	if err := s.Audit.Record(ctx, "mail.settings.update", "mail_settings", string(detail)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, view)
	return nil
}

func (s *Server) testMailSettings(w http.ResponseWriter, r *http.Request) error {
	e, err := s.mailEngine()
	if err != nil {
		return err
	}
	var in struct {
		To    string              `json:"to"`
		Relay *mail.RelaySettings `json:"relay"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.To == "" {
		if a := actor.From(r.Context()); a.Kind == actor.User {
			in.To = a.Name
		}
	}
	reply, err := e.TestRelay(r.Context(), in.Relay, in.To)
	result := "ok: " + reply
	if err != nil {
		result = "failed: " + err.Error()
	}
	if aerr := s.Audit.Record(r.Context(), "mail.settings.test", "mail_settings", "to="+in.To+" "+result); aerr != nil {
		return aerr
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "reply": reply})
	return nil
}
