// Package parsers turns one source file into facts, choosing the front-end by
// file name. A Worker holds one parser per language and belongs to one goroutine.
package parsers

import (
	"fmt"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/java"
	"github.com/lmicheck/lmicheck/parsers/javascript"
	"github.com/lmicheck/lmicheck/parsers/python"
)

// Handles reports whether some front-end reads files with this name.
func Handles(name string) bool {
	return javascript.Handles(name) || python.Handles(name) || java.Handles(name)
}

// Worker parses files on one goroutine.
type Worker struct {
	js *javascript.Frontend
	py *python.Frontend
	jv *java.Frontend
}

// NewWorker makes a worker whose parsers give up on one file after timeoutMicros (0: never).
func NewWorker(timeoutMicros uint64) *Worker {
	return &Worker{js: javascript.New(timeoutMicros), py: python.New(timeoutMicros), jv: java.New(timeoutMicros)}
}

// Close frees the worker's parsers.
func (w *Worker) Close() {
	w.js.Close()
	w.py.Close()
	w.jv.Close()
}

// Parse lowers one file into facts; relPath is slash-separated and relative to the scan root.
func (w *Worker) Parse(relPath string, src []byte) (*facts.File, error) {
	if javascript.Handles(relPath) {
		return w.js.Parse(relPath, src)
	}
	if python.Handles(relPath) {
		return w.py.Parse(relPath, src)
	}
	if java.Handles(relPath) {
		return w.jv.Parse(relPath, src)
	}
	return nil, fmt.Errorf("%s: no front-end reads this kind of file", relPath)
}

// ParseOnly parses and drops the tree: the benchmark's baseline.
func (w *Worker) ParseOnly(relPath string, src []byte) error {
	if javascript.Handles(relPath) {
		return w.js.ParseOnly(relPath, src)
	}
	if python.Handles(relPath) {
		return w.py.ParseOnly(relPath, src)
	}
	if java.Handles(relPath) {
		return w.jv.ParseOnly(relPath, src)
	}
	return fmt.Errorf("%s: no front-end reads this kind of file", relPath)
}

// Decode turns a file's bytes into the UTF-8 text its front-end reads: a
// Python file may declare another encoding in a PEP 263 coding line. Other
// files are returned as they are. An error says the file cannot be read.
func Decode(relPath string, src []byte) ([]byte, error) {
	if python.Handles(relPath) {
		return python.Decode(src)
	}
	return src, nil
}
