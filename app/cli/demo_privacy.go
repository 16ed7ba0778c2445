package cli

import (
	"context"
	"fmt"
)

// The demo's purpose of use (version 1).
const (
	demoPurposeJA = `株式会社きずな商事（以下「当社」）は、アルムナイネットワークでお預かりする個人情報を、次の目的で利用します。

1. アルムナイネットワーク（ポータル）の提供・運営・本人確認
2. 会社のお知らせ、イベント・交流会のご案内と出欠管理
3. 再入社・業務委託・副業などのご相談とご連絡
4. アルムナイ同士の交流（ご本人が公開を選んだ項目のみ）
5. サービス改善のための統計（個人を特定しない形に加工します）

ご本人からの開示・訂正・利用停止・削除のご請求には「マイ設定」から、または人事部窓口で対応します。`
	demoPurposeEN = `Kizuna Shoji Co., Ltd. ("we") uses the personal data held by the alumni network for these purposes:

1. Providing and running the alumni network (portal) and confirming who you are
2. Company news, invitations to events and meetups, and managing attendance
3. Talking with you about rehiring, contract work and side jobs
4. Networking among alumni (only the fields you choose to show)
5. Statistics to improve the service (processed so that no one can be identified)

Requests to disclose, correct, stop using or delete your data are answered through My settings or by the HR department.`
)

// seedDemoPrivacy publishes the purpose of use, has every demo member
// accept it and leaves one deletion request open (the newest member's).
func seedDemoPrivacy(ctx context.Context, a *app) error {
	p, err := a.privacy.Publish(ctx, demoPurposeJA, demoPurposeEN)
	if err != nil {
		return err
	}
	ids, err := a.store.R.QueryContext(ctx, "SELECT alumnus_id FROM memberships ORDER BY alumnus_id")
	if err != nil {
		return err
	}
	var members []int64
	for ids.Next() {
		var id int64
		if err := ids.Scan(&id); err != nil {
			ids.Close()
			return err
		}
		members = append(members, id)
	}
	ids.Close()
	for _, id := range members {
		if err := a.privacy.Accept(ctx, id, p.Version, false); err != nil {
			return fmt.Errorf("demo acceptance: %w", err)
		}
	}
	if len(members) > 0 {
		if _, err := a.privacy.RequestDeletion(ctx, members[len(members)-1]); err != nil {
			return fmt.Errorf("demo deletion request: %w", err)
		}
	}
	return nil
}
