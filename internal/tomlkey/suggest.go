package tomlkey

import (
	"fmt"
	"slices"
	"strings"
)

// Hint helps with a key that is not among known: `did you mean "X"?` for
// the known key at most two edits from key (of keys equally near, the first
// in known), with near true; otherwise the known keys sorted and joined
// with ", ", for a message that lists what is allowed.
func Hint(key string, known []string) (hint string, near bool) {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best), true
	}
	list := slices.Clone(known)
	slices.Sort(list)
	return strings.Join(list, ", "), false
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
