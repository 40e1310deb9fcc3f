// Package layout lays blocks of text, tables and figures out on pages: it
// breaks lines by measured width (Japanese with kinsoku, English between
// words), justifies Japanese lines, paginates, and returns a tree of pages
// and positioned boxes. It knows nothing of incidents and does not draw:
// package render puts the tree on PDF pages.
package layout
