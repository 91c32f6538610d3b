module example.com/fn

go 1.21 // want "LMI013"

require (
	github.com/aws/aws-lambda-go v1.47.0 // want "LMI013"
	github.com/aws/aws-sdk-go-v2 v1.30.0 // ok: no LMI minimum
)
