package actor

import (
	"context"
	"fmt"
)

// Kind says how the actor came in.
type Kind string

// The kinds of actor.
const (
	User    Kind = "user"    // an HR user logged in with a password
	Token   Kind = "token"   // a script with a bearer token
	Desktop Kind = "desktop" // the local owner at the desktop window
	CLI     Kind = "cli"     // an operator running the kizuna command
	System  Kind = "system"  // Kizuna itself (start-up, schedules)
	Plugin  Kind = "plugin"  // an installed plugin calling the host API (Name = plugin id)
	Alumnus Kind = "alumnus" // an alumnus logged in to the portal (ID = alumni.id, Role = "alumnus")
)

// AlumnusRole is the Role of every Alumnus actor: it holds no HR permission.
const AlumnusRole = "alumnus"

// Actor is the one acting.
type Actor struct {
	Kind Kind   `json:"kind"`
	ID   int64  `json:"id"`
	Name string `json:"name"` // email for users, token name for tokens
	Role string `json:"role"`
}

// String names the actor for the audit log, e.g. "user:3:hr@example.jp".
func (a Actor) String() string {
	if a.Kind == "" {
		return "system"
	}
	return fmt.Sprintf("%s:%d:%s", a.Kind, a.ID, a.Name)
}

type key struct{}

// With returns ctx carrying a.
func With(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, key{}, a)
}

// From returns the actor in ctx, or a System actor.
func From(ctx context.Context) Actor {
	if a, ok := ctx.Value(key{}).(Actor); ok {
		return a
	}
	return Actor{Kind: System, Name: "kizuna"}
}
