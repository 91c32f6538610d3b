module example.com/fn

go 1.22.0 // ok: at the minimum

require github.com/aws/aws-lambda-go v1.51.0 // ok: at the minimum
