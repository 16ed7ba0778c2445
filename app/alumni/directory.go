package alumni

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// ChangeSource is what the Directory needs from storage. ChangesSince may
// list id 0 (BulkChange): too much changed to follow record by record.
type ChangeSource interface {
	Each(ctx context.Context, fn func(*Alumnus) error) error
	ByIDs(ctx context.Context, ids []int64) ([]*Alumnus, error)
	ChangesSince(ctx context.Context, seq int64) (ids []int64, last int64, err error)
	LastChange(ctx context.Context) (int64, error)
}

// CompanyNames returns the names of the companies by id.
type CompanyNames func(ctx context.Context) (map[int64]string, error)

// Query selects and orders alumni for a list or search.
type Query struct {
	Text       string   // space-separated terms; each must appear somewhere
	CompanyID  int64    // 0 = any
	Department string   // exact value
	Industry   string   // exact value
	JobType    string   // exact value
	Tags       []string // every tag must be present
	// Any-of sets (saved segments): an alumnus matches a non-empty set when
	// it has at least one of its values.
	CompanyIDs    []int64
	Departments   []string
	Industries    []string
	JobTypes      []string
	Interests     []string
	AnyTags       []string
	JoinYearFrom  int    // inclusive, 0 = open
	JoinYearTo    int    // inclusive, 0 = open
	LeaveYearFrom int    // inclusive, 0 = open
	LeaveYearTo   int    // inclusive, 0 = open
	Sort          string // one of Sorts; "" = reading
	Offset, Limit int
}

// Sorts lists the accepted Query.Sort values.
var Sorts = []string{"reading", "-reading", "join_date", "-join_date", "leave_date", "-leave_date",
	"employee_number", "-employee_number", "updated_at", "-updated_at", "company", "-company",
	"department", "-department", "job_type", "-job_type"}

// Page is one page of a directory query: the total number of matches and the
// ids on this page in order.
type Page struct {
	Total int
	IDs   []int64
}

// Facets are the distinct values HR can filter on, with how many alumni have each.
type Facets struct {
	Departments []Facet `json:"departments"`
	Industries  []Facet `json:"industries"`
	JobTypes    []Facet `json:"job_types"`
	Tags        []Facet `json:"tags"`
	Interests   []Facet `json:"interests"`
}

// Facet is one filter value and its count.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// entry holds what the directory filters and sorts on for one alumnus.
type entry struct {
	id       int64
	company  int64
	number   string
	join     int32 // yyyymmdd, 0 = unknown
	leave    int32
	updated  int64
	dept     uint32 // interned
	industry uint32
	jobType  uint32
	position uint32
	employer uint32
	tagSet   uint32 // interned combination of tags, see Directory.tagSets
	interest uint32 // interned combination of interests (same table)
}

// Directory answers list and search queries from memory. It follows writes
// made by any process through the alumni change log, so a CLI import is seen
// by the running app on its next query.
type Directory struct {
	src       ChangeSource
	companies CompanyNames

	mu          sync.RWMutex
	loaded      bool
	lastSeq     int64
	text        textIndex
	entries     []entry   // by slot
	slotOf      slotTable // alumnus id -> current slot
	tagSets     tagSets
	strs        interner
	ordersMu    sync.Mutex         // guards orders, filled lazily under the read lock
	orders      map[string][]int32 // cached slot orders per sort key
	foldedNames map[int64]string   // company names, folded for search
}

// NewDirectory returns a Directory over src; it loads on first use.
func NewDirectory(src ChangeSource, companies CompanyNames) *Directory {
	return &Directory{src: src, companies: companies}
}

// Load (re)reads every alumnus. It is called on first use, and may be called
// at start to warm the directory up.
func (d *Directory) Load(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.loadLocked(ctx)
}

func (d *Directory) loadLocked(ctx context.Context) error {
	seq, err := d.src.LastChange(ctx)
	if err != nil {
		return fmt.Errorf("directory: %w", err)
	}
	names, err := d.companies(ctx)
	if err != nil {
		return fmt.Errorf("directory: %w", err)
	}
	d.foldedNames = make(map[int64]string, len(names))
	for id, n := range names {
		d.foldedNames[id] = textnorm.Fold(n)
	}
	d.text = textIndex{}
	d.entries = d.entries[:0]
	d.slotOf = slotTable{}
	d.tagSets = tagSets{}
	d.strs = interner{}
	d.orders = nil
	err = d.src.Each(ctx, func(a *Alumnus) error {
		d.putLocked(a)
		return nil
	})
	if err != nil {
		return fmt.Errorf("directory: %w", err)
	}
	d.text.pack()
	d.lastSeq = seq
	d.loaded = true
	return nil
}

// Invalidate makes the next query reload everything (after a company is
// renamed or the database is restored).
func (d *Directory) Invalidate() {
	d.mu.Lock()
	d.loaded = false
	d.mu.Unlock()
}

// BulkChange is the alumnus id the change log gives a bulk write of more
// than fullReloadAbove records: readers reload everything.
const BulkChange = 0

// fullReloadAbove is the number of changed records above which catching up
// reloads everything rather than record by record.
const fullReloadAbove = 2000

// catchUp applies changes made since the directory last looked.
func (d *Directory) catchUp(ctx context.Context) error {
	d.mu.RLock()
	loaded, last := d.loaded, d.lastSeq
	d.mu.RUnlock()
	if loaded {
		seq, err := d.src.LastChange(ctx)
		if err != nil {
			return fmt.Errorf("directory: %w", err)
		}
		if seq == last {
			return nil
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.loaded {
		return d.loadLocked(ctx)
	}
	if current, err := d.src.LastChange(ctx); err != nil || current < d.lastSeq {
		// The change log went backwards: the database was restored.
		return d.loadLocked(ctx)
	}
	ids, seq, err := d.src.ChangesSince(ctx, d.lastSeq)
	if err != nil {
		return fmt.Errorf("directory: %w", err)
	}
	if len(ids) > fullReloadAbove || slices.Contains(ids, BulkChange) {
		return d.loadLocked(ctx)
	}
	records, err := d.src.ByIDs(ctx, ids)
	if err != nil {
		return fmt.Errorf("directory: %w", err)
	}
	for _, id := range ids {
		if slot, ok := d.slotOf.get(id); ok {
			d.text.retire(slot)
			d.slotOf.del(id)
		}
	}
	for _, a := range records {
		d.putLocked(a)
	}
	d.lastSeq = seq
	d.orders = nil
	if d.text.dead > len(d.entries)/4+1000 {
		return d.loadLocked(ctx)
	}
	return nil
}

func (d *Directory) putLocked(a *Alumnus) {
	var hay strings.Builder
	// Values many alumni share (company, department, position, current
	// employer) are matched once per distinct value (see matcherFor), not
	// stored per alumnus; industry, job type and tags are filters.
	// The first two fields (reading, name) are also the sort key by reading,
	// and the last (employee number) the key by number: see directory_order.go.
	for _, f := range [...]string{a.NameReading, a.Name, strings.Join(a.Skills, "\x01"), a.Email,
		strings.Join(a.OtherEmails, "\x01"), a.EmployeeNumber} {
		hay.WriteString(textnorm.Fold(f))
		hay.WriteByte(fieldSep)
	}
	slot := d.text.add(hay.String())
	e := entry{
		id:       a.ID,
		company:  a.CompanyID,
		join:     dateKey(a.JoinDate),
		leave:    dateKey(a.LeaveDate),
		updated:  a.UpdatedAt.UnixMilli(),
		dept:     d.strs.id(a.Department),
		position: d.strs.id(a.Position),
		employer: d.strs.id(a.CurrentEmployer),
		industry: d.strs.id(a.Industry),
		jobType:  d.strs.id(a.JobType),
	}
	tags := d.strs.idsOf(a.Tags)
	e.tagSet = d.tagSets.id(tags)
	e.interest = d.tagSets.id(d.strs.idsOf(a.Interests))
	for _, v := range []uint32{e.dept, e.position, e.employer} {
		if v != 0 {
			d.text.list(valueKey(v)).add(slot)
		}
	}
	d.text.list(companyKey(e.company)).add(slot)
	d.entries = append(d.entries, e)
	d.slotOf.set(a.ID, slot)
}

func dateKey(s string) int32 {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return 0
	}
	return int32(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// Search returns one page of the alumni that match q.
func (d *Directory) Search(ctx context.Context, q Query) (Page, error) {
	if err := d.catchUp(ctx); err != nil {
		return Page{}, err
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	filter, ok := d.compileFilter(q)
	if !ok {
		return Page{IDs: []int64{}}, nil
	}
	var hits []bool
	if terms := queryTerms(q.Text); len(terms) > 0 {
		hits = make([]bool, len(d.entries))
		if d.match(terms, hits) == 0 {
			return Page{IDs: []int64{}}, nil
		}
	}
	order := d.orderLocked(q.Sort)
	page := Page{IDs: make([]int64, 0, min(q.Limit, 200))}
	for _, slot := range order {
		if (hits != nil && !hits[slot]) || !d.text.live[slot] {
			continue
		}
		e := &d.entries[slot]
		if !filter(e) {
			continue
		}
		if page.Total >= q.Offset && len(page.IDs) < q.Limit {
			page.IDs = append(page.IDs, e.id)
		}
		page.Total++
	}
	return page, nil
}

// compileFilter turns the structured part of q into a predicate. ok is false
// when a filter names a value no alumnus has.
func (d *Directory) compileFilter(q Query) (func(*entry) bool, bool) {
	var checks []func(*entry) bool
	if q.CompanyID != 0 {
		checks = append(checks, func(e *entry) bool { return e.company == q.CompanyID })
	}
	for _, f := range []struct {
		value string
		field func(*entry) uint32
	}{
		{q.Department, func(e *entry) uint32 { return e.dept }},
		{q.Industry, func(e *entry) uint32 { return e.industry }},
		{q.JobType, func(e *entry) uint32 { return e.jobType }},
	} {
		if f.value == "" {
			continue
		}
		id, known := d.strs.lookup(f.value)
		if !known {
			return nil, false
		}
		field := f.field
		checks = append(checks, func(e *entry) bool { return field(e) == id })
	}
	for _, tag := range q.Tags {
		id, known := d.strs.lookup(tag)
		if !known {
			return nil, false
		}
		checks = append(checks, func(e *entry) bool { return slices.Contains(d.tagSets.tags(e.tagSet), id) })
	}
	checks, ok := d.anyOfChecks(q, checks)
	if !ok {
		return nil, false
	}
	if q.JoinYearFrom != 0 || q.JoinYearTo != 0 {
		lo, hi := yearRange(q.JoinYearFrom, q.JoinYearTo)
		checks = append(checks, func(e *entry) bool { return e.join >= lo && e.join <= hi })
	}
	if q.LeaveYearFrom != 0 || q.LeaveYearTo != 0 {
		lo, hi := yearRange(q.LeaveYearFrom, q.LeaveYearTo)
		checks = append(checks, func(e *entry) bool { return e.leave >= lo && e.leave <= hi })
	}
	return func(e *entry) bool {
		for _, c := range checks {
			if !c(e) {
				return false
			}
		}
		return true
	}, true
}

func yearRange(from, to int) (int32, int32) {
	lo, hi := int32(1), int32(99991231)
	if from != 0 {
		lo = int32(from * 10000)
	}
	if to != 0 {
		hi = int32(to*10000 + 1231)
	}
	return lo, hi
}

// Facets returns the filter values in use, most common first.
func (d *Directory) Facets(ctx context.Context) (Facets, error) {
	if err := d.catchUp(ctx); err != nil {
		return Facets{}, err
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	depts, inds, jobs, tags, ints := map[uint32]int{}, map[uint32]int{}, map[uint32]int{}, map[uint32]int{}, map[uint32]int{}
	d.slotOf.each(func(slot int32) {
		e := &d.entries[slot]
		depts[e.dept]++
		inds[e.industry]++
		jobs[e.jobType]++
		for _, t := range d.tagSets.tags(e.tagSet) {
			tags[t]++
		}
		for _, t := range d.tagSets.tags(e.interest) {
			ints[t]++
		}
	})
	return Facets{
		Departments: d.strs.facets(depts),
		Industries:  d.strs.facets(inds),
		JobTypes:    d.strs.facets(jobs),
		Tags:        d.strs.facets(tags),
		Interests:   d.strs.facets(ints),
	}, nil
}
