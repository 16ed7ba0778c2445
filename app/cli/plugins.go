package cli

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/fault"
)

var errPluginsBusy = fault.New(fault.Conflict, "plugin.host_running",
	"Kizuna が起動中です。起動中はコンソールの「プラグイン」画面で管理してください",
	"Kizuna is running; while it runs, manage plugins on the console's Plugins page")

// pluginCmd is `kizuna plugin install|list|enable|disable|remove|trust`.
// Changes need the data folder to themselves: while Kizuna runs, manage
// plugins in the console instead (the running host supervises them).
func pluginCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "plugin", Short: "プラグインの管理 / manage plugins"}
	run := func(use, short string, n int, what string, fn func(cmd *cobra.Command, a *app, args []string) error) *cobra.Command {
		return &cobra.Command{Use: use, Short: short, Args: exactArgs(n, what),
			RunE: func(cmd *cobra.Command, args []string) error {
				if use != "list" {
					release, err := e.holdData(errPluginsBusy)
					if err != nil {
						return err
					}
					defer release()
				}
				return e.withApp(cmd.Context(), func(a *app) error { return fn(cmd, a, args) })
			}}
	}
	install := run("install FILE", "プラグイン（.tar.gz）をインストール・更新 / install or upgrade a plugin bundle", 1, "FILE",
		func(cmd *cobra.Command, a *app, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			rec, err := a.plugins.Install(cliActor(cmd.Context()), f)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "インストールしました / installed %s %s (%s)\n", rec.ID, rec.Version, rec.State)
			if rec.State != "enabled" {
				fmt.Fprintf(e.stdout, "要求する権限 / requested permissions: %s\n有効化 / enable: kizuna plugin enable %s --grant all\n",
					strings.Join(rec.Manifest.Permissions, ", "), rec.ID)
			}
			return nil
		})
	list := run("list", "インストール済みプラグインの一覧 / list installed plugins", 0, "",
		func(cmd *cobra.Command, a *app, args []string) error {
			list, err := a.plugins.List(cmd.Context())
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tVERSION\tSTATE\tGRANTED\tREASON")
			for _, p := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.Version, p.State, strings.Join(p.Granted, ","), p.Reason)
			}
			return tw.Flush()
		})
	var grant string
	enable := run("enable ID", "権限を付与して有効化 / grant permissions and enable", 1, "ID",
		func(cmd *cobra.Command, a *app, args []string) error {
			st, err := a.plugins.Get(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			perms := []string{}
			switch grant {
			case "all":
				perms = st.Manifest.Permissions
			case "", "none":
			default:
				perms = strings.Split(grant, ",")
			}
			if err := a.plugins.Enable(cliActor(cmd.Context()), args[0], perms); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "有効にしました / enabled %s; 付与した権限 / granted: %s\n", args[0], strings.Join(perms, ", "))
			return nil
		})
	enable.Flags().StringVar(&grant, "grant", "", "付与する権限: all、またはカンマ区切り / permissions to grant: all or a comma-separated list")
	disable := run("disable ID", "無効化 / disable", 1, "ID", func(cmd *cobra.Command, a *app, args []string) error {
		return a.plugins.Disable(cliActor(cmd.Context()), args[0])
	})
	remove := run("remove ID", "削除（プラグインのデータも削除） / remove, with the plugin's data", 1, "ID",
		func(cmd *cobra.Command, a *app, args []string) error {
			return a.plugins.Remove(cliActor(cmd.Context()), args[0])
		})
	trust := run("trust NAME PUBLIC_KEY", "署名の公開鍵を信頼 / trust a signing key (ed25519, base64)", 2, "NAME PUBLIC_KEY",
		func(cmd *cobra.Command, a *app, args []string) error {
			return a.plugins.Trust(cliActor(cmd.Context()), args[0], args[1])
		})
	cmd.AddCommand(install, list, enable, disable, remove, trust)
	return cmd
}
