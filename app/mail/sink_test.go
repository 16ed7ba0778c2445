package mail

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// smtpSinkPath is Postfix's independent SMTP sink (Debian package postfix).
const smtpSinkPath = "/usr/sbin/smtp-sink"

// startSMTPSink runs smtp-sink on a free loopback port and returns its address.
func startSMTPSink(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(smtpSinkPath); err != nil {
		t.Skip(smtpSinkPath + " is missing: install the Debian package postfix (make deps does) to run this test")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	args := []string{"-c", addr, "1000"}
	if os.Geteuid() == 0 {
		args = append([]string{"-u", "nobody"}, args...) // it refuses to run as root
	}
	cmd := exec.Command(smtpSinkPath, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("smtp-sink did not listen on %s", addr)
		}
	}
}

// TestCampaignIntoSMTPSink: a personalised campaign of a few thousand
// recipients goes through the engine and outbox into Postfix's smtp-sink;
// every outbox row ends 'sent' with the sink's 250 reply.
func TestCampaignIntoSMTPSink(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 3,000 messages")
	}
	addr := startSMTPSink(t)
	ctx := context.Background()
	e, _ := newEngine(t, Config{Relay: &Relay{Addr: addr}}, true)
	const n = 3000
	tx, err := e.st.W.Begin()
	if err != nil {
		t.Fatal(err)
	}
	consents := make([]Consent, n)
	for i := range n {
		a := "sink" + strconv.Itoa(i) + "@example.jp"
		res, err := tx.Exec(`INSERT INTO alumni(company_id, name, email) VALUES (1, ?, ?)`, fmt.Sprintf("佐藤 花子%d", i), a)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		consents[i] = Consent{Address: a, AlumnusID: id, GrantedAt: time.Now(), Method: "web", TextAgreed: "お知らせメールの受信に同意します"}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := e.RecordConsents(ctx, consents); err != nil {
		t.Fatal(err)
	}
	enq, err := e.EnqueueCampaign(ctx, testCampaign, Audience{})
	if err != nil || enq.Queued != n {
		t.Fatalf("queued %d, %v", enq.Queued, err)
	}
	ctx2, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := e.Start(ctx2); err != nil {
		t.Fatal(err)
	}
	if err := e.Drain(ctx2); err != nil {
		t.Fatal(err)
	}
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	var sent, with250 int
	e.st.R.QueryRow(`SELECT count(*), sum(last_reply LIKE '250 %') FROM mail_outbox WHERE state = 'sent' AND campaign_id = ?`, enq.CampaignID).Scan(&sent, &with250)
	if sent != n || with250 != n {
		counts, _ := e.Counts(ctx, enq.CampaignID)
		t.Fatalf("%d sent (%d with a 250 reply) of %d: %v", sent, with250, n, counts)
	}
}
