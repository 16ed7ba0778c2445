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
	num       int32 // position in index.all
	rank      int32 // position in the reading order (see sorted)
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
	// all holds every doc ever added since the last full load, by number;
	// post maps each unigram and bigram of a doc's shown text to doc numbers.
	// A replaced doc stays in the lists: live tells it apart.
	all  []*doc
	post map[uint64][]int32
}

func newIndex(s *Service) *index {
	return &index{svc: s, docs: map[int64]*doc{}, post: map[uint64][]int32{}}
}

func unigram(r rune) uint64   { return uint64(r) }
func bigram(a, b rune) uint64 { return 1<<63 | uint64(a)<<21 | uint64(b) }

// keys returns the distinct unigrams and bigrams of folded text; fields are
// separated by \x00 and no bigram spans two fields.
func keys(text []byte) []uint64 {
	seen := map[uint64]struct{}{}
	prev := rune(0)
	for _, r := range string(text) {
		if r != 0 {
			seen[unigram(r)] = struct{}{}
			if prev != 0 {
				seen[bigram(prev, r)] = struct{}{}
			}
		}
		prev = r
	}
	out := make([]uint64, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	return out
}

// termKeys are the keys every doc containing term has.
func termKeys(term []byte) []uint64 {
	runes := []rune(string(term))
	if len(runes) == 1 {
		return []uint64{unigram(runes[0])}
	}
	out := make([]uint64, 0, len(runes)-1)
	for i := 1; i < len(runes); i++ {
		out = append(out, bigram(runes[i-1], runes[i]))
	}
	return out
}

// addLocked puts d in the docs and the posting lists; x.mu is held.
func (x *index) addLocked(d *doc) {
	d.num = int32(len(x.all))
	x.all = append(x.all, d)
	for _, k := range keys(d.text) {
		x.post[k] = append(x.post[k], d.num)
	}
	x.docs[d.card.AlumnusID] = d
	x.order = nil
}

func (x *index) live(d *doc) bool { return x.docs[d.card.AlumnusID] == d }

// candidates returns the doc numbers that may contain every term: the
// shortest posting list among the terms' keys (nil, true when none can).
func (x *index) candidates(terms [][]byte) (list []int32, none bool) {
	first := true
	for _, t := range terms {
		for _, k := range termKeys(t) {
			l, ok := x.post[k]
			if !ok {
				return nil, true
			}
			if first || len(l) < len(list) {
				list, first = l, false
			}
		}
	}
	return list, false
}

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
	x.addLocked(d)
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
			x.addLocked(d)
		}
	}
	x.seq, x.order = last, nil
	x.mu.Unlock()
	return nil
}

// reset makes the next search reload every member (HR changed what
// profiles may show).
func (x *index) reset() {
	x.loadOnce.Lock()
	defer x.loadOnce.Unlock()
	x.mu.Lock()
	x.loaded = false
	x.mu.Unlock()
}

func (x *index) loadAll(ctx context.Context, last int64) error {
	hidden, err := x.svc.hrHidden(ctx)
	if err != nil {
		return err
	}
	rows := map[int64]*row{}
	if err := x.svc.repo.each(ctx, func(id int64, r *row) { rows[id] = r }); err != nil {
		return err
	}
	ids := make([]int64, 0, len(rows))
	for id := range rows {
		ids = append(ids, id)
	}
	fresh := &index{docs: make(map[int64]*doc, len(rows)), post: map[uint64][]int32{}}
	for chunk := range slices.Chunk(ids, 500) {
		list, err := x.svc.alumni.ByIDs(ctx, chunk)
		if err != nil {
			return err
		}
		for _, a := range list {
			fresh.addLocked(makeDoc(assemble(a, rows[a.ID], hidden)))
		}
	}
	x.mu.Lock()
	x.docs, x.all, x.post, x.order, x.seq, x.loaded = fresh.docs, fresh.all, fresh.post, nil, last, true
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
		for i, d := range order {
			d.rank = int32(i)
		}
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
	keep := func(d *doc) bool {
		c := &d.card
		return c.AlumnusID != viewer &&
			(company == "" || strings.Contains(d.company, company)) &&
			(q.Industry == "" || c.Industry == q.Industry) &&
			(q.JobType == "" || c.JobType == q.JobType) &&
			(q.Interest == "" || slices.Contains(d.interests, q.Interest)) &&
			(q.JoinYearFrom == 0 || (c.JoinYear != 0 && c.JoinYear >= q.JoinYearFrom)) &&
			(q.JoinYearTo == 0 || (c.JoinYear != 0 && c.JoinYear <= q.JoinYearTo)) &&
			containsAll(d.text, terms)
	}
	order := s.idx.sorted()
	var matched []*doc
	if len(terms) == 0 && company == "" && q.Industry == "" && q.JobType == "" && q.Interest == "" && q.JoinYearFrom == 0 && q.JoinYearTo == 0 {
		return browse(order, viewer, q), nil
	}
	if len(terms) == 0 {
		// Filters: walk the reading order.
		page := DirectoryPage{Offset: q.Offset, Limit: q.Limit, Items: []Card{}}
		for _, d := range order {
			if keep(d) {
				if page.Total >= q.Offset && len(page.Items) < q.Limit {
					page.Items = append(page.Items, d.card)
				}
				page.Total++
			}
		}
		return page, nil
	}
	s.idx.mu.RLock()
	list, none := s.idx.candidates(terms)
	if !none {
		for _, n := range list {
			if d := s.idx.all[n]; s.idx.live(d) && keep(d) {
				matched = append(matched, d)
			}
		}
	}
	slices.SortFunc(matched, func(a, b *doc) int { return cmp.Compare(a.rank, b.rank) }) // ranks are written under the write lock
	s.idx.mu.RUnlock()
	page := DirectoryPage{Total: len(matched), Offset: q.Offset, Limit: q.Limit, Items: []Card{}}
	for _, d := range matched[min(q.Offset, len(matched)):min(q.Offset+q.Limit, len(matched))] {
		page.Items = append(page.Items, d.card)
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

// browse pages through every member but the viewer, in reading order.
func browse(order []*doc, viewer int64, q DirectoryQuery) DirectoryPage {
	skip := -1 // the viewer's position in order
	for i, d := range order {
		if d.card.AlumnusID == viewer {
			skip = i
			break
		}
	}
	total := len(order)
	if skip >= 0 {
		total--
	}
	page := DirectoryPage{Total: total, Offset: q.Offset, Limit: q.Limit, Items: []Card{}}
	for i := q.Offset; i < total && len(page.Items) < q.Limit; i++ {
		j := i
		if skip >= 0 && i >= skip {
			j++
		}
		page.Items = append(page.Items, order[j].card)
	}
	return page
}
