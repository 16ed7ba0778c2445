// Package notify keeps the notifications alumni see in the portal (a list
// with an unread count), their per-kind preferences (in the portal only, by
// mail at once, in a weekly digest, or off) and the weekly digest mail.
// Other capabilities call Service.Notify; it imports neither net/http nor
// Wails.
package notify
