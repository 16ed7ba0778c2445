package httpapi

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
)

var errNoEmail = fault.New(fault.Invalid, "mail.no_address", "この卒業生にはメールアドレスが登録されていません", "this alumnus has no mail address").
	WithFields(map[string]string{"email": "メールアドレスを登録してください / add a mail address first"})

// consentMethods are how an opt-in may have been given.
var consentMethods = []string{"paper", "web", "import", "other"}

// alumnusAddress returns the engine and the alumnus's mail address (the
// consent ledger is kept per address).
func (s *Server) alumnusAddress(r *http.Request) (*mail.Engine, int64, string, error) {
	e, err := s.mailEngine()
	if err != nil {
		return nil, 0, "", err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, 0, "", err
	}
	d, err := s.Alumni.Get(r.Context(), id)
	if err != nil {
		return nil, 0, "", err
	}
	return e, id, d.Email, nil
}

func alumnusSubject(id int64) string { return "alumnus:" + strconv.FormatInt(id, 10) }

func (s *Server) getConsent(w http.ResponseWriter, r *http.Request) error {
	e, id, addr, err := s.alumnusAddress(r)
	if err != nil {
		return err
	}
	items := []mail.Consent{}
	if addr != "" {
		if items, err = e.ConsentHistory(r.Context(), addr); err != nil {
			return err
		}
	}
	optedIn := slices.ContainsFunc(items, func(c mail.Consent) bool { return c.RevokedAt == nil })
	if err := s.Audit.Record(r.Context(), "mail.consent.read", alumnusSubject(id), ""); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"opted_in": optedIn, "address": addr, "items": items})
	return nil
}

func (s *Server) recordConsent(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Method     string    `json:"method"`
		TextAgreed string    `json:"text_agreed"`
		GrantedAt  time.Time `json:"granted_at"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	e, id, addr, err := s.alumnusAddress(r)
	if err != nil {
		return err
	}
	if addr == "" {
		return errNoEmail
	}
	if !slices.Contains(consentMethods, in.Method) {
		return mail.ErrInvalidConsent.WithFields(map[string]string{"method": "paper / web / import / other のいずれかを指定してください / use paper, web, import or other"})
	}
	if in.GrantedAt.IsZero() {
		in.GrantedAt = time.Now()
	}
	if in.GrantedAt.After(time.Now().Add(time.Hour)) {
		return mail.ErrInvalidConsent.WithFields(map[string]string{"granted_at": "未来の日時は指定できません / the date is in the future"})
	}
	c := mail.Consent{Address: addr, AlumnusID: id, GrantedAt: in.GrantedAt, Method: in.Method, TextAgreed: in.TextAgreed}
	if c.ID, err = e.RecordConsent(r.Context(), c); err != nil {
		if errors.Is(err, mail.ErrInvalidConsent) {
			return mail.ErrInvalidConsent.WithFields(map[string]string{"text_agreed": "同意した文言を入力してください / enter the text agreed to"})
		}
		return err
	}
	if err := s.Audit.Record(r.Context(), "mail.consent.record", alumnusSubject(id), in.Method+" "+addr); err != nil {
		return err
	}
	c.GrantedAt = c.GrantedAt.UTC()
	writeJSON(w, http.StatusCreated, c)
	return nil
}

func (s *Server) revokeConsent(w http.ResponseWriter, r *http.Request) error {
	e, id, addr, err := s.alumnusAddress(r)
	if err != nil {
		return err
	}
	if addr == "" {
		return errNoEmail
	}
	if err := e.RevokeConsent(r.Context(), addr, "console:"+actor.From(r.Context()).String()); err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "mail.consent.revoke", alumnusSubject(id), addr); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) listSuppressions(w http.ResponseWriter, r *http.Request) error {
	e, err := s.mailEngine()
	if err != nil {
		return err
	}
	items, err := e.Suppressions(r.Context(), r.URL.Query().Get("q"), 0)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}

func (s *Server) addSuppression(w http.ResponseWriter, r *http.Request) error {
	e, err := s.mailEngine()
	if err != nil {
		return err
	}
	var in struct {
		Address string `json:"address"`
		Reason  string `json:"reason"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	addr, err := mail.NormalizeAddress(in.Address)
	if err != nil {
		return mail.ErrInvalidAddress.WithFields(map[string]string{"address": "メールアドレスの形式が正しくありません / the address is malformed"})
	}
	if in.Reason == "" {
		in.Reason = "manual"
	}
	if err := e.Suppress(r.Context(), addr, in.Reason, "console:"+actor.From(r.Context()).String()); err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "mail.suppression.add", "address:"+addr, in.Reason); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]string{"address": addr, "reason": in.Reason})
	return nil
}

func (s *Server) removeSuppression(w http.ResponseWriter, r *http.Request) error {
	e, err := s.mailEngine()
	if err != nil {
		return err
	}
	addr := r.PathValue("address")
	if err := e.Unsuppress(r.Context(), addr); err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "mail.suppression.remove", "address:"+addr, ""); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
