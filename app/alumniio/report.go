package alumniio

// Report says what an import found and did. Its JSON shape is the
// ImportReport of the HTTP API.
type Report struct {
	Format      string  `json:"format"`   // "csv", "tsv" or "xlsx"
	Encoding    string  `json:"encoding"` // "utf-8", "utf-8-bom" or "shift_jis"
	TotalRows   int     `json:"total_rows"`
	ValidRows   int     `json:"valid_rows"`
	InvalidRows int     `json:"invalid_rows"`
	Created     int     `json:"created"` // in a dry run: would be created
	Updated     int     `json:"updated"` // in a dry run: would be updated
	Written     bool    `json:"written"`
	DryRun      bool    `json:"dry_run"`
	Errors      []Issue `json:"errors"`
	// ErrorsOmitted counts the errors left out of Errors beyond Options.MaxErrors.
	ErrorsOmitted int     `json:"errors_omitted,omitempty"`
	Warnings      []Issue `json:"warnings"`
	// Preview lists, in a dry run, what would happen to each valid row.
	Preview []PreviewRow `json:"preview,omitempty"`
}

// Issue is one problem with a file: Line is the physical line of the file
// (the header is line 1; for .xlsx the sheet's row number), Field the
// alumnus field (or, for a column warning, empty), Value what the file said
// and Reason a bilingual "日本語 / English" explanation.
type Issue struct {
	Line   int    `json:"line"`
	Field  string `json:"field"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// Preview actions.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
)

// PreviewRow says whether a valid row would create or update an alumnus.
type PreviewRow struct {
	Line           int    `json:"line"`
	Action         string `json:"action"` // ActionCreate or ActionUpdate
	EmployeeNumber string `json:"employee_number"`
	Name           string `json:"name"`
	Email          string `json:"email"`
}

// Progress is reported while a file is imported.
type Progress struct {
	Phase   string `json:"phase"`   // PhaseParse, then PhaseWrite
	Parsed  int    `json:"parsed"`  // data rows read so far
	Written int    `json:"written"` // records written so far
	Total   int    `json:"total"`   // records to write (known in PhaseWrite)
}

// Progress phases.
const (
	PhaseParse = "parse"
	PhaseWrite = "write"
)

// Options choose how an import runs.
type Options struct {
	// DryRun reads and validates the file and writes nothing.
	DryRun bool
	// SkipInvalid writes the valid rows even when some are invalid; without
	// it nothing is written unless every row is valid.
	SkipInvalid bool
	// CompanyID is the company of rows that name none (or of every row when
	// the file has no company column). When 0 and the company lookup knows
	// exactly one company, that one is used.
	CompanyID int64
	// MaxErrors caps Report.Errors (the rest are counted in ErrorsOmitted);
	// 0 means DefaultMaxErrors, a negative value no cap.
	MaxErrors int
	// PreviewLimit caps Report.Preview in a dry run; 0 means
	// DefaultPreviewLimit, a negative value no cap.
	PreviewLimit int
}

// Defaults for Options.
const (
	DefaultMaxErrors    = 1000
	DefaultPreviewLimit = 1000
)

func limit(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return int(^uint(0) >> 1)
	}
	return v
}
