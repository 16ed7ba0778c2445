package alumni

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// orderLocked returns the live slots sorted by key (one of Sorts), caching
// the result until the next change. The caller holds d.mu (read or write).
func (d *Directory) orderLocked(key string) []int32 {
	if key == "" {
		key = "reading"
	}
	d.ordersMu.Lock()
	defer d.ordersMu.Unlock()
	if o, ok := d.orders[key]; ok {
		return o
	}
	desc := strings.HasPrefix(key, "-")
	by := d.comparator(strings.TrimPrefix(key, "-"))
	order := make([]int32, 0, d.slotOf.n)
	d.slotOf.each(func(slot int32) { order = append(order, slot) })
	slices.SortFunc(order, func(a, b int32) int {
		c := by(a, b)
		if desc {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(d.entries[a].id, d.entries[b].id)
		}
		return c
	})
	if d.orders == nil {
		d.orders = map[string][]int32{}
	}
	d.orders[key] = order
	return order
}

func (d *Directory) comparator(field string) func(a, b int32) int {
	by := func(key func(e *entry) int64) func(a, b int32) int {
		return func(a, b int32) int { return cmp.Compare(key(&d.entries[a]), key(&d.entries[b])) }
	}
	byText := func(key func(slot int32) string) func(a, b int32) int {
		return func(a, b int32) int { return strings.Compare(key(a), key(b)) }
	}
	switch field {
	case "join_date":
		return by(func(e *entry) int64 { return int64(e.join) })
	case "leave_date":
		return by(func(e *entry) int64 { return int64(e.leave) })
	case "updated_at":
		return by(func(e *entry) int64 { return e.updated })
	case "employee_number":
		return func(a, b int32) int { return compareNatural(d.numberKey(a), d.numberKey(b)) }
	case "company":
		return byText(func(s int32) string { return d.foldedNames[d.entries[s].company] })
	case "department":
		return byText(func(s int32) string { return d.strs.folded[d.entries[s].dept] })
	case "job_type":
		return byText(func(s int32) string { return d.strs.folded[d.entries[s].jobType] })
	default:
		return func(a, b int32) int { return bytes.Compare(d.readingKey(a), d.readingKey(b)) }
	}
}

// readingKey is the slot's folded reading and name (its first two fields).
func (d *Directory) readingKey(slot int32) []byte {
	t := d.text.text(slot)
	first := bytes.IndexByte(t, fieldSep)
	second := bytes.IndexByte(t[first+1:], fieldSep)
	return t[:first+1+second]
}

// numberKey is the slot's folded employee number (its last field).
func (d *Directory) numberKey(slot int32) []byte {
	t := d.text.text(slot)
	t = t[:len(t)-1]
	return t[bytes.LastIndexByte(t, fieldSep)+1:]
}

// compareNatural orders employee numbers so that "E2" comes before "E10".
func compareNatural(a, b []byte) int {
	if len(a) != len(b) {
		return cmp.Compare(len(a), len(b))
	}
	return bytes.Compare(a, b)
}

// interner gives each distinct filter value a small number; 0 is "".
type interner struct {
	ids    map[string]uint32
	values []string
	folded []string // textnorm.Fold of each value, for search
}

func (in *interner) id(s string) uint32 {
	if s == "" {
		return 0
	}
	if in.ids == nil {
		in.ids = map[string]uint32{}
		in.values = []string{""}
		in.folded = []string{""}
	}
	if id, ok := in.ids[s]; ok {
		return id
	}
	id := uint32(len(in.values))
	in.ids[s] = id
	in.values = append(in.values, s)
	in.folded = append(in.folded, textnorm.Fold(s))
	return id
}

func (in *interner) lookup(s string) (uint32, bool) {
	id, ok := in.ids[s]
	return id, ok
}

func (in *interner) facets(counts map[uint32]int) []Facet {
	out := make([]Facet, 0, len(counts))
	for id, n := range counts {
		if id != 0 {
			out = append(out, Facet{Value: in.values[id], Count: n})
		}
	}
	slices.SortFunc(out, func(a, b Facet) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}

// slotTable maps alumnus ids, which are small dense integers, to slots.
type slotTable struct {
	slots []int32 // slots[id] = slot+1; 0 = no such alumnus
	n     int
}

func (t *slotTable) get(id int64) (int32, bool) {
	if id < 0 || id >= int64(len(t.slots)) || t.slots[id] == 0 {
		return 0, false
	}
	return t.slots[id] - 1, true
}

func (t *slotTable) set(id int64, slot int32) {
	if id >= int64(len(t.slots)) {
		t.slots = slices.Grow(t.slots, int(id)+1-len(t.slots))[:id+1]
	}
	if t.slots[id] == 0 {
		t.n++
	}
	t.slots[id] = slot + 1
}

func (t *slotTable) del(id int64) {
	if _, ok := t.get(id); ok {
		t.slots[id] = 0
		t.n--
	}
}

// each calls fn with every current slot, in alumnus id order.
func (t *slotTable) each(fn func(slot int32)) {
	for _, s := range t.slots {
		if s != 0 {
			fn(s - 1)
		}
	}
}

// tagSets interns combinations of tags: most alumni share a few.
type tagSets struct {
	ids  map[string]uint32
	sets [][]uint32
}

func (t *tagSets) id(tags []uint32) uint32 {
	if t.ids == nil {
		t.ids = map[string]uint32{"": 0}
		t.sets = [][]uint32{nil}
	}
	var key strings.Builder
	for _, tag := range tags {
		key.WriteString(strconv.FormatUint(uint64(tag), 36))
		key.WriteByte(',')
	}
	if id, ok := t.ids[key.String()]; ok {
		return id
	}
	id := uint32(len(t.sets))
	t.ids[key.String()] = id
	t.sets = append(t.sets, tags)
	return id
}

func (t *tagSets) tags(id uint32) []uint32 { return t.sets[id] }
