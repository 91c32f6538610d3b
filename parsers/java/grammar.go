package java

import (
	"sync"

	"github.com/lmicheck/lmicheck/parsers/treesitter"
)

// kind is the front-end's own numbering of the node types it reads, looked up
// by symbol id once per grammar, so the lowering never compares strings.
type kind uint8

const (
	kOther kind = iota
	kProgram
	kLineComment
	kBlockComment
	kPackage
	kImport
	kIdentifier
	kTypeIdentifier
	kScopedIdentifier
	kScopedTypeIdentifier
	kGenericType
	kArrayType
	kClass
	kInterface
	kEnum
	kRecord
	kAnnotationType
	kClassBody
	kInterfaceBody
	kEnumBody
	kEnumBodyDecls
	kEnumConstant
	kField
	kConstant
	kMethod
	kConstructor
	kCompactConstructor
	kStaticInit
	kBlock
	kConstructorBody
	kModifiers
	kAnnotation
	kMarkerAnnotation
	kFormalParameters
	kFormalParameter
	kSpreadParameter
	kVarDeclarator
	kLocalVar
	kExprStmt
	kIf
	kWhile
	kDo
	kFor
	kEnhancedFor
	kTry
	kTryWithResources
	kResourceSpec
	kResource
	kCatch
	kCatchParam
	kFinally
	kSynchronized
	kReturn
	kThrow
	kSwitchExpr
	kSwitchBlock
	kSwitchGroup
	kSwitchRule
	kLabeled
	kYield
	kAssignment
	kUpdate
	kUnary
	kBinary
	kTernary
	kParen
	kCast
	kInstanceof
	kMethodInvocation
	kObjectCreation
	kArgumentList
	kFieldAccess
	kArrayAccess
	kArrayCreation
	kArrayInit
	kLambda
	kInferredParams
	kMethodRef
	kString
	kStringFragment
	kMultilineFragment
	kEscape
	kNumber
	kTrue
	kFalse
	kNull
	kThis
	kSuper
	kSuperclass
	kSuperInterfaces
	kExtendsInterfaces
	kTypeList
	kCharacter
	kClassLiteral
	kExplicitCtorCall
	kAnnotationArgs
	kElementValuePair
	kElementValueArray
	kError
)

var kindNames = map[string]kind{
	"program":                         kProgram,
	"line_comment":                    kLineComment,
	"block_comment":                   kBlockComment,
	"package_declaration":             kPackage,
	"import_declaration":              kImport,
	"identifier":                      kIdentifier,
	"type_identifier":                 kTypeIdentifier,
	"scoped_identifier":               kScopedIdentifier,
	"scoped_type_identifier":          kScopedTypeIdentifier,
	"generic_type":                    kGenericType,
	"array_type":                      kArrayType,
	"class_declaration":               kClass,
	"interface_declaration":           kInterface,
	"enum_declaration":                kEnum,
	"record_declaration":              kRecord,
	"annotation_type_declaration":     kAnnotationType,
	"class_body":                      kClassBody,
	"interface_body":                  kInterfaceBody,
	"enum_body":                       kEnumBody,
	"enum_body_declarations":          kEnumBodyDecls,
	"enum_constant":                   kEnumConstant,
	"field_declaration":               kField,
	"constant_declaration":            kConstant,
	"method_declaration":              kMethod,
	"constructor_declaration":         kConstructor,
	"compact_constructor_declaration": kCompactConstructor,
	"static_initializer":              kStaticInit,
	"block":                           kBlock,
	"constructor_body":                kConstructorBody,
	"modifiers":                       kModifiers,
	"annotation":                      kAnnotation,
	"marker_annotation":               kMarkerAnnotation,
	"formal_parameters":               kFormalParameters,
	"formal_parameter":                kFormalParameter,
	"spread_parameter":                kSpreadParameter,
	"variable_declarator":             kVarDeclarator,
	"local_variable_declaration":      kLocalVar,
	"expression_statement":            kExprStmt,
	"if_statement":                    kIf,
	"while_statement":                 kWhile,
	"do_statement":                    kDo,
	"for_statement":                   kFor,
	"enhanced_for_statement":          kEnhancedFor,
	"try_statement":                   kTry,
	"try_with_resources_statement":    kTryWithResources,
	"resource_specification":          kResourceSpec,
	"resource":                        kResource,
	"catch_clause":                    kCatch,
	"catch_formal_parameter":          kCatchParam,
	"finally_clause":                  kFinally,
	"synchronized_statement":          kSynchronized,
	"return_statement":                kReturn,
	"throw_statement":                 kThrow,
	"switch_expression":               kSwitchExpr,
	"switch_block":                    kSwitchBlock,
	"switch_block_statement_group":    kSwitchGroup,
	"switch_rule":                     kSwitchRule,
	"labeled_statement":               kLabeled,
	"yield_statement":                 kYield,
	"assignment_expression":           kAssignment,
	"update_expression":               kUpdate,
	"unary_expression":                kUnary,
	"binary_expression":               kBinary,
	"ternary_expression":              kTernary,
	"parenthesized_expression":        kParen,
	"cast_expression":                 kCast,
	"instanceof_expression":           kInstanceof,
	"method_invocation":               kMethodInvocation,
	"object_creation_expression":      kObjectCreation,
	"argument_list":                   kArgumentList,
	"field_access":                    kFieldAccess,
	"array_access":                    kArrayAccess,
	"array_creation_expression":       kArrayCreation,
	"array_initializer":               kArrayInit,
	"lambda_expression":               kLambda,
	"inferred_parameters":             kInferredParams,
	"method_reference":                kMethodRef,
	"string_literal":                  kString,
	"string_fragment":                 kStringFragment,
	"multiline_string_fragment":       kMultilineFragment,
	"escape_sequence":                 kEscape,
	"decimal_integer_literal":         kNumber,
	"hex_integer_literal":             kNumber,
	"octal_integer_literal":           kNumber,
	"binary_integer_literal":          kNumber,
	"decimal_floating_point_literal":  kNumber,
	"hex_floating_point_literal":      kNumber,
	"true":                            kTrue,
	"false":                           kFalse,
	"null_literal":                    kNull,
	"this":                            kThis,
	"super":                           kSuper,
	"superclass":                      kSuperclass,
	"super_interfaces":                kSuperInterfaces,
	"extends_interfaces":              kExtendsInterfaces,
	"type_list":                       kTypeList,
	"character_literal":               kCharacter,
	"class_literal":                   kClassLiteral,
	"explicit_constructor_invocation": kExplicitCtorCall,
	"annotation_argument_list":        kAnnotationArgs,
	"element_value_pair":              kElementValuePair,
	"element_value_array_initializer": kElementValueArray,
	"ERROR":                           kError,
}

// fieldIDs are the grammar's numeric ids of the fields the lowering reads.
type fieldIDs struct {
	name, typ, body, value, declarator, object, arguments, left, right, operator,
	condition, consequence, alternative, superclass, interfaces, parameters, field,
	array, index, resources, init, update, parameter uint16
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
		"name": &gi.f.name, "type": &gi.f.typ, "body": &gi.f.body, "value": &gi.f.value,
		"declarator": &gi.f.declarator, "object": &gi.f.object, "arguments": &gi.f.arguments,
		"left": &gi.f.left, "right": &gi.f.right, "operator": &gi.f.operator,
		"condition": &gi.f.condition, "consequence": &gi.f.consequence, "alternative": &gi.f.alternative,
		"superclass": &gi.f.superclass, "interfaces": &gi.f.interfaces, "parameters": &gi.f.parameters,
		"field": &gi.f.field, "array": &gi.f.array, "index": &gi.f.index, "resources": &gi.f.resources,
		"init": &gi.f.init, "update": &gi.f.update, "parameter": &gi.f.parameter,
	}
	g.BindFields(ids)
	return gi
}

var javaInfo = sync.OnceValue(func() *grammarInfo { return newGrammarInfo(treesitter.Java()) })
