package alumni

import (
	"bytes"
	"strings"
)

// Values many alumni share (company, department, position, current employer)
// are not kept in each alumnus's text: a term is matched once against each
// distinct value, and a posting list per value names its alumni.
func valueKey(id uint32) uint64  { return 1<<62 | uint64(id) }
func companyKey(id int64) uint64 { return 1<<61 | uint64(id) }

// termMatcher knows, for one search term, which shared values contain it and
// which posting lists hold every alumnus that can match it.
type termMatcher struct {
	term      []byte
	companies []bool // by company id
	values    []bool // by interned value id
	lists     []*postingList
	size      int // alumni in lists, counting repeats
}

func (m *termMatcher) matches(text []byte, e *entry) bool {
	return bytes.Contains(text, m.term) || at(m.companies, e.company) ||
		m.values[e.dept] || m.values[e.position] || m.values[e.employer]
}

func at(set []bool, i int64) bool { return i >= 0 && i < int64(len(set)) && set[i] }

// matcherFor finds the shared values that contain term and the lists of
// alumni that can match it.
func (d *Directory) matcherFor(term []byte) *termMatcher {
	m := &termMatcher{term: term, values: make([]bool, len(d.strs.folded))}
	add := func(p *postingList) {
		if p != nil {
			m.lists = append(m.lists, p)
			m.size += int(p.n)
		}
	}
	t := string(term)
	for id, folded := range d.foldedNames {
		if strings.Contains(folded, t) {
			if id >= int64(len(m.companies)) {
				m.companies = append(m.companies, make([]bool, id+1-int64(len(m.companies)))...)
			}
			m.companies[id] = true
			add(d.text.postings[companyKey(id)])
		}
	}
	for id, folded := range d.strs.folded {
		if id != 0 && strings.Contains(folded, t) {
			m.values[id] = true
			add(d.text.postings[valueKey(uint32(id))])
		}
	}
	p, _ := d.text.candidates(term)
	add(p)
	return m
}

// match marks in hits every live slot whose alumnus matches all terms and
// returns how many it marked. It reads the lists of the term with the fewest
// candidates and checks each candidate against every term.
func (d *Directory) match(terms [][]byte, hits []bool) int {
	matchers := make([]*termMatcher, len(terms))
	var narrowest *termMatcher
	for i, term := range terms {
		m := d.matcherFor(term)
		if m.size == 0 {
			return 0 // no alumnus has this term anywhere
		}
		if narrowest == nil || m.size < narrowest.size {
			narrowest = m
		}
		matchers[i] = m
	}
	n := 0
	for _, list := range narrowest.lists {
		list.each(func(slot int32) {
			if !d.text.live[slot] || hits[slot] {
				return
			}
			text, e := d.text.text(slot), &d.entries[slot]
			for _, m := range matchers {
				if !m.matches(text, e) {
					return
				}
			}
			hits[slot] = true
			n++
		})
	}
	return n
}
