// Command kizuna-plugin builds and signs Kizuna plugin bundles.
//
//	kizuna-plugin bundle [-o dist/plugins] [-platforms linux-amd64,windows-amd64] [-key FILE] DIR
//	kizuna-plugin keygen FILE    (writes FILE with the private key; prints the public key to trust)
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/kizuna-hr/kizuna/sdk/bundle"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "エラー / error:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: kizuna-plugin bundle|keygen …")
	}
	switch args[0] {
	case "bundle":
		fs := flag.NewFlagSet("bundle", flag.ExitOnError)
		out := fs.String("o", "dist/plugins", "output folder")
		plats := fs.String("platforms", "", "comma-separated os-arch list (default: this machine)")
		keyFile := fs.String("key", "", "ed25519 private key file to sign with (from keygen)")
		_ = fs.Parse(args[1:])
		if fs.NArg() != 1 {
			return fmt.Errorf("usage: kizuna-plugin bundle [flags] DIR")
		}
		o := bundle.Options{OutDir: *out}
		if *plats != "" {
			o.Platforms = strings.Split(*plats, ",")
		}
		if *keyFile != "" {
			b, err := os.ReadFile(*keyFile)
			if err != nil {
				return err
			}
			seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
			if err != nil || len(seed) != ed25519.SeedSize {
				return fmt.Errorf("%s: not a key written by keygen", *keyFile)
			}
			o.SigningKey = ed25519.NewKeyFromSeed(seed)
		}
		path, err := bundle.Build(context.Background(), fs.Arg(0), o)
		if err != nil {
			return err
		}
		fmt.Println(path)
	case "keygen":
		if len(args) != 2 {
			return fmt.Errorf("usage: kizuna-plugin keygen FILE")
		}
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return err
		}
		if err := os.WriteFile(args[1], []byte(base64.StdEncoding.EncodeToString(priv.Seed())+"\n"), 0o600); err != nil {
			return err
		}
		fmt.Println("公開鍵 / public key (kizuna plugin trust KEY):", base64.StdEncoding.EncodeToString(pub))
	default:
		return fmt.Errorf("unknown command %q", args[0])
	}
	return nil
}
