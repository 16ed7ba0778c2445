package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
)

// job is a long-running task (an import) whose progress the console polls.
type job struct {
	ID     string       `json:"id"`
	State  string       `json:"state"` // running, done, failed
	Done   int          `json:"done"`
	Total  int          `json:"total"`
	Phase  string       `json:"phase"`
	Report any          `json:"report"`
	Error  *errorDetail `json:"error"`
	owner  string
	ended  time.Time
}

type jobs struct {
	mu   sync.Mutex
	byID map[string]*job
}

var errJobNotFound = fault.New(fault.NotFound, "jobs.not_found", "処理が見つかりません", "job not found")

func newJobs() *jobs { return &jobs{byID: map[string]*job{}} }

// start registers a job owned by the actor and runs fn in the background.
func (j *jobs) start(owner actor.Actor, fn func(progress func(phase string, done, total int)) (any, error)) *job {
	b := make([]byte, 12)
	rand.Read(b)
	jb := &job{ID: hex.EncodeToString(b), State: "running", owner: owner.String()}
	j.mu.Lock()
	j.gc()
	j.byID[jb.ID] = jb
	j.mu.Unlock()
	go func() {
		report, err := fn(func(phase string, done, total int) {
			j.mu.Lock()
			jb.Phase, jb.Done, jb.Total = phase, done, total
			j.mu.Unlock()
		})
		j.mu.Lock()
		defer j.mu.Unlock()
		jb.Report, jb.ended = report, time.Now()
		jb.State = "done"
		if err != nil {
			jb.State = "failed"
			fe, ok := fault.As(err)
			if !ok {
				fe = errInternal
			}
			jb.Error = &errorDetail{Code: fe.Code, Message: fe.JA, MessageEN: fe.EN, Fields: fe.Fields}
		}
	}()
	return jb
}

// gc forgets jobs that ended more than an hour ago. The caller holds mu.
func (j *jobs) gc() {
	for id, jb := range j.byID {
		if !jb.ended.IsZero() && time.Since(jb.ended) > time.Hour {
			delete(j.byID, id)
		}
	}
}

// get returns a copy of a job if owner started it.
func (j *jobs) get(id string, owner actor.Actor) (job, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	jb, ok := j.byID[id]
	if !ok || jb.owner != owner.String() {
		return job{}, false
	}
	return *jb, true
}

func (s *Server) getJob(w http.ResponseWriter, r *http.Request) error {
	jb, ok := s.jobs.get(r.PathValue("id"), actor.From(r.Context()))
	if !ok {
		return errJobNotFound
	}
	writeJSON(w, http.StatusOK, jb)
	return nil
}
