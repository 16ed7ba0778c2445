package alumniio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Formats named in Report.Format.
const (
	FormatCSV  = "csv"
	FormatTSV  = "tsv"
	FormatXLSX = "xlsx"
)

// rowSource yields a file's rows with their physical line numbers; io.EOF
// ends it. The returned slice may be reused by the next call; its strings
// may be kept.
type rowSource interface {
	next() (line int, fields []string, err error)
	encoding() string // the file's encoding, final once every row is read
	close() error
}

var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, or an encrypted .xlsx
)

// openSource recognises the file's format and encoding and opens its rows.
func openSource(r io.Reader, filename string) (rowSource, *Report, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	magic, _ := br.Peek(len(cfbMagic))
	ext := strings.ToLower(filepath.Ext(filename))
	switch {
	case bytes.HasPrefix(magic, cfbMagic):
		return nil, nil, ErrLegacyExcel // some HR systems name CSV files .xls: those are read as text
	case bytes.HasPrefix(magic, zipMagic) || ext == ".xlsx":
		src, err := openXLSX(br)
		return src, &Report{Format: FormatXLSX}, err
	}
	text, err := openText(br)
	if err != nil {
		return nil, nil, err
	}
	head, _ := br.Peek(sniffSize) // raw bytes: delimiters are ASCII in Shift_JIS too
	comma := sniffDelimiter(head, ext)
	rep := &Report{Format: FormatCSV}
	if comma == '\t' {
		rep.Format = FormatTSV
	}
	cr := csv.NewReader(text)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return &csvSource{r: cr, text: text}, rep, nil
}

// sniffDelimiter picks tab, semicolon or comma, whichever the first line
// has most of outside quotes (comma on a tie, tab on a tie for .tsv files).
func sniffDelimiter(head []byte, ext string) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
		} else if c == '\n' && !quoted {
			break
		} else if !quoted {
			counts[c]++
		}
	}
	best := byte(',')
	if ext == ".tsv" && counts['\t'] > 0 {
		best = '\t'
	}
	for _, c := range []byte{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

type csvSource struct {
	r    *csv.Reader
	text *textReader
}

func (s *csvSource) next() (int, []string, error) {
	rec, err := s.r.Read()
	if err != nil {
		if errors.Is(err, ErrUnknownEncoding) {
			return 0, nil, err
		}
		if pe, ok := errors.AsType[*csv.ParseError](err); ok {
			return 0, nil, ErrMalformed.Withf("%d行目", "line %d", pe.Line).Wrap(err)
		}
		if err != io.EOF {
			err = fmt.Errorf("read file: %w", err)
		}
		return 0, nil, err
	}
	line, _ := s.r.FieldPos(0)
	for _, f := range rec {
		if !validText(f, s.text.enc) {
			return 0, nil, ErrUnknownEncoding.Withf("%d行目", "line %d", line)
		}
	}
	return line, rec, nil
}

func (s *csvSource) encoding() string { return s.text.encoding() }

func (s *csvSource) close() error { return nil }

type xlsxSource struct {
	f     *excelize.File
	rows  *excelize.Rows
	sheet string
	extra int // sheets not read
	line  int
}

// xlsxUnzipLimit caps how much a workbook may unpack to (a zip bomb).
const xlsxUnzipLimit = 1 << 30

func openXLSX(r io.Reader) (*xlsxSource, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: xlsxUnzipLimit})
	if err != nil {
		return nil, ErrBadSpreadsheet.Wrap(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, ErrEmptyFile
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, ErrBadSpreadsheet.Wrap(err)
	}
	return &xlsxSource{f: f, rows: rows, sheet: sheets[0], extra: len(sheets) - 1}, nil
}

func (s *xlsxSource) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, ErrBadSpreadsheet.Wrap(err)
		}
		return 0, nil, io.EOF
	}
	s.line++
	cols, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, ErrBadSpreadsheet.Wrap(err)
	}
	return s.line, cols, nil
}

// serials says which date system the workbook's date cells count from.
func (s *xlsxSource) serials() serials {
	if p, err := s.f.GetWorkbookProps(); err == nil && p.Date1904 != nil && *p.Date1904 {
		return serials1904
	}
	return serials1900
}

func (s *xlsxSource) encoding() string { return EncodingUTF8 } // XML inside

func (s *xlsxSource) close() error {
	return errors.Join(s.rows.Close(), s.f.Close())
}
