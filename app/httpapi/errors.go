package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// Errors of the HTTP layer itself.
var (
	errMalformedJSON = fault.New(fault.Invalid, "request.malformed_json", "リクエストの JSON が正しくありません", "the request body is not valid JSON")
	errTooLarge      = fault.New(fault.TooLarge, "request.too_large", "送信されたデータが大きすぎます", "the request body is too large")
	errBadParam      = fault.New(fault.Invalid, "request.bad_parameter", "パラメータが正しくありません", "a parameter is invalid")
	errNotFound      = fault.New(fault.NotFound, "request.not_found", "ページまたは API が見つかりません", "no such page or API")
	errCrossOrigin   = fault.New(fault.Forbidden, "request.cross_origin", "別のサイトからのリクエストは受け付けません", "cross-origin request refused")
	errInternal      = fault.New(fault.Internal, "internal", "サーバー内部でエラーが発生しました。管理者にお問い合わせください", "internal server error")
)

var statusOf = map[fault.Kind]int{
	fault.Internal:     http.StatusInternalServerError,
	fault.Invalid:      http.StatusBadRequest,
	fault.NotFound:     http.StatusNotFound,
	fault.Conflict:     http.StatusConflict,
	fault.Unauthorized: http.StatusUnauthorized,
	fault.Forbidden:    http.StatusForbidden,
	fault.TooLarge:     http.StatusRequestEntityTooLarge,
	fault.TooMany:      http.StatusTooManyRequests,
	fault.Unavailable:  http.StatusServiceUnavailable,
	fault.Upstream:     http.StatusBadGateway,
	fault.Timeout:      http.StatusGatewayTimeout,
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	MessageEN string            `json:"message_en"`
	Fields    map[string]string `json:"fields,omitempty"`
}

// writeError is the one place where errors become HTTP responses.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		err = errTooLarge
	}
	fe, ok := fault.As(err)
	if !ok || fe.Kind == fault.Internal {
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		fe = errInternal
	}
	status := statusOf[fe.Kind]
	if fe.Kind == fault.Invalid && len(fe.Fields) > 0 {
		status = http.StatusUnprocessableEntity
	}
	if fe.Kind == fault.TooMany {
		w.Header().Set("Retry-After", "60")
	}
	writeJSON(w, status, errorBody{Error: errorDetail{Code: fe.Code, Message: fe.JA, MessageEN: fe.EN, Fields: fe.Fields}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// maxJSONBody bounds JSON request bodies.
const maxJSONBody = 1 << 20

// decodeJSON reads a JSON body into v, answering malformed or oversized bodies with a reason.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxJSONBody)
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return errTooLarge
		}
		return errMalformedJSON.Withf("%v", "%v", err)
	}
	if dec.More() {
		return errMalformedJSON.Withf("JSON の後に余分なデータがあります", "trailing data after the JSON value")
	}
	return nil
}
