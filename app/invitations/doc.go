// Package invitations owns Kizuna's personal invitations to the portal
// ("leaving well", issue 5).
//
//   - Issue gives each chosen alumnus a personal link (a random secret kept
//     only as SHA-256, like the portal's login links) that expires after 30
//     days by default (1–90 settable). One invitation per alumnus:
//     re-inviting replaces the link. Alumni who are already members are
//     skipped with a reason; mailing needs an email address.
//   - The mail goes through the mail engine's transactional path, Japanese
//     first, with the sender (an HR user or the former manager) as From
//     name, Reply-To and signature; the personal message is rendered with
//     mail.MarkdownHTML.
//   - Leaflet sets an A4 exit leaflet per person (IPA Gothic, found on the
//     system) with the QR code of the link and the link as text.
//   - Accept spends the link once: it admits the alumnus (how
//     "invitation"); expired, revoked and used links give clear messages.
//
// Sends, revokes and accepts are written to the audit log.
package invitations
