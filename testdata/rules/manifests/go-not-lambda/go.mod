module example.com/cli

go 1.20 // ok: not a Lambda function (no aws-lambda-go)

require github.com/spf13/cobra v1.8.0
