package sdk_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/kizuna-hr/kizuna/sdk"
)

// greeter is a plugin with a page and an event handler.
type greeter struct{ host sdk.Host }

func (g *greeter) Activate(_ context.Context, host sdk.Host, _ sdk.Settings) error {
	g.host = host
	return nil
}

func (g *greeter) Deactivate(context.Context) error { return nil }

func (g *greeter) Subscriptions() []string { return []string{"alumnus.created"} }

func (g *greeter) HandleEvents(ctx context.Context, events []sdk.Event) error {
	for _, e := range events {
		var data struct{ ID int64 }
		if err := e.Decode(&data); err != nil {
			return err
		}
		a, err := g.host.Alumnus(ctx, data.ID)
		if err != nil {
			return err // delivered again later
		}
		if _, err := g.host.SendMail(ctx, sdk.Mail{Kind: sdk.MailTransactional, AlumnusID: a.ID,
			Subject: "ご登録ありがとうございます", Text: a.Name + " 様\nアルムナイネットワークへようこそ。"}); err != nil {
			return err
		}
	}
	return nil
}

func (g *greeter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	caller, _ := sdk.CallerFrom(r.Context())
	fmt.Fprintf(w, "こんにちは、%s さん（%s）", caller.Name, caller.Role)
}

// A plugin's main calls Serve with a value implementing the capabilities it
// offers (here Activator, EventHandler and HTTPHandler).
func Example() {
	var p any = &greeter{}
	_, isEvents := p.(sdk.EventHandler)
	_, isHTTP := p.(sdk.HTTPHandler)
	fmt.Println(isEvents, isHTTP)
	// In main: sdk.Serve(&greeter{})
	// Output: true true
}
