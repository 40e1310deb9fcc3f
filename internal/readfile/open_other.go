//go:build !unix

package readfile

// openFlags: elsewhere a file is opened as usual.
const openFlags = 0
