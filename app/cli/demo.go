package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/companies"
	"github.com/kizuna-hr/kizuna/app/demo"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/members"
)

func demoCmd(e *env) *cobra.Command {
	var count int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "デモ用のアルムナイネットワークを作成 / seed the demo alumni network",
		Long: `約1,000人のアルムナイ（2つのグループ会社、1990年代〜2020年代入社）を登録します。
既にアルムナイがいるデータフォルダには何もしません。
Seeds about 1,000 alumni across two group companies; does nothing when alumni exist.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withApp(cmd.Context(), func(a *app) error {
				n, err := seedDemo(cliActor(cmd.Context()), a, count)
				if err != nil {
					return err
				}
				if n == 0 {
					fmt.Fprintln(e.stdout, "アルムナイが既に登録されているため、デモデータは追加しませんでした / alumni already exist; nothing seeded")
					return nil
				}
				fmt.Fprintf(e.stdout, "デモデータを作成しました: %d 人 / seeded %d alumni\n", n, n)
				return nil
			})
		},
	}
	cmd.Flags().IntVar(&count, "count", 1000, "人数 / number of alumni")
	return cmd
}

// seedDemo fills an empty registry with the demo network and returns how
// many alumni it added.
func seedDemo(ctx context.Context, a *app, count int) (int, error) {
	existing, err := a.alumniRepo.Count(ctx)
	if err != nil || existing > 0 {
		return 0, err
	}
	list, err := a.companies.List(ctx)
	if err != nil {
		return 0, err
	}
	if err := a.companies.Rename(ctx, list[0].ID, "株式会社きずな商事", "きずなしょうじ"); err != nil {
		return 0, err
	}
	ids := []int64{list[0].ID}
	if len(list) == 1 {
		c, err := a.companies.Create(ctx, companies.Company{Code: "tech", Name: "きずなテクノロジー株式会社", NameReading: "きずなてくのろじー"})
		if err != nil {
			return 0, err
		}
		ids = append(ids, c.ID)
	} else {
		ids = append(ids, list[1].ID)
	}
	records := demo.Alumni(count, ids, 2026)
	for _, r := range records {
		alumni.Normalize(r)
	}
	res, err := a.alumniRepo.Upsert(ctx, records, nil)
	if err != nil {
		return 0, err
	}
	a.alumni.Directory().Invalidate()
	a.audit.Record(ctx, "demo.seed", "alumni", fmt.Sprintf("created=%d", res.Created))
	if err := seedDemoMail(ctx, a, records, ids[0]); err != nil {
		return 0, err
	}
	if err := seedDemoMembers(ctx, a); err != nil {
		return 0, err
	}
	if err := seedDemoProfiles(ctx, a); err != nil {
		return 0, err
	}
	if err := seedDemoFeed(ctx, a, records); err != nil {
		return 0, err
	}
	if err := seedDemoInvitations(ctx, a); err != nil {
		return 0, err
	}
	if err := seedDemoRegistrations(ctx, a); err != nil {
		return 0, err
	}
	if err := seedDemoPrivacy(ctx, a); err != nil {
		return 0, err
	}
	if err := seedDemoSurveys(ctx, a); err != nil {
		return 0, err
	}
	if err := seedDemoFeedImages(ctx, a, records); err != nil {
		return 0, err
	}
	return res.Created, nil
}

// seedDemoMembers makes the alumni with an address portal members, but for
// every fifth (id divisible by 5), so that their addresses log in to the portal.
func seedDemoMembers(ctx context.Context, a *app) error {
	rows, err := a.store.R.QueryContext(ctx, "SELECT id FROM alumni WHERE email <> '' ORDER BY id")
	if err != nil {
		return err
	}
	var all []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		all = append(all, id)
	}
	rows.Close()
	var admit []int64
	for _, id := range all {
		if id%5 != 0 { // a rule the end-to-end tests can see from the roster
			admit = append(admit, id)
		}
	}
	if err := a.login.AdmitAll(ctx, admit, "demo"); err != nil {
		return fmt.Errorf("demo members: %w", err)
	}
	if _, err := a.portal.Set(ctx, members.PortalSettings{NetworkName: "きずな商事アルムナイネットワーク"}); err != nil {
		return err
	}
	a.audit.Record(ctx, "demo.seed", "members", fmt.Sprintf("members=%d", len(admit)))
	return nil
}

// seedDemoFeed gives the portal a living feed; the engineers' segment
// (saved by the mail demo) is the one a company post targets.
func seedDemoFeed(ctx context.Context, a *app, records []*alumni.Alumnus) error {
	var target int64
	segs, err := a.segments.List(ctx)
	if err != nil {
		return err
	}
	for _, s := range segs {
		if s.Name == "エンジニア職" {
			target = s.ID
		}
	}
	res, err := demo.SeedFeed(ctx, a.feed, records, target)
	if err != nil {
		return err
	}
	return a.audit.Record(ctx, "demo.seed", "feed", fmt.Sprintf("spaces=%d posts=%d", res.Spaces, res.Posts))
}

// seedDemoMail adds opt-ins, the sender identity, segments and campaigns,
// sending the finished one through an engine whose transport is the
// built-in catcher, so its messages are in the console's mailbox.
func seedDemoMail(ctx context.Context, a *app, records []*alumni.Alumnus, companyID int64) error {
	eng, err := mail.New(ctx, a.store, mail.Config{BaseURL: "http://" + defaultAddr}, a.log)
	if err != nil {
		return err
	}
	if err := eng.Start(ctx); err != nil {
		return err
	}
	res, err := demo.SeedMail(ctx, eng, a.segments, mail.NewCampaigns(eng, a.segments), records, companyID)
	var evs demo.EventsSeeded
	if err == nil {
		evs, err = demo.SeedEvents(ctx, a.store, a.segments, eng, a.events, records, time.Now())
	}
	err = errors.Join(err, eng.Drain(ctx), eng.Stop(ctx))
	if err != nil {
		return fmt.Errorf("demo mail: %w", err)
	}
	a.audit.Record(ctx, "demo.seed", "mail", fmt.Sprintf("opted_in=%d segments=%d campaigns=%d sent=%d",
		res.OptedIn, res.Segments, res.Campaigns, res.Sent))
	a.audit.Record(ctx, "demo.seed", "events", fmt.Sprintf("events=%d rsvps=%d photos=%d", evs.Events, evs.RSVPs, evs.Photos))
	return nil
}
