package plugins

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// LogLine is one line a plugin (or the host about it) logged.
type LogLine struct {
	At   time.Time `json:"at"`
	Line string    `json:"line"`
}

// ring keeps the last lines of a plugin's log for its page in the console.
type ring struct {
	mu   sync.Mutex
	buf  []LogLine
	next int
	full bool
}

func newRing(n int) *ring { return &ring{buf: make([]LogLine, n)} }

func (r *ring) add(line string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf[r.next] = LogLine{At: time.Now().UTC(), Line: line}
	r.next = (r.next + 1) % len(r.buf)
	r.full = r.full || r.next == 0
}

func (r *ring) lines() []LogLine {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.full {
		return append([]LogLine(nil), r.buf[:r.next]...)
	}
	return append(append([]LogLine(nil), r.buf[r.next:]...), r.buf[:r.next]...)
}

// lineWriter splits what a plugin writes to stderr into lines for the ring
// and the host's log.
type lineWriter struct {
	id   string
	ring *ring
	log  *slog.Logger
	mu   sync.Mutex
	part []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.part = append(w.part, p...)
	for {
		i := bytes.IndexByte(w.part, '\n')
		if i < 0 {
			break
		}
		if line := string(bytes.TrimRight(w.part[:i], "\r")); line != "" {
			w.emit(line)
		}
		w.part = w.part[i+1:]
	}
	if len(w.part) > 64<<10 {
		w.emit(string(w.part))
		w.part = nil
	}
	return len(p), nil
}

func (w *lineWriter) emit(line string) {
	// go-plugin's own lines in the plugin come as hclog JSON; keep their
	// message and drop the debug chatter (socket addresses and such).
	if strings.HasPrefix(line, "{\"@level\"") {
		var e struct {
			Level   string `json:"@level"`
			Message string `json:"@message"`
		}
		if json.Unmarshal([]byte(line), &e) == nil {
			if e.Level == "debug" || e.Level == "trace" {
				return
			}
			line = e.Level + ": " + e.Message
		}
	}
	w.ring.add(line)
	w.log.Info("plugin log", "plugin", w.id, "line", line)
}

// note records a line about the plugin from the host itself.
func (w *lineWriter) note(msg string, args ...any) {
	w.ring.add("[kizuna] " + msg + formatArgs(args))
	w.log.Info(msg, append([]any{"plugin", w.id}, args...)...)
}

func formatArgs(args []any) string {
	var b bytes.Buffer
	for i := 0; i+1 < len(args); i += 2 {
		b.WriteString(" ")
		b.WriteString(slog.Any(args[i].(string), args[i+1]).String())
	}
	return b.String()
}
