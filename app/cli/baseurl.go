package cli

import (
	"net"
	"os"
)

// listenerURL is the http:// address alumni reach Kizuna at, for links in
// mail when no base URL is set: the listener's host and port, with a
// wildcard host (0.0.0.0, ::) replaced by this machine's first LAN address.
func listenerURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = lanHost()
	}
	return "http://" + net.JoinHostPort(host, port)
}

func lanHost() string {
	addrs, err := net.InterfaceAddrs()
	if err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
				return n.IP.String()
			}
		}
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "localhost"
}
