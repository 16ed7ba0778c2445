package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
)

// cliActor is the operator at the command line, recorded in the audit log.
func cliActor(ctx context.Context) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.CLI, Name: "cli", Role: string(auth.Owner)})
}

// desktopActor is the local owner at the desktop window.
func desktopActor(ctx context.Context) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.Desktop, Name: "desktop", Role: string(auth.Owner)})
}

func userCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "HR ユーザーの管理 / manage HR users"}
	var email, name, role string
	var fromStdin bool
	create := &cobra.Command{
		Use:   "create",
		Short: "HR ユーザーを作成（一度だけ使うパスワードを表示） / create an HR user (prints a one-time password)",
		Long: `HR ユーザーを作成します。パスワードを自動生成して最後の行に表示します。
--password-stdin を付けると標準入力の1行目をパスワードとして使います。
Roles: owner, hr_admin, hr_staff, coordinator, viewer.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if email == "" {
				return usageError{fmt.Errorf("--email を指定してください / --email is required")}
			}
			password := auth.GeneratePassword()
			if fromStdin {
				line, err := bufio.NewReader(e.stdin).ReadString('\n')
				if err != nil && line == "" {
					return usageError{fmt.Errorf("標準入力からパスワードを読めません / no password on standard input")}
				}
				password = strings.TrimRight(line, "\r\n")
			}
			return e.withApp(cmd.Context(), func(a *app) error {
				ctx := cliActor(cmd.Context())
				u, err := a.auth.CreateUser(ctx, email, name, auth.Role(role), password)
				if err != nil {
					return err
				}
				a.audit.Record(ctx, "users.create", fmt.Sprintf("user:%d", u.ID), role)
				fmt.Fprintf(e.stdout, "ユーザーを作成しました / created user %s (%s)\n", u.Email, u.Role)
				if !fromStdin {
					fmt.Fprintln(e.stdout, "初回ログイン用パスワード / one-time password:")
					fmt.Fprintln(e.stdout, password)
				}
				return nil
			})
		},
	}
	create.Flags().StringVar(&email, "email", "", "メールアドレス / email")
	create.Flags().StringVar(&name, "name", "", "表示名 / display name")
	create.Flags().StringVar(&role, "role", string(auth.HRStaff), "権限 / role")
	create.Flags().BoolVar(&fromStdin, "password-stdin", false, "パスワードを標準入力から読む / read the password from standard input")
	cmd.AddCommand(create)
	return cmd
}

func tokenCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "API トークンの管理 / manage API tokens"}
	var name, role string
	create := &cobra.Command{
		Use:   "create",
		Short: "API トークンを作成（最後の行にトークンのみ表示） / create an API token (printed alone on the last line)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if name == "" {
				return usageError{fmt.Errorf("--name を指定してください / --name is required")}
			}
			return e.withApp(cmd.Context(), func(a *app) error {
				ctx := cliActor(cmd.Context())
				t, secret, err := a.auth.CreateToken(ctx, name, auth.Role(role))
				if err != nil {
					return err
				}
				a.audit.Record(ctx, "tokens.create", fmt.Sprintf("token:%d", t.ID), role)
				fmt.Fprintf(e.stderr, "トークンを作成しました（再表示できません） / created token %q (%s); it is shown only once:\n", t.Name, t.Role)
				fmt.Fprintln(e.stdout, secret)
				return nil
			})
		},
	}
	create.Flags().StringVar(&name, "name", "", "トークンの名前 / token name")
	create.Flags().StringVar(&role, "role", string(auth.Viewer), "権限 / role")
	cmd.AddCommand(create)
	return cmd
}
