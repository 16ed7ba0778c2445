package alumni

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// textIndex is an in-memory substring index for Japanese text. Every record's
// folded search text is kept in one byte buffer, and for every character and
// every pair of adjacent characters a compact posting list names the records
// that contain it. A search term of one character reads that character's
// list; a longer term reads the shortest list among its character pairs and
// checks each candidate's text. So two-character words (surnames, 営業), which
// SQLite's trigram tokenizer never finds, are found as fast as long ones.
//
// Records are addressed by slot. Changing a record appends a new slot and
// retires the old one; the owner rebuilds the index when too many are retired.
type textIndex struct {
	buf      []byte  // folded text of every slot, each terminated by fieldSep
	starts   []int32 // starts[slot] = offset of the slot's text in buf
	live     []bool  // live[slot] reports whether the slot is current
	dead     int
	postings map[uint64]*postingList
}

// fieldSep ends each field of a record's search text; no gram spans it.
const fieldSep = 1

// postingList is an ascending list of slots, delta-encoded as uvarints.
type postingList struct {
	data []byte
	last int32
	n    int32
}

func (p *postingList) add(slot int32) {
	if p.n > 0 && p.last == slot {
		return
	}
	p.data = binary.AppendUvarint(p.data, uint64(slot-p.last))
	p.last = slot
	p.n++
}

func (p *postingList) each(fn func(slot int32)) {
	var slot int32
	for data := p.data; len(data) > 0; {
		d, n := binary.Uvarint(data)
		data = data[n:]
		slot += int32(d)
		fn(slot)
	}
}

// pack moves every posting list into one exactly sized block, dropping the
// spare capacity that growing them left behind (about a third of the index).
func (t *textIndex) pack() {
	total := 0
	for _, p := range t.postings {
		total += len(p.data)
	}
	block := make([]byte, 0, total)
	for _, p := range t.postings {
		start := len(block)
		block = append(block, p.data...)
		p.data = block[start:len(block):len(block)]
	}
	t.buf = slices.Clone(t.buf)
}

func unigramKey(r rune) uint64   { return uint64(r) }
func bigramKey(a, b rune) uint64 { return 1<<63 | uint64(a)<<21 | uint64(b) }

// add appends a slot for text (already folded; fields ended by fieldSep).
func (t *textIndex) add(text string) int32 {
	if t.postings == nil {
		t.postings = map[uint64]*postingList{}
	}
	slot := int32(len(t.starts))
	t.starts = append(t.starts, int32(len(t.buf)))
	t.buf = append(t.buf, text...)
	t.live = append(t.live, true)
	prev := rune(fieldSep)
	for _, r := range text {
		if r != fieldSep {
			t.list(unigramKey(r)).add(slot)
			if prev != fieldSep {
				t.list(bigramKey(prev, r)).add(slot)
			}
		}
		prev = r
	}
	return slot
}

func (t *textIndex) list(key uint64) *postingList {
	p := t.postings[key]
	if p == nil {
		p = &postingList{}
		t.postings[key] = p
	}
	return p
}

// retire marks slot as no longer current.
func (t *textIndex) retire(slot int32) {
	if t.live[slot] {
		t.live[slot] = false
		t.dead++
	}
}

// text returns the folded text of slot.
func (t *textIndex) text(slot int32) []byte {
	end := len(t.buf)
	if int(slot)+1 < len(t.starts) {
		end = int(t.starts[slot+1])
	}
	return t.buf[t.starts[slot]:end]
}

// candidates returns the posting list that narrows term the most, and
// whether that list alone answers the term exactly (terms of one or two
// characters). nil means no slot can contain the term.
func (t *textIndex) candidates(term []byte) (*postingList, bool) {
	first, size := utf8.DecodeRune(term)
	if size == len(term) {
		return t.postings[unigramKey(first)], true
	}
	var best *postingList
	prev := first
	for _, r := range string(term[size:]) {
		p := t.postings[bigramKey(prev, r)]
		if p == nil {
			return nil, false
		}
		if best == nil || p.n < best.n {
			best = p
		}
		prev = r
	}
	return best, utf8.RuneCount(term) == 2
}

// queryTerms splits a search string on spaces and folds each term.
func queryTerms(q string) [][]byte {
	var out [][]byte
	for _, f := range strings.Fields(q) {
		f = strings.Map(func(r rune) rune {
			if r < ' ' {
				return -1
			}
			return r
		}, f)
		if t := textnorm.Fold(f); t != "" {
			out = append(out, []byte(t))
		}
	}
	return out
}
