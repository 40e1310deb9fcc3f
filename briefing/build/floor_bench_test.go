package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"

	"briefing/briefing/layout"
	"briefing/briefing/output"
	"briefing/internal/testkit/fixture"
)

// BenchmarkFloor does only the work no design of the pipeline can skip
// for the seed briefing in Japanese, as BenchmarkSeedFile makes it: the
// floor of a briefing's cost. Its parts, and "all" doing them in turn:
//
//   - subset: the template's two fonts subset to the characters the
//     PDF draws in each (ttf.Font.SubsetWith through theme.ProgramOf,
//     no hinting), 74.5 and 36.8 KB;
//   - compress: every stream the PDF compresses per briefing, at the
//     settings render uses (font programs Huffman only, the others at
//     level 1; 190 KB in, 76 KB out), with one reused compressor a level;
//   - id: the SHA-256 of the file up to its cross-reference stream, the
//     file identifier;
//   - write: the finished file created, written, flushed to the disk
//     (with output's grouped flush, a group of one file: an fsync) and
//     renamed to a name of its own, as a batch writes each PDF into its
//     output folder (output.WriteMode).
//
// Not in it: reading, validating, composing, laying out and drawing the
// pages (their content streams are taken as drawn), the PDF's objects
// but the streams (dictionaries, object streams' text, the
// cross-reference entries), the colour profile (kept compressed) and
// copying the streams into the file. Setting up checks that the subsets
// and compressed streams are the PDF's own bytes and the digest its
// /ID. Besides ns/op (wall time, which holds the wait for the disk),
// cpu-ns/op is the process's user and system CPU time an operation.
func BenchmarkFloor(b *testing.B) {
	th := fixture.Theme(b)
	dir := b.TempDir()
	opt := &Options{Dir: dir, Langs: []string{"ja"}, Theme: th}
	if res := File(context.Background(), fixture.Seed, opt); res.Failed() || len(res.Outputs) != 1 {
		b.Fatalf("%+v", res)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "pla-61419-antivirus.ja.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	fl := floorOf(b, pdf)
	for face, runes := range fl.runes {
		prog, err := th.ProgramOf(face, 0, runes)
		if err != nil {
			b.Fatal(err)
		}
		if !bytes.Equal(prog, fl.fonts[face]) {
			b.Fatalf("face %d: the subset is not the PDF's font program", face)
		}
	}
	zs := [2]*zlib.Writer{}
	var zbuf bytes.Buffer
	for i, l := range []int{1, zlib.HuffmanOnly} {
		if zs[i], err = zlib.NewWriterLevel(&zbuf, l); err != nil {
			b.Fatal(err)
		}
	}
	compress := func(s floorStream) []byte {
		z := zs[0]
		if s.font {
			z = zs[1]
		}
		zbuf.Reset()
		z.Reset(&zbuf)
		z.Write(s.data)
		z.Close()
		return zbuf.Bytes()
	}
	for _, s := range fl.streams {
		if !bytes.Equal(compress(s), s.deflated) {
			b.Fatalf("a stream of %d bytes compresses to other bytes than the PDF's", len(s.data))
		}
	}
	if sum := sha256.Sum256(pdf[:fl.idAt]); hex.EncodeToString(sum[:16]) != fl.id {
		b.Fatalf("the digest of the file is not its /ID %s", fl.id)
	}
	out, written := b.TempDir(), 0
	parts := map[string]func(){
		"subset": func() {
			for face, runes := range fl.runes {
				if _, err := th.ProgramOf(face, 0, runes); err != nil {
					b.Fatal(err)
				}
			}
		},
		"compress": func() {
			for _, s := range fl.streams {
				compress(s)
			}
		},
		"id": func() { sha256.Sum256(pdf[:fl.idAt]) },
		"write": func() {
			written++
			name := "pla-61419-antivirus-" + strconv.Itoa(written) + ".ja.pdf"
			err := output.WriteMode(out, name, output.Public, func(w io.Writer) error {
				_, err := w.Write(pdf)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		},
	}
	order := []string{"subset", "compress", "id", "write"}
	parts["all"] = func() {
		for _, p := range order {
			parts[p]()
		}
	}
	for _, name := range append(order, "all") {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				parts[name]()
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// floor is what BenchmarkFloor takes from a PDF: its compressed streams,
// the characters of each font and the font programs, and where its
// digest ends.
type floor struct {
	streams []floorStream
	runes   map[layout.Face][]rune
	fonts   map[layout.Face][]byte // the programs, uncompressed
	id      string                 // the first half of /ID, in hex
	idAt    int                    // where the cross-reference stream starts
}

// floorStream is a Flate-compressed stream of a PDF.
type floorStream struct {
	data, deflated []byte
	font           bool // a font program (/Length1)
}

// floorOf reads the streams of pdf, a briefing drawn with the default
// template's Regular and Bold fonts. The ToUnicode map written after a
// font program gives its characters; the first font is the Regular one
// (the faces' order).
func floorOf(tb testing.TB, pdf []byte) floor {
	tb.Helper()
	fl := floor{runes: map[layout.Face][]rune{}, fonts: map[layout.Face][]byte{}}
	head := regexp.MustCompile(`(\d+) 0 obj\n<<(/Length (\d+)[^\n]*)>>\nstream\n`)
	bfchar := regexp.MustCompile(`<[0-9A-F]{4}> <([0-9A-F]+)>\n`)
	faces := []layout.Face{layout.Regular, layout.Bold}
	var prog []byte
	for _, m := range head.FindAllSubmatchIndex(pdf, -1) {
		dict := string(pdf[m[4]:m[5]])
		n, err := strconv.Atoi(string(pdf[m[6]:m[7]]))
		if err != nil {
			tb.Fatal(err)
		}
		z := pdf[m[1] : m[1]+n]
		if regexp.MustCompile(`/Type /XRef .*/ID \[<([0-9a-f]{32})>`).MatchString(dict) {
			fl.id = regexp.MustCompile(`/ID \[<([0-9a-f]{32})>`).FindStringSubmatch(dict)[1]
			fl.idAt = m[0]
		}
		if !regexp.MustCompile(`/Filter /FlateDecode`).MatchString(dict) || regexp.MustCompile(`/N 3\b`).MatchString(dict) {
			continue // metadata (not compressed), the colour profile (kept compressed)
		}
		zr, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			tb.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			tb.Fatal(err)
		}
		s := floorStream{data: data, deflated: z, font: regexp.MustCompile(`/Length1 `).MatchString(dict)}
		fl.streams = append(fl.streams, s)
		switch {
		case s.font:
			prog = data
		case bytes.HasPrefix(data, []byte("/CIDInit")) && prog != nil:
			if len(faces) == 0 {
				tb.Fatal("more than two fonts")
			}
			var rs []rune
			for _, c := range bfchar.FindAllSubmatch(data, -1) {
				var u []uint16
				for i := 0; i+4 <= len(c[1]); i += 4 {
					v, _ := strconv.ParseUint(string(c[1][i:i+4]), 16, 16)
					u = append(u, uint16(v))
				}
				rs = append(rs, utf16.Decode(u)...)
			}
			slices.Sort(rs)
			fl.runes[faces[0]], fl.fonts[faces[0]] = rs, prog
			faces, prog = faces[1:], nil
		}
	}
	if len(faces) != 0 || fl.id == "" {
		tb.Fatalf("the PDF has not two fonts and a cross-reference stream with /ID")
	}
	return fl
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
