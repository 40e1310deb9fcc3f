package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS writes every file of the file system holding f to its disk
// (syncfs(2)), reporting write errors since Linux 5.8.
func syncFS(f *os.File) error {
	return unix.Syncfs(int(f.Fd()))
}
