//go:build unix

package output

import (
	"io/fs"
	"os"
	"syscall"
)

// openNew creates the file name, which must not exist, for reading and
// writing with the permission bits perm less the umask, as os.OpenFile
// with O_CREATE|O_EXCL does, but without asking the runtime's network
// poller to watch it: for a regular file that costs four fcntl calls and
// a failing epoll_ctl on Linux, as many system calls as the rest of
// writing a PDF.
func openNew(name string, perm fs.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDWR|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
