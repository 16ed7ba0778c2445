package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/demo"
	"github.com/kizuna-hr/kizuna/app/feed"
	"github.com/kizuna-hr/kizuna/app/httpapi"
	"github.com/kizuna-hr/kizuna/app/segments"
)

// portalEndpoint is one portal page the benchmark hammers. Another portal
// page (the directory) is one more line in portalEndpoints.
type portalEndpoint struct {
	Name string
	Path string // GET, as a logged-in alumnus
}

var portalEndpoints = []portalEndpoint{
	{"feed", "/api/portal/feed"},
}

func benchPortalCmd(e *env) *cobra.Command {
	var nAlumni, nPosts, clients int
	var duration time.Duration
	var keep bool
	var profile string
	cmd := &cobra.Command{
		Use:   "portal",
		Short: "ポータルの応答時間の測定 / measure portal pages under concurrent members",
		Long: `使い捨てのデータフォルダに架空のアルムナイと投稿を作成し、本物の HTTP ハンドラーを
ループバックで起動して、実際のセッションでログインした会員が同時にポータルの API を呼び続けます。
エンドポイントごとに p50/p95/p99 と毎秒のリクエスト数を表示します。
Creates a throwaway data directory with synthetic alumni and posts, serves the real HTTP
handler on loopback, logs members in with real sessions and has them call the portal
API concurrently; prints p50/p95/p99 and requests/s per endpoint.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if nAlumni < clients || clients <= 0 || nPosts < 0 || duration <= 0 {
				return usageError{fmt.Errorf("--clients は 1 以上で --alumni 以下、--duration は正の値です / --clients must be 1 to --alumni and --duration positive")}
			}
			return benchPortal(cmd.Context(), e, nAlumni, nPosts, clients, duration, keep, profile)
		},
	}
	cmd.Flags().IntVar(&nAlumni, "alumni", 100000, "アルムナイ数 / number of alumni")
	cmd.Flags().IntVar(&nPosts, "posts", 20000, "投稿数 / number of posts")
	cmd.Flags().IntVar(&clients, "clients", 100, "同時にアクセスする会員数 / concurrent members")
	cmd.Flags().DurationVar(&duration, "duration", 10*time.Second, "エンドポイントごとの測定時間 / measuring time per endpoint")
	cmd.Flags().BoolVar(&keep, "keep", false, "データフォルダを残す / keep the throwaway data directory")
	cmd.Flags().StringVar(&profile, "cpuprofile", "", "CPU プロファイルの出力先 / write a CPU profile of the measured part to this file")
	return cmd
}

func benchPortal(ctx context.Context, e *env, nAlumni, nPosts, clients int, duration time.Duration, keep bool, profile string) error {
	out := e.stdout
	dir, err := os.MkdirTemp("", "kizuna-bench-portal-*")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(out, "data dir:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := openApp(ctx, dir, quiet)
	if err != nil {
		return err
	}
	defer a.Close()
	t0 := time.Now()
	ids, err := seedPortal(ctx, a, nAlumni, nPosts)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "seeded %d alumni and %d posts in %.1fs\n", nAlumni, nPosts, time.Since(t0).Seconds())

	srvEnv := *e
	srvEnv.log = quiet
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: a.handler(&srvEnv), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()

	cookies := make([]string, clients)
	for i := range cookies {
		if cookies[i], err = a.members.Open(ctx, ids[i], "bench"); err != nil {
			return err
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: 30 * time.Second}
	stop, err := startCPUProfile(profile)
	if err != nil {
		return err
	}
	defer stop()
	for _, ep := range portalEndpoints {
		// Warm up: one request per member fills the caches a running
		// server has (segment memberships, the directory, statements).
		if _, err := hammer(ctx, client, base+ep.Path, cookies, 0); err != nil {
			return fmt.Errorf("%s warm-up: %w", ep.Name, err)
		}
		res, err := hammer(ctx, client, base+ep.Path, cookies, duration)
		if err != nil {
			return fmt.Errorf("%s: %w", ep.Name, err)
		}
		fmt.Fprintf(out, "GET %s: %d requests, %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, errors %d (clients %d, %d alumni, %d posts)\n",
			ep.Path, res.n, res.rate, ms(res.p50), ms(res.p95), ms(res.p99), res.errors, clients, nAlumni, nPosts)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

type loadResult struct {
	n, errors     int
	rate          float64
	p50, p95, p99 time.Duration
}

// hammer has one goroutine per cookie GET url back to back for d (d = 0:
// once each) and returns the latency percentiles. Answers other than 200
// count as errors.
func hammer(ctx context.Context, client *http.Client, url string, cookies []string, d time.Duration) (loadResult, error) {
	once := d == 0
	limit := d
	if once {
		limit = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	var errs int
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for _, c := range cookies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for ctx.Err() == nil {
				req, _ := http.NewRequest("GET", url, nil)
				req.AddCookie(&http.Cookie{Name: httpapi.MemberCookie, Value: c})
				t := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					bad++
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					if once {
						break
					}
					continue
				}
				mine = append(mine, time.Since(t))
				if once {
					break
				}
			}
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(all) == 0 {
		return loadResult{}, fmt.Errorf("no request succeeded: %v", firstErr)
	}
	slices.Sort(all)
	at := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	return loadResult{n: len(all), errors: errs, rate: float64(len(all)) / elapsed.Seconds(), p50: at(0.50), p95: at(0.95), p99: at(0.99)}, nil
}

var benchBodies = []string{
	"こういう案件の経験がある方、アドバイスをいただけませんか？ **製造業向けの SaaS 導入**で、現場の巻き込み方に悩んでいます。",
	"転職して3年、ようやく新しいチームにも慣れてきました。皆さんの近況も聞かせてください。",
	"来月、大阪で元同僚の集まりを企画しています。参加できそうな方はコメントください！",
	"[勉強会の資料](https://example.jp/slides) を共有します。ご意見歓迎です。",
}

// seedPortal creates nAlumni synthetic alumni, a few segments and spaces
// and nPosts posts (one in five a company post, some targeted, some in
// spaces) with comments and reactions; it returns the alumni ids.
func seedPortal(ctx context.Context, a *app, nAlumni, nPosts int) ([]int64, error) {
	records := demo.Alumni(nAlumni, []int64{1}, 2026)
	for _, r := range records {
		alumni.Normalize(r)
	}
	if _, err := a.alumniRepo.Upsert(ctx, records, nil); err != nil {
		return nil, err
	}
	ids := make([]int64, len(records))
	for i, r := range records {
		ids[i] = r.ID
	}
	a.alumni.Directory().Invalidate()
	var segIDs []int64
	for _, jt := range []string{"営業", "エンジニア"} {
		seg, err := a.segments.Create(ctx, segments.Segment{Name: jt + "職", Filter: segments.Filter{JobTypes: []string{jt}}}, "bench")
		if err != nil {
			return nil, err
		}
		segIDs = append(segIDs, seg.ID)
	}
	var spaceIDs []int64
	for _, name := range []string{"2010年代入社", "エンジニア", "関西"} {
		sp, err := a.feed.CreateSpace(ctx, "bench", 0, feed.Space{Name: name})
		if err != nil {
			return nil, err
		}
		spaceIDs = append(spaceIDs, sp.ID)
	}
	for i, id := range ids[:min(len(ids), 2000)] {
		if err := a.feed.Join(ctx, id, spaceIDs[i%len(spaceIDs)]); err != nil {
			return nil, err
		}
	}
	r := rand.New(rand.NewPCG(2026, 5))
	start := time.Now().Add(-time.Duration(nPosts) * 10 * time.Minute)
	posts := make([]feed.Seeded, nPosts)
	for i := range posts {
		p := feed.Seeded{At: start.Add(time.Duration(i) * 10 * time.Minute), Draft: feed.Draft{Body: benchBodies[r.IntN(len(benchBodies))]}}
		if i%5 == 0 {
			p.Kind, p.Title = feed.CompanyKinds[r.IntN(len(feed.CompanyKinds))], "お知らせ "+fmt.Sprint(i)
			p.ExecutiveName = "山本 健一"
			if i%15 == 0 {
				p.SegmentID = segIDs[r.IntN(len(segIDs))]
			}
		} else {
			p.Author = ids[r.IntN(len(ids))]
			if i%7 == 0 {
				p.SpaceID = spaceIDs[r.IntN(len(spaceIDs))]
				p.Author = ids[r.IntN(min(len(ids), 2000))]
			}
			for range r.IntN(4) {
				p.Comments = append(p.Comments, feed.SeededComment{Author: ids[r.IntN(len(ids))], Body: "参考になります！", At: p.At.Add(time.Minute)})
			}
			p.Reactions = map[int64]string{}
			for range r.IntN(6) {
				p.Reactions[ids[r.IntN(len(ids))]] = feed.Reactions[r.IntN(len(feed.Reactions))]
			}
		}
		posts[i] = p
	}
	// Space posts must be by members: the first 2000 alumni joined spaces
	// round-robin, so pick a member of the post's space.
	for i := range posts {
		if sp := posts[i].SpaceID; sp != 0 {
			k := slices.Index(spaceIDs, sp)
			posts[i].Author = ids[(r.IntN(min(len(ids), 2000)/len(spaceIDs)))*len(spaceIDs)+k]
		}
	}
	return ids, a.feed.Seed(ctx, posts)
}
