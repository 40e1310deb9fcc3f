//go:build !unix

package output

import (
	"io/fs"
	"os"
)

// openNew creates the file name, which must not exist, for reading and
// writing with the permission bits perm.
func openNew(name string, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
}
