package main

import (
	"context"

	"github.com/kizuna-hr/kizuna/sdk"
)

// The plugin follows alumnus.deleted (an alumnus erased at their request,
// or by HR) and erases what it holds about them: invitations and drafts go,
// submitted answers stay in the results without the person's id.

// Subscriptions names the events the plugin follows.
func (p *Surveys) Subscriptions() []string { return []string{"alumnus.deleted"} }

// HandleEvents erases each deleted alumnus; repeating it is harmless.
func (p *Surveys) HandleEvents(ctx context.Context, events []sdk.Event) error {
	for _, e := range events {
		var d struct {
			ID int64 `json:"id"`
		}
		if e.Type != "alumnus.deleted" || e.Decode(&d) != nil || d.ID == 0 || p.store == nil {
			continue
		}
		if err := p.store.EraseAlumnus(ctx, d.ID); err != nil {
			return err
		}
	}
	return nil
}

// EraseAlumnus deletes the alumnus's invitations and drafts and unlinks
// their submitted responses.
func (s *Store) EraseAlumnus(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM invitations WHERE alumnus_id = ?`,
		`DELETE FROM respondents WHERE alumnus_id = ?`,
		`UPDATE responses SET alumnus_id = NULL WHERE alumnus_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}
