package awsdata

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// NewClients builds the Lambda and CloudWatch clients with the SDK's
// standard credential chain (environment, shared config and credentials
// files, SSO, web identity, container and instance roles). Empty region and
// profile leave the choice to that chain (AWS_REGION, AWS_PROFILE, the
// profile's region).
//
// It retrieves credentials once up front so a missing or broken setup is
// reported before any call, as ErrCredentials with how to configure them.
func NewClients(ctx context.Context, region, profile string) (Clients, error) {
	var opts []func(*config.LoadOptions) error
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		var missing config.SharedConfigProfileNotExistError
		if errors.As(err, &missing) {
			return Clients{}, &Error{Kind: ErrCredentials, Msg: fmt.Sprintf("AWS profile %q not found in the shared config or credentials files; %s", missing.Profile, CredentialsHelp), Err: err}
		}
		return Clients{}, &Error{Kind: ErrCredentials, Msg: "loading the AWS configuration; " + CredentialsHelp, Err: err}
	}
	if cfg.Region == "" {
		return Clients{}, &Error{Kind: ErrRegion, Msg: "no AWS Region: pass --region, set AWS_REGION, or set region in the profile"}
	}
	if cfg.Credentials == nil {
		return Clients{}, &Error{Kind: ErrCredentials, Msg: "no AWS credentials found; " + CredentialsHelp}
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return Clients{}, &Error{Kind: ErrCredentials, Msg: "no AWS credentials found; " + CredentialsHelp, Err: err}
	}
	return FromConfig(cfg), nil
}

// FromConfig builds Clients from an aws.Config (tests point BaseEndpoint at
// an httptest server and use static credentials).
func FromConfig(cfg aws.Config) Clients {
	return Clients{
		Lambda:     lambda.NewFromConfig(cfg),
		CloudWatch: cloudwatch.NewFromConfig(cfg),
		Region:     cfg.Region,
	}
}
