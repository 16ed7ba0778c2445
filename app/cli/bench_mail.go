package cli

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/demo"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

func benchCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "性能測定 / benchmarks",
		Args:  noArgs,
	}
	cmd.AddCommand(benchMailCmd(e), benchPortalCmd(e))
	return cmd
}

func benchMailCmd(e *env) *cobra.Command {
	var recipients, concurrency int
	var smtpAddr string
	var keep bool
	var profile string
	cmd := &cobra.Command{
		Use:   "mail",
		Short: "メール配信の性能測定 / measure a personalised campaign through the real outbox",
		Long: `使い捨てのデータフォルダに同意済みの架空アルムナイを N 人作成し、製品と同じエンジン・
送信キューで個人別の広告宣伝メールを指定の SMTP サーバーへ送信して、毎秒の通数・最大メモリ・CPU 時間を表示します。
Creates a throwaway data directory with N opted-in synthetic alumni and runs a real
personalised promotional campaign through the product's engine and outbox into the
given SMTP server. The last line is "N messages/s ...".`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if smtpAddr == "" {
				return usageError{fmt.Errorf("--smtp HOST:PORT を指定してください / give --smtp HOST:PORT")}
			}
			if recipients <= 0 {
				return usageError{fmt.Errorf("--recipients は 1 以上 / --recipients must be at least 1")}
			}
			stop, err := startCPUProfile(profile)
			if err != nil {
				return err
			}
			defer stop()
			return benchMail(cmd.Context(), e, recipients, smtpAddr, concurrency, keep)
		},
	}
	cmd.Flags().IntVar(&recipients, "recipients", 100000, "受信者数 / number of recipients")
	cmd.Flags().StringVar(&smtpAddr, "smtp", "", "SMTP サーバー / SMTP server HOST:PORT (plain, no auth)")
	cmd.Flags().IntVar(&concurrency, "concurrency", 0, "同時接続数（0 は既定値）/ SMTP connections (0: the default)")
	cmd.Flags().StringVar(&profile, "cpuprofile", "", "CPU プロファイルの出力先 / write a CPU profile to this file")
	cmd.Flags().BoolVar(&keep, "keep", false, "データフォルダを残す / keep the throwaway data directory")
	return cmd
}

func benchMail(ctx context.Context, e *env, n int, smtpAddr string, concurrency int, keep bool) error {
	out := e.stdout
	dir, err := os.MkdirTemp("", "kizuna-bench-mail-*")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(out, "data dir:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	st, err := store.Open(ctx, dir, e.log)
	if err != nil {
		return err
	}
	defer st.Close()

	// Seed: N synthetic alumni, each with a recorded opt-in.
	t0 := time.Now()
	records := demo.Alumni(n, []int64{1}, 2026)
	for _, r := range records {
		alumni.Normalize(r)
	}
	if _, err := alumni.NewRepo(st).Upsert(ctx, records, nil); err != nil {
		return err
	}
	cfg := mail.Config{Relay: &mail.Relay{Addr: smtpAddr}, Concurrency: concurrency, BaseURL: "https://alumni.example.jp",
		UnsubscribeMailto: "unsubscribe@alumni.example.jp"}
	eng, err := mail.New(ctx, st, cfg, e.log)
	if err != nil {
		return err
	}
	consents := make([]mail.Consent, len(records))
	now := time.Now()
	for i, r := range records {
		consents[i] = mail.Consent{Address: r.Email, AlumnusID: r.ID, GrantedAt: now, Method: "bench",
			TextAgreed: "アルムナイ向けのお知らせメールの受信に同意します"}
	}
	if err := eng.RecordConsents(ctx, consents); err != nil {
		return err
	}
	if err := eng.SetIdentity(ctx, mail.Identity{Name: "株式会社きずな商事 人事部", FromAddress: "alumni@kizuna.example.jp",
		PostalAddress: "東京都千代田区丸の内1-1-1", Contact: "alumni@kizuna.example.jp"}); err != nil {
		return err
	}
	records, consents = nil, nil
	seedPeak := peakRSS()
	fmt.Fprintf(out, "seeded %d opted-in alumni in %.1fs (peak RSS while seeding %s)\n", n, time.Since(t0).Seconds(), mb(seedPeak))
	// The reference: a bare go-smtp client into the same server, half of
	// it before the campaign and half after, so that a change in the
	// machine's load during the run weighs on both.
	bareMsg := bareMessage("<h1>山田 太郎 様</h1>" + benchBody)
	bareN := min(n, 100000)
	bare1, err := bareRate(ctx, smtpAddr, bareN/2, bareMsg)
	if err != nil {
		return fmt.Errorf("bare go-smtp client: %w", err)
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()

	// Send: start the engine, queue the campaign (the senders start on the
	// first chunk), wait until every message has an outcome.
	cpu0 := cpuTime()
	start := time.Now()
	if err := eng.Start(ctx); err != nil {
		return err
	}
	enq, err := eng.EnqueueCampaign(ctx, mail.Campaign{Name: "bench",
		Subject: "{{.姓}}様：アルムナイ交流会（オンライン・オフライン同時開催）のご案内",
		HTML:    "<h1>{{.氏名}} 様</h1>" + benchBody}, mail.Audience{})
	if err != nil {
		eng.Stop(ctx)
		return err
	}
	queuedIn := time.Since(start)
	if err := eng.Drain(ctx); err != nil {
		eng.Stop(ctx)
		return err
	}
	elapsed := time.Since(start)
	if err := eng.Stop(ctx); err != nil {
		return err
	}
	cpu := cpuTime() - cpu0
	counts, err := eng.Counts(ctx, enq.CampaignID)
	if err != nil {
		return err
	}
	rate := float64(counts[mail.Sent]) / elapsed.Seconds()
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "campaign: %d queued (all queued after %.2fs), sent %d, failed %d, suppressed %d\n",
		enq.Queued, queuedIn.Seconds(), counts[mail.Sent], counts[mail.Failed], counts[mail.Suppressed])
	fmt.Fprintf(out, "elapsed %.2fs, first message accepted %.0fms after start, CPU %.2fs (%.0f%% of one core), load average %s\n",
		elapsed.Seconds(), float64(eng.FirstSentAfter().Microseconds())/1000, cpu.Seconds(),
		100*cpu.Seconds()/elapsed.Seconds(), strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " "))
	peak := peakRSS()

	bare2, err := bareRate(ctx, smtpAddr, bareN-bareN/2, bareMsg)
	if err != nil {
		return fmt.Errorf("bare go-smtp client: %w", err)
	}
	// The rate over both halves: messages over the time they took.
	secs := float64(bareN-bareN/2) / bare2
	if bareN/2 > 0 {
		secs += float64(bareN/2) / bare1
	}
	bare := float64(bareN) / secs
	fmt.Fprintf(out, "bare go-smtp client, %d connections, no bookkeeping: %.0f messages/s; Kizuna reaches %.0f%% of it\n",
		bareConnections, bare, 100*rate/bare)
	fmt.Fprintf(out, "%.0f messages/s peak-rss=%s concurrency=%d bare=%.0f/s (%.0f%%)\n", rate, mb(peak),
		cmp.Or(concurrency, mail.DefaultConcurrency), bare, 100*rate/bare)
	return nil
}

// benchBody is the campaign's body after the greeting.
const benchBody = `<p>いつもありがとうございます。秋のアルムナイ交流会を開催します。</p>` +
	`<p>日時：11月28日（金）19:00〜21:00<br>会場：本社 20 階ラウンジ／オンライン</p>` +
	`<p><a href="https://alumni.example.jp/events/42">詳細・お申し込みはこちら</a></p>`

func mb(kb int64) string {
	if kb <= 0 {
		return "n/a"
	}
	return strconv.FormatInt(kb/1024, 10) + "MB"
}

// peakRSS is VmHWM from /proc/self/status in kB (Linux; 0 elsewhere).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// resetPeakRSS starts VmHWM afresh (Linux: "5" to clear_refs), so the
// send's peak does not include seeding.
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// cpuTime is user+system CPU time of this process from /proc/self/stat
// (Linux, 100 ticks per second; 0 elsewhere).
func cpuTime() time.Duration {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+2:]
	}
	f := strings.Fields(s)
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+k) * (time.Second / 100)
}

// startCPUProfile writes a CPU profile to path until stop is called; an
// empty path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
