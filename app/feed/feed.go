package feed

import (
	"context"
	"database/sql"
	"sync/atomic"
	"time"

	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Post kinds. KindAlumni is written by an alumnus; the others by HR.
const (
	KindAlumni    = "alumni"
	KindNews      = "news"      // お知らせ
	KindPress     = "press"     // プレスリリース
	KindExecutive = "executive" // 経営者メッセージ
	KindComeback  = "comeback"  // カムバック社員インタビュー
	KindPolicy    = "policy"    // 制度変更のお知らせ
)

// CompanyKinds lists the kinds HR may publish.
var CompanyKinds = []string{KindNews, KindPress, KindExecutive, KindComeback, KindPolicy}

// Reactions is the fixed set of reactions.
var Reactions = []string{"like", "thanks", "celebrate", "insightful"}

// Post is one entry of the feed.
type Post struct {
	ID            int64          `json:"id"`
	Kind          string         `json:"kind"`
	AuthorID      int64          `json:"author_id,omitempty"`
	AuthorName    string         `json:"author_name"`
	ExecutiveName string         `json:"executive_name,omitempty"`
	Title         string         `json:"title"`
	Body          string         `json:"body,omitempty"` // the Markdown; left out of feed pages (open the post to edit it)
	BodyHTML      string         `json:"body_html"`
	SegmentID     int64          `json:"segment_id,omitempty"`
	SpaceID       int64          `json:"space_id,omitempty"`
	Pinned        bool           `json:"pinned"`
	Draft         bool           `json:"draft"`
	PublishAt     string         `json:"publish_at"`
	Hidden        bool           `json:"hidden"`
	HiddenNote    string         `json:"hidden_note,omitempty"`
	CreatedAt     string         `json:"created_at"`
	UpdatedAt     string         `json:"updated_at"`
	Edited        bool           `json:"edited"` // changed after it was written (編集済み)
	Comments      int            `json:"comments"`
	Reactions     map[string]int `json:"reactions"`
	MyReactions   []string       `json:"my_reactions"`
}

// Comment is a reply under a post.
type Comment struct {
	ID         int64  `json:"id"`
	PostID     int64  `json:"post_id"`
	AuthorID   int64  `json:"author_id"`
	AuthorName string `json:"author_name"`
	Body       string `json:"body"`
	BodyHTML   string `json:"body_html"`
	Hidden     bool   `json:"hidden"`
	HiddenNote string `json:"hidden_note,omitempty"`
	CreatedAt  string `json:"created_at"`
	UpdatedAt  string `json:"updated_at,omitempty"` // "" until edited
	Edited     bool   `json:"edited"`               // 編集済み
}

// Notifier tells an alumnus about something (app/notify implements it).
type Notifier interface {
	Notify(ctx context.Context, alumnusID int64, kind, titleJA, titleEN, link string) error
}

// SegmentResolver resolves a saved segment to its alumni (segments.Service).
type SegmentResolver interface {
	Resolve(ctx context.Context, id int64) ([]int64, error)
}

// Service is the feed.
type Service struct {
	st     *store.Store
	audit  *audit.Log
	segs   SegmentResolver
	notify Notifier
	limit  *limiter
	seg    segCache
	stmts  stmts
	head   head
	// version counts this process's writes; the cached head of the feed
	// is rebuilt when it moved.
	version atomic.Uint64
	now     func() time.Time
}

// Options tune the service; zero values take the defaults.
type Options struct {
	Notifier  Notifier      // nil: nobody is notified
	RateMax   int           // posts (and, separately, comments) per window per alumnus; default 10
	RateEvery time.Duration // default 10 minutes
}

// New returns the feed over st. segs may be nil (segment-targeted posts then
// reach nobody).
func New(st *store.Store, log *audit.Log, segs SegmentResolver, o Options) *Service {
	if o.RateMax <= 0 {
		o.RateMax = 10
	}
	if o.RateEvery <= 0 {
		o.RateEvery = 10 * time.Minute
	}
	s := &Service{st: st, audit: log, segs: segs, notify: o.Notifier, now: time.Now}
	s.limit = newLimiter(o.RateMax, o.RateEvery, func() time.Time { return s.now() })
	return s
}

// exec runs a write and marks the cached feed head stale.
func (s *Service) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	defer s.version.Add(1)
	return s.st.W.ExecContext(ctx, q, args...)
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

const stampLayout = "2006-01-02T15:04:05.000Z"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// Errors.
var (
	ErrNotFound     = fault.New(fault.NotFound, "feed.not_found", "投稿が見つかりません", "post not found")
	ErrNotYours     = fault.New(fault.Forbidden, "feed.not_yours", "自分の投稿だけを編集・削除できます", "you can only edit or delete your own posts")
	ErrInvalid      = fault.New(fault.Invalid, "feed.invalid", "入力内容を確認してください", "check the input")
	ErrTooManyPosts = fault.New(fault.TooMany, "feed.rate_limited", "短時間に投稿しすぎです。しばらく待ってから投稿してください", "too many posts in a short time; wait a few minutes and try again")
	ErrSpaceMissing = fault.New(fault.NotFound, "feed.space_not_found", "スペースが見つかりません", "space not found")
	ErrNotInSpace   = fault.New(fault.Forbidden, "feed.not_in_space", "このスペースに参加してから投稿してください", "join this space before posting in it")
)
