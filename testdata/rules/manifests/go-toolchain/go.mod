module example.com/fn

go 1.21 // ok: the toolchain line builds with Go 1.23

toolchain go1.23.4

require github.com/aws/aws-lambda-go v1.52.0 // ok: above the minimum
