package cli

import (
	"context"

	"github.com/kizuna-hr/kizuna/app/demo"
	"github.com/kizuna-hr/kizuna/app/profiles"
)

// demoMembers is how many demo portal members get a profile.
const demoMembers = 40

// seedDemoProfiles makes the first demo alumni portal members: survey
// answers, profiles with a photo, and a few fields each keeps for HR only.
func seedDemoProfiles(ctx context.Context, a *app) error {
	var ids []int64 // the first portal members (seedDemoMembers ran before)
	rows, err := a.store.R.QueryContext(ctx, "SELECT alumnus_id FROM memberships ORDER BY alumnus_id LIMIT ?", demoMembers)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	roles := []string{"プロダクトマネージャー", "営業マネージャー", "エンジニア", "人事", "コンサルタント", "デザイナー"}
	bios := []string{"退職後はスタートアップで新規事業を担当しています。同期の皆さんと話したいです。",
		"地方でIT企業を経営しています。副業のご相談も歓迎です。",
		"育児と両立しながらフリーランスで働いています。", ""}
	for i, id := range ids {
		if i == demoSurveyV1Answers {
			if err := seedDemoSurvey(ctx, a); err != nil {
				return err
			}
		}
		survey, err := a.profiles.Survey(ctx)
		if err != nil {
			return err
		}
		if i%7 == 6 {
			if _, err := a.profiles.Answer(ctx, id, profiles.Answers{Skipped: true}); err != nil {
				return err
			}
			continue
		}
		ans := profiles.Answers{
			Interests: []string{survey.Interests[i%len(survey.Interests)].Key, survey.Interests[(i+1)%len(survey.Interests)].Key},
			OpenTo:    []string{survey.OpenTo[i%len(survey.OpenTo)].Key},
			Comment:   "よろしくお願いします",
		}
		for _, q := range survey.Questions {
			if q.Kind == profiles.SingleChoice {
				ans.Extra = map[string][]string{q.Key: {q.Options[i%len(q.Options)].Key}}
			}
		}
		if _, err := a.profiles.Answer(ctx, id, ans); err != nil {
			return err
		}
		p, err := a.profiles.Own(ctx, id)
		if err != nil {
			return err
		}
		u := profiles.Update{Company: p.Company, Role: roles[i%len(roles)], Industry: p.Industry, JobType: p.JobType,
			Skills: p.Skills, Interests: p.Interests, OpenTo: p.OpenTo, Bio: bios[i%len(bios)],
			Visibility: map[string]profiles.Visibility{}}
		switch i % 4 { // some keep a field for HR only
		case 1:
			u.Visibility[profiles.FieldCompany] = profiles.HROnly
		case 2:
			u.Visibility[profiles.FieldOpenTo] = profiles.ShowAlumni
		case 3:
			u.Visibility[profiles.FieldBio] = profiles.HROnly
		}
		if _, err := a.profiles.Save(ctx, id, u); err != nil {
			return err
		}
		if i%5 != 4 {
			if err := a.profiles.SetPhoto(ctx, id, demo.Avatar(i), "image/png"); err != nil {
				return err
			}
		}
	}
	return nil
}
