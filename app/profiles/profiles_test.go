package profiles_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/profiles"
	"github.com/kizuna-hr/kizuna/app/store"
)

type world struct {
	svc  *profiles.Service
	repo *alumni.Repo
	st   *store.Store
}

func newWorld(t testing.TB) *world {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	repo := alumni.NewRepo(st)
	return &world{svc: profiles.New(st, repo, audit.New(st)), repo: repo, st: st}
}

func (w *world) alumnus(t testing.TB, name, reading, email string) int64 {
	t.Helper()
	a := &alumni.Alumnus{CompanyID: 1, Name: name, NameReading: reading, Email: email, JoinDate: "2012-04-01",
		LeaveReason: "転職のため", Notes: "評価メモ", FormerManager: "佐藤 部長"}
	alumni.Normalize(a)
	created, err := w.repo.Create(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	// A portal member, as HR's admission or an accepted invitation makes one.
	if _, err := w.st.W.Exec("INSERT INTO memberships(alumnus_id, joined_at, how) VALUES (?, '2026-01-01T00:00:00Z', 'hr')", created.ID); err != nil {
		t.Fatal(err)
	}
	return created.ID
}

// full is a profile with every field filled with a distinctive word.
var full = profiles.Update{Company: "ひみつ商事", Role: "営業部長", Industry: "製造業", JobType: "営業",
	Skills: []string{"交渉術"}, Interests: []string{"ニュース"}, OpenTo: []string{"rehire"}, Bio: "趣味は盆栽です"}

// fieldWord names, per field, the value (or JSON key) that must vanish when it is hidden.
var fieldWord = map[string]string{
	profiles.FieldCompany: "ひみつ商事", profiles.FieldRole: "営業部長", profiles.FieldIndustry: "製造業",
	profiles.FieldJobType: `"job_type"`, profiles.FieldJoinYear: "2012", profiles.FieldSkills: "交渉術",
	profiles.FieldInterests: `"interests"`, profiles.FieldOpenTo: "rehire", profiles.FieldBio: "盆栽",
	profiles.FieldPhoto: "has_photo",
}

// searchWord is what a directory search for a hidden field would type.
var searchWord = map[string]string{
	profiles.FieldCompany: "ヒミツ", profiles.FieldRole: "営業部長", profiles.FieldIndustry: "製造",
	profiles.FieldSkills: "交渉", profiles.FieldBio: "盆栽", profiles.FieldOpenTo: "rehire",
}

func TestEveryFieldHiddenIsNeitherShownNorSearchable(t *testing.T) {
	ctx := context.Background()
	for _, field := range profiles.Fields {
		t.Run(field, func(t *testing.T) {
			w := newWorld(t)
			viewer := w.alumnus(t, "鈴木 花子", "スズキ ハナコ", "hanako@example.jp")
			owner := w.alumnus(t, "山田 太郎", "ヤマダ タロウ", "taro@example.jp")
			if _, err := w.svc.Own(ctx, viewer); err != nil {
				t.Fatal(err)
			}
			u := full
			u.Visibility = map[string]profiles.Visibility{}
			for _, f := range profiles.Fields {
				u.Visibility[f] = profiles.ShowAlumni
			}
			u.Visibility[field] = profiles.HROnly
			if _, err := w.svc.Save(ctx, owner, u); err != nil {
				t.Fatal(err)
			}
			if err := w.svc.SetPhoto(ctx, owner, pngOf(t, 50, 50), "image/png"); err != nil {
				t.Fatal(err)
			}
			card, err := w.svc.Card(ctx, owner)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := json.Marshal(card)
			for f, word := range fieldWord {
				if got := strings.Contains(string(raw), word); got != (f != field) {
					t.Errorf("field %s (hidden: %s): card %s contains %q = %v", f, field, raw, word, got)
				}
			}
			for _, leak := range []string{"転職", "評価メモ", "佐藤", "taro@"} {
				if strings.Contains(string(raw), leak) {
					t.Errorf("HR-only data %q in card %s", leak, raw)
				}
			}
			if word, ok := searchWord[field]; ok {
				page, err := w.svc.Directory(ctx, viewer, profiles.DirectoryQuery{Text: word})
				if err != nil {
					t.Fatal(err)
				}
				if page.Total != 0 {
					t.Errorf("search %q matched hidden %s: %+v", word, field, page.Items)
				}
			}
			// A field that is shown is found (the search works at all).
			page, _ := w.svc.Directory(ctx, viewer, profiles.DirectoryQuery{Text: "やまだ"})
			if page.Total != 1 {
				t.Errorf("search by reading: %d results", page.Total)
			}
			_, err = w.svc.Photo(ctx, viewer, owner)
			if hidden := field == profiles.FieldPhoto; hidden != errors.Is(err, profiles.ErrNoPhoto) {
				t.Errorf("photo hidden=%v: err %v", hidden, err)
			}
		})
	}
}

func TestDirectoryFiltersAndSearch(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	viewer := w.alumnus(t, "鈴木 花子", "スズキ ハナコ", "hanako@example.jp")
	taro := w.alumnus(t, "山田 太郎", "ヤマダ タロウ", "taro@example.jp")
	jiro := w.alumnus(t, "田中 次郎", "タナカ ジロウ", "jiro@example.jp")
	w.alumnus(t, "非会員 三郎", "ヒカイイン サブロウ", "saburo@example.jp") // not a member
	w.svc.Own(ctx, viewer)
	w.svc.Save(ctx, taro, profiles.Update{Company: "カイシャ株式会社", Industry: "IT", JobType: "エンジニア", Interests: []string{"mentoring"}})
	w.svc.Save(ctx, jiro, profiles.Update{Company: "別会社", Industry: "金融", JobType: "営業"})
	cases := []struct {
		name string
		q    profiles.DirectoryQuery
		want []int64
	}{
		{"all but me", profiles.DirectoryQuery{}, []int64{jiro, taro}},
		{"kana folding", profiles.DirectoryQuery{Text: "かいしゃ"}, []int64{taro}},
		{"substring of name", profiles.DirectoryQuery{Text: "次"}, []int64{jiro}},
		{"company", profiles.DirectoryQuery{Company: "別"}, []int64{jiro}},
		{"industry", profiles.DirectoryQuery{Industry: "IT"}, []int64{taro}},
		{"job type", profiles.DirectoryQuery{JobType: "営業"}, []int64{jiro}},
		{"interest", profiles.DirectoryQuery{Interest: "mentoring"}, []int64{taro}},
		{"join era", profiles.DirectoryQuery{JoinYearFrom: 2010, JoinYearTo: 2013}, []int64{jiro, taro}},
		{"join era out", profiles.DirectoryQuery{JoinYearFrom: 2020}, nil},
		{"non member", profiles.DirectoryQuery{Text: "三郎"}, nil},
		{"paging", profiles.DirectoryQuery{Offset: 1, Limit: 1}, []int64{taro}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page, err := w.svc.Directory(ctx, viewer, c.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, it := range page.Items {
				got = append(got, it.AlumnusID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	if _, err := w.svc.Card(ctx, 9999); !errors.Is(err, profiles.ErrNotMember) {
		t.Errorf("unknown id: %v", err)
	}
}

func pngOf(t testing.TB, wd, ht int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, wd, ht))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngBomb is a valid PNG signature and IHDR claiming huge dimensions: a
// decompression bomb must be refused before any pixel is decoded.
func pngBomb(t testing.TB) []byte {
	b := pngOf(t, 1, 1)
	// IHDR width and height are at bytes 16..24.
	copy(b[16:24], []byte{0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60}) // 60000 × 60000
	c := crc32IEEE(b[12:29])
	copy(b[29:33], []byte{byte(c >> 24), byte(c >> 16), byte(c >> 8), byte(c)})
	return b
}

func TestBadPhotos(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	id := w.alumnus(t, "山田 太郎", "ヤマダ タロウ", "taro@example.jp")
	cases := []struct {
		name     string
		data     []byte
		declared string
		want     error
		kind     fault.Kind
	}{
		{"not an image", []byte("<script>alert(1)</script>"), "image/png", profiles.ErrNotImage, fault.Invalid},
		{"too large", append(pngOf(t, 10, 10), make([]byte, profiles.MaxPhotoBytes)...), "image/png", profiles.ErrPhotoTooLarge, fault.TooLarge},
		{"png bomb", pngBomb(t), "image/png", profiles.ErrPhotoDimensions, fault.Invalid},
		{"wrong content type", pngOf(t, 10, 10), "image/jpeg", profiles.ErrPhotoType, fault.Invalid},
		{"not an image type", pngOf(t, 10, 10), "text/html", profiles.ErrPhotoType, fault.Invalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := w.svc.SetPhoto(ctx, id, c.data, c.declared)
			if !errors.Is(err, c.want) || fault.KindOf(err) != c.kind {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if _, err := w.svc.Photo(ctx, id, id); !errors.Is(err, profiles.ErrNoPhoto) {
				t.Errorf("a refused photo was stored: %v", err)
			}
		})
	}
}

func TestPhotoIsResizedAndReencoded(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	id := w.alumnus(t, "山田 太郎", "ヤマダ タロウ", "taro@example.jp")
	src := pngOf(t, 1200, 800)
	// A text chunk standing in for metadata; re-encoding must drop it.
	src = append(src[:33], append(textChunk("GPS", "35.68,139.76"), src[33:]...)...)
	if err := w.svc.SetPhoto(ctx, id, src, "image/png"); err != nil {
		t.Fatal(err)
	}
	got, err := w.svc.Photo(ctx, id, id)
	if err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(got))
	if err != nil || format != "png" || cfg.Width != profiles.PhotoSize || cfg.Height != profiles.PhotoSize {
		t.Fatalf("stored %s %dx%d (%v)", format, cfg.Width, cfg.Height, err)
	}
	if bytes.Contains(got, []byte("35.68")) {
		t.Error("metadata survived re-encoding")
	}
}

// textChunk builds a PNG tEXt chunk with its CRC.
func textChunk(key, value string) []byte {
	data := append([]byte(key), 0)
	data = append(data, value...)
	var b bytes.Buffer
	b.Write([]byte{byte(len(data) >> 24), byte(len(data) >> 16), byte(len(data) >> 8), byte(len(data))})
	body := append([]byte("tEXt"), data...)
	b.Write(body)
	c := crc32IEEE(body)
	b.Write([]byte{byte(c >> 24), byte(c >> 16), byte(c >> 8), byte(c)})
	return b.Bytes()
}

func TestSurveyFeedsTheAlumniRecord(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	id := w.alumnus(t, "山田 太郎", "ヤマダ タロウ", "taro@example.jp")
	st, err := w.svc.SurveyFor(ctx, id)
	if err != nil || !st.Pending {
		t.Fatalf("new member: pending=%v err=%v", st.Pending, err)
	}
	if _, err := w.svc.Answer(ctx, id, profiles.Answers{Interests: []string{"nonsense"}}); fault.KindOf(err) != fault.Invalid {
		t.Fatalf("unknown option: %v", err)
	}
	st, err = w.svc.Answer(ctx, id, profiles.Answers{JoinYear: 2012, Industry: "IT", JobType: "エンジニア",
		Interests: []string{"meet_alumni"}, OpenTo: []string{"rehire", "side_job"}, Comment: "よろしく"})
	if err != nil || st.Pending {
		t.Fatalf("answer: pending=%v err=%v", st.Pending, err)
	}
	a, _ := w.repo.Get(ctx, id)
	if a.Industry != "IT" || a.JobType != "エンジニア" || !slices.Contains(a.Interests, "カムバック・再入社") || !slices.Contains(a.Interests, "アルムナイとの交流") {
		t.Errorf("alumni record: %q %q %v", a.Industry, a.JobType, a.Interests)
	}
	p, _ := w.svc.Own(ctx, id)
	if !slices.Equal(p.OpenTo, []string{"rehire", "side_job"}) {
		t.Errorf("open to: %v", p.OpenTo)
	}
}
