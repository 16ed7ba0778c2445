package httpapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/alumniio"
	"github.com/kizuna-hr/kizuna/app/fault"
)

// DataPorter imports and exports the alumni registry; *alumniio.Porter is one.
type DataPorter interface {
	ImportFile(ctx context.Context, path, name string, opt alumniio.Options, progress func(alumniio.Progress)) (*alumniio.Report, error)
	ExportTo(ctx context.Context, w io.Writer, format string, private bool) error
}

// Upload limits.
const (
	maxImportUpload  = 200 << 20
	maxRestoreUpload = 4 << 30
)

var (
	errNoFile = fault.New(fault.Invalid, "request.no_file", "ファイルを選択してください（フォーム項目 file）", "choose a file (form field \"file\")")
)

// receiveFile saves the multipart field "file" (or a raw body) to a temporary
// file and returns its path and the client's file name.
func receiveFile(w http.ResponseWriter, r *http.Request, limit int64) (path, name string, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var src io.Reader = r.Body
	name = r.URL.Query().Get("filename")
	if ct := r.Header.Get("Content-Type"); len(ct) >= 19 && ct[:19] == "multipart/form-data" {
		mr, err := r.MultipartReader()
		if err != nil {
			return "", "", errNoFile.Wrap(err)
		}
		for {
			part, err := mr.NextPart()
			if err != nil {
				if err == io.EOF {
					return "", "", errNoFile
				}
				return "", "", fmt.Errorf("read upload: %w", err)
			}
			if part.FormName() == "file" {
				src, name = part, part.FileName()
				break
			}
		}
	}
	f, err := os.CreateTemp("", "kizuna-upload-*"+filepath.Ext(name))
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	n, err := io.Copy(f, src)
	if err != nil {
		os.Remove(f.Name())
		return "", "", fmt.Errorf("read upload: %w", err)
	}
	if n == 0 {
		os.Remove(f.Name())
		return "", "", errNoFile
	}
	return f.Name(), name, nil
}

func boolParam(r *http.Request, name string) bool {
	v, _ := strconv.ParseBool(r.URL.Query().Get(name))
	return v
}

func (s *Server) importAlumni(w http.ResponseWriter, r *http.Request) error {
	opt := alumniio.Options{DryRun: boolParam(r, "dry_run"), SkipInvalid: boolParam(r, "skip_invalid")}
	if c := r.URL.Query().Get("company_id"); c != "" {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil || id <= 0 {
			return errBadParam.Withf("company_id は正の整数です", "company_id must be a positive integer")
		}
		opt.CompanyID = id
	}
	path, name, err := receiveFile(w, r, maxImportUpload)
	if err != nil {
		return err
	}
	a := actor.From(r.Context())
	jb := s.jobs.start(a, func(progress func(string, int, int)) (any, error) {
		defer os.Remove(path)
		ctx := actor.With(context.Background(), a)
		return s.Data.ImportFile(ctx, path, name, opt, func(p alumniio.Progress) {
			switch p.Phase {
			case alumniio.PhaseWrite:
				progress(p.Phase, p.Written, p.Total)
			default:
				progress(p.Phase, p.Parsed, p.Total)
			}
		})
	})
	writeJSON(w, http.StatusAccepted, map[string]string{"job_id": jb.ID})
	return nil
}

func (s *Server) exportAlumni(w http.ResponseWriter, r *http.Request) error {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	ext, ok := alumniio.Formats[format]
	if !ok {
		return alumniio.ErrUnknownFormat
	}
	private := s.canSeePrivate(r.Context())
	name := "alumni-" + time.Now().Format("20060102-150405") + ext
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Type", map[string]string{".csv": "text/csv", ".json": "application/json"}[ext])
	return s.Data.ExportTo(r.Context(), w, format, private)
}

func (s *Server) downloadBackup(w http.ResponseWriter, r *http.Request) error {
	dir, err := os.MkdirTemp("", "kizuna-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	name := "kizuna-backup-" + time.Now().Format("20060102-150405") + ".db"
	path := filepath.Join(dir, name)
	if err := s.Backups.Backup(r.Context(), path); err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Type", "application/vnd.sqlite3")
	http.ServeFile(w, r, path)
	return nil
}

func (s *Server) restore(w http.ResponseWriter, r *http.Request) error {
	path, name, err := receiveFile(w, r, maxRestoreUpload)
	if err != nil {
		return err
	}
	defer os.Remove(path)
	if err := s.Backups.Restore(r.Context(), path, name); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]bool{"restored": true})
	return nil
}
