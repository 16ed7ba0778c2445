package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/meetups"
	"github.com/kizuna-hr/kizuna/app/notify"
	"github.com/kizuna-hr/kizuna/app/store"
)

// EventsSeeded says what SeedEvents made.
type EventsSeeded struct {
	Events, RSVPs, Photos int
}

var demoJST = time.FixedZone("JST", 9*60*60)

// SeedEvents adds two upcoming events (one full, with a waitlist), a past
// one with photos and check-ins, and a few notifications. Services are
// built here with clocks set where each step happens; mail goes through m.
func SeedEvents(ctx context.Context, st *store.Store, aud meetups.Audience, m meetups.Mailer, ev meetups.Emitter,
	people []*alumni.Alumnus, now time.Time) (EventsSeeded, error) {
	var out EventsSeeded
	if len(people) < 12 {
		return out, nil
	}
	clock := now
	notes := notify.New(st, m, nil, func() time.Time { return clock }, nil)
	svc := meetups.New(st, aud, m, notes, ev, meetups.Config{Now: func() time.Time { return clock }})
	day := func(d, h int) time.Time {
		t := now.In(demoJST)
		return time.Date(t.Year(), t.Month(), t.Day()+d, h, 0, 0, 0, demoJST)
	}
	specs := []meetups.Input{
		{Title: "年末アルムナイ交流会 2026", Mode: meetups.OnSite, Place: "きずなビル 20 階ラウンジ（東京都千代田区丸の内1-1-1）",
			Description: "今年もお世話になりました。**軽食とお飲み物**をご用意しています。\n\n- 19:00 開場\n- 19:30 乾杯\n- 21:00 終了",
			StartsAt:    day(14, 19), EndsAt: day(14, 21), Capacity: 6},
		{Title: "オンライン勉強会：生成 AI と人事", Mode: meetups.Online, OnlineURL: "https://meet.example.jp/kizuna-ai",
			Description: "卒業生の **田中さん** が最新の事例を紹介します。質疑応答あり。", StartsAt: day(5, 20), EndsAt: day(5, 21)},
		{Title: "秋のアルムナイ BBQ", Mode: meetups.OnSite, Place: "お台場 BBQ ガーデン",
			Description: "たくさんのご参加ありがとうございました！", StartsAt: day(-40, 12), EndsAt: day(-40, 16), Capacity: 30},
	}
	var ids []int64
	for _, in := range specs {
		clock = in.StartsAt.AddDate(0, 0, -20)
		if clock.After(now) {
			clock = now
		}
		e, err := svc.Create(ctx, in, "demo")
		if err != nil {
			return out, fmt.Errorf("demo event: %w", err)
		}
		ids = append(ids, e.ID)
		out.Events++
	}
	rsvp := func(event int64, from, to int, at time.Time) error {
		clock = at
		for _, p := range people[from:to] {
			if _, err := svc.RSVP(ctx, p.ID, event); err != nil {
				return err
			}
			out.RSVPs++
		}
		return nil
	}
	if err := rsvp(ids[2], 0, 10, specs[2].StartsAt.AddDate(0, 0, -7)); err != nil {
		return out, err
	}
	clock = specs[2].StartsAt.Add(10 * time.Minute)
	for _, p := range people[0:8] {
		if err := svc.CheckIn(ctx, ids[2], p.ID, true); err != nil {
			return out, err
		}
	}
	for i := 0; i < 3; i++ {
		if _, err := svc.AddPhoto(ctx, ids[2], demoPhoto(i)); err != nil {
			return out, err
		}
		out.Photos++
	}
	if err := rsvp(ids[0], 0, 8, now.Add(-time.Hour)); err != nil { // 6 going, 2 waiting
		return out, err
	}
	if err := rsvp(ids[1], 2, 6, now.Add(-time.Hour)); err != nil {
		return out, err
	}
	clock = now
	for _, p := range people[0:4] {
		notes.Notify(ctx, p.ID, "news", "きずな商事が中途採用（カムバック採用）を再開しました", "Kizuna Shoji has reopened comeback hiring", "/portal/")
	}
	return out, nil
}

// demoPhoto draws a simple sunset-over-the-bay picture, a different one per i.
func demoPhoto(i int) []byte {
	const w, h = 640, 420
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	hues := [][3]float64{{255, 140, 60}, {90, 160, 230}, {120, 200, 120}}
	sky := hues[i%len(hues)]
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			f := float64(y) / h
			c := color.RGBA{uint8(sky[0] * (1 - f/2)), uint8(sky[1] * (1 - f/2)), uint8(sky[2] * (1 - f/3)), 255}
			if y > h*2/3 { // water
				c = color.RGBA{30, 70 + uint8(20*math.Sin(float64(x)/15)), 120, 255}
			}
			dx, dy := float64(x-w/2-i*120+120), float64(y-h*2/3+40)
			if dx*dx+dy*dy < 60*60 && y <= h*2/3 { // the sun
				c = color.RGBA{255, 230, 120, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
