package alumni

import (
	"context"
	"slices"
)

// idsOf interns each value of list.
func (in *interner) idsOf(list []string) []uint32 {
	out := make([]uint32, len(list))
	for i, v := range list {
		out[i] = in.id(v)
	}
	return out
}

// anyOfChecks adds the any-of sets of q to checks. ok is false when a set
// names only values no alumnus has, so nothing can match.
func (d *Directory) anyOfChecks(q Query, checks []func(*entry) bool) ([]func(*entry) bool, bool) {
	if len(q.CompanyIDs) > 0 {
		set := map[int64]bool{}
		for _, id := range q.CompanyIDs {
			set[id] = true
		}
		checks = append(checks, func(e *entry) bool { return set[e.company] })
	}
	one := func(field func(*entry) uint32) func(*entry, map[uint32]bool) bool {
		return func(e *entry, set map[uint32]bool) bool { return set[field(e)] }
	}
	some := func(field func(*entry) uint32) func(*entry, map[uint32]bool) bool {
		return func(e *entry, set map[uint32]bool) bool {
			return slices.ContainsFunc(d.tagSets.tags(field(e)), func(v uint32) bool { return set[v] })
		}
	}
	for _, f := range []struct {
		values []string
		has    func(*entry, map[uint32]bool) bool
	}{
		{q.Departments, one(func(e *entry) uint32 { return e.dept })},
		{q.Industries, one(func(e *entry) uint32 { return e.industry })},
		{q.JobTypes, one(func(e *entry) uint32 { return e.jobType })},
		{q.AnyTags, some(func(e *entry) uint32 { return e.tagSet })},
		{q.Interests, some(func(e *entry) uint32 { return e.interest })},
	} {
		if len(f.values) == 0 {
			continue
		}
		set := d.knownSet(f.values)
		if len(set) == 0 {
			return nil, false
		}
		has := f.has
		checks = append(checks, func(e *entry) bool { return has(e, set) })
	}
	return checks, true
}

// knownSet returns the interned ids of the values some alumnus has.
func (d *Directory) knownSet(values []string) map[uint32]bool {
	set := map[uint32]bool{}
	for _, v := range values {
		if id, ok := d.strs.lookup(v); ok && id != 0 {
			set[id] = true
		}
	}
	return set
}

// MatchIDs returns the ids of every alumnus matching q (Sort, Offset and
// Limit are ignored), in no particular order. Saved segments resolve their
// audience with it.
func (d *Directory) MatchIDs(ctx context.Context, q Query) ([]int64, error) {
	if err := d.catchUp(ctx); err != nil {
		return nil, err
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	filter, ok := d.compileFilter(q)
	if !ok {
		return []int64{}, nil
	}
	var hits []bool
	if terms := queryTerms(q.Text); len(terms) > 0 {
		hits = make([]bool, len(d.entries))
		if d.match(terms, hits) == 0 {
			return []int64{}, nil
		}
	}
	out := make([]int64, 0, 1024)
	d.slotOf.each(func(slot int32) {
		if hits != nil && !hits[slot] {
			return
		}
		if e := &d.entries[slot]; filter(e) {
			out = append(out, e.id)
		}
	})
	return out, nil
}
