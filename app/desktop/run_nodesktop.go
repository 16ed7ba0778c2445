//go:build !desktop

package desktop

// Run returns ErrNoDesktop: this binary was built without the desktop tag.
func Run(opts Options) error {
	if err := opts.check(); err != nil {
		return err
	}
	return ErrNoDesktop
}

// Available reports whether this build contains the desktop window.
const Available = false
