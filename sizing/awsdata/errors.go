package awsdata

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"
)

// Kinds of failure a caller (the CLI) may tell apart with errors.Is. The
// SDK's own error stays in the chain: errors.As(err, &smithy.APIError) still
// finds it.
var (
	ErrCredentials  = errors.New("no usable AWS credentials")
	ErrAccessDenied = errors.New("access denied")
	ErrNotFound     = errors.New("function not found")
	ErrThrottled    = errors.New("throttled by AWS")
	ErrRegion       = errors.New("no AWS Region")
)

// Actions are the IAM actions awsdata needs (a new slice per call).
func Actions() []string {
	return []string{"lambda:GetFunctionConfiguration", "cloudwatch:GetMetricData"}
}

// CredentialsHelp says how to give the SDK credentials.
const CredentialsHelp = "configure credentials: AWS_PROFILE (or --profile) naming a profile in ~/.aws/config, " +
	"aws sso login for an SSO profile, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role on the machine"

// Error is an AWS failure explained for a person, wrapping its kind and the
// SDK's error.
type Error struct {
	Kind error  // one of the Err* values
	Msg  string // what happened and what to do
	Err  error  // the SDK's error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	return e.Msg + ": " + e.Err.Error()
}

// Unwrap gives both the kind and the SDK's error to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

var (
	accessDeniedCodes = map[string]bool{
		"AccessDeniedException": true, "AccessDenied": true,
		"UnauthorizedOperation": true, "AuthorizationError": true,
	}
	credentialCodes = map[string]bool{
		"UnrecognizedClientException": true, "InvalidClientTokenId": true,
		"ExpiredToken": true, "ExpiredTokenException": true, "RequestExpired": true,
		"InvalidSignatureException": true, "SignatureDoesNotMatch": true,
		"MissingAuthenticationToken": true, "IncompleteSignature": true,
	}
)

// explain turns an SDK error from action (an IAM action name) into an
// *Error when it is one of the kinds people hit; other errors are wrapped
// with what was being done.
func explain(err error, action, function, region string) error {
	if err == nil {
		return nil
	}
	var signing *v4.SigningError
	if errors.As(err, &signing) {
		return &Error{Kind: ErrCredentials, Msg: "no AWS credentials found; " + CredentialsHelp, Err: err}
	}
	var notFound *types.ResourceNotFoundException
	if errors.As(err, &notFound) {
		return &Error{Kind: ErrNotFound, Msg: fmt.Sprintf("function %q not found in Region %s (ResourceNotFoundException): check the name and --region", function, orUnknown(region)), Err: err}
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		return fmt.Errorf("%s for function %q: %w", action, function, err)
	}
	code := api.ErrorCode()
	switch {
	case code == "ResourceNotFoundException":
		return &Error{Kind: ErrNotFound, Msg: fmt.Sprintf("function %q not found in Region %s (ResourceNotFoundException): check the name and --region", function, orUnknown(region)), Err: err}
	case accessDeniedCodes[code]:
		return &Error{Kind: ErrAccessDenied, Msg: fmt.Sprintf("access denied to %s (%s): lmicheck size --from-aws needs the IAM actions %s on function %q in Region %s and %s (Resource \"*\": it has no resource-level permissions)",
			action, code, Actions()[0], function, orUnknown(region), Actions()[1]), Err: err}
	case credentialCodes[code]:
		return &Error{Kind: ErrCredentials, Msg: fmt.Sprintf("AWS rejected the credentials (%s); %s", code, CredentialsHelp), Err: err}
	case isThrottle(code):
		return &Error{Kind: ErrThrottled, Msg: fmt.Sprintf("AWS throttled %s (%s) after the SDK's retries: wait a minute and try again", action, code), Err: err}
	}
	return fmt.Errorf("%s for function %q in Region %s: %w", action, function, orUnknown(region), err)
}

func isThrottle(code string) bool {
	_, ok := retry.DefaultThrottleErrorCodes[code]
	return ok
}

func orUnknown(region string) string {
	if region == "" {
		return "(unknown)"
	}
	return region
}
