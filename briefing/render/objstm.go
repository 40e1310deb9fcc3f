package render

import (
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

// objsPerStream is the number of objects of an object stream.
const objsPerStream = 100

// pack writes object n holding s, a dictionary, array or string, into an
// object stream. It must not be a stream, nor the catalog or an object
// the trailer names.
func (w *writer) pack(n int, s string) {
	w.offsets[n-1] = -2 // in an object stream; see finishStreams
	from := len(w.packing)
	w.packing = append(w.packing, s...)
	w.packed = append(w.packed, packed{n, from, len(w.packing)})
}

// packBytes is pack for an object held in b, which may be reused once
// it returns.
func (w *writer) packBytes(n int, b []byte) {
	w.offsets[n-1] = -2
	from := len(w.packing)
	w.packing = append(w.packing, b...)
	w.packed = append(w.packed, packed{n, from, len(w.packing)})
}

// objectStreams writes the packed objects into object streams and
// returns where each is (its stream and index, by object), nil when none
// is packed.
func (w *writer) objectStreams() map[int][2]int {
	if len(w.packed) == 0 {
		return nil
	}
	where := make(map[int][2]int, len(w.packed)) // object → stream, index
	for start := 0; start < len(w.packed); start += objsPerStream {
		group := w.packed[start:min(start+objsPerStream, len(w.packed))]
		// The header (number and offset of each object), then the
		// objects, built in the writer's scratch buffer.
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
		stm := w.alloc()
		for i, p := range group {
			where[p.n] = [2]int{stm, i}
		}
		// Errors of the compressor come only from its writer, a buffer.
		_ = w.stream(stm, " /Type /ObjStm /N "+strconv.Itoa(len(group))+" /First "+strconv.Itoa(first), b)
	}
	return where
}

// xrefStream ends a file with object streams (where, from objectStreams):
// a cross-reference stream whose dictionary is the trailer, with the file
// identifier id.
func (w *writer) xrefStream(root, info int, id string, where map[int][2]int) []byte {
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
	for i, off := range w.offsets {
		if off == -2 {
			s := where[i+1]
			entry(2, uint32(s[0]), uint16(s[1]))
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
