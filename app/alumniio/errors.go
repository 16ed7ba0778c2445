package alumniio

import "github.com/kizuna-hr/kizuna/app/fault"

// File-level import failures. Nothing is written when one is returned.
var (
	ErrUnknownEncoding = fault.New(fault.Invalid, "import.unknown_encoding",
		"文字コードを判別できません", "unknown encoding") // UTF-8 and Shift_JIS are read
	ErrNoNameColumn = fault.New(fault.Invalid, "import.no_name_column",
		"氏名の列が見つかりません（見出し行に「氏名」または「姓」「名」が必要です）",
		"no name column found (the header row needs 氏名/name or 姓/名)")
	ErrEmptyFile = fault.New(fault.Invalid, "import.empty",
		"ファイルにデータがありません", "the file has no data")
	ErrLegacyExcel = fault.New(fault.Invalid, "import.xls",
		"古い Excel 形式（.xls）には対応していません。.xlsx か CSV で保存してください",
		"the old Excel format (.xls) is not supported; save as .xlsx or CSV")
	ErrBadSpreadsheet = fault.New(fault.Invalid, "import.bad_xlsx",
		"Excel ファイルを読み込めません", "cannot read the Excel file")
	ErrMalformed = fault.New(fault.Invalid, "import.malformed",
		"ファイルの形式が正しくありません", "the file is malformed")
	ErrConflict = fault.New(fault.Conflict, "import.conflict",
		"登録済みの別の卒業生と社員番号またはメールアドレスが重複しています",
		"the employee number or email belongs to another stored alumnus")
	ErrUnknownFormat = fault.New(fault.Invalid, "export.unknown_format",
		"出力形式は csv・csv-sjis・json のいずれかです", "the format must be csv, csv-sjis or json")
)

// Row-level reasons, Japanese first.
const (
	reasonDate          = "日付が正しくありません（例: 2015/04/01、平成27年4月1日） / not a valid date (e.g. 2015/04/01)"
	reasonCompany       = "登録されていない会社です / unknown company"
	reasonNoCompany     = "会社が指定されていません / no company given"
	reasonRehire        = "再雇用可否は 可・条件付き・不可・不明 のいずれかです / rehire eligibility must be 可, 条件付き, 不可 or 不明"
	reasonDupNumberFmt  = "ファイル内で社員番号が重複しています（%d行目と同じ） / duplicate employee number in the file (same as line %d)"
	reasonDupEmailFmt   = "ファイル内でメールアドレスが重複しています（%d行目と同じ） / duplicate email in the file (same as line %d)"
	reasonDupLaterFmt   = "%d行目にも同じ値があります（そちらを取り込みません） / the same value appears again on line %d (that row is not imported)"
	reasonUnknownColumn = "認識できない列のため読み込みません / unknown column, ignored"
	reasonDupColumn     = "同じ項目の列が複数あります。最初の列を使います / the same field appears in several columns; the first is used"
	reasonSkippedRows   = "見出し行より前の行を読み飛ばしました / rows above the header row were skipped"
	reasonOtherSheets   = "最初のシートだけを読み込みました / only the first sheet was read"
)
