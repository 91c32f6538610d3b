package templates

import (
	"bytes"

	"github.com/lmicheck/lmicheck/facts"
)

// hashComments finds `#` comments in YAML (JSON has none) for suppressions.
// A `#` starts a comment at the start of a line or after whitespace, outside
// quotes — YAML's rule, close enough for finding `lmicheck:ignore` markers.
func hashComments(src []byte) []facts.Comment {
	var out []facts.Comment
	line, off := 0, 0
	for len(src) > 0 {
		line++
		end := bytes.IndexByte(src, '\n')
		text := src
		if end >= 0 {
			text = src[:end]
		}
		if c, ok := commentIn(text); ok && bytes.Contains(text[c:], []byte("lmicheck:")) {
			own := len(bytes.TrimSpace(text[:c])) == 0
			body := bytes.TrimSpace(bytes.TrimLeft(text[c:], "#"))
			out = append(out, facts.Comment{
				Text:    string(body),
				Pos:     facts.Pos{Line: line, Col: c + 1, EndLine: line, EndCol: len(text) + 1, Off: off + c, EndOff: off + len(text)},
				OwnLine: own,
			})
		}
		if end < 0 {
			break
		}
		src = src[end+1:]
		off += end + 1
	}
	return out
}

// commentIn returns the byte offset where a comment starts on a line.
func commentIn(line []byte) (int, bool) {
	var quote byte
	for i, c := range line {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || line[i-1] == ' ' || line[i-1] == ':' || line[i-1] == '[' || line[i-1] == ',' || line[i-1] == '-' {
				quote = c
			}
		case c == '#':
			if i == 0 || line[i-1] == ' ' || line[i-1] == '\t' {
				return i, true
			}
		}
	}
	return 0, false
}
