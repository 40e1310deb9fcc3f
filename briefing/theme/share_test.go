package theme

import (
	"os"
	"path/filepath"
	"testing"

	"briefing/briefing/layout"
	"briefing/internal/testkit"
)

// countReads makes readFont count the reads of each file while t runs.
func countReads(t *testing.T) map[string]int {
	t.Helper()
	reads := map[string]int{}
	orig := readFont
	readFont = func(path string) ([]byte, error) {
		reads[filepath.Clean(path)]++
		return orig(path)
	}
	t.Cleanup(func() { readFont = orig })
	return reads
}

// TestFontFileReadOnce checks that a font file named by several faces'
// chains, written three ways (relative, ./relative, absolute), is read
// once and parsed once: the faces share one parsed font, and each keeps
// the name its chain gave it.
func TestFontFileReadOnce(t *testing.T) {
	nanum := testkit.DebianFont(t, testkit.NanumGothic, "fonts-nanum")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "nanum.ttf"), nanum, 0o644); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "nanum.ttf")
	tmpl := "[fonts]\nregular = [\"embedded:BIZUDPGothic-Regular.ttf\", \"nanum.ttf\"]\n" +
		"bold = [\"embedded:BIZUDPGothic-Bold.ttf\", \"" + abs + "\"]\n" +
		"mono = [\"./nanum.ttf\", \"embedded:BIZUDPGothic-Regular.ttf\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "t.toml"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	reads := countReads(t)
	th, err := Load(filepath.Join(dir, "t.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(reads) != 1 || reads[abs] != 1 {
		t.Errorf("font files read %v, want %s once", reads, abs)
	}
	reg, bold, mono := th.chain(layout.Regular), th.chain(layout.Bold), th.chain(layout.Mono)
	if len(reg) < 2 || len(bold) < 2 || len(mono) < 2 {
		t.Fatalf("chains %s; %s; %s", th.ChainNames(layout.Regular), th.ChainNames(layout.Bold), th.ChainNames(layout.Mono))
	}
	if reg[1].font != bold[1].font || reg[1].font != mono[0].font {
		t.Errorf("NanumGothic parsed more than once: regular %p, bold %p, mono %p", reg[1].font, bold[1].font, mono[0].font)
	}
	if reg[0].font != mono[1].font {
		t.Errorf("embedded BIZ UDPGothic Regular parsed twice: regular %p, mono %p", reg[0].font, mono[1].font)
	}
	if reg[1].name != "nanum.ttf" || bold[1].name != abs || mono[0].name != "./nanum.ttf" {
		t.Errorf("names %q, %q, %q, want each as its chain writes it", reg[1].name, bold[1].name, mono[0].name)
	}
}

// TestCollectionReadOnce checks the worked example's shape: faces of one
// collection (Noto Sans CJK) in several chains read the file once, share
// the parsed font where they name the same face (by name or by index),
// and get fonts of their own where they name different faces.
func TestCollectionReadOnce(t *testing.T) {
	if _, err := os.Stat(testkit.NotoSansCJK); err != nil {
		testkit.DebianFont(t, testkit.NotoSansCJK, "fonts-noto-cjk")
	}
	dir := write(t, map[string]string{"t.toml": "[fonts]\n" +
		"regular = \"" + testkit.NotoSansCJK + "#Noto Sans CJK JP\"\n" +
		"mono = \"" + testkit.NotoSansCJK + "#Noto Sans Mono CJK JP\"\n" +
		"mono_bold = \"" + testkit.NotoSansCJK + "#0\"\n"})
	reads := countReads(t)
	th, err := Load(filepath.Join(dir, "t.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(reads) != 1 || reads[testkit.NotoSansCJK] != 1 {
		t.Errorf("font files read %v, want %s once", reads, testkit.NotoSansCJK)
	}
	reg, mono, monoBold := th.chain(layout.Regular)[0], th.chain(layout.Mono)[0], th.chain(layout.MonoBold)[0]
	if reg.font != monoBold.font {
		t.Errorf("face #0 named twice parsed twice")
	}
	if reg.font == mono.font {
		t.Errorf("Noto Sans Mono CJK JP shares the font of Noto Sans CJK JP")
	}
	if w, _ := reg.font.Advance('i'); func() int { v, _ := mono.font.Advance('i'); return v }() == w {
		t.Errorf("mono i as wide as proportional i (%d): the same face loaded for both", w)
	}
}
