// Package privacy owns what Japan's APPI (個人情報保護法) asks of Kizuna
// towards alumni:
//
//   - Purpose of use (利用目的): versions of a Japanese and an English text
//     HR publishes; a member accepts the current version at the next visit
//     (a new version asks again). Acceptances are (alumnus, version, time).
//   - The promotional-mail opt-in, asked apart from the purpose and kept in
//     the mailer's consent ledger (mail.Engine) with how = "portal".
//   - Data export: everything Kizuna holds about one alumnus as JSON
//     (disclosure request, 開示請求).
//   - Deletion requests (削除請求): requested → completed (the alumnus is
//     erased through the one deletion routine, alumni.Service.Delete) or
//     declined with a reason; the person is mailed the outcome at the
//     address captured with the request, which is cleared afterwards.
package privacy
