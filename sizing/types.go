// Package sizing turns what a scan found, each runtime's concurrency model
// and a workload into a Lambda Managed Instances configuration, checks it
// against every documented limit (with the lmi package, the same validator
// the template rules use), and compares its monthly cost with Lambda's.
//
// Subpackages fill in around the model: pricing (the embedded price table
// and the Price List API), emit (CDK, SAM, CloudFormation, Terraform, CLI),
// awsdata (a function's configuration and metrics read from an account).
package sizing

import "time"

// Workload is how much CPU one invocation uses while it runs.
type Workload string

// Workloads (the sample calculator's IO-heavy, balanced and CPU-heavy).
const (
	IOBound  Workload = "io"
	Balanced Workload = "balanced"
	CPUBound Workload = "cpu"
)

// Discount is a pricing commitment.
type Discount string

// Discounts.
const (
	OnDemand   Discount = "none"
	Compute1yr Discount = "compute-1yr"
	Compute3yr Discount = "compute-3yr"
	EC21yr     Discount = "ec2-1yr"
	RI3yr      Discount = "ri-3yr"
)

// Input is the workload and the choices a user gives (flags, or read from an
// account), plus what the scan found.
type Input struct {
	Runtime      string  // family: nodejs, python, java, dotnet, go, rust
	RuntimeID    string  // "nodejs22.x" when known
	Arch         string  // arm64 | x86_64 ("" chooses arm64)
	Region       string  // "us-east-1" when empty
	InstanceType string  // "" lets sizing choose
	Ratio        float64 // memory GiB per vCPU: 2, 4, 8 (0 lets sizing choose)

	PeakConcurrency       int           // target peak concurrent requests
	MemoryPerInvocationMB int           // memory one invocation needs
	RequestsPerMonth      float64       // requests per month
	Duration              time.Duration // average duration of one request
	Workload              Workload
	Discount              Discount
	AZs                   int // availability zones to cover: 3, 5, or 0 (none)
	// TargetCPU is the share of an environment's vCPUs steady load may use
	// (0: DefaultTargetCPU).
	TargetCPU float64
	// LambdaMemoryMB is the function's memory on Lambda today, for the cost
	// comparison (0: the memory per invocation).
	LambdaMemoryMB int

	Scan ScanSummary

	// runtimeFromTemplate: the runtime was read, not given, so an
	// unsupported one is upgraded (and said) rather than refused.
	runtimeFromTemplate bool
}

// ScanSummary is what sizing uses of a scan's findings for one function.
type ScanSummary struct {
	// Blocking are error-level hazards (rule ID and location) that make
	// running at concurrency above 1 unsafe until fixed.
	Blocking []string
	// CPUBound: LMI010 found CPU-heavy work in invocation code.
	CPUBound bool
	// PerProcessMB is memory LMI009 estimates each Python process holds at
	// import (0 when unknown).
	PerProcessMB float64
}

// Config is an LMI configuration: what emitters write and validation checks.
// Property names follow the Lambda API.
type Config struct {
	FunctionName string
	Runtime      string // runtime id
	Handler      string
	Architecture string // arm64 | x86_64
	MemorySize   int    // MB

	ExecutionEnvironmentMemoryGiBPerVCpu  float64
	PerExecutionEnvironmentMaxConcurrency int
	MinExecutionEnvironments              int
	MaxExecutionEnvironments              int // 0: no maximum

	CapacityProvider CapacityProviderConfig
}

// CapacityProviderConfig is the capacity provider a function runs on.
type CapacityProviderConfig struct {
	Name                 string
	Architecture         string
	AllowedInstanceTypes []string
	MaxVCpuCount         int
	ScalingMode          string  // Auto | Manual
	TargetCPUUtilization float64 // for Manual: target tracking on average CPU (0: none)
}

// Capacity is how many execution environments and instances a workload
// needs.
type Capacity struct {
	InstanceType            string `json:"instanceType"`
	VCpusPerEnvironment     int    `json:"vcpusPerEnvironment"`
	ConcurrencyPerEnv       int    `json:"concurrencyPerEnvironment"`
	EnvironmentsNeeded      int    `json:"environmentsNeeded"`
	EnvironmentsPerInstance int    `json:"environmentsPerInstance"`
	BaseInstances           int    `json:"baseInstances"`
	Instances               int    `json:"instances"`
}

// Cost is a monthly comparison in US dollars.
type Cost struct {
	LMIMonthlyUSD             float64 `json:"lmiMonthlyUSD"`
	LMIComputeUSD             float64 `json:"lmiComputeUSD"`
	LMIManagementFeeUSD       float64 `json:"lmiManagementFeeUSD"`
	LMIRequestsUSD            float64 `json:"lmiRequestsUSD"`
	LambdaMonthlyUSD          float64 `json:"lambdaMonthlyUSD"`
	BreakEvenRequestsPerMonth float64 `json:"breakEvenRequestsPerMonth"` // 0: LMI never becomes cheaper
	InstanceHourlyUSD         float64 `json:"instanceHourlyUSD"`
	PriceSource               string  `json:"priceSource"`
	PriceDate                 string  `json:"priceDate"`
}

// PriceBook gives prices: the embedded table or the AWS Price List API.
type PriceBook interface {
	// InstanceHourly is the On-Demand Linux price of an instance type in a
	// Region, in US dollars per hour.
	InstanceHourly(region, instanceType string) (float64, error)
	// InstanceTypes lists the types the book knows in a Region.
	InstanceTypes(region string) []InstanceType
	// Source and Date say where the prices come from and when they were read.
	Source() string
	Date() string
}

// InstanceType is an EC2 instance type LMI can run on.
type InstanceType struct {
	Name     string  // "c7g.xlarge"
	VCpus    int     // 4
	MemoryMB int     // 8192
	Arch     string  // arm64 | x86_64
	Hourly   float64 // On-Demand USD per hour in the Region asked for
}

// RegionSourcer is a PriceBook that can cite one Region's source and date.
type RegionSourcer interface {
	SourceIn(region string) (source, date string)
}
