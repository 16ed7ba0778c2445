package mail

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"

	"github.com/emersion/go-msgauth/dkim"
)

// DKIM is the optional signing identity: the public key is published as a
// TXT record at Selector._domainkey.Domain.
type DKIM struct {
	Domain        string // d=, e.g. kizuna.example.jp
	Selector      string // s=, e.g. kizuna2026
	PrivateKeyPEM string // RSA (PKCS #1 or #8) or Ed25519 (PKCS #8); never logged
}

// dkimHeaders are the header fields signed when present. RFC 8058 asks for
// List-Unsubscribe and List-Unsubscribe-Post to be covered.
var dkimHeaders = []string{"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
	"List-Unsubscribe", "List-Unsubscribe-Post", HeaderMessage, HeaderCampaign}

// signOptions checks d and returns go-msgauth's options: relaxed/relaxed,
// rsa-sha256 or ed25519-sha256 by the key's type.
func (d DKIM) signOptions() (*dkim.SignOptions, error) {
	if strings.TrimSpace(d.Domain) == "" || strings.TrimSpace(d.Selector) == "" {
		return nil, ErrInvalidDKIM.Withf("ドメインとセレクタが必要です", "domain and selector are required")
	}
	block, _ := pem.Decode([]byte(d.PrivateKeyPEM))
	if block == nil {
		return nil, ErrInvalidDKIM.Withf("秘密鍵が PEM ではありません", "the private key is not PEM")
	}
	var key crypto.Signer
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		key = k
	} else if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		switch k := k.(type) {
		case *rsa.PrivateKey:
			key = k
		case ed25519.PrivateKey:
			key = k
		}
	}
	if key == nil {
		return nil, ErrInvalidDKIM.Withf("RSA または Ed25519 の秘密鍵が必要です", "an RSA or Ed25519 private key is required")
	}
	return &dkim.SignOptions{Domain: d.Domain, Selector: d.Selector, Signer: key, Hash: crypto.SHA256,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed, BodyCanonicalization: dkim.CanonicalizationRelaxed,
		HeaderKeys: dkimHeaders}, nil
}

// Check reports whether the settings can sign (the settings screen uses it).
func (d DKIM) Check() error {
	_, err := d.signOptions()
	return err
}

// sign returns msg with a DKIM-Signature header in front, in a buffer
// from the pool; msg goes back to the pool.
func sign(msg *bytes.Buffer, opts *dkim.SignOptions) (*bytes.Buffer, error) {
	out := bufPool.Get().(*bytes.Buffer)
	err := dkim.Sign(out, bytes.NewReader(msg.Bytes()), opts)
	msg.Reset()
	bufPool.Put(msg)
	if err != nil {
		out.Reset()
		bufPool.Put(out)
		return nil, errors.Join(errors.New("dkim"), err)
	}
	return out, nil
}
