//go:build !linux

package output

import (
	"errors"
	"os"
)

// syncFS is not available here: each file is flushed on its own.
func syncFS(*os.File) error { return errors.ErrUnsupported }
