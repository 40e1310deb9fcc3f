package build

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// TestNFDFileNames: a figure and a logo saved on macOS have names in NFD
// (デ as テ and a combining mark), in a folder named in NFD too; an incident
// file names them in NFC (as typed, and as briefing reads every text) or
// with the NFD bytes copied from the Finder. Each is found, and the PDF
// holds the pictures.
func TestNFDFileNames(t *testing.T) {
	testkit.Tool(t, "pdfimages")
	name := "デスクトップ スクリーンショット 2026-11-24 10.15.32.png"
	folder := "図表（ダウンロード）"
	img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(1, 1, color.NRGBA{R: 0xFF, A: 0xFF})
	var buf bytes.Buffer
	png.Encode(&buf, img)
	dir := t.TempDir()
	nfdDir := filepath.Join(dir, norm.NFD.String(folder))
	if err := os.Mkdir(nfdDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, nfdDir, norm.NFD.String(name), buf.String())
	writeFile(t, dir, norm.NFD.String("ロゴ.png"), buf.String())
	th, err := theme.Load(writeFile(t, dir, "t.toml", "[organization]\nlogo = \"ロゴ.png\"\n"))
	if err != nil {
		t.Fatalf("a logo named in NFD is not found: %v", err)
	}
	for form, ref := range map[string]string{"nfc": folder + "/" + name, "nfd": norm.NFD.String(folder + "/" + name)} {
		t.Run(form, func(t *testing.T) {
			src := writeFile(t, dir, form+".toml", "format = 2\nid = \""+form+"\"\ndate = 2026-11-24\ntitle = \"NFD\"\nsummary = \"x\"\ntlp = \"CLEAR\"\n"+
				"[[figures]]\nfile = \""+ref+"\"\nalt = \"screenshot\"\n")
			r := File(context.Background(), src, &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
			if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
				t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
			}
			// page num type width height …: the logo and the figure.
			list := testkit.Run(t, "pdfimages", "-list", r.Outputs[0].Path)
			if n := strings.Count(list, " image "); n < 2 {
				t.Errorf("%d pictures in the PDF, want the logo and the figure:\n%s", n, list)
			}
		})
	}
}
