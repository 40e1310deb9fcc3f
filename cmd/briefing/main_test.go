package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"briefing/briefing/output"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(removeCommand{m}, map[string]func(){
		"briefing": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the scripts of testdata/*.txt. Each starts with the
// samples copied into $WORK/samples. "status N cmd args..." runs a command
// and asserts its exit status; "validjson" asserts that the standard
// output of the last command is one JSON object; "picture FILE WxH [cut]" writes a PNG or
// JPEG picture (by FILE's extension) of W × H pixels, cut in half with
// "cut".
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata",
		Setup: func(env *testscript.Env) error {
			files, err := filepath.Glob("../../samples/*.toml")
			if err != nil || len(files) == 0 {
				return errors.New("no samples in ../../samples")
			}
			// The pictures of the samples' figures, beside them.
			pictures, _ := filepath.Glob("../../samples/*.png")
			files = append(files, pictures...)
			dir := filepath.Join(env.WorkDir, "samples")
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"picture": picture,
			"validjson": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) > 0 {
					ts.Fatalf("usage: validjson")
				}
				var v map[string]any
				if err := json.Unmarshal([]byte(ts.ReadFile("stdout")), &v); err != nil {
					ts.Fatalf("stdout is not a JSON object: %v", err)
				}
			},
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: status N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("status: %v", err)
				}
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("status: %v", err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
			// encode ENCODING IN OUT writes the UTF-8 file IN in another
			// encoding, as an editor might save it.
			"encode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: encode ENCODING IN OUT")
				}
				encs := map[string]encoding.Encoding{
					"utf-8-bom":  unicode.UTF8BOM,
					"shift_jis":  japanese.ShiftJIS,
					"euc-jp":     japanese.EUCJP,
					"utf-16le":   unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
					"utf-16-bom": unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
				}
				e, ok := encs[args[0]]
				if !ok {
					ts.Fatalf("encode: unknown encoding %s", args[0])
				}
				b, err := e.NewEncoder().Bytes([]byte(ts.ReadFile(args[1])))
				ts.Check(err)
				ts.Check(os.WriteFile(ts.MkAbs(args[2]), b, 0o644))
			},
		},
	})
}

// TestInterrupted: a run stopped by SIGINT or SIGTERM starts no more files,
// leaves no temporary file in the output folder and exits with status 1.
func TestInterrupted(t *testing.T) {
	out := t.TempDir()
	// A temporary file as a run killed midway leaves it.
	// (A process id above Linux's largest, 2^22, was never running.)
	leftover := filepath.Join(out, output.TempPrefix+"999999999.tmp")
	if err := os.WriteFile(leftover, []byte("%PDF-1.3 half"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	status := renderContext(ctx, []string{"-o", out, "../../samples"}, &stdout, &stderr)
	if status != exitFailed {
		t.Errorf("status %d, want %d", status, exitFailed)
	}
	if !strings.Contains(stderr.String(), "briefing: error: interrupted: 0 of 3 files done") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	if !regexp.MustCompile(`(?m)^briefing: 3 files, 0 briefings written, 3 failed \(3 interrupted\), [0-9.]+ s$`).MatchString(stderr.String()) {
		t.Errorf("no summary line:\n%s", stderr.String())
	}
	es, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		t.Errorf("left behind: %s", e.Name())
	}
}

// picture is the testscript command "picture FILE WxH [cut]".
func picture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 || len(args) == 3 && args[2] != "cut" {
		ts.Fatalf("usage: picture FILE WxH [cut]")
	}
	var w, h int
	if _, err := fmt.Sscanf(args[1], "%dx%d", &w, &h); err != nil {
		ts.Fatalf("picture: size %q: %v", args[1], err)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		x, y := i/4%w, i/4/w
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(x), uint8(y), 0x80, 0xFF
	}
	var buf bytes.Buffer
	var err error
	if strings.HasSuffix(args[0], ".png") {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	ts.Check(err)
	data := buf.Bytes()
	if len(args) == 3 {
		data = data[:len(data)/2]
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}
