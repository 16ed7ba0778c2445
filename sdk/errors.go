package sdk

import (
	"errors"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Errors the Host API returns; test with errors.Is.
var (
	ErrPermission  = errors.New("permission not granted to the plugin")
	ErrNotFound    = errors.New("not found")
	ErrInvalid     = errors.New("invalid request")
	ErrUnavailable = errors.New("not available on this host")
)

// fromStatus turns a gRPC error from the host into an error that matches
// the sentinels above and keeps the host's message.
func fromStatus(err error) error {
	if err == nil {
		return nil
	}
	st, ok := status.FromError(err)
	if !ok {
		return err
	}
	var base error
	switch st.Code() {
	case codes.PermissionDenied:
		base = ErrPermission
	case codes.NotFound:
		base = ErrNotFound
	case codes.InvalidArgument, codes.FailedPrecondition:
		base = ErrInvalid
	case codes.Unimplemented, codes.Unavailable:
		base = ErrUnavailable
	default:
		return fmt.Errorf("host: %s", st.Message())
	}
	return fmt.Errorf("%w: %s", base, st.Message())
}
