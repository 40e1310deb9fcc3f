package render

import (
	"bytes"
	"encoding/binary"
	"strconv"
)

// Object streams (ISO 32000-1, 7.5.7): the many small dictionaries of the
// structure tree (an element each) are written compressed, a hundred to a
// stream, rather than one by one in the open, where they made a tagged
// briefing half as large again. A file with object streams has a
// cross-reference stream (7.5.8) in place of the table.

// packed is an object written into an object stream.
type packed struct {
	n        int
	from, to int // its bytes in the writer's packing buffer
}

// objStream is a full object stream made before the end of the file: its
// objects and their bytes compressed, kept until finish writes it (its
// own number is allocated last, after every other object's).
type objStream struct {
	objs  []int32 // the objects, in order
	first int     // /First
	data  []byte  // compressed at zlibLevel
}

// objsPerStream is the number of objects of an object stream.
const objsPerStream = 100

// pack writes object n holding s, a dictionary, array or string, into an
// object stream. It must not be a stream, nor the catalog or an object
// the trailer names.
func (w *writer) pack(n int, s string) {
	w.packBytes(n, []byte(s))
}

// packBytes is pack for an object held in b, which may be reused once
// it returns.
func (w *writer) packBytes(n int, b []byte) {
	from := len(w.packing)
	w.packing = append(w.packing, b...)
	w.packed = append(w.packed, packed{n, from, len(w.packing)})
	w.packFull()
}

// packTo returns the packing buffer for an object appended to it in
// place, then given to packEnd as object n: an object too large to be
// built in a buffer of its own and copied (the parent tree).
func (w *writer) packTo() []byte { return w.packing }

// packEnd ends object n appended to packTo's buffer, now b.
func (w *writer) packEnd(n int, b []byte) {
	from := len(w.packing)
	w.packing = b
	w.packed = append(w.packed, packed{n, from, len(w.packing)})
	w.packFull()
}

// packFull notes the last object packed as in an object stream and, when
// the objects packed fill one, compresses it: a tagged document of
// thousands of pages holds its structure compressed, not as text.
func (w *writer) packFull() {
	w.offsets[w.packed[len(w.packed)-1].n-1] = -2 // in an object stream; see xrefStream
	if len(w.packed) < objsPerStream {
		return
	}
	b, first := w.objStream(w.packed)
	w.zbuf.Reset()
	// Errors of the compressor come only from its writer, a buffer.
	_ = w.compress(&w.zw, zlibLevel, b)
	objs := make([]int32, len(w.packed))
	for i, p := range w.packed {
		objs[i] = int32(p.n)
	}
	w.streams = append(w.streams, objStream{objs, first, bytes.Clone(w.zbuf.Bytes())})
	w.packed, w.packing = w.packed[:0], w.packing[:0]
}

// objStream builds in the writer's scratch buffer the data of an object
// stream of group: the header (number and offset of each object), then
// the objects. It returns the data and where the objects start (/First).
func (w *writer) objStream(group []packed) ([]byte, int) {
	b := w.scratch[:0]
	off := 0
	for _, p := range group {
		b = strconv.AppendInt(b, int64(p.n), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(off), 10)
		b = append(b, ' ')
		off += p.to - p.from + 1
	}
	first := len(b)
	for _, p := range group {
		b = append(b, w.packing[p.from:p.to]...)
		b = append(b, '\n')
	}
	w.scratch = b
	return b, first
}

// objectStreams writes the packed objects into object streams and
// notes in offsets where each is (see inStream); false when none is
// packed.
func (w *writer) objectStreams() bool {
	if len(w.packed) == 0 && len(w.streams) == 0 {
		return false
	}
	dict := func(n, first int) string {
		return " /Type /ObjStm /N " + strconv.Itoa(n) + " /First " + strconv.Itoa(first)
	}
	for i := range w.streams {
		s := &w.streams[i]
		stm := w.alloc()
		for j, n := range s.objs {
			w.offsets[n-1] = inStream(stm, j)
		}
		w.deflated(stm, dict(len(s.objs), s.first), s.data)
		*s = objStream{}
		w.flush()
	}
	w.streams = w.streams[:0]
	if len(w.packed) > 0 {
		b, first := w.objStream(w.packed)
		stm := w.alloc()
		for i, p := range w.packed {
			w.offsets[p.n-1] = inStream(stm, i)
		}
		// Errors of the compressor come only from its writer, a buffer.
		_ = w.stream(stm, dict(len(w.packed), first), b)
	}
	return true
}

// inStream is the entry of offsets of the object at index i of the
// object stream stm (i < 256): a negative number below -2 (-2 is a
// packed object's until its stream is written), rather than a map of
// object streams' objects, which a tagged table of 50,000 rows has
// 350,000 of.
func inStream(stm, i int) int { return -3 - (stm<<8 | i) }

// streamOf is the object stream and index of an entry of offsets that
// inStream made.
func streamOf(off int) (stm, i int) {
	v := -3 - off
	return v >> 8, v & 0xff
}

// xrefStream ends a file with object streams (see objectStreams):
// a cross-reference stream whose dictionary is the trailer, with the file
// identifier id.
func (w *writer) xrefStream(root, info int, id string) []byte {
	xref := w.alloc()
	size := len(w.offsets) + 1
	w.offsets[xref-1] = w.offset()
	// Entries of 1 + 4 + 2 bytes: type, offset or stream, generation or
	// index.
	data := w.scratch[:0]
	entry := func(typ byte, a uint32, b uint16) {
		data = append(data, typ)
		data = binary.BigEndian.AppendUint32(data, a)
		data = binary.BigEndian.AppendUint16(data, b)
	}
	entry(0, 0, 0xFFFF)
	for _, off := range w.offsets {
		if off < -2 {
			stm, j := streamOf(off)
			entry(2, uint32(stm), uint16(j))
			continue
		}
		entry(1, uint32(off), 0)
	}
	w.scratch = data
	_ = w.stream(xref, " /Type /XRef /Size "+strconv.Itoa(size)+" /W [1 4 2] /Root "+ref(root)+
		" /Info "+ref(info)+" /ID [<"+id+"> <"+id+">]", data)
	w.buf.WriteString("startxref\n")
	w.buf.WriteString(strconv.Itoa(w.offsets[xref-1]))
	w.buf.WriteString("\n%%EOF\n")
	return w.buf.Bytes()
}
