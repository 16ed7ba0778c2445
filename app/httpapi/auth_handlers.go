package httpapi

import (
	"net"
	"net/http"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
)

var errMissingCredentials = fault.New(fault.Invalid, "auth.missing_credentials", "メールアドレスとパスワードを入力してください", "enter your email and password").
	WithFields(map[string]string{"email": "必須項目です / required", "password": "必須項目です / required"})

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	var req loginRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Email == "" || req.Password == "" {
		return errMissingCredentials
	}
	u, secret, err := s.Auth.Login(r.Context(), req.Email, req.Password, clientAddr(r))
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil, MaxAge: int(auth.SessionLifetime.Seconds()),
	})
	ctx := actor.With(r.Context(), actor.Actor{Kind: actor.User, ID: u.ID, Name: u.Email, Role: string(u.Role)})
	s.Audit.Record(ctx, "auth.login", "user:"+strconv.FormatInt(u.ID, 10), clientAddr(r))
	writeJSON(w, http.StatusOK, map[string]any{"user": u})
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.Auth.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type meResponse struct {
	User        meUser            `json:"user"`
	Permissions []auth.Permission `json:"permissions"`
	Desktop     bool              `json:"desktop"`
	Version     string            `json:"version"`
}

type meUser struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	Email       string `json:"email"`
	DisplayName string `json:"display_name"`
	Role        string `json:"role"`
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) error {
	a := actor.From(r.Context())
	u := meUser{ID: a.ID, Kind: string(a.Kind), Email: a.Name, Role: a.Role}
	switch a.Kind {
	case actor.User:
		full, err := s.Auth.User(r.Context(), a.ID)
		if err != nil {
			return err
		}
		u.DisplayName = full.DisplayName
	case actor.Desktop:
		u.Email, u.DisplayName = "", "このPCの管理者 / Local owner"
	default:
		u.DisplayName = a.Name
	}
	writeJSON(w, http.StatusOK, meResponse{User: u, Permissions: auth.Role(a.Role).Permissions(), Desktop: isDesktop(r), Version: s.Version})
	return nil
}

type createUserRequest struct {
	Email       string    `json:"email"`
	DisplayName string    `json:"display_name"`
	Role        auth.Role `json:"role"`
	Password    string    `json:"password"`
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	users, err := s.Auth.Users(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": users})
	return nil
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	var req createUserRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	generated := req.Password == ""
	if generated {
		req.Password = auth.GeneratePassword()
	}
	u, err := s.Auth.CreateUser(r.Context(), req.Email, req.DisplayName, req.Role, req.Password)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "users.create", "user:"+strconv.FormatInt(u.ID, 10), string(u.Role))
	resp := map[string]any{"user": u}
	if generated {
		resp["password"] = req.Password
	}
	writeJSON(w, http.StatusCreated, resp)
	return nil
}

type createTokenRequest struct {
	Name string    `json:"name"`
	Role auth.Role `json:"role"`
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) error {
	tokens, err := s.Auth.Tokens(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": tokens})
	return nil
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	var req createTokenRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	t, secret, err := s.Auth.CreateToken(r.Context(), req.Name, req.Role)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "tokens.create", "token:"+strconv.FormatInt(t.ID, 10), string(t.Role))
	writeJSON(w, http.StatusCreated, map[string]any{"token": t, "secret": secret})
	return nil
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.Auth.RevokeToken(r.Context(), id); err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "tokens.revoke", "token:"+strconv.FormatInt(id, 10), "")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// reasonRequest is the body of a decision that needs HR's reason (declining, rejecting).
type reasonRequest struct {
	Reason string `json:"reason"`
}

// pathIDAndJSON reads the {id} path value and then the JSON body into v.
func pathIDAndJSON(w http.ResponseWriter, r *http.Request, v any) (int64, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, err
	}
	return id, decodeJSON(w, r, v)
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errBadParam.Withf("id は正の整数です", "id must be a positive integer")
	}
	return id, nil
}
