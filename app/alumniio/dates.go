package alumniio

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// eras are the Japanese eras HR files use, with the Western year before each
// era's first year (平成1年 = 1989).
var eras = []struct {
	prefix string
	offset int
}{
	{"令和", 2018}, {"平成", 1988}, {"昭和", 1925}, {"大正", 1911},
	{"R", 2018}, {"H", 1988}, {"S", 1925}, {"T", 1911},
	{"r", 2018}, {"h", 1988}, {"s", 1925}, {"t", 1911},
}

// serials says whether date cells may be Excel serial day numbers, and
// from which epoch.
type serials int

const (
	noSerials   serials = iota // text files
	serials1900                // .xlsx, the usual date system
	serials1904                // .xlsx saved with the 1904 date system (old Mac Excel)
)

// parseDate turns the ways Japanese HR files write a date into YYYY-MM-DD:
// 2015/04/01, 2015-4-1, 2015.4.1, 2015年4月1日, 20150401, 平成27年4月1日,
// H27.4.1, 令和元年5月1日, with an optional time or weekday after it; from
// .xlsx cells also Excel serial day numbers. An empty value is
// no date; ok is false for anything else, impossible dates included.
func parseDate(s string, serial serials) (date string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if serial != noSerials {
		if v, err := strconv.ParseFloat(s, 64); err == nil && v < 1e6 {
			return excelSerial(v, serial == serials1904)
		}
	}
	if !isASCII(s) {
		if strings.IndexByte(s, 0xEF) >= 0 || strings.Contains(s, "\u3000") {
			s = width.Fold.String(s) // full-width digits, letters and separators
		}
		s = strings.ReplaceAll(s, "元年", "1年")
	}
	if i := strings.IndexAny(s, " T("); i > 0 {
		s = s[:i] // time of day or weekday
	}
	offset := 0
	for _, e := range eras {
		if strings.HasPrefix(s, e.prefix) {
			offset, s = e.offset, s[len(e.prefix):]
			break
		}
	}
	var parts [3]int
	var digits [3]int
	n := 0
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || n == 3 {
			return "", false
		}
		v, err := strconv.Atoi(s[i:j])
		if err != nil {
			return "", false
		}
		parts[n], digits[n] = v, j-i
		n++
		i = skipSeparator(s, j)
		if i < 0 {
			return "", false
		}
	}
	var y, m, d int
	switch {
	case n == 3:
		y, m, d = parts[0], parts[1], parts[2]
		if offset > 0 {
			y += offset
		} else if digits[0] != 4 {
			return "", false // two-digit years are ambiguous
		}
	case n == 1 && offset == 0 && digits[0] == 8:
		y, m, d = parts[0]/10000, parts[0]/100%100, parts[0]%100
	default:
		return "", false
	}
	return formatDate(y, m, d)
}

// skipSeparator returns the index after the separator at s[i:] ("/", "-",
// ".", 年, 月, 日), len(s) at the end, or -1 when something else follows.
func skipSeparator(s string, i int) int {
	if i == len(s) {
		return i
	}
	switch s[i] {
	case '/', '-', '.':
		return i + 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '年', '月', '日':
		return i + size
	}
	return -1
}

func formatDate(y, m, d int) (string, bool) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 2015/02/30 rolled over
		return "", false
	}
	var b [10]byte
	out := strconv.AppendInt(b[:0], int64(y), 10)
	out = append(out, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
	return string(out), true
}

func excelSerial(v float64, date1904 bool) (string, bool) {
	if v < 1 {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return "", false
	}
	return formatDate(t.Year(), int(t.Month()), t.Day())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
