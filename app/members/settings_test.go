package members

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/store"
)

func TestSettings(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := NewSettings(st)
	if got, err := s.Get(ctx); err != nil || got.NetworkName != "" {
		t.Fatalf("default = %+v %v", got, err)
	}
	cases := []struct {
		in, want string
		err      error
	}{
		{"  きずな商事アルムナイネットワーク ", "きずな商事アルムナイネットワーク", nil},
		{strings.Repeat("絆", MaxNetworkName+1), "きずな商事アルムナイネットワーク", ErrNetworkNameTooLong},
		{"", "", nil},
	}
	for _, c := range cases {
		_, err := s.Set(ctx, PortalSettings{NetworkName: c.in})
		if !errors.Is(err, c.err) {
			t.Errorf("set %q: %v, want %v", c.in, err, c.err)
		}
		if got, _ := s.Get(ctx); got.NetworkName != c.want {
			t.Errorf("after %q: %q, want %q", c.in, got.NetworkName, c.want)
		}
	}
}
