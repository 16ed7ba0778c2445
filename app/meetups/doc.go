// Package meetups keeps the events (meetups) HR organises for alumni: online
// or on-site, in Japan time, with a capacity and a waitlist, shown to everyone
// or to a saved segment; alumni RSVP and cancel, a cancellation promotes the
// first on the waitlist, HR checks attendees in and uploads photos of past
// events. The RSVP confirmation and the reminders carry an .ics invitation.
// It imports neither net/http nor Wails.
package meetups
