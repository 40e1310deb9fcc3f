package build

import (
	"briefing/briefing/batch"
	"briefing/briefing/diag"
	"briefing/briefing/load"
	"briefing/briefing/model"
	"briefing/internal/readfile"
)

// Marking reads the TLP marking of the incident file path when it was
// refused, as a digest reads that of a file it leaves out: the top
// level's tlp ([load.ReadHead]), and labels under keys like tlp below
// its first table ([load.MarkingBelow]), the most restrictive winning.
// tlp is "" when none can be read (the file cannot be read or is not
// text, a syntax error is on a line that may set it, its tlp is not a
// TLP 2.0 label) or, with strict, none is given; unread is true then,
// and when the file may be marked more restrictively than tlp (a line
// that may name such a key did not decode).
func Marking(path string, strict bool) (tlp model.TLP, unread bool) {
	data, err := readfile.Read(path, load.MaxFile)
	if err != nil {
		return "", true
	}
	h, _ := load.ReadHead(data) // the marking is read when the dates are not
	h = load.MarkingBelow(h, data)
	tlp = h.TLP
	if !h.TLPGiven && strict { // refused: no label to trust
		tlp = ""
	}
	return tlp, tlp == "" || h.TLPUnsure
}

// Refused is the result of a file refused with ds before it was
// rendered, its marking read for the report ([Marking]).
func Refused(path string, ds diag.List, strict bool) batch.Result {
	r := batch.Result{File: path, Diagnostics: ds}
	r.TLP, r.TLPUnread = Marking(path, strict)
	return r
}
