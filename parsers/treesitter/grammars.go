package treesitter

/*
typedef struct TSLanguage TSLanguage;
// Defined by the grammar packages of github.com/smacker/go-tree-sitter imported below.
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_java(void);
*/
import "C"

import (
	"sync"
	"unsafe"

	// The grammars' C code is compiled by these packages; we call their
	// tree_sitter_<lang>() functions directly.
	_ "github.com/smacker/go-tree-sitter/java"
	_ "github.com/smacker/go-tree-sitter/javascript"
	_ "github.com/smacker/go-tree-sitter/python"
	_ "github.com/smacker/go-tree-sitter/typescript/tsx"
	_ "github.com/smacker/go-tree-sitter/typescript/typescript"
)

// The grammars are read once and never change afterwards, so sharing them
// between goroutines is safe.
var (
	javaScript = sync.OnceValue(func() *Grammar {
		return NewGrammar("javascript", unsafe.Pointer(C.tree_sitter_javascript()))
	})
	typeScript = sync.OnceValue(func() *Grammar {
		return NewGrammar("typescript", unsafe.Pointer(C.tree_sitter_typescript()))
	})
	tsx = sync.OnceValue(func() *Grammar {
		return NewGrammar("tsx", unsafe.Pointer(C.tree_sitter_tsx()))
	})
	python = sync.OnceValue(func() *Grammar {
		return NewGrammar("python", unsafe.Pointer(C.tree_sitter_python()))
	})
	java = sync.OnceValue(func() *Grammar {
		return NewGrammar("java", unsafe.Pointer(C.tree_sitter_java()))
	})
)

// JavaScript is the grammar for .js .mjs .cjs .jsx.
func JavaScript() *Grammar { return javaScript() }

// TypeScript is the grammar for .ts .mts .cts.
func TypeScript() *Grammar { return typeScript() }

// TSX is the grammar for .tsx.
func TSX() *Grammar { return tsx() }

// Python is the grammar for .py (Python 3; most Python 2 statements parse too).
func Python() *Grammar { return python() }

// Java is the grammar for .java (records, sealed classes, text blocks).
func Java() *Grammar { return java() }
