package members

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/store"
)

// MaxNetworkName caps the network name's length in characters.
const MaxNetworkName = 60

// ErrNetworkNameTooLong reports a network name over MaxNetworkName.
var ErrNetworkNameTooLong = fault.New(fault.Invalid, "members.network_name_too_long",
	"ネットワーク名は60文字以内で入力してください", "the network name takes at most 60 characters").
	WithFields(map[string]string{"network_name": "60文字以内 / at most 60 characters"})

// PortalSettings are what HR sets for the whole portal.
type PortalSettings struct {
	// NetworkName is shown in the portal's header, e.g. きずな商事アルムナイネットワーク
	// (empty: the portal's generic title).
	NetworkName string `json:"network_name"`
}

// Settings keeps the portal's settings.
type Settings struct{ st *store.Store }

// NewSettings returns the portal settings kept in st.
func NewSettings(st *store.Store) *Settings { return &Settings{st: st} }

// Get returns the portal settings.
func (s *Settings) Get(ctx context.Context) (PortalSettings, error) {
	var out PortalSettings
	err := s.st.R.QueryRowContext(ctx, "SELECT value FROM portal_settings WHERE key = 'network_name'").Scan(&out.NetworkName)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return out, fmt.Errorf("portal settings: %w", err)
	}
	return out, nil
}

// Set stores the portal settings.
func (s *Settings) Set(ctx context.Context, p PortalSettings) (PortalSettings, error) {
	p.NetworkName = strings.TrimSpace(p.NetworkName)
	if utf8.RuneCountInString(p.NetworkName) > MaxNetworkName {
		return PortalSettings{}, ErrNetworkNameTooLong
	}
	if _, err := s.st.W.ExecContext(ctx, `INSERT INTO portal_settings(key, value) VALUES ('network_name', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, p.NetworkName); err != nil {
		return PortalSettings{}, fmt.Errorf("save portal settings: %w", err)
	}
	return p, nil
}
