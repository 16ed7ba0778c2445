package profiles

import (
	"bytes"
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// The member directory keeps, per member, only what that member shows
// other members, folded for search (kana, width, case). A search therefore
// cannot match a hidden field: hidden text is never in the index.

// doc is one member in the directory index.
type doc struct {
	card      Card
	reading   string
	text      []byte // folded shown text, fields separated by \x00
	company   string // folded shown company
	interests []string
}

type index struct {
	svc *Service

	mu       sync.RWMutex
	loaded   bool
	seq      int64 // last alumni change seen
	docs     map[int64]*doc
	order    []*doc // by reading; nil = to be rebuilt
	loadOnce sync.Mutex
}

func newIndex(s *Service) *index { return &index{svc: s, docs: map[int64]*doc{}} }

func makeDoc(p *Profile) *doc {
	c := p.Card()
	var b strings.Builder
	for _, s := range append([]string{c.Name, c.NameReading, c.Company, c.Role, c.Industry, c.JobType, c.Bio},
		append(append(slices.Clone(c.Skills), c.Interests...), c.OpenTo...)...) {
		b.WriteString(textnorm.Fold(s))
		b.WriteByte(0)
	}
	return &doc{card: c, reading: textnorm.Fold(p.NameReading), text: []byte(b.String()),
		company: textnorm.Fold(c.Company), interests: slices.Concat(c.Interests, c.OpenTo)}
}

// refresh puts p's current card in the index.
func (x *index) refresh(p *Profile) {
	d := makeDoc(p)
	x.mu.Lock()
	x.docs[p.AlumnusID] = d
	x.order = nil
	x.mu.Unlock()
}

// sync loads the index at first use and follows alumni changes (HR edits,
// imports, deletions) through the alumni change log.
func (x *index) sync(ctx context.Context) error {
	x.loadOnce.Lock()
	defer x.loadOnce.Unlock()
	last, err := x.svc.alumni.LastChange(ctx)
	if err != nil {
		return err
	}
	x.mu.RLock()
	loaded, seq := x.loaded, x.seq
	x.mu.RUnlock()
	if loaded && last == seq {
		return nil
	}
	var ids []int64
	full := !loaded
	if loaded {
		if ids, _, err = x.svc.alumni.ChangesSince(ctx, seq); err != nil {
			return err
		}
		full = slices.Contains(ids, 0) || len(ids) > 1000
	}
	if full {
		return x.loadAll(ctx, last)
	}
	fresh := map[int64]*doc{}
	for _, id := range ids {
		if p, err := x.svc.load(ctx, id); err == nil {
			fresh[id] = makeDoc(p)
		} else {
			fresh[id] = nil
		}
	}
	x.mu.Lock()
	for id, d := range fresh {
		if d == nil {
			delete(x.docs, id)
		} else {
			x.docs[id] = d
		}
	}
	x.seq, x.order = last, nil
	x.mu.Unlock()
	return nil
}

func (x *index) loadAll(ctx context.Context, last int64) error {
	rows := map[int64]*row{}
	if err := x.svc.repo.each(ctx, func(id int64, r *row) { rows[id] = r }); err != nil {
		return err
	}
	ids := make([]int64, 0, len(rows))
	for id := range rows {
		ids = append(ids, id)
	}
	docs := make(map[int64]*doc, len(rows))
	for chunk := range slices.Chunk(ids, 500) {
		list, err := x.svc.alumni.ByIDs(ctx, chunk)
		if err != nil {
			return err
		}
		for _, a := range list {
			docs[a.ID] = makeDoc(assemble(a, rows[a.ID]))
		}
	}
	x.mu.Lock()
	x.docs, x.order, x.seq, x.loaded = docs, nil, last, true
	x.mu.Unlock()
	return nil
}

// sorted returns the docs by reading, rebuilding the order after changes.
func (x *index) sorted() []*doc {
	x.mu.RLock()
	order := x.order
	x.mu.RUnlock()
	if order != nil {
		return order
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.order == nil {
		order := make([]*doc, 0, len(x.docs))
		for _, d := range x.docs {
			order = append(order, d)
		}
		slices.SortFunc(order, func(a, b *doc) int {
			return cmp.Or(strings.Compare(a.reading, b.reading), cmp.Compare(a.card.AlumnusID, b.card.AlumnusID))
		})
		x.order = order
	}
	return x.order
}

// DirectoryQuery filters the member directory. Every filter applies only to
// what members show.
type DirectoryQuery struct {
	Text         string // space-separated terms; each must appear in a shown field
	Company      string // substring of the shown company
	Industry     string // exact
	JobType      string // exact
	Interest     string // one interest or "open to" key
	JoinYearFrom int
	JoinYearTo   int
	Offset       int
	Limit        int
}

// DirectoryPage is one page of the member directory.
type DirectoryPage struct {
	Total  int    `json:"total"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
	Items  []Card `json:"items"`
}

// MaxDirectoryPage bounds DirectoryQuery.Limit.
const MaxDirectoryPage = 100

// Directory searches other members by what they show; viewer is left out.
func (s *Service) Directory(ctx context.Context, viewer int64, q DirectoryQuery) (DirectoryPage, error) {
	if err := s.idx.sync(ctx); err != nil {
		return DirectoryPage{}, err
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	q.Limit, q.Offset = min(q.Limit, MaxDirectoryPage), max(q.Offset, 0)
	var terms [][]byte
	for _, t := range strings.Fields(textnorm.Fold(q.Text)) {
		terms = append(terms, []byte(t))
	}
	company := textnorm.Fold(strings.TrimSpace(q.Company))
	page := DirectoryPage{Offset: q.Offset, Limit: q.Limit, Items: []Card{}}
	for _, d := range s.idx.sorted() {
		c := &d.card
		if c.AlumnusID == viewer ||
			(company != "" && !strings.Contains(d.company, company)) ||
			(q.Industry != "" && c.Industry != q.Industry) ||
			(q.JobType != "" && c.JobType != q.JobType) ||
			(q.Interest != "" && !slices.Contains(d.interests, q.Interest)) ||
			(q.JoinYearFrom != 0 && (c.JoinYear == 0 || c.JoinYear < q.JoinYearFrom)) ||
			(q.JoinYearTo != 0 && (c.JoinYear == 0 || c.JoinYear > q.JoinYearTo)) {
			continue
		}
		if !containsAll(d.text, terms) {
			continue
		}
		if page.Total >= q.Offset && len(page.Items) < q.Limit {
			page.Items = append(page.Items, *c)
		}
		page.Total++
	}
	return page, nil
}

func containsAll(text []byte, terms [][]byte) bool {
	for _, t := range terms {
		if !bytes.Contains(text, t) {
			return false
		}
	}
	return true
}
