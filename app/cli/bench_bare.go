package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-smtp"
)

// bareConnections is how many connections the bare client uses (the
// issue's reference: a bare go-smtp client over 8 connections).
const bareConnections = 8

// bareMessage is a fixed message of about the size of the campaign's
// (3.1 KB with headers, footer and unsubscribe link): a multipart/alternative
// with the body three times as text and as HTML, in base64.
func bareMessage(html string) []byte {
	var b bytes.Buffer
	b.WriteString("From: =?UTF-8?B?5qCq5byP5Lya56S+?= <alumni@kizuna.example.jp>\r\nTo: <bench@example.jp>\r\n" +
		"Subject: =?UTF-8?B?44Ki44Or44Og44OK44Kk5Lqk5rWB5Lya44Gu44GU5qGI5YaF?=\r\nMIME-Version: 1.0\r\n" +
		"Message-Id: <bench@kizuna.local>\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n")
	for _, part := range []string{"text/plain", "text/html"} {
		b.WriteString("--b\r\nContent-Type: " + part + "; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
		enc := base64.StdEncoding.EncodeToString([]byte(strings.Repeat(html, 3)))
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	}
	b.WriteString("--b--\r\n")
	return b.Bytes()
}

// bareRate sends n copies of msg over bareConnections reused go-smtp
// connections (MAIL, RCPT, DATA, RSET; no bookkeeping) and returns messages/s.
func bareRate(ctx context.Context, addr string, n int, msg []byte) (float64, error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, bareConnections)
	start := time.Now()
	for range bareConnections {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := smtp.Dial(addr)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			for i := next.Add(1); i <= int64(n) && ctx.Err() == nil; i = next.Add(1) {
				if err := sendOne(c, fmt.Sprintf("bare%d@example.jp", i), msg); err != nil {
					errs <- err
					return
				}
			}
			c.Quit()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return float64(n) / elapsed.Seconds(), nil
}

func sendOne(c *smtp.Client, to string, msg []byte) error {
	if err := c.Mail("alumni@kizuna.example.jp", nil); err != nil {
		return err
	}
	if err := c.Rcpt(to, nil); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Reset()
}
