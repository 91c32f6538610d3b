// Package treesitter parses source with the tree-sitter runtime and grammars that
// github.com/smacker/go-tree-sitter compiles, and hands the whole syntax tree to Go
// as one flat, pre-order slice of plain structs.
//
// Why not walk the tree through go-tree-sitter's Node API: every Node it returns
// is a Go object created through cgo and kept in a per-tree map, which makes a
// full walk cost about a thousand times a loop over a Go slice. Here a small C
// function walks the tree with a TreeCursor in one cgo call and writes one
// 20-byte record per node into a buffer that the Parser reuses for every file.
// Front-ends then branch on numeric symbols, never on type strings.
//
// A Parser is not safe for concurrent use: give each worker goroutine its own.
package treesitter

/*
#include <stdint.h>
#include <stdlib.h>
#include <stdbool.h>

// Declarations of the tree-sitter C API (language ABI 14) used below. The
// definitions are compiled by github.com/smacker/go-tree-sitter and linked in.
typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct TSLanguage TSLanguage;
typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
void ts_parser_set_timeout_micros(TSParser *self, uint64_t timeout);
void ts_parser_reset(TSParser *self);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old, const char *string, uint32_t length);
void ts_tree_delete(TSTree *self);
TSNode ts_tree_root_node(const TSTree *self);
TSSymbol ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_is_extra(TSNode self);
bool ts_node_has_error(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
uint32_t ts_language_symbol_count(const TSLanguage *self);
const char *ts_language_symbol_name(const TSLanguage *self, TSSymbol symbol);
int ts_language_symbol_type(const TSLanguage *self, TSSymbol symbol);
uint32_t ts_language_field_count(const TSLanguage *self);
const char *ts_language_field_name_for_id(const TSLanguage *self, TSFieldId id);

typedef struct {
	uint32_t start, end; // byte offsets
	uint32_t next;       // index of the first node after this node's subtree
	uint16_t sym;
	uint16_t field;      // field id of this node in its parent, 0 for none
	uint32_t flags;
} lmi_node;

enum { LMI_NAMED = 1, LMI_MISSING = 2, LMI_EXTRA = 4, LMI_ERROR = 8 };

typedef struct {
	TSParser *parser;
	lmi_node *nodes;
	uint32_t cap;
	uint32_t *stack;
	uint32_t stack_cap;
} lmi_walker;

static lmi_walker *lmi_walker_new(const TSLanguage *lang, uint64_t timeout_micros) {
	lmi_walker *w = calloc(1, sizeof(lmi_walker));
	if (!w) return NULL;
	w->parser = ts_parser_new();
	if (!ts_parser_set_language(w->parser, lang)) {
		ts_parser_delete(w->parser);
		free(w);
		return NULL;
	}
	ts_parser_set_timeout_micros(w->parser, timeout_micros);
	return w;
}

static void lmi_walker_free(lmi_walker *w) {
	if (!w) return;
	ts_parser_delete(w->parser);
	free(w->nodes);
	free(w->stack);
	free(w);
}

// lmi_parse parses src and, when walk is set, flattens the tree into w->nodes.
// It returns the number of nodes, 0 when walk is unset, or a negative code:
// -1 parse cancelled (timeout), -2 out of memory. *has_error is set when the tree
// contains ERROR or MISSING nodes.
static int64_t lmi_parse(lmi_walker *w, const char *src, uint32_t len, int walk, int *has_error) {
	ts_parser_reset(w->parser);
	TSTree *tree = ts_parser_parse_string(w->parser, NULL, src, len);
	if (!tree) return -1;
	TSNode root = ts_tree_root_node(tree);
	*has_error = ts_node_has_error(root);
	if (!walk) { ts_tree_delete(tree); return 0; }

	TSTreeCursor c = ts_tree_cursor_new(root);
	uint32_t n = 0, depth = 0;
	int64_t result = 0;
	for (;;) {
		if (n == w->cap) {
			uint32_t cap = w->cap ? w->cap * 2 : 4096;
			lmi_node *nodes = realloc(w->nodes, (size_t)cap * sizeof(lmi_node));
			if (!nodes) { result = -2; break; }
			w->nodes = nodes; w->cap = cap;
		}
		if (depth == w->stack_cap) {
			uint32_t cap = w->stack_cap ? w->stack_cap * 2 : 256;
			uint32_t *stack = realloc(w->stack, (size_t)cap * sizeof(uint32_t));
			if (!stack) { result = -2; break; }
			w->stack = stack; w->stack_cap = cap;
		}
		TSNode node = ts_tree_cursor_current_node(&c);
		lmi_node *out = &w->nodes[n];
		out->start = ts_node_start_byte(node);
		out->end = ts_node_end_byte(node);
		out->sym = ts_node_symbol(node);
		out->field = ts_tree_cursor_current_field_id(&c);
		out->next = 0;
		uint32_t flags = 0;
		if (ts_node_is_named(node)) flags |= LMI_NAMED;
		if (ts_node_is_missing(node)) flags |= LMI_MISSING;
		if (ts_node_is_extra(node)) flags |= LMI_EXTRA;
		if (out->sym == (TSSymbol)-1) flags |= LMI_ERROR;
		out->flags = flags;
		w->stack[depth++] = n++;
		if (ts_tree_cursor_goto_first_child(&c)) continue;
		int done = 0;
		for (;;) {
			w->nodes[w->stack[--depth]].next = n;
			if (ts_tree_cursor_goto_next_sibling(&c)) break;
			if (!ts_tree_cursor_goto_parent(&c)) { done = 1; break; }
		}
		if (done) { result = n; break; }
	}
	ts_tree_cursor_delete(&c);
	ts_tree_delete(tree);
	return result;
}

static const char *lmi_symbol_name(const TSLanguage *l, uint32_t s) { return ts_language_symbol_name(l, (TSSymbol)s); }
static int lmi_symbol_named(const TSLanguage *l, uint32_t s) { return ts_language_symbol_type(l, (TSSymbol)s) == 0; }
static const char *lmi_field_name(const TSLanguage *l, uint32_t f) { return ts_language_field_name_for_id(l, (TSFieldId)f); }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Node is one syntax node in pre-order. Its children are the nodes from the
// next index up to Next, skipping each child's own subtree.
type Node struct {
	Start, End uint32 // byte offsets into the source
	Next       uint32 // index of the first node after this subtree
	Sym        uint16 // the grammar's numeric symbol
	Field      uint16 // field id in the parent, 0 for none
	Flags      uint32
}

// Node flags.
const (
	Named   = 1
	Missing = 2
	Extra   = 4
	Error   = 8
)

// Grammar describes a tree-sitter language: its C language pointer and its
// symbol and field names, read once.
type Grammar struct {
	Name    string
	lang    *C.TSLanguage
	symbols []string // by symbol id
	named   []bool
	fields  []string // by field id
}

// NewGrammar wraps the pointer a grammar package's GetLanguage returns (or the
// grammar's tree_sitter_<lang>() C function).
func NewGrammar(name string, lang unsafe.Pointer) *Grammar {
	g := &Grammar{Name: name, lang: (*C.TSLanguage)(lang)}
	ns := int(C.ts_language_symbol_count(g.lang))
	g.symbols = make([]string, ns)
	g.named = make([]bool, ns)
	for i := 0; i < ns; i++ {
		g.symbols[i] = C.GoString(C.lmi_symbol_name(g.lang, C.uint32_t(i)))
		g.named[i] = C.lmi_symbol_named(g.lang, C.uint32_t(i)) != 0
	}
	nf := int(C.ts_language_field_count(g.lang))
	g.fields = make([]string, nf+1)
	for i := 1; i <= nf; i++ {
		g.fields[i] = C.GoString(C.lmi_field_name(g.lang, C.uint32_t(i)))
	}
	return g
}

// SymbolCount is the number of symbols; symbol ids are below it (and 0xFFFF for ERROR).
func (g *Grammar) SymbolCount() int { return len(g.symbols) }

// SymbolName returns a symbol's name and whether it is a named node type.
func (g *Grammar) SymbolName(sym uint16) (string, bool) {
	if int(sym) < len(g.symbols) {
		return g.symbols[sym], g.named[sym]
	}
	if sym == 0xFFFF {
		return "ERROR", true
	}
	return "", false
}

// FieldCount is the number of fields; field ids run from 1 to FieldCount.
func (g *Grammar) FieldCount() int { return len(g.fields) - 1 }

// FieldName returns a field's name.
func (g *Grammar) FieldName(id uint16) string {
	if int(id) < len(g.fields) {
		return g.fields[id]
	}
	return ""
}

// Parser parses files of one grammar. It owns C memory: call Close.
type Parser struct {
	g *Grammar
	w *C.lmi_walker
}

// ErrTimeout is returned when parsing took longer than the parser's limit.
var ErrTimeout = errors.New("parsing took too long and was stopped")

// NewParser makes a parser that gives up on one file after timeoutMicros (0: never).
func NewParser(g *Grammar, timeoutMicros uint64) (*Parser, error) {
	w := C.lmi_walker_new(g.lang, C.uint64_t(timeoutMicros))
	if w == nil {
		return nil, fmt.Errorf("tree-sitter: cannot load the %s grammar (ABI mismatch?)", g.Name)
	}
	return &Parser{g: g, w: w}, nil
}

// Grammar returns the parser's grammar.
func (p *Parser) Grammar() *Grammar { return p.g }

// Close frees the parser's C memory.
func (p *Parser) Close() {
	if p.w != nil {
		C.lmi_walker_free(p.w)
		p.w = nil
	}
}

// Parse parses src and returns its nodes in pre-order and whether the tree has
// syntax errors. The slice points into the parser's buffer: it is valid until
// the next call to Parse or Close.
func (p *Parser) Parse(src []byte) (nodes []Node, hasError bool, err error) {
	n, hasErr, err := p.parse(src, true)
	if err != nil || n == 0 {
		return nil, hasErr, err
	}
	return unsafe.Slice((*Node)(unsafe.Pointer(p.w.nodes)), n), hasErr, nil
}

// ParseOnly parses src and drops the tree: the baseline the benchmark compares against.
func (p *Parser) ParseOnly(src []byte) (hasError bool, err error) {
	_, hasErr, err := p.parse(src, false)
	return hasErr, err
}

func (p *Parser) parse(src []byte, walk bool) (int, bool, error) {
	if len(src) > 1<<31 {
		return 0, false, errors.New("file too large to parse")
	}
	if len(src) == 0 {
		src = []byte{0}[:0:1]
	}
	ptr := (*C.char)(unsafe.Pointer(unsafe.SliceData(src)))
	var hasErr C.int
	w := 0
	if walk {
		w = 1
	}
	n := C.lmi_parse(p.w, ptr, C.uint32_t(len(src)), C.int(w), &hasErr)
	switch {
	case n == -1:
		return 0, false, ErrTimeout
	case n < 0:
		return 0, false, errors.New("out of memory while reading the syntax tree")
	}
	return int(n), hasErr != 0, nil
}
