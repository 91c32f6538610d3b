package python

import (
	"sync"

	"github.com/lmicheck/lmicheck/parsers/treesitter"
)

// kind is the front-end's own numbering of the node types it handles, looked
// up by symbol id once per grammar, so the lowering never compares strings.
type kind uint8

const (
	kOther kind = iota
	kModule
	kComment
	kIdentifier
	kImport
	kImportFrom
	kFutureImport
	kRelativeImport
	kImportPrefix
	kDottedName
	kAliasedImport
	kWildcardImport
	kExpressionStatement
	kAssignment
	kAugAssignment
	kFunctionDef
	kDecorated
	kDecorator
	kClassDef
	kBlock
	kParameters
	kLambdaParameters
	kLambda
	kDefaultParameter
	kTypedParameter
	kTypedDefaultParameter
	kListSplatPattern
	kDictSplatPattern
	kReturn
	kIf
	kElif
	kElse
	kFor
	kWhile
	kTry
	kExcept
	kFinally
	kWith
	kWithItem
	kAsPattern
	kAsPatternTarget
	kGlobal
	kNonlocal
	kDelete
	kRaise
	kCall
	kArgumentList
	kKeywordArgument
	kListSplat
	kDictSplat
	kAttribute
	kSubscript
	kString
	kStringContent
	kStringStart
	kStringEnd
	kEscape
	kInterpolation
	kConcatenatedString
	kInteger
	kFloat
	kTrue
	kFalse
	kNone
	kBinary
	kBoolean
	kComparison
	kNot
	kUnary
	kConditional
	kDictionary
	kPair
	kList
	kTuple
	kSet
	kComprehension // list/dict/set comprehensions, generator expressions
	kParen
	kExpressionList
	kPatternList
	kTuplePattern
	kListPattern
	kAwait
	kNamedExpression
	kType
	kError
	kPrint
	kExec
	kMatch
	kCase
)

var kindNames = map[string]kind{
	"module":                   kModule,
	"comment":                  kComment,
	"identifier":               kIdentifier,
	"import_statement":         kImport,
	"import_from_statement":    kImportFrom,
	"future_import_statement":  kFutureImport,
	"relative_import":          kRelativeImport,
	"import_prefix":            kImportPrefix,
	"dotted_name":              kDottedName,
	"aliased_import":           kAliasedImport,
	"wildcard_import":          kWildcardImport,
	"expression_statement":     kExpressionStatement,
	"assignment":               kAssignment,
	"augmented_assignment":     kAugAssignment,
	"function_definition":      kFunctionDef,
	"decorated_definition":     kDecorated,
	"decorator":                kDecorator,
	"class_definition":         kClassDef,
	"block":                    kBlock,
	"parameters":               kParameters,
	"lambda_parameters":        kLambdaParameters,
	"lambda":                   kLambda,
	"default_parameter":        kDefaultParameter,
	"typed_parameter":          kTypedParameter,
	"typed_default_parameter":  kTypedDefaultParameter,
	"list_splat_pattern":       kListSplatPattern,
	"dictionary_splat_pattern": kDictSplatPattern,
	"return_statement":         kReturn,
	"if_statement":             kIf,
	"elif_clause":              kElif,
	"else_clause":              kElse,
	"for_statement":            kFor,
	"while_statement":          kWhile,
	"try_statement":            kTry,
	"except_clause":            kExcept,
	"except_group_clause":      kExcept,
	"finally_clause":           kFinally,
	"with_statement":           kWith,
	"with_item":                kWithItem,
	"as_pattern":               kAsPattern,
	"as_pattern_target":        kAsPatternTarget,
	"global_statement":         kGlobal,
	"nonlocal_statement":       kNonlocal,
	"delete_statement":         kDelete,
	"raise_statement":          kRaise,
	"call":                     kCall,
	"argument_list":            kArgumentList,
	"keyword_argument":         kKeywordArgument,
	"list_splat":               kListSplat,
	"dictionary_splat":         kDictSplat,
	"attribute":                kAttribute,
	"subscript":                kSubscript,
	"string":                   kString,
	"string_content":           kStringContent,
	"string_start":             kStringStart,
	"string_end":               kStringEnd,
	"escape_sequence":          kEscape,
	"interpolation":            kInterpolation,
	"concatenated_string":      kConcatenatedString,
	"integer":                  kInteger,
	"float":                    kFloat,
	"true":                     kTrue,
	"false":                    kFalse,
	"none":                     kNone,
	"binary_operator":          kBinary,
	"boolean_operator":         kBoolean,
	"comparison_operator":      kComparison,
	"not_operator":             kNot,
	"unary_operator":           kUnary,
	"conditional_expression":   kConditional,
	"dictionary":               kDictionary,
	"pair":                     kPair,
	"list":                     kList,
	"tuple":                    kTuple,
	"set":                      kSet,
	"list_comprehension":       kComprehension,
	"dictionary_comprehension": kComprehension,
	"set_comprehension":        kComprehension,
	"generator_expression":     kComprehension,
	"parenthesized_expression": kParen,
	"expression_list":          kExpressionList,
	"pattern_list":             kPatternList,
	"tuple_pattern":            kTuplePattern,
	"list_pattern":             kListPattern,
	"await":                    kAwait,
	"named_expression":         kNamedExpression,
	"type":                     kType,
	"ERROR":                    kError,
	"print_statement":          kPrint,
	"exec_statement":           kExec,
	"match_statement":          kMatch,
	"case_clause":              kCase,
}

// fieldIDs are the grammar's numeric ids of the fields the lowering reads.
type fieldIDs struct {
	alias, alternative, argument, arguments, attribute, body, condition, consequence,
	definition, function, key, left, moduleName, name, object, operator, parameters,
	right, subscript, superclasses, value, expression, typ uint16
}

type grammarInfo struct {
	g     *treesitter.Grammar
	kinds []kind
	f     fieldIDs
}

func (gi *grammarInfo) kindOf(sym uint16) kind {
	if int(sym) < len(gi.kinds) {
		return gi.kinds[sym]
	}
	if sym == 0xFFFF {
		return kError
	}
	return kOther
}

func newGrammarInfo(g *treesitter.Grammar) *grammarInfo {
	gi := &grammarInfo{g: g, kinds: treesitter.KindTable(g, kindNames)}
	ids := map[string]*uint16{
		"alias": &gi.f.alias, "alternative": &gi.f.alternative, "argument": &gi.f.argument,
		"arguments": &gi.f.arguments, "attribute": &gi.f.attribute, "body": &gi.f.body,
		"condition": &gi.f.condition, "consequence": &gi.f.consequence, "definition": &gi.f.definition,
		"function": &gi.f.function, "key": &gi.f.key, "left": &gi.f.left, "module_name": &gi.f.moduleName,
		"name": &gi.f.name, "object": &gi.f.object, "operator": &gi.f.operator, "parameters": &gi.f.parameters,
		"right": &gi.f.right, "subscript": &gi.f.subscript, "superclasses": &gi.f.superclasses,
		"value": &gi.f.value, "expression": &gi.f.expression, "type": &gi.f.typ,
	}
	g.BindFields(ids)
	return gi
}

var pyInfo = sync.OnceValue(func() *grammarInfo { return newGrammarInfo(treesitter.Python()) })
