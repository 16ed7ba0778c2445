package httpapi

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/companies"
)

// parseQuery reads a directory query from URL parameters, rejecting numbers
// that are not numbers.
func parseQuery(v url.Values) (alumni.Query, error) {
	q := alumni.Query{
		Text: v.Get("q"), Department: v.Get("department"), Industry: v.Get("industry"),
		JobType: v.Get("job_type"), Tags: v["tag"], Interests: v["interest"], Sort: v.Get("sort"),
	}
	if err := readInts(v, []intParam{
		{"join_year_from", &q.JoinYearFrom}, {"join_year_to", &q.JoinYearTo},
		{"leave_year_from", &q.LeaveYearFrom}, {"leave_year_to", &q.LeaveYearTo},
		{"offset", &q.Offset}, {"limit", &q.Limit},
	}); err != nil {
		return q, err
	}
	if s := v.Get("company_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return q, errBadParam.Withf("company_id は整数です", "company_id must be an integer")
		}
		q.CompanyID = n
	}
	return q, nil
}

func (s *Server) listAlumni(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r.URL.Query())
	if err != nil {
		return err
	}
	return s.writeAlumniList(w, r, q)
}

// writeAlumniList answers one page of the alumni q selects.
func (s *Server) writeAlumniList(w http.ResponseWriter, r *http.Request, q alumni.Query) error {
	res, err := s.Alumni.List(r.Context(), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) alumniFacets(w http.ResponseWriter, r *http.Request) error {
	f, err := s.Alumni.Facets(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, f)
	return nil
}

func (s *Server) getAlumnus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := s.Alumni.Get(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (s *Server) createAlumnus(w http.ResponseWriter, r *http.Request) error {
	var a alumni.Alumnus
	if err := decodeJSON(w, r, &a); err != nil {
		return err
	}
	a.ID = 0
	d, err := s.Alumni.Create(r.Context(), &a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, d)
	return nil
}

func (s *Server) updateAlumnus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var a alumni.Alumnus
	if err := decodeJSON(w, r, &a); err != nil {
		return err
	}
	a.ID = id
	d, err := s.Alumni.Update(r.Context(), &a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (s *Server) deleteAlumnus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.Alumni.Delete(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) listCompanies(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Companies.List(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) createCompany(w http.ResponseWriter, r *http.Request) error {
	var c companies.Company
	if err := decodeJSON(w, r, &c); err != nil {
		return err
	}
	created, err := s.Companies.Create(r.Context(), c)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "companies.create", "company:"+strconv.FormatInt(created.ID, 10), created.Name)
	writeJSON(w, http.StatusCreated, created)
	return nil
}

func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	before, _ := strconv.ParseInt(q.Get("before_id"), 10, 64)
	items, err := s.Audit.List(r.Context(), audit.Filter{Subject: q.Get("subject"), Action: q.Get("action"), Limit: limit, BeforeID: before})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}
