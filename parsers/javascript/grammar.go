package javascript

import (
	"sync"

	"github.com/lmicheck/lmicheck/parsers/treesitter"
)

// kind is the front-end's own numbering of the node types it handles, so the
// lowering branches on small integers looked up by symbol id.
type kind uint8

const (
	kOther kind = iota
	kProgram
	kComment
	kIdentifier
	kPropertyIdentifier
	kShorthandProperty        // shorthand_property_identifier (in objects)
	kShorthandPropertyPattern // shorthand_property_identifier_pattern
	kPrivateProperty
	kThis
	kSuper
	kLexicalDecl
	kVariableDecl
	kDeclarator
	kFunctionDecl
	kGeneratorDecl
	kFunctionExpr
	kGeneratorExpr
	kArrow
	kMethod
	kClassDecl
	kClassExpr
	kClassBody
	kFieldDef
	kFormalParams
	kRequiredParam
	kOptionalParam
	kAssignmentPattern
	kRestPattern
	kObjectPattern
	kArrayPattern
	kPairPattern
	kObjectAssignmentPattern
	kStatementBlock
	kExpressionStatement
	kReturn
	kThrow
	kIf
	kWhile
	kFor
	kForIn
	kDo
	kTernary
	kAssign
	kAugAssign
	kUpdate
	kUnary
	kBinary
	kCall
	kNew
	kMember
	kSubscript
	kArguments
	kParen
	kAwait
	kString
	kStringFragment
	kEscape
	kTemplate
	kTemplateSubst
	kNumber
	kTrue
	kFalse
	kNull
	kUndefined
	kObject
	kPair
	kArray
	kSpread
	kImport
	kImportClause
	kNamedImports
	kImportSpecifier
	kNamespaceImport
	kExport
	kExportClause
	kExportSpecifier
	kCatch
	kSequence
	kTypeWrapper // as_expression, satisfies_expression, non_null_expression, type_assertion
	kTypeOnly    // type annotations and declarations: never descended into
	kTypeIdent   // type_identifier (TS class names)
	kDecorator
	kError
	kComputedProperty
	kStaticBlock
)

var kindNames = map[string]kind{
	"program":                               kProgram,
	"comment":                               kComment,
	"html_comment":                          kComment,
	"identifier":                            kIdentifier,
	"property_identifier":                   kPropertyIdentifier,
	"shorthand_property_identifier":         kShorthandProperty,
	"shorthand_property_identifier_pattern": kShorthandPropertyPattern,
	"private_property_identifier":           kPrivateProperty,
	"this":                                  kThis,
	"super":                                 kSuper,
	"lexical_declaration":                   kLexicalDecl,
	"variable_declaration":                  kVariableDecl,
	"variable_declarator":                   kDeclarator,
	"function_declaration":                  kFunctionDecl,
	"generator_function_declaration":        kGeneratorDecl,
	"function_expression":                   kFunctionExpr,
	"function":                              kFunctionExpr,
	"generator_function":                    kGeneratorExpr,
	"arrow_function":                        kArrow,
	"method_definition":                     kMethod,
	"class_declaration":                     kClassDecl,
	"abstract_class_declaration":            kClassDecl,
	"class":                                 kClassExpr,
	"class_body":                            kClassBody,
	"field_definition":                      kFieldDef,
	"public_field_definition":               kFieldDef,
	"formal_parameters":                     kFormalParams,
	"required_parameter":                    kRequiredParam,
	"optional_parameter":                    kOptionalParam,
	"assignment_pattern":                    kAssignmentPattern,
	"rest_pattern":                          kRestPattern,
	"object_pattern":                        kObjectPattern,
	"array_pattern":                         kArrayPattern,
	"pair_pattern":                          kPairPattern,
	"object_assignment_pattern":             kObjectAssignmentPattern,
	"statement_block":                       kStatementBlock,
	"expression_statement":                  kExpressionStatement,
	"return_statement":                      kReturn,
	"throw_statement":                       kThrow,
	"if_statement":                          kIf,
	"while_statement":                       kWhile,
	"for_statement":                         kFor,
	"for_in_statement":                      kForIn,
	"do_statement":                          kDo,
	"ternary_expression":                    kTernary,
	"assignment_expression":                 kAssign,
	"augmented_assignment_expression":       kAugAssign,
	"update_expression":                     kUpdate,
	"unary_expression":                      kUnary,
	"binary_expression":                     kBinary,
	"call_expression":                       kCall,
	"new_expression":                        kNew,
	"member_expression":                     kMember,
	"subscript_expression":                  kSubscript,
	"arguments":                             kArguments,
	"parenthesized_expression":              kParen,
	"await_expression":                      kAwait,
	"string":                                kString,
	"string_fragment":                       kStringFragment,
	"escape_sequence":                       kEscape,
	"template_string":                       kTemplate,
	"template_substitution":                 kTemplateSubst,
	"number":                                kNumber,
	"true":                                  kTrue,
	"false":                                 kFalse,
	"null":                                  kNull,
	"undefined":                             kUndefined,
	"object":                                kObject,
	"pair":                                  kPair,
	"array":                                 kArray,
	"spread_element":                        kSpread,
	"import_statement":                      kImport,
	"import_clause":                         kImportClause,
	"named_imports":                         kNamedImports,
	"import_specifier":                      kImportSpecifier,
	"namespace_import":                      kNamespaceImport,
	"export_statement":                      kExport,
	"export_clause":                         kExportClause,
	"export_specifier":                      kExportSpecifier,
	"catch_clause":                          kCatch,
	"sequence_expression":                   kSequence,
	"as_expression":                         kTypeWrapper,
	"satisfies_expression":                  kTypeWrapper,
	"non_null_expression":                   kTypeWrapper,
	"type_assertion":                        kTypeWrapper,
	"type_annotation":                       kTypeOnly,
	"type_arguments":                        kTypeOnly,
	"type_parameters":                       kTypeOnly,
	"interface_declaration":                 kTypeOnly,
	"type_alias_declaration":                kTypeOnly,
	"ambient_declaration":                   kTypeOnly,
	"predefined_type":                       kTypeOnly,
	"accessibility_modifier":                kTypeOnly,
	"type_identifier":                       kTypeIdent,
	"decorator":                             kDecorator,
	"ERROR":                                 kError,
	"computed_property_name":                kComputedProperty,
	"class_static_block":                    kStaticBlock,
}

// fieldIDs are a grammar's numeric ids of the fields the lowering reads.
type fieldIDs struct {
	name, value, left, right, operator, function, arguments, object, property, index,
	body, parameters, parameter, condition, consequence, alternative, source, declaration,
	key, alias, pattern, constructor, argument, kind, member uint16
}

type grammarInfo struct {
	g     *treesitter.Grammar
	kinds []kind // by symbol id
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
		"name": &gi.f.name, "value": &gi.f.value, "left": &gi.f.left, "right": &gi.f.right,
		"operator": &gi.f.operator, "function": &gi.f.function, "arguments": &gi.f.arguments,
		"object": &gi.f.object, "property": &gi.f.property, "index": &gi.f.index, "body": &gi.f.body,
		"parameters": &gi.f.parameters, "parameter": &gi.f.parameter, "condition": &gi.f.condition,
		"consequence": &gi.f.consequence, "alternative": &gi.f.alternative, "source": &gi.f.source,
		"declaration": &gi.f.declaration, "key": &gi.f.key, "alias": &gi.f.alias, "pattern": &gi.f.pattern,
		"constructor": &gi.f.constructor, "argument": &gi.f.argument, "kind": &gi.f.kind, "member": &gi.f.member,
	}
	g.BindFields(ids)
	return gi
}

var (
	jsInfo  = sync.OnceValue(func() *grammarInfo { return newGrammarInfo(treesitter.JavaScript()) })
	tsInfo  = sync.OnceValue(func() *grammarInfo { return newGrammarInfo(treesitter.TypeScript()) })
	tsxInfo = sync.OnceValue(func() *grammarInfo { return newGrammarInfo(treesitter.TSX()) })
)
