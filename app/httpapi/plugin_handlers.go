package httpapi

import (
	"net/http"
	"os"

	"github.com/kizuna-hr/kizuna/app/plugins"
)

// maxPluginUpload bounds an uploaded plugin bundle.
const maxPluginUpload = plugins.MaxBundleBytes

func (s *Server) listPlugins(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Plugins.List(r.Context())
	if err != nil {
		return err
	}
	if list == nil {
		list = []plugins.Status{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) installPlugin(w http.ResponseWriter, r *http.Request) error {
	path, _, err := receiveFile(w, r, maxPluginUpload)
	if err != nil {
		return err
	}
	defer os.Remove(path)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rec, err := s.Plugins.Install(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, rec)
	return nil
}

func (s *Server) getPlugin(w http.ResponseWriter, r *http.Request) error {
	st, err := s.Plugins.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}

// pluginAction answers with the plugin's state after a change.
func (s *Server) pluginAction(w http.ResponseWriter, r *http.Request, err error) error {
	if err != nil {
		return err
	}
	return s.getPlugin(w, r)
}

func (s *Server) enablePlugin(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Grant []string `json:"grant"`
	}
	if err := decodeJSON(w, r, &body); err != nil {
		return err
	}
	return s.pluginAction(w, r, s.Plugins.Enable(r.Context(), r.PathValue("id"), body.Grant))
}

func (s *Server) disablePlugin(w http.ResponseWriter, r *http.Request) error {
	return s.pluginAction(w, r, s.Plugins.Disable(r.Context(), r.PathValue("id")))
}

func (s *Server) savePluginSettings(w http.ResponseWriter, r *http.Request) error {
	var values map[string]any
	if err := decodeJSON(w, r, &values); err != nil {
		return err
	}
	return s.pluginAction(w, r, s.Plugins.SaveSettings(r.Context(), r.PathValue("id"), values))
}

func (s *Server) pluginLogs(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.Plugins.Get(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": s.Plugins.Logs(r.PathValue("id"))})
	return nil
}

func (s *Server) removePlugin(w http.ResponseWriter, r *http.Request) error {
	if err := s.Plugins.Remove(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) pluginNav(w http.ResponseWriter, r *http.Request) error {
	return s.navOf(w, r, "console")
}

// portalPluginNav lists the portal menu entries of enabled plugins for a
// logged-in alumnus (each opens /plugins/{id}/{path} framed in the portal).
func (s *Server) portalPluginNav(w http.ResponseWriter, r *http.Request) error {
	return s.navOf(w, r, "portal")
}

func (s *Server) navOf(w http.ResponseWriter, r *http.Request, area string) error {
	items, err := s.Plugins.Navigation(r.Context(), area)
	if err != nil {
		return err
	}
	if items == nil {
		items = []plugins.NavItem{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}
