// CDK source: Lambda Managed Instances limits (LMI011, LMI012) read from
// new lambda.CapacityProvider(...) and cp.addFunction(fn, {...}). Providers and
// functions are arm64 with a maxVCpuCount unless the case says otherwise.
import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

const code = lambda.Code.fromAsset(path.join(__dirname, '../src'));

export class LimitsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc });

    // ---- capacity providers ---------------------------------------------------

    const capacity = new lambda.CapacityProvider(this, 'Capacity', {
      subnets: vpc.privateSubnets, // ok: subnets from the VPC construct, count unknown
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64], // ok: Graviton
      maxVCpuCount: 12, // ok: the CDK construct's minimum
      scalingOptions: lambda.ScalingOptions.auto(), // ok: Auto
    });

    const small = new lambda.CapacityProvider(this, 'Small', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64],
      maxVCpuCount: 11, // want "LMI012" (the CDK construct validates 12 to 15000)
    });

    new lambda.CapacityProvider(this, 'Huge', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64],
      maxVCpuCount: 15_001, // want "LMI012" (above 15000)
    });

    new lambda.CapacityProvider(this, 'TwoArchs', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64, lambda.Architecture.X86_64], // want "LMI012" (exactly one)
      maxVCpuCount: 64,
    });

    new lambda.CapacityProvider(this, 'NoSubnets', {
      subnets: [], // want "LMI012" (at least one subnet)
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64],
      maxVCpuCount: 64,
    });

    new lambda.CapacityProvider(this, 'BadType', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64],
      instanceTypeFilter: lambda.InstanceTypeFilter.allow([
        new ec2.InstanceType('c7g.xlarge'),
        new ec2.InstanceType('m7g'), // want "LMI012" (no instance size)
        new ec2.InstanceType('r7g.xlarge'),
      ]),
      maxVCpuCount: 64,
    });

    new lambda.CapacityProvider(this, 'Excluding', {
      subnets: vpc.privateSubnets,
      securityGroups: [sg],
      architectures: [lambda.Architecture.ARM_64],
      instanceTypeFilter: lambda.InstanceTypeFilter.exclude([new ec2.InstanceType('c6g.*')]), // ok: wildcards are allowed when excluding
      maxVCpuCount: 64,
    });

    // ---- concurrency ------------------------------------------------------------

    const busy = new lambda.Function(this, 'Busy', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(busy, {
      perExecutionEnvironmentMaxConcurrency: 65, // want "LMI012" (2048 MB at ratio 2 is 1 vCPU: 64)
    });

    const fits = new lambda.Function(this, 'Fits', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(fits, {
      perExecutionEnvironmentMaxConcurrency: 64, // ok: exactly the limit for 1 vCPU
      executionEnvironmentMemoryGiBPerVCpu: 2, // ok: a supported ratio
    });

    const wide = new lambda.Function(this, 'Wide', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 8192,
    });
    capacity.addFunction(wide, {
      perExecutionEnvironmentMaxConcurrency: 256, // ok: 8192 MB at ratio 2 is 4 vCPUs, 256 allowed
    });

    // ---- ratio and memory ---------------------------------------------------------

    const ratio = new lambda.Function(this, 'Ratio', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 6144,
    });
    capacity.addFunction(ratio, {
      executionEnvironmentMemoryGiBPerVCpu: 3, // want "LMI012" (2, 4 or 8)
    });

    const tiny = new lambda.Function(this, 'Tiny', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 1024, // want "LMI012" (below 2048 MB)
    });
    capacity.addFunction(tiny);

    new lambda.Function(this, 'Classic', {
      runtime: lambda.Runtime.NODEJS_18_X, // ok: not on a capacity provider
      handler: 'index.handler',
      code,
      memorySize: 128, // ok: Lambda's default compute allows 128 MB
    });

    // ---- scaling ------------------------------------------------------------------

    const scaled = new lambda.Function(this, 'Scaled', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 4096,
    });
    capacity.addFunction(scaled, {
      latestPublishedScalingConfig: {
        minExecutionEnvironments: 10, // want "LMI012" (min above max)
        maxExecutionEnvironments: 5,
      },
    });

    const paused = new lambda.Function(this, 'Paused', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 4096,
    });
    capacity.addFunction(paused, {
      latestPublishedScalingConfig: { minExecutionEnvironments: 0, maxExecutionEnvironments: 0 }, // ok: 0/0 deactivates on purpose
    });

    // ---- runtimes ---------------------------------------------------------------------

    const oldNode = new lambda.Function(this, 'OldNode', {
      runtime: lambda.Runtime.NODEJS_20_X, // want "LMI011" (Node.js 22 or later)
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(oldNode);

    const newNode = new lambda.Function(this, 'NewNode', {
      runtime: lambda.Runtime.NODEJS_22_X, // ok: the minimum Node.js runtime
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(newNode);

    const customRuntime = new lambda.Function(this, 'CustomRuntime', {
      runtime: new lambda.Runtime('nodejs20.x'), // want "LMI011" (new Runtime('nodejs20.x') is read)
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(customRuntime);

    const py = new lambda.Function(this, 'Py', {
      runtime: lambda.Runtime.PYTHON_3_12, // want "LMI011" (python3.13 or later)
      handler: 'app.handler',
      code: lambda.Code.fromBucket(s3Bucket(this), 'py.zip'),
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(py);

    const java = new lambda.Function(this, 'Java', {
      runtime: lambda.Runtime.JAVA_21, // ok: the minimum Java runtime
      handler: 'example.Handler::handleRequest',
      code: lambda.Code.fromBucket(s3Bucket(this), 'java.zip'),
      architecture: lambda.Architecture.ARM_64,
      memorySize: 2048,
    });
    capacity.addFunction(java);

    // ---- architecture -----------------------------------------------------------------

    const x86 = new lambda.Function(this, 'X86', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code,
      architecture: lambda.Architecture.X86_64, // want "LMI012" (function x86_64, provider arm64)
      memorySize: 2048,
    });
    capacity.addFunction(x86);

    const implicitX86 = new NodejsFunction(this, 'ImplicitX86', {
      entry: path.join(__dirname, '../src/index.ts'),
      runtime: lambda.Runtime.NODEJS_22_X,
      memorySize: 2048,
    });
    small.addFunction(implicitX86); // want "LMI012" (no architecture is x86_64; the provider is arm64)
  }
}

function s3Bucket(scope: Construct) {
  return (scope as any).artifacts;
}
